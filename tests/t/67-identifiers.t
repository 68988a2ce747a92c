#!/bin/sh
# External identifiers (issue 24, item 1; docs/facts.md, "External
# identifiers"), read by real consumers from a fact base that gives them
# (tests/good/identifiers/facts) over the live ontology, plus a key of its
# own in ontology/gnd.ttl that kgbuild has never heard of (no C change):
# - Oxigraph finds the entity by the authority's IRI (skos:exactMatch) and
#   by the literal (kg:wikidata "Q42"), the extension key's IRI too, the
#   statement's source, no IRI for a deprecated value, and in N-Quads the
#   link in the graph of the source that states it;
# - networkx reads the identifiers as GraphML node attributes;
# - Jena's OWL reasoner infers no owl:sameAs from the links, even when two
#   entities are linked to one IRI (as a store holding two fact bases may
#   see); the control, the same link as owl:sameAs, merges them, which is
#   why kgbuild writes skos:exactMatch;
# - the SHACL shapes reject a value that breaks a key's pattern and one
#   identifier on two entities, in rdf-validate-shacl and Jena;
# - `show` prints the authority's IRI beside the value.
. tests/lib.sh
need_binaries
STORES=$REPO/tests/stores
ID=https://w3id.org/kgbuild/id/
KGNS=https://w3id.org/kgbuild/ns#
SKOS=http://www.w3.org/2004/02/skos/core#

FX=$TMP/base
mkdir -p "$FX/ontology" "$TMP/data"
cp -R tests/good/identifiers/facts "$FX/facts"
# The installed ontology is the live one; the fact base adds gnd.
ln -s "$REPO/ontology" "$TMP/data/ontology"
export KGBUILD_DATADIR="$TMP/data"
cat >"$FX/ontology/gnd.ttl" <<'TTL'
@prefix kg:   <https://w3id.org/kgbuild/ns#> .
@prefix owl:  <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
kg:gnd
    a owl:DatatypeProperty , kg:IdentifierProperty ;
    kg:yamlKey "gnd" ;
    kg:pattern "^[0-9]{1,10}(-[0-9X]|X)?$" ;
    skos:example "118540238" ;
    kg:iriTemplate "https://d-nb.info/gnd/{id}" ;
    rdfs:domain owl:Thing ;
    rdfs:range xsd:string ;
    rdfs:label "GND"@en .
TTL
(cd "$FX" && "$KG_ASAN" --color=never --exports=out facts) >"$TMP/build.out" 2>&1
ok $? "the fact base with identifiers builds, its own key gnd declared in ontology/gnd.ttl" ||
  diag "$TMP/build.out"
! grep -qE 'warning|error' "$TMP/build.out"
ok $? "... with no diagnostics" || diag "$TMP/build.out"
OUT=$FX/out

# --- Oxigraph --------------------------------------------------------------
if [ -f "$STORES/node_modules/oxigraph/package.json" ]; then
  node "$STORES/oxigraph-query.mjs" "$OUT/kg.ttl" \
    --query="SELECT ?e WHERE { ?e <${SKOS}exactMatch> <http://www.wikidata.org/entity/Q42> }" \
    --query="SELECT ?e WHERE { ?e <${KGNS}wikidata> \"Q42\" }" \
    --query="SELECT ?e WHERE { ?e <${SKOS}exactMatch> <https://d-nb.info/gnd/118540238> }" \
    --query="SELECT ?e WHERE { ?e <${SKOS}exactMatch> <https://isni.org/isni/000000012146438X> }" \
    --query="SELECT (COUNT(*) AS ?n) WHERE { ?e <${SKOS}exactMatch> <http://www.wikidata.org/entity/Q4200> }" \
    --query="SELECT ?src WHERE { ?st <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> <${ID}ada> ; <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> <${KGNS}wikidata> ; <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> \"Q42\" ; <http://www.w3.org/ns/prov#wasDerivedFrom> ?src }" \
    >"$TMP/ox.out" 2>&1
  cat >"$TMP/ox.want" <<EOF
?e
<${ID}ada>
?e
<${ID}ada>
?e
<${ID}ada>
?e
<${ID}ministry>
?n
"0"^^<http://www.w3.org/2001/XMLSchema#integer>
?src
<${ID}src-a>
EOF
  grep -v -e '^==> ' -e '^$' "$TMP/ox.out" | cmp -s - "$TMP/ox.want"
  ok $? "Oxigraph: ada by her Wikidata IRI and by the literal, by the extension key's IRI; the ministry by its ISNI IRI; no IRI for the deprecated Q4200; the statement's source" ||
    { diag "$TMP/ox.out"; diag "$TMP/ox.want"; }
  node "$STORES/oxigraph-query.mjs" "$OUT/kg.ttl" \
    --query="SELECT ?e WHERE { ?e <http://schema.org/url>|<https://schema.org/url> \"https://www.example.gov/\"^^<http://www.w3.org/2001/XMLSchema#anyURI> } ORDER BY ?e" \
    >"$TMP/ox-url.out" 2>&1
  printf '?e\n<%sministry>\n<%soffice>\n' "$ID" "$ID" | cmp -s - "$TMP/ox-url.out"
  ok $? "Oxigraph: an official-website is a schema:url too (both entries share the site: no identifier)" ||
    diag "$TMP/ox-url.out"
  node "$STORES/oxigraph-query.mjs" --union "$OUT/kg.nq" \
    --query="SELECT ?g WHERE { GRAPH ?g { <${ID}ada> <${SKOS}exactMatch> <http://www.wikidata.org/entity/Q42> } }" \
    >"$TMP/ox-nq.out" 2>&1
  printf '?g\n<%ssrc-a>\n' "$ID" | cmp -s - "$TMP/ox-nq.out"
  ok $? "Oxigraph, N-Quads: the link is in the graph of the source that states the identifier" ||
    diag "$TMP/ox-nq.out"
else
  skip "Oxigraph is missing (sh tests/stores/install.sh)"
  skip "Oxigraph is missing"
  skip "Oxigraph is missing"
fi

# --- networkx --------------------------------------------------------------
"$PY" - "$OUT/kg.graphml" >"$TMP/nx.out" 2>&1 <<'PY'
import json, sys
import networkx as nx
g = nx.read_graphml(sys.argv[1])
by_id = {a["kg_id"]: a for _, a in g.nodes(data=True)}
ada, ministry = by_id["ada"], by_id["ministry"]
got = (json.loads(ada["wikidata"]), json.loads(ada["orcid"]),
       json.loads(ada["gnd"]), json.loads(ministry["isni"]),
       json.loads(ministry["official_website"]))
want = (["Q42"], ["0000-0002-1825-0097"], ["118540238"],
        ["000000012146438X"], ["https://www.example.gov/"])
print(got)
sys.exit(0 if got == want and "wikidata" not in by_id["office"] else 1)
PY
ok $? "networkx reads the identifiers as GraphML node attributes (the best-ranked value only)" ||
  diag "$TMP/nx.out"

# --- show ------------------------------------------------------------------
(cd "$FX" && "$KG" --color=never show ada) >"$TMP/show.out" 2>&1
grep -q '^  wikidata  *"Q42" (string) = http://www.wikidata.org/entity/Q42  \[' "$TMP/show.out" &&
  grep -q '^  gnd  *"118540238" (string) = https://d-nb.info/gnd/118540238  \[' "$TMP/show.out"
ok $? "show: a line per identifier with the authority's IRI" || diag "$TMP/show.out"

# --- Jena's OWL reasoner ---------------------------------------------------
CP=""
if command -v java >/dev/null 2>&1 && [ -f /usr/share/java/jena-core.jar ]; then
  CP=$(sh tests/consumers/jena-classpath.sh "$TMP/jena-fix" 2>"$TMP/cp.err") || CP=""
fi
if [ -n "$CP" ]; then
  # What a store holding two fact bases may see: office linked to the
  # ministry's Wikidata item too.
  link="<${ID}office> <${SKOS}exactMatch> <http://www.wikidata.org/entity/Q1234> ."
  { cat "$OUT/kg.nt"; echo "$link"; } >"$TMP/shared.nt"
  sed "s|<${SKOS}exactMatch>|<http://www.w3.org/2002/07/owl#sameAs>|" "$TMP/shared.nt" >"$TMP/control.nt"
  java -cp "$CP" tests/consumers/JenaReason.java "$OUT/kg.nt" "$TMP/shared.nt" "$TMP/control.nt" \
    >"$TMP/jena.out" 2>"$TMP/jena.err"
  grep -q "^$OUT/kg.nt: [0-9]* triples, 0 problems\$" "$TMP/jena.out" &&
    grep -q "^$TMP/shared.nt: [0-9]* triples, 0 problems\$" "$TMP/jena.out"
  ok $? "Jena's OWL reasoner: skos:exactMatch merges nothing, even two entities linked to one item" ||
    { diag "$TMP/jena.out"; diag "$TMP/jena.err"; }
  grep -q "^$TMP/control.nt: owl:sameAs ${ID}ministry ${ID}office\$" "$TMP/jena.out"
  ok $? "control: the same links as owl:sameAs make the ministry and its office one individual" ||
    { diag "$TMP/jena.out"; diag "$TMP/jena.err"; }
else
  skip "Java or Apache Jena is missing (sh tests/install-deps.sh installs libapache-jena-java)"
  skip "Java or Apache Jena is missing"
fi

# --- SHACL -----------------------------------------------------------------
SHAPES=$OUT/kg.shapes.ttl
KGSH=https://w3id.org/kgbuild/shapes#
if [ -f "$STORES/node_modules/rdf-validate-shacl/package.json" ]; then
  node "$STORES/shacl-results.mjs" validate "$SHAPES" "$OUT/kg.nt" >"$TMP/rvs0.out" 2>&1
  [ ! -s "$TMP/rvs0.out" ]
  ok $? "rdf-validate-shacl: the identifiers' exports conform to their shapes" || diag "$TMP/rvs0.out"
  sed "s|^<${ID}ada> <${KGNS}wikidata> \"Q42\" .|<${ID}ada> <${KGNS}wikidata> \"q42\" .|" "$OUT/kg.nt" >"$TMP/broken.nt"
  echo "<${ID}office> <${KGNS}wikidata> \"Q1234\" ." >>"$TMP/broken.nt"
  sort >"$TMP/shacl.want" <<EOF
Violation ${ID}ada ${KGSH}kg-wikidata-kg-wikidata
Violation ${ID}ministry ${KGSH}kg-wikidata-unique
Violation ${ID}office ${KGSH}kg-wikidata-unique
EOF
  node "$STORES/shacl-results.mjs" validate "$SHAPES" "$TMP/broken.nt" >"$TMP/rvs.out" 2>&1
  cmp -s "$TMP/rvs.out" "$TMP/shacl.want"
  ok $? "rdf-validate-shacl: a Wikidata id against the pattern (sh:pattern), one id on two entities (SPARQL)" ||
    { diag "$TMP/rvs.out"; diag "$TMP/shacl.want"; }
  if [ -n "$CP" ] && [ -f /usr/share/java/jena-shacl.jar ]; then
    java -cp "$CP" shacl.shacl validate --shapes "$SHAPES" --data "$TMP/broken.nt" \
      >"$TMP/report.ttl" 2>"$TMP/jena-shacl.err"
    node "$STORES/shacl-results.mjs" report "$TMP/report.ttl" >"$TMP/jena-shacl.out" 2>&1
    cmp -s "$TMP/jena-shacl.out" "$TMP/shacl.want"
    ok $? "Jena SHACL: the same two violations" ||
      { diag "$TMP/jena-shacl.out"; diag "$TMP/jena-shacl.err"; }
  else
    skip "Java or Apache Jena's SHACL is missing"
  fi
else
  skip "rdf-validate-shacl is missing (sh tests/stores/install.sh)"
  skip "rdf-validate-shacl is missing"
  skip "rdf-validate-shacl is missing"
fi

# --- last: the extension is what declares gnd ------------------------------
(cd "$FX" && "$KG" --color=never check facts) >"$TMP/nognd.out" 2>&1 &&
  rm "$FX/ontology/gnd.ttl" &&
  ! (cd "$FX" && "$KG" --color=never check facts) >"$TMP/nognd.out" 2>&1 &&
  grep -q "unknown key 'gnd'" "$TMP/nognd.out"
ok $? "without ontology/gnd.ttl, gnd is an unknown key (the extension is what declares it)" ||
  diag "$TMP/nognd.out"
done_testing
