#!/usr/bin/python3
"""check_exports.py EXPORTS_DIR TRIPLES NODES EDGES [BASE_IRI]

Reads one export set the way its consumers do and checks it against itself
and against kgbuild's summary line (TRIPLES, NODES, EDGES):
  * rdflib: kg.ttl and kg.nt are isomorphic; both hold TRIPLES triples;
  * networkx and python-igraph read kg.graphml; the nodes are exactly the
    entities (subjects typed in kg.nt under the base IRI, minus the nodes
    kgbuild mints, whose local names start with '_'), one each, with kg_id, label, type and iri right;
  * the edges are exactly the entity-to-entity triples of kg.nt that are not
    implied by another edge through owl:SymmetricProperty or owl:inverseOf
    (both read from the exported ontology), with label (the YAML key),
    predicate, sources and weight right;
  * the GraphML keys declare the attribute types.
Prints one line per problem; exit status 1 if any.
"""
import collections
import os
import sys
import xml.etree.ElementTree as ET

import igraph
import networkx
import rdflib
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, RDFS

exports, n_triples, n_nodes, n_edges = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
base = sys.argv[5] if len(sys.argv) > 5 else "https://w3id.org/kgbuild/id/"
KG = rdflib.Namespace("https://w3id.org/kgbuild/ns#")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
problems = []


def problem(msg):
    problems.append(msg)


nt = rdflib.Graph().parse(os.path.join(exports, "kg.nt"), format="nt")
ttl = rdflib.Graph().parse(os.path.join(exports, "kg.ttl"), format="turtle")
if not isomorphic(nt, ttl):
    a, b = set(nt), set(ttl)
    problem(f"kg.ttl and kg.nt differ: {len(a - b)} triples only in kg.nt, {len(b - a)} only in kg.ttl")
for name, g in (("kg.nt", nt), ("kg.ttl", ttl)):
    if len(g) != n_triples:
        problem(f"{name} has {len(g)} triples, kgbuild's summary says {n_triples}")
with open(os.path.join(exports, "kg.nt"), encoding="utf-8") as f:
    lines = [l for l in f if l.strip() and not l.startswith("#")]
if len(lines) != n_triples:
    problem(f"kg.nt has {len(lines)} lines, kgbuild's summary says {n_triples}")


def local(term):
    s = str(term)
    return s[len(base):] if isinstance(term, rdflib.URIRef) and s.startswith(base) else None


def is_entity(term):
    # Nodes kgbuild mints beside the entities (statements "_stmt-", their
    # derivations, appointments' intervals "_during-"...) start with '_',
    # which no id does.
    l = local(term)
    return l is not None and not l.startswith("_")


# --- what the N-Triples say
entities = {local(s): s for s in nt.subjects(RDF.type, None) if is_entity(s)}
label_props = set(nt.subjects(RDF.type, KG.LabelProperty))
symmetric = set(nt.subjects(RDF.type, OWL.SymmetricProperty))
inverse = {}
for p, q in nt.subject_objects(OWL.inverseOf):
    inverse[p] = q
    inverse.setdefault(q, p)
yaml_key = {p: str(k) for p, k in nt.subject_objects(KG.yamlKey)}
# rdfs:subPropertyOf, closed: kgbuild also writes each statement with every
# super-property of its key (part-of is an org:subOrganizationOf).
supers = collections.defaultdict(set)
for p, q in nt.subject_objects(RDFS.subPropertyOf):
    supers[p].add(q)
for _ in range(len(supers) + 1):
    for p in list(supers):
        for q in list(supers[p]):
            supers[p] |= supers.get(q, set())


def with_supers(u, p, v):
    """The triple and those its super-properties imply."""
    out = {(u, p, v)}
    for q in supers.get(rdflib.URIRef(p), ()):
        out.add((u, str(q), v))
    return out


def expected_label(s):
    values = [o for p in label_props for o in nt.objects(s, p) if isinstance(o, rdflib.Literal)]
    for pick in (lambda o: o.language == "en", lambda o: not o.language, lambda o: True):
        chosen = sorted(str(o) for o in values if pick(o))
        if chosen:
            return chosen
    return [local(s)]  # no name: kgbuild labels the node with its id


def class_names(s):
    """The names a node's type may carry: the class's YAML type or section,
    or its English label."""
    names = set()
    for c in nt.objects(s, RDF.type):
        for p in (KG.yamlType, KG.yamlSection, RDFS.label):
            names.update(str(o) for o in nt.objects(c, p))
    return names


links = set()   # entity-to-entity triples (s, p, o) as ids and IRI
for s, p, o in nt:
    if p != RDF.type and is_entity(s) and is_entity(o):
        links.add((local(s), str(p), local(o)))


def sources_of(s, p, o):
    ids = set()
    for st in nt.subjects(RDF.subject, s):
        if (st, RDF.predicate, p) in nt and (st, RDF.object, o) in nt:
            ids.update(local(x) for x in nt.objects(st, PROV.wasDerivedFrom))
    return ids


# --- GraphML key declarations
GML = "{http://graphml.graphdrawing.org/xmlns}"
keys = {}
for k in ET.parse(os.path.join(exports, "kg.graphml")).getroot().iter(GML + "key"):
    keys[(k.get("for"), k.get("attr.name"))] = k.get("attr.type")
for (kind, attr), typ in [(("node", a), "string") for a in ("kg_id", "label", "type", "iri")] + \
        [(("edge", a), "string") for a in ("label", "predicate", "relation", "sources")] + [(("edge", "weight"), "double")]:
    if keys.get((kind, attr)) != typ:
        problem(f"kg.graphml: {kind} attribute {attr!r} declared as {keys.get((kind, attr))!r}, expected {typ!r}")

# --- GraphML through two readers
path = os.path.join(exports, "kg.graphml")
nxg = networkx.read_graphml(path)
ig = igraph.Graph.Read_GraphML(path)
readers = {
    "networkx": (
        [d for _, d in nxg.nodes(data=True)],
        [(nxg.nodes[u].get("kg_id"), nxg.nodes[v].get("kg_id"), d) for u, v, d in nxg.edges(data=True)],
        nxg.is_directed(),
    ),
    "igraph": (
        [v.attributes() for v in ig.vs],
        [(ig.vs[e.source]["kg_id"], ig.vs[e.target]["kg_id"], e.attributes()) for e in ig.es],
        ig.is_directed(),
    ),
}
for reader, (nodes, edges, directed) in readers.items():
    where = f"kg.graphml ({reader})"
    if not directed:
        problem(f"{where}: the graph is not directed")
    if len(nodes) != n_nodes:
        problem(f"{where}: {len(nodes)} nodes, kgbuild's summary says {n_nodes}")
    # one GraphML edge per statement; the network's edges (the summary's)
    # are the relations: the rows of one relation (its spells) share one
    n_relations = len({d.get("relation") for _, _, d in edges})
    if n_relations != n_edges:
        problem(f"{where}: {n_relations} relations, kgbuild's summary says {n_edges} edges")
    ids = collections.Counter(d.get("kg_id") for d in nodes)
    for i, c in ids.items():
        if c > 1:
            problem(f"{where}: {c} nodes with kg_id {i!r}")
    if set(ids) != set(entities):
        problem(f"{where}: nodes without an entity: {sorted(set(ids) - set(entities))[:5]}; "
                f"entities without a node: {sorted(set(entities) - set(ids))[:5]}")
    for d in nodes:
        i = d.get("kg_id")
        if i not in entities:
            continue
        s = entities[i]
        if d.get("iri") != str(s):
            problem(f"{where}: node {i}: iri {d.get('iri')!r}, expected {str(s)!r}")
        if (d.get("label") or "") not in expected_label(s):
            problem(f"{where}: node {i}: label {d.get('label')!r}, expected one of {expected_label(s)!r}")
        if d.get("type") not in class_names(s):
            problem(f"{where}: node {i}: type {d.get('type')!r}, expected one of {sorted(class_names(s))}")
    # edges: each is an entity-to-entity triple; the rest are implied by them
    edge_set = collections.Counter()
    relation_of = {}
    row_sources = collections.defaultdict(set)
    covered = set()
    for u, v, d in edges:
        p = d.get("predicate")
        if relation_of.setdefault((u, p, v), d.get("relation")) != d.get("relation"):
            problem(f"{where}: edge {u} -{d.get('label')}-> {v}: rows of one relation name two relations")
        edge_set[(u, p, v)] = 1  # a relation's rows (spells) are one edge
        if (u, p, v) not in links:
            problem(f"{where}: edge {u} -{d.get('label')}-> {v} is not a triple of kg.nt")
        covered |= with_supers(u, p, v)
        pr = rdflib.URIRef(p) if p else None
        if pr in symmetric:
            covered |= with_supers(v, p, u)
        if pr in inverse:
            covered |= with_supers(v, str(inverse[pr]), u)
        if d.get("label") != yaml_key.get(pr):
            problem(f"{where}: edge {u} -> {v}: label {d.get('label')!r}, expected the key {yaml_key.get(pr)!r}")
        w = d.get("weight")
        if not isinstance(w, float) or w != 1.0:
            problem(f"{where}: edge {u} -> {v}: weight {w!r}, expected 1.0 (a double)")
        row_sources[(u, pr, v)] |= set((d.get("sources") or "").split())
    # every source of a relation's rows together: every source kg.nt names
    for (u, pr, v), got in row_sources.items():
        want = sources_of(entities.get(u), pr, entities.get(v)) if u in entities and v in entities else set()
        if got != want:
            problem(f"{where}: edge {u} -> {v}: sources {sorted(got)}, expected {sorted(want)}")
    if len(set(relation_of.values())) != len(relation_of):
        problem(f"{where}: two relations share one relation id")
    for k, c in edge_set.items():
        if c > 1:
            problem(f"{where}: edge {k} appears {c} times")
    for t in sorted(links - covered)[:10]:
        problem(f"{where}: the triple {t} of kg.nt is neither an edge nor implied by one")
    asserted_only = {t for t in links if t in edge_set}
    if len(edge_set) != len(asserted_only):
        problem(f"{where}: {len(edge_set)} distinct edges, {len(asserted_only)} of them in kg.nt")

for p in problems:
    print(p)
print(f"{len(nt)} triples, {len(entities)} entities, {len(links)} entity links; {len(problems)} problems")
sys.exit(1 if problems else 0)
