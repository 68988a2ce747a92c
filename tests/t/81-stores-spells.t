#!/bin/sh
# Every reference carried by kg.nq (issue 19 item 2), in two real stores:
# tests/good/spells (three sources; one value in two spells from two
# sources; one statement from three sources) is compiled and its kg.nq
# loaded into Oxigraph and into a throwaway Virtuoso 7; after DROP GRAPH of
# any one source, every statement another source still states keeps its
# direct triple (tests/stores/queries/orphan-statements.rq answers
# nothing), and the facts the fixture's sources share are asked by name.
. tests/lib.sh
need_binaries
STORES=$REPO/tests/stores
Q=$STORES/queries/orphan-statements.rq
T=$TMP
. "$STORES/virtuoso-lib.sh"
trap 'vt_stop >/dev/null 2>&1; rm -rf "$TMP"' EXIT
[ -d "$STORES/node_modules/oxigraph" ] ||
  { echo "Bail out! oxigraph is not installed (run sh tests/stores/install.sh)"; exit 1; }
"$KG" -q --exports="$T/e" tests/good/spells/facts 2>"$T/err"
ok $? "tests/good/spells compiles" || diag "$T/err"
ox() { node "$STORES/oxigraph-query.mjs" --compact "$@"; }
ASK_P4='PREFIX id: <https://w3id.org/kgbuild/id/> PREFIX org: <http://www.w3.org/ns/org#> ASK { GRAPH ?g { id:p4 org:memberOf id:org-y } }'
ASK_P1='PREFIX id: <https://w3id.org/kgbuild/id/> PREFIX kg: <https://w3id.org/kgbuild/ns#> ASK { GRAPH ?g { id:p1 kg:counterpartOf id:p2 } }'
for s in s1 s2 s3; do
  G="${BASE_IRI}$s"
  ox "$T/e/kg.nq" --update="DROP GRAPH <$G>" "$Q" >"$T/ox-$s.tsv" 2>"$T/ox.err"
  ok $? "oxigraph: loads kg.nq and drops <$s>" || diag "$T/ox.err"
  [ "$(sed 1d "$T/ox-$s.tsv" | wc -l)" = 0 ]
  ok $? "oxigraph: without <$s>, every statement another source states keeps its direct triple" ||
    diag "$T/ox-$s.tsv"
  p4=$(ox "$T/e/kg.nq" --update="DROP GRAPH <$G>" --query="$ASK_P4" 2>&1)
  p1=$(ox "$T/e/kg.nq" --update="DROP GRAPH <$G>" --query="$ASK_P1" 2>&1)
  # s1, s2 and s3 all state p4's membership; s1 and s2 each a spell of p1's
  [ "$p4" = true ] && [ "$p1" = true ]
  ok $? "oxigraph: without <$s>, p4 member-of org-y ($p4) and p1 counterpart-of p2 ($p1) remain"
done

vt_start "$T/virtuoso" 2>"$T/vt-start.err"
if ! ok $? "virtuoso: a private server starts"; then
  diag "$T/vt-start.err"
  vt_log | diag
  done_testing
  exit
fi
G_DEFAULT=urn:kgbuild:test:nq-default
for s in s1 s2 s3; do
  vt_load "$T/e/kg.nq" "$G_DEFAULT" 2>"$T/vt.err"
  ok $? "virtuoso: loads kg.nq" || diag "$T/vt.err"
  # Virtuoso refuses DROP GRAPH of a graph not made with CREATE GRAPH: SILENT
  vt_sql "SPARQL DROP SILENT GRAPH <${BASE_IRI}$s>;" >"$T/vt.out" 2>&1 || diag "$T/vt.out"
  gone=$(vt_count "${BASE_IRI}$s" 2>&1)
  vt_query "$Q" >"$T/vt-$s.json" 2>"$T/vt.err" &&
    node "$STORES/sparql-results.mjs" --compact <"$T/vt-$s.json" >"$T/vt-$s.tsv" 2>>"$T/vt.err"
  ok $? "virtuoso: answers after DROP GRAPH <$s>" || diag "$T/vt.err"
  [ "$gone" = 0 ] && [ "$(sed 1d "$T/vt-$s.tsv" | wc -l)" = 0 ]
  ok $? "virtuoso: without <$s> ($gone triples left in it), every statement another source states keeps its direct triple" ||
    diag "$T/vt-$s.tsv"
  # the next round starts from a full store again
  for g in s1 s2 s3; do
    vt_sql "SPARQL DROP SILENT GRAPH <${BASE_IRI}$g>;" >/dev/null 2>&1
  done
  vt_sql "SPARQL DROP SILENT GRAPH <https://w3id.org/kgbuild/ns>;
SPARQL DROP SILENT GRAPH <$G_DEFAULT>;" >/dev/null 2>&1
done
vt_stop 2>"$T/vt.err"
ok $? "virtuoso: the server stops" || diag "$T/vt.err"
done_testing
