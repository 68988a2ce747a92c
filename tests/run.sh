#!/bin/sh
# tests/run.sh - the whole test suite, run by `make check` from the
# repository root once kgbuild, kgbuild-asan and build/test_* are built.
# Runs every tests/t/*.t under prove (TAP); exits non-zero on any failure.
# Arguments replace the list of .t files, e.g.  sh tests/run.sh tests/t/20-bad.t
# (prove options may precede them: sh tests/run.sh -v tests/t/50-cli.t).
# Golden files: KG_UPDATE_GOLDEN=1 sh tests/run.sh writes missing ones
# (=all rewrites them all); review every one by hand before committing.
set -u
cd "$(dirname "$0")/.." || exit 3
if ! command -v prove >/dev/null 2>&1; then
  echo "tests/run.sh: prove (Debian package perl) is not installed" >&2
  exit 3
fi
for b in kgbuild kgbuild-asan; do
  if [ ! -x "$b" ]; then
    echo "tests/run.sh: ./$b is not built; run: make kgbuild kgbuild-asan" >&2
    exit 3
  fi
done
if [ $# -eq 0 ]; then
  set -- tests/t/*.t
fi
# The .t files are independent: two at a time fits two cores.
exec prove --exec /bin/sh --timer -j "${TEST_JOBS:-2}" "$@"
