#!/bin/sh
# An installed kgbuild works where it was installed (issue 20.3): built
# with the default PREFIX, as `make run` builds it, then installed with
# `make install DESTDIR=... PREFIX=/opt/x`, the binary finds its data
# relative to its own location (BINDIR/../share/kgbuild, as git's
# RUNTIME_PREFIX), with no variable set: init, check and build from a
# subdirectory.  A fact base's ontology/ extends the installed ontology
# (a new key in ontology/extra.ttl), a file of the installed one's name
# replaces that file, --ontology=DIR replaces it all; when no ontology is
# found, the error names every place looked.
. tests/lib.sh
need_binaries
T=$TMP
unset KGBUILD_DATADIR

make -s install DESTDIR="$T/dest" PREFIX=/opt/x >"$T/install.out" 2>&1
ok $? "make install DESTDIR=... PREFIX=/opt/x" || diag "$T/install.out"
KGI=$T/dest/opt/x/bin/kgbuild
DATA=$T/dest/opt/x/share/kgbuild
[ -x "$KGI" ] && [ -s "$DATA/ontology/kgbuild.ttl" ] && [ -s "$DATA/facts.schema.json" ]
ok $? "installed under /opt/x: the binary, the ontology, the JSON Schema"

# --- init, check and build from elsewhere, from a subdirectory
mkdir -p "$T/work"
(cd "$T/work" && "$KGI" init kb) >"$T/init.out" 2>&1
ok $? "the installed kgbuild: init" || diag "$T/init.out"
KB=$T/work/kb
modeline=$(head -n 1 "$KB/facts/example.yaml")
schema=${modeline#\# yaml-language-server: \$schema=}
[ "$schema" != "$modeline" ] && [ -s "$schema" ] &&
  [ "$(cd "$(dirname "$schema")" && pwd -P)" = "$(cd "$DATA" && pwd -P)" ]
ok $? "init: the modeline names the JSON Schema where it was installed ($schema)"
mkdir -p "$KB/facts/deeper"
(cd "$KB/facts/deeper" && "$KGI" check) >"$T/check.out" 2>&1
ok $? "check from a subdirectory, no KGBUILD_DATADIR" || diag "$T/check.out"
(cd "$KB/facts/deeper" && "$KGI" -q) >"$T/build.out" 2>&1 &&
  grep -q 'ada-lovelace' "$KB/exports/kg.nt"
ok $? "build from a subdirectory into the fact base's exports/" || diag "$T/build.out"

# --- a base's ontology/ extends the installed one: one new key
cp -R "$KB" "$T/ext"
rm -rf "$T/ext/exports"
mkdir -p "$T/ext/ontology"
cat >"$T/ext/ontology/extra.ttl" <<'TTL'
@prefix kg: <https://w3id.org/kgbuild/ns#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
kg:score a owl:DatatypeProperty , owl:FunctionalProperty ;
    kg:yamlKey "score" ; rdfs:domain owl:Thing ; rdfs:range xsd:decimal ;
    rdfs:label "score"@en ; rdfs:comment "A test measure."@en .
TTL
printf '    score: 3\n' >>"$T/ext/facts/example.yaml"
(cd "$T/ext/facts" && "$KGI" --format=nt) >"$T/ext.nt" 2>"$T/ext.err"
ok $? "a base with ontology/extra.ttl alone: the installed ontology and its key" ||
  diag "$T/ext.err"
"$PY" - "$T/ext.nt" >"$T/ext.py" 2>&1 <<'PY'
import sys
import rdflib
g = rdflib.Graph()
g.parse(sys.argv[1], format="nt")
kg = rdflib.Namespace("https://w3id.org/kgbuild/ns#")
ada = rdflib.URIRef("https://w3id.org/kgbuild/id/ada-lovelace")
assert (ada, kg.score, None) in g, "no kg:score on ada-lovelace"
assert (kg.score, rdflib.RDF.type, rdflib.OWL.DatatypeProperty) in g
# the installed ontology is there too (kg:Source, foaf:name's key)
assert (kg.Source, rdflib.RDF.type, rdflib.OWL.Class) in g
print("ok")
PY
ok $? "rdflib: kg:score on the entry, the base's and the installed ontology exported" ||
  diag "$T/ext.py"

# --- replacing on purpose: a file of the same name, or --ontology=DIR
cp -R "$T/ext" "$T/same"
sed 's/Classes and properties of the kgbuild fact base/OUR OWN ONTOLOGY/' \
  "$DATA/ontology/kgbuild.ttl" >"$T/same/ontology/kgbuild.ttl"
(cd "$T/same" && "$KGI" --format=nt) >"$T/same.nt" 2>"$T/same.err" &&
  grep -q 'OUR OWN ONTOLOGY' "$T/same.nt" &&
  ! grep -q 'Classes and properties of the kgbuild fact base' "$T/same.nt" &&
  grep -q 'ns#score>' "$T/same.nt"
ok $? "ontology/kgbuild.ttl in a base replaces the installed file of that name" ||
  diag "$T/same.err"
(cd "$T/ext" && "$KGI" check --ontology=ontology) >"$T/repl.out" 2>&1
rc=$?
[ $rc = 1 ] && grep -q 'kg:Source' "$T/repl.out"
ok $? "--ontology=DIR replaces the installed ontology (extra.ttl alone lacks kg:Source; exit $rc)" ||
  diag "$T/repl.out"

# --- not found: every place looked is named
if [ -d /usr/local/share/kgbuild ]; then
  skip "a kgbuild is installed in the compiled-in place: cannot test its absence"
else
mkdir -p "$T/lonely/bin"
cp "$KGI" "$T/lonely/bin/kgbuild"
(cd "$KB" && "$T/lonely/bin/kgbuild" check) >"$T/lonely.out" 2>&1
rc=$?
[ $rc = 3 ] && grep -q "$T/lonely/share/kgbuild/ontology" "$T/lonely.out" &&
  grep -q '/usr/local/share/kgbuild/ontology' "$T/lonely.out" &&
  grep -q 'KGBUILD_DATADIR' "$T/lonely.out"
ok $? "no ontology anywhere: exit 3, naming the places looked (exit $rc)" ||
  diag "$T/lonely.out"
fi
(cd "$KB" && KGBUILD_DATADIR=$T/nowhere "$KGI" check) >"$T/env.out" 2>&1
rc=$?
[ $rc = 3 ] && grep -q "$T/nowhere/ontology" "$T/env.out"
ok $? "KGBUILD_DATADIR naming nothing: exit 3, naming it (exit $rc)" ||
  diag "$T/env.out"
done_testing
