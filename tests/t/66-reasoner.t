#!/bin/sh
# The ontology and the data never contradict each other (issue 19, item 6):
# Apache Jena's OWL rule reasoner, over an export (which holds the ontology
# and the data), finds no inconsistency and infers no owl:sameAs between two
# different resources, on the seed and on a fact base where two sources
# disagree on one-valued keys, unranked: an object key (holder, next-above)
# and datatype keys (born, start); ranked (died); and on the one-valued
# qualifiers of one relation (two spells of counterpart-of).  Before, one-valued keys were
# owl:FunctionalProperty (the reasoner made the two holders one person) and
# dates had the range kg:PartialDate (every date an ill-typed literal).
# A control, the same export plus one owl:FunctionalProperty, shows that
# the reasoner does report what this test looks for.
# Needs Java and Debian's libapache-jena-java (tests/install-deps.sh).
. tests/lib.sh
need_binaries
CP=""
if command -v java >/dev/null 2>&1 && [ -f /usr/share/java/jena-core.jar ]; then
  CP=$(sh tests/consumers/jena-classpath.sh "$TMP/jena-fix" 2>"$TMP/cp.err") || CP=""
fi
if [ -z "$CP" ]; then
  echo "1..0 # SKIP Java or Apache Jena is missing (sh tests/install-deps.sh installs libapache-jena-java)"
  exit 0
fi

FX=$TMP/disagree
mkdir -p "$FX/facts"
ln -s "$REPO/ontology" "$FX/ontology"
cat >"$FX/facts/disagree.yaml" <<'YAML'
sources:
  - {id: a, title: Source A}
  - {id: b, title: Source B}
people:
  - id: wang-lei
    name: {en: Wang Lei}
    counterpart-of:
      - {value: li-ming, source: a, quote: "counterparts 2015-2016", start: 2015, end: 2016}
      - {value: li-ming, source: b, quote: "counterparts since 2017", start: 2017}
    source: a
  - {id: li-ming, name: {en: Li Ming}, source: a}
  - id: zhang-wei
    name: {en: Zhang Wei}
    born:
      - {value: 1961, source: a, quote: "born in 1961"}
      - {value: 1963, source: b, quote: "born in 1963"}
    died:
      - {value: 2020, source: a, quote: "died in 2020", rank: preferred}
      - {value: 2021, source: b, quote: "died in 2021", rank: deprecated, reason: "a later obituary"}
    source: a
posts:
  - {id: coordinator, name: {en: Coordinator}, source: a}
ranks:
  - {id: deputy-director-general, name: {en: Deputy Director-General}, source: a}
  - {id: counsellor, name: {en: Counsellor}, source: a}
  - id: division-director
    name: {en: Division Director}
    next-above:
      - {value: deputy-director-general, source: a, quote: "just below the deputy"}
      - {value: counsellor, source: b, quote: "just below the counsellor"}
    source: a
appointments:
  - id: coordinator-2013
    holder:
      - {value: wang-lei, source: a, quote: "Wang Lei became coordinator"}
      - {value: li-ming, source: b, quote: "Li Ming became coordinator"}
    post: coordinator
    start:
      - {value: 2013-06, source: a, quote: "in June 2013"}
      - {value: 2014, source: b, quote: "in 2014"}
    source: a
YAML
(cd "$FX" && "$KG" --color=never --exports=out facts) >"$TMP/fx.out" 2>&1
ok $? "the disagreement fixture builds" || diag "$TMP/fx.out"
[ "$(grep -c 'warning: sources disagree' "$TMP/fx.out")" = 4 ] &&
  grep -q '<https://w3id.org/kgbuild/id/coordinator-2013> <https://w3id.org/kgbuild/ns#holder> <https://w3id.org/kgbuild/id/li-ming>' "$FX/out/kg.nt" &&
  grep -q '<https://w3id.org/kgbuild/id/coordinator-2013> <https://w3id.org/kgbuild/ns#holder> <https://w3id.org/kgbuild/id/wang-lei>' "$FX/out/kg.nt"
ok $? "... with four unranked disagreements, both holders exported as direct triples" || diag "$TMP/fx.out"

files="$FX/out/kg.ttl"
if [ -n "$SEED_DIR" ]; then
  "$KG" -q $SEED_SOURCES --exports="$TMP/seed" facts >"$TMP/seed.out" 2>&1
  ok $? "the seed builds" || diag "$TMP/seed.out"
  files="$files $TMP/seed/kg.ttl"
else
  skip "the seed's archived copy is not here: the seed is not reasoned over (set KG_SEED_DIR)"
fi
# The control: what an owl:FunctionalProperty on 'holder' makes of it.
{ cat "$FX/out/kg.nt"
  echo '<https://w3id.org/kgbuild/ns#holder> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/2002/07/owl#FunctionalProperty> .'
} >"$TMP/control.nt"

# shellcheck disable=SC2086 # a list of files
java -cp "$CP" tests/consumers/JenaReason.java $files "$TMP/control.nt" \
  >"$TMP/jena.out" 2>"$TMP/jena.err"
for f in $files; do
  grep -q "^$f: [0-9]* triples, 0 problems\$" "$TMP/jena.out"
  ok $? "Jena's OWL reasoner: no inconsistency, no owl:sameAs of two entities in $(basename "$(dirname "$f")")/$(basename "$f")" ||
    { grep "^$f: " "$TMP/jena.out" | diag; diag "$TMP/jena.err"; }
done
grep -q "^$TMP/control.nt: owl:sameAs https://w3id.org/kgbuild/id/li-ming https://w3id.org/kgbuild/id/wang-lei\$" "$TMP/jena.out" &&
  ! grep -q "^$TMP/control.nt: [0-9]* triples, 0 problems\$" "$TMP/jena.out"
ok $? "control: with owl:FunctionalProperty on 'holder', the reasoner makes the two holders one person" ||
  { diag "$TMP/jena.out"; diag "$TMP/jena.err"; }
$PY - "$REPO/ontology/kgbuild.ttl" >"$TMP/fp.out" 2>&1 <<'PY'
import sys
from rdflib import Graph, OWL, RDF
g = Graph().parse(sys.argv[1])
bad = sorted(g.subjects(RDF.type, OWL.FunctionalProperty))
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
ok $? "kgbuild's ontology declares no owl:FunctionalProperty (one-valued keys are kg:OneValuedProperty)" ||
  diag "$TMP/fp.out"
done_testing
