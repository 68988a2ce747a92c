#!/usr/bin/python3
"""check_spells.py EXPORTS_DIR

Reads tests/good/spells' exports with real consumers (rdflib, networkx, the
csv module, ElementTree) and checks the statement model of issue 19: a
statement is its subject, key, value and qualifiers (not its note); each is
exported whole; every reference is carried by every export.  Prints one line
per failed check and exits 1 if any failed.
"""
import csv
import json
import os
import sys
import xml.etree.ElementTree as ET

import networkx as nx
import rdflib
from rdflib import URIRef, Literal

d = sys.argv[1]
BASE = "https://example.org/kg/"
KG = rdflib.Namespace("https://w3id.org/kgbuild/ns#")
RDF = rdflib.RDF
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
ORG = rdflib.Namespace("http://www.w3.org/ns/org#")
failed = []


def jl(text):
    """A JSON array cell, or None when it is not one."""
    try:
        return json.loads(text)
    except (TypeError, ValueError):
        return None


def check(cond, what):
    if not cond:
        failed.append(what)
        print("FAIL:", what)


def E(i):
    return URIRef(BASE + i)


# ---- RDF (N-Quads): statement nodes, references, graphs
ds = rdflib.Dataset()
ds.parse(os.path.join(d, "kg.nq"), format="nquads")
g = rdflib.Graph()
for s, p, o, _ in ds.quads((None, None, None, None)):
    g.add((s, p, o))
base = None
for s in g.subjects(RDF.type, RDF.Statement):
    base = str(s)[: str(s).index("_stmt-")]
    break
if base:
    BASE = base


def nodes(s, p, o):
    return sorted(set(g.subjects(RDF.subject, E(s))) & set(g.subjects(RDF.predicate, p))
                  & set(g.subjects(RDF.object, E(o))), key=str)


def vals(n, p):
    return sorted(str(v) for v in g.objects(n, p))


def srcs(n):
    return sorted(str(v)[len(BASE):] for v in g.objects(n, PROV.wasDerivedFrom))


cp = nodes("p1", KG.counterpartOf, "p2")
check(len(cp) == 2, f"p1 counterpart-of p2 in two spells: two statement nodes, got {len(cp)}")
spells = sorted((vals(n, KG.validFrom), vals(n, KG.validUntil), srcs(n)) for n in cp)
check(spells == [(["2015"], ["2016"], ["s1"]), (["2017"], [], ["s2"])],
      f"each spell whole, with its own source: {spells}")
rev = nodes("p2", KG.counterpartOf, "p1")
check(len(rev) == 2, f"the symmetric reverse in two spells too, got {len(rev)}")

m3 = nodes("p3", ORG.memberOf, "org-x")
check(sorted((vals(n, KG.validFrom), vals(n, KG.validUntil)) for n in m3)
      == [(["2010"], ["2012"]), (["2018"], [])],
      f"one source, two spells of member-of: both kept, got {len(m3)}")

m4 = nodes("p4", ORG.memberOf, "org-y")
check(len(m4) == 1, f"one value, same qualifiers, three sources: one statement, got {len(m4)}")
if m4:
    check(srcs(m4[0]) == ["s1", "s2", "s3"], f"its three references: {srcs(m4[0])}")
    check(len(vals(m4[0], KG.validFrom)) == 1, "one kg:validFrom on the merged statement")
    check(len(vals(m4[0], KG.note)) == 2, f"both notes kept: {vals(m4[0], KG.note)}")
    quotes = sorted(str(q) for dv in g.objects(m4[0], PROV.qualifiedDerivation)
                    for q in g.objects(dv, KG.quote))
    check(len(quotes) == 3, f"each reference's quote: {quotes}")

m5 = nodes("p5", ORG.memberOf, "org-x")
pairs = sorted((vals(n, KG.asOf), srcs(n)) for n in m5)
check(pairs == [(["2020"], ["s1"]), (["2022"], ["s2"])], f"as-of paired with its source: {pairs}")

# every statement node has one rank, one value of each one-valued qualifier
for n in set(g.subjects(RDF.type, RDF.Statement)):
    if (n, RDF.predicate, None) not in g or str(n).endswith("-position"):
        continue
    if not any(True for _ in g.objects(n, PROV.wasDerivedFrom)) and \
            not any(True for _ in g.objects(n, KG.statementRank)) and \
            (None, None, n) in g:
        continue  # a qualifier's bounds node
    for p in (KG.validFrom, KG.validUntil, KG.asOf):
        check(len(vals(n, p)) <= 1, f"{n}: at most one {p}")
for n in set(g.subjects(RDF.predicate, RDF.type)):
    check(len(vals(n, KG.statementRank)) == 1, f"type statement {n} has a kg:statementRank")

# direct triples: in the graph of every source that states them
def graphs(s, p, o):
    return sorted(str(c.identifier if hasattr(c, "identifier") else c)[len(BASE):]
                  for _, _, _, c in ds.quads((s, p, o, None)))


check(graphs(E("p4"), ORG.memberOf, E("org-y")) == ["s1", "s2", "s3"],
      f"p4 member-of org-y in every source's graph: {graphs(E('p4'), ORG.memberOf, E('org-y'))}")
check(graphs(E("p1"), KG.counterpartOf, E("p2")) == ["s1", "s2"],
      f"p1 counterpart-of p2 in both sources' graphs: {graphs(E('p1'), KG.counterpartOf, E('p2'))}")
check(len(list(g.triples((E("p1"), KG.counterpartOf, E("p2"))))) == 1, "one direct triple")
check((E("r-high"), KG.nextBelow, E("r-low")) in g and (E("r-low"), KG.nextAbove, E("r-high")) in g,
      "inverse keys: both directions")

# ---- GraphML: one edge per statement, a relation attribute, whole rows
G = nx.read_graphml(os.path.join(d, "kg.graphml"))
check(G.is_multigraph(), "GraphML read as a MultiDiGraph")
ids = {data["kg_id"]: n for n, data in G.nodes(data=True)}


def edges(u, v, label):
    return [e for e in G.get_edge_data(ids[u], ids[v], default={}).values()
            if e.get("label") == label]


e1 = edges("p1", "p2", "counterpart-of")
check(sorted((e.get("start"), e.get("end"), e.get("sources")) for e in e1)
      == [("2015", "2016", "s1"), ("2017", None, "s2")],
      f"GraphML: two rows for two spells, each whole: {e1}")
check(len({e.get("relation") for e in e1}) == 1 and None not in {e.get("relation") for e in e1},
      f"GraphML: both rows name one relation: {[e.get('relation') for e in e1]}")
e4 = edges("p4", "org-y", "member-of")
check(len(e4) == 1 and e4[0].get("sources") == "s1 s2 s3",
      f"GraphML: every source, space-separated ids: {e4}")
if e4:
    check(jl(e4[0].get("note")) ==
          ["s1 names the year only", "s2; a context, with a semicolon"],
          f"GraphML: notes a JSON array, none split: {e4[0].get('note')}")
e5 = edges("p5", "org-x", "head-of")
check(len(e5) == 1 and jl(e5[0].get("context")) ==
      ["in talks; in trade", "in the working group"],
      f"GraphML: context a JSON array: {e5}")
alt = jl(G.nodes[ids["p4"]].get("alt_name_en"))
check(sorted(alt or []) == ["Four; the fourth", "P. Four"],
      f"GraphML: a node attribute of several values is a JSON array: {G.nodes[ids['p4']]}")
check(G.nodes[ids["p4"]].get("name_en") == "Person Four", "GraphML: a label column is its one value")
rel = {e.get("relation") for _, _, e in G.edges(data=True)}
check(len(rel) == len({(u, v, e.get("label")) for u, v, e in G.edges(data=True)}),
      "GraphML: one relation id per (subject, key, object)")

# ---- edges CSV: the same rows
rows = list(csv.DictReader(open(os.path.join(d, "kg.edges.csv"), encoding="utf-8", newline="")))
r1 = [r for r in rows if (r["Source"], r["Target"], r["Label"]) == ("p1", "p2", "counterpart-of")]
check(sorted((r["start"], r["end"], r["sources"]) for r in r1)
      == [("2015", "2016", "s1"), ("2017", "", "s2")],
      f"CSV: two rows for two spells, each whole: {r1}")
check(len({r.get("relation") for r in r1}) == 1 and r1 and r1[0].get("relation"),
      "CSV: a relation column grouping them")
r4 = [r for r in rows if (r["Source"], r["Target"], r["Label"]) == ("p4", "org-y", "member-of")]
check(len(r4) == 1 and r4[0]["sources"] == "s1 s2 s3" and
      jl(r4[0]["note"]) == ["s1 names the year only", "s2; a context, with a semicolon"],
      f"CSV: every source and both notes: {r4}")

# ---- GEXF: one edge per relation, every spell
ns = {"g": "http://gexf.net/1.3"}
x = ET.parse(os.path.join(d, "kg.gexf")).getroot()
ge = [e for e in x.iterfind(".//g:edge", ns)
      if (e.get("source"), e.get("target"), e.get("label")) == ("p1", "p2", "counterpart-of")]
check(len(ge) == 1, f"GEXF: one edge per relation, got {len(ge)}")
if ge:
    sp = sorted((s.get("start"), s.get("end")) for s in ge[0].iterfind(".//g:spell", ns))
    check(sp == [("2015-01-01", "2016-12-31"), ("2017-01-01", None)], f"GEXF: both spells, none inverted: {sp}")
    av = sorted((a.get("value"), a.get("start"), a.get("end"))
                for a in ge[0].iterfind(".//g:attvalue", ns) if a.get("for") == "sources")
    check(av == [("s1", "2015-01-01", "2016-12-31"), ("s2", "2017-01-01", None)],
          f"GEXF: sources differing between spells are dynamic attvalues: {av}")
g5 = [e for e in x.iterfind(".//g:edge", ns)
      if (e.get("source"), e.get("target"), e.get("label")) == ("p5", "org-x", "member-of")]
if g5:
    av = {a.get("for"): a.get("value") for a in g5[0].iterfind(".//g:attvalue", ns)}
    # two statements without a spell: GEXF cannot bound them apart, so each
    # differing attribute is a JSON array, one value per statement, paired
    check(list(zip(jl(av.get("sources")) or [], jl(av.get("as_of")) or []))
          == [("s1", "2020"), ("s2", "2022")],
          f"GEXF: statements sharing no spell: their values as paired JSON arrays: {av}")
sys.exit(1 if failed else 0)
