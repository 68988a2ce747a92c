#!/bin/sh
# Faults: a full file system (a 64 KiB tmpfs), a file-size limit (EFBIG),
# and every allocation failing in turn (KG_FAIL_ALLOC_AT=N, once and sticky).
# Old exports must survive, no temporary file may be left, no crash, no
# hang, no sanitizer report (leaks included).
. tests/lib.sh
need_binaries
T=$TMP
MNT=$T/mnt
trap 'umount "$MNT" 2>/dev/null; rm -rf "$TMP"' EXIT

# --- ENOSPC: the seed's exports (over 64 KiB) onto a 64 KiB tmpfs.
mkdir -p "$MNT"
if mount -t tmpfs -o size=64k tmpfs "$MNT" 2>"$T/mount.err"; then
  sentinels "$MNT/exports"
  before=$(sha_tree "$MNT/exports")
  san_env "$T/san-tmpfs"
  timeout 30 "$KG_ASAN" --color=never --exports="$MNT/exports" facts >/dev/null 2>"$T/err"
  rc=$?
  [ $rc = 3 ]
  ok $? "full file system: exit 3 (got $rc)" || diag "$T/err"
  grep -q 'No space left on device' "$T/err"
  ok $? "full file system: the message says 'No space left on device'" || diag "$T/err"
  [ "$before" = "$(sha_tree "$MNT/exports")" ]
  ok $? "full file system: the old exports are intact"
  no_temp_files "$MNT"
  ok $? "full file system: no temporary files left"
  san_clean "$T/san-tmpfs" >"$T/san"
  ok $? "full file system: no sanitizer report" || diag "$T/san"
  umount "$MNT"
else
  skip "cannot mount a tmpfs: $(head -n 1 "$T/mount.err")"
fi

# --- EFBIG: a 16 KiB file-size limit (ulimit -f counts 512-byte blocks; the
# sentinels are written before the limit is set).
sentinels "$T/ul"
before=$(sha_tree "$T/ul")
san_env "$T/san-ulimit"
(ulimit -f 32 && exec timeout 30 "$KG_ASAN" --color=never --exports="$T/ul" facts) \
  >/dev/null 2>"$T/err"
rc=$?
[ $rc = 3 ]
ok $? "file-size limit: exit 3, not killed by SIGXFSZ (got $rc)" || diag "$T/err"
grep -q 'File too large' "$T/err"
ok $? "file-size limit: the message says 'File too large'" || diag "$T/err"
[ "$before" = "$(sha_tree "$T/ul")" ] && no_temp_files "$T/ul"
ok $? "file-size limit: old exports intact, no temporary files"
san_clean "$T/san-ulimit" >"$T/san"
ok $? "file-size limit: no sanitizer report" || diag "$T/san"

# --- Allocation failures, SQLite style: N = 1, 2, ... until the run succeeds.
# oom_loop NAME MAX ARGS...: runs kgbuild-asan ARGS in $OOM_CASE (default
# tests/good/minimal) with $OOM_ONTOLOGY.  The run with no failure is the
# reference: a run has succeeded when it exits as the reference did and its
# closing line (the summary: files, statements, or "N errors generated")
# is the reference's (a base with errors exits 1 both ways, so the exit
# alone cannot tell a lost diagnostic from success; a source line not
# quoted under a diagnostic, or one more shown before the fold, is the
# sink doing without, not a loss); otherwise it must exit 3 saying 'out of
# memory'.  A failure the run can do without (a cache not
# filled) also succeeds, so the loop goes on until 20 runs in a row have:
# then N is past the run's last allocation.
OOM_CASE=tests/good/minimal
OOM_ONTOLOGY=$REPO/tests/good/ontology
oom_loop() {
  name=$1 max=$2
  shift 2
  n=0 bad=0 ooms=0 done=0 row=0
  : >"$T/oom.log"
  rm -rf "$T/oom-ex"
  sentinels "$T/oom-ex"
  (cd "$OOM_CASE" && timeout 30 "$KG_ASAN" --color=never \
    --ontology="$OOM_ONTOLOGY" --exports="$T/oom-ex" "$@" >/dev/null 2>"$T/oom.ref")
  ref=$?
  while [ $n -lt "$max" ]; do
    n=$((n + 1))
    rm -rf "$T/san-oom" "$T/oom-ex"
    sentinels "$T/oom-ex"
    before=$(sha_tree "$T/oom-ex")
    san_env "$T/san-oom"
    (cd "$OOM_CASE" &&
      KG_FAIL_ALLOC_AT=$n timeout 10 "$KG_ASAN" --color=never \
        --ontology="$OOM_ONTOLOGY" --exports="$T/oom-ex" "$@" \
        >/dev/null 2>"$T/oom.err")
    rc=$?
    problem="" done=0
    case $rc in
      "$ref") if [ "$(tail -n 1 "$T/oom.ref")" = "$(tail -n 1 "$T/oom.err")" ]; then done=1
              else problem="exit $rc, but not the reference's summary"; fi ;;
      3) ooms=$((ooms + 1))
         grep -q 'out of memory' "$T/oom.err" || problem="exit 3 without 'out of memory'"
         [ "$before" = "$(sha_tree "$T/oom-ex")" ] || problem="$problem; exports changed" ;;
      124) problem="hang (timeout)" ;;
      *) problem="exit $rc" ;;
    esac
    no_temp_files "$T/oom-ex" >/dev/null || problem="$problem; temp files left"
    if ! san_clean "$T/san-oom" >"$T/oom.san"; then
      problem="$problem; sanitizer report"
    fi
    if [ -n "$problem" ]; then
      bad=$((bad + 1))
      if [ $bad -le 5 ]; then
        echo "KG_FAIL_ALLOC_AT=$n ${KG_FAIL_ALLOC_STICKY:+(sticky) }$name: $problem" >>"$T/oom.log"
        head -n 3 "$T/oom.err" >>"$T/oom.log"
        grep -E 'ERROR|SUMMARY|runtime error|#[1-5] ' "$T/oom.san" | head -n 8 >>"$T/oom.log"
      fi
    fi
    if [ $done = 1 ]; then row=$((row + 1)); else row=0; fi
    [ $row -ge 20 ] && break
  done
  [ $bad = 0 ] && [ $done = 1 ]
  ok $? "$name: allocation failures 1..$n ($ooms out-of-memory exits): as the run without failures or 3 with 'out of memory', no crash, hang, leak or changed exports${bad:+ ($bad bad)}" ||
    diag "$T/oom.log"
  [ $done = 1 ] || note "no success within $max allocations"
}
# The loops run on one thread (-j 1), so that allocation N is the same
# allocation in every run and a failure reproduces; the threaded reading
# and writing are tested by 72-jobs.t and by the sticky runs on two threads.
oom_loop "check, fail once" 3000 check -j 1 facts
KG_FAIL_ALLOC_STICKY=1
export KG_FAIL_ALLOC_STICKY
oom_loop "check, sticky" 3000 check -j 1 facts
oom_loop "check reading on two threads, sticky" 3000 check -j 2 facts
oom_loop "full build, sticky" 3000 -j 1 facts
oom_loop "full build on two threads, sticky" 3000 -j 2 facts
unset KG_FAIL_ALLOC_STICKY
oom_loop "full build, fail once" 3000 -j 1 facts

# A base with 40 errors of one pass over three files: the check's deferred
# diagnostics grow their list twice (16, 32), and the reader hands over
# three trees; both grow or drop memory where an allocation can fail.
OOM_CASE=$T/errors
OOM_ONTOLOGY=$REPO/ontology
mkdir -p "$OOM_CASE/facts"
printf 'sources:\n  - id: src-a\n    type: article\n    title: Source A\n' \
  >"$OOM_CASE/facts/a-sources.yaml"
for f in b c; do
  { echo "people:"
    i=0
    while [ $i -lt 20 ]; do
      i=$((i + 1))
      printf '  - id: p-%s-%d\n    born: 1970\n    source: src-a\n' $f $i
    done; } >"$OOM_CASE/facts/$f-people.yaml"
done
oom_loop "check of 40 errors, fail once" 3000 check -j 1 facts
KG_FAIL_ALLOC_STICKY=1
export KG_FAIL_ALLOC_STICKY
KG_CHECK_THREADS=3 # test builds: the check's passes in three parts
export KG_CHECK_THREADS
oom_loop "check of 40 errors in three parts on two threads, sticky" 3000 check -j 2 facts
unset KG_FAIL_ALLOC_STICKY KG_CHECK_THREADS
done_testing
