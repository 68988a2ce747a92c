#!/bin/sh
# The site export (--format=site, docs/site.md), read by real readers:
# html5lib's strict parser and tidy (tests/browser/validate_html.py), and
# headless Chromium driven by puppeteer-core with axe-core
# (tests/browser/check-site.mjs): every page of the seed's site loads with
# no console error, failed request or request outside the site; every
# internal link and anchor resolves; the search finds Wang Lei from "wang";
# axe reports no serious or critical violation on a page of each kind.
# tests/site/hostile (markup, attribute breaks, javascript: text, bidi
# controls in names, quotes, reasons and notes) is shown literally and runs
# nothing.  The site's bytes do not depend on the order of facts; it is
# published whole, beside the other exports, which it leaves alone.  Each
# reader is shown to fail on a broken copy of a site first.
. tests/lib.sh
need_binaries
T=$TMP
CHECK=$REPO/tests/browser/check-site.mjs
VALIDATE=$REPO/tests/browser/validate_html.py
COPYCHECK=$REPO/tests/browser/check_copy.py
BROWSER=${KG_CHROMIUM:-/usr/bin/chromium}
HOSTILE=$REPO/tests/site/hostile

same_tree() { # same_tree NAME WANT GOT
  diff -r "$2" "$3" >"$T/diff" 2>&1
  ok $? "$1" || diag "$T/diff"
}

# ---- the hostile base: escaped, valid, deterministic -----------------------
mkdir -p "$T/h"
cp -R "$HOSTILE/facts" "$T/h/facts"
ln -s "$REPO/ontology" "$T/h/ontology"
san_env "$T/san"
(cd "$T/h" && "$KG_ASAN" -q --format=site --exports=out facts 2>"$T/err")
ok $? "hostile: --format=site builds (ASan, UBSan)" || diag "$T/err"
san_clean "$T/san" >"$T/san.out"
ok $? "hostile: no sanitizer report" || diag "$T/san.out"
H=$T/h/out/site
"$PY" "$VALIDATE" "$H" >"$T/v.out" 2>&1
ok $? "hostile: every page is valid HTML5 (html5lib strict, tidy)" || diag "$T/v.out"
"$PY" - "$H" >"$T/lit.out" 2>&1 <<'PY'
import sys, html5lib
root = sys.argv[1]
def text(page, tag):
    doc = html5lib.parse(open(f"{root}/{page}", "rb").read(), namespaceHTMLElements=False)
    return ["".join(e.itertext()) for e in doc.iter(tag)]
want = [("e/org-x.html", "h1", "<script>window.__pwned=3</script>Org"),
        ("e/org-x.html", "td", '"><img src=x onerror="window.__pwned=4">'),
        ("e/org-x.html", "td", "javascript:window.__pwned=5"),
        ("e/org-x.html", "blockquote", "</blockquote><script>window.__pwned=8</script>"),
        ("e/p-x.html", "h1", "U+202Egnp.exe U+2066<i>Mallory</i>U+2069"),
        ("e/p-x.html", "td", "</td><script>window.__pwned=9</script>")]
bad = 0
for page, tag, s in want:
    if not any(s in t for t in text(page, tag)):
        print(f"{page}: no <{tag}> shows {s!r}"); bad += 1
for page in ("e/org-x.html", "e/p-x.html", "e/src-x.html", "index.html"):
    doc = html5lib.parse(open(f"{root}/{page}", "rb").read(), namespaceHTMLElements=False)
    for s in doc.iter("script"):
        if s.get("src") not in ("search.js", "search/buckets.js"):
            print(f"{page}: a script element the site did not write"); bad += 1
    for e in doc.iter():
        for k, v in e.attrib.items():
            if k.startswith("on") or v.strip().lower().startswith("javascript:"):
                print(f"{page}: <{e.tag} {k}={v!r}>"); bad += 1
sys.exit(1 if bad else 0)
PY
ok $? "hostile: names, quotes, reasons shown literally; no script, handler or javascript: link" ||
  diag "$T/lit.out"
"$PY" tests/consumers/shuffle_facts.py "$T/h/facts" "$T/h/s1" 1 >"$T/sh.out" 2>&1 &&
  (cd "$T/h" && "$KG" -q --format=site --exports=out1 s1 2>"$T/err")
ok $? "hostile shuffled: builds" || diag "$T/err"
same_tree "hostile shuffled: the same site, byte for byte" "$H" "$T/h/out1/site"

# ---- allocation failures while the site is written -------------------------
# KG_FAIL_ALLOC_AT=N with KG_FAIL_ALLOC_STICKY (N and every later
# allocation fail), every third N until a run succeeds, on one thread:
# exit 3 with "out of memory", no sanitizer report, no site and no
# temporary directory left behind.
n=0 bad=0 done=0
: >"$T/oom.log"
while [ $n -lt 3000 ] && [ $done = 0 ]; do
  n=$((n + 3))
  rm -rf "$T/oom" "$T/san-oom"
  san_env "$T/san-oom"
  (cd "$HOSTILE" && KG_FAIL_ALLOC_STICKY=1 KG_FAIL_ALLOC_AT=$n timeout 20 "$KG_ASAN" -j 1 \
    --color=never --ontology="$REPO/ontology" --format=site --exports="$T/oom" facts \
    >/dev/null 2>"$T/oom.err")
  rc=$?
  problem=""
  case $rc in
    0) done=1 ;;
    3) grep -q 'out of memory' "$T/oom.err" || problem="exit 3 without 'out of memory'"
       [ ! -e "$T/oom/site" ] || problem="$problem; a site was left" ;;
    *) problem="exit $rc" ;;
  esac
  ls -A "$T/oom" "$T" 2>/dev/null | grep -q 'kgbuild-' && problem="$problem; temporaries left"
  san_clean "$T/san-oom" >"$T/oom.san" || problem="$problem; sanitizer report"
  if [ -n "$problem" ]; then
    bad=$((bad + 1))
    echo "KG_FAIL_ALLOC_AT=$n: $problem" >>"$T/oom.log"
    head -n 12 "$T/oom.san" >>"$T/oom.log"
  fi
done
[ $bad = 0 ] && [ $done = 1 ]
ok $? "allocation failures 3, 6 .. $n while writing the site: out of memory (exit 3), nothing left, no sanitizer report" ||
  diag "$T/oom.log"

# ---- a hub: statements of others about it, 500 a page -------------------------
mkdir -p "$T/hub/facts"
ln -s "$REPO/ontology" "$T/hub/ontology"
{
  printf 'sources:\n  - id: src\n    type: article\n    title: S\n'
  printf 'organisations:\n  - id: org-hub\n    type: ministry\n    name: {en: Hub}\n    source: src\n'
  printf 'people:\n'
  i=1
  while [ $i -le 1201 ]; do
    printf '  - id: p-%04d\n    name: {en: Person %d}\n    member-of: org-hub\n    source: src\n' $i $i
    i=$((i + 1))
  done
} >"$T/hub/facts/f.yaml"
(cd "$T/hub" && "$KG" -q --format=site --exports=out facts 2>"$T/err")
ok $? "a hub of 1201 members: --format=site builds" || diag "$T/err"
HUB=$T/hub/out/site/e
[ "$(grep -c 'class="dir">from' "$HUB/org-hub.html")" = 500 ] &&
  [ "$(grep -c 'class="dir">from' "$HUB/org-hub~in-2.html")" = 500 ] &&
  [ "$(grep -c 'class="dir">from' "$HUB/org-hub~in-3.html")" = 201 ] &&
  [ ! -e "$HUB/org-hub~in-4.html" ] && grep -q 'p-1201.html' "$HUB/org-hub~in-3.html"
ok $? "the hub's page lists 500 statements of others, pages ~in-2 and ~in-3 the rest"
"$PY" "$VALIDATE" "$T/hub/out/site" >"$T/v.out" 2>&1
ok $? "the hub's site is valid HTML5" || diag "$T/v.out"
# "person" is a word of 1201 names: its search key cannot split further,
# so it is paged (search/KEY.js, KEY~2.js, 1000 rows each, shortest name
# first) and no search file grows with the base.
"$PY" - "$T/hub/out/site" >"$T/sp.out" 2>&1 <<'PY'
import glob, json, re, sys
root = sys.argv[1]
def rows(path):
    return json.loads(re.search(r"\[.*\]", open(path).read(), re.S).group(0))
src = open(f"{root}/search/buckets.js").read()
keys = json.loads(re.search(r"kgBuckets = (\[.*?\]);", src).group(1))
counts = json.loads(re.search(r"kgRows = (\[.*?\]);", src).group(1))
bad = [f"{f}: {len(rows(f))} rows" for f in glob.glob(f"{root}/search/*.js")
       if not f.endswith("buckets.js") and len(rows(f)) > 1000]
k = "706572736f6e"  # person
pages = [rows(f"{root}/search/{k}.js"), rows(f"{root}/search/{k}~2.js")]
ids = {r[1] for p in pages for r in p}
if len(keys) != len(counts) or counts[keys.index(k)] != 1201 or len(ids) != 1201 \
        or [len(p) for p in pages] != [1000, 201] or "p-1201" not in ids:
    bad.append(f"'person': {[len(p) for p in pages]} rows, {len(ids)} names")
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
ok $? "a word of 1201 names: its search rows paged 1000 + 201, no search file over 1000 rows" ||
  diag "$T/sp.out"

# ---- the validator can fail ---------------------------------------------------
cp -R "$H" "$T/broken"
printf '<p><div></p>\n' >>"$T/broken/e/org-x.html"
"$PY" "$VALIDATE" "$T/broken" >"$T/v.out" 2>&1
[ $? = 1 ] && grep -q 'org-x.html: parse error' "$T/v.out"
ok $? "a page with broken markup fails the validator" || diag "$T/v.out"

# ---- publishing: the site whole, beside the other exports ---------------------
P=$T/pub
mkdir -p "$P"
cp -R "$HOSTILE/facts" "$P/facts"
ln -s "$REPO/ontology" "$P/ontology"
(cd "$P" && "$KG" -q && "$KG" -q --format=site) 2>"$T/err"
ok $? "a build, then --format=site" || diag "$T/err"
[ -f "$P/exports/kg.ttl" ] && [ -f "$P/exports/site/index.html" ]
ok $? "--format=site keeps the other exports beside exports/site/"
touch "$P/exports/site/stale.html"
(cd "$P" && "$KG" -q) 2>"$T/err" && [ -f "$P/exports/site/stale.html" ]
ok $? "a build without the site keeps exports/site/ as it is"
(cd "$P" && "$KG" -q --format=site) 2>"$T/err" && [ ! -e "$P/exports/site/stale.html" ] &&
  [ -f "$P/exports/kg.ttl" ]
ok $? "--format=site replaces the site whole (no stale page left)"
ls -A "$P/exports" "$P" | grep -q kgbuild
[ $? = 1 ]
ok $? "no temporary or staging directory left behind"
(cd "$P" && "$KG" -q --format=site -o elsewhere) 2>"$T/err" && [ -f "$P/elsewhere/site/index.html" ]
ok $? "--format=site -o DIR writes DIR/site/" || diag "$T/err"
rm -rf "$P/exports/site" && printf 'x\n' >"$P/exports/site"
(cd "$P" && "$KG" -q --format=site) 2>"$T/err"
[ $? = 3 ] && grep -q 'exports/site: error: cannot replace' "$T/err" && [ -f "$P/exports/site" ]
ok $? "a file named site in exports/ is refused, not replaced (exit 3)" || diag "$T/err"

# ---- archived copies: reproduced where the project may publish them ---------
# tests/site/copies: src-lic's copy is in the fact base with a copy-licence,
# so its page holds the copy with every passage marked (check_copy.py holds
# the marks to kg.ttl's passages, read by rdflib); the others say why their
# copy is not shown: no licence, outside the fact base (--sources), missing.
C=$T/copies
ARCHIVE=$REPO/tests/site/archive
mkdir -p "$C"
cp -R "$REPO/tests/site/copies/facts" "$REPO/tests/site/copies/sources" "$C/"
ln -s "$REPO/ontology" "$C/ontology"
san_env "$T/san-c"
(cd "$C" && "$KG_ASAN" -q --format=site --exports=out --sources="$ARCHIVE" facts 2>"$T/err" &&
  "$KG" -q --format=ttl -o kg.ttl --sources="$ARCHIVE" facts 2>>"$T/err")
ok $? "copies: --format=site builds (ASan, UBSan)" || diag "$T/err"
san_clean "$T/san-c" >"$T/san.out"
ok $? "copies: no sanitizer report" || diag "$T/san.out"
CS=$C/out/site
"$PY" "$VALIDATE" "$CS" >"$T/v.out" 2>&1
ok $? "copies: every page is valid HTML5 (html5lib strict, tidy)" || diag "$T/v.out"
"$PY" "$COPYCHECK" "$CS" "$C/kg.ttl" src-lic "$C/sources/lic.txt" >"$T/cc.out" 2>&1
ok $? "copies: the licensed copy inside the base is shown, literally, each kg.ttl passage marked with its exact text" ||
  diag "$T/cc.out"
cp -R "$CS" "$T/cbad"
sed -i 's|>Alice Smith</mark>|>Alice Smit</mark>h|' "$T/cbad/e/src-lic.html"
"$PY" "$COPYCHECK" "$T/cbad" "$C/kg.ttl" src-lic "$C/sources/lic.txt" >"$T/cc.out" 2>&1
[ $? = 1 ] && grep -q "p-51-62: marked 'Alice Smit'" "$T/cc.out"
ok $? "a mark that does not hold its passage fails the copy check" || diag "$T/cc.out"
withheld() { # withheld SITE SOURCE WORDS: no copy shown, and the page says why
  "$PY" - "$@" <<'PY'
import sys, html5lib
site, source, words = sys.argv[1:4]
doc = html5lib.parse(open(f"{site}/e/{source}.html", "rb").read(), namespaceHTMLElements=False)
if any(p.get("class") == "copy" for p in doc.iter("pre")):
    sys.exit(f"{source}: the copy is shown")
why = [" ".join("".join(s.itertext()).split()) for s in doc.iter("section")
       if s.get("aria-labelledby") == "h-copy"]
if not why or "is not reproduced here" not in why[0] or words not in why[0]:
    sys.exit(f"{source}: the page does not say {words!r}: {why}")
PY
}
withheld "$CS" src-nolic "states no copy-licence" >"$T/w.out" 2>&1 &&
  withheld "$CS" src-out "outside the fact base" >>"$T/w.out" 2>&1 &&
  withheld "$CS" src-missing "not found" >>"$T/w.out" 2>&1
ok $? "copies: no licence, a copy outside the base, a missing copy: no text, and the page says why" ||
  diag "$T/w.out"
"$PY" tests/consumers/shuffle_facts.py "$C/facts" "$C/s1" 2 >"$T/sh.out" 2>&1 &&
  (cd "$C" && "$KG" -q -j 2 --format=site --exports=out1 --sources="$ARCHIVE" s1 2>"$T/err")
ok $? "copies shuffled: builds" || diag "$T/err"
same_tree "copies shuffled, -j 2: the same site, byte for byte" "$CS" "$C/out1/site"
# A copy larger than the site reproduces (2 MiB): offsets only.
B=$T/big
mkdir -p "$B/facts" "$B/sources"
ln -s "$REPO/ontology" "$B/ontology"
"$PY" -c 'import sys; sys.stdout.write("filler words of the big copy\n" * 80000 + "the needle passage\n")' \
  >"$B/sources/big.txt"
printf 'sources:\n  - id: src-big\n    type: article\n    title: Big\n    local-copy: big.txt\n    sha256: %s\n    copy-licence: CC0-1.0\npeople:\n  - id: p-big\n    name: {en: Big}\n    source: src-big\n    quote: "the needle passage"\n' \
  "$(sha256sum "$B/sources/big.txt" | cut -d' ' -f1)" >"$B/facts/f.yaml"
(cd "$B" && "$KG" -q --format=site --exports=out facts 2>"$T/err") &&
  withheld "$B/out/site" src-big "larger than the site reproduces" >"$T/w.out" 2>&1
ok $? "a licensed copy of 2.3 MB inside the base: not reproduced, and the page says why" ||
  diag "$T/err" "$T/w.out"

# ---- issue 23's review: copies fail closed, marks keep letters whole -------
MKCOPY=$REPO/tests/site/mkcopy.py
# An archive whose real path exceeds PATH_MAX (through links): realpath
# fails, so the copy cannot be shown to lie inside: it is outside.
F1=$T/f1
"$PY" - "$T/f1deep" "$T/f1lnk" <<'PY'
import os, sys
deep, lnk = sys.argv[1:3]
n = "d" * 250
rel = "/".join(n + str(i) for i in range(9))
os.makedirs(f"{deep}/{rel}")
os.chdir(f"{deep}/{rel}")  # each step under PATH_MAX, the whole over it
os.makedirs(rel)
os.symlink(os.getcwd(), lnk)  # lnk -> 2.3 KB of path
os.symlink(rel, "in")         # lnk/in -> 2.3 KB more
PY
"$PY" "$MKCOPY" "$F1" "$REPO/ontology" 'Alpha beta gamma.
' 'beta gamma' &&
  mv "$F1/sources/c.txt" "$T/f1lnk/in/c.txt" && ! realpath "$T/f1lnk/in/c.txt" >/dev/null 2>&1 &&
  (cd "$F1" && "$KG_ASAN" -q --format=site --exports=out --sources="$T/f1lnk/in" facts 2>"$T/err") &&
  withheld "$F1/out/site" src-c "outside the fact base" >"$T/w.out" 2>&1
ok $? "a copy whose real path cannot be resolved (over PATH_MAX): outside, not reproduced" ||
  diag "$T/err" "$T/w.out"
# A passage ending inside a grapheme cluster (a Devanagari virama, a
# combining dot below): its [§N] link waits for the cluster's end.
F5=$T/f5
"$PY" "$MKCOPY" "$F5" "$REPO/ontology" "$(printf 'नमस्ते दुनिया, q\314\207uote\n')" 'नमस' &&
  printf '  - id: p-d\n    name: {en: Person D}\n    source: src-c\n    quote: ", q"\n' >>"$F5/facts/f.yaml" &&
  (cd "$F5" && "$KG_ASAN" -q --format=site --exports=out facts 2>"$T/err" &&
    "$KG" -q --format=ttl -o kg.ttl facts 2>>"$T/err")
ok $? "a copy in Devanagari: builds (ASan, UBSan)" || diag "$T/err"
"$PY" - "$F5/out/site/e/src-c.html" >"$T/g.out" 2>&1 <<'PY'
import sys, unicodedata, html5lib
doc = html5lib.parse(open(sys.argv[1], "rb").read(), namespaceHTMLElements=False)
links = [a for a in doc.iter("a") if a.get("class") == "pl"]
bad = [a.tail for a in links if a.tail and unicodedata.category(a.tail[0]).startswith("M")]
if not links or bad:
    sys.exit(f"{len(links)} links; links followed by a combining mark: {bad}")
PY
ok $? "a passage ending inside a grapheme cluster: its link is written after the cluster" ||
  diag "$T/g.out"
"$PY" "$COPYCHECK" "$F5/out/site" "$F5/kg.ttl" src-c "$F5/sources/c.txt" >"$T/cc.out" 2>&1
ok $? "... and the marks still hold each passage exactly (check_copy.py)" || diag "$T/cc.out"
# check keeps no copy's text: a licensed copy of 32 MB costs no more peak
# memory than the same copy unlicensed (it was +32 MB).
F4=$T/f4
"$PY" -c 'import sys; sys.stdout.write("filler words of a large copy\n" * 1100000 + "the needle\n")' \
  >"$T/f4.txt" && "$PY" "$MKCOPY" "$F4" "$REPO/ontology" "@$T/f4.txt" 'the needle' &&
  "$PY" "$MKCOPY" "$F4/nolic" "$REPO/ontology" "@$T/f4.txt" 'the needle' -
ok $? "a 32 MB copy, with and without a copy-licence"
rss() { (cd "$1" && /usr/bin/time -f %M "$KG" -q check facts 2>&1 >/dev/null | tail -n 1); }
lic=$(rss "$F4") nolic=$(rss "$F4/nolic")
echo "# check's peak RSS: $lic KB licensed, $nolic KB not"
[ -n "$lic" ] && [ -n "$nolic" ] && [ "$lic" -lt $((nolic + 8192)) ]
ok $? "check: peak memory with a licensed 32 MB copy within 8 MB of the unlicensed ($lic KB, $nolic KB)"
# A query word that only begins stop words ("th": the) has no rows of
# its own: the search looks the name up by the other words.
F3=$T/f3
mkdir -p "$F3/facts" && ln -s "$REPO/ontology" "$F3/ontology" &&
  printf 'sources:\n  - id: s\n    title: S\npeople:\n  - id: anna\n    name: {en: Anna of the Hague}\n    source: s\n  - id: bob\n    name: {en: Bob Tiller}\n    source: s\n' \
    >"$F3/facts/f.yaml" &&
  (cd "$F3" && "$KG" -q --format=site --exports=out facts 2>"$T/err")
ok $? "a base with a name holding stop words: the site builds" || diag "$T/err"
bad=0
: >"$T/s.out"
for q in "anna th" "hague th" "hague of th" "anna t"; do
  node "$REPO/tests/site/search-stub.js" "$F3/out/site" "$q" >"$T/q.out" 2>&1
  grep -q '^results: Anna of the Hague' "$T/q.out" || { bad=1; echo "$q:" && cat "$T/q.out"; } >>"$T/s.out"
done
[ $bad = 0 ]
ok $? "search (node, the site's search.js): 'anna th', 'hague th', 'anna t' find Anna of the Hague" ||
  diag "$T/s.out"

# ---- a write failing anywhere in the site leaves exports/ as it was ----------
# KG_FAIL_WRITE_AT=N (test builds): the site's files fail with ENOSPC once
# N bytes of the site are written; N = the site's size lets it through.
(cd "$C" && "$KG" -q --exports=ex --sources="$ARCHIVE" facts &&
  "$KG" -q --format=site --exports=ex --sources="$ARCHIVE" facts) 2>"$T/err"
ok $? "copies: the exports and the site, for the write failures" || diag "$T/err"
cp -R "$C/ex" "$T/ex-before"
total=$(find "$C/ex/site" -type f -exec cat {} + | wc -c)
bad=0
: >"$T/wf.log"
for n in 0 1 4096 $((total / 2)) $((total - 1)); do
  (cd "$C" && KG_FAIL_WRITE_AT=$n "$KG_ASAN" -q --color=never --format=site --exports=ex \
    --sources="$ARCHIVE" facts >/dev/null 2>"$T/wf.err")
  rc=$?
  problem=""
  [ $rc = 3 ] || problem="exit $rc"
  grep -q 'ex/site: error: cannot write: No space left on device' "$T/wf.err" || problem="$problem; no ENOSPC report"
  diff -r "$T/ex-before" "$C/ex" >/dev/null 2>&1 || problem="$problem; exports/ changed"
  ls -A "$C/ex" "$C" | grep -q kgbuild && problem="$problem; temporaries left"
  if [ -n "$problem" ]; then
    bad=$((bad + 1))
    echo "KG_FAIL_WRITE_AT=$n: $problem" >>"$T/wf.log"
    cat "$T/wf.err" >>"$T/wf.log"
  fi
done
[ $bad = 0 ]
ok $? "writes failing at 0, 1, 4096, half and all but one of the site's $total bytes: exit 3, ENOSPC, exports/ as it was" ||
  diag "$T/wf.log"
(cd "$C" && KG_FAIL_WRITE_AT=$total "$KG_ASAN" -q --format=site --exports=ex \
  --sources="$ARCHIVE" facts 2>"$T/err")
ok $? "KG_FAIL_WRITE_AT at the site's size: the site is written (the hook counts the site's bytes)" ||
  diag "$T/err"

# ---- the seed ----------------------------------------------------------------
if [ -z "$SEED_SOURCES" ]; then
  skip "the seed's archived copy is absent"
  done_testing
  exit 0
fi
S=$T/seed/site
"$KG_ASAN" -q --format=site --exports="$T/seed" "$SEED_SOURCES" facts 2>"$T/err"
ok $? "seed: --format=site builds" || diag "$T/err"
"$PY" "$VALIDATE" "$S" >"$T/v.out" 2>&1
ok $? "seed: every page is valid HTML5 (html5lib strict, tidy)" || diag "$T/v.out"
"$PY" tests/consumers/shuffle_facts.py facts "$T/sf" 4 >"$T/sh.out" 2>&1 &&
  "$KG" -q -j 2 --format=site --exports="$T/seed4" "$SEED_SOURCES" "$T/sf" 2>"$T/err"
ok $? "seed shuffled: builds" || diag "$T/err"
same_tree "seed shuffled, -j 2: the same site, byte for byte" "$S" "$T/seed4/site"
grep -q 'href="../e/china-top-cyber-diplomat-article.html#p-' "$S/e/wang-lei.html" &&
  grep -q '<li id="p-' "$S/e/china-top-cyber-diplomat-article.html" &&
  grep -q '<mark>' "$S/e/china-top-cyber-diplomat-article.html"
ok $? "seed: footnotes link to the passage on the source's page, highlighted"
# The seed's copy is outside the repository (--sources): even with a
# copy-licence, its page links passages by offsets and never copies it.
mkdir -p "$T/seedlic"
cp -R facts "$T/seedlic/facts"
ln -s "$REPO/ontology" "$T/seedlic/ontology"
sed -i 's/^\( *\)local-copy: \(.*\)$/\1local-copy: \2\n\1copy-licence: "test: an outside copy stays outside"/' \
  "$T/seedlic/facts/sources.yaml"
(cd "$T/seedlic" && "$KG" -q --format=site --exports=out "$SEED_SOURCES" facts 2>"$T/err") &&
  grep -q 'copy-licence' "$T/seedlic/facts/sources.yaml" &&
  withheld "$T/seedlic/out/site" china-top-cyber-diplomat-article "outside the fact base" >"$T/w.out" 2>&1
ok $? "seed with a copy-licence: its copy outside the base is not reproduced, and the page says why" ||
  diag "$T/err" "$T/w.out"

# ---- the browser ---------------------------------------------------------------
if [ ! -x "$BROWSER" ] || [ ! -d "$REPO/tests/browser/node_modules/puppeteer-core" ]; then
  skip "no Chromium or tests/browser/node_modules (apt-get install chromium; sh tests/browser/install.sh)"
  done_testing
  exit 0
fi
cp -R "$S" "$T/bad"
sed -i 's|</main>|<script>console.error("boom")</script><a href="nowhere.html">x</a></main>|' \
  "$T/bad/e/wang-lei.html"
timeout 600 node "$CHECK" "$T/bad" >"$T/b.out" 2>&1
[ $? = 1 ] && grep -q 'e/wang-lei.html: broken link: nowhere.html' "$T/b.out" &&
  grep -q "e/wang-lei.html: console error: .*Content Security Policy" "$T/b.out"
ok $? "the browser check fails on an inline script and a broken link" || diag "$T/b.out"
timeout 900 node "$CHECK" "$S" --search wang=wang-lei --search 'of foreign=mofa' \
  --axe index.html --axe ontology.html --axe c/person.html --axe e/wang-lei.html \
  --axe e/china-top-cyber-diplomat-article.html >"$T/c.out" 2>&1
ok $? "seed in Chromium: every page loads clean, every link resolves, 'wang' finds Wang Lei, axe finds nothing serious" ||
  diag "$T/c.out"
# A generated base large enough that search keys split (a file of over
# 1000 entities is split by one byte more): a name is found through its
# longest word's key, however long.
"$PY" bench/gen.py --people 3000 --out "$T/gen" >"$T/gen.out" 2>&1 &&
  "$KG" -q --format=site --exports="$T/genx" "$T/gen" 2>"$T/err"
ok $? "a generated base of 3000 people: --format=site builds" || diag "$T/err" "$T/gen.out"
"$PY" - "$T/genx/site" >"$T/pick" 2>&1 <<'PY'
import json, re, sys
root = sys.argv[1]
keys = json.loads(re.search(r"\[.*\]", open(f"{root}/search/buckets.js").read()).group(0))
long = sorted(k for k in keys if len(k) > 4)
if not long:
    sys.exit("no key was split")
rows = json.loads(re.search(r"\[.*\]", open(f"{root}/search/{long[0]}.js").read(), re.S).group(0))
label, ident = sorted(rows, key=lambda r: (len(r[0]), r[1]))[0][:2]
print(f"{label}={ident}")
PY
ok $? "the generated base's search index has split keys" || diag "$T/pick"
timeout 300 node "$CHECK" "$T/genx/site" --no-crawl --search "$(cat "$T/pick")" >"$T/c.out" 2>&1
ok $? "a name found through a split key ($(cat "$T/pick"))" || diag "$T/c.out"
timeout 300 node "$CHECK" "$T/hub/out/site" --no-crawl --contains 'e/org-hub~in-3.html=Person 1201' \
  --search 'person 1201=p-1201' --search '1201 person=p-1201' \
  --contains 'e/org-hub.html=Person 1' --axe 'e/org-hub~in-2.html' >"$T/c.out" 2>&1
ok $? "the hub's pages in Chromium: their links resolve, page 3 shows the last member" || diag "$T/c.out"
timeout 300 node "$CHECK" "$F3/out/site" --no-crawl --search 'anna th=anna' \
  --search 'hague th=anna' >"$T/c.out" 2>&1
ok $? "search in Chromium: a word that only begins stop words ('anna th') still finds Anna" ||
  diag "$T/c.out"
timeout 600 node "$CHECK" "$H" --hostile --axe e/org-x.html --axe e/p-x.html \
  --contains 'e/org-x.html=<script>window.__pwned=3</script>Org' \
  --contains 'e/org-x.html="><img src=x onerror="window.__pwned=4">' \
  --contains 'e/p-x.html=<i>Mallory</i>' >"$T/c.out" 2>&1
ok $? "hostile in Chromium: shown literally, nothing runs" || diag "$T/c.out"
timeout 300 node "$CHECK" "$CS" --hostile --axe e/src-lic.html --axe e/src-out.html \
  --contains 'e/src-lic.html=<script>window.__pwned=11</script>' \
  --contains 'e/src-lic.html=</pre><b>not bold</b>' \
  --contains 'e/src-lic.html=republished under CC-BY-4.0' >"$T/c.out" 2>&1
ok $? "copies in Chromium: the copy shown literally, nothing runs, every mark's link resolves, axe finds nothing serious" ||
  diag "$T/c.out"
done_testing
