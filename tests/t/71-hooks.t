#!/bin/sh
# The fault-injection hooks (KG_FAIL_ALLOC_AT, KG_FAIL_ALLOC_STICKY,
# KG_FAIL_WRITE_AT) are compiled into the test builds only (KG_TESTING, as
# SQLite's SQLITE_TEST and Lua's ltests.h): kgbuild-asan obeys them, the
# release ./kgbuild ignores them, so that a variable left in a user's
# environment cannot break a real build.  70-fault.t, 75-reliability.t and
# the other fault tests run kgbuild-asan for this reason.
. tests/lib.sh
need_binaries
ONTO=$REPO/tests/good/ontology

# run BINARY NAME VAR=VALUE...: BINARY on tests/good/minimal with VARs set,
# exports to $TMP/NAME; exit status in $rc, stderr in $TMP/NAME.err.
run() {
  bin=$1 name=$2
  shift 2
  (cd tests/good/minimal && env "$@" "$bin" -q --color=never \
    --ontology="$ONTO" --exports="$TMP/$name" facts) \
    >/dev/null 2>"$TMP/$name.err"
  rc=$?
}

run "$KG" plain
[ $rc = 0 ] && [ -s "$TMP/plain/kg.nt" ]
ok $? "release ./kgbuild: a plain build (exit $rc)" || diag "$TMP/plain.err"

run "$KG" release KG_FAIL_ALLOC_AT=1 KG_FAIL_ALLOC_STICKY=1 KG_FAIL_WRITE_AT=0
[ $rc = 0 ] && [ ! -s "$TMP/release.err" ] && diff -r "$TMP/plain" "$TMP/release" >/dev/null
ok $? "release ./kgbuild ignores KG_FAIL_ALLOC_AT=1 (sticky) and KG_FAIL_WRITE_AT=0: the same exports (exit $rc)" ||
  diag "$TMP/release.err"

run "$KG_ASAN" alloc KG_FAIL_ALLOC_AT=1
[ $rc = 3 ] && grep -q 'out of memory' "$TMP/alloc.err"
ok $? "kgbuild-asan obeys KG_FAIL_ALLOC_AT=1: exit 3, out of memory (exit $rc)" ||
  diag "$TMP/alloc.err"

run "$KG_ASAN" write KG_FAIL_WRITE_AT=0
[ $rc = 3 ] && grep -q 'No space left on device' "$TMP/write.err"
ok $? "kgbuild-asan obeys KG_FAIL_WRITE_AT=0: exit 3, ENOSPC (exit $rc)" ||
  diag "$TMP/write.err"

# The hooks are compiled out of the release binary, not merely unread: the
# variables' names are strings that only the test builds hold.
! grep -q KG_FAIL_ALLOC_AT "$KG" && ! grep -q KG_FAIL_WRITE_AT "$KG" &&
  grep -q KG_FAIL_ALLOC_AT "$KG_ASAN" && grep -q KG_FAIL_WRITE_AT "$KG_ASAN"
ok $? "the names KG_FAIL_* are in kgbuild-asan and not in the release ./kgbuild"
done_testing
