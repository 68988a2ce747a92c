#!/bin/sh
# A statement citing tens of thousands of sources, in reverse id order
# (review item 4): modelling sorted the ids by insertion (15.6 s to check
# 90,000 of them), and the edge tables' sources column and the N-Quads
# graphs searched every id before each one (about a minute each).  This is
# a hang guard, not a benchmark (speed is measured by tests/t/90-bench.t
# and docs/performance.md): the timeouts leave a wide margin over the
# second or so the checks take now.  What is written is read back by
# Python's csv and rdflib: every source once.
. tests/lib.sh
need_binaries
N=90000
D=$TMP/many
mkdir -p "$D/facts"
# a counterpart-of b twice, citing every other source and then all N: one
# relation with two references that share half their sources (and a
# warning that the value is repeated).
"$PY" - "$D/facts/f.yaml" "$N" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
ids = [f"s{i:05d}" for i in range(n)]
with open(path, "w") as f:
    f.write("sources:\n")
    f.writelines(f"  - id: {i}\n    title: S\n" for i in ids)
    f.write("people:\n  - id: a\n    name: {en: A}\n    source: s00000\n"
            "    counterpart-of:\n"
            f"      - {{value: b, source: [{','.join(reversed(ids[::2]))}]}}\n"
            f"      - {{value: b, source: [{','.join(reversed(ids))}]}}\n"
            "  - id: b\n    name: {en: B}\n    source: s00000\n")
PY
KGT="--color=never --ontology=$REPO/ontology"

start=$(date +%s)
timeout 20 "$KG" $KGT check "$D/facts" >"$TMP/check.out" 2>&1
ok $? "check: one statement citing $N sources in reverse id order, under 10 s ($(($(date +%s) - start)) s)" ||
  diag "$TMP/check.out"

start=$(date +%s)
(cd "$D" && timeout 30 "$KG" $KGT -q --format=csv-edges -o "$TMP/edges.csv" facts) \
  >"$TMP/csv.err" 2>&1 &&
  "$PY" - "$TMP/edges.csv" "$N" >>"$TMP/csv.err" 2>&1 <<'PY'
import csv, sys
csv.field_size_limit(sys.maxsize)
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
want = [f"s{i:05d}" for i in range(int(sys.argv[2]))]
assert rows, "no edge"
for r in rows:
    got = r["sources"].split(" ")
    assert len(got) == len(want) and set(got) == set(want), (len(got), len(set(got)))
PY
ok $? "csv-edges: the relation's two references name each of the $N sources once, under 30 s ($(($(date +%s) - start)) s)" ||
  diag "$TMP/csv.err"

# N-Quads: the direct triple in each source's graph once.  The export is
# some 300 MB (a statement node per source); only the direct triple's
# lines are kept, and rdflib reads them.
start=$(date +%s)
{
  (cd "$D" && timeout 30 "$KG" $KGT -q --format=nq facts) 2>"$TMP/nq.err"
  echo $? >"$TMP/nq.rc"
} | grep -F "<${BASE_IRI}a> <https://w3id.org/kgbuild/ns#counterpartOf> <${BASE_IRI}b> " \
  >"$TMP/direct.nq"
[ "$(cat "$TMP/nq.rc")" = 0 ] && "$PY" - "$TMP/direct.nq" "$N" >>"$TMP/nq.err" 2>&1 <<'PY'
import sys
from rdflib import Dataset
lines = open(sys.argv[1]).read().splitlines()
ds = Dataset()
ds.parse(sys.argv[1], format="nquads")
graphs = {str(g) for _, _, _, g in ds.quads((None, None, None, None))}
n = int(sys.argv[2])
assert len(lines) == n and len(set(lines)) == n, (len(lines), len(set(lines)))
assert len(graphs) == n, len(graphs)
PY
ok $? "nq: the relation's triple in each of the $N sources' graphs once, under 30 s ($(($(date +%s) - start)) s)" ||
  diag "$TMP/nq.err"
done_testing
