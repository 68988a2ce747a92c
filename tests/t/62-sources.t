#!/bin/sh
# Quotes checked against the sources' archived copies (src/sources.c):
# every seed quote is found in the article, and its place in the exports
# (W3C Web Annotation selectors) points at it; an altered quote is an error
# at the quote with the nearest passage; a changed copy, a missing hash, a
# path in local-copy are errors; a missing copy is one warning with the
# count of quotes left unchecked; NFC and white space do not matter.
. tests/lib.sh
need_binaries
need_seed
T=$TMP
COPY=$SEED_DIR/$SEED_COPY
san_env "$T/san"

# --- every seed quote, checked and placed
"$KG_ASAN" -q --exports="$T/ex" "$SEED_SOURCES" facts 2>"$T/err"
rc=$?
[ $rc = 0 ] && [ ! -s "$T/err" ]
ok $? "the seed builds with its archived copy, no warning" || diag "$T/err"

"$PY" - "$T/ex/kg.nt" "$COPY" facts >"$T/py" 2>&1 <<'PY'
import sys, glob, unicodedata, rdflib, yaml
from rdflib.namespace import RDF
KG = rdflib.Namespace("https://w3id.org/kgbuild/ns#")
OA = rdflib.Namespace("http://www.w3.org/ns/oa#")
g = rdflib.Graph(); g.parse(sys.argv[1], format="nt")
text = unicodedata.normalize("NFC", open(sys.argv[2], encoding="utf-8", newline="").read())
flat = lambda s: " ".join(unicodedata.normalize("NFC", s).split())
bad, n = [], 0
for stmt, quote in g.subject_objects(KG.quote):
    passages = list(g.objects(stmt, KG.passage))
    if len(passages) != 1:
        bad.append("no passage for %r" % str(quote)[:60]); continue
    sels = list(g.objects(passages[0], OA.hasSelector))
    q = next(s for s in sels if (s, RDF.type, OA.TextQuoteSelector) in g)
    p = next(s for s in sels if (s, RDF.type, OA.TextPositionSelector) in g)
    start, end = int(g.value(p, OA.start)), int(g.value(p, OA.end))
    exact = str(g.value(q, OA.exact))
    prefix = str(g.value(q, OA.prefix) or ""); suffix = str(g.value(q, OA.suffix) or "")
    n += 1
    if text[start:end] != exact: bad.append("slice != exact at %d" % start)
    if flat(exact) != flat(str(quote)): bad.append("exact != quote: %r" % exact[:60])
    if text[start - len(prefix):start] != prefix or text[end:end + len(suffix)] != suffix:
        bad.append("prefix/suffix wrong at %d" % start)
# every quote written in the facts is among them
written = set()
def walk(x):
    if isinstance(x, dict):
        if "quote" in x: written.add(x["quote"])
        for v in x.values(): walk(v)
    elif isinstance(x, list):
        for v in x: walk(v)
for f in glob.glob(sys.argv[3] + "/*.yaml"): walk(yaml.safe_load(open(f, encoding="utf-8")))
exported = {str(o) for o in g.objects(None, KG.quote)}
bad += ["quote not exported with a passage: %r" % w[:60] for w in written - exported]
# one passage node per distinct quote, whatever number of statements quote it
nodes = set(g.objects(None, KG.passage))
if len(nodes) != len(exported):
    bad.append("%d passage nodes for %d distinct quotes" % (len(nodes), len(exported)))
print("%d quoted statements, %d distinct quotes in facts/" % (n, len(written)))
print("\n".join(bad)); sys.exit(1 if bad or not n else 0)
PY
ok $? "every seed quote has a passage whose offsets slice the copy to it" || diag "$T/py"
note "$(head -n 1 "$T/py")"

# --- the committed exports/ say the same
grep -q 'oa:TextPositionSelector' exports/kg.ttl
ok $? "the committed exports carry the passages"

# --- a quote altered: error at the quote, nearest passage as the hint
mkdir -p "$T/bad" && cp facts/*.yaml "$T/bad/"
sed -i 's/sent a clear message to China about/sent a clear message to Beijing about/' "$T/bad/events.yaml"
line=$(grep -n 'message to Beijing about' "$T/bad/events.yaml" | grep 'quote:' | cut -d: -f1)
"$KG_ASAN" -q check "$SEED_SOURCES" "$T/bad" 2>"$T/err"
rc=$?
[ $rc = 1 ] &&
  grep -q "^$T/bad/events.yaml:$line:12: error: quote not in the archived copy of source 'china-top-cyber-diplomat-article'" "$T/err" &&
  grep -q 'nearest passage of the copy: "U.S. National Security Advisor Jake Sullivan has stated that the U.S. has sent a clear message to China about' "$T/err"
ok $? "an altered quote: error at its file:line:col with the nearest passage" || diag "$T/err"
sed -i 's/quote: "President Xi Jinping"/quote: "Chairman Xi Jinping"/' "$T/bad/people.yaml"
line=$(grep -n 'Chairman Xi Jinping' "$T/bad/people.yaml" | cut -d: -f1)
"$KG_ASAN" -q check "$SEED_SOURCES" "$T/bad" 2>"$T/err"
grep -q "^$T/bad/people.yaml:$line:12: error: quote not in the archived copy .* (nearest passage of the copy: \"President Xi Jinping\")$" "$T/err"
ok $? "the nearest passage is whole words" || diag "$T/err"

# --- the copy changed: its hash differs
mkdir -p "$T/changed"
sed 's/Recently/Lately/' "$COPY" >"$T/changed/$SEED_COPY"
hline=$(grep -n 'sha256:' facts/sources.yaml | cut -d: -f1)
"$KG_ASAN" -q check --sources="$T/changed" facts 2>"$T/err"
rc=$?
[ $rc = 1 ] && grep -q "^facts/sources.yaml:$hline:13: error: the archived copy of source 'china-top-cyber-diplomat-article' ($T/changed/$SEED_COPY) has SHA-256 $(sha256sum "$T/changed/$SEED_COPY" | cut -c1-64), not the one recorded" "$T/err"
ok $? "a changed copy: hash mismatch at the sha256 line" || diag "$T/err"

# --- no hash recorded: the error gives the line to add
mkdir -p "$T/nohash" && cp facts/*.yaml "$T/nohash/"
sed -i '/sha256:/d' "$T/nohash/sources.yaml"
"$KG_ASAN" -q check "$SEED_SOURCES" "$T/nohash" 2>"$T/err"
rc=$?
[ $rc = 1 ] && grep -q "error: the source records no SHA-256 of its archived copy (add to the source: sha256: $(sha256sum "$COPY" | cut -c1-64))" "$T/err"
ok $? "no sha256: an error that prints the line to add" || diag "$T/err"

# --- the copy missing: one warning, with the count (in a copy of the
# seed: the repository's kgbuild.yaml names the copy's directory)
mkdir -p "$T/missing" && cp -R facts "$T/missing/" && ln -s "$REPO/ontology" "$T/missing/ontology"
(cd "$T/missing" && "$KG_ASAN" -q check facts) 2>"$T/err"
rc=$?
quotes=$(grep -c '^ *quote:' facts/*.yaml | awk -F: '{n += $2} END {print n}')
[ $rc = 0 ] && [ "$(grep -c 'warning:' "$T/err")" = 1 ] &&
  grep -q "warning: $quotes quotes went unchecked: the archived copy of 1 source was not found" "$T/err"
ok $? "a missing copy: one warning, $quotes quotes unchecked" || diag "$T/err"

# --- ... and the warning names every place it looked in: beside the fact
# file, the base's sources/, and each archive directory (kgbuild.yaml's or
# --sources), so that the curator sees where to put the copy
mkdir -p "$T/elsewhere"
(cd "$T/missing" && "$KG_ASAN" -q check --sources="$T/elsewhere" facts) 2>"$T/err"
rc=$?
[ $rc = 0 ] && grep -q "looked in facts/sources/, \./sources/, $T/elsewhere)" "$T/err"
ok $? "a missing copy: the warning names the places looked in" || diag "$T/err"

# --- local-copy is a file name: '..' and '/' refused
mkdir -p "$T/path" && cp facts/*.yaml "$T/path/"
sed -i "s|local-copy: .*|local-copy: ../shared/seed/$SEED_COPY|" "$T/path/sources.yaml"
cline=$(grep -n 'local-copy:' "$T/path/sources.yaml" | cut -d: -f1)
"$KG_ASAN" -q check "$SEED_SOURCES" "$T/path" 2>"$T/err"
rc=$?
[ $rc = 1 ] && grep -q "^$T/path/sources.yaml:$cline:17: error: 'local-copy' names a file, not a path ('..' climbs out of the fact base)" "$T/err"
ok $? "local-copy with '..' is refused" || diag "$T/err"

# --- the fact base's own sources/ directory, without --sources
mkdir -p "$T/own/sources" && cp facts/*.yaml "$T/own/" && cp "$COPY" "$T/own/sources/"
"$KG_ASAN" -q check "$T/own" 2>"$T/err"
rc=$?
[ $rc = 0 ] && [ ! -s "$T/err" ]
ok $? "the copy in the fact base's sources/ is found without --sources" || diag "$T/err"

# --- a facts/sources link the quote check refuses (it leaves facts/) does
# not stop the search: the fact base's own sources/ is tried next
# (was: "leads, through a symbolic link, out of ...", exit 1)
r=$T/relink
mkdir -p "$r/facts" "$r/sources"
ln -s "$REPO/ontology" "$r/ontology"
printf 'The office was founded in June 2013.\n' >"$r/sources/a.txt"
ln -s ../sources "$r/facts/sources"
cat >"$r/facts/f.yaml" <<YAML
sources:
  - {id: a, title: A, local-copy: a.txt, sha256: $(sha256sum "$r/sources/a.txt" | cut -c1-64)}
organisations:
  - {id: office, name: {en: The office}, founded: 2013-06, source: a, quote: "founded in June 2013"}
YAML
(cd "$r" && "$KG_ASAN" --color=never -q --exports=ex) >"$T/out" 2>&1
rc=$?
"$PY" - "$r/ex/kg.nt" >"$T/py" 2>&1 <<'PY'
import sys, rdflib
OA = rdflib.Namespace("http://www.w3.org/ns/oa#")
g = rdflib.Graph(); g.parse(sys.argv[1], format="nt")
exact = [str(o) for o in g.objects(None, OA.exact)]
print(exact); sys.exit(0 if exact == ["founded in June 2013"] else 1)
PY
py=$?
[ $rc = 0 ] && [ ! -s "$T/out" ] && [ $py = 0 ]
ok $? "a refused facts/sources link: the base's sources/ is searched next, the passage exported (exit $rc)" ||
  { diag "$T/out"; diag "$T/py"; }

# --- more than ten quotes not in the copy: the ten shown are the first
# ten by place (file, line), not by heap address.  Each file is big
# enough that the records land in several arena chunks.
d=$T/order
mkdir -p "$d/facts/sources"
ln -s "$REPO/ontology" "$d/ontology"
printf 'The office was founded in June 2013.\n' >"$d/facts/sources/a.txt"
printf 'sources:\n  - {id: a, title: A, local-copy: a.txt, sha256: %s}\n' \
  "$(sha256sum "$d/facts/sources/a.txt" | cut -c1-64)" >"$d/facts/00.yaml"
"$PY" - "$d/facts" <<'PY'
import sys
for f in range(12):
    with open(f"{sys.argv[1]}/{f + 1:02d}.yaml", "w") as out:
        out.write("organisations:\n")
        for i in range(3000):
            out.write(f"  - {{id: o{f}-{i}, name: {{en: O {f} {i}}}, source: a, quote: \"founded\"}}\n")
        out.write(f"  - {{id: bad{f}, name: {{en: Bad}}, source: a, quote: \"not there {f}\"}}\n")
PY
# the release build: ASan's allocator happens to hand out rising addresses
(cd "$d" && "$KG" --color=never check) >"$T/out" 2>&1
rc=$?
got=$(grep ': error: quote not in' "$T/out" | cut -d: -f1 | tr '\n' ' ')
want=$(for f in 01 02 03 04 05 06 07 08 09 10; do printf 'facts/%s.yaml ' "$f"; done)
[ $rc = 1 ] && [ "$got" = "$want" ]
ok $? "more than ten quotes not in the copy: the first ten by file and line are shown" ||
  { note "got: $got"; diag "$T/out"; }

# --- NFC and white space: a decomposed quote across lines matches
mkdir -p "$T/nfc/sources"
printf 'Le Caf\303\251 de\n  la   Paix,\r\nParis.\n' >"$T/nfc/sources/doc.txt"
sum=$(sha256sum "$T/nfc/sources/doc.txt" | cut -c1-64)
cat >"$T/nfc/f.yaml" <<YAML
sources:
  - id: doc
    title: A document
    local-copy: doc.txt
    sha256: $sum
topics:
  - id: cafe
    name: {en: "Caf\u00e9"}
    source: doc
    quote: "Cafe\u0301 de la Paix, Paris."
  - id: paix
    name: {en: Paix}
    source: doc
    quote: " Paix"
YAML
"$KG_ASAN" -q --exports="$T/nfc/ex" "$T/nfc" 2>"$T/err"
rc=$?
"$PY" - "$T/nfc/ex/kg.nt" "$T/nfc/sources/doc.txt" >"$T/py" 2>&1 <<'PY'
import sys, unicodedata, rdflib
OA = rdflib.Namespace("http://www.w3.org/ns/oa#")
g = rdflib.Graph(); g.parse(sys.argv[1], format="nt")
text = unicodedata.normalize("NFC", open(sys.argv[2], encoding="utf-8", newline="").read())
got = {}
for sel in g.subjects(OA.start, None):
    q = next(g.subjects(OA.hasSelector, sel))
    quote = next(x for x in g.objects(q, OA.hasSelector) if x != sel)
    got[str(g.value(quote, OA.exact))] = (int(g.value(sel, OA.start)), int(g.value(sel, OA.end)))
print(got)
want = {"Caf\u00e9 de\n  la   Paix,\r\nParis.": (3, 31), "Paix": (18, 22)}
sys.exit(0 if got == want and all(text[s:e] == x for x, (s, e) in got.items()) else 1)
PY
py=$?
[ $rc = 0 ] && [ ! -s "$T/err" ] && [ $py = 0 ]
ok $? "NFC and white space: a decomposed quote over lines, and a short one, are found; offsets in code points" || { diag "$T/err"; diag "$T/py"; }

# --- every quote is checked and placed: outranked values (a coarser date,
# a deprecated value, a normal one beside a preferred one) and the second
# source of a shared value, as the first source of a best-ranked one
mkdir -p "$T/refs/sources"
printf 'The office was founded in June 2013 by the ministry.\nAnother paper says 2014.\nWang said: "We reject the accusations."\n' >"$T/refs/sources/a.txt"
printf 'A second paper: the office dates from 2013.\n' >"$T/refs/sources/b.txt"
cat >"$T/refs/f.yaml" <<YAML
sources:
  - id: a
    title: A
    language: en
    local-copy: a.txt
    sha256: $(sha256sum "$T/refs/sources/a.txt" | cut -c1-64)
  - id: b
    title: B
    local-copy: b.txt
    sha256: $(sha256sum "$T/refs/sources/b.txt" | cut -c1-64)
people:
  - id: wang
    name: {en: Wang}
    source: a
    quote: "Wang said"
organisations:
  - id: office
    name: {en: The office}
    founded:
      - value: 2013-06
        source: a
        quote: "founded in June 2013"
      - value: 2013
        source: b
        quote: "the office dates from 2013"
    short-name:
      value: {en: TO}
      rank: deprecated
      reason: a misprint
      source: a
      quote: "Another paper says 2014"
    alt-name:
      - value: {en: The bureau}
        rank: preferred
        source: a
        quote: "by the ministry"
      - value: {en: The agency}
        source: a
        quote: "founded in June"
      - value: {en: The ministry office}
        source: a
        quote: "by the ministry"
      - value: {en: The ministry office}
        source: b
        quote: "A second paper"
    source: a
    quote: "The office"
claims:
  - id: c1
    speaker: wang
    text: {en: "We reject the accusations."}
    source: a
    quote: "We reject the accusations."
YAML
"$KG_ASAN" -q --exports="$T/refs/ex" "$T/refs" 2>"$T/err"
rc=$?
"$PY" - "$T/refs/ex/kg.nt" "$T/refs/sources" >"$T/py" 2>&1 <<'PY'
import sys, unicodedata, rdflib
KG = rdflib.Namespace("https://w3id.org/kgbuild/ns#")
OA = rdflib.Namespace("http://www.w3.org/ns/oa#")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
g = rdflib.Graph(); g.parse(sys.argv[1], format="nt")
flat = lambda s: " ".join(unicodedata.normalize("NFC", s).split())
text = lambda src: unicodedata.normalize("NFC", open("%s/%s.txt" % (sys.argv[2], src), encoding="utf-8", newline="").read())
bad, n = [], 0
# each derivation: one source, one quote, its passage in that source's copy
for d in g.subjects(rdflib.RDF.type, PROV.Derivation):
    src = str(g.value(d, PROV.entity)).rsplit("/", 1)[1]
    quote = str(g.value(d, KG.quote))
    ps = list(g.objects(d, KG.passage))
    if len(ps) != 1:
        bad.append("no passage for %r from %s" % (quote, src)); continue
    n += 1
    sels = list(g.objects(ps[0], OA.hasSelector))
    exact = next(str(g.value(s, OA.exact)) for s in sels if g.value(s, OA.exact) is not None)
    start = next(int(g.value(s, OA.start)) for s in sels if g.value(s, OA.start) is not None)
    end = next(int(g.value(s, OA.end)) for s in sels if g.value(s, OA.end) is not None)
    if flat(exact) != flat(quote) or text(src)[start:end] != exact:
        bad.append("wrong passage for %r from %s: %r" % (quote, src, exact))
ranks = {str(o).rsplit("#", 1)[1] for o in g.objects(None, KG.statementRank)}
print("%d derivations with their passage; ranks %s" % (n, sorted(ranks)))
print("\n".join(bad)); sys.exit(1 if bad or n < 12 or "DeprecatedRank" not in ranks else 0)
PY
py=$?
[ $rc = 0 ] && [ ! -s "$T/err" ] && [ $py = 0 ]
ok $? "every reference's quote is placed in its source's copy: outranked values and a second source too" || { diag "$T/err"; diag "$T/py"; }

# --- the example query finds the founding passage (rdflib)
"$PY" - "$T/ex/kg.ttl" examples/queries/15-quote-passage.rq "$COPY" >"$T/q" 2>&1 <<'PY'
import sys, unicodedata, rdflib
g = rdflib.Graph(); g.parse(sys.argv[1], format="turtle")
rows = list(g.query(open(sys.argv[2]).read()))
text = unicodedata.normalize("NFC", open(sys.argv[3], encoding="utf-8", newline="").read())
ok = len(rows) == 1 and str(rows[0].exact).startswith("The office was established in June 2013") \
    and text[int(rows[0].start):int(rows[0].end)] == str(rows[0].exact)
print(rows); sys.exit(0 if ok else 1)
PY
ok $? "examples/queries/15-quote-passage.rq: the founding passage and its offsets" || diag "$T/q"

san_clean "$T/san" >"$T/san.out"
ok $? "no sanitizer reports" || diag "$T/san.out"
done_testing
