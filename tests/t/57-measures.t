#!/bin/sh
# --measures=LIST (issue 16): only the measures asked for are computed; one
# not computed is absent from the GraphML keys, the GEXF attributes, the
# nodes table and stats (never a 0); every measure computed says, in the
# GraphML key's <desc>, the GEXF description and stats --json, which
# algorithm with which parameters made it; the communities are Leiden's
# passes repeated past igraph's own first stop, and stats reports their
# modularity.
. tests/lib.sh
need_binaries
G=$TMP/g
mkdir -p "$G"

# keys FILE: the GraphML vertex keys' attr.name, one line.
keys() { sed -n 's/.*<key id="v_[^"]*" for="node" attr.name="\([^"]*\)".*/\1/p' "$1" | tr '\n' ' '; }
MEASURES="degree_in degree_out betweenness pagerank component community"

"$KG" -f graphml >"$G/all.graphml" 2>"$G/err"
k=$(keys "$G/all.graphml")
st=0
for m in $MEASURES; do case " $k" in *" $m "*) ;; *) st=1 ;; esac; done
ok $st "default (all): every measure is a GraphML key ($k)"
n=$(grep -c '<desc>' "$G/all.graphml")
grep -q '<desc>betweenness: exact Brandes.*igraph_betweenness' "$G/all.graphml" &&
  grep -q '<desc>pagerank: .*damping 0.85.*PRPACK' "$G/all.graphml" &&
  grep -q '<desc>community: Leiden .*seed 20130601.*igraph_community_leiden' "$G/all.graphml" &&
  [ "$n" = 6 ]
ok $? "GraphML: each of the 6 measure keys has a <desc> naming its algorithm and parameters ($n)"
"$KG" -f gexf >"$G/all.gexf" 2>/dev/null
grep -q '<description>.*Measures: in-degree.*betweenness: exact Brandes.*community: Leiden' "$G/all.gexf"
ok $? "GEXF: the graph's description names each measure's algorithm"

for list in none degree,pagerank betweenness communities components degree,betweenness,pagerank,communities,components; do
  "$KG" --measures=$list -f graphml >"$G/$list.graphml" 2>"$G/err"
  rc=$?
  k=$(keys "$G/$list.graphml")
  want=""
  case ",$list," in *,degree,*) want="$want degree_in degree_out" ;; esac
  case ",$list," in *,betweenness,*) want="$want betweenness" ;; esac
  case ",$list," in *,pagerank,*) want="$want pagerank" ;; esac
  case ",$list," in *,components,*) want="$want component" ;; esac
  case ",$list," in *,communities,*) want="$want community" ;; esac
  got=""
  for m in $MEASURES; do case " $k" in *" $m "*) got="$got $m" ;; esac; done
  [ $rc = 0 ] && [ "$got" = "$want" ]
  ok $? "--measures=$list: the GraphML keys are exactly:${want:- none} (got:${got:- none})" || diag "$G/err"
done
"$KG" --measures=degree,pagerank -f graphml 2>/dev/null | "$PY" -c '
import sys, xml.etree.ElementTree as ET
ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
root = ET.parse(sys.stdin).getroot()
keys = {k.get("id") for k in root.findall("g:key", ns)}
used = {d.get("key") for d in root.iter("{http://graphml.graphdrawing.org/xmlns}data")}
assert "v_betweenness" not in used and "v_community" not in used, used
assert used <= keys, used - keys
' 2>"$G/py"
ok $? "--measures=degree,pagerank: no node carries betweenness or community data" || diag "$G/py"
"$KG" --measures=degree -f gexf >"$G/d.gexf" 2>/dev/null
! grep -q 'for="betweenness"\|id="betweenness"' "$G/d.gexf" && grep -q 'id="degree_in"' "$G/d.gexf" &&
  ! grep -q 'betweenness: exact' "$G/d.gexf"
ok $? "--measures=degree: GEXF declares and describes degree only"
"$KG" --measures=degree -f csv-nodes >"$G/d.csv" 2>/dev/null
head -1 "$G/d.csv" | grep -q 'degree_in' && ! head -1 "$G/d.csv" | grep -q 'betweenness\|pagerank\|community'
ok $? "--measures=degree: the nodes table has no betweenness, pagerank, community column"

# stats, text and JSON.
"$KG" stats --json >"$G/s.json" 2>"$G/err"
"$PY" - "$G/s.json" >"$G/py" 2>&1 <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
m = d["measures"]
assert set(m) == {"degree_in", "degree_out", "betweenness", "pagerank", "component", "community"}, m
assert "Brandes" in m["betweenness"]["algorithm"] and "0.85" in m["pagerank"]["algorithm"]
assert "Leiden" in m["community"]["algorithm"] and m["community"]["passes"] >= 2, m["community"]
assert 0 < d["modularity"] < 1 and d["communities"] >= 1 and d["components"] >= 1
assert all("betweenness" in v for v in d["vertices"])
PY
ok $? "stats --json: which measures, by which algorithm; modularity; Leiden passes >= 2" || diag "$G/py"
"$KG" stats --json --measures=degree >"$G/d.json" 2>"$G/err"
"$PY" - "$G/d.json" >"$G/py" 2>&1 <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert set(d["measures"]) == {"degree_in", "degree_out"}, d["measures"]
assert "modularity" not in d and "communities" not in d and "components" not in d, d.keys()
for v in d["vertices"]:
    assert "degree_in" in v and not ({"betweenness", "pagerank", "community", "component"} & set(v)), v
PY
ok $? "stats --json --measures=degree: the others absent, not 0" || diag "$G/py"
"$KG" stats --measures=degree,communities >"$G/t.txt" 2>"$G/err"
head -1 "$G/t.txt" | grep -q 'communities (modularity 0\.[0-9]*)' &&
  sed -n 2p "$G/t.txt" | grep -qx 'not computed (--measures): betweenness, pagerank, component' &&
  grep -q '^id  *type  *in  *out  *comm$' "$G/t.txt" && ! head -1 "$G/t.txt" | grep -q components
ok $? "stats --measures=degree,communities: modularity; the rest named as not computed, no column" || diag "$G/t.txt"
"$KG" stats >"$G/all.txt" 2>/dev/null
! grep -q 'not computed' "$G/all.txt" && head -1 "$G/all.txt" | grep -q 'weakly connected components, [0-9]* communities (modularity'
ok $? "stats (all): the first line as before, nothing said not computed"

# Usage errors.
for bad in foo degree, ,degree "degree,,pagerank" Degree ""; do
  "$KG" stats --measures="$bad" >/dev/null 2>"$G/err"
  rc=$?
  [ $rc = 2 ] && grep -q -- '--measures is all, none or a list' "$G/err"
  ok $? "--measures='$bad': usage error (2)" || diag "$G/err"
done

# Leiden past igraph 0.10.2's first stop, on a generated base.
"$PY" bench/gen.py --people 2000 --seed 7 --out "$TMP/base" 2>/dev/null
"$KG" stats --json --measures=communities "$TMP/base" >"$G/b.json" 2>"$G/err"
"$PY" -c '
import json, sys
d = json.load(open(sys.argv[1]))
p = d["measures"]["community"]["passes"]
print(p, d["modularity"])
assert 2 <= p <= 32 and d["modularity"] > 0.7
' "$G/b.json" >"$G/py" 2>&1
ok $? "2000 people: $(head -c 40 "$G/py") (Leiden passes, modularity)" || diag "$G/py" "$G/err"
"$KG" stats --json --measures=communities "$TMP/base" 2>/dev/null | cmp -s - "$G/b.json"
ok $? "the same partition every run"

# The sanitizer build with a subset.
san_env "$TMP/san"
"$KG_ASAN" --measures=pagerank,communities -f graphml >"$G/asan.graphml" 2>"$G/err" &&
  "$KG" --measures=pagerank,communities -f graphml 2>/dev/null | cmp -s - "$G/asan.graphml" &&
  "$KG_ASAN" stats --measures=none >/dev/null 2>>"$G/err"
ok $? "kgbuild-asan: --measures subsets give the same bytes" || diag "$G/err"
san_clean "$TMP/san" | diag
san_clean "$TMP/san" >/dev/null
ok $? "no sanitizer report"
done_testing
