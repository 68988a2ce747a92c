#!/bin/sh
# --format=shacl (issue 22, item 2): the shapes kgbuild writes from the
# ontology pass the seed's exports and catch each broken graph, in two real
# engines: rdf-validate-shacl (npm, SHACL Core; tests/stores/shacl-results.mjs
# runs the shapes' SHACL-SPARQL constraints through Oxigraph beside it) and
# Apache Jena's shacl validate.  Each engine's results are compared as
# "SEVERITY FOCUS-NODE SOURCE-SHAPE" lines with exactly the expected ones.
# Needs tests/stores/install.sh (node modules) and Java with Debian's Jena.
. tests/lib.sh
need_binaries
STORES=$REPO/tests/stores
if ! [ -f "$STORES/node_modules/rdf-validate-shacl/package.json" ] ||
  ! [ -f "$STORES/node_modules/oxigraph/package.json" ]; then
  echo "Bail out! rdf-validate-shacl or oxigraph missing - run tests/stores/install.sh"
  exit 1
fi
if ! command -v java >/dev/null 2>&1 || ! [ -f /usr/share/java/jena-shacl.jar ]; then
  echo "1..0 # SKIP Java or Apache Jena is missing (sh tests/install-deps.sh installs libapache-jena-java)"
  exit 0
fi
CP=$(sh tests/consumers/jena-classpath.sh "$TMP/jena-fix" 2>"$TMP/cp.err") ||
  { echo "Bail out! jena class path: $(cat "$TMP/cp.err")"; exit 1; }

ID=https://w3id.org/kgbuild/id/
KGNS=https://w3id.org/kgbuild/ns#
KGSH=https://w3id.org/kgbuild/shapes#
XSD=http://www.w3.org/2001/XMLSchema#

"$KG" --color=never --exports="$TMP/out" ${SEED_SOURCES:+"$SEED_SOURCES"} facts >"$TMP/build.out" 2>&1
ok $? "the seed builds, with kg.shapes.ttl in the export set" || diag "$TMP/build.out"
SHAPES=$TMP/out/kg.shapes.ttl
[ -s "$SHAPES" ]
ok $? "exports/kg.shapes.ttl is written" || exit 1
"$KG" --color=never --format=shacl facts 2>/dev/null | cmp -s - "$SHAPES"
ok $? "--format=shacl writes the same shapes to stdout"

# both DATA EXPECTED NAME: both engines give exactly the EXPECTED lines.
both() {
  node "$STORES/shacl-results.mjs" validate "$SHAPES" "$1" >"$TMP/rvs.out" 2>&1
  cmp -s "$TMP/rvs.out" "$2"
  ok $? "rdf-validate-shacl: $3" || { diag "$TMP/rvs.out"; diag "$2"; }
  cp "$1" "$TMP/data.nt"
  java -cp "$CP" shacl.shacl validate --shapes "$SHAPES" --data "$TMP/data.nt" \
    >"$TMP/report.ttl" 2>"$TMP/jena.err"
  node "$STORES/shacl-results.mjs" report "$TMP/report.ttl" >"$TMP/jena.out" 2>&1
  cmp -s "$TMP/jena.out" "$2"
  ok $? "Jena SHACL: $3" || { diag "$TMP/jena.out"; diag "$TMP/jena.err"; diag "$2"; }
}

NT=$TMP/out/kg.nt
: >"$TMP/none"
both "$NT" "$TMP/none" "the seed's exports conform"
# Every good case's exports conform to its shapes (both goldens): what the
# seed does not use (untagged text, a source's own dates, dated
# qualifiers) is held too.
for d in tests/good/*/expected; do
  [ -f "$d/kg.nt" ] && [ -f "$d/kg.shapes.ttl" ] || continue
  SHAPES=$d/kg.shapes.ttl both "$d/kg.nt" "$TMP/none" "tests/good/$(basename "$(dirname "$d")") conforms"
done
SHAPES=$TMP/out/kg.shapes.ttl

# broken NAME EXPECTED-LINES: kg.nt changed by stdin's sed script.
broken() {
  sed -f /dev/stdin "$NT" >"$TMP/broken.nt"
  printf '%s\n' "$2" | sort >"$TMP/expected"
  both "$TMP/broken.nt" "$TMP/expected" "$1"
}

OFFICE=${ID}cyber-digital-affairs-office
DEPT=${ID}department-of-arms-control
PERSON=${ID}christopher-painter
# The statement node of the office's founding date.
STMT=$(grep "^<${ID}_stmt-[0-9a-f]*> <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> <${KGNS}founded> " "$NT" |
  cut -d' ' -f1 | while read -r s; do
    grep -q "^$s <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> <$OFFICE> " "$NT" && echo "$s"
  done | head -n 1)
[ -n "$STMT" ]
ok $? "the office's founding statement node is found" || exit 1
STMT_IRI=${STMT#<}
STMT_IRI=${STMT_IRI%>}

broken "a second best-ranked 'founded' (a warning)" \
  "Warning $OFFICE ${KGSH}org-Organization-kg-founded-best" <<EOF
\$a<$OFFICE> <${KGNS}founded> "1999"^^<${XSD}gYear> .
EOF

broken "a reference to the wrong class ('part-of' a person)" \
  "Violation $OFFICE ${KGSH}org-Organization-kg-partOf" <<EOF
\$a<$OFFICE> <${KGNS}partOf> <$PERSON> .
EOF

broken "a person without a name" \
  "Violation $PERSON ${KGSH}foaf-Person-skos-prefLabel-required" <<EOF
\|^<$PERSON> <http://www.w3.org/2004/02/skos/core#prefLabel> |d
EOF

broken "a 'part-of' cycle: each entity on it" \
  "Violation $DEPT ${KGSH}kg-partOf-acyclic
Violation $OFFICE ${KGSH}kg-partOf-acyclic" <<EOF
\$a<$DEPT> <${KGNS}partOf> <$OFFICE> .
EOF

broken "a statement node without a source" \
  "Violation $STMT_IRI ${KGSH}Statement-has-source" <<EOF
\|^$STMT <http://www.w3.org/ns/prov#wasDerivedFrom> |d
EOF

broken "a one-valued qualifier with two values (a warning)" \
  "Warning $STMT_IRI ${KGSH}Statement-kg-validFrom-best" <<EOF
\$a$STMT <${KGNS}validFrom> "2013"^^<${XSD}gYear> .
\$a$STMT <${KGNS}validFrom> "2014"^^<${XSD}gYear> .
EOF
done_testing
