#!/bin/sh
# Lint, as serd's test/lint does: the style of src/ and tests/unit/ is the
# one .clang-format describes (clang-format 14, Debian's; another major
# version formats differently, so the check is skipped rather than wrong),
# and cppcheck finds nothing (warning, performance, portability) with the
# include paths the build uses.  To see what the style check wants:
#   clang-format --dry-run src/x.c     (or -i to apply it)
# A finding judged false is suppressed inline (// cppcheck-suppress ID,
# with a comment saying why) or, for one outside the lint author's files,
# below with its reason.
. tests/lib.sh
files=$(ls src/*.c src/*.h tests/unit/*.c tests/unit/*.h 2>/dev/null)

# --- clang-format
cf=""
for c in "${CLANG_FORMAT:-}" clang-format-14 clang-format; do
  if [ -z "$c" ] || ! command -v "$c" >/dev/null 2>&1; then continue; fi
  case $("$c" --version) in
    *"version 14."*) cf=$c; break ;;
  esac
done
if [ -z "$cf" ]; then
  skip "clang-format 14 is not installed (Debian 12: clang-format)"
else
  bad=""
  for f in $files; do
    "$cf" --dry-run --Werror "$f" >/dev/null 2>&1 || bad="$bad $f"
  done
  [ -z "$bad" ]
  if ! ok $? "clang-format --dry-run --Werror: $(echo "$files" | wc -l) files in the .clang-format style"; then
    for f in $bad; do
      n=$("$cf" "$f" | diff -U0 "$f" - | grep -c '^-[^-]')
      note "$f: $n lines to change (clang-format -i $f)"
    done
    # shellcheck disable=SC2086 # a list of files
    "$cf" --dry-run $bad 2>&1 | diag
  fi
fi

# --- cppcheck
if ! command -v cppcheck >/dev/null 2>&1; then
  skip "cppcheck is not installed (Debian: cppcheck)"
else
  # The include paths and definitions of the build (Makefile).
  # shellcheck disable=SC2046 # lists of options
  # kg_emit_files(net, backends, count, dir, path, ...) calls path_join(path,
  # "") only when dir is NULL, and its one such caller (main.c: one export to
  # -o FILE) passes a path; cppcheck's whole-program pass pairs the NULL path
  # of the export-set call with that branch (publish.c).
  cppcheck --enable=warning,performance,portability --error-exitcode=1 \
    --inline-suppr --suppress=ctunullpointer:src/publish.c -q --std=c11 \
    -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DKG_TESTING -Isrc \
    $(pkg-config --cflags-only-I yaml-0.1 raptor2 serd-0 igraph libxml-2.0 \
      jansson cmocka 2>/dev/null) \
    src/*.c tests/unit/*.c >"$TMP/cppcheck" 2>&1
  rc=$?
  if ! ok $rc "cppcheck --enable=warning,performance,portability: no finding"; then
    diag "$TMP/cppcheck"
  fi
fi
done_testing
