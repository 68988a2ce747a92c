#!/bin/sh
# The committed exports/ are a fresh build of facts/ and ontology/, and the
# build is deterministic: twice the same, and the same from shuffled,
# renamed, re-split fact files (tests/consumers/shuffle_facts.py).  And it
# says what the article says, no more (tests/consumers/seed_article.py, the
# second audit's questions asked of kg.ttl with rdflib: issue 19, item 7).
. tests/lib.sh
need_binaries
# The committed exports hold the quotes' places in the archived article.
need_seed
T=$TMP
# exports/site/ (--format=site, which a plain build does not write) is
# compared whole.
same_file() { if [ -d "$1" ]; then diff -r -q "$1" "$2" >/dev/null 2>&1; else cmp -s "$1" "$2"; fi; }
"$KG" -q --exports="$T/fresh" "$SEED_SOURCES" facts 2>"$T/err" &&
  "$KG" -q --format=site --exports="$T/fresh" "$SEED_SOURCES" facts 2>>"$T/err"
ok $? "the seed facts build" || diag "$T/err"
stale=""
for f in $(cd "$T/fresh" && ls); do
  same_file "exports/$f" "$T/fresh/$f" || stale="$stale $f"
done
[ "$(cd "$T/fresh" && ls)" = "$(cd exports && ls)" ] || stale="$stale (the list of files)"
[ -z "$stale" ]
ok $? "the committed exports/ are up to date" || {
  note "out of date:$stale - run 'make run' and commit exports/"
  for f in $stale; do diff -r "exports/$f" "$T/fresh/$f" | head -n 8 | diag; done
}

"$KG" -q --exports="$T/again" "$SEED_SOURCES" facts 2>"$T/err" &&
  "$KG" -q --format=site --exports="$T/again" "$SEED_SOURCES" facts 2>>"$T/err"
same=0
for f in $(cd "$T/fresh" && ls); do same_file "$T/fresh/$f" "$T/again/$f" || same=1; done
ok $same "two builds give identical exports"

# Each of seed_article.py's checks is a test of its own.
"$PY" tests/consumers/seed_article.py "$T/fresh/kg.ttl" "$SEED_DIR/$SEED_COPY" facts \
  docs/facts.md >"$T/article.out" 2>&1
[ -s "$T/article.out" ] && ! grep -qv '^\(not \)\{0,1\}ok - ' "$T/article.out"
ok $? "seed_article.py runs" || diag "$T/article.out"
while IFS= read -r line; do
  case $line in
    "ok - "*) ok 0 "the article: ${line#ok - }" ;;
    "not ok - "*) ok 1 "the article: ${line#not ok - }" ;;
  esac
done <"$T/article.out"

for seed in 1 2 3; do
  "$PY" tests/consumers/shuffle_facts.py facts "$T/shuffled$seed" $seed >"$T/sh.out" 2>&1 ||
    { fail "shuffle_facts.py $seed"; diag "$T/sh.out"; continue; }
  note "$(cat "$T/sh.out")"
  "$KG" -q --exports="$T/out$seed" "$SEED_SOURCES" "$T/shuffled$seed" 2>"$T/err"
  rc=$?
  differ=""
  for f in kg.ttl kg.nt kg.graphml; do
    cmp -s "$T/fresh/$f" "$T/out$seed/$f" || differ="$differ $f"
  done
  [ $rc = 0 ] && [ -z "$differ" ]
  ok $? "shuffled fact files (seed $seed) give identical exports" || {
    diag "$T/err"
    for f in $differ; do diff "$T/fresh/$f" "$T/out$seed/$f" | head -n 8 | diag; done
  }
done
done_testing
