#!/bin/sh
# Opening a fact base in the language server reads and parses its files on
# -j threads (src/lsp_base.c): what it publishes when the first document
# is opened is what a cold `kgbuild check` says, with one thread or many,
# and ThreadSanitizer finds no data race.  The base has problems of every
# stage in several files (YAML syntax, encoding, a reference to an id of
# another file, an id defined twice across files), and the opened
# document's buffer differs from its file on disk.
. tests/lib.sh
need_binaries
T=$TMP
KG_TSAN=$REPO/kgbuild-tsan

B=$T/base
"$PY" bench/gen.py --people 2000 --seed 5 --out "$B/facts" >/dev/null 2>"$T/gen.err"
ok $? "gen.py: a base of 2000 people" || diag "$T/gen.err"
ln -s "$REPO/ontology" "$B/ontology"
printf 'people:\n  - id: [unclosed\n' >"$B/facts/broken.yaml"
printf 'people:\n  - id: bad-bytes\n    name: {en: "\377\376"}\n' >"$B/facts/encoding.yaml"
cat >"$B/facts/zz-more.yaml" <<'YAML'
people:
  - id: zz-someone
    name: {en: Someone}
    member-of: no-such-organisation
    source: src-0001

  - id: zz-twice
    name: {en: Twice}
    source: src-0001

  - id: zz-twice
    name: {en: Twice again}
    source: src-0001
YAML
file=facts/$(cd "$B" && ls facts | grep '^people' | head -n 1)

# Two bases: one whose files do not all load (then check reports the
# loading's problems only), one whose problems are the model's.
C=$T/checked
mkdir -p "$C"
cp -R "$B/facts" "$C/"
rm "$C/facts/broken.yaml" "$C/facts/encoding.yaml"
ln -s "$REPO/ontology" "$C/ontology"
for base in "$B" "$C"; do
  name=$(basename "$base")
  for j in 1 2 4; do
    timeout -s KILL 300 "$PY" tests/lsp/opening.py "$KG" "$base" "$file" -j "$j" \
      >"$T/open-$name-$j.out" 2>&1
    ok $? "$name, -j $j: what the server publishes on opening is what check says" ||
      diag "$T/open-$name-$j.out"
  done
  n=$(grep -c '^\[' "$T/open-$name-1.out")
  [ "$n" -ge 2 ]
  ok $? "$name: the base's problems were published ($n diagnostics)" ||
    diag "$T/open-$name-1.out"
  cmp -s "$T/open-$name-1.out" "$T/open-$name-4.out"
  ok $? "$name: -j 4 publishes the same as -j 1" ||
    diff "$T/open-$name-1.out" "$T/open-$name-4.out" | diag
done

if [ -x "$KG_TSAN" ]; then
  TSAN_OPTIONS="halt_on_error=1:exitcode=66:log_path=$T/tsan" \
    timeout -s KILL 600 "$PY" tests/lsp/opening.py "$KG_TSAN" "$C" "$file" -j 4 \
    >"$T/open-tsan.out" 2>&1
  ok $? "kgbuild-tsan -j 4: as check says" || diag "$T/open-tsan.out"
  set -- "$T"/tsan*
  [ ! -e "$1" ]
  ok $? "ThreadSanitizer: no report from the server's reading threads" ||
    { head -n 30 "$1" | diag; }
else
  fail "kgbuild-tsan is not built (make kgbuild-tsan)"
fi
done_testing
