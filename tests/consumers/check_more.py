#!/usr/bin/python3
"""The other exports of one build, read by independent consumers.

usage: check_more.py EXPORTS_DIR

- kg.nq (rdflib): the same triples as kg.nt; each in the graph of a source
  it comes from, or in the ontology's graph; every "derived from X" in X's
  graph, so that DROP GRAPH X retracts exactly X.
- kg.gexf (networkx, after mapping the 1.3 namespace to the 1.2draft one it
  knows): the same nodes and edges as kg.graphml, the edge kinds equal to
  the GraphML edge labels, node spells well-formed.
- kg.dot (Graphviz's own parser, `dot -Tplain`): one node per entity and one
  edge per relation.
Prints what differs and exits 1; exits 0 when all agree.
"""
import subprocess
import tempfile
import sys
import xml.etree.ElementTree as ET

import networkx as nx
import rdflib
from rdflib.namespace import RDF, RDFS

KG = rdflib.Namespace("https://w3id.org/kgbuild/ns#")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
ONTOLOGY = rdflib.URIRef("https://w3id.org/kgbuild/ns")

problems = []


def check(cond, what):
    if not cond:
        problems.append(what)


def check_nquads(d):
    nt = rdflib.Graph()
    nt.parse(f"{d}/kg.nt", format="nt")
    ds = rdflib.Dataset()
    ds.parse(f"{d}/kg.nq", format="nquads")
    quads = [(s, p, o, g) for s, p, o, g in ds.quads((None, None, None, None))]
    triples = {(s, p, o) for s, p, o, _ in quads}
    check(triples == set(nt), f"kg.nq has {len(triples)} distinct triples, kg.nt {len(nt)}")
    sources = {KG.Source}
    grew = True
    while grew:
        more = {c for c in nt.subjects(RDFS.subClassOf, None)
                if set(nt.objects(c, RDFS.subClassOf)) & sources}
        grew = not more <= sources
        sources |= more
    source_iris = {s for s, c in nt.subject_objects(RDF.type) if c in sources}
    for s, p, o, g in quads:
        g = rdflib.URIRef(str(g.identifier if hasattr(g, "identifier") else g))
        if g != ONTOLOGY and g not in source_iris:
            problems.append(f"kg.nq: graph {g} is neither the ontology nor a source")
            break
        if p == PROV.wasDerivedFrom and g != o:
            problems.append(f"kg.nq: {s} derived from {o} sits in graph {g}")
            break


def check_gexf(d):
    text = open(f"{d}/kg.gexf", encoding="utf-8").read()
    text = text.replace('xmlns="http://gexf.net/1.3"',
                        'xmlns="http://www.gexf.net/1.2draft"')
    text = text.replace('version="1.3"', 'version="1.2"')
    with tempfile.NamedTemporaryFile("w", suffix=".gexf", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        gexf = nx.read_gexf(f.name, node_type=str)
    gml = nx.read_graphml(f"{d}/kg.graphml")
    ids = {gml.nodes[n]["kg_id"] for n in gml.nodes}
    check(set(gexf.nodes) == ids, "kg.gexf and kg.graphml have different nodes")
    labels = {n: gml.nodes[n]["label"] for n in gml.nodes}
    for n in gml.nodes:
        i = gml.nodes[n]["kg_id"]
        if i in gexf.nodes and gexf.nodes[i].get("label") != labels[n]:
            problems.append(f"kg.gexf: node {i} labelled {gexf.nodes[i].get('label')!r}")
            break
    def edges(g, key, name):
        return sorted((name(u), name(v), a.get(key)) for u, v, a in g.edges(data=True))
    # GEXF: one edge per relation; GraphML: one per statement (its rows
    # share the relation's `relation`, the GEXF edge's id)
    e1 = edges(gexf, "label", lambda x: x)
    e2 = sorted(set((gml.nodes[u]["kg_id"], gml.nodes[v]["kg_id"], a.get("label"), a.get("relation"))
                    for u, v, a in gml.edges(data=True)))
    e2 = [t[:3] for t in e2]
    check(e1 == e2, f"kg.gexf has {len(e1)} edges, kg.graphml {len(e2)}, or they differ")
    # networkx does not know 1.3's `kind`: read it from the XML itself.
    ns = {"g": "http://gexf.net/1.3"}
    for e in ET.parse(f"{d}/kg.gexf").getroot().iterfind(".//g:edge", ns):
        if e.get("kind") != e.get("label"):
            problems.append(f"kg.gexf: edge {e.get('id')} kind {e.get('kind')!r} "
                            f"is not its relation {e.get('label')!r}")
            break
    for n, a in gexf.nodes(data=True):
        for start, end in a.get("spells", []):
            if start and end and start > end:
                problems.append(f"kg.gexf: node {n} spell {start}..{end} ends before it starts")


def check_dot(d):
    gml = nx.read_graphml(f"{d}/kg.graphml")
    plain = subprocess.run(["dot", "-Tplain", f"{d}/kg.dot"], capture_output=True,
                           text=True)
    check(plain.returncode == 0 and not plain.stderr,
          f"dot -Tplain failed: {plain.stderr.strip()}")
    kinds = [line.split(" ", 1)[0] for line in plain.stdout.splitlines()]
    check(kinds.count("node") == gml.number_of_nodes(),
          f"kg.dot draws {kinds.count('node')} nodes, kg.graphml has {gml.number_of_nodes()}")
    relations = {a.get("relation") for _, _, a in gml.edges(data=True)}
    check(kinds.count("edge") == len(relations),
          f"kg.dot draws {kinds.count('edge')} edges, kg.graphml has {len(relations)} relations")


def main():
    d = sys.argv[1]
    check_nquads(d)
    check_gexf(d)
    check_dot(d)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
