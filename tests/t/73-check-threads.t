#!/bin/sh
# kg_check's passes and the quote check's collection run in parts on
# several threads when the model is large (check.c, sources.c; the number
# of parts is kg_pool_parts's).  What a run says must not depend on it:
# the diagnostics are kept per part and emitted in the order of a run on
# one thread, which matters beyond their sorted order because the sink
# shows the first ten of a code in that order and folds the rest.  The
# test builds take the number of parts from KG_CHECK_THREADS whatever the
# size of the base, so a small base is split here; the release build
# ignores the variable.
. tests/lib.sh
need_binaries
T=$TMP
KG_TSAN=$REPO/kgbuild-tsan

"$PY" bench/gen.py --people 600 --seed 5 --out "$T/good" >/dev/null 2>"$T/gen.err"
ok $? "gen.py: a base of 600 people" || diag "$T/gen.err"

# The same base with mistakes of every per-entity check, more than ten of
# several codes: names dropped (missing-key), a second English name, the
# same (repeated-value, merged) or another (functional, of the labels'
# pass), two birth dates (functional, of the ranks' pass: the sink shows
# the first ten of the code in the order of the passes), references
# broken (unknown-reference), starts after their ends (end-before-start).
"$PY" - "$T/good" "$T/bad" <<'EOF'
import os, random, re, sys
src, dst = sys.argv[1], sys.argv[2]
os.makedirs(dst)
r = random.Random(7)
for f in sorted(os.listdir(src)):
    if not f.endswith(".yaml"):
        continue
    out = []
    for line in open(os.path.join(src, f), encoding="utf-8"):
        x = r.random()
        m = re.match(r'^    name: \{en: ("[^"]*")', line)
        if m:
            if x < 0.05:
                continue
            if x < 0.10:
                line = line.replace("{en: ", '{EN: "Another name", en: ', 1)
            elif x < 0.15:
                line = line.replace("{en: ", "{EN: %s, en: " % m.group(1), 1)
        elif re.match(r"^    (post|holder|post-in|country|part-of): ", line) and x < 0.05:
            line = line.rstrip("\n") + "-x\n"
        elif re.match(r"^    start: ", line) and x < 0.15:
            line = "    start: 2030\n"
        elif re.match(r"^    born: \d", line) and x < 0.03:
            line = "    born: [%s, 1900]\n" % line.split(":", 1)[1].strip()
        out.append(line)
    open(os.path.join(dst, f), "w", encoding="utf-8").write("".join(out))
EOF
ok $? "the base with mistakes written"

# check BASE N FORMAT: kgbuild-asan check with N parts, its diagnostics
# in FORMAT (text or json) to $T/BASE-N.FORMAT; exit status in $rc.
check() {
  san_env "$T/san-$1-$2-$3"
  (cd "$T" && KG_CHECK_THREADS=$2 "$KG_ASAN" check --color=never \
    --ontology="$REPO/ontology" --diagnostics="$3" "$1") >/dev/null \
    2>"$T/$1-$2.$3"
  rc=$?
}

check bad 1 json
[ $rc = 1 ] && san_clean "$T/san-bad-1-json" >/dev/null
ok $? "the base with mistakes fails the check with one part (exit $rc)" ||
  diag "$T/bad-1.json"
# What the diagnostics hold, read as JSON: the comparison below is of
# something, and the folding is in play.
"$PY" - "$T/bad-1.json" <<'EOF'
import collections, json, sys
codes = collections.Counter()
for line in open(sys.argv[1], encoding="utf-8"):
    codes[json.loads(line)["code"]] += 1
need = {"missing-key", "functional", "repeated-value", "unknown-reference",
        "end-before-start", "not-shown"}
missing = need - set(codes)
folded = [c for c, n in codes.items() if n >= 10 and c != "not-shown"]
if missing or len(folded) < 3:
    print("codes:", dict(codes), "missing:", missing, "folded:", folded)
    sys.exit(1)
EOF
ok $? "its diagnostics (JSON) hold the six codes, three of them folded after ten" ||
  diag "$T/bad-1.json"

for fmt in json text; do
  [ $fmt = text ] && check bad 1 text
  for n in 2 3 8; do
    check bad $n $fmt
    [ $rc = 1 ] && cmp -s "$T/bad-1.$fmt" "$T/bad-$n.$fmt" &&
      san_clean "$T/san-bad-$n-$fmt" >/dev/null
    ok $? "$n parts: the same diagnostics ($fmt), byte for byte, as one part (exit $rc)" || {
      diff "$T/bad-1.$fmt" "$T/bad-$n.$fmt" | head -n 10 | diag
      san_clean "$T/san-bad-$n-$fmt" | diag
    }
  done
done

# The checked model: every export of the good base is the same however
# many parts checked it (the quote check runs too: no copies, one warning).
for n in 1 3; do
  (cd "$T" && KG_CHECK_THREADS=$n "$KG_ASAN" -q --color=never \
    --ontology="$REPO/ontology" --exports="ex-$n" good) >/dev/null \
    2>"$T/ex-$n.err"
  ok $? "the good base builds with $n part(s)" || diag "$T/ex-$n.err"
done
[ "$(sha_tree "$T/ex-1")" = "$(sha_tree "$T/ex-3")" ]
ok $? "3 parts write the same bytes as 1 (every export)" ||
  (cd "$T" && diff -r ex-1 ex-3 | head -n 5) | diag
"$PY" - "$T/ex-3/kg.nt" <<'EOF'
import sys
import rdflib
g = rdflib.Graph()
g.parse(sys.argv[1], format="nt")
sys.exit(0 if len(g) > 10000 else 1)
EOF
ok $? "rdflib reads the N-Triples the 3-part check led to"

# No data race in the split passes: ThreadSanitizer, on both bases.
if [ -x "$KG_TSAN" ]; then
  for base in good:0 bad:1; do
    want=${base#*:} base=${base%:*}
    (cd "$T" && KG_CHECK_THREADS=2 TSAN_OPTIONS="halt_on_error=1:exitcode=66:log_path=$T/tsan-$base" \
      "$KG_TSAN" check --color=never --ontology="$REPO/ontology" "$base") \
      >/dev/null 2>"$T/tsan-$base.err"
    rc=$?
    set -- "$T"/tsan-$base.[0-9]*
    [ $rc = "$want" ] && [ ! -e "$1" ]
    ok $? "kgbuild-tsan check of the $base base in 2 parts: no data race (exit $rc)" || {
      [ -e "$1" ] && head -n 30 "$1" | diag
      diag "$T/tsan-$base.err"
    }
  done
else
  fail "kgbuild-tsan is not built (make kgbuild-tsan)"
fi

# -j bounds the check's threads in every front end: `-j 1` starts none,
# in `check` and in the language server's check of the base it opens
# (the release build, on a base above the size where parts start).
"$PY" bench/gen.py --people 6000 --seed 5 --out "$T/big/facts" >/dev/null 2>"$T/gen.err"
ok $? "gen.py: a base of 6000 people" || diag "$T/gen.err"
threads() { # threads WHAT ARGS...: clones of the kgbuild run, into $clones
  what=$1
  shift
  (cd "$T" && strace -f -qq -e trace=clone,clone3 -o "$T/$what.strace" "$@") \
    >/dev/null 2>"$T/$what.err"
  clones=$(grep -c 'clone' "$T/$what.strace")
}
threads check-j2 "$KG" -j 2 check --color=never --ontology="$REPO/ontology" big/facts
[ "$clones" -gt 0 ]
ok $? "the control: -j 2 check of the 6000-person base starts threads ($clones)"
threads check-j1 "$KG" -j 1 check --color=never --ontology="$REPO/ontology" big/facts
[ "$clones" = 0 ]
ok $? "-j 1 check starts no thread ($clones)" || diag "$T/check-j1.strace"
cat >"$T/open.py" <<'EOF'
import os, sys
sys.path.insert(0, os.path.join(sys.argv[1], "tests", "lsp"))
from client import Client, uri_of
case, argv = sys.argv[2], sys.argv[3:]
c = Client(argv, cwd=case)
c.initialize(case)
c.notify("initialized")
p = os.path.join(case, "facts", "people-001.yaml")
c.notify("textDocument/didOpen", {"textDocument": {
    "uri": uri_of(p), "languageId": "yaml", "version": 1,
    "text": open(p, encoding="utf-8").read()}})
# Answered once the base is checked and its diagnostics published.
c.request("textDocument/completion", {"textDocument": {"uri": uri_of(p)},
          "position": {"line": 0, "character": 0}}, timeout=300)
c.request("shutdown")
c.notify("exit")
c.close()
EOF
# The client runs strace, which traces only the server.
for j in 2 1; do
  "$PY" "$T/open.py" "$REPO" "$T/big" strace -f -qq -e trace=clone,clone3 \
    -o "$T/lsp-j$j.strace" "$KG" -j $j --ontology="$REPO/ontology" lsp \
    >/dev/null 2>"$T/lsp-j$j.err"
  ok $? "-j $j lsp opens the 6000-person base and shuts down" || diag "$T/lsp-j$j.err"
done
[ "$(grep -c clone "$T/lsp-j2.strace")" -gt 0 ]
ok $? "the control: -j 2 lsp starts threads ($(grep -c clone "$T/lsp-j2.strace"))"
[ "$(grep -c clone "$T/lsp-j1.strace")" = 0 ]
ok $? "-j 1 lsp, checking the base it opened, starts no thread ($(grep -c clone "$T/lsp-j1.strace"))" ||
  head -n 5 "$T/lsp-j1.strace" | diag

# A hook of the test builds only.
! grep -q KG_CHECK_THREADS "$KG" && grep -q KG_CHECK_THREADS "$KG_ASAN"
ok $? "KG_CHECK_THREADS is read by kgbuild-asan and not by the release ./kgbuild"
done_testing
