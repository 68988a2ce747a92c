# tests/stores/virtuoso-lib.sh - a throwaway OpenLink Virtuoso 7 server for
# tests (POSIX sh, sourced).  Used by tests/t/80-stores.t (which sources it,
# so that the server is its own child and is reaped) and by the command-line
# wrapper tests/stores/virtuoso.sh.  Follows the shared Virtuoso notes (virtuoso.md)
# (gotchas G1-G8 referenced below).
#
#   vt_start DIR        make DIR (a fresh, empty or absent directory), write
#                       DIR/virtuoso.ini, start virtuoso-t on two free
#                       127.0.0.1 ports with its database in DIR/db, wait until
#                       it answers SQL and HTTP SPARQL; write DIR/env
#   vt_attach DIR       read DIR/env (for a server started by another process)
#   vt_load FILE GRAPH  bulk-load one .ttl/.nt/.nq file (ld_dir +
#                       rdf_loader_run + checkpoint); GRAPH is the target
#                       graph (for N-Quads: the graph of lines without one);
#                       fails when DB.DBA.LOAD_LIST records any error
#   vt_count GRAPH      print the number of triples in GRAPH (over SQL)
#   vt_query FILE.rq [DEFAULT-GRAPH]
#                       run a query over HTTP /sparql; print the SPARQL JSON
#                       answer; DEFAULT-GRAPH is sent as default-graph-uri so
#                       that the query does not see Virtuoso's system graphs
#   vt_sql SQL          run SQL statements (one per line) through isql-vt;
#                       fails on any "*** Error" (isql exits 0 on them, G4)
#   vt_stop             shut the server down (shutdown, then TERM, then KILL),
#                       and wait for it; never touches any other process
#   vt_log              print the end of the server's log
# Every function prints its problems on standard error and returns non-zero.

VT_DIR=${VT_DIR:-}
VT_PID=${VT_PID:-}
VT_SQL_PORT=${VT_SQL_PORT:-}
VT_HTTP_PORT=${VT_HTTP_PORT:-}
VT_ISQL=${VT_ISQL:-isql-vt}
VT_SERVER=${VT_SERVER:-virtuoso-t}
VT_START_TIMEOUT=${VT_START_TIMEOUT:-60}
# seconds an isql call may take (a bulk load of millions of quads: more)
VT_ISQL_TIMEOUT=${VT_ISQL_TIMEOUT:-120}

vt_err() { echo "virtuoso: $*" >&2; }

# Two distinct free TCP ports on 127.0.0.1 (the kernel picks them).
vt_free_ports() {
  python3 -c '
import socket
ss = [socket.socket() for _ in range(2)]
for s in ss: s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in ss])
for s in ss: s.close()'
}

vt_log() {
  [ -n "$VT_DIR" ] || return 0
  for f in "$VT_DIR/db/virtuoso.log" "$VT_DIR/db/stdout.log"; do
    [ -s "$f" ] && { echo "--- $f (last 30 lines)"; tail -n 30 "$f"; }
  done
  return 0
}

# vt_alive: the server process exists and is not a zombie.
vt_alive() {
  [ -n "$VT_PID" ] && [ -r "/proc/$VT_PID/stat" ] || return 1
  # state is the field after the ")" that ends the command name
  state=$(sed 's/.*) \([A-Za-z]\).*/\1/' "/proc/$VT_PID/stat" 2>/dev/null)
  [ -n "$state" ] && [ "$state" != Z ] && [ "$state" != X ]
}

vt_write_ini() { # DIR SQLPORT HTTPPORT
  cat >"$1/virtuoso.ini" <<EOF
; A private, throwaway Virtuoso for tests (tests/stores/virtuoso-lib.sh).
[Database]
DatabaseFile       = $1/db/virtuoso.db
ErrorLogFile       = $1/db/virtuoso.log
LockFile           = $1/db/virtuoso.lck
TransactionFile    = $1/db/virtuoso.trx
xa_persistent_file = $1/db/virtuoso.pxa
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile    = $1/db/virtuoso-temp.db
TransactionFile = $1/db/virtuoso-temp.trx

[Parameters]
; host:port, so that it listens on loopback only (G6)
ServerPort         = 127.0.0.1:$2
DisableUnixSocket  = 1
; CaseMode 2 is required, or HTTP ASK answers are not booleans (G1)
CaseMode           = 2
; the bulk loader reads only from here (G5)
DirsAllowed        = ., $1/data
NumberOfBuffers    = 10000
MaxDirtyBuffers    = 7500
CheckpointInterval = 0

[HTTPServer]
ServerPort = 127.0.0.1:$3
ServerRoot = $1/www

[SPARQL]
; higher than any answer of the tests: Virtuoso truncates silently (G7)
ResultSetMaxRows       = 100000
MaxQueryExecutionTime  = 60
EOF
}

vt_save_env() {
  cat >"$VT_DIR/env" <<EOF
VT_DIR='$VT_DIR'
VT_PID='$VT_PID'
VT_SQL_PORT='$VT_SQL_PORT'
VT_HTTP_PORT='$VT_HTTP_PORT'
EOF
}

vt_attach() {
  [ -f "$1/env" ] || { vt_err "$1/env: no server started in $1"; return 1; }
  . "$1/env"
}

# vt_isql_raw: isql-vt on the server, statements on standard input (each on
# its own line: G4), output on standard output.
vt_isql_raw() {
  timeout "${VT_ISQL_TIMEOUT:-120}" "$VT_ISQL" "127.0.0.1:$VT_SQL_PORT" dba dba \
    VERBOSE=OFF BANNER=OFF PROMPT=OFF ECHO=OFF ERRORS=STDOUT
}

vt_sql() {
  out=$(printf '%s\n' "$1" | vt_isql_raw 2>&1)
  rc=$?
  printf '%s\n' "$out"
  if [ $rc -ne 0 ] || printf '%s\n' "$out" | grep -q '^\*\*\* Error'; then
    vt_err "isql failed (exit $rc) on: $1"
    return 1
  fi
}

vt_ready() {
  printf 'select 1;\n' | vt_isql_raw >/dev/null 2>&1 || return 1
  curl -sS --max-time 5 -H 'Accept: application/sparql-results+json' \
    --data-urlencode 'query=ASK { ?s ?p ?o }' \
    "http://127.0.0.1:$VT_HTTP_PORT/sparql" 2>/dev/null | grep -q '"boolean": *true'
}

vt_start() {
  VT_DIR=$1
  case $VT_DIR in
    /*) ;;
    *) VT_DIR=$(pwd)/$VT_DIR ;;
  esac
  # isql and the SQL string literals would mangle these characters (G4).
  case $VT_DIR in
    *[!A-Za-z0-9/._+-]*) vt_err "$VT_DIR: use a directory path of letters, digits and /._+-"; return 1 ;;
  esac
  command -v "$VT_SERVER" >/dev/null 2>&1 || { vt_err "$VT_SERVER not found (run tests/stores/install.sh)"; return 1; }
  command -v "$VT_ISQL" >/dev/null 2>&1 || { vt_err "$VT_ISQL not found (run tests/stores/install.sh)"; return 1; }
  if [ -e "$VT_DIR/db" ]; then vt_err "$VT_DIR/db exists: give a fresh directory"; return 1; fi
  mkdir -p "$VT_DIR/db" "$VT_DIR/data" "$VT_DIR/www" || return 1
  tries=0
  while :; do
    tries=$((tries + 1))
    # shellcheck disable=SC2046 # two numbers
    set -- $(vt_free_ports) || return 1
    VT_SQL_PORT=$1 VT_HTTP_PORT=$2
    vt_write_ini "$VT_DIR" "$VT_SQL_PORT" "$VT_HTTP_PORT"
    rm -f "$VT_DIR/db/"*
    # In the foreground, as a child of this shell: the caller can wait for it.
    # VT_SETSID=1 (the command-line wrapper) detaches it from the terminal.
    if [ "${VT_SETSID:-0}" = 1 ]; then
      setsid "$VT_SERVER" +foreground +configfile "$VT_DIR/virtuoso.ini" \
        </dev/null >"$VT_DIR/db/stdout.log" 2>&1 &
    else
      "$VT_SERVER" +foreground +configfile "$VT_DIR/virtuoso.ini" \
        </dev/null >"$VT_DIR/db/stdout.log" 2>&1 &
    fi
    VT_PID=$!
    vt_save_env
    waited=0
    while :; do
      if ! vt_alive; then
        wait "$VT_PID" 2>/dev/null
        break
      fi
      vt_ready && return 0
      if [ $waited -ge $((VT_START_TIMEOUT * 5)) ]; then
        vt_err "not ready after ${VT_START_TIMEOUT}s (pid $VT_PID, ports $VT_SQL_PORT/$VT_HTTP_PORT)"
        vt_log >&2
        vt_stop
        return 1
      fi
      sleep 0.2
      waited=$((waited + 1))
    done
    # It exited.  A port taken between picking and binding: try new ports.
    if [ $tries -lt 3 ] && grep -qE 'Failed (to start listening|HTTP listen)' \
         "$VT_DIR/db/virtuoso.log" "$VT_DIR/db/stdout.log" 2>/dev/null; then
      vt_err "port taken, retrying with other ports"
      continue
    fi
    vt_err "virtuoso-t exited during start-up (pid $VT_PID, ports $VT_SQL_PORT/$VT_HTTP_PORT)"
    vt_log >&2
    VT_PID=
    vt_save_env
    return 1
  done
}

vt_load() { # FILE GRAPH
  [ -f "$1" ] || { vt_err "$1: no such file"; return 1; }
  case $2 in
    *[!A-Za-z0-9:/._~#?=+-]*) vt_err "$2: unexpected character in graph IRI"; return 1 ;;
  esac
  # A directory of its own under DirsAllowed, holding just this file.
  n=1
  while [ -e "$VT_DIR/data/$n" ]; do n=$((n + 1)); done
  d=$VT_DIR/data/$n
  mkdir -p "$d" && cp "$1" "$d/" || return 1
  f=$(basename "$1")
  case $f in
    *[!A-Za-z0-9._-]*) vt_err "$f: use a file name of letters, digits and ._-"; return 1 ;;
  esac
  vt_sql "ld_dir ('$d', '$f', '$2');
rdf_loader_run ();
checkpoint;" >"$VT_DIR/load.out" || { cat "$VT_DIR/load.out" >&2; return 1; }
  # The bulk loader never raises an error: it records it (virtuoso.md §3).
  vt_sql "SELECT ll_file, ll_state, ll_error FROM DB.DBA.LOAD_LIST WHERE ll_state <> 2 OR ll_error IS NOT NULL;" \
    >"$VT_DIR/load.check" || return 1
  if grep -q "$d/" "$VT_DIR/load.check"; then
    vt_err "bulk load of $1 failed:"
    cat "$VT_DIR/load.check" >&2
    return 1
  fi
}

vt_count() { # GRAPH
  vt_sql "SPARQL SELECT COUNT(*) WHERE { GRAPH <$1> { ?s ?p ?o } };" >"$VT_DIR/count.out" || {
    cat "$VT_DIR/count.out" >&2; return 1; }
  grep -E '^[[:space:]]*[0-9]+[[:space:]]*$' "$VT_DIR/count.out" | tr -d ' \t' | tail -n 1
}

vt_query() { # FILE.rq [DEFAULT-GRAPH]
  [ -f "$1" ] || { vt_err "$1: no such file"; return 1; }
  body=$VT_DIR/http.body headers=$VT_DIR/http.headers
  # Always ask for SPARQL JSON: other types give bare text for ASK (G3).
  if [ -n "${2:-}" ]; then
    code=$(curl -sS --max-time 60 -o "$body" -D "$headers" -w '%{http_code}' \
      -H 'Accept: application/sparql-results+json' \
      --data-urlencode "query@$1" --data-urlencode "default-graph-uri=$2" \
      "http://127.0.0.1:$VT_HTTP_PORT/sparql")
  else
    code=$(curl -sS --max-time 60 -o "$body" -D "$headers" -w '%{http_code}' \
      -H 'Accept: application/sparql-results+json' \
      --data-urlencode "query@$1" \
      "http://127.0.0.1:$VT_HTTP_PORT/sparql")
  fi
  rc=$?
  if [ $rc -ne 0 ] || [ "$code" != 200 ]; then
    vt_err "$1: HTTP $code (curl exit $rc):"
    head -c 2000 "$body" >&2 2>/dev/null
    echo >&2
    return 1
  fi
  # Virtuoso cuts long answers off without an error (G7).
  if grep -qi '^X-SPARQL-MaxRows' "$headers"; then
    vt_err "$1: answer truncated by ResultSetMaxRows ($(grep -i '^X-SPARQL-MaxRows' "$headers"))"
    return 1
  fi
  cat "$body"
}

vt_stop() {
  [ -n "$VT_PID" ] || return 0
  if vt_alive; then
    # shutdown checkpoints and exits; SIGTERM is a quick shutdown (§5).
    # When isql cannot even connect, go straight to SIGTERM.
    if printf 'shutdown;\n' | timeout 20 "$VT_ISQL" "127.0.0.1:$VT_SQL_PORT" dba dba \
         VERBOSE=OFF BANNER=OFF PROMPT=OFF >/dev/null 2>&1; then
      sigs="none TERM KILL"
    else
      sigs="TERM KILL"
    fi
    for sig in $sigs; do
      if [ "$sig" != none ]; then
        [ "$sig" = TERM ] || vt_err "pid $VT_PID still running 10 s later; sending SIG$sig"
        kill -s "$sig" "$VT_PID" 2>/dev/null
      fi
      i=0
      while vt_alive && [ $i -lt 50 ]; do sleep 0.2; i=$((i + 1)); done
      vt_alive || break
    done
  fi
  # Reap it when it is our child (no-op otherwise).
  wait "$VT_PID" 2>/dev/null
  vt_alive && { vt_err "could not stop pid $VT_PID"; return 1; }
  VT_PID=
  [ -n "$VT_DIR" ] && [ -d "$VT_DIR" ] && vt_save_env
  return 0
}
