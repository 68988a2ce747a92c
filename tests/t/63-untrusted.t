#!/bin/sh
# A fact base from an untrusted pull request (issue 21, items 1, 2 and 6;
# docs/reliability.md, "Untrusted input"): nothing outside the fact base is
# read, whether a symbolic link in facts/ or in sources/ points out of it
# (under check, check FILE, build and diff HEAD); nothing blocks, a FIFO
# as a fact file, an ontology file or an archived copy; and text from an
# archived copy stays text (a NUL never reaches oa:prefix).  The secret
# outside the fact base carries a marker that must never be printed.
. tests/lib.sh
need_binaries
T=$TMP
san_env "$T/san"
KGT="timeout 20 $KG_ASAN --color=never"
MARK=SECRET-MARKER-4242
printf 'secret: %s is here\n' "$MARK" >"$T/secret.yaml"
printf 'The %s text of a file outside the fact base.\n' "$MARK" >"$T/secret.txt"
mkdir -p "$T/secretdir" && cp "$T/secret.yaml" "$T/secretdir/x.yaml"
cp "$T/secret.txt" "$T/secretdir/pw.txt"

# base DIR: a small fact base with one source whose copy is a.txt
base() {
  mkdir -p "$1/facts/sources"
  ln -s "$REPO/ontology" "$1/ontology"
  printf 'The office was founded in June 2013.\n' >"$1/facts/sources/a.txt"
  cat >"$1/facts/f.yaml" <<YAML
sources:
  - id: a
    title: A
    local-copy: ${2:-a.txt}
    ${3:-sha256: $(sha256sum "$1/facts/sources/a.txt" | cut -c1-64)}
organisations:
  - id: office
    name: {en: The office}
    founded: 2013-06
    source: a
    quote: "founded in June 2013"
YAML
}

# leaked FILE: does FILE hold the marker or the secret copy's hash?
leaked() {
  grep -q -e "$MARK" -e "$(sha256sum "$T/secret.txt" | cut -c1-64)" "$1"
}

# --- a fact file that is a link out of the fact base
base "$T/l1"
ln -s "$T/secret.yaml" "$T/l1/facts/leak.yaml"
(cd "$T/l1" && $KGT check) >"$T/out" 2>&1
rc=$?
[ $rc = 1 ] && ! leaked "$T/out" &&
  grep -q '^facts/leak.yaml: error: a symbolic link out of the fact base: not read' "$T/out"
ok $? "check: facts/leak.yaml -> a file outside is refused unread (exit 1)" || diag "$T/out"

(cd "$T/l1" && $KGT check facts/leak.yaml) >"$T/out" 2>&1
rc=$?
[ $rc = 1 ] && ! leaked "$T/out" && [ "$(grep -c 'out of the fact base' "$T/out")" = 1 ]
ok $? "check FILE: the link named on the command line is refused too, once" || diag "$T/out"

(cd "$T/l1/facts" && $KGT check leak.yaml) >"$T/out" 2>&1
rc=$?
[ $rc = 1 ] && ! leaked "$T/out" && [ "$(grep -c 'out of the fact base' "$T/out")" = 1 ] &&
  grep -q '^leak.yaml: error: a symbolic link out of the fact base' "$T/out"
ok $? "check FILE from facts/: refused once, under the name given (was: 'no problems')" || diag "$T/out"

(cd "$T/l1" && $KGT --exports=ex) >"$T/out" 2>&1
rc=$?
[ $rc = 1 ] && ! leaked "$T/out" && [ ! -e "$T/l1/ex" ]
ok $? "build: refused, nothing exported" || diag "$T/out"

# --- a directory of facts that is a link out of the fact base
base "$T/l2"
ln -s "$T/secretdir" "$T/l2/facts/more"
(cd "$T/l2" && $KGT check) >"$T/out" 2>&1
rc=$?
[ $rc = 1 ] && ! leaked "$T/out" && grep -q '^facts/more: error: a symbolic link out' "$T/out"
ok $? "check: facts/more -> a directory outside is not walked" || diag "$T/out"

# --- facts/ itself a link out of the fact base
mkdir -p "$T/l3" && ln -s "$REPO/ontology" "$T/l3/ontology" && ln -s "$T/secretdir" "$T/l3/facts"
(cd "$T/l3" && $KGT check) >"$T/out" 2>&1
rc=$?
[ $rc = 1 ] && ! leaked "$T/out"
ok $? "check: facts -> a directory outside is refused" || diag "$T/out"

# --- diff HEAD: git archive recreates a committed link
if command -v git >/dev/null; then
  base "$T/g"
  (cd "$T/g" && git init -q && git add facts && git -c user.name=t -c user.email=t@t commit -qm base &&
    ln -s "$T/secret.yaml" facts/leak.yaml && git add facts &&
    git -c user.name=t -c user.email=t@t commit -qm leak) >/dev/null 2>&1
  (cd "$T/g" && $KGT diff HEAD) >"$T/out" 2>&1
  rc=$?
  [ $rc != 0 ] && [ $rc != 124 ] && ! leaked "$T/out" &&
    [ "$(grep -c 'out of the fact base' "$T/out")" -ge 2 ]
  ok $? "diff HEAD: the committed link is refused in both trees" || diag "$T/out"
else
  skip "git is not installed"
fi

# --- an archived copy that is a link out: not read, not hashed, not quoted
base "$T/c1" pw.txt " "
ln -s "$T/secret.txt" "$T/c1/facts/sources/pw.txt"
sed -i 's/quote: "founded in June 2013"/quote: "text of a file"/' "$T/c1/facts/f.yaml"
(cd "$T/c1" && $KGT check) >"$T/out" 2>&1
rc=$?
[ $rc = 1 ] && ! leaked "$T/out" &&
  grep -q "error: the archived copy 'pw.txt' (facts/sources/pw.txt) leads, through a symbolic link, out of the directory it is looked for in: it was not read" "$T/out"
ok $? "an archived copy linking out: refused unread, no hash, no passage" || diag "$T/out"

base "$T/c2" pw.txt
rm -r "$T/c2/facts/sources" && ln -s "$T/secretdir" "$T/c2/facts/sources"
(cd "$T/c2" && $KGT check) >"$T/out" 2>&1
rc=$?
[ $rc = 1 ] && ! leaked "$T/out" && grep -q "copy-refused\|not read" "$T/out"
ok $? "a sources/ directory linking out: its copies are refused" || diag "$T/out"

base "$T/c3" pw.txt " "
rm "$T/c3/facts/sources/a.txt" && mkdir -p "$T/dirs" && ln -s "$T/secret.txt" "$T/dirs/pw.txt"
(cd "$T/c3" && $KGT check --sources="$T/dirs") >"$T/out" 2>&1
rc=$?
[ $rc = 1 ] && ! leaked "$T/out" && grep -q "pw.txt.*not read" "$T/out"
ok $? "a link out of a --sources directory: refused" || diag "$T/out"

base "$T/c4" b.txt
mkdir -p "$T/c4/facts/old" && cp "$T/c4/facts/sources/a.txt" "$T/c4/facts/old/"
ln -s ../old/a.txt "$T/c4/facts/sources/b.txt"
(cd "$T/c4" && $KGT check -q) >"$T/out" 2>&1
ok $? "a link that stays inside the fact base is followed" || diag "$T/out"

# --- the fact base's own sources/ (as `kgbuild init` makes it) is searched,
# bounded by the fact base
base "$T/r1"
mkdir -p "$T/r1/sources" && mv "$T/r1/facts/sources/a.txt" "$T/r1/sources/"
(cd "$T/r1/facts" && $KGT check) >"$T/out" 2>&1
rc=$?
[ $rc = 0 ] && ! grep -q 'warning' "$T/out"
ok $? "a copy in the fact base's sources/ is found (was: not found)" || diag "$T/out"
base "$T/r2" pw.txt " "
rm "$T/r2/facts/sources/a.txt" && mkdir -p "$T/r2/sources" && ln -s "$T/secret.txt" "$T/r2/sources/pw.txt"
(cd "$T/r2" && $KGT check) >"$T/out" 2>&1
rc=$?
[ $rc = 1 ] && ! leaked "$T/out" && grep -q "sources/pw.txt) leads, through a symbolic link, out" "$T/out"
ok $? "a link out of the fact base's sources/: refused" || diag "$T/out"

# --- nothing blocks: FIFOs refused without waiting for a writer
base "$T/f1"
rm "$T/f1/facts/sources/a.txt" && mkfifo "$T/f1/facts/sources/a.txt"
(cd "$T/f1" && $KGT check) >"$T/out" 2>&1
rc=$?
[ $rc = 1 ] && grep -q "error: the archived copy 'a.txt' (facts/sources/a.txt) is not a regular file" "$T/out"
ok $? "a FIFO as local-copy: refused at once, exit 1 (was a hang)" || { note "exit $rc"; diag "$T/out"; }

base "$T/f2"
mkfifo "$T/f2/facts/pipe.yaml"
(cd "$T/f2" && $KGT check) >"$T/out" 2>&1
rc=$?
[ $rc = 3 ] && grep -q '^facts/pipe.yaml: error: is not a regular file' "$T/out"
ok $? "a FIFO among fact files: refused at once" || { note "exit $rc"; diag "$T/out"; }

base "$T/f3"
rm "$T/f3/ontology" && mkdir "$T/f3/ontology" && cp "$REPO"/ontology/*.ttl "$T/f3/ontology/" &&
  mkfifo "$T/f3/ontology/zz.ttl"
(cd "$T/f3" && $KGT check) >"$T/out" 2>&1
rc=$?
[ $rc = 3 ] && grep -q 'ontology/zz.ttl: error: is not a regular file' "$T/out"
ok $? "a FIFO in the fact base's ontology/: refused at once" || { note "exit $rc"; diag "$T/out"; }

base "$T/f4"
mkdir -p "$T/f4/exports" && mkfifo "$T/f4/exports/.kgbuild-journal"
(cd "$T/f4" && $KGT -q) >"$T/out" 2>&1
rc=$?
[ $rc = 0 ] && [ -s "$T/f4/exports/kg.nt" ] && [ -p "$T/f4/exports/.kgbuild-journal" ]
ok $? "a FIFO as exports/.kgbuild-journal: not read as a journal, the build goes on" || { note "exit $rc"; diag "$T/out"; }

# --- text from a copy stays text: controls refused, naming the byte
base "$T/n1"
printf 'The office\000 was founded in June 2013.\n' >"$T/n1/facts/sources/a.txt"
sed -i "s/sha256: .*/sha256: $(sha256sum "$T/n1/facts/sources/a.txt" | cut -c1-64)/" "$T/n1/facts/f.yaml"
(cd "$T/n1" && $KGT --exports=ex) >"$T/out" 2>&1
rc=$?
[ $rc = 1 ] && [ ! -e "$T/n1/ex" ] &&
  grep -q "error: the archived copy 'a.txt' (facts/sources/a.txt) holds a NUL character (U+0000) at byte 10 (line 1)" "$T/out"
ok $? "a NUL in a copy: refused with its byte offset, nothing exported" || { note "exit $rc"; diag "$T/out"; }

base "$T/n2"
printf 'Page 1\014The\033[2K office\n' >"$T/n2/facts/sources/a.txt"
sed -i "s/sha256: .*/sha256: $(sha256sum "$T/n2/facts/sources/a.txt" | cut -c1-64)/" "$T/n2/facts/f.yaml"
sed -i 's/quote: .*/quote: "office"/' "$T/n2/facts/f.yaml"
(cd "$T/n2" && $KGT check) >"$T/out" 2>&1
rc=$?
[ $rc = 1 ] && grep -q "holds a control character (U+000C) at byte 6 (line 1)" "$T/out"
ok $? "a form feed or an escape in a copy: refused the same way" || diag "$T/out"

# white space that is text (TAB, CR, LF) is kept, and rdflib reads the
# selectors back with no other control character
base "$T/n3"
printf 'Before\tit:\r\nThe office was founded in June 2013.\r\n\tAfter.\n' >"$T/n3/facts/sources/a.txt"
sed -i "s/sha256: .*/sha256: $(sha256sum "$T/n3/facts/sources/a.txt" | cut -c1-64)/" "$T/n3/facts/f.yaml"
(cd "$T/n3" && $KGT -q --exports=ex) >"$T/out" 2>&1
rc=$?
"$PY" - "$T/n3/ex/kg.nt" >"$T/py" 2>&1 <<'PY'
import sys, rdflib
OA = rdflib.Namespace("http://www.w3.org/ns/oa#")
g = rdflib.Graph(); g.parse(sys.argv[1], format="nt")
got = {str(p): str(o) for p in (OA.prefix, OA.exact, OA.suffix) for o in g.objects(None, p)}
print(got)
bad = [k for k, v in got.items() if any(ord(c) < 32 and c not in "\t\r\n" for c in v)]
ok = len(got) == 3 and got[str(OA.prefix)].endswith("\r\nThe office was ") and not bad
sys.exit(0 if ok else 1)
PY
py=$?
[ $rc = 0 ] && [ $py = 0 ]
ok $? "TAB, CR and LF in a copy are text: rdflib reads the selectors, no other control" || { diag "$T/out"; diag "$T/py"; }

# --- check FILE on a file the walk of facts/ skips (hidden, in a hidden
# directory, nested deeper than the walk goes): checked as given, its
# errors shown (was: no problems, exit 0, the file never read)
deep=facts$(i=0; while [ $i -lt 34 ]; do printf /d; i=$((i + 1)); done)
for f in facts/.hid.yaml facts/.hidden/x.yaml "$deep/x.yaml"; do
  h=$T/h$(printf %s "$f" | wc -c)
  base "$h"
  mkdir -p "$h/${f%/*}"
  printf 'organisations:\n  - id: Bad Id\n  - id: also Bad\n' >"$h/$f"
  (cd "$h" && $KGT check "$f") >"$T/out" 2>&1
  rc=$?
  # (3 too for the deep one: the walk's own "nested too deep" on facts/d/...)
  { [ $rc = 1 ] || { [ $rc = 3 ] && [ "$f" != "${f#"$deep"}" ]; }; } &&
    [ "$(grep -c "^$f:[0-9]*:[0-9]*: error: " "$T/out")" = 2 ]
  ok $? "check $(echo "$f" | cut -c1-30): a file the walk skips is checked as given (exit $rc)" ||
    diag "$T/out"
done

# --- the link bound fails closed: run as nobody in a fact base under a
# directory nobody may not search ($TMP is mode 700), realpath(3) of the
# fact base fails with EACCES; the bound was then empty and a relative
# link out of the fact base was read (was: the secret printed, exit 1)
u=$T/u
mkdir -p "$u"
cp "$T/secret.yaml" "$u/secret.yaml"
base "$u/b"
ln -s ../../secret.yaml "$u/b/facts/leak.yaml"
chmod -R a+rX "$u" && chmod 700 "$T"
AS_NOBODY="setpriv --reuid=65534 --regid=65534 --clear-groups"
if $AS_NOBODY true 2>/dev/null && ! $AS_NOBODY ls "$T" >/dev/null 2>&1; then
  (cd "$u/b" && $AS_NOBODY timeout 20 "$KG" --color=never check) >"$T/out" 2>&1
  rc=$?
  [ $rc = 1 ] && ! leaked "$T/out" &&
    grep -q "^facts/leak.yaml: error: a symbolic link out of the fact base" "$T/out"
  ok $? "unsearchable parent (as nobody): the link out is still refused (exit $rc)" || diag "$T/out"
else
  skip "cannot run as nobody with setpriv (or nobody can search \$TMP)"
fi

san_clean "$T/san" >"$T/san.out"
ok $? "no sanitizer reports" || diag "$T/san.out"
done_testing
