#!/bin/sh
# libFuzzer harnesses (tests/fuzz/, docs/fuzzing.md; reliability.md T13/T14):
# builds fuzz_load, fuzz_emit, fuzz_rpc and fuzz_lsp (kgbuild lsp's message
# reader, and the whole server) with clang -fsanitize=fuzzer,address,undefined, replays every regression file (tests/fuzz/regressions/) and the
# seed corpus through each harness (no crash, leak, timeout or broken
# invariant), then fuzzes each for a short fixed time from a copy of the
# seeds, so the repository is never written.  Inputs in tests/fuzz/crashes/
# (found, not fixed yet) are replayed as TODO tests.
# KG_FUZZ_TIME=SECONDS changes the fixed time (0 skips the timed runs);
# KG_FUZZ_OUT=DIR builds elsewhere than build/fuzz.
. tests/lib.sh
FZ=$REPO/tests/fuzz
OUT=${KG_FUZZ_OUT:-$REPO/build/fuzz}
TIME=${KG_FUZZ_TIME:-30}
CLANG=${CLANG:-clang}
ARGS="-max_len=65536 -timeout=5 -rss_limit_mb=2048"
export ASAN_OPTIONS="detect_leaks=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

# --- Can this machine build a libFuzzer target at all?
printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n)\n{ (void)d; (void)n; return 0; }\n' >"$TMP/probe.c"
if ! command -v "$CLANG" >/dev/null 2>&1; then
  echo "1..0 # SKIP $CLANG is not installed (Debian: clang-14)"
  exit 0
fi
if ! "$CLANG" -fsanitize=fuzzer,address,undefined -o "$TMP/probe" "$TMP/probe.c" \
  >"$TMP/probe.err" 2>&1; then
  echo "1..0 # SKIP $CLANG cannot link libFuzzer (Debian: libclang-rt-14-dev): $(head -n 1 "$TMP/probe.err")"
  exit 0
fi
harnesses=fuzz_load
if pkg-config --exists serd-0 2>/dev/null; then
  harnesses="fuzz_load fuzz_emit"
fi
harnesses="$harnesses fuzz_rpc fuzz_lsp" # the language server: reader, whole
harnesses="$harnesses fuzz_import"       # kgbuild import's readers

# --- Build (incremental in build/fuzz; the seeds are assembled there too).
targets=""
for h in $harnesses; do targets="$targets $OUT/$h"; done
# shellcheck disable=SC2086 # lists of words
make -s -C "$FZ" OUT="$OUT" CLANG="$CLANG" $targets "$OUT/load.dict" seeds \
  >"$TMP/build.log" 2>&1
if ! ok $? "tests/fuzz/Makefile builds:$harnesses"; then
  diag "$TMP/build.log"
  echo "Bail out! the harnesses do not build"
  exit 1
fi
case $harnesses in
  *fuzz_emit*) ;;
  *) skip "fuzz_emit: serd-0 is not installed (Debian: libserd-dev)" ;;
esac

# inputs_of HARNESS: the seed directory of a harness.
seeds_of() { echo "$OUT/seeds/${1#fuzz_}"; }
dict_of() {
  case $1 in
    fuzz_load) echo "$OUT/load.dict" ;;
    fuzz_rpc | fuzz_lsp | fuzz_import) echo "$FZ/rpc.dict" ;;
    *) echo "$FZ/emit.dict" ;;
  esac
}

# --- Replay: regressions and seeds, each input once, through each harness.
regressions=$(find "$FZ/regressions" -type f ! -name '*.md' 2>/dev/null | LC_ALL=C sort)
nreg=$(printf '%s' "$regressions" | grep -c .)
for h in $harnesses; do
  seeds=$(seeds_of "$h")
  nseed=$(find "$seeds" -type f | wc -l)
  # shellcheck disable=SC2086 # lists of files without spaces
  # shellcheck disable=SC2086 # ARGS is a list of options
  (cd "$TMP" && exec timeout 600 "$OUT/$h" $ARGS $regressions "$seeds"/*) \
    >"$TMP/replay-$h.log" 2>&1
  rc=$?
  if ! ok $rc "$h: replays $nreg regression files and $nseed seeds without a finding"; then
    grep -E 'ERROR|SUMMARY|INVARIANT|Running:|runtime error|#[0-9]+ ' "$TMP/replay-$h.log" | tail -n 30 | diag
  fi
done

# --- Known crashes, not fixed yet: TODO tests (a pass here means: fixed, so
# move the file to regressions/).
for f in "$FZ"/crashes/*; do
  [ -f "$f" ] || continue
  case $f in *.md) continue ;; esac
  name=$(basename "$f")
  h=fuzz_${name%%-*}
  [ -x "$OUT/$h" ] || h=fuzz_load
  # shellcheck disable=SC2086 # ARGS is a list of options
  (cd "$TMP" && exec timeout 60 "$OUT/$h" $ARGS "$f") >"$TMP/crash.log" 2>&1
  rc=$?
  _tap_n=$((_tap_n + 1))
  if [ $rc -eq 0 ]; then
    echo "ok $_tap_n - $h: crashes/$name no longer crashes (move it to regressions/) # TODO unfixed"
  else
    echo "not ok $_tap_n - $h: crashes/$name # TODO unfixed"
  fi
done

# --- Short fuzzing runs, fixed seed and time, from a copy of the seeds.
if [ "$TIME" -gt 0 ]; then
  for h in $harnesses; do
    c=$TMP/corpus-$h
    art=$OUT/findings
    mkdir -p "$c" "$art"
    cp "$(seeds_of "$h")"/* "$c/"
    # shellcheck disable=SC2086 # ARGS is a list of options
    (cd "$TMP" && exec timeout $((TIME + 120)) "$OUT/$h" $ARGS -seed=1 \
      -max_total_time="$TIME" -print_final_stats=1 -dict="$(dict_of "$h")" \
      -artifact_prefix="$art/$h-" "$c") >"$TMP/run-$h.log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$TMP/run-$h.log" | tail -n 1)
    [ -n "$execs" ] || execs=$(sed -n 's/^#\([0-9]*\)[[:space:]]*DONE.*/\1/p' "$TMP/run-$h.log" | tail -n 1)
    cov=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$TMP/run-$h.log" | sed -n 's/.*cov: \([0-9]*\) ft: \([0-9]*\) corp: \([^ ]*\).*/\1 edges, \2 features, corpus \3/p' | tail -n 1)
    if ok $rc "$h: ${TIME} s of fuzzing (-seed=1) finds nothing"; then
      note "$h: ${execs:-?} executions in ${TIME} s; ${cov:-coverage unknown}"
    else
      grep -E 'ERROR|SUMMARY|INVARIANT|runtime error|#[0-9]+ |artifact|Test unit written' "$TMP/run-$h.log" | tail -n 30 | diag
      note "$h: the input is in $art/ (not in the repository); minimise it with -minimize_crash=1 and add it to tests/fuzz/crashes/ (docs/fuzzing.md)"
    fi
  done
else
  skip "KG_FUZZ_TIME=0: no timed fuzzing runs"
fi
done_testing
