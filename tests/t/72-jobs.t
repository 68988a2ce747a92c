#!/bin/sh
# Exports written at once on several threads (-j, --jobs): the bytes do not
# depend on the number of threads, problems are reported in the order of the
# exports however the threads ran, and ThreadSanitizer finds no data race.
. tests/lib.sh
need_binaries
T=$TMP
KG_TSAN=$REPO/kgbuild-tsan

for j in 0 x 65 -1 ''; do
  "$KG" -q -j "$j" --exports="$T/bad" facts >/dev/null 2>"$T/err"
  rc=$?
  [ $rc = 2 ] && grep -q 'jobs' "$T/err" && [ ! -e "$T/bad" ]
  ok $? "-j '$j': usage error (exit 2, got $rc), nothing written" || diag "$T/err"
done

# A base with every section, big enough that the threads overlap.
"$PY" bench/gen.py --people 2000 --seed 11 --out "$T/base" >/dev/null 2>"$T/gen.err"
ok $? "gen.py: a base of 2000 people" || diag "$T/gen.err"

for facts in facts "$T/base"; do
  name=$(basename "$facts")
  for j in 1 2 3 8; do
    "$KG" -q -j "$j" --exports="$T/ex-$name-$j" "$facts" 2>"$T/err"
    ok $? "$name -j $j builds" || diag "$T/err"
  done
  same=0
  for j in 2 3 8; do
    [ "$(sha_tree "$T/ex-$name-1")" = "$(sha_tree "$T/ex-$name-$j")" ] || {
      same=1
      note "-j $j differs from -j 1:"
      (cd "$T" && diff -r "ex-$name-1" "ex-$name-$j" | head -n 5) | diag
    }
  done
  ok $same "$name: -j 2, 3 and 8 write the same bytes as -j 1 (every export)"
done

# Every export fails at its first byte: each is named, in the order of the
# exports, the same with one thread as with many, run after run.
KG_FAIL_WRITE_AT=0 "$KG_ASAN" -j 1 --color=never --exports="$T/ex-facts-1" facts \
  >/dev/null 2>"$T/fail-1"
rc=$?
[ $rc = 3 ] && [ "$(grep -c 'cannot write' "$T/fail-1")" -ge 10 ]
ok $? "-j 1, every write failing: exit 3 (got $rc), every export named" || diag "$T/fail-1"
differs=0
for run in 1 2 3 4 5; do
  KG_FAIL_WRITE_AT=0 "$KG_ASAN" -j 4 --color=never --exports="$T/ex-facts-1" facts \
    >/dev/null 2>"$T/fail-4"
  cmp -s "$T/fail-1" "$T/fail-4" || { differs=1; diff "$T/fail-1" "$T/fail-4" | diag; break; }
done
ok $differs "-j 4, every write failing, 5 runs: the same diagnostics as -j 1"
[ "$(sha_tree "$T/ex-facts-1")" = "$(sha_tree "$T/ex-facts-2")" ]
ok $? "the failed runs left the exports as they were"

# Fact files are read ahead on -j threads while the one before is
# modelled.  Many files with problems of every stage (YAML syntax, encoding,
# keys, values, references across files): the diagnostics, text and JSON,
# are the same with one thread as with many, run after run.
mkdir -p "$T/mixed"
n=0
for case in errors-in-several-files yaml-unterminated-quote duplicate-key alias \
  dangling-reference unknown-key tab-indentation functional-across-files \
  hostile-text-control-char multi-document wrong-kind-reference cycle-via-inverse; do
  for f in tests/bad/$case/facts/*.yaml; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    cp "$f" "$T/mixed/$(printf '%02d' $n)-$case-$(basename "$f")"
  done
done
for fmt in text json; do
  "$KG" check -j 1 --color=never --diagnostics=$fmt "$T/mixed" >/dev/null 2>"$T/mixed-$fmt-1"
  rc1=$?
  [ $rc1 = 1 ] && [ "$(grep -c 'error' "$T/mixed-$fmt-1")" -ge 12 ]
  ok $? "$n files with problems, -j 1, $fmt: exit 1 (got $rc1), every file reported" ||
    diag "$T/mixed-$fmt-1"
  differs=0
  for j in 2 3 8 8 8 8 8; do
    "$KG" check -j $j --color=never --diagnostics=$fmt "$T/mixed" >/dev/null 2>"$T/mixed-$fmt-j"
    rc=$?
    [ $rc = $rc1 ] && cmp -s "$T/mixed-$fmt-1" "$T/mixed-$fmt-j" || {
      differs=1
      note "-j $j (exit $rc):"
      diff "$T/mixed-$fmt-1" "$T/mixed-$fmt-j" | head -n 10 | diag
      break
    }
  done
  ok $differs "$fmt diagnostics of -j 2, 3 and 8 (five runs) are those of -j 1"
done

# ThreadSanitizer: every export of the 2000-person base on 4 threads.
if [ -x "$KG_TSAN" ]; then
  TSAN_OPTIONS="halt_on_error=1:exitcode=66:log_path=$T/tsan" \
    "$KG_TSAN" -q -j 4 --exports="$T/ex-tsan" "$T/base" 2>"$T/err"
  rc=$?
  set -- "$T"/tsan*
  [ $rc = 0 ] && [ ! -e "$1" ]
  ok $? "ThreadSanitizer: no data race writing every export on 4 threads (exit $rc)" ||
    { diag "$T/err"; [ -e "$1" ] && grep -E 'WARNING|SUMMARY|#[0-4] ' "$@" | head -n 20 | diag; }
  [ "$(sha_tree "$T/ex-tsan")" = "$(sha_tree "$T/ex-base-1")" ]
  ok $? "ThreadSanitizer build: the same exports"
  TSAN_OPTIONS="halt_on_error=1:exitcode=66:log_path=$T/tsan-read" \
    "$KG_TSAN" check -j 4 --color=never "$T/mixed" >/dev/null 2>"$T/err"
  rc=$?
  set -- "$T"/tsan-read*
  [ $rc = 1 ] && [ ! -e "$1" ] && cmp -s "$T/mixed-text-1" "$T/err"
  ok $? "ThreadSanitizer: no data race reading $n files with problems on 4 threads (exit $rc)" ||
    { diff "$T/mixed-text-1" "$T/err" | head -n 10 | diag; [ -e "$1" ] && grep -E 'WARNING|SUMMARY|#[0-4] ' "$@" | head -n 20 | diag; }
else
  fail "kgbuild-tsan is not built (make kgbuild-tsan)"
fi
done_testing
