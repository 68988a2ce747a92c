#!/usr/bin/python3
"""count_facts.py FACTS_DIR EXPORTS_DIR [BASE_IRI]

Statement accounting: nothing read may be lost on the way out.  The fact
files are walked independently of kgbuild (PyYAML, every scalar as text);
the vocabulary (which property a key is, its range, its inverse) is read
from the ontology triples kgbuild exports with the data.

Facts read: per entry one type statement, plus one per value of each key
that is not built in (id, type, source, quote): each list item counts one,
each entry of a language map one, a long form {value, source, quote} one.

Ranks (issue 14): of one entry's values of one key, the best-ranked are
the preferred ones if any, else the normal ones, never the deprecated; of
a one-valued key's best-ranked dates, one that a finer date refines (2013
beside 2013-06) is not best-ranked either.  Only best-ranked facts are
direct triples, edges and attributes; every fact keeps its statement node
(an outranked one has a node even without a source), and must not be a
direct triple.  Each dated qualifier value (kg:qualifierKey, a date range)
of a long form has a statement node of its own.

What the exports must hold (the rule of src/check.c and src/triples.c):
  kg.nt     every fact's triple; and an rdf:Statement node, with
            rdf:subject/predicate/object, for every fact that cites a source
            (every entry outside `sources:`, or a long form with a source) or
            whose value is a date; the same for the implied partner of each
            entity-valued fact of a symmetric key or a key with an inverse.
            Facts stated twice count once (kgbuild warns); a partner that is
            also stated counts once.  Super-property and superclass triples
            get no node.  So: #rdf:Statement == #distinct reified triples.
  GraphML   one node per entry; one edge per distinct stated entity-valued
            fact (implied partners are not drawn); every literal fact is a
            node attribute (key, or key_lang in lower case; '-' becomes '_').
  GEXF      the same nodes, edges and attributes.

Prints the counts and one line per problem; exit status 1 if any.
"""
import glob
import json
import os
import sys
import xml.etree.ElementTree as ET

import networkx
import rdflib
import yaml

facts_dir, exports = sys.argv[1], sys.argv[2]
base = sys.argv[3] if len(sys.argv) > 3 else "https://w3id.org/kgbuild/id/"
KG = "https://w3id.org/kgbuild/ns#"
RDF = rdflib.RDF
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
BUILTIN = {"id", "type", "source", "quote"}
DATES = {XSD + "date", XSD + "gYear", XSD + "gYearMonth", KG + "PartialDate"}
LITERAL_RANGES = DATES | {XSD + t for t in ("string", "integer", "decimal",
                                           "boolean", "anyURI")} | {
    str(RDF.langString)}
problems = []

g = rdflib.Graph()
g.parse(os.path.join(exports, "kg.nt"), format="nt")
U = rdflib.URIRef


def one(s, p):
    vals = list(g.objects(s, p))
    return vals[0] if vals else None


# --- the vocabulary, from the exported ontology
prop_of = {str(o): s for s, o in g.subject_objects(U(KG + "yamlKey"))}
section_class = {str(o): s for s, o in g.subject_objects(U(KG + "yamlSection"))}
type_class = {str(o): s for s, o in g.subject_objects(U(KG + "yamlType"))}
# A date key names its datatype with kg:valueDatatype, not rdfs:range
# (ontology/kgbuild.ttl, kg:PartialDate).
def range_or_datatype(p):
    r = one(p, rdflib.RDFS.range)
    return r if r is not None else one(p, U(KG + "valueDatatype"))


range_of = {p: range_or_datatype(p) for p in prop_of.values()}
symmetric = set(g.subjects(RDF.type, U(OWL + "SymmetricProperty")))
inverse = {}
for a, b in g.subject_objects(U(OWL + "inverseOf")):
    inverse[a] = b
    inverse[b] = a
# One-valued: kgbuild's own kg:OneValuedProperty, or a user ontology's
# owl:FunctionalProperty.
functional = set(g.subjects(RDF.type, U(KG + "OneValuedProperty"))) | set(
    g.subjects(RDF.type, U(OWL + "FunctionalProperty")))
qualifier_of = {str(o): s for s, o in g.subject_objects(U(KG + "qualifierKey"))}
RANK = {"preferred": 0, "normal": 1, "deprecated": 2}
RESERVED = {"label", "type", "iri", "kg_id", "start", "end", "degree_in",
            "degree_out", "betweenness", "pagerank", "community", "component"}


def dated_qualifiers(v):
    """How many dated qualifier values a long form gives."""
    n = 0
    for k, q in v.items():
        p = qualifier_of.get(k)
        if p is not None and str(range_or_datatype(p)) in DATES:
            n += len(q) if isinstance(q, list) else 1
    return n


def said(v):
    """What a long form's qualifiers say: with its subject, key and value,
    a statement's identity (docs/facts.md); a note does not split one."""
    return tuple(sorted((k, json.dumps(q, sort_keys=True)) for k, q in v.items()
                        if k in qualifier_of and k != "note"))


def values(v, entry_cited):
    """(value, lang, cited, rank, dated qualifiers, said) for each fact a
    key's value states."""
    if isinstance(v, list):
        for item in v:
            yield from values(item, entry_cited)
    elif isinstance(v, dict) and "value" in v:
        cited = entry_cited or "source" in v
        rank = RANK[v.get("rank", "normal")]
        for val, lang, _, _, _, _ in values(v["value"], cited):
            yield val, lang, cited, rank, dated_qualifiers(v), said(v)
    elif isinstance(v, dict):
        for lang, text in v.items():
            for val, _, c, r, q, w in values(text, entry_cited):
                yield val, lang, c, r, q, w
    else:
        yield v, None, entry_cited, 1, 0, ()


read = 0           # facts read, as the fact files state them
facts = set()      # distinct (s, p, o) stated
reified = set()    # distinct triples that must have a statement node
edges = set()      # stated entity-valued facts: (s, key, o), GEXF's edges
edge_statements = set()  # (edge, said): GraphML's edges, one per statement
attrs = []         # (id, attribute name, text)
entities = set()
runs = {}          # (s, p) -> [(triple, rank, value, edge, attr, partner)]
qualifier_nodes = set()  # (triple, how many dated qualifiers)
for path in sorted(glob.glob(os.path.join(facts_dir, "**", "*.y*ml"),
                             recursive=True)):
    with open(path, encoding="utf-8-sig") as f:
        doc = yaml.load(f, Loader=yaml.BaseLoader) or {}
    for section, entries in doc.items():
        for entry in entries or []:
            eid = entry["id"]
            s = U(base + eid)
            entities.add(eid)
            cls = type_class[entry["type"]] if "type" in entry else section_class[section]
            cited = section != "sources" or "source" in entry
            t = (s, RDF.type, cls)
            read += 1
            facts.add(t)
            if cited:
                reified.add((t, ()))
            for key, v in entry.items():
                if key in BUILTIN:
                    continue
                p = prop_of.get(key)
                if p is None:
                    problems.append(f"{path}: {eid}: key {key!r} is not in the ontology")
                    continue
                rng = str(range_of[p])
                for val, lang, c, rank, quals, w in values(v, cited):
                    read += 1
                    edge = attr = partner_tr = None
                    if rng not in LITERAL_RANGES:
                        o = U(base + val)
                        tr = (s, p, o)
                        edge = (eid, key, val)
                        partner = p if p in symmetric else inverse.get(p)
                        if partner is not None and c:
                            partner_tr = (o, partner, s)
                            reified.add((partner_tr, w))
                    else:
                        o = (val, lang.lower() if lang else None)
                        tr = (s, p, o)
                        name = (key + (f"_{lang.lower()}" if lang else "")).replace("-", "_")
                        if name in RESERVED:  # as src/graph.c names them
                            name += "_value"
                        attr = (eid, name, val)
                    runs.setdefault((s, p), []).append(
                        (tr, rank, val if rng in DATES else None, edge, attr, partner_tr, w))
                    if c or rng in DATES or rank != 1:
                        reified.add((tr, w))
                    if quals:
                        qualifier_nodes.add(((tr, w), quals))
                        if partner_tr:  # the partner's node has them too
                            qualifier_nodes.add(((partner_tr, w), quals))


def refines(fine, coarse):
    return fine.startswith(coarse + "-")


outranked = set()  # facts with a statement node but no direct triple
for (s, p), run in runs.items():
    best = min(x[1] for x in run)
    keep = [x for x in run if x[1] == best and best < 2]
    if p in functional:
        keep = [x for x in keep if not (x[2] and any(
            y[2] and refines(y[2], x[2]) for y in keep))]
    kept = {x[0] for x in keep}
    for tr, _, _, edge, attr, partner_tr, w in run:
        if tr in kept:
            facts.add(tr)
            if edge:
                edges.add(edge)
                edge_statements.add((edge, w))
            if attr:
                attrs.append(attr)
            if partner_tr:
                facts.add(partner_tr)
        elif tr not in kept:
            outranked.add(tr)
            reified.add((tr, w))
            if partner_tr:
                outranked.add(partner_tr)
                reified.add((partner_tr, w))
outranked -= facts  # the same value also best-ranked (from another source)
n_qualifier_nodes = sum(n for _, n in qualifier_nodes)


def present(tr):
    s, p, o = tr
    if isinstance(o, tuple):
        text, lang = o
        return any(isinstance(x, rdflib.Literal) and str(x) == text and
                   (x.language or None) == lang for x in g.objects(s, p))
    return (s, p, o) in g


def has_node(tr):
    s, p, o = tr
    for st in g.subjects(RDF.subject, s):
        if (st, RDF.predicate, p) not in g:
            continue
        for x in g.objects(st, RDF.object):
            if isinstance(o, tuple):
                if isinstance(x, rdflib.Literal) and str(x) == o[0] and \
                        (x.language or None) == o[1]:
                    return True
            elif x == o:
                return True
    return False


for tr in sorted(facts, key=str):
    if not present(tr):
        problems.append(f"kg.nt: fact missing: {tr}")
for tr in sorted(outranked, key=str):
    if present(tr):
        problems.append(f"kg.nt: an outranked value is a direct triple: {tr}")
for tr in sorted({tr for tr, _ in reified}, key=str):
    if not has_node(tr):
        problems.append(f"kg.nt: no rdf:Statement node for {tr}")
statements = len(set(g.subjects(RDF.type, RDF.Statement)))
if statements != len(reified) + n_qualifier_nodes:
    problems.append(f"kg.nt: {statements} rdf:Statement nodes, but {len(reified)} "
                    f"facts and implied partners and {n_qualifier_nodes} dated "
                    "qualifiers need one")

# --- GraphML (networkx) and GEXF (ElementTree)
gm = networkx.read_graphml(os.path.join(exports, "kg.graphml"))
by_id = {d.get("kg_id"): d for _, d in gm.nodes(data=True)}
gm_edges = {(gm.nodes[u].get("kg_id"), d.get("label"), gm.nodes[v].get("kg_id"))
            for u, v, d in gm.edges(data=True)}
ns = {"g": "http://gexf.net/1.3"}
gx = ET.parse(os.path.join(exports, "kg.gexf")).getroot()
gx_nodes = {}
for n in gx.iterfind(".//g:node", ns):
    gx_nodes[n.get("id")] = {a.get("for"): a.get("value")
                             for a in n.iterfind(".//g:attvalue", ns)}
gx_edges = {(e.get("source"), e.get("label"), e.get("target"))
            for e in gx.iterfind(".//g:edge", ns)}
for name, nodes, edge_set, n_edges, want in (
        ("kg.graphml", by_id, gm_edges, gm.number_of_edges(), len(edge_statements)),
        ("kg.gexf", gx_nodes, gx_edges, len(gx.findall(".//g:edge", ns)), len(edges))):
    if set(nodes) != entities:
        problems.append(f"{name}: nodes {len(nodes)} != entries {len(entities)}: "
                        f"missing {sorted(entities - set(nodes))[:5]}")
    if n_edges != want:
        problems.append(f"{name}: {n_edges} edges, but {want} stated "
                        "entity-valued facts (GraphML: statements; GEXF: relations)")
    for e in sorted(edges - edge_set):
        problems.append(f"{name}: edge missing: {e}")
    for eid, attr, text in attrs:
        got = (nodes.get(eid) or {}).get(attr)
        # Several values of one attribute are a JSON array (docs/modelling.md).
        if isinstance(got, str) and got.startswith("["):
            try:
                got = json.loads(got)
            except ValueError:
                pass
        if got is None or (text not in got if isinstance(got, list)
                           else text not in str(got)):
            problems.append(f"{name}: node {eid}: attribute {attr} lacks {text!r} "
                            f"(has {str(got)[:60]!r})")

print(f"facts read {read} ({len(facts)} distinct triples with implied "
      f"partners, {len(outranked)} outranked), statement nodes {statements} "
      f"(expected {len(reified) + n_qualifier_nodes}), "
      f"nodes {len(entities)}, edges {len(edges)}, literal attributes "
      f"{len(attrs)}")
for p in problems[:20]:
    print(p)
if len(problems) > 20:
    print(f"... and {len(problems) - 20} more")
sys.exit(1 if problems else 0)
