#!/bin/sh
# The third GraphML reader: graphology + graphology-graphml in node
# (tests/consumers/graphology-check.mjs) reads kg.graphml of the seed and of
# every tests/good case, and every node, edge and attribute (with its type)
# must agree with the XML read by xmldom and with kg.nt.  The check must also
# fail: on a copy with one attribute changed, one edge deleted, or both.
. tests/lib.sh
need_binaries
C=$REPO/tests/consumers
if ! command -v node >/dev/null 2>&1; then
  echo "1..0 # SKIP node is not installed (apt-get install nodejs npm)"
  exit 0
fi
for m in graphology graphology-graphml @xmldom/xmldom; do
  if [ ! -f "$C/node_modules/$m/package.json" ]; then
    echo "Bail out! $m is not installed (run sh tests/consumers/install.sh)"
    exit 1
  fi
done

# check NAME DIR: the graphology check passes on DIR.
check() {
  node "$C/graphology-check.mjs" "$2" >"$TMP/check.out" 2>&1
  ok $? "$1: graphology-graphml reads kg.graphml as the XML and kg.nt say" ||
    diag "$TMP/check.out"
  note "$(tail -n 1 "$TMP/check.out")"
}
# build NAME FACTS ONTOLOGY: compile into $TMP/NAME/exports.
build() {
  out=$TMP/$1/exports
  mkdir -p "$TMP/$1"
  "$KG" -q --color=never --ontology="$3" --exports="$out" "$2" 2>"$TMP/$1/err"
  ok $? "$1: builds" || diag "$TMP/$1/err"
}

if build seed "$REPO/facts" "$REPO/ontology"; then
  check seed "$out"
fi
for dir in "$REPO"/tests/good/*/; do
  [ -d "$dir/facts" ] || continue
  case=$(basename "$dir")
  if build "$case" "$dir/facts" "$(good_ontology "$dir")"; then
    check "$case" "$out"
  fi
done

# The check can fail.  corrupt NAME EDIT-COMMAND PATTERN: a copy of the seed
# exports whose kg.graphml went through EDIT-COMMAND must fail the check,
# with a message matching PATTERN.
SEED=$TMP/seed/exports
corrupt() {
  bad=$TMP/bad-$1
  rm -rf "$bad"
  cp -R "$SEED" "$bad"
  sh -c "$2" <"$SEED/kg.graphml" >"$bad/kg.graphml"
  if cmp -s "$SEED/kg.graphml" "$bad/kg.graphml"; then
    fail "$1: the corruption changed nothing (the test is out of date)"
    return
  fi
  node "$C/graphology-check.mjs" "$bad" >"$TMP/bad.out" 2>&1
  rc=$?
  [ $rc = 1 ] && grep -Eq "$3" "$TMP/bad.out"
  ok $? "$1: the check fails (exit $rc)" || diag "$TMP/bad.out"
}
[ -f "$SEED/kg.graphml" ] || echo "Bail out! the seed did not build"
# One node's label (a string), one node's pagerank (a number).
LABEL="awk '!done && /<data key=\"v_label\">/ { sub(/\">[^<]*</, \"\\\">Someone Else<\"); done = 1 } { print }'"
PAGERANK="awk '!done && /<data key=\"v_pagerank\">/ { sub(/\">[^<]*</, \"\\\">0.5<\"); done = 1 } { print }'"
# The first edge, deleted.
NOEDGE="awk '!done && /<edge / { skip = 1 } { if (!skip) print } skip && /<\\/edge>/ { skip = 0; done = 1 }'"
corrupt label-changed "$LABEL" "label 'Someone Else'"
corrupt pagerank-changed "$PAGERANK" "pagerank 0.5"
corrupt edge-deleted "$NOEDGE" "no edge draws it|degree_"
corrupt label-changed-and-edge-deleted "$LABEL | $NOEDGE" "label 'Someone Else'.*|no edge draws it"
# A type confusion: weight declared as a string.
corrupt weight-a-string "sed 's/attr.name=\"weight\" attr.type=\"double\"/attr.name=\"weight\" attr.type=\"string\"/'" \
  "weight is not a number"
# Not XML at all.
corrupt truncated "head -c 2000" "cannot parse|not well-formed|not GraphML"
done_testing
