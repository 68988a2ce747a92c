#!/bin/sh
# One fact base, one rule (issue 20 items 1-2, issue 21 item 3): `init` in
# an ordinary git repository checks before it creates, keeps the user's
# README and .gitignore, refuses with exit 2, and says "a fact base is
# already here" only when one is; a base made by `init` gets its quotes
# checked against the copies in its sources/ (by check and build);
# kgbuild.yaml names archive directories (outside the repository too), the
# base IRI and default options, which the command line overrides, and its
# unknown keys are errors at file:line:col; a plain `kgbuild --format=ttl`
# in a checkout gives the committed exports; usage errors go through the
# diagnostics sink, so --diagnostics=json prints only JSON.
. tests/lib.sh
need_binaries
T=$TMP
SAN=$T/san
san_env "$SAN"
KGA=$KG_ASAN

# --- init in an ordinary repository
R=$T/repo
mkdir -p "$R"
(cd "$R" && git init -q . && printf '# My project\n' >README.md &&
  printf 'node_modules/\n*.o' >.gitignore)
(cd "$R" && "$KGA" init .) >"$T/init.out" 2>&1
ok $? "init . in a git repository with a README and a .gitignore" || diag "$T/init.out"
[ "$(cat "$R/README.md")" = "# My project" ]
ok $? "init keeps the user's README.md"
grep -qx 'node_modules/' "$R/.gitignore" && grep -qx '\*\.o' "$R/.gitignore" &&
  grep -qx '/exports/' "$R/.gitignore"
ok $? "init appends /exports/ to an existing .gitignore" || diag "$R/.gitignore"
[ -f "$R/facts/example.yaml" ] && [ -f "$R/kgbuild.yaml" ] && [ -d "$R/sources" ]
ok $? "init: facts/example.yaml, kgbuild.yaml, sources/"
(cd "$R" && "$KGA" init .) >"$T/again.out" 2>&1
rc=$?
[ $rc = 2 ] && grep -q 'a fact base is already here' "$T/again.out" &&
  [ "$(grep -c '/exports/' "$R/.gitignore")" = 1 ]
ok $? "a second init: exit 2, 'a fact base is already here' (got $rc)" || diag "$T/again.out"

# facts as a plain file: a refusal that is not "already here", and nothing
# created.
P=$T/plain
mkdir -p "$P"
printf 'not a directory\n' >"$P/facts"
(cd "$P" && "$KGA" init .) >"$T/plain.out" 2>&1
rc=$?
[ $rc = 2 ] && ! grep -q 'already here' "$T/plain.out" && grep -q 'facts' "$T/plain.out" &&
  [ "$(ls -A "$P")" = facts ]
ok $? "init where facts is a plain file: exit 2 naming it, nothing created (got $rc)" ||
  { diag "$T/plain.out"; ls -A "$P" | diag; }
# sources taken by a file: refused before anything is made.
S=$T/taken
mkdir -p "$S"
printf 'x\n' >"$S/sources"
(cd "$S" && "$KGA" init .) >"$T/taken.out" 2>&1
rc=$?
[ $rc = 2 ] && [ "$(ls -A "$S")" = sources ]
ok $? "init where sources is a file: exit 2 and nothing created (got $rc)" ||
  { diag "$T/taken.out"; ls -A "$S" | diag; }

# --- quotes checked against the base's sources/
Q=$T/quotes
(cd "$T" && "$KGA" init quotes) >"$T/q-init.out" 2>&1
ln -s "$REPO/ontology" "$Q/ontology" # kgbuild is not installed here
printf 'The committee met on Tuesday. Ada Lovelace chaired it.\n' >"$Q/sources/article.txt"
sum=$(sha256sum "$Q/sources/article.txt" | cut -d' ' -f1)
cat >"$Q/facts/example.yaml" <<YAML
sources:
  - id: example-source
    type: article
    title: "An example article"
    language: en
    local-copy: article.txt
    sha256: $sum

people:
  - id: ada-lovelace
    name: {en: Ada Lovelace}
    source: example-source
    quote: "Ada Lovelace chairs it"
YAML
(cd "$Q/facts" && "$KGA" check) >"$T/q-check.out" 2>&1
rc=$?
[ $rc = 1 ] && grep -q 'facts/example.yaml:13:12: error: quote not in the archived copy' "$T/q-check.out"
ok $? "check: a misquote against the copy in the base's sources/ is an error (got $rc)" ||
  diag "$T/q-check.out"
(cd "$Q" && "$KGA" -q) >"$T/q-build.out" 2>&1
rc=$?
[ $rc = 1 ] && grep -q 'quote not in the archived copy' "$T/q-build.out" && [ ! -e "$Q/exports/kg.nt" ]
ok $? "build: the same error, and no exports (got $rc)" || diag "$T/q-build.out"
sed -i 's/chairs it/chaired it/' "$Q/facts/example.yaml"
(cd "$Q" && "$KGA" -q --format=nt) >"$T/q.nt" 2>"$T/q-ok.out"
rc=$?
[ $rc = 0 ] && [ ! -s "$T/q-ok.out" ] && grep -q 'hasSelector\|TextQuoteSelector\|"Ada Lovelace chaired it"' "$T/q.nt"
ok $? "the right quote: checked, no warning, its passage exported (got $rc)" || diag "$T/q-ok.out"

# --- kgbuild.yaml: an archive outside the base, base IRI, options
C=$T/conf
cp -R "$Q" "$C"
mkdir -p "$T/archive"
mv "$C/sources/article.txt" "$T/archive/"
printf 'archives: [../archive]\nbase: https://example.org/id/\nmeasures: degree\n' >"$C/kgbuild.yaml"
(cd "$C/facts" && "$KGA" --format=nt) >"$T/c.nt" 2>"$T/c.err"
rc=$?
[ $rc = 0 ] && ! grep -q 'unchecked' "$T/c.err" && grep -q '^<https://example.org/id/ada-lovelace>' "$T/c.nt"
ok $? "kgbuild.yaml: an archive directory outside the base, and the base IRI (got $rc)" || diag "$T/c.err"
(cd "$C" && "$KGA" --format=nt --base=https://other.example/) >"$T/c2.nt" 2>"$T/c2.err"
grep -q '^<https://other.example/ada-lovelace>' "$T/c2.nt" && ! grep -q 'example.org/id' "$T/c2.nt"
ok $? "--base overrides kgbuild.yaml's base" || diag "$T/c2.err"
(cd "$C" && "$KGA" -q --format=graphml) >"$T/c.graphml" 2>"$T/c3.err"
"$PY" - "$T/c.graphml" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
keys = {k.get("attr.name") for k in ET.parse(sys.argv[1]).getroot().findall("g:key", ns)}
sys.exit(0 if "degree" in " ".join(keys) and not any("pagerank" in k for k in keys) else 1)
PY
ok $? "kgbuild.yaml's measures: degree only in the GraphML" || diag "$T/c3.err"
printf 'archives: [../archive]\nbogus: 1\narchive: x\n' >"$C/kgbuild.yaml"
(cd "$C" && "$KGA" check) >"$T/c4.out" 2>&1
rc=$?
[ $rc = 2 ] && grep -q '^kgbuild.yaml:2:1: error: unknown key .bogus.' "$T/c4.out" &&
  grep -q '^kgbuild.yaml:3:1: error: unknown key .archive.' "$T/c4.out"
ok $? "kgbuild.yaml: unknown keys are errors at file:line:col, exit 2 (got $rc)" || diag "$T/c4.out"
printf 'measures: bogus\n' >"$C/kgbuild.yaml"
(cd "$C" && "$KGA" check) >"$T/c6.out" 2>&1
rc=$?
[ $rc = 2 ] && grep -q "kgbuild.yaml: measures: .*not 'bogus'" "$T/c6.out"
ok $? "kgbuild.yaml: a bad option value names the file and the key (got $rc)" || diag "$T/c6.out"
printf 'archives: [../archive]\nbogus: 1\narchive: x\n' >"$C/kgbuild.yaml"
(cd "$C" && "$KGA" check --diagnostics=json) >"$T/c5.out" 2>&1
"$PY" - "$T/c5.out" <<'PY'
import json, sys
d = [json.loads(l) for l in open(sys.argv[1])]
sys.exit(0 if [(x["file"], x["line"], x["column"]) for x in d][:2] ==
         [("kgbuild.yaml", 2, 1), ("kgbuild.yaml", 3, 1)] else 1)
PY
ok $? "kgbuild.yaml's errors as JSON diagnostics" || diag "$T/c5.out"

# --- usage errors through the sink
for args in "--bogus" "--format=bogus" "--diagnostics=json --jobs=0" "check --format=nt"; do
  # shellcheck disable=SC2086 # args is a list of words
  (cd "$Q" && "$KGA" --diagnostics=json $args) >"$T/u.out" 2>"$T/u.err"
  rc=$?
  "$PY" -c 'import json,sys; d=[json.loads(l) for l in open(sys.argv[1])]; sys.exit(0 if d and all(x["severity"]=="error" for x in d) else 1)' "$T/u.err"
  ok $? "--diagnostics=json $args: exit 2 (got $rc), standard error only JSON" &&
    [ $rc = 2 ] || diag "$T/u.err"
done

# --- the seed: a plain --format=ttl in a checkout gives the committed exports
if [ -z "$SEED_DIR" ]; then
  skip "the seed article's archived copy is not here (KG_SEED_DIR)"
else
  W=$T/work
  mkdir -p "$W/shared" "$W/checkout"
  ln -s "$SEED_DIR" "$W/shared/seed"
  cp -R "$REPO/facts" "$REPO/ontology" "$REPO/kgbuild.yaml" "$W/checkout/"
  (cd "$W/checkout" && "$KG" --format=ttl) >"$T/seed.ttl" 2>"$T/seed.err"
  "$KG" -q ${SEED_SOURCES:+"$SEED_SOURCES"} --format=ttl >"$T/seed-ref.ttl" 2>/dev/null
  cmp -s "$T/seed.ttl" "$T/seed-ref.ttl" && ! grep -q 'unchecked' "$T/seed.err"
  ok $? "a plain kgbuild --format=ttl in a checkout: the seed with its quotes checked" ||
    diag "$T/seed.err"
fi

san_clean "$SAN" >"$T/san.out"
ok $? "no sanitizer report" || diag "$T/san.out"
done_testing
