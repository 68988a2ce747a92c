#!/bin/sh
# Statements from several sources (issue 14 items 1-2), as a curator and a
# reviewer see them, on tests/good/sources: `show` gives the best-ranked
# values as facts and the others apart, with rank, reason, qualifiers and
# every source; `diff` reports a change of rank or qualifier of the same
# value; the graph exports carry the best-ranked values only.
. tests/lib.sh
need_binaries
T=$TMP
SAN=$T/san
san_env "$SAN"
KGA=$KG_ASAN
F=$REPO/tests/good/sources/facts
cd "$REPO" || exit 1

# --- show: best-ranked values as facts, the others apart
"$KGA" show office-x "$F" >"$T/x.out" 2>"$T/x.err"
ok $? "show office-x: exit 0" || diag "$T/x.err"
grep -q '^  founded  *"2013-06" (gYearMonth) {rank: preferred, reason: "News A names' "$T/x.out" &&
  ! sed -n '/^facts$/,/^relationships$/p' "$T/x.out" | grep -q '"2014"' &&
  sed -n '/^outranked values/,/^sources$/p' "$T/x.out" | grep -q '^  founded  *"2014" (gYear)  \[[0-9]\]$'
ok $? "show: the preferred value among the facts with its rank and reason, the other one outranked" ||
  diag "$T/x.out"

"$KGA" show office-y "$F" >"$T/y.out" 2>"$T/y.err"
grep -q '^  founded  *"2015-03" (gYearMonth)  \[[0-9]\]\[[0-9]\]$' "$T/y.out" &&
  grep -q '^  founded  *"2016" (gYear) {rank: deprecated, reason: ' "$T/y.out" &&
  grep -q '"Founded in March 2015."' "$T/y.out" && grep -q '"Office Y, founded in March 2015"' "$T/y.out"
ok $? "show: one value from two sources with both passages; the deprecated one with its reason" ||
  diag "$T/y.out"

"$KGA" show person-p "$F" >"$T/p.out" 2>"$T/p.err"
grep -q '^  head-of  *-> office-x (Office X) {start: "2019" (gYear), end: "2021-05" (gYearMonth), as-of: "2021" (gYear), context: "in the working group"@en, context-topic: topic-t (Topic T), note: ' "$T/p.out"
ok $? "show: a statement's qualifiers" || diag "$T/p.out"

# --- diff: rank and qualifiers of the same value
mkdir -p "$T/new"
"$PY" - "$F/facts.yaml" "$T/new/facts.yaml" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
s = s.replace("rank: preferred\n", "rank: normal\n", 1)
s = s.replace("      start: 2019\n", "      start: 2018\n", 1)
open(sys.argv[2], "w", encoding="utf-8").write(s)
PY
"$KGA" diff "$F" "$T/new" >"$T/diff.out" 2>"$T/diff.err"
grep -q '^    ~ founded: "2013-06" (gYearMonth) {rank: preferred, reason: .*} -> {reason: ' "$T/diff.out" &&
  grep -q '^    ~ head-of: office-x (Office X) {start: "2019" (gYear), .*} -> {start: "2018" (gYear), ' "$T/diff.out"
ok $? "diff: a change of rank and of a qualifier is a change" || { diag "$T/diff.out"; diag "$T/diff.err"; }

# --- the graph exports: best-ranked values only
"$KGA" --color=never --exports="$T/e" "$F" 2>"$T/e.err"
ok $? "tests/good/sources compiles" || diag "$T/e.err"
grep -q '^office-x,' "$T/e/kg.nodes.csv" && ! grep '^office-x,' "$T/e/kg.nodes.csv" | grep -q 2014 &&
  grep '^office-z,' "$T/e/kg.nodes.csv" | grep -q '2013-06-15' &&
  ! grep '^office-z,' "$T/e/kg.nodes.csv" | grep -q '2013-06;' &&
  ! grep -q '>2011<\|>2016<' "$T/e/kg.graphml"
ok $? "CSV and GraphML attributes: the best-ranked value (the finest of agreeing ones), never a deprecated one" ||
  { grep '^office-' "$T/e/kg.nodes.csv" | diag; }
X='<https://w3id.org/kgbuild/id/office-x> <https://w3id.org/kgbuild/ns#founded>'
grep -q "^$X \"2013-06\"" "$T/e/kg.nt" && ! grep -q "^$X \"2014\"" "$T/e/kg.nt" &&
  [ "$(grep -c 'rdf-syntax-ns#object> "2014"' "$T/e/kg.nt")" = 1 ]
ok $? "kg.nt: the direct triple for the preferred value only; the other value's statement node is there" ||
  grep 'office-x' "$T/e/kg.nt" | diag

san_clean "$SAN" >"$T/san.out"
ok $? "no sanitizer report" || diag "$T/san.out"
done_testing
