#!/usr/bin/python3
"""roundtrip.py FACTS_DIR EXPORTS_DIR [BASE_IRI]

Every text value written in the fact files (names, descriptions, titles,
quotes, ...; read independently with PyYAML) must come back exactly, with its
language, from kg.nt and kg.ttl (rdflib) and from kg.graphml (networkx and
python-igraph).  Prints one line per problem; exit status 1 if any.
"""
import glob
import json
import os
import sys

import yaml
import rdflib
import networkx
import igraph

facts_dir, exports = sys.argv[1], sys.argv[2]
base = sys.argv[3] if len(sys.argv) > 3 else "https://w3id.org/kgbuild/id/"
KG = "https://w3id.org/kgbuild/ns#"
BUILTIN = {"id", "type", "source", "quote"}
problems = []


def texts(value, lang=None):
    """(lang, text) pairs of a value: a string, a language map, a long form,
    or a list of those.  Non-text scalars (dates, numbers, ids) are skipped
    by the caller's choice of keys; here we only unwrap containers."""
    if isinstance(value, str):
        yield lang, value
    elif isinstance(value, list):
        for v in value:
            yield from texts(v, lang)
    elif isinstance(value, dict):
        if "value" in value:
            yield from texts(value["value"], lang)
        else:
            for k, v in value.items():
                yield from texts(v, k)


expected = []   # (id, key, lang, text)
quotes = []     # (id, text)
for path in sorted(glob.glob(os.path.join(facts_dir, "**", "*.yaml"), recursive=True)):
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f) or {}
    for section, entries in doc.items():
        for entry in entries or []:
            eid = entry["id"]
            if isinstance(entry.get("quote"), str):
                quotes.append((eid, entry["quote"]))
            for key, value in entry.items():
                if key in BUILTIN:
                    continue
                if isinstance(value, dict) and "value" in value and isinstance(value.get("quote"), str):
                    quotes.append((eid, value["quote"]))
                for lang, text in texts(value):
                    expected.append((eid, key, lang, text))

# --- RDF: every text is an object literal of its entity, with its language.
for name, fmt in (("kg.nt", "nt"), ("kg.ttl", "turtle")):
    g = rdflib.Graph()
    g.parse(os.path.join(exports, name), format=fmt)
    for eid, key, lang, text in expected:
        s = rdflib.URIRef(base + eid)
        found = [o for o in g.objects(s, None)
                 if isinstance(o, rdflib.Literal) and str(o) == text
                 and (o.language or None) == (lang.lower() if lang else None)]
        # ids that look like text (e.g. a reference) are not literals: only
        # complain when no literal of that subject has the value at all.
        if not found and (s, None, rdflib.URIRef(base + text)) not in g:
            problems.append(f"{name}: {eid} {key} {lang!r}: {text!r} not found as a literal")
    quote_p = rdflib.URIRef(KG + "quote")
    have = {str(o) for o in g.objects(None, quote_p)}
    for eid, text in quotes:
        if text not in have:
            problems.append(f"{name}: quote of {eid}: {text!r} not found")


def column(key, lang):
    name = "".join(c if c.isalnum() and c.isascii() else "_" for c in key)
    if name in ("label", "type", "iri", "kg_id"):
        name += "_value"
    if lang:
        name += "_" + lang.replace("-", "_").lower()
    return name


def holds(attr, text):
    """attr is text, or a JSON array holding it (a key of many values, or
    any text key: docs/modelling.md; never a string joined with a separator
    a value could contain)."""
    if not isinstance(attr, str):
        return False
    if attr == text:
        return True
    try:
        values = json.loads(attr)
    except ValueError:
        return False
    return isinstance(values, list) and text in values


# --- GraphML: each text is in its node's column; through two readers.
path = os.path.join(exports, "kg.graphml")
nx = networkx.read_graphml(path)
nx_nodes = {d.get("kg_id"): d for _, d in nx.nodes(data=True)}
ig = igraph.Graph.Read_GraphML(path)
ig_nodes = {v["kg_id"]: v.attributes() for v in ig.vs}
ref_like = set()
for eid, key, lang, text in expected:
    if text in nx_nodes and lang is None:
        ref_like.add((eid, key, text))  # a reference to another entity: an edge
for reader, nodes in (("networkx", nx_nodes), ("igraph", ig_nodes)):
    for eid, key, lang, text in expected:
        if (eid, key, text) in ref_like:
            continue
        node = nodes.get(eid)
        if node is None:
            problems.append(f"kg.graphml ({reader}): no node with kg_id {eid!r}")
            continue
        col = column(key, lang)
        if not holds(node.get(col), text):
            problems.append(f"kg.graphml ({reader}): node {eid} attribute {col}: "
                            f"expected {text!r}, got {node.get(col)!r}")

for p in problems:
    print(p)
print(f"{len(expected)} values and {len(quotes)} quotes checked, {len(problems)} problems")
sys.exit(1 if problems else 0)
