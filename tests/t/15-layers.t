#!/bin/sh
# The layer map (docs/layers.txt, docs/design-notes.md "Layers"): every
# #include "..." of src/ goes to a module of its own layer or an earlier one,
# no modules include each other round a circle, and every module is on the
# map (and in the README's layout table).  tests/layers.py does the work; the cases after the first break a
# copy of src/ in each way it must catch, so that the check can fail.
. tests/lib.sh
LAYERS="$PY $REPO/tests/layers.py"

$LAYERS >"$TMP/out" 2>&1
ok $? "src/: $(tail -n 1 "$TMP/out")" || diag "$TMP/out"

# broken SED-SCRIPT FILE: a copy of src/ with FILE edited; its report in $TMP/out.
broken() {
  rm -rf "$TMP/src" && cp -R "$REPO/src" "$TMP/src" &&
    sed -i "$1" "$TMP/src/$2" || exit 3
  ! $LAYERS "$TMP/src" >"$TMP/out" 2>&1
}
# says PATTERN: the report has a line matching PATTERN (grep -E).
says() { grep -Eq "$1" "$TMP/out"; }

# The circle as it was before jsonw.c: diag.c wrote its JSON with json.h's
# string writer, json.h reads the ontology, the ontology reports via diag.
broken 's/#include "jsonw.h"/#include "json.h"/' diag.c &&
  says "src/diag.c:[0-9]+: error: 'diag' \(layer base\) includes \"json.h\" of layer emitters" &&
  says 'round a circle: diag -> json -> ontology -> diag'
ok $? "diag.c including json.h: up the map and a circle, both named" || diag "$TMP/out"

broken '1a #include "model.h"' arena.c &&
  says "src/arena.c:2: error: 'arena' \(layer base\) includes \"model.h\" of layer model"
ok $? "an include up the map is named by file and line" || diag "$TMP/out"

# diag.c includes arena.h: arena.h including diag.h closes a circle inside
# the base layer, which the order of layers alone cannot see.
broken '/#include "kg.h"/a #include "diag.h"' arena.h &&
  says 'round a circle: arena -> diag -> arena' && ! says 'later in the map'
ok $? "a circle inside one layer is named" || diag "$TMP/out"

broken '1a #include "nowhere.h"' text.c && says 'src/text.c:2: error: includes "nowhere.h", which is not a header'
ok $? "an include of a header that is not in src/ is named" || diag "$TMP/out"

rm -rf "$TMP/src" && cp -R "$REPO/src" "$TMP/src" &&
  printf '#include "kg.h"\n' >"$TMP/src/newmod.c"
! $LAYERS "$TMP/src" >"$TMP/out" 2>&1 &&
  says "newmod.c:1: error: module 'newmod' is not in the layer map; hint: add it to docs/layers.txt"
ok $? "a module not on the map is named, with where to add it" || diag "$TMP/out"

rm "$TMP/src/newmod.c" "$TMP/src/pool.c" "$TMP/src/pool.h"
! $LAYERS "$TMP/src" >"$TMP/out" 2>&1 && says "module 'pool' has no .*pool.c or .h"
ok $? "a module on the map with no file is named" || diag "$TMP/out"

sed 's/-> graph -> emitters/-> emitters -> graph/' "$REPO/docs/design-notes.md" >"$TMP/notes.md"
! $LAYERS --doc "$TMP/notes.md" >"$TMP/out" 2>&1 && says 'notes.md:[0-9]+: error: the layers named here'
ok $? "design notes whose Layers: line differs from the map fail" || diag "$TMP/out"
sed 's/^| check | check |/| check | check, review |/' "$REPO/docs/design-notes.md" >"$TMP/notes.md"
! $LAYERS --doc "$TMP/notes.md" >"$TMP/out" 2>&1 &&
  says "notes.md:[0-9]+: error: layer 'check' lists check, review, the map check"
ok $? "design notes whose layer table differs from the map fail" || diag "$TMP/out"

sed 's/`jsonw.c` (JSON strings), //' "$REPO/README.md" >"$TMP/README.md"
! $LAYERS --readme "$TMP/README.md" >"$TMP/out" 2>&1 &&
  says 'README.md: error: src/jsonw.c is not in the layout table'
ok $? "a src/*.c missing from the README's layout table is named" || diag "$TMP/out"

printf 'base: kg\nload kg\n' >"$TMP/map"
$LAYERS --map "$TMP/map" >"$TMP/out" 2>&1
[ $? = 2 ] && says "map:2: error: expected 'LAYER: MODULE...'"
ok $? "a malformed map is an error naming its line" || diag "$TMP/out"

done_testing
