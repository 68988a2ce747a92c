#!/usr/bin/python3
"""The seed fact base says what its article says, and no more (issue 19,
item 7; the audit of docs/facts.md, "How the seed facts were judged").

Reads the seed's kg.ttl with rdflib and asks it, in SPARQL, the questions
the second audit asked: who told the U.S. what, whom Wang answered, which
question each answer responds to, which inferences are marked as the
curators', and whether every verbatim text is the article's.  Also checks
that docs/facts.md's worked example agrees with facts/.

usage: seed_article.py KG.TTL ARTICLE.TXT FACTS-DIR DOCS/FACTS.MD
Prints one line per check, "ok - ..." or "not ok - ... (detail)"; exits 1
if any check failed.
"""
import glob
import re
import sys
import unicodedata

import rdflib
import yaml

TTL, ARTICLE, FACTS, GUIDE = sys.argv[1:5]
g = rdflib.Graph()
g.parse(TTL, format="turtle")
PREFIXES = """
PREFIX rdf:  <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX kg:   <https://w3id.org/kgbuild/ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX id:   <https://w3id.org/kgbuild/id/>
"""
failed = 0


def rows(query):
    return [tuple(str(x) if x is not None else None for x in r)
            for r in g.query(PREFIXES + query)]


def ask(query):
    return bool(g.query(PREFIXES + query).askAnswer)


def check(cond, what, detail=""):
    global failed
    if cond:
        print("ok - " + what)
    else:
        failed += 1
        print("not ok - %s (%s)" % (what, detail))


def flat(s):
    return " ".join(unicodedata.normalize("NFC", s).split())


ID = "https://w3id.org/kgbuild/id/"
article = flat(open(ARTICLE, encoding="utf-8").read())

# --- OS-1: what Wang reports China told the U.S. is China's claim
# (the article's own summary "He urged the U.S. to reflect ..." may be.)
r = rows("""SELECT ?c ?to WHERE {
  ?c kg:speaker id:wang-lei ; kg:madeAt id:wang-lei-yuyuantan-tian-interview ;
     kg:addressedTo ?to .
  FILTER NOT EXISTS { ?c kg:paraphrase true } }""")
check(not r, "no answer Wang gives in the interview is addressed to anyone", r)
r = rows("""SELECT ?c ?to WHERE {
  ?c kg:speaker id:china ; kg:addressedTo ?to ; kg:reportedBy id:wang-lei ;
     kg:reportedIn id:wang-lei-yuyuantan-tian-interview ; kg:paraphrase true .
  FILTER NOT EXISTS { ?c kg:madeAt ?e } }""")
told = {(c[len(ID):], to[len(ID):]) for c, to in r}
check(len(told) == 4 and {t for _, t in told} == {"biden-administration", "united-states"},
      "four claims of China's, told to the Biden administration or the U.S., "
      "reported by Wang in the interview, paraphrased", sorted(told))

# --- the accusations are the U.S.'s, and Wang's rejection answers them
r = rows("""SELECT ?acc WHERE {
  id:wang-china-rejects-us-accusations kg:respondsTo ?acc .
  ?acc kg:speaker id:united-states }""")
check(len(r) == 1, "Wang's rejection responds to accusations whose speaker is the U.S.", r)

# --- questions as entities; every answer linked to its question
r = rows("""SELECT ?q ?text WHERE {
  ?q a kg:Question ; kg:madeAt id:wang-lei-yuyuantan-tian-interview ;
     kg:speaker id:yuyuantan-tian ; kg:text ?text }""")
qtext = {q[len(ID):]: t for q, t in r}
check(len(qtext) == 2, "two questions, asked in the interview by the platform", r)
q1 = [q for q, t in qtext.items() if "What is China's response to this?" in t]
q2 = [q for q, t in qtext.items()
      if "how does China envision the future of U.S.-China cyber relations?" in t]
check(len(q1) == 1 and len(q2) == 1, "the questions' texts hold the article's questions",
      qtext)
q1 = q1[0] if q1 else "?"
q2 = q2[0] if q2 else "?"


def answers(q):
    if q == "?":
        return set()
    return {c[len(ID):] for (c,) in rows("""SELECT ?c WHERE {
      ?c kg:speaker id:wang-lei ; kg:madeAt id:wang-lei-yuyuantan-tian-interview ;
         kg:respondsTo id:%s }""" % q)}


first = {"wang-china-rejects-us-accusations", "wang-us-cyberattacks-against-china",
         "wang-china-critical-infrastructure-criteria", "wang-meet-your-own-standards",
         "wang-loud-is-not-right"}
second = {"wang-forward-looking-cyber-relations", "wang-differences-discussed-openly",
          "wang-what-kind-of-cyber-relationship", "wang-most-influential-cyber-nations",
          "wang-peace-stability-shared-objective", "wang-willing-to-engage-in-dialogue",
          "wang-best-long-term-solution"}
check(answers(q1) == first, "the five answers to the first question respond to it",
      sorted(answers(q1)))
check(answers(q2) == second, "the seven answers to the second question respond to it",
      sorted(answers(q2)))

# --- the article's two summaries point to the answers they sum up, so
# Wang's own words are counted once
r = rows("""SELECT ?c WHERE { ?c kg:speaker id:wang-lei .
  FILTER NOT EXISTS { ?c kg:summarises ?x } }""")
check({c[len(ID):] for (c,) in r} == first | second,
      "Wang's claims less the summaries are his twelve answers", sorted(r))
r = rows("""SELECT ?s ?x WHERE { ?s kg:summarises ?x ; kg:paraphrase true .
  ?x kg:speaker id:wang-lei ; kg:paraphrase false }""")
check(len(r) == 3, "the two summaries (paraphrases) sum up three of his answers", r)

# --- OS-2: the platform cited Sullivan's statement in a question
r = rows("SELECT ?by WHERE { id:sullivan-clear-message-to-china kg:reportedBy ?by }")
check(not r, "Sullivan's statement is not reported-by anyone (nobody relayed it for him)", r)
r = rows("SELECT ?q WHERE { id:sullivan-clear-message-to-china kg:citedBy ?q }")
check(r == [(ID + q1,)], "Sullivan's statement is cited by the first question", r)

# --- OS-3: Wang endorses Xi's vision; he does not answer it
r = rows("""SELECT ?x WHERE { ?c kg:respondsTo ?x . ?x kg:speaker id:xi-jinping }""")
check(not r, "no claim responds to Xi's", r)
r = rows("""SELECT ?n WHERE {
  id:wang-forward-looking-cyber-relations kg:about id:xi-major-nations-cannot-ignore-each-other .
  ?s rdf:subject id:wang-forward-looking-cyber-relations ; rdf:predicate kg:about ;
     rdf:object id:xi-major-nations-cannot-ignore-each-other ; kg:note ?n }""")
check(len(r) == 1, "Wang's forward-looking remark is about Xi's claim, with a note", r)
r = rows("""SELECT ?n WHERE {
  ?s rdf:subject id:wang-best-long-term-solution ; rdf:predicate kg:about ;
     rdf:object id:wang-willing-to-engage-in-dialogue ; kg:note ?n }""")
check(len(r) == 1, "'this approach' is linked to the dialogue it refers to, with a note", r)


def noted(s, p, o=None, what=""):
    if s == "?":
        return check(False, what, "no such entry")
    obj = "id:" + o if o else "?o"
    r = rows("""SELECT ?o ?n WHERE {
      ?st rdf:subject id:%s ; rdf:predicate %s ; rdf:object %s .
      OPTIONAL { ?st kg:note ?n } }""" % (s, p, obj))
    check(r and all(n for _, n in r), what or "%s %s has a note" % (s, p), r)


# --- the curators' inferences, as notes that reach the graph
noted("wang-lei-yuyuantan-tian-interview", "kg:interviewer", "yuyuantan-tian",
      "the interviewer (inferred) has a note")
noted(q1, "kg:speaker", "yuyuantan-tian", "the first question's speaker (inferred) has a note")
noted(q2, "kg:speaker", "yuyuantan-tian", "the second question's speaker (inferred) has a note")
noted("xi-major-nations-cannot-ignore-each-other", "kg:speaker", "xi-jinping",
      "giving the 'Instead, ...' sentence to Xi is noted as a reading")
for sector in ("telecommunications-sector", "finance-sector", "transportation-sector"):
    noted(sector, "skos:inScheme", None, "%s's scheme membership has a note" % sector)
r = rows("""SELECT ?name WHERE { ?s skos:inScheme ?scheme . ?scheme skos:prefLabel ?name }""")
check(r and all("Wang Lei" in n for (n,) in r),
      "the sectors' scheme says whose list it is, not the base's classification", r)
noted("us-china-cyber-relations", "skos:broader", "us-china-relations",
      "broader: us-china-relations is noted as the curators' taxonomy")

# --- OS-8: "at the working level", in the article's order
r = rows("""SELECT ?ctx WHERE {
  ?st rdf:subject id:mofa-cyber-digital-affairs-coordinator ; rdf:predicate kg:involvedIn ;
      rdf:object id:global-cyberspace-governance ; kg:context ?ctx }""")
check(r == [("at the working level",)], "involved-in global cyberspace governance: "
      "context 'at the working level'", r)
r = rows("""SELECT ?a WHERE { id:mofa-cyber-digital-affairs-coordinator kg:assessment ?a .
  FILTER (CONTAINS(?a, "working level")) }""")
check(len(r) == 1 and r[0][0].rstrip(".").endswith("at the working level"),
      "the assessment keeps 'at the working level' where the article puts it", r)

# --- OS-7: one rule for country: only where the passage names it
r = rows("""SELECT ?s ?c ?quote ?name WHERE {
  ?st rdf:subject ?s ; rdf:predicate kg:country ; rdf:object ?c ;
      kg:quote|prov:qualifiedDerivation/kg:quote ?quote .
  ?c skos:prefLabel|kg:shortName ?name }""")
stated = {}
for s, c, quote, name in r:
    stated.setdefault((s, c, quote), False)
    stated[(s, c, quote)] |= name in quote
bad = sorted(k for k, v in stated.items() if not v)
check(stated and not bad, "every country statement's passage names the country", bad)
check(not ask("ASK { id:china-president ?p ?o }"),
      "no id asserts a country the article does not state (china-president)")

# --- what was missing or partial
r = rows("""SELECT ?a WHERE { id:wang-lei-yuyuantan-tian-interview kg:assessment ?a }""")
check(any("pushes back" in a.lower() for (a,) in r), "the headline's 'pushes back' framing", r)
r = rows("""SELECT ?d WHERE { id:wang-lei-yuyuantan-tian-interview kg:description ?d }""")
check(any("recently" in d.lower() for (d,) in r), "the interview was given 'recently'", r)
r = rows("""SELECT ?name WHERE { id:wang-lei-yuyuantan-tian-interview kg:topic ?t .
  ?t skos:prefLabel ?name }""")
check(any("disputes" in n for (n,) in r), "the interview is on the disputes", r)
r = rows("""SELECT ?a WHERE { id:mofa kg:assessment ?a }""")
check(any("not a traditional area of expertise" in a for (a,) in r),
      "cyberspace is not a traditional area of expertise for MOFA", r)
check(ask("ASK { id:deputy-director-general kg:higherThan id:division-director }") and
      not ask("ASK { ?a kg:nextAbove ?b }"),
      "the ranks are ordered as 'between' implies, and not said to be adjacent")

# --- texts: explicit paraphrase, and verbatim ones are the article's words
r = rows("""SELECT ?c ?p ?t WHERE { ?c a kg:Claim ; kg:text ?t .
  OPTIONAL { ?c kg:paraphrase ?p } }""")
check(r and all(p is not None for _, p, _ in r), "every claim says whether it is a paraphrase",
      [c for c, p, _ in r if p is None])
notverb = [c[len(ID):] for c, p, t in r if p == "false" and flat(t) not in article]
check(r and not notverb, "every verbatim claim text is in the article", notverb)

# --- docs/facts.md: the worked example agrees with facts/
facts = {}
for f in glob.glob(FACTS + "/*.yaml"):
    for section, entries in (yaml.safe_load(open(f, encoding="utf-8")) or {}).items():
        for e in entries or []:
            facts[e["id"]] = e


def plain(v):
    if isinstance(v, list):
        return sorted(str(plain(x)) for x in v) if len(v) != 1 else plain(v[0])
    if isinstance(v, dict) and "value" in v:
        return plain(v["value"])
    return v


guide = open(GUIDE, encoding="utf-8").read()
m = re.search(r"## A complete worked example\n.*?```yaml\n(.*?)```", guide, re.S)
example = yaml.safe_load(m.group(1)) if m else {}
diff = []
for e in example.get("claims", []):
    f = facts.get(e["id"], {})
    for k, v in e.items():
        if k not in ("source", "quote") and plain(v) != plain(f.get(k)):
            diff.append("%s %s: %r vs %r" % (e["id"], k, plain(v), plain(f.get(k))))
check(m and example.get("claims") and not diff,
      "docs/facts.md's worked example shows the claims as facts/ has them", diff)
check("Nothing left out" not in guide, "docs/facts.md does not say 'Nothing left out'")
sys.exit(1 if failed else 0)
