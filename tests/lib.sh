# tests/lib.sh - shared helpers for tests/t/*.t (POSIX sh, sourced).
# Tests run from the repository root and print TAP on standard output.
set -u

REPO=$(pwd)
KG=$REPO/kgbuild
KG_ASAN=$REPO/kgbuild-asan
BASE_IRI=https://w3id.org/kgbuild/id/
PY=/usr/bin/python3
export LC_ALL=C.UTF-8
unset NO_COLOR KG_FAIL_ALLOC_AT KG_FAIL_ALLOC_STICKY

# The seed article's archived copy, which the repository does not hold (the
# project did not write it): $KG_SEED_DIR, else ../shared/seed beside the
# checkout (the project names no absolute path of any machine; set
# KG_SEED_DIR for a copy elsewhere).  SEED_SOURCES is the option that passes
# it to kgbuild (empty when there is none: write ${SEED_SOURCES:+"$SEED_SOURCES"});
# need_seed skips the rest of a test without it.
SEED_COPY=000_0fbc94771a01f552.txt
SEED_DIR=""
for _d in ${KG_SEED_DIR:-} "$REPO/../shared/seed"; do
  if [ -f "$_d/$SEED_COPY" ]; then
    SEED_DIR=$(cd "$_d" && pwd)
    break
  fi
done
SEED_SOURCES=${SEED_DIR:+--sources=$SEED_DIR}
need_seed() {
  [ -n "$SEED_DIR" ] && return 0
  echo "1..0 # SKIP the seed article's archived copy ($SEED_COPY) is not here: set KG_SEED_DIR"
  exit 0
}

# A temporary directory, removed on exit.
TMP=$(mktemp -d "${TMPDIR:-/tmp}/kgtest.XXXXXX") || exit 3
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

_tap_n=0
_tap_failed=0
plan() { echo "1..$1"; }
ok() { # ok CONDITION-STATUS DESCRIPTION
  _tap_n=$((_tap_n + 1))
  if [ "$1" -eq 0 ]; then
    echo "ok $_tap_n - $2"
  else
    echo "not ok $_tap_n - $2"
    _tap_failed=$((_tap_failed + 1))
  fi
  return "$1"
}
pass() { ok 0 "$1"; }
fail() { ok 1 "$1"; }
skip() { _tap_n=$((_tap_n + 1)); echo "ok $_tap_n # SKIP $1"; }
done_testing() { echo "1..$_tap_n"; }
# diag: indent a file (or stdin) as TAP comments, at most 40 lines.
diag() {
  if [ $# -gt 0 ]; then head -n 40 "$@"; else head -n 40; fi | sed 's/^/# /'
}
note() { echo "# $*"; }

# Sanitizer settings: reports go to files under $1 (a directory), so that
# they neither mix with the diagnostics on stderr nor go unnoticed.
san_env() {
  mkdir -p "$1"
  ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:exitcode=99:log_path=$1/asan:detect_stack_use_after_return=1"
  UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:exitcode=98:log_path=$1/ubsan"
  LSAN_OPTIONS="exitcode=99"
  export ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS
}

# san_clean DIR: status 0 when no sanitizer wrote a report into DIR;
# otherwise prints the reports' first lines (pipe them into diag).
san_clean() {
  set -- "$1"/*
  [ -e "$1" ] || return 0
  for f; do
    echo "sanitizer report $(basename "$f"):"
    grep -E 'ERROR|SUMMARY|runtime error|#[0-9] ' "$f" | head -n 12
  done
  return 1
}

# sha_tree PATH: one line per file under PATH (or PATH itself), with hashes.
sha_tree() {
  if [ -d "$1" ]; then
    (cd "$1" && find . -type f | LC_ALL=C sort | xargs -r sha256sum)
    (cd "$1" && find . | LC_ALL=C sort)
  elif [ -e "$1" ]; then
    sha256sum <"$1"
  else
    echo "absent"
  fi
}

# no_temp_files DIR...: status 0 when no .kgbuild-tmp-* file and no
# .<exports>.kgbuild-new-* staging directory is left.
no_temp_files() {
  left=$(find "$@" \( -name '.kgbuild-tmp-*' -o -name '.*.kgbuild-new-*' \) 2>/dev/null)
  [ -z "$left" ] && return 0
  echo "$left" | diag
  return 1
}

# sentinels DIR: fill DIR with distinguishable old exports.
sentinels() {
  mkdir -p "$1"
  for f in kg.ttl kg.nt kg.graphml; do
    printf 'sentinel %s: an old export that must survive\n' "$f" >"$1/$f"
  done
}

# summary_triples FILE: the N of "-> N triples" in kgbuild's summary line.
summary_triples() {
  sed -n 's/.*-> \([0-9][0-9]*\) triples.*/\1/p' "$1" | tail -n 1
}

# good_ontology CASEDIR: the ontology a tests/good case is compiled with, for
# --ontology: the frozen tests/good/ontology/, with the case's own ontology/
# files beside it when it has them (as a fact base extends the installed
# one; a copy in $TMP, as kgbuild reads no link out of a fact base).
good_ontology() {
  if [ -d "$1/ontology" ]; then
    _o=$TMP/good-ontology-$(basename "$1")
    mkdir -p "$_o" && cp "$REPO/tests/good/ontology/"*.ttl "$1/ontology/"*.ttl "$_o/"
    echo "$_o"
  else
    echo "$REPO/tests/good/ontology"
  fi
}

# have_asan: the sanitizer binary is built.
need_binaries() {
  for b in "$KG" "$KG_ASAN"; do
    if [ ! -x "$b" ]; then
      echo "Bail out! $b is not built (run make kgbuild kgbuild-asan)"
      exit 1
    fi
  done
}
