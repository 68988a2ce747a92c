#!/bin/sh
# The language server re-checks an edit of one entry alone (issue 20 item
# 5, src/lsp_incr.c), and what it publishes is still exactly what `kgbuild
# check` says: tests/lsp/incremental.py sends ranged edits (incremental
# sync) and, after each, compares the server's diagnostics of every file
# with a cold `kgbuild check --diagnostics=json` of the files on disk.
# Scripted: edits that introduce (and, put back, remove) a duplicate id, a
# dangling reference, a cycle, a one-valued key's contradiction across
# files, a misquote, an outranking, an identifier given to two entries,
# and edits of values only (which the entry's check takes).  Random: edits of the seed and of tests/good
# bases, seeded, under KG_LSP_VERIFY, which makes the server check the
# whole base after each entry's check and count differences (0 required).
. tests/lib.sh
need_binaries
T=$TMP

# --- the scripted cases
B=$T/scripted
mkdir -p "$B/facts" "$B/sources"
ln -s "$REPO/ontology" "$B/ontology"
printf 'The committee met on Tuesday.\nAda Lovelace chaired it.\n' >"$B/sources/a.txt"
sum=$(sha256sum "$B/sources/a.txt" | cut -d' ' -f1)
cat >"$B/facts/sources.yaml" <<YAML
sources:
  - id: s1
    type: article
    title: "A"
    local-copy: a.txt
    sha256: $sum

  - id: s2
    title: "B"
YAML
cat >"$B/facts/ranks.yaml" <<'YAML'
concept-schemes:
  - id: scale
    name: {en: scale}
    source: s2

ranks:
  - id: r1
    name: {en: one}
    in-scheme: scale
    next-above: r2
    source: s2

  - id: r2
    name: {en: two}
    in-scheme: scale
    next-above: r3
    source: s2

  - id: r3
    name: {en: three}
    in-scheme: scale
    source: s2
YAML
cat >"$B/facts/more-ranks.yaml" <<'YAML'
ranks:
  - id: r4
    name: {en: four}
    in-scheme: scale
    source: s1
    quote: "The committee met on Tuesday."
YAML
cat >"$B/facts/people.yaml" <<'YAML'
people:
  - id: ada
    name: {en: Ada Lovelace}
    born: 1815
    wikidata: Q7259
    source: s1
    quote: "Ada Lovelace chaired it."

  - id: bob
    name: {en: Bob}
    wikidata: Q42
    born:
      - {value: 1900, source: s1}
      - {value: 1901, source: s2}
    source: s2
YAML
cat >"$T/edits.json" <<'JSON'
[["people.yaml", "id: bob", "id: ada"],
 ["ranks.yaml", "next-above: r3", "next-above: r9"],
 ["ranks.yaml", "name: {en: three}", "name: {en: three}\n    next-above: r1"],
 ["more-ranks.yaml", "in-scheme: scale", "in-scheme: scale\n    next-above: r2"],
 ["people.yaml", "Ada Lovelace chaired it.", "Ada Lovelace chairs it."],
 ["people.yaml", "{value: 1900, source: s1}", "{value: 1900, source: s1, rank: preferred}"],
 ["people.yaml", "name: {en: Bob}", "name: {en: Bobby}"],
 ["people.yaml", "wikidata: Q42", "wikidata: Q7259"],
 ["people.yaml", "born: 1815", "born: 1815-13"],
 ["people.yaml", "born: 1815", "born: 1815\n    died: 1852"],
 ["ranks.yaml", "name: {en: two}", "name: {en: two, zh: 二}"]]
JSON
timeout -s KILL 600 "$PY" tests/lsp/incremental.py "$KG" "$B" scripted \
  "$T/edits.json" >"$T/scripted.out" 2>&1
rc=$?
tap_lines() { # FILE: its ok / not ok lines as this file's tests
  while IFS= read -r line; do
    case $line in
      ok\ *) ok 0 "${line#ok [0-9]* - }" ;;
      not\ ok\ *) ok 1 "${line#not ok [0-9]* - }" ;;
    esac
  done <"$1"
}
tap_lines "$T/scripted.out"
ok $rc "incremental.py scripted ran to its end, every edit as check says" ||
  diag "$T/scripted.out"
entries=$(sed -n 's/^entry checks: \([0-9]*\).*/\1/p' "$T/scripted.out")
[ "${entries:-0}" -ge 5 ]
ok $? "the edits of values were checked as their entry alone (${entries:-0} entry checks)" ||
  diag "$T/scripted.out"

# --- moving from entry to entry: each entry's first edit is checked as
# that entry alone too (the baseline follows the edits), none put back:
# entries of one file and of others, an entry edited again after others,
# entries below one that gained lines, an entry another refers to.  Run
# under KG_LSP_VERIFY: every entry's check is followed by a whole one.
M=$T/moves
mkdir -p "$M/sources"
cp -R "$B/facts" "$M/"
cp "$B/sources/a.txt" "$M/sources/"
ln -s "$REPO/ontology" "$M/ontology"
cat >"$T/moves.json" <<'JSON'
[["people.yaml", "name: {en: Bob}", "name: {en: Bobby}"],
 ["people.yaml", "born: 1815", "born: 1816"],
 ["ranks.yaml", "name: {en: two}", "name: {en: two, zh: 二}"],
 ["more-ranks.yaml", "name: {en: four}", "name: {en: four, fr: quatre}"],
 ["people.yaml", "name: {en: Bobby}", "name: {en: Robert}"],
 ["ranks.yaml", "name: {en: one}", "name: {en: one}\n    description: {en: the first}"],
 ["ranks.yaml", "name: {en: three}", "name: {en: three, zh: 三}"],
 ["people.yaml", "born: 1816", "born: 1816\n    died: 1852"],
 ["people.yaml", "name: {en: Robert}", "name: {en: Rob}"],
 ["ranks.yaml", "name: {en: two, zh: 二}", "name: {en: deux}"],
 ["people.yaml", "died: 1852", "died: 1799"],
 ["ranks.yaml", "description: {en: the first}", "description: {en: first}"]]
JSON
KG_LSP_VERIFY=1 timeout -s KILL 600 "$PY" tests/lsp/incremental.py "$KG" "$M" \
  moves "$T/moves.json" >"$T/moves.out" 2>&1
rc=$?
tap_lines "$T/moves.out"
ok $rc "incremental.py moves ran to its end, every edit as check says" ||
  diag "$T/moves.out"
wholes=$(sed -n 's/^whole checks during the edits: \([0-9]*\)$/\1/p' "$T/moves.out")
[ "${wholes:-1}" = 0 ]
ok $? "moving across 12 entries of 3 files cost no whole check (${wholes:-?})" ||
  diag "$T/moves.out"
line=$(grep '^entry checks:' "$T/moves.out")
differed=$(echo "$line" | sed -n 's/.*differed: \([0-9]*\).*/\1/p')
[ "${differed:-1}" = 0 ]
ok $? "each entry's check the same as a whole check ($line)" ||
  diag "$T/moves.out"

# A literal's source changed, as the first edit after a whole check: to a
# source the entry did not cite (outside its small model) and to an id
# that is none (whose hint names the base's ids): a whole check's to say.
S=$T/moves-sources
mkdir -p "$S/sources"
cp -R "$B/facts" "$S/"
cp "$B/sources/a.txt" "$S/sources/"
ln -s "$REPO/ontology" "$S/ontology"
cat >"$T/moves-sources.json" <<'JSON'
[["people.yaml", "born: 1815", "born: {value: 1815, source: s2}"],
 ["people.yaml", "{value: 1900, source: s1}", "{value: 1900, source: s9}"]]
JSON
timeout -s KILL 600 "$PY" tests/lsp/incremental.py "$KG" "$S" moves \
  "$T/moves-sources.json" >"$T/moves-sources.out" 2>&1
ok $? "a literal's source changed: published as check says" ||
  diag "$T/moves-sources.out"

# --- random edits, verified against whole checks
random_case() { # NAME DIR SEED EDITS [MODE: random (default) or values]
  w=$T/random-$1
  mkdir -p "$w/sources"
  cp -R "$2/facts" "$w/"
  [ -d "$2/sources" ] && cp -R "$2/sources/." "$w/sources/"
  ln -s "$REPO/ontology" "$w/ontology"
  KG_LSP_VERIFY=1 timeout -s KILL 900 "$PY" tests/lsp/incremental.py "$KG" \
    "$w" "${5:-random}" "$4" "$3" >"$T/random-$1.out" 2>&1
  rc=$?
  failed=$(grep -c '^not ok' "$T/random-$1.out")
  total=$(grep -c '^ok\|^not ok' "$T/random-$1.out")
  [ $rc = 0 ] && [ "$failed" = 0 ] && [ "$total" -gt 0 ]
  ok $? "$1: $total random edits and undos published as a cold check says" ||
    grep -v '^ok' "$T/random-$1.out" | head -20 | diag
  line=$(grep '^entry checks:' "$T/random-$1.out")
  differed=$(echo "$line" | sed -n 's/.*differed: \([0-9]*\).*/\1/p')
  entries=$(echo "$line" | sed -n 's/^entry checks: \([0-9]*\).*/\1/p')
  [ "${differed:-1}" = 0 ] && [ "${entries:-0}" -gt 0 ]
  ok $? "$1: ${entries:-0} entry checks, each the same as the whole check after it ($line)" ||
    diag "$T/random-$1.out"
}
if [ -n "$SEED_DIR" ]; then
  mkdir -p "$T/seed/sources"
  cp "$SEED_DIR"/* "$T/seed/sources/"
  cp -R "$REPO/facts" "$T/seed/"
  random_case seed "$T/seed" 1 150
  random_case values-seed "$T/seed" 7 150 values
else
  for i in 1 2 3 4; do
    skip "the seed's archived copy is not here (KG_SEED_DIR)"
  done
fi
random_case long-form "$REPO/tests/good/long-form" 2 100
# Under ASan+UBSan: the scripted base, edited at random and verified.
SAN=$T/san
san_env "$SAN"
KG_SAVED=$KG
KG=$KG_ASAN
random_case asan "$B" 5 60
KG=$KG_SAVED
san_clean "$SAN" >"$T/san.out"
ok $? "no sanitizer report from kgbuild lsp" || diag "$T/san.out"
random_case spells "$REPO/tests/good/spells" 3 100
random_case scripted "$B" 4 100
# Values typed into and deleted from, mostly kept: long chains of
# entries' checks, each settled on the one before (the baseline follows).
random_case values-scripted "$B" 6 120 values
random_case values-long-form "$REPO/tests/good/long-form" 8 120 values
done_testing
