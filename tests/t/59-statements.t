#!/bin/sh
# Statements from several sources (issue 14 items 1-2), as a curator and a
# reviewer see them, on tests/good/sources: `show` gives the best-ranked
# values as facts and the others apart, with rank, reason, qualifiers and
# every source; `diff` reports a change of rank or qualifier of the same
# value; the graph exports carry the best-ranked values only, and a
# relation's qualifiers as edge attributes (GraphML, CSV, GEXF spells).
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

# Values a finer date merely refines (2013 and 2013-06 beside 2013-06-15)
# are not outranked: nothing ranks them lower (issue 21.7).
"$KGA" show office-z "$F" >"$T/z.out" 2>"$T/z.err"
! grep -q '^outranked' "$T/z.out" &&
  sed -n '/^refined values/,/^sources$/p' "$T/z.out" >"$T/z.refined" &&
  grep -q '^  founded  *"2013" (gYear)  \[[0-9]\]  refined by "2013-06-15"$' "$T/z.refined" &&
  grep -q '^  founded  *"2013-06" (gYearMonth)  \[[0-9]\]  refined by "2013-06-15"$' "$T/z.refined"
ok $? "show: values a finer date refines are 'refined by' it, not outranked" ||
  diag "$T/z.out"

"$KGA" show person-p "$F" >"$T/p.out" 2>"$T/p.err"
# in check's order (by property, the notes last), whatever the order written
grep -q '^  head-of  *-> office-x (Office X) {as-of: "2021" (gYear), context: "in the working group"@en, context-topic: topic-t (Topic T), start: "2019" (gYear), end: "2021-05" (gYearMonth), note: ' "$T/p.out"
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
  grep -q '^    ~ head-of: office-x (Office X) {.*start: "2019" (gYear), .*} -> {.*start: "2018" (gYear), ' "$T/diff.out"
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

# --- the network exports: a relation's qualifiers as edge attributes, read
# back by networkx (GraphML), the csv module (edges CSV) and ElementTree
# (GEXF, after xmllint checks it against the GEXF 1.3 grammar).
"$PY" - "$T/e" >"$T/q.out" 2>&1 <<'PY'
import csv, sys, xml.etree.ElementTree as ET
import networkx as nx
d = sys.argv[1]
# free text (context, note) as a JSON array: docs/modelling.md
want = {"start": "2019", "end": "2021-05", "as_of": "2021",
        "context": '["in the working group"]', "context_topic": "topic-t",
        "note": '["the article\'s date is given as 2021"]'}
g = nx.read_graphml(d + "/kg.graphml")
ids = {n: a["kg_id"] for n, a in g.nodes(data=True)}
edges = {(ids[u], ids[v], a["label"]): a for u, v, a in g.edges(data=True)}
a = edges[("person-p", "office-x", "head-of")]
assert all(a.get(k) == v for k, v in want.items()), ("graphml", a)
b = edges[("person-p-coordinator", "person-p", "holder")]
assert not set(want) & set(b), ("graphml: qualifiers on an unqualified edge", b)
rows = list(csv.DictReader(open(d + "/kg.edges.csv", encoding="utf-8", newline="")))
r = [r for r in rows if (r["Source"], r["Target"]) == ("person-p", "office-x")]
assert len(r) == 1 and all(r[0][k] == v for k, v in want.items()), ("csv", r)
ns = {"g": "http://gexf.net/1.3"}
root = ET.parse(d + "/kg.gexf").getroot()
e = [e for e in root.iterfind(".//g:edge", ns)
     if (e.get("source"), e.get("target")) == ("person-p", "office-x")][0]
vals = {v.get("for"): v.get("value") for v in e.iterfind(".//g:attvalue", ns)}
assert all(vals.get(k) == v for k, v in want.items() if k not in ("start", "end")), ("gexf", vals)
sp = [(s.get("start"), s.get("end")) for s in e.iterfind(".//g:spell", ns)]
assert sp == [("2019-01-01", "2021-05-31")], ("gexf spell", sp)
h = [e for e in root.iterfind(".//g:edge", ns)
     if (e.get("source"), e.get("target")) == ("person-p-coordinator", "person-p")][0]
sp = [(s.get("start"), s.get("end")) for s in h.iterfind(".//g:spell", ns)]
assert sp == [("2020-03-01", "2023-12-31")], ("gexf: the appointment's spell", sp)
PY
ok $? "GraphML, edges CSV and GEXF: the relation's qualifiers as edge attributes, its start/end as the edge's spell" ||
  diag "$T/q.out"
RNG=$REPO/../shared/reference/gexf/gexf.rng
if [ -f "$RNG" ]; then
  xmllint --noout --relaxng "$RNG" "$T/e/kg.gexf" >"$T/xmllint.out" 2>&1
  ok $? "kg.gexf with edge spells and qualifier attributes: valid GEXF 1.3" || diag "$T/xmllint.out"
else
  skip "$RNG is absent (CI clones the repository beside ../shared)"
fi

san_clean "$SAN" >"$T/san.out"
ok $? "no sanitizer report" || diag "$T/san.out"
done_testing
