#!/bin/sh
# The bad-input corpus, tests/bad/<case>/:
#   facts/     fact files (binary ones come from tests/bad/make-binary-cases.sh)
#   args       optional: the operands and options replacing the default 'facts'
#   setup      optional: sh script run in the case's copy before kgbuild
#   expected   line 1: exit status; then the exact standard error of
#              kgbuild-asan --color=never --exports=exports ARGS
#   todo       optional: the case shows a known compiler bug (the file says
#              which); its result is reported as TAP TODO, so it does not
#              fail the suite, and `expected` holds the correct behaviour
# Each case runs in a temporary copy (so paths read facts/x.yaml) with
# sentinel exports, and must: exit as expected, print exactly the expected
# diagnostics and nothing on stdout, leave exports/ byte-identical and no
# .kgbuild-tmp-* files, raise no sanitizer report, and finish in 5 s.
# KG_UPDATE_GOLDEN=1 writes the missing expected files from the current
# binary (KG_UPDATE_GOLDEN=all rewrites every one): review each by hand.
. tests/lib.sh
need_binaries
BAD=$REPO/tests/bad
GEN=$TMP/generated
mkdir -p "$GEN"
if ! sh "$BAD/make-binary-cases.sh" "$GEN" >"$TMP/gen.log" 2>&1; then
  echo "Bail out! tests/bad/make-binary-cases.sh failed: $(head -n 3 "$TMP/gen.log")"
  exit 1
fi

for dir in "$BAD"/*/; do
  case=$(basename "$dir")
  w=$TMP/cases/$case
  mkdir -p "$w"
  [ -d "$GEN/$case" ] && cp -R "$GEN/$case/." "$w/"
  cp -R "$dir." "$w/"
  rm -f "$w/expected" "$w/args" "$w/setup" "$w/todo"
  ln -s "$REPO/ontology" "$w/ontology"
  sentinels "$w/exports"
  if [ -f "$dir/setup" ]; then
    (cd "$w" && sh "$dir/setup") || { fail "$case: setup failed"; continue; }
  fi
  before=$(sha_tree "$w/exports")
  if [ -f "$dir/args" ]; then args=$(cat "$dir/args"); else args=facts; fi
  san=$TMP/san/$case
  san_env "$san"
  # Goldens hold kgbuild's own exit status, not the leak checker's.
  [ -n "${KG_UPDATE_GOLDEN:-}" ] && ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0"
  start=$(date +%s%N)
  # shellcheck disable=SC2086 # args is a list of words
  (cd "$w" && exec timeout 10 "$KG_ASAN" --color=never --exports=exports $args \
    >"$TMP/$case.out" 2>"$TMP/$case.err")
  rc=$?
  ms=$((($(date +%s%N) - start) / 1000000))
  printf '%s\n' "$rc" | cat - "$TMP/$case.err" >"$TMP/$case.actual"
  if [ "${KG_UPDATE_GOLDEN:-}" = all ] ||
     { [ "${KG_UPDATE_GOLDEN:-}" = 1 ] && [ ! -f "$dir/expected" ]; }; then
    cp "$TMP/$case.actual" "$dir/expected"
  fi
  problems=""
  if [ ! -f "$dir/expected" ]; then
    problems="$problems no-expected-file"
  else
    exp_rc=$(head -n 1 "$dir/expected")
    [ "$rc" = "$exp_rc" ] || problems="$problems exit=$rc(expected $exp_rc)"
    tail -n +2 "$dir/expected" | cmp -s - "$TMP/$case.err" ||
      problems="$problems stderr-differs"
  fi
  [ -s "$TMP/$case.out" ] && problems="$problems stdout-not-empty"
  after=$(sha_tree "$w/exports")
  if [ "$before" != "$after" ]; then
    problems="$problems exports-changed"
    printf '%s\n' "$before" >"$TMP/$case.before"
    printf '%s\n' "$after" | diff "$TMP/$case.before" - | grep '^[<>]' | diag
  fi
  no_temp_files "$w" >"$TMP/$case.tmpfiles" || problems="$problems temp-files-left"
  san_clean "$san" >"$TMP/$case.san" || problems="$problems sanitizer-report"
  [ $ms -lt 5000 ] || problems="$problems slow(${ms}ms)"
  todo=""
  [ -f "$dir/todo" ] && todo=" # TODO $(head -n 1 "$dir/todo")"
  if [ -z "$problems" ]; then
    pass "$case (exit $rc, ${ms}ms)$todo"
  else
    fail "$case:$problems$todo"
    if [ -f "$dir/expected" ] && ! cmp -s "$dir/expected" "$TMP/$case.actual"; then
      diff -u "$dir/expected" "$TMP/$case.actual" | tail -n +3 | diag
    fi
    cat "$TMP/$case.tmpfiles" "$TMP/$case.san" | diag
  fi
done
done_testing
