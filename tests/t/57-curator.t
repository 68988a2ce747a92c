#!/bin/sh
# The curator's tool (issue 15, items 1-3): kgbuild installed with
# `make install DESTDIR=...` runs `init` in a temporary directory, then
# `check` and a build from a subdirectory of the new fact base; a fact
# base's own ontology/ wins over the installed one; `check FILE` checks a
# file against its whole fact base and reports only its problems; an
# unknown key names the keys that would do; `show` lists a person's posts
# through appointments; `diff` exits 1 when the trees differ, has --stat,
# and `diff REV` reads a git revision of the fact base through git.
. tests/lib.sh
need_binaries
T=$TMP
SAN=$T/san
san_env "$SAN"
KGA=$KG_ASAN

# --- make install, init, check and build from a subdirectory
make -s install DESTDIR="$T/dest" PREFIX=/usr/local >"$T/install.out" 2>&1
ok $? "make install DESTDIR=... PREFIX=/usr/local" || diag "$T/install.out"
DATA=$T/dest/usr/local/share/kgbuild
KGI=$T/dest/usr/local/bin/kgbuild
[ -x "$KGI" ] && [ -s "$DATA/ontology/kgbuild.ttl" ] && [ -s "$DATA/facts.schema.json" ] &&
  [ -s "$T/dest/usr/local/share/man/man1/kgbuild.1" ]
ok $? "installed: the binary, the ontology and the JSON Schema under share/kgbuild, the man page"
# The binary was built for /usr/local; KGBUILD_DATADIR points it into DESTDIR.
export KGBUILD_DATADIR="$DATA"
mkdir -p "$T/work"
(cd "$T/work" && "$KGI" init kb) >"$T/init.out" 2>&1
ok $? "init DIR" || diag "$T/init.out"
KB=$T/work/kb
[ -f "$KB/facts/example.yaml" ] && [ -d "$KB/sources" ] && [ -f "$KB/README.md" ] &&
  grep -qx '/exports/' "$KB/.gitignore" && grep -q 'kgbuild check' "$KB/README.md" &&
  grep -q '^  - id: ' "$KB/facts/example.yaml" && grep -q '^# ' "$KB/facts/example.yaml"
ok $? "init: facts/ with a commented example, sources/, .gitignore, a README on checking and building"
modeline=$(head -n 1 "$KB/facts/example.yaml")
schema=${modeline#\# yaml-language-server: \$schema=}
[ "$schema" != "$modeline" ] && [ -s "$schema" ]
ok $? "init: the example's modeline names the installed JSON Schema ($schema)"
mkdir -p "$KB/facts/deeper"
(cd "$KB/facts/deeper" && "$KGI" check) >"$T/check.out" 2>&1
ok $? "the installed kgbuild checks the new fact base from a subdirectory" || diag "$T/check.out"
(cd "$KB/facts/deeper" && "$KGI" -q) >"$T/build.out" 2>&1 && [ -s "$KB/exports/kg.ttl" ] &&
  [ ! -e "$KB/facts/deeper/exports" ] && grep -q 'ada-lovelace' "$KB/exports/kg.nt"
ok $? "... and builds it into the fact base's exports/" || diag "$T/build.out"
(cd "$T/work" && "$KGI" init kb) >"$T/again.out" 2>&1
rc=$?
[ $rc = 2 ] && grep -q 'already' "$T/again.out" && [ -s "$KB/exports/kg.ttl" ]
ok $? "init refuses an existing fact base (exit 2, got $rc)" || diag "$T/again.out"
(cd "$KB/facts" && "$KGI" init) >"$T/again.out" 2>&1
[ $? = 0 ] && [ -f "$KB/facts/facts/example.yaml" ]
ok $? "init with no DIR: the current directory"
rm -rf "$KB/facts/facts" "$KB/facts/sources" "$KB/facts/README.md" "$KB/facts/.gitignore" \
  "$KB/facts/kgbuild.yaml"

# A fact base's own ontology/ wins over the installed one: a key that only
# it defines.
cp -R "$KB" "$T/own"
mkdir -p "$T/own/ontology"
cp "$DATA"/ontology/*.ttl "$T/own/ontology/"
cat >"$T/own/ontology/score.ttl" <<'TTL'
@prefix kg: <https://w3id.org/kgbuild/ns#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
kg:score a owl:DatatypeProperty , owl:FunctionalProperty ;
    kg:yamlKey "score" ; rdfs:domain owl:Thing ; rdfs:range xsd:decimal ;
    rdfs:label "score"@en ; rdfs:comment "A test measure."@en .
TTL
printf '    score: 3\n' >>"$T/own/facts/example.yaml"
(cd "$T/own/sources" && "$KGI" check) >"$T/own.out" 2>&1
ok $? "a fact base's own ontology/ overrides the installed one" || diag "$T/own.out"
(cd "$KB" && "$KGI" check "$T/own/facts/example.yaml") >"$T/own2.out" 2>&1
[ $? = 0 ]
ok $? "check FILE of another fact base: that fact base's ontology" || diag "$T/own2.out"

# --- check FILE in context
cd "$REPO" || exit 1
"$KGA" check facts/people.yaml >"$T/ctx.out" 2>&1
ok $? "check facts/people.yaml: checked against the whole fact base (sources resolve)" || diag "$T/ctx.out"
"$KGA" check facts >"$T/dir.out" 2>&1
ok $? "check of a directory: as before" || diag "$T/dir.out"
cp -R "$KB" "$T/ctx"
printf '%s\n' 'people:' '  - id: bob' '    name: {en: Bob}' '    source: example-source' \
  '    nmae: x' '    knows: ada-lovelace' >"$T/ctx/facts/bob.yaml"
printf '%s\n' 'people:' '  - id: carl' '    source: no-such-source' >"$T/ctx/facts/carl.yaml"
(cd "$T/ctx/facts" && "$KGA" check bob.yaml) >"$T/bob.out" 2>"$T/bob.err"
rc=$?
[ $rc = 1 ] && grep -q "^bob.yaml:5:5: error: unknown key 'nmae' for person 'bob' (did you mean 'name'?)" "$T/bob.err" &&
  grep -q "^bob.yaml:6:5: error: unknown key 'knows' for person 'bob' (one of: .*name.*)" "$T/bob.err" &&
  ! grep -q 'carl' "$T/bob.err" && ! grep -q 'unknown source' "$T/bob.err" &&
  grep -q '^2 errors generated' "$T/bob.err"
ok $? "check FILE: its problems only (named as given), in the context of the others; unknown keys name the keys (exit $rc)" ||
  diag "$T/bob.err"
(cd "$T/ctx/sources" && "$KGA" check ../facts/example.yaml) >"$T/ex.out" 2>&1
ok $? "check FILE: a clean file of a fact base with errors elsewhere exits 0" || diag "$T/ex.out"
(cd "$T/ctx" && "$KGA" check) >"$T/all.out" 2>&1
[ $? = 1 ] && grep -q "carl.yaml:3:13: error: unknown source 'no-such-source'" "$T/all.out"
ok $? "check with no FILE: every file's problems" || diag "$T/all.out"
(cd "$T/ctx" && "$KGA" check --diagnostics=json facts/bob.yaml) >/dev/null 2>"$T/json.err"
"$PY" - "$T/json.err" >"$T/json.out" 2>&1 <<'PY'
import json, sys
d = [json.loads(l) for l in open(sys.argv[1])]
assert d and all(x["file"] == "facts/bob.yaml" for x in d), d
PY
ok $? "check FILE --diagnostics=json: only that file's" || diag "$T/json.out"

# --- show: a person's posts through appointments; the nearest ids
cp -R "$KB" "$T/ap"
cat >>"$T/ap/facts/example.yaml" <<'EOF'

posts:
  - id: analytical-engineer
    name: {en: Analytical Engineer}
    source: example-source

appointments:
  - id: ada-engineer
    holder: ada-lovelace
    post: analytical-engineer
    start: 1842-09
    end: 1843
    source: example-source
EOF
(cd "$T/ap" && "$KGA" show ada-lovelace) >"$T/ap.out" 2>"$T/ap.err"
[ $? = 0 ] && grep -q '^posts (through appointments)$' "$T/ap.out" &&
  grep -q '^  analytical-engineer (Analytical Engineer)  1842-09 to 1843  \[ada-engineer\]$' "$T/ap.out"
ok $? "show PERSON: the posts held through appointments, with dates" || { diag "$T/ap.out"; diag "$T/ap.err"; }
(cd "$T/ap" && "$KGA" show ada-lovelac) >/dev/null 2>"$T/near.err"
[ $? = 1 ] && grep -q "did you mean 'ada-lovelace'" "$T/near.err"
ok $? "show with a misspelt id: the nearest id" || diag "$T/near.err"

# --- diff: exit codes, --stat, REV
"$KGA" diff facts facts >/dev/null 2>&1
ok $? "diff of a tree with itself: exit 0"
"$KGA" diff "$KB/facts" "$T/ap/facts" >"$T/d.out" 2>"$T/d.err"
rc=$?
[ $rc = 1 ] && grep -q '^+ appointment ada-engineer$' "$T/d.out"
ok $? "diff of trees that differ: exit 1, as diff(1) (got $rc)" || diag "$T/d.err"
"$KGA" diff --stat "$KB/facts" "$T/ap/facts" >"$T/stat.out" 2>"$T/d.err"
rc=$?
cat >"$T/stat.want" <<'EOF'
  appointment          1 added, 0 removed, 0 changed
  post                 1 added, 0 removed, 0 changed
2 entities added, 0 removed, 0 changed; 5 statements differ
EOF
[ $rc = 1 ] && diff -u "$T/stat.want" "$T/stat.out" >"$T/stat.d"
ok $? "diff --stat: counts per class and the total" || diag "$T/stat.d"
"$KGA" check --stat >/dev/null 2>&1
[ $? = 2 ]
ok $? "--stat with another command: usage error"

if command -v git >/dev/null 2>&1; then
  G=$T/git
  cp -R "$KB" "$G" && rm -rf "$G/exports"
  export TMPDIR="$T/tmpdir"
  mkdir -p "$TMPDIR"
  (cd "$G" && git init -q && git add . &&
    git -c user.email=t@example.org -c user.name=t commit -qm base) >"$T/git.out" 2>&1
  ok $? "a fact base in git" || diag "$T/git.out"
  (cd "$G/sources" && "$KGA" diff) >"$T/r0.out" 2>&1
  ok $? "diff (HEAD) on an unchanged fact base: exit 0" || diag "$T/r0.out"
  sed -i 's/{en: Ada Lovelace}/{en: Ada King}/' "$G/facts/example.yaml"
  (cd "$G/facts" && "$KGA" diff HEAD) >"$T/r1.out" 2>"$T/r1.err"
  rc=$?
  cat >"$T/r1.want" <<'EOF'
~ person ada-lovelace
    + name: "Ada King"@en [source: example-source]
    - name: "Ada Lovelace"@en [source: example-source]
0 entities added, 0 removed, 1 changed; 2 statements differ
EOF
  [ $rc = 1 ] && diff -u "$T/r1.want" "$T/r1.out" >"$T/r1.d"
  ok $? "diff REV: the working facts/ against git's (exit 1, got $rc)" || { diag "$T/r1.d"; diag "$T/r1.err"; }
  (cd "$G" && "$KGA" diff --stat) >"$T/r2.out" 2>&1
  [ $? = 1 ] && grep -q '^  person  *0 added, 0 removed, 1 changed$' "$T/r2.out"
  ok $? "diff --stat (HEAD)" || diag "$T/r2.out"
  (cd "$G" && "$KGA" diff no-such-rev) >"$T/r3.out" 2>&1
  rc=$?
  [ $rc = 2 ] && grep -q "'no-such-rev' is not a git revision" "$T/r3.out"
  ok $? "diff with an unknown revision: exit 2 (got $rc)" || diag "$T/r3.out"
  (cd "$G" && "$KGA" diff --end-of-options --output=x) >"$T/r4.out" 2>&1
  [ $? = 2 ] && [ ! -e "$G/x" ]
  ok $? "a revision that looks like an option is never one" || diag "$T/r4.out"
  [ -z "$(ls -A "$TMPDIR")" ]
  ok $? "diff REV leaves no temporary directory" || ls -A "$TMPDIR" | diag
  (cd "$T" && "$KGA" diff) >"$T/r5.out" 2>&1
  [ $? = 2 ] && grep -q 'no fact base here' "$T/r5.out"
  ok $? "diff REV outside a fact base: usage error" || diag "$T/r5.out"
  unset TMPDIR
else
  skip "git is not installed"
fi

san_clean "$SAN" >"$T/san.out"
ok $? "no sanitizer report in any of these runs" || diag "$T/san.out"
done_testing
