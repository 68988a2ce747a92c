#!/bin/sh
# bench/push.sh - kgbuild push beside Virtuoso's own bulk loader, on the
# same data (docs/performance.md, "kgbuild push").
#
#   bench/push.sh BASE-DIR [WORK-DIR]
#
# BASE-DIR is a fact base's facts (bench/gen.py --out DIR).  For it, with
# ./kgbuild and the ontology of this checkout:
#   1. kg.nq is written (timed), and its quads counted;
#   2. a fresh throwaway Virtuoso (tests/stores/virtuoso-lib.sh) takes a
#      first push (every graph), a second (nothing changed: the hashes
#      only), then a checkpoint (timed apart: the bulk loader's includes
#      one); the quads in kgbuild's graphs are counted;
#   3. a second fresh server bulk-loads the same kg.nq (ld_dir +
#      rdf_loader_run + checkpoint, as tests do) and counts them too.
# Prints one TSV line per step: step, seconds, quads.  Needs virtuoso-t,
# isql-vt (tests/stores/install.sh) and python3.
set -u
[ $# -ge 1 ] || { sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
REPO=$(cd "$(dirname "$0")/.." && pwd)
BASE=$(cd "$1" && pwd) || exit 2
W=${2:-$(mktemp -d "${TMPDIR:-/tmp}/kgpush.XXXXXX")}
mkdir -p "$W"
W=$(cd "$W" && pwd)
KG=${KG:-$REPO/kgbuild}
# a bulk load at 100k people takes more than the tests' isql limit
VT_ISQL_TIMEOUT=${VT_ISQL_TIMEOUT:-7200}
. "$REPO/tests/stores/virtuoso-lib.sh"
trap 'vt_stop >/dev/null 2>&1' EXIT
now() { date +%s.%N; }
since() { echo "$(now) $1" | awk '{ printf "%.2f", $1 - $2 }'; }
quads() { # the quads of kgbuild's graphs but the manifest, over SQL
  vt_sql "SPARQL SELECT COUNT(*) WHERE { GRAPH ?g { ?s ?p ?o } FILTER (STRSTARTS(STR(?g), 'https://w3id.org/kgbuild/') && ?g != <https://w3id.org/kgbuild/id/_push>) };" |
    grep -E '^[[:space:]]*[0-9]+[[:space:]]*$' | tr -d ' \t' | tail -n 1
}
row() { printf '%s\t%s\t%s\n' "$1" "$2" "$3"; }

t=$(now)
"$KG" -q --ontology="$REPO/ontology" --measures=none --format=nq -o "$W/kg.nq" "$BASE" || exit 3
row "kgbuild --format=nq" "$(since "$t")" "$(wc -l <"$W/kg.nq" | tr -d ' ')"
row "graphs in kg.nq" "-" "$(awk '{ print $(NF-1) }' "$W/kg.nq" | sort -u | wc -l | tr -d ' ')"

vt_start "$W/push-db" >/dev/null || exit 3
export KGBUILD_PUSH_USER=dba KGBUILD_PUSH_PASSWORD=dba
URL=http://127.0.0.1:$VT_HTTP_PORT/sparql-graph-crud-auth
for step in "first push" "second push (unchanged)"; do
  t=$(now)
  "$KG" push --ontology="$REPO/ontology" --measures=none "$URL" "$BASE" 2>"$W/push.err" ||
    { cat "$W/push.err" >&2; exit 3; }
  row "$step" "$(since "$t")" "$(quads)"
  tail -n 2 "$W/push.err" | sed 's/^/# /'
done
t=$(now)
vt_sql "checkpoint;" >/dev/null
row "checkpoint after the push" "$(since "$t")" "-"
vt_stop

vt_start "$W/load-db" >/dev/null || exit 3
t=$(now)
vt_load "$W/kg.nq" urn:kgbuild:bench:default || exit 3
row "bulk load (ld_dir, rdf_loader_run, checkpoint)" "$(since "$t")" "$(quads)"
vt_stop
