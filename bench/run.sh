#!/bin/sh
# bench/run.sh - kgbuild's performance benchmark (docs/performance.md).
#
#   bench/run.sh [--sizes "10000 100000"] [--runs 5] [--seed 1]
#                [--timeout SECONDS] [--data DIR] [--kgbuild PATH]
#                [--formats "ttl nt graphml"] [--ontology DIR]
#                [--max-memory MB]
#
# For each size (a number of people): generates a synthetic fact base with
# bench/gen.py (cached in DIR/<size>/, default bench/data/), then runs each
# measurement --runs times under GNU time and reports the median wall time
# and the median peak RSS of:
#   check        kgbuild check
#   <format>     kgbuild --format=<format> -o FILE, for each of --formats
#                (default "ttl nt graphml"; "all": every format kgbuild
#                lists in --help)
#   all          kgbuild --exports=DIR (every export)
#   own          kgbuild --measures=none --exports=DIR: kgbuild's own passes
#                (load, model, check, network, triples, writing), no measure
#   stats_M      kgbuild stats --measures=M, for M in none and each measure;
#                a measure's time is stats_M - stats_none
#   nt.gz/nt.zst kgbuild --format=nt --compress=gzip|zstd -o FILE, against
#   gzip_1/zstd_T2  gzip -1 / zstd -T2 of the plain kg.nt (sizes reported)
#   floor_yaml   bench/floor_yaml: a bare libyaml event scan of the files
#   floor_nt     bench/floor_nt N: raptor2 writing kgbuild's N triples
# then prints a table and the issue's targets, each PASS or FAIL, and
# kgbuild's own passes apart from the measures, each beside its algorithmic
# bound, with their growth (the target: own passes <= 11x per 10x).  The
# targets are reported, not asserted: a completed measurement exits 0.
# Exit 1 when a measured command fails; 2 on a usage or setup error.
# --timeout stops a command that runs longer; --max-memory runs each under
# `ulimit -v MB` so that a size too big for the machine fails on its own
# allocation ("out of memory") instead of waking the kernel's OOM killer,
# which might kill other work.  A command that times out, runs out of memory
# or is killed by signal 9 is a limit, not a failure: the rest of that size
# is skipped and shown as such, and the run still exits 0.
# Run from anywhere: it works in the repository root.  The kgbuild binary
# is copied first, so rebuilding it while the benchmark runs does not change
# what is measured.
set -eu

cd "$(dirname "$0")/.."
REPO=$(pwd)
PY=/usr/bin/python3
GNU_TIME=/usr/bin/time

sizes="10000 100000"
runs=5
seed=1
timeout_s=0
max_mb=0
data=bench/data
kg=./kgbuild
formats="ttl nt graphml"
onto=ontology

usage() {
  sed -n '2,/^set -eu/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
}
need_arg() { [ $# -ge 2 ] || { echo "run.sh: $1 needs a value" >&2; exit 2; }; }
while [ $# -gt 0 ]; do
  case $1 in
    --sizes) need_arg "$@"; sizes=$2; shift 2 ;;
    --sizes=*) sizes=${1#*=}; shift ;;
    --runs) need_arg "$@"; runs=$2; shift 2 ;;
    --runs=*) runs=${1#*=}; shift ;;
    --seed) need_arg "$@"; seed=$2; shift 2 ;;
    --seed=*) seed=${1#*=}; shift ;;
    --timeout) need_arg "$@"; timeout_s=$2; shift 2 ;;
    --timeout=*) timeout_s=${1#*=}; shift ;;
    --data) need_arg "$@"; data=$2; shift 2 ;;
    --data=*) data=${1#*=}; shift ;;
    --kgbuild) need_arg "$@"; kg=$2; shift 2 ;;
    --kgbuild=*) kg=${1#*=}; shift ;;
    --formats) need_arg "$@"; formats=$2; shift 2 ;;
    --formats=*) formats=${1#*=}; shift ;;
    --ontology) need_arg "$@"; onto=$2; shift 2 ;;
    --ontology=*) onto=${1#*=}; shift ;;
    --max-memory) need_arg "$@"; max_mb=$2; shift 2 ;;
    --max-memory=*) max_mb=${1#*=}; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done
case $runs in ''|*[!0-9]*|0) echo "run.sh: --runs must be a positive number" >&2; exit 2 ;; esac
case $timeout_s in ''|*[!0-9]*) echo "run.sh: --timeout must be a number of seconds" >&2; exit 2 ;; esac
case $max_mb in ''|*[!0-9]*) echo "run.sh: --max-memory must be a number of MB" >&2; exit 2 ;; esac
for s in $sizes; do
  case $s in ''|*[!0-9]*) echo "run.sh: size '$s' is not a number of people" >&2; exit 2 ;; esac
  [ "$s" -ge 200 ] || { echo "run.sh: size $s: at least 200 people" >&2; exit 2; }
done
[ -n "$sizes" ] || { echo "run.sh: no --sizes" >&2; exit 2; }

# ---- tools ------------------------------------------------------------------

if ! "$GNU_TIME" -f '%e %M' true >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    echo "run.sh: installing GNU time (Debian package 'time')" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
  else
    echo "run.sh: GNU time ($GNU_TIME) is missing; install it with:" >&2
    echo "  sudo apt-get install time" >&2
    exit 2
  fi
fi
[ -x "$PY" ] || { echo "run.sh: $PY is missing" >&2; exit 2; }
if [ ! -x "$kg" ]; then
  echo "run.sh: building kgbuild" >&2
  make -s kgbuild >&2 || { echo "run.sh: cannot build kgbuild" >&2; exit 2; }
fi
make -s -C bench >&2 || { echo "run.sh: cannot build the floors (make -C bench)" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/kgbench.XXXXXX") || exit 2
trap 'rm -rf "$WORK"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
cp "$kg" "$WORK/kgbuild"
KG="$WORK/kgbuild"
ONTO=$(cd "$onto" && pwd) || { echo "run.sh: no ontology directory '$onto'" >&2; exit 2; }
if [ "$formats" = all ]; then
  # Every backend kgbuild lists under --format in its --help (a name at
  # column 23; deeper-indented lines continue a description).
  formats=$("$KG" --help | awk '/--format=/ {on = 1; next}
    on && /^                       / {next}
    on && /^                      [a-z0-9][a-z0-9-]* / {print $1; next}
    on {exit}' | tr '\n' ' ')
  [ -n "$formats" ] || { echo "run.sh: no formats in kgbuild --help" >&2; exit 2; }
fi
mkdir -p "$data"
RESULTS=$WORK/results   # size name median_seconds median_kb status
RAW="$data/runs-$(date +%Y%m%d-%H%M%S)-$$.tsv"   # every run of every measurement
printf 'size\tmeasurement\trun\tseconds\tpeak_kb\texit\tcpu_seconds\n' >"$RAW"
failed=0

# ---- measuring --------------------------------------------------------------

median() { # numbers on stdin -> their median
  sort -g | awk '{v[NR] = $1} END {
    if (NR == 0) print "nan";
    else if (NR % 2) print v[(NR + 1) / 2];
    else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# measure SIZE NAME CMD...: runs CMD $runs times; records the medians.
# The last run's standard output and error stay in $WORK/out, $WORK/err.
measure() {
  size=$1 name=$2
  shift 2
  : >"$WORK/times"
  status=ok
  i=1
  while [ "$i" -le "$runs" ]; do
    rm -rf "$WORK/exports" "$WORK/export"
    # Every run starts with the fact files in the page cache: at 1M people
    # the exports written before (16 GB of N-Triples) evict them, and the
    # run after would pay a disk read the others do not.
    cat "$dir"/*.yaml >/dev/null 2>&1 || true
    set +e
    (
      [ "$max_mb" -gt 0 ] && ulimit -v $((max_mb * 1024))
      if [ "$timeout_s" -gt 0 ]; then
        exec "$GNU_TIME" -f '%e %M %U %S' -o "$WORK/time" timeout "$timeout_s" "$@" \
          >"$WORK/out" 2>"$WORK/err"
      else
        exec "$GNU_TIME" -f '%e %M %U %S' -o "$WORK/time" "$@" >"$WORK/out" 2>"$WORK/err"
      fi
    )
    rc=$?
    set -e
    # wall seconds, peak KB, CPU seconds (user + system: on a shared
    # machine the work done, whatever the wait for a core)
    t=$(tail -n 1 "$WORK/time" | awk 'NF >= 4 {printf "%s %s %.2f", $1, $2, $3 + $4}')
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$name" "$i" "$(echo "$t" | cut -d' ' -f1)" \
      "$(echo "$t" | cut -d' ' -f2)" "$rc" "$(echo "$t" | cut -d' ' -f3)" >>"$RAW"
    if [ "$rc" = 124 ]; then
      status=timeout
      echo "run.sh: $name at $size people: stopped after ${timeout_s}s" >&2
      break
    elif [ "$rc" = 137 ] || grep -q 'terminated by signal 9' "$WORK/time"; then
      status=killed
      echo "run.sh: $name at $size people: killed (out of memory?)" >&2
      break
    elif [ "$rc" != 0 ] && grep -qi 'out of memory\|cannot allocate\|bad_alloc' "$WORK/err"; then
      status=nomem
      echo "run.sh: $name at $size people: out of memory (--max-memory $max_mb)" >&2
      break
    elif [ "$rc" != 0 ]; then
      status=failed
      failed=1
      echo "run.sh: $name at $size people failed (exit $rc): $*" >&2
      tail -n 5 "$WORK/err" | sed 's/^/  /' >&2
      break
    fi
    echo "$t" >>"$WORK/times"
    i=$((i + 1))
  done
  [ -f "$WORK/export" ] && echo "$size $name $(wc -c <"$WORK/export")" >>"$WORK/sizes"
  rm -rf "$WORK/exports" "$WORK/export"
  if [ "$status" = ok ]; then
    secs=$(cut -d' ' -f1 "$WORK/times" | median)
    kb=$(cut -d' ' -f2 "$WORK/times" | median)
    cpu=$(cut -d' ' -f3 "$WORK/times" | median)
  else
    secs=nan kb=nan cpu=nan
  fi
  echo "$size $name $secs $kb $status $cpu" >>"$RESULTS"
  printf '  %-12s %8s s %10s KB  %s\n' "$name" "$secs" "$kb" "$status" >&2
  [ "$status" = ok ]
}

# kgbuild's own passes, then each measure alone (issue 16): a measure's
# time is that of `stats --measures=M` less that of `stats --measures=none`.
measure_own_and_measures() {
  measure "$size" own "$KG" --ontology="$ONTO" --measures=none --exports="$WORK/exports" "$dir" ||
    return 1
  for m in none degree betweenness pagerank components communities; do
    measure "$size" "stats_$m" "$KG" stats --ontology="$ONTO" --measures="$m" -q "$dir" ||
      return 1
  done
  "$KG" stats --json --ontology="$ONTO" --measures=communities "$dir" 2>/dev/null |
    sed -n 's/.*"modularity":\([0-9.]*\).*"passes":\([0-9]*\).*/\1 \2/p' |
    head -n 1 | { read -r q p && echo "$size $q $p" >>"$WORK/leiden"; } || true
}

# Compressed N-Triples, by kgbuild (streamed) and by the tools on the
# plain file (written first, not timed).
measure_compression() {
  "$KG" --ontology="$ONTO" --format=nt -o "$WORK/plain.nt" "$dir" 2>/dev/null || return 1
  echo "$size nt_plain $(wc -c <"$WORK/plain.nt")" >>"$WORK/sizes"
  measure "$size" nt.gz "$KG" --ontology="$ONTO" --format=nt --compress=gzip -o "$WORK/export" "$dir" &&
    measure "$size" nt.zst "$KG" --ontology="$ONTO" --format=nt --compress=zstd -o "$WORK/export" "$dir" &&
    measure "$size" gzip_1 sh -c 'gzip -1 -c "$1" >"$2"' sh "$WORK/plain.nt" "$WORK/export" &&
    measure "$size" zstd_T2 sh -c 'zstd -q -T2 -c "$1" >"$2"' sh "$WORK/plain.nt" "$WORK/export"
  st=$?
  rm -f "$WORK/plain.nt"
  return $st
}

summary_field() { # FILE PATTERN: the number before PATTERN in kgbuild's summary
  sed -n "s/.* \([0-9][0-9]*\) $2.*/\1/p" "$1" | tail -n 1
}

: >"$RESULTS"
: >"$WORK/sizes"
: >"$WORK/leiden"
: >"$WORK/bases"
load_start=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
record_base() {
  echo "$size $files $bytes ${entities:-} ${statements:-} ${triples:-}" >>"$WORK/bases"
}
for size in $sizes; do
  entities="" statements="" triples=""
  dir=$data/$size
  want="people=$size seed=$seed max-file-mb=20 gen=$(sed -n 's/^GEN_VERSION = //p' bench/gen.py)"
  if [ "$(head -n 1 "$dir/GENERATED" 2>/dev/null)" != "$want" ]; then
    echo "run.sh: generating $size people in $dir" >&2
    "$PY" bench/gen.py --people "$size" --seed "$seed" --out "$dir" >&2
  fi
  bytes=$(sed -n 's/.*bytes=\([0-9]*\).*/\1/p' "$dir/GENERATED")
  files=$(sed -n 's/^files=\([0-9]*\).*/\1/p' "$dir/GENERATED")
  echo "run.sh: $size people: $files files, $bytes bytes; $runs runs each" >&2

  # The measurements the targets need come first, so that a size that
  # reaches a limit (--timeout, memory) still gives them.
  measure "$size" check "$KG" check --ontology="$ONTO" "$dir" || { record_base; continue; }
  entities=$(summary_field "$WORK/err" entities)
  statements=$(summary_field "$WORK/err" statements)
  measure "$size" floor_yaml bench/floor_yaml "$dir" || { record_base; continue; }
  ordered=$(for f in nt graphml $formats; do echo "$f"; done | awk '!seen[$0]++' | tr '\n' ' ')
  ok=1
  for f in $ordered; do
    case " $formats " in *" $f "*) ;; *) continue ;; esac
    measure "$size" "$f" "$KG" --ontology="$ONTO" --format="$f" -o "$WORK/export" "$dir" ||
      { ok=0; break; }
    if [ "$f" = nt ]; then
      triples=$(summary_field "$WORK/err" triples)
      measure "$size" floor_nt bench/floor_nt "$triples" "$WORK/export" || { ok=0; break; }
    fi
  done
  [ "$ok" = 1 ] || { record_base; continue; }
  if [ -z "$triples" ]; then  # no nt format: the triples of another run
    triples=$(summary_field "$WORK/err" triples)
    measure "$size" floor_nt bench/floor_nt "$triples" "$WORK/export" || { record_base; continue; }
  fi
  measure "$size" all "$KG" --ontology="$ONTO" --exports="$WORK/exports" "$dir" || true
  measure_own_and_measures || true
  measure_compression || true
  record_base
done

# ---- report -----------------------------------------------------------------

load_end=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
rev=$(git -C "$REPO" describe --always --dirty 2>/dev/null || echo unknown)
version=$("$KG" --version 2>/dev/null | head -n 1)
sum=$(sha256sum "$KG" | cut -c1-12)
echo
echo "kgbuild benchmark: $(nproc 2>/dev/null || echo '?') cores${cpu:+, $cpu}"
echo "measured: $kg ($version, sha256 $sum); repository at $rev"
echo "median of $runs run(s); time = wall seconds, RSS = peak resident MB (GNU time)"
echo "load average at start: $load_start; at end: $load_end (other work skews times)"
[ "$timeout_s" = 0 ] || echo "limit: --timeout $timeout_s s per command"
[ "$max_mb" = 0 ] || echo "limit: --max-memory $max_mb MB (ulimit -v) per command"
echo
awk -v sizes="$sizes" -v formats="$formats" -v bases="$WORK/bases" '
function fmt_t(v) { return v == "nan" || v == "" ? "-" : sprintf("%.2f", v) }
function fmt_m(v) { return v == "nan" || v == "" ? "-" : sprintf("%.1f", v / 1024) }
function ratio(a, b) { return (a == "" || b == "" || a == "nan" || b == "nan" || b + 0 == 0) ? "" : a / b }
function verdict(r, limit) { return r == "" ? "n/a" : sprintf("%.2fx %s", r, r <= limit ? "PASS" : "FAIL") }
{ t[$1, $2] = $3; m[$1, $2] = $4; st[$1, $2] = $5; c[$1, $2] = $6 }
END {
  ns = split(sizes, S, " ")
  while ((getline line < bases) > 0) {
    split(line, b, " "); files[b[1]] = b[2]; bytes[b[1]] = b[3]
    ent[b[1]] = b[4]; stm[b[1]] = b[5]; tri[b[1]] = b[6]
  }
  printf "%-26s", "fact base (people)"
  for (i = 1; i <= ns; i++) printf "%20s", S[i]
  printf "\n"
  split("files MB entities statements triples", rows, " ")
  for (r = 1; r <= 5; r++) {
    printf "  %-24s", rows[r]
    for (i = 1; i <= ns; i++) {
      s = S[i]
      v = rows[r] == "files" ? files[s] : rows[r] == "MB" ? (s in bytes ? sprintf("%.1f", bytes[s] / 1e6) : "") : \
          rows[r] == "entities" ? ent[s] : rows[r] == "statements" ? stm[s] : tri[s]
      printf "%20s", v == "" ? "-" : v
    }
    printf "\n"
  }
  printf "\n%-26s", "measurement"
  for (i = 1; i <= ns; i++) printf "%11s %8s", "time s", "RSS MB"
  printf "\n"
  nm = split("check floor_yaml " formats " floor_nt all", M, " ")
  for (k = 1; k <= nm; k++) {
    name = M[k]
    label = name == "check" ? "check" : name == "all" ? "all (--exports)" : name ~ /^floor/ ? name : "--format=" name
    printf "  %-24s", label
    for (i = 1; i <= ns; i++) {
      s = S[i]
      if (st[s, name] == "timeout") printf "%20s", "timeout"
      else if (st[s, name] == "killed") printf "%20s", "killed (memory?)"
      else if (st[s, name] == "nomem") printf "%20s", "out of memory"
      else if (st[s, name] == "failed") printf "%20s", "FAILED"
      else printf "%11s %8s", fmt_t(t[s, name]), fmt_m(m[s, name])
    }
    printf "\n"
  }
  printf "\ntargets (issue \"Performance\"; reported, not asserted):\n"
  for (i = 1; i <= ns; i++) {
    s = S[i]
    printf "  %-9s all / (floor_yaml + floor_nt) <= 3x:  %s\n", s, \
      verdict(ratio(t[s, "all"], (t[s, "floor_yaml"] == "nan" || t[s, "floor_nt"] == "nan") ? "nan" : t[s, "floor_yaml"] + t[s, "floor_nt"]), 3)
    printf "  %-9s check / floor_yaml <= 2x:              %s\n", s, verdict(ratio(t[s, "check"], t[s, "floor_yaml"]), 2)
    printf "  %-9s check / floor_yaml <= 1.5x (issue 20): wall %s; CPU %s\n", s, \
      verdict(ratio(t[s, "check"], t[s, "floor_yaml"]), 1.5), verdict(ratio(c[s, "check"], c[s, "floor_yaml"]), 1.5)
    printf "  %-9s peak RSS / fact bytes <= 8x:  nt %s, graphml %s\n", s, \
      verdict(ratio(m[s, "nt"] * 1024, bytes[s]), 8), verdict(ratio(m[s, "graphml"] * 1024, bytes[s]), 8)
  }
  for (i = 2; i <= ns; i++) {
    a = S[i - 1]; s = S[i]
    limit = 1.1 * s / a
    printf "  time(%s)/time(%s) <= %gx:", s, a, limit
    n2 = split("check " formats " all", X, " ")
    for (k = 1; k <= n2; k++)
      printf "%s %s %s", (k > 1 ? "," : ""), X[k], verdict(ratio(t[s, X[k]], t[a, X[k]]), limit)
    printf "\n"
  }
}' "$RESULTS"
echo
awk -v sizes="$sizes" -v sizesf="$WORK/sizes" -v leiden="$WORK/leiden" '
function fmt_t(v) { return v == "nan" || v == "" ? "-" : sprintf("%.2f", v) }
function diff(a, b) { return (a == "" || b == "" || a == "nan" || b == "nan") ? "" : (a - b > 0 ? a - b : 0) }
{ t[$1, $2] = $3; st[$1, $2] = $5 }
END {
  ns = split(sizes, S, " ")
  while ((getline line < sizesf) > 0) { split(line, b, " "); bytes[b[1], b[2]] = b[3] }
  while ((getline line < leiden) > 0) { split(line, b, " "); q[b[1]] = b[2]; passes[b[1]] = b[3] }
  printf "kgbuild'"'"'s own passes and the measures, apart (seconds):\n"
  printf "  %-48s", ""
  for (i = 1; i <= ns; i++) printf "%10s", S[i]
  printf "  %s\n", "bound"
  for (i = 1; i <= ns; i++) {
    s = S[i]
    own[s] = t[s, "own"]; chk[s] = t[s, "check"]
    rest[s] = diff(own[s], chk[s]); meas[s] = diff(t[s, "all"], own[s])
  }
  row("own passes (all --measures=none)", own, "O(facts)")
  row("  load, model, check (check)", chk, "O(facts log facts)")
  row("  network, triples, writing (own - check)", rest, "O(facts)")
  row("measures (all - own)", meas, "")
  split("degree betweenness pagerank components communities", MS, " ")
  split("O(V+E)|O(V*E), exact Brandes|O(E) per iteration, PRPACK|O(V+E)|O(E) per Leiden pass", B, "|")
  for (k = 1; k <= 5; k++) {
    for (i = 1; i <= ns; i++) { s = S[i]; v[s] = diff(t[s, "stats_" MS[k]], t[s, "stats_none"]) }
    row("  " MS[k] " (stats_" MS[k] " - stats_none)", v, B[k])
  }
  printf "  %-48s", "  Leiden: modularity, passes"
  for (i = 1; i <= ns; i++) printf "%10s", (S[i] in q) ? sprintf("%.3f/%d", q[S[i]], passes[S[i]]) : "-"
  printf "\n"
  for (i = 2; i <= ns; i++) {
    a = S[i - 1]; s = S[i]; limit = 1.1 * s / a
    r = (own[a] == "" || own[a] == "nan" || own[a] + 0 == 0 || own[s] == "nan" || own[s] == "") ? "" : own[s] / own[a]
    printf "  own passes: time(%s)/time(%s) <= %gx:  %s\n", s, a, limit, r == "" ? "n/a" : sprintf("%.2fx %s", r, r <= limit ? "PASS" : "FAIL")
  }
  printf "\ncompressed N-Triples (time s, size MB, ratio to the plain kg.nt):\n"
  split("nt.gz nt.zst gzip_1 zstd_T2", C, " ")
  split("kgbuild --compress=gzip (level 1)|kgbuild --compress=zstd (level 3, -j)|gzip -1 of kg.nt|zstd -T2 of kg.nt", CL, "|")
  for (i = 1; i <= ns; i++) {
    s = S[i]; plain = bytes[s, "nt_plain"]
    printf "  %-9s plain kg.nt: --format=nt %s s, %s MB\n", s, fmt_t(t[s, "nt"]), plain == "" ? "-" : sprintf("%.1f", plain / 1e6)
    for (k = 1; k <= 4; k++) {
      c = C[k]; sz = bytes[s, c]
      printf "  %-9s %-40s %8s s %9s MB %7s\n", s, CL[k], fmt_t(t[s, c]), sz == "" ? "-" : sprintf("%.1f", sz / 1e6), \
        (sz == "" || plain == "") ? "-" : sprintf("%.1f%%", 100 * sz / plain)
    }
  }
}
function row(label, arr, bound,   i) {
  printf "  %-48s", label
  for (i = 1; i <= ns; i++) printf "%10s", fmt_t(arr[S[i]])
  printf "  %s\n", bound
}' "$RESULTS"
echo
echo "raw runs: $RAW"
if [ "$failed" = 1 ]; then
  echo "run.sh: a measured command failed; the table is incomplete" >&2
  exit 1
fi
exit 0
