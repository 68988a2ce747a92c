#!/usr/bin/python3
"""push-compare.py - does a store hold what kg.nq holds?  (tests/t/82-push.t)

    push-compare.py HTTP-BASE kg.nq MANIFEST-IRI [--manifest-graphs]

HTTP-BASE is the store's http://HOST:PORT (Virtuoso: /sparql answers
queries, /sparql-graph-crud reads graphs without credentials).  Every
named graph of the store under https://w3id.org/kgbuild/ but the manifest
is read back as N-Triples and the whole compared, as a set of quads, with
kg.nq parsed by rdflib: what a bulk load of kg.nq would hold.  Numbers are
compared by value (Virtuoso writes "1.0E3" as "1000").  Also checks that
the manifest names exactly kg.nq's graphs, each with a SHA-256.
Exit 0 the same; 1 with the differences on standard output.
"""

import json
import re
import sys
import urllib.parse
import urllib.request

import rdflib
from rdflib.namespace import XSD

KGP = "https://w3id.org/kgbuild/push#"
NUMERIC = {XSD.integer, XSD.decimal, XSD.double, XSD.float,
           XSD.nonNegativeInteger}


def get(url, accept):
    req = urllib.request.Request(url, headers={"Accept": accept})
    with urllib.request.urlopen(req, timeout=60) as r:
        return r.read().decode("utf-8")


def store_graphs(base):
    q = ('SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } '
         'FILTER (STRSTARTS(STR(?g), "https://w3id.org/kgbuild/")) }')
    url = base + "/sparql?" + urllib.parse.urlencode({"query": q})
    answer = json.loads(get(url, "application/sparql-results+json"))
    return sorted(b["g"]["value"] for b in answer["results"]["bindings"])


def read_graph(base, g):
    url = base + "/sparql-graph-crud?" + urllib.parse.urlencode({"graph": g})
    graph = rdflib.Graph()
    graph.parse(data=get(url, "application/n-triples"), format="nt")
    return graph


def norm(term):
    if isinstance(term, rdflib.Literal) and term.datatype in NUMERIC:
        return ("number", str(term.datatype), term.toPython())
    return term


def main():
    base, nq, manifest = sys.argv[1], sys.argv[2], sys.argv[3]
    ds = rdflib.Dataset()
    ds.parse(nq, format="nquads")
    want = set()
    for s, p, o, g in ds.quads((None, None, None, None)):
        g = getattr(g, "identifier", g)  # a Graph or its name, by version
        if g is not None and str(g) != str(rdflib.graph.DATASET_DEFAULT_GRAPH_ID):
            want.add((norm(s), norm(p), norm(o), str(g)))
    have = set()
    problems = []
    graphs = store_graphs(base)
    for g in graphs:
        if g == manifest:
            continue
        for s, p, o in read_graph(base, g):
            have.add((norm(s), norm(p), norm(o), g))
    for label, quads in (("missing from the store", want - have),
                         ("in the store, not in kg.nq", have - want)):
        for q in sorted(quads, key=str)[:10]:
            problems.append(f"{label}: {q}")
        if quads:
            problems.append(f"{label}: {len(quads)} quads in all")
    m = read_graph(base, manifest) if manifest in graphs else rdflib.Graph()
    listed = sorted(str(o) for o in m.objects(rdflib.URIRef(manifest),
                                              rdflib.URIRef(KGP + "graph")))
    nq_graphs = sorted({q[3] for q in want})
    if listed != nq_graphs:
        problems.append(f"the manifest lists {listed}, kg.nq has {nq_graphs}")
    for g in listed:
        h = [str(o) for o in m.objects(rdflib.URIRef(g),
                                       rdflib.URIRef(KGP + "contentHash"))]
        if len(h) != 1 or not re.fullmatch(r"[0-9a-f]{64}", h[0]):
            problems.append(f"the manifest's hash of {g}: {h}")
    print(f"{len(want)} quads in kg.nq, {len(have)} in {len(graphs)} graphs "
          f"of the store")
    for line in problems:
        print(line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
