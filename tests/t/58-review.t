#!/bin/sh
# The tools for curators and reviewers (issue "For the people who curate
# facts"): show, diff, --format=jsonld (read by jsonld.js, the reference
# JSON-LD processor), --format=csv (read as RFC 4180 by Python's csv, the
# reader pandas' is modelled on), '-' for standard input and output, and
# --help for each command.
. tests/lib.sh
need_binaries
T=$TMP
SAN=$T/san
san_env "$SAN"
KGA=$KG_ASAN
cd "$REPO" || exit 1

# --- show
"$KGA" show wang-lei >"$T/show.out" 2>"$T/show.err"
ok $? "show wang-lei: exit 0" || diag "$T/show.err"
grep -q '^wang-lei: Wang Lei (person)$' "$T/show.out" &&
  grep -q '^  head-of  *-> cyber-digital-affairs-office' "$T/show.out" &&
  grep -q '^  held-by  *<- mofa-cyber-digital-affairs-coordinator' "$T/show.out" &&
  grep -q '^  holds  *-> mofa-cyber-digital-affairs-coordinator .*(implied)' "$T/show.out" &&
  grep -q "^      \"In international multilateral negotiations, Wang's counterpart is Christopher Painter" "$T/show.out"
ok $? "show: facts, relationships both ways (implied ones marked), sources with quotes" ||
  diag "$T/show.out"
# every [n] used is listed under sources, and every listed one is used
"$PY" - "$T/show.out" >"$T/notes.out" 2>&1 <<'PY'
import re, sys
text = open(sys.argv[1]).read()
body, _, sources = text.partition("\nsources\n")
used = set(re.findall(r"\[(\d+)\]", body))
listed = set(re.findall(r"^  \[(\d+)\]", sources, re.M))
assert used == listed and used, (used, listed)
PY
ok $? "show: every source note is listed once" || diag "$T/notes.out"
"$KGA" show wang-le >"$T/out" 2>"$T/err"
[ $? = 1 ] && grep -q "no entity has the id 'wang-le' (did you mean 'wang-lei'?)" "$T/err"
ok $? "show with an unknown id: exit 1 and the nearest id" || diag "$T/err"
"$KGA" show >"$T/out" 2>"$T/err"
[ $? = 2 ]
ok $? "show without an id: usage error (2)"

# show and diff escape what a terminal would act on: a CR would print
# "Alice" over "Mallory", U+202E would reverse what follows it.  Values,
# labels (of the entry, of related entries, of sources) and quotes.
mkdir -p "$T/hostile" "$T/hostile2"
printf '%s\n' 'sources:' '  - id: src-a' '    title: "Src\rX \u202Eevil"' \
  'organisations:' '  - id: org-a' '    name: {en: "Mallory\rAlice \u2066gnp.exe"}' \
  '    source: src-a' '    quote: "q\rQ \u202Eq"' '  - id: org-b' \
  '    name: {en: "B\rB \u200Fx"}' '    part-of: org-a' '    source: src-a' \
  >"$T/hostile/x.yaml"
sed 's/Alice/Bob/' "$T/hostile/x.yaml" >"$T/hostile2/x.yaml"
"$KGA" show org-a "$T/hostile" >"$T/hshow.out" 2>"$T/hshow.err" &&
  "$KGA" diff "$T/hostile" "$T/hostile2" >"$T/hdiff.out" 2>>"$T/hshow.err" ||
  echo "exit $?" >>"$T/hshow.err"
"$PY" - "$T/hshow.out" "$T/hdiff.out" >>"$T/hshow.err" 2>&1 <<'PY'
import sys, unicodedata
for path in sys.argv[1:]:
    text = open(path, encoding="utf-8", newline="").read()
    for c in text:
        if c != "\n" and (unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp")):
            sys.exit("%s: raw U+%04X in %r" % (path, ord(c), text))
show = open(sys.argv[1], encoding="utf-8", newline="").read()
for want in ("Mallory\\rAlice \\u2066gnp.exe", "B\\rB \\u200Fx", "Src\\rX \\u202Eevil", "q\\rQ \\u202Eq"):
    assert want in show, (want, show)
PY
ok $? "show and diff escape CR and bidi controls in values, labels and quotes" ||
  diag "$T/hshow.err"

# --- diff
mkdir -p "$T/new"
cp facts/*.yaml "$T/new/"
sed -i 's/    founded: 2013-06$/    founded: 2013-06-01/' "$T/new/organisations.yaml"
printf '  - id: new-person\n    name: {en: New Person}\n    source: china-top-cyber-diplomat-article\n' >>"$T/new/people.yaml"
"$PY" - "$T/new/people.yaml" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
start = s.index("  - id: xi-jinping")
end = s.index("\n  - id:", start + 1)
open(p, "w").write(s[:start] + s[end + 1:])
PY
"$KGA" diff facts "$T/new" >"$T/diff.out" 2>"$T/diff.err"
rc=$?
# xi-jinping is referred to by other entries: removing him alone is an
# error, and a tree with errors is exit 2 (issue 21 item 5)
[ $rc = 2 ] && grep -q "unknown agent 'xi-jinping'" "$T/diff.err"
ok $? "diff checks both trees: a removal that leaves dangling references is reported" ||
  diag "$T/diff.err"
cp facts/people.yaml "$T/new/people.yaml"
printf '  - id: new-person\n    name: {en: New Person}\n    source: china-top-cyber-diplomat-article\n' >>"$T/new/people.yaml"
sed -i 's/^    quote: "U.S. National Security Advisor Jake Sullivan"$/    quote: "Jake Sullivan"/' "$T/new/posts.yaml"
"$KGA" diff facts "$T/new" >"$T/diff.out" 2>"$T/diff.err"
# Trees that differ: exit 1, as diff(1) (issue 15; it was 0, so CI could
# not gate on it).
[ $? = 1 ] && [ ! -s "$T/diff.err" ]
ok $? "diff OLD NEW: exit 1 when they differ" || diag "$T/diff.err"
cat >"$T/diff.want" <<'EOF2'
~ office cyber-digital-affairs-office
    ~ founded: "2013-06" (gYearMonth) -> "2013-06-01" (date)
+ person new-person
    + name: "New Person"@en [source: china-top-cyber-diplomat-article]
~ post us-national-security-advisor
    ~ country: united-states (United States) (quote from source 'china-top-cyber-diplomat-article' changed)
    ~ held-by: jake-sullivan (Jake Sullivan) (quote from source 'china-top-cyber-diplomat-article' changed)
    ~ name: "National Security Advisor"@en (quote from source 'china-top-cyber-diplomat-article' changed)
1 entities added, 0 removed, 2 changed; 5 statements differ
EOF2
diff -u "$T/diff.want" "$T/diff.out" >"$T/diff.d"
ok $? "diff: a changed date, an added entity, a changed quote" || diag "$T/diff.d"
"$KGA" diff facts facts >"$T/same.out" 2>&1
[ $? = 0 ] && [ "$(cat "$T/same.out")" = "0 entities added, 0 removed, 0 changed; 0 statements differ" ]
ok $? "diff of a tree with itself: nothing" || diag "$T/same.out"
# A source added or removed through a second reference (the same value
# stated again, citing another source) is a change of source, as through
# the first (review item 5: diff compared the first reference only); the
# same references written in another order are no change.
mkdir -p "$T/refs1" "$T/refs2" "$T/refs3"
refs() { # refs DIR ALT-NAME-ITEM...
  d=$1
  shift
  printf '%s\n' 'sources:' '  - id: a' '    title: A' '  - id: b' '    title: B' \
    'organisations:' '  - id: org' '    name: {en: Org}' '    source: a' \
    '    alt-name:' >"$d/x.yaml"
  for item; do printf '      - %s\n' "$item" >>"$d/x.yaml"; done
}
refs "$T/refs1" '{value: {en: Other}, source: a}'
refs "$T/refs2" '{value: {en: Other}, source: a}' '{value: {en: Other}, source: b}'
refs "$T/refs3" '{value: {en: Other}, source: b}' '{value: {en: Other}, source: a}'
# The line names the sources on each side, every reference's (not "the
# quote from source 'a' changed", which the first reference alone says).
for pair in "refs1 refs2 a -> a, b" "refs2 refs1 a, b -> a"; do
  set -- $pair
  shift 2
  printf '%s\n' '~ organisation org' \
    "    ~ alt-name: \"Other\"@en (source: $*)" \
    '0 entities added, 0 removed, 1 changed; 1 statements differ' >"$T/refs.want"
  set -- $pair
  : >"$T/refs.d"
  "$KGA" diff "$T/$1" "$T/$2" >"$T/refs.out" 2>"$T/refs.err"
  [ $? = 1 ] && [ ! -s "$T/refs.err" ] && diff -u "$T/refs.want" "$T/refs.out" >"$T/refs.d"
  ok $? "diff $1 $2: a source added or removed by a second reference is shown" ||
    diag "$T/refs.err" "$T/refs.d" "$T/refs.out"
done
"$KGA" diff "$T/refs2" "$T/refs3" >"$T/refs.out" 2>&1
ok $? "diff: the same references written in another order are no change" ||
  diag "$T/refs.out"
"$KGA" diff facts >"$T/out" 2>"$T/err"
[ $? = 2 ]
ok $? "diff with one tree: usage error (2)"

# --- JSON-LD, read by jsonld.js
if command -v node >/dev/null 2>&1 && [ -d "$REPO/tests/consumers/node_modules/jsonld" ]; then
  "$KGA" -q --format=jsonld ${SEED_SOURCES:+"$SEED_SOURCES"} >"$T/kg.jsonld" 2>"$T/err" &&
    "$KGA" -q --format=nt ${SEED_SOURCES:+"$SEED_SOURCES"} >"$T/kg.nt" 2>>"$T/err"
  ok $? "--format=jsonld and nt to standard output" || diag "$T/err"
  node tests/consumers/jsonld-to-nquads.mjs "$T/kg.jsonld" >"$T/jl.nq" 2>"$T/err"
  ok $? "jsonld.js expands kg.jsonld to RDF (no remote context)" || diag "$T/err"
  "$PY" - "$T/jl.nq" "$T/kg.nt" >"$T/iso.out" 2>&1 <<'PY'
import sys, rdflib
from rdflib.compare import isomorphic
a = rdflib.Graph(); a.parse(sys.argv[1], format="nquads")
b = rdflib.Graph(); b.parse(sys.argv[2], format="nt")
assert len(a) == len(b), (len(a), len(b))
assert isomorphic(a, b), "not isomorphic"
PY
  ok $? "kg.jsonld holds exactly the triples of kg.nt" || diag "$T/iso.out"
  for case in hostile-text multilingual dates; do
    "$KGA" -q --ontology=tests/good/ontology --format=jsonld tests/good/$case/facts >"$T/c.jsonld" 2>"$T/err" &&
      "$KGA" -q --ontology=tests/good/ontology --format=nt tests/good/$case/facts >"$T/c.nt" 2>>"$T/err" &&
      node tests/consumers/jsonld-to-nquads.mjs "$T/c.jsonld" >"$T/c.nq" 2>>"$T/err" &&
      "$PY" - "$T/c.nq" "$T/c.nt" >>"$T/err" 2>&1 <<'PY'
import sys, rdflib
from rdflib.compare import isomorphic
a = rdflib.Graph(); a.parse(sys.argv[1], format="nquads")
b = rdflib.Graph(); b.parse(sys.argv[2], format="nt")
assert isomorphic(a, b)
PY
    ok $? "jsonld: $case round-trips through jsonld.js" || diag "$T/err"
  done
  # The published context: what kg.jsonld inlines, usable on its own.
  "$KGA" -q --format=jsonld-context >"$T/ctx.jsonld" 2>"$T/err"
  (cd tests/consumers && node --input-type=module -e '
    import { readFileSync } from "node:fs";
    import jsonld from "jsonld";
    const ctx = JSON.parse(readFileSync(process.argv[1], "utf8"));
    const inline = JSON.parse(readFileSync(process.argv[2], "utf8"))["@context"];
    if (JSON.stringify(ctx["@context"]) !== JSON.stringify(inline)) throw new Error("contexts differ");
    const url = "https://w3id.org/kgbuild/context.jsonld";
    const loader = async (u) => {
      if (u !== url) throw new Error("unexpected " + u);
      return { contextUrl: null, documentUrl: u, document: ctx };
    };
    const doc = { "@context": url, "@id": "id:office", "kg:founded": { "@value": "2013-06", "@type": "xsd:gYearMonth" } };
    const nq = await jsonld.toRDF(doc, { format: "application/n-quads", documentLoader: loader });
    const want = "<https://w3id.org/kgbuild/id/office> <https://w3id.org/kgbuild/ns#founded> \"2013-06\"^^<http://www.w3.org/2001/XMLSchema#gYearMonth> .\n";
    if (nq !== want) throw new Error("expanded to " + nq);
  ' "$T/ctx.jsonld" "$T/kg.jsonld") >>"$T/err" 2>&1
  ok $? "kg.context.jsonld: the inlined context, usable by reference in a document of one's own" ||
    diag "$T/err"
else
  skip "node or jsonld.js is missing (sh tests/consumers/install.sh)"
fi

# --- CSV
"$KGA" -q --format=csv -o "$T/csv" 2>"$T/err"
ok $? "--format=csv -o DIR writes both tables" || diag "$T/err"
"$KGA" -q --format=graphml -o "$T/kg.graphml" 2>"$T/err"
"$PY" - "$T/csv" "$T/kg.graphml" >"$T/csv.out" 2>&1 <<'PY'
import csv, sys
import networkx as nx
d, gml = sys.argv[1], nx.read_graphml(sys.argv[2])
raw = open(f"{d}/kg.nodes.csv", "rb").read()
assert raw.count(b"\r\n") == raw.count(b"\n"), "lines must end in CRLF (RFC 4180)"
nodes = list(csv.DictReader(open(f"{d}/kg.nodes.csv", newline="", encoding="utf-8")))
edges = list(csv.DictReader(open(f"{d}/kg.edges.csv", newline="", encoding="utf-8")))
assert len(nodes) == gml.number_of_nodes() and len(edges) == gml.number_of_edges()
by_id = {gml.nodes[n]["kg_id"]: gml.nodes[n] for n in gml.nodes}
for r in nodes:
    g = by_id[r["Id"]]
    assert r["Label"] == g["label"] and r["type"] == g["type"], r["Id"]
    assert abs(float(r["pagerank"]) - g["pagerank"]) < 1e-12, r["Id"]
    assert int(r["degree_in"]) == g["degree_in"], r["Id"]
want = sorted((gml.nodes[u]["kg_id"], gml.nodes[v]["kg_id"], a["label"]) for u, v, a in gml.edges(data=True))
got = sorted((r["Source"], r["Target"], r["Label"]) for r in edges)
assert want == got, "edges differ"
assert all(r["Type"] == "Directed" and r["Weight"] == "1" for r in edges)
PY
ok $? "CSV: every node and edge of the GraphML, CRLF lines, typed numbers" || diag "$T/csv.out"
"$KGA" -q --ontology=tests/good/ontology --format=csv-nodes tests/good/hostile-text/facts >"$T/h.csv" 2>"$T/err"
"$PY" - "$T/h.csv" tests/good/hostile-text/facts >"$T/h.out" 2>&1 <<'PY'
import csv, glob, sys, yaml
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
labels = {r["Id"]: r["Label"] for r in rows}
facts = {}
for f in glob.glob(sys.argv[2] + "/*.yaml"):
    for section in (yaml.safe_load(open(f)) or {}).values():
        for e in section or []:
            n = e.get("name")
            if isinstance(n, dict) and "en" in n:
                facts[e["id"]] = n["en"]
assert facts, "no names in the case"
for i, name in facts.items():
    assert labels[i] == name, (i, labels[i], name)
PY
ok $? "CSV: quotes, commas, newlines and CR survive an RFC 4180 reader" || diag "$T/h.out"

# Formula injection (OWASP's CSV injection): text that starts with = + - @
# or a tab or CR gets a leading ' inside quotes, so a spreadsheet shows it
# rather than running it; numbers (here a negative decimal) stay numbers.
mkdir -p "$T/formula/facts" "$T/formula/ontology"
cp ontology/*.ttl "$T/formula/ontology/"
cat >"$T/formula/ontology/score.ttl" <<'TTL'
@prefix kg: <https://w3id.org/kgbuild/ns#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
kg:score a owl:DatatypeProperty , owl:FunctionalProperty ;
    kg:yamlKey "score" ;
    rdfs:domain owl:Thing ;
    rdfs:range xsd:decimal ;
    rdfs:label "score"@en ;
    rdfs:comment "A test measure."@en .
kg:scores a owl:DatatypeProperty ;
    kg:yamlKey "scores" ;
    rdfs:domain owl:Thing ;
    rdfs:range xsd:decimal ;
    rdfs:label "scores"@en ;
    rdfs:comment "A test measure with several values."@en .
TTL
printf '%s\n' 'sources:' '  - id: src-a' '    title: "@SUM(A1)"' 'organisations:' \
  '  - id: org-eq' '    name: {en: "=HYPERLINK(\"http://x\",\"y\")"}' '    score: -2.5' '    source: src-a' \
  '  - id: org-plus' '    name: {en: "+1"}' '    short-name: {en: "-2+3"}' '    scores: [-1.5, 2]' '    source: src-a' \
  '  - id: org-tab' '    name: {en: "\t=1"}' '    description: {en: "\r=1"}' '    source: src-a' \
  '  - id: org-plain' '    name: {en: "a=b"}' '    description: {en: "-1.5.2"}' '    score: 3' '    source: src-a' \
  >"$T/formula/facts/f.yaml"
"$KGA" -q --ontology="$T/formula/ontology" --format=csv -o "$T/formula/csv" "$T/formula/facts" 2>"$T/formula.err"
"$PY" - "$T/formula/csv" >>"$T/formula.err" 2>&1 <<'PY'
import csv, json, sys
rows = {r["Id"]: r for r in csv.DictReader(open(sys.argv[1] + "/kg.nodes.csv", newline="", encoding="utf-8"))}
want = {"org-eq": '\'=HYPERLINK("http://x","y")', "org-plus": "'+1", "org-tab": "'\t=1",
        "org-plain": "a=b", "src-a": "'@SUM(A1)"}
for i, label in want.items():
    assert rows[i]["Label"] == label, (i, rows[i]["Label"], label)
# keys of many values are JSON arrays (docs/modelling.md): never a formula
assert json.loads(rows["org-plus"]["short_name_en"]) == ["-2+3"], rows["org-plus"]
assert json.loads(rows["org-plus"]["scores"]) == ["-1.5", "2.0"], rows["org-plus"]
assert json.loads(rows["org-tab"]["description_en"]) == ["\r=1"], rows["org-tab"]
assert json.loads(rows["org-plain"]["description_en"]) == ["-1.5.2"], rows["org-plain"]
assert rows["org-eq"]["score"] == "-2.5" and rows["org-plain"]["score"] == "3", rows
raw = open(sys.argv[1] + "/kg.nodes.csv", "rb").read()
assert b",-2.5," in raw and b'"\'=HYPERLINK(' in raw, raw
PY
ok $? "CSV: text starting with = + - @ TAB CR is prefixed with ' (OWASP); negative numbers stay numbers" ||
  diag "$T/formula.err"

# --- standard input and output
cat facts/*.yaml | "$KGA" -q check - 2>"$T/err"
ok $? "FACTS '-': the facts read from standard input" || diag "$T/err"
printf 'people:\n  - id: x\n    nmae: y\n' | "$KGA" check - >"$T/out" 2>"$T/err"
[ $? = 1 ] && grep -q "^<stdin>:3:5: error: unknown key 'nmae' for person 'x' (did you mean 'name'?)" "$T/err"
ok $? "standard input is named <stdin> in diagnostics" || diag "$T/err"
# Against a file written by this test (not the JSON-LD block's kg.nt, which
# is there only where node and jsonld.js are).
"$KGA" -q --format=nt -o "$T/file.nt" ${SEED_SOURCES:+"$SEED_SOURCES"} 2>"$T/err" &&
  "$KGA" -q --format=nt -o - ${SEED_SOURCES:+"$SEED_SOURCES"} >"$T/dash.nt" 2>>"$T/err" &&
  [ -s "$T/file.nt" ] && cmp -s "$T/dash.nt" "$T/file.nt"
ok $? "-o -: standard output, the bytes -o FILE writes" || diag "$T/err"

# --- progress: on a terminal only (drawn with CR); never on a pipe
"$KGA" check 2>"$T/pipe.err" >/dev/null
! grep -q "$(printf '\r')" "$T/pipe.err" && ! grep -q 'reading facts' "$T/pipe.err"
ok $? "no progress line when stderr is a pipe"
# --- a short base IRI (a fuzz finding: the statement census misread the
# ontology's own rdf:Statement mentions as statement nodes)
"$KGA" -q --base=s: --format=nt >"$T/s.nt" 2>"$T/err" && grep -q '^<s:wang-lei> ' "$T/s.nt"
ok $? "--base=s: (shortest base) builds" || diag "$T/err"

# --- diff across revisions (issue 21 item 5)
if command -v git >/dev/null 2>&1; then
  G=$T/git
  mkdir -p "$G"
  cp -R facts "$G/"
  ln -s "$REPO/ontology" "$G/ontology"
  gitc() { git -c user.email=t@example.org -c user.name=t "$@"; }
  (cd "$G" && git init -q && git add . && gitc commit -qm one) >"$T/g.out" 2>&1
  # two: a deprecated 2012, from another source, beside 2013-06
  "$PY" - "$G/facts/organisations.yaml" "$G/facts/sources.yaml" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
s = s.replace("    founded: 2013-06\n", "    founded:\n      - 2013-06\n"
              "      - {value: 2012, source: old-report, rank: deprecated, "
              "reason: \"an older report\"}\n", 1)
open(p, "w").write(s)
open(sys.argv[2], "a").write("  - id: old-report\n    type: article\n"
                             "    title: \"An old report\"\n")
PY
  (cd "$G" && gitc commit -qam two) >>"$T/g.out" 2>&1
  # three: a quote changed
  sed -i 's/^    quote: "U.S. National Security Advisor Jake Sullivan"$/    quote: "Jake Sullivan"/' "$G/facts/posts.yaml"
  (cd "$G" && gitc commit -qam three) >>"$T/g.out" 2>&1
  ok $? "a fact base in git with three commits" || diag "$T/g.out"
  (cd "$G/facts" && "$KGA" diff HEAD~2 HEAD~1) >"$T/d12.out" 2>"$T/d12.err"
  rc=$?
  [ $rc = 1 ] &&
    grep -qx '    + founded: "2012" (gYear) {rank: deprecated, reason: "an older report"} \[source: old-report\]' "$T/d12.out" &&
    ! grep -q '~ founded' "$T/d12.out" && grep -q '^+ article old-report' "$T/d12.out"
  ok $? "diff REV1 REV2: a deprecated value added beside the best one reads as added, with its rank and source (got $rc)" ||
    { diag "$T/d12.out"; diag "$T/d12.err"; }
  (cd "$G" && "$KGA" diff HEAD~1..HEAD) >"$T/d23.out" 2>"$T/d23.err"
  rc=$?
  [ $rc = 1 ] && grep -q "~ held-by: jake-sullivan (Jake Sullivan) (quote from source 'china-top-cyber-diplomat-article' changed)" "$T/d23.out" &&
    ! grep -q 'founded' "$T/d23.out"
  ok $? "diff REV1..REV2: the changed quote names its source (got $rc)" || { diag "$T/d23.out"; diag "$T/d23.err"; }
  (cd "$G" && "$KGA" diff HEAD HEAD) >"$T/d33.out" 2>&1
  ok $? "diff HEAD HEAD: exit 0" || diag "$T/d33.out"
  # a tree with errors: exit 2, whichever side
  printf 'people:\n  - id: broken\n    holds: no-such-post\n' >"$G/facts/zz.yaml"
  (cd "$G" && "$KGA" diff HEAD) >"$T/de.out" 2>"$T/de.err"
  rc=$?
  [ $rc = 2 ] && grep -q "no-such-post" "$T/de.err"
  ok $? "diff against a working tree with errors: exit 2 (got $rc)" || diag "$T/de.err"
  rm "$G/facts/zz.yaml"
  N=$T/nogit
  mkdir -p "$N"
  cp -R facts "$N/"
  ln -s "$REPO/ontology" "$N/ontology"
  (cd "$N" && GIT_CEILING_DIRECTORIES=$T "$KGA" diff HEAD~1 HEAD) >"$T/ng.out" 2>&1
  rc=$?
  [ $rc = 2 ] && grep -q 'not a git repository' "$T/ng.out"
  ok $? "diff REV outside git: 'not a git repository', exit 2 (got $rc)" || diag "$T/ng.out"
else
  skip "git is not installed"
fi

# --- help for each command
for c in build check stats schema show diff; do
  "$KGA" $c --help >"$T/h.out" 2>&1
  [ $? = 0 ] && { grep -q "^Usage: kgbuild $c " "$T/h.out" ||
    { [ $c = build ] && grep -q "^Usage: kgbuild \[COMMAND\]" "$T/h.out"; }; }
  ok $? "$c --help describes the command" || diag "$T/h.out"
done
"$KGA" build -q --exports="$T/b" 2>"$T/err"
ok $? "build: the default command, named" || diag "$T/err"

san_clean "$SAN" >"$T/san.out"
ok $? "no sanitizer report in any of these runs" || diag "$T/san.out"
done_testing
