#!/bin/sh
# Ranks work on names (issue 21, item 7): of two English names from two
# sources, the preferred one is the name; ranks are compared within one
# language, so the Chinese name stays; the outranked and the deprecated
# names stay as statement nodes only.  Read back with rdflib (direct
# triples, rdfs:label which skos:prefLabel entails, statement nodes) and
# networkx (the GraphML label).
. tests/lib.sh
need_binaries
FX=$TMP/names
mkdir -p "$FX/facts"
ln -s "$REPO/ontology" "$FX/ontology"
cat >"$FX/facts/names.yaml" <<'YAML'
sources:
  - {id: a, title: Source A}
  - {id: b, title: Source B}
people:
  - id: wang-lei
    name:
      - {value: {en: Wang Li}, source: b, quote: "Wang Li"}
      - {value: {en: Wang Lei}, source: a, quote: "Wang Lei", rank: preferred}
      - {value: {zh: 王磊}, source: a, quote: "王磊"}
    source: a
  - id: li-ming
    name:
      - value: {en: Lee Ming}
        source: b
        quote: "Lee Ming"
        rank: deprecated
        reason: "source B romanises the name wrongly"
      - {value: {en: Li Ming}, source: a, quote: "Li Ming"}
    source: a
YAML
san_env "$TMP/san"
(cd "$FX" && "$KG_ASAN" --color=never --exports=out facts) >"$TMP/build.out" 2>&1
ok $? "two English names from two sources, one ranked preferred: no error" || diag "$TMP/build.out"
! grep -qE 'warning|error' "$TMP/build.out"
ok $? "... and no diagnostic" || diag "$TMP/build.out"
san_clean "$TMP/san" >"$TMP/san.out"
ok $? "... no sanitizer report" || diag "$TMP/san.out"

$PY - "$FX/out/kg.nt" "$FX/out/kg.graphml" >"$TMP/py.out" 2>&1 <<'PY'
import sys
import networkx as nx
from rdflib import Graph, Literal, Namespace, RDF, RDFS, URIRef
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
ID = Namespace("https://w3id.org/kgbuild/id/")
g = Graph().parse(sys.argv[1], format="nt")
def labels(p, who):
    return sorted(f"{o}@{o.language}" for o in g.objects(ID[who], p))
problems = []
def expect(what, got, want):
    if got != want:
        problems.append(f"{what}: got {got}, want {want}")
for p in (SKOS.prefLabel, RDFS.label):
    expect(f"{p} of wang-lei", labels(p, "wang-lei"), ["Wang Lei@en", "王磊@zh"])
    expect(f"{p} of li-ming", labels(p, "li-ming"), ["Li Ming@en"])
# Every name keeps its statement node, the outranked ones included.
nodes = {str(o) for s in g.subjects(RDF.type, RDF.Statement)
         if g.value(s, RDF.predicate) == SKOS.prefLabel
         for o in [g.value(s, RDF.object)]}
expect("names on statement nodes", sorted(nodes),
       sorted(["Wang Li", "Wang Lei", "王磊", "Lee Ming", "Li Ming"]))
gm = nx.read_graphml(sys.argv[2])
lab = {n: d.get("label") for n, d in gm.nodes(data=True)}
found = {v for v in lab.values()}
for want in ("Wang Lei", "Li Ming"):
    if want not in found:
        problems.append(f"GraphML: no node labelled {want!r}: {sorted(map(str, found))}")
print("\n".join(problems))
sys.exit(1 if problems else 0)
PY
ok $? "rdflib and networkx: the preferred English name and the Chinese one; the others on statement nodes only" ||
  diag "$TMP/py.out"
done_testing
