#!/bin/sh
# Real consumers, part 2: SPARQL triple stores.  The seed's exports, built
# here into a temporary directory, are loaded into two real stores -
# Oxigraph (npm 'oxigraph', in memory, tests/stores/oxigraph-query.mjs) and
# OpenLink Virtuoso 7 (a throwaway server on free loopback ports with its
# own database, bulk loader, HTTP /sparql; tests/stores/virtuoso-lib.sh) -
# and each store must answer the article's competency questions,
# examples/queries/NN-*.rq, as the article does.  The expected answers
# below are written from the article (../shared/seed/000_0fbc94771a01f552.txt),
# not from a store's output.
#
# Shapes the exports do not have yet are checked as TAP "# TODO" on the
# real exports, and at once on hand-written fixtures (tests/stores/fixtures/)
# so that the queries are known to be right:
#   - kg:earliest / kg:latest on date statements (question 9): TODO until
#     kg.nt has kg:earliest;
#   - kg.nq, one named graph per source (question 10): TODO until kgbuild
#     writes it.
# Several sources on one value (questions 11-14): the fact base
# tests/good/sources (sources that disagree, agree and refine each other's
# precision, ranked and deprecated; qualifiers; an appointment's tenure) is
# compiled too and asked in both stores "what do the sources say, which
# value is preferred, who says so, with which passage"; the expected
# answers are written from its facts.
# The seed's questions and answers (tests/stores/queries/answers-to-questions.rq,
# told-to-the-us.rq; issue 19, item 7): each answer linked to the question
# it responds to, none addressed to anyone, and what Wang reports China
# told the U.S. as China's claims; asked of kg.ttl in both stores.
# Install the stores with tests/stores/install.sh.  A store that is missing
# or does not start is a failure, with its log, never a skip.
. tests/lib.sh
STORES=$REPO/tests/stores
QDIR=$REPO/examples/queries
ARTICLE_IRI=${BASE_IRI}china-top-cyber-diplomat-article
ARTICLE_TITLE="China's Top Cyber Diplomat Pushes Back Against U.S. Cyberattack Accusations: Meet Your Own Standards Before Demanding from Others"
ARTICLE_FILE=${SEED_DIR:-$REPO/../shared/seed}/000_0fbc94771a01f552.txt
# Graphs of this test's own, in Virtuoso (about-wang-lei.rq ignores them).
G_TTL=urn:kgbuild:test:ttl
G_NT=urn:kgbuild:test:nt
G_DATES=urn:kgbuild:test:dates
G_NQDEFAULT=urn:kgbuild:test:nq-default
G_SOURCES=urn:kgbuild:test:sources

. "$STORES/virtuoso-lib.sh"
# Stop our server whatever happens (lib.sh's INT/TERM traps call exit).
trap 'vt_stop >/dev/null 2>&1; rm -rf "$TMP"' EXIT

ms() { echo $((($(date +%s%N) - $1) / 1000000)); }
T0=$(date +%s%N)

# check STATUS DESCRIPTION [TODO-REASON]: ok, or a TAP "# TODO" test.
check() {
  if [ -n "${3:-}" ]; then
    _tap_n=$((_tap_n + 1))
    if [ "$1" -eq 0 ]; then s="ok"; else s="not ok"; fi
    echo "$s $_tap_n - $2 # TODO $3"
    return "$1"
  fi
  ok "$1" "$2"
}

# expect NAME: the expected answer of NAME, from standard input, with fields
# separated by " | " (the form of tests/stores/sparql-results.mjs --compact,
# rows in any order) -> $TMP/expected/NAME.tsv.
mkdir -p "$TMP/expected"
expect() {
  sed 's/ | /\t/g' >"$TMP/expected/$1.in"
  { head -n 1 "$TMP/expected/$1.in"; tail -n +2 "$TMP/expected/$1.in" | sort; } \
    >"$TMP/expected/$1.tsv"
}

# what NAME: the question, in short, for the test's description.
what() {
  case $1 in
    01-*) echo "founded 2013-06 as xsd:gYearMonth" ;;
    02-*) echo "in the Department of Arms Control of MOFA (kg:partOf+)" ;;
    03-*) echo "managed by the Coordinator post, held by Wang Lei, ranked division director to deputy DG" ;;
    04-*) echo "Wang Lei's U.S. counterpart Christopher Painter, Coordinator for Cyber Affairs, in international multilateral negotiations" ;;
    05-*) echo "Wang Lei interviewed by Yuyuantan Tian, a state-affiliated media outlet" ;;
    06-*) echo "NSA Jake Sullivan's clear message on destructive cyberattacks" ;;
    07-*) echo "sectors telecommunications, finance, transportation" ;;
    08-*) echo "the article (title) and its passage say founded 2013-06" ;;
    09-*fixture) echo "founded within 2013 by kg:earliest/kg:latest, on the fixture" ;;
    09-*) echo "founded within 2013 by kg:earliest/kg:latest" ;;
    founded-in-2013-literal-bounds*) echo "question 9 with bounds as xsd:date literals, on the fixture" ;;
    10-*fixture) echo "facts about Wang Lei by source graph, on the fixture" ;;
    10-*) echo "facts about Wang Lei by source graph" ;;
    about-wang-lei.fixture-without-a) echo "DROP GRAPH of fixture source A leaves source B's facts" ;;
    about-wang-lei.none) echo "DROP GRAPH of the article leaves no triple about wang-lei" ;;
    answers-to-questions) echo "each of Wang's answers responds to its question, asked by Yuyuantan Tian; none addressed to anyone" ;;
    told-to-the-us) echo "what Wang reports China told the U.S.: China's claims, addressed to the U.S. or the Biden administration" ;;
    11-*) echo "every founding date the sources give, its rank, who says so, with which passage" ;;
    12-*) echo "the best-ranked founding date of each office, and what it outranks, why" ;;
    13-*) echo "head-of with its qualifiers: from, until, as of, setting, source, passage" ;;
    14-*) echo "an appointment read as org:Membership with an OWL-Time interval" ;;
  esac
}

# answer STORE NAME ACTUAL-TSV [TODO-REASON]: the answer is the expected one.
answer() {
  if [ -s "$3" ] && cmp -s "$TMP/expected/$2.tsv" "$3"; then st=0; else st=1; fi
  check $st "$1: $2: $(what "$2")" "${4:-}" || {
    if [ -s "$3" ]; then
      diff -u "$TMP/expected/$2.tsv" "$3" | tail -n +3 | diag
    else
      note "  (no answer)"
    fi
  }
}

# --- prerequisites -------------------------------------------------------
if [ ! -x "$KG" ]; then
  echo "Bail out! $KG is not built (run make kgbuild)"
  exit 1
fi
missing=""
for b in node curl virtuoso-t isql-vt; do
  command -v "$b" >/dev/null 2>&1 || missing="$missing $b"
done
[ -f "$STORES/node_modules/oxigraph/package.json" ] || missing="$missing oxigraph(npm)"
if [ -n "$missing" ]; then
  echo "Bail out! missing:$missing - run tests/stores/install.sh"
  exit 1
fi

# check_q15 STORE FILE: one answer, the founding passage in the article,
# whose offsets slice the archived copy (as NFC, in code points) to it.
# Without the copy the exports have no passages: a TODO.
TODO_PASSAGE=""
[ -n "$SEED_DIR" ] || TODO_PASSAGE="no archived copy of the article (KG_SEED_DIR)"
check_q15() {
  "$PY" - "$2" "$ARTICLE_FILE" >"$TMP/q15.out" 2>&1 <<'EOF'
import re, sys, unicodedata
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8")][1:]
unescape = lambda s: re.sub(r'\\(.)', lambda m: {"n": "\n", "r": "\r", "t": "\t"}.get(m[1], m[1]), s)
assert len(rows) == 1, f"{len(rows)} answers, expected 1: {rows}"
source, start, end, prefix, exact, suffix = rows[0]
assert source == "id:china-top-cyber-diplomat-article", f"source {source}"
start, end = (int(re.match(r'"(\d+)"', x)[1]) for x in (start, end))
exact = unescape(exact[1:-1])
assert exact.startswith("The office was established in June 2013"), f"exact {exact}"
text = unicodedata.normalize("NFC", open(sys.argv[2], encoding="utf-8", newline="").read())
assert text[start:end] == exact, f"[{start}:{end}] is {text[start:end]!r}"
EOF
  check $? "$1: 15-quote-passage: the founding passage, at its offsets in the article" \
    "$TODO_PASSAGE" || { diag "$TMP/q15.out"; diag "$2"; }
}

# --- the exports ----------------------------------------------------------
E=$TMP/exports
"$KG" --color=never --exports="$E" ${SEED_SOURCES:+"$SEED_SOURCES"} 2>"$TMP/build.err"
rc=$?
N=$(summary_triples "$TMP/build.err")
[ $rc = 0 ] && [ -n "$N" ] && [ -s "$E/kg.ttl" ] && [ -s "$E/kg.nt" ]
ok $? "kgbuild --exports=TMP builds kg.ttl and kg.nt ($N triples)" || {
  diag "$TMP/build.err"
  echo "Bail out! the seed does not build"
  exit 1
}
# kg.nq: written with the others, or by --format=nq.
if [ ! -s "$E/kg.nq" ]; then
  "$KG" --color=never --format=nq -o "$E/kg.nq" >/dev/null 2>&1 || rm -f "$E/kg.nq"
fi
TODO_NQ=""
[ -s "$E/kg.nq" ] || TODO_NQ="kgbuild writes no kg.nq yet"
TODO_DATES=""
grep -q '<https://w3id.org/kgbuild/ns#earliest>' "$E/kg.nt" ||
  TODO_DATES="the exports have no kg:earliest/kg:latest yet"
note "kg.nq: ${TODO_NQ:-present}; date bounds: ${TODO_DATES:-present}"

# --- expected answers, from the article ----------------------------------
expect 01-office-founded <<'EOF'
?founded | ?datatype
"2013-06"^^xsd:gYearMonth | xsd:gYearMonth
EOF
expect 02-office-department-ministry <<'EOF'
?departmentName | ?ministryName | ?countryName
"Department of Arms Control"@en | "Ministry of Foreign Affairs"@en | "China"@en
EOF
expect 03-coordinator-post <<'EOF'
?postName | ?holderName | ?minRankName | ?maxRankName
"Coordinator for Cyber and Digital Affairs"@en | "Wang Lei"@en | "division director"@en | "deputy director-general"@en
EOF
expect 04-us-counterpart <<'EOF'
?counterpartName | ?postName | ?organisationName | ?countryName | ?context
"Christopher Painter"@en | "Coordinator for Cyber Affairs"@en | "U.S. State Department"@en | "United States"@en | "in international multilateral negotiations"@en
EOF
expect 05-interview-outlet <<'EOF'
?intervieweeName | ?outletName | ?outletType | ?outletTypeLabel | ?stateAffiliated
"Wang Lei"@en | "Yuyuantan Tian"@en | kg:MediaOutlet | "media outlet"@en | "true"^^xsd:boolean
EOF
# 06: the claim is in the curator's words; checked by check_q6 below.
expect 07-critical-infrastructure-sectors <<'EOF'
?sectorName | ?schemeName
"telecommunications"@en | "sectors Wang Lei names as part of China's critical infrastructure"@en
"finance"@en | "sectors Wang Lei names as part of China's critical infrastructure"@en
"transportation"@en | "sectors Wang Lei names as part of China's critical infrastructure"@en
EOF
# 08: the title and a verbatim passage; checked by check_q8 below.
expect 09-founded-in-2013 <<'EOF'
?name | ?founded | ?earliest | ?latest
"Cyber and Digital Affairs Office"@en | "2013-06"^^xsd:gYearMonth | "2013-06-01"^^xsd:date | "2013-06-30"^^xsd:date
EOF
expect 09-founded-in-2013.fixture <<'EOF'
?name | ?founded | ?earliest | ?latest
"founded June 2013"@en | "2013-06"^^xsd:gYearMonth | "2013-06-01"^^xsd:date | "2013-06-30"^^xsd:date
"founded 2013"@en | "2013"^^xsd:gYear | "2013-01-01"^^xsd:date | "2013-12-31"^^xsd:date
"founded 31 December 2013"@en | "2013-12-31"^^xsd:date | "2013-12-31"^^xsd:date | "2013-12-31"^^xsd:date
"founded June 2013, two sources"@en | "2013-06"^^xsd:gYearMonth | "2013-06-01"^^xsd:date | "2013-06-30"^^xsd:date
EOF
cp "$TMP/expected/09-founded-in-2013.fixture.tsv" "$TMP/expected/founded-in-2013-literal-bounds.fixture.tsv"
# 10: what the article says of Wang Lei, all of it in the article's graph
# (each line must be in the answer; check_q10 below).
sed 's/ | /\t/g' >"$TMP/expected/10-rows" <<EOF
id:china-top-cyber-diplomat-article | "$ARTICLE_TITLE" | rdf:type | foaf:Person
id:china-top-cyber-diplomat-article | "$ARTICLE_TITLE" | skos:prefLabel | "Wang Lei"@en
id:china-top-cyber-diplomat-article | "$ARTICLE_TITLE" | org:holds | id:mofa-cyber-digital-affairs-coordinator
id:china-top-cyber-diplomat-article | "$ARTICLE_TITLE" | org:headOf | id:cyber-digital-affairs-office
id:china-top-cyber-diplomat-article | "$ARTICLE_TITLE" | kg:counterpartOf | id:christopher-painter
EOF
expect 10-facts-about-wang-lei-by-source.fixture <<'EOF'
?source | ?title | ?p | ?o
id:fixture-source-a | "Fixture source A" | rdf:type | foaf:Person
id:fixture-source-a | "Fixture source A" | skos:prefLabel | "Wang Lei"@en
id:fixture-source-b | "Fixture source B" | org:holds | id:fixture-post
id:fixture-source-b | "Fixture source B" | skos:prefLabel | "Wang Lei"@en
EOF
expect about-wang-lei.fixture-without-a <<'EOF'
?g | ?s | ?p | ?o
id:fixture-source-b | id:fixture-post | org:heldBy | id:wang-lei
id:fixture-source-b | id:wang-lei | org:holds | id:fixture-post
id:fixture-source-b | id:wang-lei | skos:prefLabel | "Wang Lei"@en
EOF
expect about-wang-lei.none <<'EOF'
?g | ?s | ?p | ?o
EOF
# 11-14: tests/good/sources, from its facts.
expect 11-what-sources-say <<'EOF'
?officeName | ?founded | ?rank | ?source | ?passage
"Office W"@en | "2010" | kg:NormalRank | id:news-a | "Office W (founded 2010)"
"Office W"@en | "2011" | kg:DeprecatedRank | id:news-b | "Office W, founded in 2011"
"Office X"@en | "2013-06" | kg:PreferredRank | id:news-a | "The office was established in June 2013."
"Office X"@en | "2014" | kg:NormalRank | id:news-b | "The office, set up in 2014, leads the talks."
"Office Y"@en | "2015-03" | kg:NormalRank | id:news-a | "Office Y, founded in March 2015"
"Office Y"@en | "2015-03" | kg:NormalRank | id:office-site | "Founded in March 2015."
"Office Y"@en | "2016" | kg:DeprecatedRank | id:news-b | "the office, founded in 2016"
"Office Z"@en | "2013" | kg:NormalRank | id:news-b | "set up in 2013"
"Office Z"@en | "2013-06" | kg:NormalRank | id:news-a | "set up in June 2013"
"Office Z"@en | "2013-06-15" | kg:NormalRank | id:office-site | "opened on 15 June 2013"
EOF
expect 12-best-ranked-founding <<'EOF'
?officeName | ?best | ?bestRank | ?other | ?otherRank | ?reason
"Office W"@en | "2010" | kg:NormalRank | "2011" | kg:DeprecatedRank | "News B misdates it: its own archive from 2010 names the office"
"Office X"@en | "2013-06" | kg:PreferredRank | "2014" | kg:NormalRank | 
"Office Y"@en | "2015-03" | kg:NormalRank | "2016" | kg:DeprecatedRank | "the office's own site and News A give March 2015"
"Office Z"@en | "2013-06-15" | kg:NormalRank | "2013" | kg:NormalRank | 
"Office Z"@en | "2013-06-15" | kg:NormalRank | "2013-06" | kg:NormalRank | 
EOF
expect 13-qualified-head-of <<'EOF'
?personName | ?orgName | ?from | ?until | ?asOf | ?context | ?topicName | ?source | ?passage
"Person P"@en | "Office X"@en | "2019" | "2021-05" | "2021" | "in the working group"@en | "Topic T"@en | id:news-a | "P, who heads Office X in the working group"
EOF
expect 14-tenures <<'EOF'
?memberName | ?postName | ?from | ?until
"Person P"@en | "Coordinator"@en | "2020-03" | "2023"
EOF
# The seed's questions and answers, from the article's transcript.
expect answers-to-questions <<'EOF'
?question | ?askerName | ?answer | ?addressedTo
id:wang-lei-interview-question-1 | "Yuyuantan Tian"@en | id:wang-china-rejects-us-accusations | 
id:wang-lei-interview-question-1 | "Yuyuantan Tian"@en | id:wang-us-cyberattacks-against-china | 
id:wang-lei-interview-question-1 | "Yuyuantan Tian"@en | id:wang-china-critical-infrastructure-criteria | 
id:wang-lei-interview-question-1 | "Yuyuantan Tian"@en | id:wang-meet-your-own-standards | 
id:wang-lei-interview-question-1 | "Yuyuantan Tian"@en | id:wang-loud-is-not-right | 
id:wang-lei-interview-question-2 | "Yuyuantan Tian"@en | id:wang-forward-looking-cyber-relations | 
id:wang-lei-interview-question-2 | "Yuyuantan Tian"@en | id:wang-differences-discussed-openly | 
id:wang-lei-interview-question-2 | "Yuyuantan Tian"@en | id:wang-what-kind-of-cyber-relationship | 
id:wang-lei-interview-question-2 | "Yuyuantan Tian"@en | id:wang-most-influential-cyber-nations | 
id:wang-lei-interview-question-2 | "Yuyuantan Tian"@en | id:wang-peace-stability-shared-objective | 
id:wang-lei-interview-question-2 | "Yuyuantan Tian"@en | id:wang-willing-to-engage-in-dialogue | 
id:wang-lei-interview-question-2 | "Yuyuantan Tian"@en | id:wang-best-long-term-solution | 
EOF
expect told-to-the-us <<'EOF'
?claim | ?speakerName | ?addressedToName | ?reporterName
id:china-rejects-us-accusations | "China"@en | "Biden administration"@en | "Wang Lei"@en
id:china-raises-us-cyberattack-concerns | "China"@en | "United States"@en | "Wang Lei"@en
id:china-informs-us-of-critical-infrastructure-criteria | "China"@en | "United States"@en | "Wang Lei"@en
id:china-us-must-meet-own-standards | "China"@en | "United States"@en | "Wang Lei"@en
EOF
Q_SEED="answers-to-questions told-to-the-us"
Q_SOURCES="11-what-sources-say 12-best-ranked-founding 13-qualified-head-of 14-tenures"

# check_q6 STORE FILE: one answer, Jake Sullivan, saying what the article
# reports: "the U.S. has sent a clear message to China about the potential
# consequences of destructive cyberattacks on U.S. critical infrastructure".
check_q6() {
  "$PY" - "$2" >"$TMP/q6.out" 2>&1 <<'EOF'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8")][1:]
said = ("sent a clear message to China about the potential consequences of "
        "destructive cyberattacks on U.S. critical infrastructure")
assert len(rows) == 1, f"{len(rows)} answers, expected 1: {rows}"
assert rows[0][0] == '"Jake Sullivan"@en', f"speaker {rows[0][0]}"
assert said in rows[0][1] and rows[0][1].endswith('"@en'), f"text {rows[0][1]}"
EOF
  ok $? "$1: 06-us-national-security-advisor: $(what 06-)" || { diag "$TMP/q6.out"; diag "$2"; }
}

# check_q8 STORE FILE: one answer, the article by its title, with a passage
# that says June 2013 and is word for word in the article.
check_q8() {
  "$PY" - "$2" "$ARTICLE_TITLE" "$ARTICLE_FILE" >"$TMP/q8.out" 2>&1 <<'EOF'
import os, re, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8")][1:]
unescape = lambda s: re.sub(r'\\(.)', lambda m: {"n": "\n", "r": "\r", "t": "\t"}.get(m[1], m[1]), s)
assert len(rows) == 1, f"{len(rows)} answers, expected 1: {rows}"
source, title, quote = rows[0]
assert source == "id:china-top-cyber-diplomat-article", f"source {source}"
assert unescape(title[1:-1]) == sys.argv[2], f"title {title}"
quote = unescape(quote[1:-1])
assert "established in June 2013" in quote, f"quote {quote}"
if os.path.exists(sys.argv[3]):
    assert quote in open(sys.argv[3], encoding="utf-8").read(), f"not in the article: {quote}"
EOF
  ok $? "$1: 08-source-of-founding-date: $(what 08-), verbatim" ||
    { diag "$TMP/q8.out"; diag "$2"; }
}

# check_q10 STORE FILE [TODO]: every answer from the article's graph, the
# article's facts about Wang Lei among them, and as many as kg.ttl has.
check_q10() {
  st=0
  [ -s "$2" ] || st=1
  sources=$(tail -n +2 "$2" 2>/dev/null | cut -f1 | sort -u)
  [ "$sources" = "id:china-top-cyber-diplomat-article" ] || st=1
  absent=$(grep -vxF -f "$2" "$TMP/expected/10-rows" 2>/dev/null)
  [ -z "$absent" ] || st=1
  rows=$(($(wc -l <"$2" 2>/dev/null || echo 1) - 1))
  [ "$rows" = "$WANG_TRIPLES" ] || st=1
  check $st "$1: 10-facts-about-wang-lei-by-source: all $rows (of $WANG_TRIPLES) in the article's graph" "${3:-}" || {
    [ -n "$absent" ] && { note "  missing:"; echo "$absent" | diag; }
    [ -s "$2" ] && diag "$2"
  }
}

Q_TTL="01-office-founded 02-office-department-ministry 03-coordinator-post
04-us-counterpart 05-interview-outlet 06-us-national-security-advisor
07-critical-infrastructure-sectors 08-source-of-founding-date 09-founded-in-2013
15-quote-passage"

# check_ttl_answers STORE DIR: the answers of questions 1-9 and 15 in DIR/NAME.tsv.
check_ttl_answers() {
  for q in $Q_TTL; do
    case $q in
      06-*) check_q6 "$1" "$2/$q.tsv" ;;
      08-*) check_q8 "$1" "$2/$q.tsv" ;;
      09-*) answer "$1" "$q" "$2/$q.tsv" "$TODO_DATES" ;;
      15-*) check_q15 "$1" "$2/$q.tsv" ;;
      *) answer "$1" "$q" "$2/$q.tsv" ;;
    esac
  done
}

# --- the fact base of several sources (questions 11-14) -------------------
S=$TMP/sources
mkdir -p "$S"
"$KG" --color=never --exports="$S" "$REPO/tests/good/sources/facts" 2>"$TMP/sources.err"
rc=$?
NS=$(summary_triples "$TMP/sources.err")
[ $rc = 0 ] && [ -s "$S/kg.ttl" ] && ! grep -q warning "$TMP/sources.err"
ok $? "kgbuild compiles tests/good/sources ($NS triples), no warning" || diag "$TMP/sources.err"

# ===========================================================================
# Oxigraph
# ===========================================================================
OX_T0=$(date +%s%N)
ox() { node "$STORES/oxigraph-query.mjs" --compact "$@"; }
O=$TMP/oxigraph
mkdir -p "$O/ttl" "$O/nq" "$O/fix"

queries=""
for q in $Q_TTL; do queries="$queries $QDIR/$q.rq"; done
# shellcheck disable=SC2086 # a list of files
ox --out="$O/ttl" "$E/kg.ttl" --size "$E/kg.nt" --size $queries \
  --query='PREFIX id: <https://w3id.org/kgbuild/id/> SELECT (COUNT(*) AS ?n) WHERE { id:wang-lei ?p ?o }' \
  >"$O/sizes" 2>"$O/err"
ok $? "oxigraph: loads kg.ttl and kg.nt (strict parsers) and runs the queries" || diag "$O/err"
[ "$(sed -n 1p "$O/sizes")" = "$N" ] && [ "$(sed -n 2p "$O/sizes")" = "$N" ]
ok $? "oxigraph: kg.ttl holds the $N triples of the summary, and kg.nt the same ones" ||
  note "  store size after kg.ttl, then after kg.nt: $(tr '\n' ' ' <"$O/sizes")"
WANG_TRIPLES=$(sed -n '2s/^"\([0-9]*\)".*/\1/p' "$O/ttl/query.tsv" 2>/dev/null)
note "kg.ttl has ${WANG_TRIPLES:-?} triples with subject wang-lei"
check_ttl_answers oxigraph "$O/ttl"

# The seed's questions and answers.
mkdir -p "$O/seed"
seedq=""
for q in $Q_SEED; do seedq="$seedq $STORES/queries/$q.rq"; done
# shellcheck disable=SC2086 # a list of files
ox --out="$O/seed" "$E/kg.ttl" $seedq 2>"$O/err" || diag "$O/err"
for q in $Q_SEED; do answer oxigraph "$q" "$O/seed/$q.tsv"; done

# Question 9 on the fixture of the agreed shape (both bound forms).
ox --out="$O/fix" "$STORES/fixtures/dates.ttl" "$QDIR/09-founded-in-2013.rq" \
  "$STORES/queries/founded-in-2013-literal-bounds.rq" 2>"$O/err" || diag "$O/err"
mv "$O/fix/09-founded-in-2013.tsv" "$O/fix/09-founded-in-2013.fixture.tsv" 2>/dev/null
mv "$O/fix/founded-in-2013-literal-bounds.tsv" "$O/fix/founded-in-2013-literal-bounds.fixture.tsv" 2>/dev/null
answer oxigraph 09-founded-in-2013.fixture "$O/fix/09-founded-in-2013.fixture.tsv"
answer oxigraph founded-in-2013-literal-bounds.fixture "$O/fix/founded-in-2013-literal-bounds.fixture.tsv"

# Question 10 and DROP GRAPH on the fixture of the agreed shape.
ox --out="$O/fix" "$STORES/fixtures/sources.nq" "$QDIR/10-facts-about-wang-lei-by-source.rq" \
  --update="DROP GRAPH <${BASE_IRI}fixture-source-a>" "$STORES/queries/about-wang-lei.rq" \
  2>"$O/err" || diag "$O/err"
mv "$O/fix/10-facts-about-wang-lei-by-source.tsv" "$O/fix/10-facts-about-wang-lei-by-source.fixture.tsv" 2>/dev/null
mv "$O/fix/about-wang-lei.tsv" "$O/fix/about-wang-lei.fixture-without-a.tsv" 2>/dev/null
answer oxigraph 10-facts-about-wang-lei-by-source.fixture "$O/fix/10-facts-about-wang-lei-by-source.fixture.tsv"
answer oxigraph about-wang-lei.fixture-without-a "$O/fix/about-wang-lei.fixture-without-a.tsv"

# kg.nq: the same answers from the union of its graphs; question 10; and
# nothing left of Wang Lei once the article's graph is dropped.
if [ -z "$TODO_NQ" ]; then
  # shellcheck disable=SC2086 # a list of files
  ox --out="$O/nq" "$E/kg.nq" "$QDIR/10-facts-about-wang-lei-by-source.rq" \
    --update="DROP GRAPH <$ARTICLE_IRI>" "$STORES/queries/about-wang-lei.rq" 2>"$O/err"
  ok $? "oxigraph: loads kg.nq (strict parser), answers, and drops the article's graph" ||
    diag "$O/err"
  dflt=$(ox "$E/kg.nq" --query='ASK { ?s ?p ?o }' 2>&1)
  distinct=$(ox "$E/kg.nq" --query='SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }' 2>&1 |
    sed -n '2s/^"\([0-9]*\)".*/\1/p')
  onto=$(ox "$E/kg.nq" --query='PREFIX kg: <https://w3id.org/kgbuild/ns#> PREFIX owl: <http://www.w3.org/2002/07/owl#> ASK { GRAPH <https://w3id.org/kgbuild/ns> { kg:Office a owl:Class } }' 2>&1)
  [ "$dflt" = false ]
  ok $? "oxigraph: kg.nq puts every triple in a named graph (default graph empty)" || note "  $dflt"
  [ "$distinct" = "$N" ]
  ok $? "oxigraph: kg.nq holds the $N triples of kg.nt (distinct over its graphs: $distinct)"
  [ "$onto" = true ]
  ok $? "oxigraph: kg.nq has the ontology in graph <https://w3id.org/kgbuild/ns>" || note "  $onto"
  # shellcheck disable=SC2086 # a list of files
  ox --union --out="$O/nq" "$E/kg.nq" $queries 2>"$O/err" || diag "$O/err"
  check_ttl_answers "oxigraph kg.nq (union of graphs)" "$O/nq"
  check_q10 oxigraph "$O/nq/10-facts-about-wang-lei-by-source.tsv"
  mv "$O/nq/about-wang-lei.tsv" "$O/nq/about-wang-lei.none.tsv" 2>/dev/null
  answer oxigraph "about-wang-lei.none" "$O/nq/about-wang-lei.none.tsv"
else
  check 1 "oxigraph: kg.nq: 10-facts-about-wang-lei-by-source" "$TODO_NQ"
  check 1 "oxigraph: kg.nq: DROP GRAPH of the article leaves nothing about wang-lei" "$TODO_NQ"
fi
# Questions 11-14 on tests/good/sources.
mkdir -p "$O/src"
queries=""
for q in $Q_SOURCES; do queries="$queries $QDIR/$q.rq"; done
# shellcheck disable=SC2086 # a list of files
ox --out="$O/src" "$S/kg.ttl" $queries 2>"$O/err"
ok $? "oxigraph: loads tests/good/sources and runs questions 11-14" || diag "$O/err"
for q in $Q_SOURCES; do answer oxigraph "$q" "$O/src/$q.tsv"; done
note "oxigraph: $(ms "$OX_T0") ms"

# ===========================================================================
# Virtuoso
# ===========================================================================
VT_T0=$(date +%s%N)
V=$TMP/vq
mkdir -p "$V"
# vq NAME FILE.rq [DEFAULT-GRAPH]: answer over HTTP -> $V/NAME.tsv
vq() {
  rm -f "$V/$1.tsv"
  if vt_query "$2" "${3:-}" >"$V/$1.json" 2>"$V/$1.err" &&
     node "$STORES/sparql-results.mjs" --compact <"$V/$1.json" >"$V/$1.tsv" 2>>"$V/$1.err"; then
    return 0
  fi
  rm -f "$V/$1.tsv"
  diag "$V/$1.err"
  return 1
}

vt_start "$TMP/virtuoso" 2>"$TMP/vt-start.err"
if ! ok $? "virtuoso: a private server starts on free loopback ports ($(ms "$VT_T0") ms)"; then
  diag "$TMP/vt-start.err"
  vt_stop
else
  note "virtuoso: pid $VT_PID, SQL port $VT_SQL_PORT, HTTP port $VT_HTTP_PORT"
  t=$(date +%s%N)
  vt_load "$E/kg.ttl" "$G_TTL" 2>"$TMP/vt.err"
  ok $? "virtuoso: bulk-loads kg.ttl (ld_dir, rdf_loader_run; LOAD_LIST clean; $(ms "$t") ms)" ||
    { diag "$TMP/vt.err"; vt_log | diag; }
  vt_load "$E/kg.nt" "$G_NT" 2>"$TMP/vt.err"
  ok $? "virtuoso: bulk-loads kg.nt" || diag "$TMP/vt.err"
  c_ttl=$(vt_count "$G_TTL" 2>"$TMP/vt.err") c_nt=$(vt_count "$G_NT" 2>>"$TMP/vt.err")
  [ "$c_ttl" = "$N" ] && [ "$c_nt" = "$N" ]
  ok $? "virtuoso: kg.ttl and kg.nt each load as the $N triples of the summary ($c_ttl, $c_nt)" ||
    diag "$TMP/vt.err"

  # --compress=gzip (issue 16): the bulk loader reads kg.nt.gz and
  # kg.ttl.gz itself.  zstd it does not read (Virtuoso 7.2): noted, not
  # tested; kg.*.zst goes through `zstd -dc` first.
  "$KG" -q --compress=gzip --exports="$TMP/gz" ${SEED_SOURCES:+"$SEED_SOURCES"} 2>"$TMP/gz.err"
  gz_ok=$?
  c_gz="" c_ttlgz=""
  if [ $gz_ok = 0 ] && vt_load "$TMP/gz/kg.nt.gz" urn:kgbuild:test:ntgz 2>"$TMP/vt.err" &&
     vt_load "$TMP/gz/kg.ttl.gz" urn:kgbuild:test:ttlgz 2>>"$TMP/vt.err"; then
    c_gz=$(vt_count urn:kgbuild:test:ntgz 2>>"$TMP/vt.err")
    c_ttlgz=$(vt_count urn:kgbuild:test:ttlgz 2>>"$TMP/vt.err")
  fi
  [ "$c_gz" = "$N" ] && [ "$c_ttlgz" = "$N" ]
  ok $? "virtuoso: bulk-loads kgbuild --compress=gzip's kg.nt.gz and kg.ttl.gz as the $N triples ($c_gz, $c_ttlgz)" ||
    diag "$TMP/gz.err" "$TMP/vt.err"
  "$KG" -q --compress=zstd --exports="$TMP/zst" 2>/dev/null
  if vt_load "$TMP/zst/kg.nt.zst" urn:kgbuild:test:ntzst 2>"$TMP/vt-zst.err"; then
    note "virtuoso: kg.nt.zst: the loader takes it; $(vt_count urn:kgbuild:test:ntzst 2>/dev/null) triples"
  else
    note "virtuoso: kg.nt.zst is not read by its bulk loader: $(head -c 200 "$TMP/vt-zst.err" | tr '\n' ' ')"
  fi

  for q in $Q_TTL; do vq "$q" "$QDIR/$q.rq" "$G_TTL"; done
  check_ttl_answers virtuoso "$V"
  for q in $Q_SEED; do
    vq "$q" "$STORES/queries/$q.rq" "$G_TTL"
    answer virtuoso "$q" "$V/$q.tsv"
  done

  vt_load "$STORES/fixtures/dates.ttl" "$G_DATES" 2>"$TMP/vt.err" || diag "$TMP/vt.err"
  vq 09-founded-in-2013.fixture "$QDIR/09-founded-in-2013.rq" "$G_DATES"
  answer virtuoso 09-founded-in-2013.fixture "$V/09-founded-in-2013.fixture.tsv"
  vq founded-in-2013-literal-bounds.fixture "$STORES/queries/founded-in-2013-literal-bounds.rq" "$G_DATES"
  answer virtuoso founded-in-2013-literal-bounds.fixture "$V/founded-in-2013-literal-bounds.fixture.tsv" \
    "Virtuoso 7.2.5 loses FILTER (?x <= \"D\"^^xsd:date); 09-founded-in-2013.rq writes xsd:date(\"D\")"

  # Question 10 and DROP GRAPH on the fixture.  The endpoint is read-only,
  # so the graph is dropped over SQL; Virtuoso refuses DROP GRAPH of a graph
  # not made with CREATE GRAPH, hence DROP SILENT (the query checks it).
  vt_load "$STORES/fixtures/sources.nq" "$G_NQDEFAULT" 2>"$TMP/vt.err" || diag "$TMP/vt.err"
  vq 10-facts-about-wang-lei-by-source.fixture "$QDIR/10-facts-about-wang-lei-by-source.rq"
  answer virtuoso 10-facts-about-wang-lei-by-source.fixture "$V/10-facts-about-wang-lei-by-source.fixture.tsv"
  vt_sql "SPARQL DROP SILENT GRAPH <${BASE_IRI}fixture-source-a>;" >"$TMP/vt.out" 2>&1 || diag "$TMP/vt.out"
  vq about-wang-lei.fixture-without-a "$STORES/queries/about-wang-lei.rq"
  answer virtuoso about-wang-lei.fixture-without-a "$V/about-wang-lei.fixture-without-a.tsv"
  vt_sql "SPARQL DROP SILENT GRAPH <${BASE_IRI}fixture-source-b>;
SPARQL DROP SILENT GRAPH <https://w3id.org/kgbuild/ns>;" >"$TMP/vt.out" 2>&1 || diag "$TMP/vt.out"

  if [ -z "$TODO_NQ" ]; then
    t=$(date +%s%N)
    vt_load "$E/kg.nq" "$G_NQDEFAULT" 2>"$TMP/vt.err"
    ok $? "virtuoso: bulk-loads kg.nq ($(ms "$t") ms)" || diag "$TMP/vt.err"
    c=$(vt_count "$G_NQDEFAULT" 2>"$TMP/vt.err")
    [ "$c" = 0 ]
    ok $? "virtuoso: kg.nq puts every triple in a named graph (none in the loader's default: $c)" ||
      diag "$TMP/vt.err"
    # Every graph of kg.nq holds as many triples as the file gives it.
    sed 's/.* <\([^>]*\)> \.$/\1/' "$E/kg.nq" | sort | uniq -c >"$TMP/nq.graphs"
    st=0 counts=""
    while read -r n g; do
      c=$(vt_count "$g" 2>>"$TMP/vt.err")
      counts="$counts <$g> $c/$n"
      [ "$c" = "$n" ] || st=1
    done <"$TMP/nq.graphs"
    [ -s "$TMP/nq.graphs" ] || st=1
    ok $st "virtuoso: each named graph holds the quads kg.nq gives it:$counts" ||
      diag "$TMP/vt.err"
    vq 10-facts-about-wang-lei-by-source "$QDIR/10-facts-about-wang-lei-by-source.rq"
    check_q10 virtuoso "$V/10-facts-about-wang-lei-by-source.tsv"
    vt_sql "SPARQL DROP SILENT GRAPH <$ARTICLE_IRI>;" >"$TMP/vt.out" 2>&1 || diag "$TMP/vt.out"
    vq about-wang-lei.none "$STORES/queries/about-wang-lei.rq"
    answer virtuoso about-wang-lei.none "$V/about-wang-lei.none.tsv"
  else
    check 1 "virtuoso: kg.nq: 10-facts-about-wang-lei-by-source" "$TODO_NQ"
    check 1 "virtuoso: kg.nq: DROP GRAPH of the article leaves nothing about wang-lei" "$TODO_NQ"
  fi

  # Questions 11-14 on tests/good/sources, in a graph of its own.
  vt_load "$S/kg.ttl" "$G_SOURCES" 2>"$TMP/vt.err"
  ok $? "virtuoso: bulk-loads tests/good/sources" || diag "$TMP/vt.err"
  for q in $Q_SOURCES; do
    vq "$q" "$QDIR/$q.rq" "$G_SOURCES"
    answer virtuoso "$q" "$V/$q.tsv"
  done

  pid=$VT_PID dir=$VT_DIR
  t=$(date +%s%N)
  vt_stop 2>"$TMP/vt.err"
  ok $? "virtuoso: shuts down ($(ms "$t") ms)" || diag "$TMP/vt.err"
  left=$(pgrep -f "$dir/virtuoso.ini")
  [ -z "$left" ] && [ ! -e "/proc/$pid" ]
  ok $? "virtuoso: no server process is left (pgrep -f $dir/virtuoso.ini)" ||
    ps -o pid,stat,args -p "$({ echo "$pid"; [ -z "$left" ] || echo "$left"; } | paste -sd,)" 2>&1 | diag
fi
note "virtuoso: $(ms "$VT_T0") ms; whole test: $(ms "$T0") ms"
done_testing
