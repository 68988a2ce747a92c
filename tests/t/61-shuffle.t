#!/bin/sh
# Determinism (issue 19 item 4): every fixture of tests/good and the seed,
# rewritten by tests/consumers/shuffle_facts.py with every entry in a file
# of its own, files, entries, every list (values, long forms, sources,
# qualifier values) and every mapping's keys in a random order, gives
# byte-identical exports, every one of them.
. tests/lib.sh
need_binaries
GOOD=$REPO/tests/good
T=$TMP
compare() { # compare NAME WANT_DIR GOT_DIR
  differ=""
  for f in $(cd "$2" && ls); do
    cmp -s "$2/$f" "$3/$f" || differ="$differ $f"
  done
  [ -z "$differ" ]
  ok $? "$1: identical exports" ||
    for f in $differ; do diff "$2/$f" "$3/$f" | head -n 8 | diag; done
}
for dir in "$GOOD"/*/; do
  case=$(basename "$dir")
  [ -d "$dir/facts" ] || continue
  w=$T/$case
  mkdir -p "$w"
  cp -R "$dir/facts" "$w/facts"
  ln -s "$(good_ontology "$dir")" "$w/ontology"
  (cd "$w" && "$KG" -q --exports=want facts 2>"$T/err")
  ok $? "$case: builds" || { diag "$T/err"; continue; }
  for seed in 1 2; do
    "$PY" tests/consumers/shuffle_facts.py "$w/facts" "$w/s$seed" $seed >"$T/sh.out" 2>&1 ||
      { fail "shuffle_facts.py $case $seed"; diag "$T/sh.out"; continue; }
    (cd "$w" && "$KG" -q --exports="got$seed" "s$seed" 2>"$T/err")
    ok $? "$case shuffled (seed $seed): builds" || diag "$T/err"
    compare "$case shuffled (seed $seed)" "$w/want" "$w/got$seed"
  done
done
if [ -n "$SEED_SOURCES" ] && [ -d "$SEED_DIR" ]; then
  "$KG" -q --exports="$T/seed" "$SEED_SOURCES" facts 2>"$T/err"
  ok $? "the seed builds" || diag "$T/err"
  for seed in 4 5; do
    "$PY" tests/consumers/shuffle_facts.py facts "$T/seed$seed" $seed >"$T/sh.out" 2>&1 ||
      { fail "shuffle_facts.py seed $seed"; diag "$T/sh.out"; continue; }
    "$KG" -q --exports="$T/seedout$seed" "$SEED_SOURCES" "$T/seed$seed" 2>"$T/err"
    ok $? "the seed shuffled ($seed): builds" || diag "$T/err"
    compare "the seed shuffled ($seed)" "$T/seed" "$T/seedout$seed"
  done
else
  skip "the seed's archived copy is absent"
fi
done_testing
