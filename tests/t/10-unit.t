#!/bin/sh
# Every cmocka unit-test binary build/test_*: one TAP line per binary, with
# the binary's own TAP output shown as comments.
. tests/lib.sh
found=0
for t in build/test_*; do
  [ -x "$t" ] || continue
  found=1
  san_env "$TMP/san-$(basename "$t")"
  CMOCKA_MESSAGE_OUTPUT=TAP timeout 120 "$t" >"$TMP/out" 2>&1
  rc=$?
  san_clean "$TMP/san-$(basename "$t")" >"$TMP/san"; src=$?
  if [ $rc -ne 0 ] || [ $src -ne 0 ]; then
    grep -v '^ok ' "$TMP/out" | diag
    diag "$TMP/san"
    fail "$t (exit $rc)"
  else
    pass "$t: $(grep -c '^ok ' "$TMP/out") cases"
  fi
done
[ $found = 1 ] || fail "no unit-test binaries build/test_* (run make build/test_text)"
done_testing
