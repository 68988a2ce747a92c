#!/bin/sh
# Golden end-to-end cases, tests/good/<case>/: facts/ compiled by
# kgbuild-asan (against the frozen ontology tests/good/ontology/, so that
# ontology edits do not churn the goldens; 60-seed.t covers the live one;
# a case's own ontology/ extends it, as a fact base's does)
# must give exactly every export in expected/ (one golden file per export:
# the run writes no file that has none, and leaves none of them unwritten),
# exit 0, print no warning, and raise no sanitizer report.  The hostile-text case is also
# round-tripped through rdflib and networkx (tests/consumers/roundtrip.py)
# when the case has a file 'roundtrip'; a file 'nt-contains' lists triples
# kg.nt must hold (e.g. the datatypes of partial dates).
# KG_UPDATE_GOLDEN=1 writes missing golden files (a new case, or the file of
# a new export in every case; =all: rewrites them all): review every file by
# hand before committing.
. tests/lib.sh
need_binaries
GOOD=$REPO/tests/good
for dir in "$GOOD"/*/; do
  case=$(basename "$dir")
  [ -d "$dir/facts" ] || continue
  w=$TMP/$case
  mkdir -p "$w"
  cp -R "$dir/facts" "$w/facts"
  ln -s "$(good_ontology "$dir")" "$w/ontology"
  san=$TMP/san-$case
  san_env "$san"
  [ -n "${KG_UPDATE_GOLDEN:-}" ] && ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0"
  (cd "$w" && exec timeout 20 "$KG_ASAN" --color=never --exports=exports facts \
    >"$TMP/$case.out" 2>"$TMP/$case.err")
  rc=$?
  if [ "${KG_UPDATE_GOLDEN:-}" = all ] && [ $rc = 0 ]; then
    mkdir -p "$dir/expected" && cp "$w/exports/"kg.* "$dir/expected/"
  elif [ "${KG_UPDATE_GOLDEN:-}" = 1 ] && [ $rc = 0 ]; then
    # only the missing ones: a new case, or a new export
    mkdir -p "$dir/expected" && cp -n "$w/exports/"kg.* "$dir/expected/"
  fi
  ok $rc "$case: exit 0" || diag "$TMP/$case.err"
  ! grep -qE 'warning|error' "$TMP/$case.err"
  ok $? "$case: no diagnostics" || diag "$TMP/$case.err"
  san_clean "$san" >"$TMP/$case.san"
  ok $? "$case: no sanitizer report" || diag "$TMP/$case.san"
  (cd "$dir/expected" && ls -A) >"$TMP/$case.want"
  (cd "$w/exports" && ls -A) >"$TMP/$case.got"
  cmp -s "$TMP/$case.want" "$TMP/$case.got"
  ok $? "$case: one golden file per export" ||
    diff "$TMP/$case.want" "$TMP/$case.got" | diag
  for f in $(cat "$TMP/$case.want"); do
    cmp -s "$dir/expected/$f" "$w/exports/$f"
    ok $? "$case: $f equals expected/$f" ||
      diff -u "$dir/expected/$f" "$w/exports/$f" 2>&1 | head -n 20 | diag
  done
  if [ -f "$dir/nt-contains" ]; then
    missing=$(grep -vxF -f "$w/exports/kg.nt" "$dir/nt-contains")
    [ -z "$missing" ]
    ok $? "$case: kg.nt has every triple of nt-contains (datatypes)" ||
      echo "$missing" | diag
  fi
  if [ -f "$dir/roundtrip" ]; then
    "$PY" "$REPO/tests/consumers/roundtrip.py" "$w/facts" "$w/exports" \
      >"$TMP/$case.rt" 2>&1
    ok $? "$case: every text value round-trips through rdflib and networkx" ||
      diag "$TMP/$case.rt"
  fi
done
done_testing
