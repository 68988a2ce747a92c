#!/bin/sh
# The benchmark keeps working (bench/, docs/performance.md): bench/gen.py
# writes a small synthetic fact base (2000 people) that is deterministic,
# split into files of the requested size, and that kgbuild checks with no
# error and no warning; bench/run.sh measures it once and prints its table
# and the issue's targets.  No speed and no memory figure is asserted.
. tests/lib.sh
if [ ! -x "$KG" ]; then
  echo "Bail out! $KG is not built (run make kgbuild)"
  exit 1
fi
D=$TMP/data

# 1-2: the generator, and its determinism
"$PY" bench/gen.py --people 2000 --seed 7 --out "$D/2000" 2>"$TMP/gen.err"
if ok $? "gen.py writes a base of 2000 people"; then :; else diag "$TMP/gen.err"; fi
"$PY" bench/gen.py --people 2000 --seed 7 --out "$TMP/again" 2>/dev/null
diff -r "$D/2000" "$TMP/again" >"$TMP/diff" 2>&1
if ok $? "the same --people and --seed give identical files"; then :; else diag "$TMP/diff"; fi

# 3: files are split at --max-file-mb
"$PY" bench/gen.py --people 2000 --seed 7 --max-file-mb 0.2 --out "$TMP/small" 2>/dev/null
big=$(find "$TMP/small" -name '*.yaml' -size +200000c | wc -l)
n=$(find "$TMP/small" -name '*.yaml' | wc -l)
[ "$big" -eq 0 ] && [ "$n" -gt 11 ]
ok $? "--max-file-mb 0.2 splits the base into $n files of at most 200000 bytes"

# 4: the base checks clean: exit 0, and nothing but the summary on stderr
"$KG" check "$D/2000" >"$TMP/check.out" 2>"$TMP/check.err"
rc=$?
grep -v '; facts are valid$' "$TMP/check.err" >"$TMP/check.other"
if [ $rc -eq 0 ] && [ ! -s "$TMP/check.other" ] && [ ! -s "$TMP/check.out" ]; then
  pass "kgbuild check: the generated base is valid, with no warning"
else
  diag "$TMP/check.err"
  fail "kgbuild check: the generated base is valid, with no warning (exit $rc)"
fi
# ...and is shaped like a who's-who: about 10 statements per person
statements=$(sed -n 's/.* \([0-9][0-9]*\) statements.*/\1/p' "$TMP/check.err")
[ -n "$statements" ] && [ "$statements" -ge 16000 ] && [ "$statements" -le 30000 ]
ok $? "about 10 statements per person (${statements:-?} for 2000)"

# 6-7: the benchmark, smallest size, one run
if ! /usr/bin/time -f '%e %M' true >/dev/null 2>&1; then
  skip "bench/run.sh: GNU time is not installed (apt-get install time)"
  skip "bench/run.sh table"
  skip "bench/run.sh: own passes and measures"
else
  timeout 600 sh bench/run.sh --sizes 2000 --runs 1 --seed 7 --data "$D" \
    --kgbuild "$KG" >"$TMP/bench.out" 2>"$TMP/bench.err"
  rc=$?
  if ok $rc "bench/run.sh --sizes 2000 --runs 1 exits 0"; then :; else
    diag "$TMP/bench.err"
  fi
  missing=""
  for want in 'fact base \(people\)' '^  check  ' '^  floor_yaml  ' '^  floor_nt  ' \
      '^  --format=nt ' '^  --format=graphml ' '^  all \(--exports\) ' \
      'all / \(floor_yaml \+ floor_nt\) <= 3x: +[0-9.]+x (PASS|FAIL)' \
      'check / floor_yaml <= 2x: +[0-9.]+x (PASS|FAIL)' \
      'check / floor_yaml <= 1.5x \(issue 20\): wall [0-9.]+x (PASS|FAIL); CPU [0-9.]+x (PASS|FAIL)' \
      'peak RSS / fact bytes <= 8x: +nt [0-9.]+x (PASS|FAIL), graphml [0-9.]+x (PASS|FAIL)'; do
    grep -Eq -- "$want" "$TMP/bench.out" || missing="$missing [$want]"
  done
  if [ -z "$missing" ]; then
    pass "bench/run.sh prints the table and the targets"
  else
    diag "$TMP/bench.out"
    fail "bench/run.sh prints the table and the targets; missing:$missing"
  fi
  # Issue 16: kgbuild's own passes apart from the measures, each measure
  # beside its bound, Leiden's modularity and passes, and the compressed
  # N-Triples against gzip -1 and zstd -T2.
  missing=""
  for want in '^  own passes \(all --measures=none\) +[0-9.]+  O\(facts\)$' \
      '^    load, model, check \(check\) +[0-9.]+ ' '^    network, triples, writing \(own - check\) +[0-9.]+ ' \
      '^  measures \(all - own\) +[0-9.]+' \
      '^    betweenness \(stats_betweenness - stats_none\) +[0-9.]+  O\(V\*E\), exact Brandes$' \
      '^    degree .* O\(V\+E\)$' '^    pagerank .* PRPACK$' '^    components .* O\(V\+E\)$' \
      '^    communities .* Leiden pass$' '^    Leiden: modularity, passes +0\.[0-9]{3}/[0-9]+$' \
      'plain kg.nt: --format=nt [0-9.]+ s, [0-9.]+ MB' \
      'kgbuild --compress=gzip \(level 1\) +[0-9.]+ s +[0-9.]+ MB +[0-9.]+%' \
      'kgbuild --compress=zstd \(level 3, -j\) +[0-9.]+ s +[0-9.]+ MB +[0-9.]+%' \
      'gzip -1 of kg.nt +[0-9.]+ s' 'zstd -T2 of kg.nt +[0-9.]+ s'; do
    grep -Eq -- "$want" "$TMP/bench.out" || missing="$missing [$want]"
  done
  if [ -z "$missing" ]; then
    pass "bench/run.sh prints kgbuild's own passes apart from the measures, and the compressed exports"
  else
    diag "$TMP/bench.out"
    fail "bench/run.sh prints kgbuild's own passes apart from the measures; missing:$missing"
  fi
fi
done_testing
