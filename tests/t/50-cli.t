#!/bin/sh
# The command line: help (80 columns, formats aligned), version, usage
# errors (exit 2), check writes nothing, --format on stdout equals the
# exports, -o is atomic, a full disk on stdout is exit 3 whatever the
# command, JSON diagnostics, colour, FACTS as files and dirs, stats.
. tests/lib.sh
need_binaries
SAN=$TMP/san
san_env "$SAN"
KGA=$KG_ASAN
MIN=$REPO/tests/good/minimal/facts
BAD=$REPO/tests/bad/errors-in-several-files/facts
T=$TMP/w
mkdir -p "$T"

# --help: every format and every exit status.
"$KGA" --help >"$T/help" 2>"$T/help.err"
ok $? "--help exits 0" || diag "$T/help.err"
missing=""
for word in ttl nt graphml check --format --output --exports --ontology --base \
  --diagnostics --color --quiet --version; do
  grep -q -- "$word" "$T/help" || missing="$missing $word"
done
for status in 0 1 2 3; do
  grep -Eq "(^|[^0-9])$status[^0-9]" "$T/help" || missing="$missing exit-$status"
done
grep -qi 'exit status' "$T/help" || missing="$missing 'Exit status'"
[ -z "$missing" ]
ok $? "--help lists every format, option and exit status" || { note "missing:$missing"; diag "$T/help"; }

# --help and every COMMAND --help fit 80 columns; the formats' descriptions
# start in one column, however long a format's name.
"$KGA" --list-commands >"$T/commands" 2>&1
ok $? "--list-commands exits 0" || diag "$T/commands"
wide=""
for c in "" $(cat "$T/commands"); do
  # shellcheck disable=SC2086 # no command: plain --help
  "$KGA" $c --help >"$T/h" 2>&1
  awk 'length > 80 { bad = 1 } END { exit bad }' "$T/h" || wide="$wide '$c --help'"
done
[ -z "$wide" ]
ok $? "--help fits 80 columns, for every command too" || note "too wide:$wide"
"$KGA" --list-formats >"$T/formats" 2>&1
ok $? "--list-formats exits 0" || diag "$T/formats"
cols=""
for f in $(cat "$T/formats"); do
  col=$(awk -v f="$f" '$1 == f && /^ +[^ ]+ +[^ ]/ { match($0, /^ +[^ ]+ +/); print RLENGTH; exit }' "$T/help")
  cols="$cols ${col:-missing:$f}"
done
[ "$(echo $cols | tr ' ' '\n' | sort -u | wc -l)" = 1 ] && ! echo "$cols" | grep -q missing
ok $? "--help: every format's description starts in one column (${cols# })"

# Whatever is written to standard output, a full disk is exit 3 with the
# reason: help, the version and the lists too.
for args in "--help" "--version" "check --help" "stats --help" "--list-formats" \
  "--list-commands" "stats" "stats --json" "schema" "show wang-lei" "diff facts facts"; do
  # shellcheck disable=SC2086 # a list of words
  (cd "$REPO" && "$KGA" $args >/dev/full 2>"$T/full.err")
  rc=$?
  [ $rc = 3 ] && grep -q 'No space left on device' "$T/full.err"
  ok $? "$args >/dev/full: exit 3, 'No space left on device' (exit $rc)" || diag "$T/full.err"
done

out=$("$KGA" --version 2>&1); rc=$?
echo "$out" | grep -Eq '^kgbuild [0-9]+\.[0-9]+\.[0-9]+'
ok $(( rc + $? )) "--version prints 'kgbuild X.Y.Z' and exits 0 ($out)"

usage() { # DESCRIPTION ARGS...: exit 2, a message naming the problem, no stdout
  d=$1; shift
  (cd "$T" && "$KGA" "$@" >"$T/u.out" 2>"$T/u.err")
  rc=$?
  [ $rc = 2 ] && [ -s "$T/u.err" ] && [ ! -s "$T/u.out" ]
  ok $? "$d: exit 2 with a message (got $rc: $(head -n 1 "$T/u.err"))"
}
usage "unknown option" --bogus "$MIN"
usage "--format=bogus" --format=bogus "$MIN"
usage "-o without --format" -o "$T/out.nt" "$MIN"
usage "option missing its value" --format
usage "check with --format" check --format=nt "$MIN"
usage "--diagnostics=xml" --diagnostics=xml "$MIN"
usage "--color=sometimes" --color=sometimes "$MIN"
usage "--base not an IRI" --base=not-an-iri "$MIN"
[ ! -e "$T/out.nt" ] && [ ! -e "$T/exports" ]
ok $? "usage errors write nothing"

# check writes nothing: neither into existing exports nor a new directory.
sentinels "$T/ex"
before=$(sha_tree "$T/ex")
"$KGA" check --exports="$T/ex" "$MIN" 2>"$T/check.err"
rc=$?
[ $rc = 0 ] && [ "$before" = "$(sha_tree "$T/ex")" ] && no_temp_files "$T/ex"
ok $? "check leaves an exports directory untouched (exit $rc)" || diag "$T/check.err"
"$KGA" check --exports="$T/new-ex" "$MIN" 2>/dev/null
[ ! -e "$T/new-ex" ]
ok $? "check creates no exports directory"

# --format on stdout equals the file in exports/.
"$KGA" --exports="$T/full" "$MIN" 2>"$T/full.err"
ok $? "full build of tests/good/minimal" || diag "$T/full.err"
for f in ttl nt graphml; do
  "$KGA" --format=$f "$MIN" >"$T/stdout.$f" 2>"$T/stdout.err"
  rc=$?
  [ $rc = 0 ] && cmp -s "$T/stdout.$f" "$T/full/kg.$f"
  ok $? "--format=$f on stdout equals exports/kg.$f" || diag "$T/stdout.err"
done

# -o FILE: writes FILE, replacing the old one in one step; on failure the
# old FILE stays.
mkdir -p "$T/o"
printf 'old\n' >"$T/o/kg.nt"
"$KGA" --format=nt -o "$T/o/kg.nt" "$MIN" >"$T/o.out" 2>"$T/o.err"
rc=$?
[ $rc = 0 ] && cmp -s "$T/o/kg.nt" "$T/full/kg.nt" && [ ! -s "$T/o.out" ] &&
  [ "$(ls -A "$T/o")" = kg.nt ]
ok $? "-o FILE replaces FILE with the export, nothing else in its directory" || diag "$T/o.err"
printf 'old\n' >"$T/o/kg.nt"
"$KGA" --format=nt -o "$T/o/kg.nt" "$BAD" >/dev/null 2>"$T/o.err"
rc=$?
[ $rc = 1 ] && [ "$(cat "$T/o/kg.nt")" = old ] && [ "$(ls -A "$T/o")" = kg.nt ]
ok $? "-o FILE with errors in the facts: exit 1, FILE untouched (exit $rc)"
"$KGA" --format=nt -o "$T/no-such-dir/kg.nt" "$MIN" >/dev/null 2>"$T/o.err"
rc=$?
[ $rc = 3 ] && grep -q 'No such file or directory' "$T/o.err"
ok $? "-o into a missing directory: exit 3 naming the problem (exit $rc)" || diag "$T/o.err"

# A full disk on stdout.
for f in nt ttl graphml; do
  "$KGA" --format=$f "$REPO/facts" >/dev/full 2>"$T/full.err"
  rc=$?
  [ $rc = 3 ] && grep -q 'No space left on device' "$T/full.err"
  ok $? "--format=$f >/dev/full: exit 3, 'No space left on device' (exit $rc)" || diag "$T/full.err"
done

# --diagnostics=json: one JSON object per line, with the position.
json_lines() { # FILE: every line is a JSON object with file/line/column/severity/code/message
  "$PY" - "$1" <<'PY'
import json, sys
bad = 0
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
for n, line in enumerate(lines, 1):
    try:
        o = json.loads(line)
        assert isinstance(o, dict), "not an object"
        for k in ("file", "line", "column", "severity", "code", "message"):
            assert k in o, "no " + k
    except Exception as e:
        print(f"line {n}: {e}: {line[:100]!r}")
        bad += 1
sys.exit(1 if bad or not lines else 0)
PY
}
(cd "$REPO/tests/bad/errors-in-several-files" && "$KGA" --ontology="$REPO/ontology" --diagnostics=json check facts) \
  >"$T/j.out" 2>"$T/j.err"
rc=$?
json_lines "$T/j.err" >"$T/j.py" && [ $rc = 1 ]
ok $? "--diagnostics=json on errors: exit 1, one JSON object per line" || diag "$T/j.py" "$T/j.err"
"$PY" -c '
import json, sys
o = [json.loads(l) for l in open(sys.argv[1])]
want = [("facts/a.yaml", 4, 5, "error", "unknown-key"), ("facts/b.yaml", 4, 11, "error", "bad-date")]
got = [(d["file"], d["line"], d["column"], d["severity"], d["code"]) for d in o]
sys.exit(0 if got == want else print(got) or 1)' "$T/j.err" >"$T/j.py" 2>&1
ok $? "--diagnostics=json: the right files, positions and codes" || diag "$T/j.py"
(cd "$REPO/tests/bad/empty-file" && "$KGA" --ontology="$REPO/ontology" --diagnostics=json check facts) \
  >"$T/j.out" 2>"$T/j.err"
rc=$?
json_lines "$T/j.err" >"$T/j.py" && [ $rc = 0 ]
ok $? "--diagnostics=json on warnings and success: still only JSON lines on stderr" ||
  diag "$T/j.py"

# Whatever else happens, --diagnostics=json puts only JSON on stderr: a full
# disk under the version or a list (reported after the run), a new fact base.
for args in "--version" "--list-formats" "--help"; do
  # shellcheck disable=SC2086 # a list of words
  "$KGA" --diagnostics=json $args >/dev/full 2>"$T/jf.err"
  rc=$?
  json_lines "$T/jf.err" >"$T/jf.py" && [ $rc = 3 ] && [ -s "$T/jf.err" ]
  ok $? "--diagnostics=json $args >/dev/full: exit 3 (got $rc), the error as JSON" ||
    diag "$T/jf.py" "$T/jf.err"
done
"$KGA" --diagnostics=json init "$T/jinit" >/dev/null 2>"$T/ji.err"
rc=$?
{ [ ! -s "$T/ji.err" ] || json_lines "$T/ji.err" >"$T/ji.py"; } && [ $rc = 0 ] &&
  [ -d "$T/jinit/facts" ]
ok $? "--diagnostics=json init: exit 0 (got $rc), nothing but JSON on stderr" ||
  diag "$T/ji.py" "$T/ji.err"

# Colour: never on --color=never or NO_COLOR, even on a terminal.
esc=$(printf '\033')
"$KGA" --color=always check "$BAD" 2>"$T/c.err"
grep -q "$esc" "$T/c.err"
ok $? "--color=always colours diagnostics"
"$KGA" --color=never check "$BAD" 2>"$T/c.err"
! grep -q "$esc" "$T/c.err"
ok $? "--color=never: no escape codes"
if script -qec "true" /dev/null >/dev/null 2>&1; then
  script -qec "'$KGA' check '$BAD'" /dev/null >"$T/tty.out" 2>&1
  grep -q "$esc" "$T/tty.out"
  ok $? "on a terminal, colour by default"
  NO_COLOR=1 script -qec "'$KGA' check '$BAD'" /dev/null >"$T/tty.out" 2>&1
  ! grep -q "$esc\[" "$T/tty.out"
  ok $? "on a terminal, NO_COLOR=1: no escape codes"
  script -qec "'$KGA' --color=never check '$BAD'" /dev/null >"$T/tty.out" 2>&1
  ! grep -q "$esc\[" "$T/tty.out"
  ok $? "on a terminal, --color=never: no escape codes"
else
  skip "script(1) cannot allocate a terminal"
fi

# FACTS as directories and as files give the same exports.
(cd "$REPO" && "$KGA" -q --exports="$T/by-dir" facts) 2>"$T/f.err"
ok $? "FACTS as a directory" || diag "$T/f.err"
(cd "$REPO" && "$KGA" -q --exports="$T/by-files" facts/*.yaml) 2>"$T/f.err"
ok $? "FACTS as files" || diag "$T/f.err"
mkdir -p "$T/split/a/b"
cp "$REPO"/facts/*.yaml "$T/split/a/b/"
mv "$T/split/a/b/people.yaml" "$T/split/people.yaml"
"$KGA" -q --exports="$T/by-mix" --ontology="$REPO/ontology" "$T/split/people.yaml" "$T/split/a" 2>"$T/f.err"
ok $? "FACTS as a file plus a nested directory" || diag "$T/f.err"
same=0
for f in kg.ttl kg.nt kg.graphml; do
  cmp -s "$T/by-dir/$f" "$T/by-files/$f" && cmp -s "$T/by-dir/$f" "$T/by-mix/$f" || same=1
done
ok $same "the same exports, however the facts are named"
"$KGA" -q --exports="$T/q" "$MIN" >"$T/q.out" 2>"$T/q.err"
[ $? = 0 ] && [ ! -s "$T/q.out" ] && [ ! -s "$T/q.err" ]
ok $? "-q: silent on success"

# stats: the analytics igraph computes, as a table and as JSON.
(cd "$REPO" && "$KGA" stats) >"$T/stats.txt" 2>"$T/stats.err"
[ $? = 0 ] && grep -q '^wang-lei ' "$T/stats.txt" && grep -q 'communities (modularity' "$T/stats.txt"
ok $? "stats: prints a table with every entity" || diag "$T/stats.err"
(cd "$REPO" && "$KGA" stats --json) >"$T/stats.json" 2>"$T/stats.err"
"$PY" - "$T/stats.json" "$REPO/exports/kg.graphml" >"$T/stats.py" 2>&1 <<'PY'
import json, sys
import networkx as nx
d = json.load(open(sys.argv[1]))
g = nx.read_graphml(sys.argv[2])
assert d["nodes"] == g.number_of_nodes() == len(d["vertices"]), "node count"
assert d["edges"] == g.number_of_edges(), "edge count"
by_id = {g.nodes[n]["kg_id"]: g.nodes[n] for n in g.nodes}
for v in d["vertices"]:
    n = by_id[v["id"]]
    assert v["degree_in"] == g.in_degree(next(k for k in g.nodes if g.nodes[k]["kg_id"] == v["id"])), v["id"]
    assert abs(v["pagerank"] - n["pagerank"]) < 1e-6, v["id"]
    assert v["community"] == n["community"] and v["component"] == n["component"], v["id"]
ranks = [v["pagerank"] for v in d["vertices"]]
assert ranks == sorted(ranks, reverse=True), "not by PageRank"
assert abs(sum(ranks) - 1) < 1e-6, "PageRank does not sum to 1"
PY
ok $? "stats --json: agrees with the GraphML attributes and with networkx's degrees" ||
  diag "$T/stats.py"
(cd "$REPO" && "$KGA" stats --json) >"$T/stats2.json" 2>/dev/null
cmp -s "$T/stats.json" "$T/stats2.json"
ok $? "stats: the same communities and numbers every run"
# The table's columns line up whatever the length of the ids (the seed
# has ids of 43 characters).
awk 'NR >= 3 { n = match($0, /^[^ ]+ +/); if (NR == 3) first = RLENGTH; else if (RLENGTH != first) bad = 1 } END { exit bad }' "$T/stats.txt"
ok $? "stats: the type column lines up below its header, however long the ids" || diag "$T/stats.txt"
# The JSON is valid whatever the text: the hostile-text case's labels.
"$KGA" stats --json --ontology="$REPO/tests/good/ontology" "$REPO/tests/good/hostile-text/facts" \
  >"$T/hostile.json" 2>"$T/hostile.err"
"$PY" -c 'import json, sys; d = json.load(open(sys.argv[1])); assert d["vertices"]' "$T/hostile.json" \
  >"$T/hostile.py" 2>&1
ok $? "stats --json on hostile text: valid JSON" || diag "$T/hostile.py" "$T/hostile.err"
"$KGA" --json check >/dev/null 2>"$T/json.err"
[ $? = 2 ]
ok $? "--json outside stats: usage error (2)"

san_clean "$SAN" >"$T/san"
ok $? "no sanitizer report in any of these runs" || diag "$T/san"
done_testing
