#!/bin/sh
# The exports of the seed (facts/ + ontology/) and of every tests/good case,
# read by their consumers: rapper and serdi (strict) parse kg.ttl, kg.nt and
# kg.nq; xmllint validates kg.graphml against the GraphML schema and kg.gexf
# against the GEXF 1.3 grammar; rdflib, networkx and python-igraph cross-check
# the files and kgbuild's summary line (tests/consumers/check_exports.py,
# check_more.py); Graphviz parses kg.dot; networkx sees a relation's
# qualifier as an edge attribute.
. tests/lib.sh
need_binaries
XSD=../shared/reference/graphml/graphml.xsd
RNG=../shared/reference/gexf/gexf.rng

# build NAME FACTS ONTOLOGY: compile into $TMP/NAME; sets $out and $counts.
build() {
  out=$TMP/$1
  mkdir -p "$out"
  "$KG" --color=never --ontology="$3" --exports="$out/exports" "$2" 2>"$out/err"
  rc=$?
  counts=$(sed -n 's/.*-> \([0-9][0-9]*\) triples, \([0-9][0-9]*\) nodes, \([0-9][0-9]*\) edges.*/\1 \2 \3/p' "$out/err")
  [ $rc = 0 ] && [ -n "$counts" ]
  ok $? "$1: builds, and prints its summary line" || diag "$out/err"
}

check_set() { # NAME DIR
  name=$1 e=$2
  for f in kg.ttl:turtle kg.nt:ntriples kg.nq:nquads; do
    file=${f%%:*} syntax=${f#*:}
    rapper -q -c -i "$syntax" "$e/$file" >"$TMP/rapper.out" 2>&1
    rc=$?
    [ $rc = 0 ] && ! grep -qiE 'warning|error' "$TMP/rapper.out"
    ok $? "$name: rapper -c -i $syntax $file" || diag "$TMP/rapper.out"
    serdi -i "$syntax" -o ntriples "$e/$file" >"$TMP/serdi.nt" 2>"$TMP/serdi.err"
    rc=$?
    [ $rc = 0 ] && [ ! -s "$TMP/serdi.err" ]
    ok $? "$name: serdi -i $syntax $file (strict)" || diag "$TMP/serdi.err"
  done
  if [ -f "$XSD" ]; then
    xmllint --noout --schema "$XSD" "$e/kg.graphml" >"$TMP/xmllint.out" 2>&1
    ok $? "$name: xmllint --schema graphml.xsd kg.graphml" || diag "$TMP/xmllint.out"
  else
    skip "$name: $XSD is absent (CI clones the repository beside ../shared)"
  fi
  if [ -f "$RNG" ]; then
    xmllint --noout --relaxng "$RNG" "$e/kg.gexf" >"$TMP/xmllint.out" 2>&1
    ok $? "$name: xmllint --relaxng gexf.rng kg.gexf (GEXF 1.3)" || diag "$TMP/xmllint.out"
  else
    skip "$name: $RNG is absent (CI clones the repository beside ../shared)"
  fi
  "$PY" "$REPO/tests/consumers/check_more.py" "$e" >"$TMP/more.out" 2>&1
  ok $? "$name: kg.nq, kg.gexf and kg.dot agree with kg.nt and kg.graphml" ||
    diag "$TMP/more.out"
  # shellcheck disable=SC2086 # counts is three numbers
  "$PY" "$REPO/tests/consumers/check_exports.py" "$e" $counts >"$TMP/py.out" 2>&1
  ok $? "$name: rdflib/networkx/igraph agree with each other and with the summary ($counts)" ||
    diag "$TMP/py.out"
}

if build seed "$REPO/facts" "$REPO/ontology"; then
  check_set seed "$out/exports"
  # The counterpart relation holds in a setting: its `context` qualifier is
  # an edge attribute a GraphML reader sees.
  "$PY" - "$out/exports/kg.graphml" >"$TMP/ctx.out" 2>&1 <<'PY'
import json
import sys
import networkx as nx
g = nx.read_graphml(sys.argv[1])
ids = {n: a["kg_id"] for n, a in g.nodes(data=True)}
e = [a for u, v, a in g.edges(data=True)
     if (ids[u], ids[v], a["label"]) == ("wang-lei", "christopher-painter", "counterpart-of")]
assert len(e) == 1, e
# free text qualifiers are a JSON array (docs/modelling.md)
assert json.loads(e[0].get("context")) == ["in international multilateral negotiations"], e[0]
PY
  ok $? "seed: networkx reads the counterpart edge's context qualifier from kg.graphml" ||
    diag "$TMP/ctx.out"
fi
for dir in "$REPO"/tests/good/*/; do
  [ -d "$dir/facts" ] || continue
  case=$(basename "$dir")
  if build "$case" "$dir/facts" "$(good_ontology "$dir")"; then
    check_set "$case" "$out/exports"
  fi
done
done_testing
