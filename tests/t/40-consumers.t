#!/bin/sh
# The exports of the seed (facts/ + ontology/) and of every tests/good case,
# read by their consumers: rapper and serdi (strict) parse kg.ttl and kg.nt;
# xmllint validates kg.graphml against the GraphML schema; rdflib, networkx
# and python-igraph cross-check the three files and kgbuild's summary line
# (tests/consumers/check_exports.py).
. tests/lib.sh
need_binaries
XSD=../shared/reference/graphml/graphml.xsd

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
  for f in kg.ttl:turtle kg.nt:ntriples; do
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
  # shellcheck disable=SC2086 # counts is three numbers
  "$PY" "$REPO/tests/consumers/check_exports.py" "$e" $counts >"$TMP/py.out" 2>&1
  ok $? "$name: rdflib/networkx/igraph agree with each other and with the summary ($counts)" ||
    diag "$TMP/py.out"
}

if build seed "$REPO/facts" "$REPO/ontology"; then
  check_set seed "$out/exports"
fi
for dir in "$REPO"/tests/good/*/; do
  [ -d "$dir/facts" ] || continue
  case=$(basename "$dir")
  if build "$case" "$dir/facts" "$REPO/tests/good/ontology"; then
    check_set "$case" "$out/exports"
  fi
done
done_testing
