#!/bin/sh
# `kgbuild schema`: the JSON Schema of the fact format, derived from the
# ontology, for editors with the YAML language server.  Checked with a real
# JSON Schema validator (python3-jsonschema, draft 7) the way an editor
# reads YAML: every fact file of the seed and of the good cases is valid,
# every file in tests/schema/invalid/ is not, the committed
# docs/facts.schema.json (which the seed's modelines point to) is what the
# ontology gives today, and adding a key to the ontology adds it to the
# schema with no change in C.
. tests/lib.sh
need_binaries
T=$TMP
"$KG_ASAN" schema >"$T/schema.json" 2>"$T/err"
ok $? "kgbuild schema writes to standard output" || diag "$T/err"
cmp -s "$T/schema.json" "$REPO/docs/facts.schema.json"
ok $? "docs/facts.schema.json is up to date (run: ./kgbuild schema -o docs/facts.schema.json)"
"$KG_ASAN" schema -o "$T/by-o.json" 2>"$T/err" && cmp -s "$T/schema.json" "$T/by-o.json"
ok $? "kgbuild schema -o FILE writes the same schema" || diag "$T/err"
# A good case with an ontology/ of its own (tests/t/30-good.t) is read with
# the schema of its fact base: the frozen ontology, as there, and its own
# keys.
mkdir -p "$T/data" && ln -s "$REPO/tests/good/ontology" "$T/data/ontology"
for f in "$REPO"/facts/*.yaml "$REPO"/tests/good/*/facts/*.yaml; do
  schema=$T/schema.json
  own=$(dirname "$(dirname "$f")")/ontology
  if [ -d "$own" ]; then
    rm -rf "$T/own" && mkdir -p "$T/own/facts" && cp -R "$own" "$T/own/ontology"
    (cd "$T/own" && KGBUILD_DATADIR=$T/data "$KG_ASAN" schema -o "$T/own.json") 2>"$T/err" ||
      diag "$T/err"
    schema=$T/own.json
  fi
  "$PY" "$REPO/tests/consumers/validate_schema.py" "$schema" "$f" >"$T/v.out" 2>&1
  ok $? "valid: ${f#$REPO/}" || diag "$T/v.out"
done
for f in "$REPO"/tests/schema/invalid/*.yaml; do
  "$PY" "$REPO/tests/consumers/validate_schema.py" "$T/schema.json" "$f" >"$T/v.out" 2>&1
  [ $? = 1 ] && grep -q '^invalid ' "$T/v.out"
  ok $? "invalid: ${f#$REPO/} ($(sed 's/^invalid [^:]*: //' "$T/v.out" | head -c 100))"
done
# Every modeline points to the committed schema.
bad=$(grep -L '^# yaml-language-server: \$schema=../docs/facts.schema.json$' "$REPO"/facts/*.yaml)
[ -z "$bad" ]
ok $? "every seed fact file has the yaml-language-server modeline" || echo "$bad" | diag
# A key added to the ontology appears in the schema.
mkdir -p "$T/onto"
cp "$REPO"/ontology/*.ttl "$T/onto/"
cat >>"$T/onto/kgbuild.ttl" <<'TTL'
kg:spokesperson a owl:ObjectProperty ;
    kg:yamlKey "spokesperson" ;
    rdfs:domain org:Organization ;
    rdfs:range foaf:Person ;
    rdfs:label "spokesperson"@en ;
    rdfs:comment "A person who speaks for the organisation."@en .
TTL
"$KG_ASAN" schema --ontology="$T/onto" >"$T/schema2.json" 2>"$T/err"
"$PY" - "$T/schema2.json" >"$T/py.out" 2>&1 <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
d = s["definitions"]
assert d["key-spokesperson"]["description"] == "A person who speaks for the organisation."
assert "spokesperson" in d["organisations"]["properties"]
assert "spokesperson" not in d["people"]["properties"]
PY
ok $? "a key added to the ontology is in the schema, on its domain only" || diag "$T/py.out"
done_testing
