#!/bin/sh
# tests/stores/virtuoso.sh - a throwaway Virtuoso server from the command line
# (docs/stores.md).  The test suite sources tests/stores/virtuoso-lib.sh
# instead; this wrapper keeps the server's state in DIR/env between calls.
#
#   virtuoso.sh start DIR              fresh server on free loopback ports,
#                                      database in DIR/db (DIR must not hold one)
#   virtuoso.sh load DIR FILE GRAPH    bulk-load a .ttl/.nt/.nq file into GRAPH
#   virtuoso.sh count DIR GRAPH        number of triples in GRAPH
#   virtuoso.sh query DIR FILE.rq [GRAPH] [--json|--compact]
#                                      run a query over HTTP, GRAPH being the
#                                      default graph; print the answer as
#                                      sorted TSV (sparql-results.mjs), or the
#                                      server's SPARQL JSON with --json
#   virtuoso.sh sql DIR 'SQL;'         run SQL (and SPARQL ... ;) through isql
#   virtuoso.sh ports DIR              print "SQLPORT HTTPPORT"
#   virtuoso.sh stop DIR               shut it down (DIR is left for you to remove)
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/virtuoso-lib.sh"

usage() { sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[ $# -ge 2 ] || usage
cmd=$1 dir=$2
shift 2
case $cmd in
  start)
    [ $# -eq 0 ] || usage
    VT_SETSID=1 vt_start "$dir" || exit 1
    echo "virtuoso: pid $VT_PID, SQL 127.0.0.1:$VT_SQL_PORT, SPARQL http://127.0.0.1:$VT_HTTP_PORT/sparql"
    ;;
  load)
    [ $# -eq 2 ] || usage
    vt_attach "$dir" && vt_load "$1" "$2" || exit 1
    ;;
  count)
    [ $# -eq 1 ] || usage
    vt_attach "$dir" && vt_count "$1" || exit 1
    ;;
  query)
    [ $# -ge 1 ] || usage
    q=$1 g="" fmt=tsv
    shift
    for a; do
      case $a in
        --json) fmt=json ;;
        --compact) fmt=compact ;;
        -*) usage ;;
        *) g=$a ;;
      esac
    done
    vt_attach "$dir" || exit 1
    vt_query "$q" "$g" >"$VT_DIR/answer.json" || exit 1
    case $fmt in
      json) cat "$VT_DIR/answer.json"; echo ;;
      compact) node "$here/sparql-results.mjs" --compact <"$VT_DIR/answer.json" ;;
      *) node "$here/sparql-results.mjs" <"$VT_DIR/answer.json" ;;
    esac
    ;;
  sql)
    [ $# -eq 1 ] || usage
    vt_attach "$dir" && vt_sql "$1" || exit 1
    ;;
  ports)
    vt_attach "$dir" && echo "$VT_SQL_PORT $VT_HTTP_PORT"
    ;;
  stop)
    vt_attach "$dir" && vt_stop || exit 1
    ;;
  *) usage ;;
esac
