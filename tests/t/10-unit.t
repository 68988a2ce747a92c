#!/bin/sh
# Every cmocka unit test: one binary build/test_NAME per tests/unit/test_NAME.c
# (`make unit` builds and runs them), one TAP line per binary, with the
# binary's own TAP output shown as comments when it fails.  A source whose
# binary is missing or older than it fails: a new test file is picked up
# without an edit here, and cannot be skipped by not building it.
. tests/lib.sh
# The whole of each binary, whatever the caller's environment asks for.
unset KG_TEST_FILTER KG_TEST_SKIP
found=0
for c in tests/unit/test_*.c; do
  [ -f "$c" ] || continue
  found=1
  name=$(basename "$c" .c)
  t=build/$name
  if [ ! -x "$t" ] || [ -n "$(find "$c" -newer "$t")" ]; then
    fail "$t is not built or older than $c (run: make $t)"
    continue
  fi
  san_env "$TMP/san-$name"
  CMOCKA_MESSAGE_OUTPUT=TAP timeout 120 "$t" >"$TMP/out" 2>&1
  rc=$?
  san_clean "$TMP/san-$name" >"$TMP/san"; src=$?
  if [ $rc -ne 0 ] || [ $src -ne 0 ]; then
    grep -v '^ok ' "$TMP/out" | diag
    diag "$TMP/san"
    fail "$t (exit $rc)"
  else
    pass "$t: $(grep -c '^ok ' "$TMP/out") cases"
  fi
done
[ $found = 1 ] || fail "no unit tests tests/unit/test_*.c"

# Every destructor a header declares is tried with NULL by test_free_null.c.
missing=""
for f in $(sed -n 's/^void \(kg_[a-z0-9_]*_free\)(.*/\1/p' src/*.h | LC_ALL=C sort -u); do
  grep -q "$f(NULL" tests/unit/test_free_null.c || missing="$missing $f"
done
if [ -z "$missing" ]; then
  pass "test_free_null.c calls every kg_*_free of src/*.h with NULL"
else
  fail "test_free_null.c does not call with NULL:$missing"
fi
done_testing
