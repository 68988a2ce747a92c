#!/bin/sh
# Publishing: what kgbuild may replace, and old-or-new whatever exports/ holds.
#   a. -o onto things that are not regular files: a character device, a
#      FIFO, a symbolic link to standard output or to a file, a full device;
#      they are written through (a link followed to its target), never
#      replaced by a regular file, and a write error there is exit 3;
#   b. exports/ holding foreign things (a subdirectory, .git, a symbolic
#      link, a FIFO, a README): the set is still swapped in one step, and
#      the foreign things are kept;
#   c. SIGKILL at every file-system call of a build (strace fault
#      injection), with that foreign exports/, and with exports/ a symbolic
#      link (the one-by-one fallback, put back by the next run);
#   d. a failed run leaves no exports/ it created;
#   e. --base may not start with a prefix the JSON-LD context defines.
. tests/lib.sh
need_binaries
REL=$REPO/tests/reliability
TINY=$REL/tiny

tiny() { # tiny [ARGS...]: kgbuild on the tiny fact base
  "$KG" -q --color=never --ontology="$TINY/ontology" "$@" "$TINY/facts"
}
# tiny_test [ARGS...]: the same with the test build, which alone obeys the
# KG_FAIL_* hooks (tests/t/71-hooks.t).
tiny_test() {
  "$KG_ASAN" -q --color=never --ontology="$TINY/ontology" "$@" "$TINY/facts"
}
tiny --format=nt >"$TMP/expected.nt" 2>"$TMP/expected.err" ||
  { diag "$TMP/expected.err"; exit 1; }

# --- a. -o onto things that are not regular files --------------------------
cd "$TMP" || exit 3
if mknod -m 666 fakenull c 1 3 2>/dev/null; then
  tiny --format=nt -o fakenull 2>"$TMP/err"
  rc=$?
  [ $rc = 0 ] && [ -c fakenull ]
  ok $? "-o onto a character device (/dev/null's numbers): written through, still a device (exit $rc)" ||
    { ls -l fakenull | diag; diag "$TMP/err"; }
  mknod -m 666 fakefull c 1 7
  tiny --format=nt -o fakefull 2>"$TMP/err"
  rc=$?
  [ $rc = 3 ] && [ -c fakefull ] && grep -q 'No space left on device' "$TMP/err"
  ok $? "-o onto a full device (/dev/full's numbers): exit 3 (got $rc), 'No space left on device', still a device" ||
    diag "$TMP/err"
else
  skip "mknod needs root"
  skip "mknod needs root"
fi

mkfifo fifo
timeout 60 cat fifo >"$TMP/fifo.out" &
reader=$!
timeout 60 "$KG" -q --color=never --ontology="$TINY/ontology" --format=nt -o fifo \
  "$TINY/facts" 2>"$TMP/err"
rc=$?
wait $reader
[ $rc = 0 ] && [ -p fifo ] && cmp -s "$TMP/fifo.out" "$TMP/expected.nt"
ok $? "-o onto a FIFO: the reader gets the export, the FIFO stays a FIFO (exit $rc)" ||
  diag "$TMP/err"

ln -s /proc/self/fd/1 out
tiny --format=nt -o out >"$TMP/stdout.nt" 2>"$TMP/err"
rc=$?
[ $rc = 0 ] && [ -L out ] && cmp -s "$TMP/stdout.nt" "$TMP/expected.nt"
ok $? "-o onto a symbolic link to standard output (like /dev/stdout): written to standard output, the link kept (exit $rc)" ||
  diag "$TMP/err"

echo old >real.nt
ln -s real.nt tolink
tiny --format=nt -o tolink 2>"$TMP/err"
rc=$?
[ $rc = 0 ] && [ -L tolink ] && [ "$(readlink tolink)" = real.nt ] &&
  cmp -s real.nt "$TMP/expected.nt" && ! ls -a | grep -q kgbuild-tmp
ok $? "-o onto a symbolic link to a file: the target replaced atomically, the link kept (exit $rc)" ||
  { ls -la | diag; diag "$TMP/err"; }

ln -s missing.nt dangling
tiny --format=nt -o dangling 2>"$TMP/err"
rc=$?
[ $rc = 0 ] && [ -L dangling ] && cmp -s missing.nt "$TMP/expected.nt"
ok $? "-o onto a dangling symbolic link: its target created, the link kept (exit $rc)" ||
  { ls -la | diag; diag "$TMP/err"; }
cd "$REPO" || exit 3

# --- b. foreign things in exports/ -----------------------------------------
ex=$TMP/foreign/exports
mkdir -p "$ex/notes" "$ex/.git"
echo note >"$ex/notes/a.txt"
echo 'ref: refs/heads/main' >"$ex/.git/HEAD"
echo readme >"$ex/README"
ln -s kg.ttl "$ex/link"
mkfifo "$ex/fifo"
tiny --exports="$ex" 2>"$TMP/err"
before=$(stat -c %i "$ex")
strace -f -o "$TMP/swap.strace" -e trace=renameat2,rename \
  "$KG" -q --color=never --ontology="$TINY/ontology" --exports="$ex" "$TINY/facts" 2>>"$TMP/err"
rc=$?
after=$(stat -c %i "$ex")
[ $rc = 0 ] && grep -q 'RENAME_EXCHANGE' "$TMP/swap.strace" &&
  [ "$before" != "$after" ] &&
  [ "$(cat "$ex/notes/a.txt")" = note ] && [ "$(cat "$ex/.git/HEAD")" = 'ref: refs/heads/main' ] &&
  [ "$(cat "$ex/README")" = readme ] && [ "$(readlink "$ex/link")" = kg.ttl ] &&
  [ -p "$ex/fifo" ] && cmp -s "$ex/kg.nt" "$TMP/expected.nt" &&
  ! ls -a "$TMP/foreign" "$ex" | grep -q kgbuild-
ok $? "exports/ with a subdirectory, .git, a symbolic link and a FIFO: still swapped in one step (RENAME_EXCHANGE), every foreign thing kept (exit $rc)" ||
  { diag "$TMP/err"; grep -v '^+++' "$TMP/swap.strace" | diag; ls -la "$ex" | diag; }

# --- c. SIGKILL at every file-system call ------------------------------------
mkdir -p "$TMP/kill/old" "$TMP/kill/new"
cp "$TINY/facts/"*.yaml "$TMP/kill/old/"
sed 's/{en: A}/{en: A changed}/' "$TINY/facts/tiny.yaml" >"$TMP/kill/new/tiny.yaml"
"$PY" "$REL/kill_at_syscall.py" "$KG" "$TINY/ontology" "$TMP/kill/old" "$TMP/kill/new" \
  --failing="$KG_ASAN" "$TMP/kill/w" >"$TMP/kill.log" 2>&1
ok $? "SIGKILL at every file-system call, foreign things in exports/: $(head -n 1 "$TMP/kill.log")" ||
  diag "$TMP/kill.log"
"$PY" "$REL/kill_at_syscall.py" "$KG" "$TINY/ontology" "$TMP/kill/old" "$TMP/kill/new" \
  --failing="$KG_ASAN" "$TMP/kill/wl" --exports-link >"$TMP/killl.log" 2>&1
ok $? "SIGKILL at every file-system call, exports/ a symbolic link (files renamed one by one, put back by the next run): $(head -n 1 "$TMP/killl.log")" ||
  diag "$TMP/killl.log"

# A killed run's staging directory: its foreign directory goes back into
# exports/, its exports (any form, kg.nt.gz too) do not.
st=$TMP/stale
mkdir -p "$st/exports" "$st/.exports.kgbuild-new-ABC123/notes"
echo x >"$st/.exports.kgbuild-new-ABC123/kg.nt.gz"
echo note >"$st/.exports.kgbuild-new-ABC123/notes/a.txt"
# (a run that then fails to write: the recovery alone is seen)
KG_FAIL_WRITE_AT=0 tiny_test --exports="$st/exports" 2>"$TMP/err"
rc=$?
[ $rc = 3 ] && [ "$(cat "$st/exports/notes/a.txt" 2>/dev/null)" = note ] &&
  [ ! -e "$st/exports/kg.nt.gz" ] && [ ! -e "$st/.exports.kgbuild-new-ABC123" ]
ok $? "a killed run's staging directory: the foreign directory moved back, its kg.nt.gz not taken for foreign (exit $rc, a failing run)" ||
  { ls -la "$st" "$st/exports" | diag; diag "$TMP/err"; }

# --- d. a failed run leaves no exports/ of its own ----------------------------
mkdir -p "$TMP/created"
KG_FAIL_WRITE_AT=0 tiny_test --exports="$TMP/created/exports" 2>"$TMP/err"
rc=$?
[ $rc = 3 ] && [ ! -e "$TMP/created/exports" ]
ok $? "a run failing to write (exit $rc) leaves no exports/ it created" ||
  { ls -la "$TMP/created" | diag; diag "$TMP/err"; }
mkdir -p "$TMP/kept/exports"
KG_FAIL_WRITE_AT=0 tiny_test --exports="$TMP/kept/exports" 2>"$TMP/err"
[ -d "$TMP/kept/exports" ]
ok $? "a run failing to write keeps an (empty) exports/ it did not create"

# --- e. --base and the JSON-LD context ----------------------------------------
bad=""
for prefix in xsd kg rdf rdfs owl skos; do
  "$KG" -q --color=never --base="$prefix:" --exports="$TMP/base-$prefix" 2>"$TMP/base.err"
  rc=$?
  [ $rc = 2 ] && grep -q "prefix" "$TMP/base.err" && [ ! -e "$TMP/base-$prefix" ] ||
    bad="$bad $prefix:($rc)"
done
[ -z "$bad" ]
ok $? "--base equal to a prefix of the JSON-LD context (xsd:, kg:, rdf:...) is refused, exit 2${bad:+ (accepted:$bad)}" ||
  diag "$TMP/base.err"
"$KG" -q --color=never --base="urn:x:" --format=jsonld >"$TMP/urn.jsonld" 2>"$TMP/base.err"
ok $? "--base=urn:x: (no prefix of the context) is accepted" || diag "$TMP/base.err"

done_testing
