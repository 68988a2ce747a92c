#!/bin/sh
# kgbuild push (issue 22, item 1) against a real store: a throwaway
# Virtuoso 7 (tests/stores/virtuoso-lib.sh), written through its Graph
# Store endpoint with digest authentication, behind a logging proxy that
# can also misbehave (tests/stores/push-proxy.py: drop a request's stream
# half-way, answer 503 or 413).  The fact base is the seed plus a file of
# two sources of its own, so that there are four graphs to tell apart.
#
# After every push that succeeds, the store must hold what kg.nq holds, as
# a set of quads (tests/stores/push-compare.py: every kgbuild graph read
# back and compared with kg.nq parsed by rdflib, i.e. a bulk load of it;
# the manifest names exactly kg.nq's graphs), and answer the competency
# questions (examples/queries, and the seed's two in tests/stores/queries)
# as Oxigraph does over the same kg.nq.  The proxy's log shows what was
# sent: everything at first, nothing when nothing changed, only the
# changed source's graph after an edit, a DELETE for a removed source.
# A push whose stream is cut part-way exits 3 with one diagnostic and
# leaves the manifest as it was; the next one repairs the store.  The
# errors: a wrong password (401), a port nobody listens on, malformed
# URLs, a store answering 503 (retried, then exit 3), one that stalls
# (--timeout), a URL that is no Graph Store endpoint, HTTPS to a
# certificate not trusted.  One push goes over HTTPS (the proxy speaks TLS,
# with a certificate of its own that KGBUILD_PUSH_CA names).
. tests/lib.sh
need_binaries
need_seed
STORES=$REPO/tests/stores
T=$TMP
MANIFEST=${BASE_IRI}_push
G_ONE=${BASE_IRI}extra-one
G_TWO=${BASE_IRI}extra-two
G_THREE=${BASE_IRI}extra-three
G_ARTICLE=${BASE_IRI}china-top-cyber-diplomat-article
PROXY_PID=
. "$STORES/virtuoso-lib.sh"
T0=$(date +%s%N)
ms() { echo $((($(date +%s%N) - T0) / 1000000)); }
stop_proxy() {
  for pid in $PROXY_PID; do
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  PROXY_PID=
}
trap 'stop_proxy; vt_stop >/dev/null 2>&1; rm -rf "$TMP"' EXIT
[ -d "$STORES/node_modules/oxigraph" ] ||
  { echo "Bail out! oxigraph is not installed (run sh tests/stores/install.sh)"; exit 1; }

# ---- the fact base: the seed and two sources of its own ----
note "the fact base: the seed and two sources of its own ($(ms) ms)"
B=$T/base
mkdir -p "$B" "$T/home"
cp -R "$REPO/facts" "$B/facts"
extra() { # FOUNDED [with-two] [with-three]
  {
    echo "sources:"
    echo "  - id: extra-one"
    echo "    title: Extra Source One"
    case " $* " in *" with-two "*) printf '  - id: extra-two\n    title: Extra Source Two\n' ;; esac
    case " $* " in *" with-three "*) printf '  - id: extra-three\n    title: Extra Source Three\n' ;; esac
    echo "organisations:"
    echo "  - id: extra-org"
    echo "    name: {en: Extra Organisation}"
    echo "    founded: $1"
    echo "    source: extra-one"
    case " $* " in *" with-two "*)
      printf '  - id: extra-org-two\n    name: {en: Extra Organisation Two}\n    source: extra-two\n' ;;
    esac
    case " $* " in *" with-three "*)
      printf '  - id: extra-org-three\n    name: {en: Extra Organisation Three}\n    source: extra-three\n' ;;
    esac
  } >"$B/facts/extra.yaml"
}
OPTS="--ontology=$REPO/ontology $SEED_SOURCES"
# nq NAME: kg.nq of the facts as they are now, into $T/NAME.nq
nq() {
  (cd "$B" && "$KG" -q $OPTS --format=nq -o "$T/$1.nq") 2>"$T/nq.err" ||
    { diag "$T/nq.err"; return 1; }
}

vt_start "$T/virtuoso" 2>"$T/vt-start.err"
if ! ok $? "virtuoso: a private server starts"; then
  diag "$T/vt-start.err"
  vt_log | diag
  done_testing
  exit
fi
HTTP=http://127.0.0.1:$VT_HTTP_PORT
DIRECT=$HTTP/sparql-graph-crud-auth

# ---- the proxy ----
note "the proxy ($(ms) ms)"
CONTROL=$T/control
LOG=$T/proxy.log
echo pass >"$CONTROL"
"$PY" "$STORES/push-proxy.py" --upstream "$HTTP" --log "$LOG" \
  --port-file "$T/proxy.port" --control "$CONTROL" 2>"$T/proxy.err" &
PROXY_PID=$!
i=0
while [ ! -s "$T/proxy.port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
[ -s "$T/proxy.port" ]
ok $? "the logging proxy listens" || diag "$T/proxy.err"
URL=http://127.0.0.1:$(cat "$T/proxy.port")/sparql-graph-crud-auth
# and an HTTPS one, with a certificate of its own (a private CA's, as far
# as kgbuild knows: KGBUILD_PUSH_CA)
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$T/tls.key" -out "$T/tls.crt" \
  -days 1 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 >"$T/openssl.err" 2>&1 &&
  "$PY" "$STORES/push-proxy.py" --upstream "$HTTP" --log "$LOG" --tls "$T/tls.crt" "$T/tls.key" \
    --port-file "$T/tls.port" --control "$CONTROL" 2>"$T/tls-proxy.err" &
PROXY_PID="$PROXY_PID $!"
i=0
while [ ! -s "$T/tls.port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
[ -s "$T/tls.port" ]
ok $? "the HTTPS proxy listens" || diag "$T/openssl.err" "$T/tls-proxy.err"
TLS_URL=https://127.0.0.1:$(cat "$T/tls.port")/sparql-graph-crud-auth

# push [ARGS...]: kgbuild push through the proxy, the log emptied first;
# credentials from the environment (the first push reads ~/.netrc).
push() {
  : >"$LOG"
  (cd "$B" && KGBUILD_PUSH_USER=${PUSH_USER-dba} KGBUILD_PUSH_PASSWORD=${PUSH_PASSWORD-dba} \
    KGBUILD_PUSH_CA=${PUSH_CA-} ${PUSH_KG:-$KG} push $OPTS "$@") >"$T/push.out" 2>"$T/push.err"
}
# sent: the graphs the last push wrote (PUT or POST answered 2xx), sorted
sent() {
  awk -F'\t' '($1 == "PUT" || $1 == "POST") && $5 ~ /^2/ { print $2 }' "$LOG" | sort -u | tr '\n' ' '
}
# set_of WORD...: the words as sent prints them
set_of() { printf '%s\n' "$@" | sort -u | tr '\n' ' '; }
# requests METHOD: how many the proxy saw
requests() { awk -F'\t' -v m="$1" '$1 == m' "$LOG" | wc -l | tr -d ' '; }
errors_only() { # one diagnostic line, then the sink's count
  [ "$(grep -c ': error: ' "$T/push.err")" = 1 ] &&
    [ "$(grep -vc -e ': error: ' -e '^1 error generated\.$' "$T/push.err")" = 0 ]
}
get_manifest() {
  curl -sS --digest -u dba:dba -H 'Accept: application/n-triples' \
    "$DIRECT?graph=$MANIFEST" | sort
}

# store_is NAME [quads]: the store holds $T/NAME.nq, and (unless "quads")
# answers the competency questions as Oxigraph does over it.
QUERIES="$REPO/examples/queries/*.rq $STORES/queries/answers-to-questions.rq $STORES/queries/told-to-the-us.rq"
store_is() {
  rm -rf "$T/ox" "$T/vt" "$T/vt.err"
  mkdir -p "$T/ox" "$T/vt"
  # Oxigraph's answers meanwhile (a process of its own)
  # shellcheck disable=SC2086 # the list of queries
  [ "${2:-}" = quads ] ||
    node "$STORES/oxigraph-query.mjs" --compact --union "$T/$1.nq" --out="$T/ox" $QUERIES \
      >/dev/null 2>"$T/ox.err" &
  ox=$!
  "$PY" "$STORES/push-compare.py" "$HTTP" "$T/$1.nq" "$MANIFEST" >"$T/cmp.out" 2>&1
  ok $? "$1: the store holds kg.nq's quads, graph by graph, and the manifest names its graphs" ||
    diag "$T/cmp.out"
  [ "${2:-}" = quads ] && return
  for q in $QUERIES; do
    vt_query "$q" >"$T/vt/$(basename "$q" .rq).json" 2>>"$T/vt.err"
  done
  # every answer in sparql-results.mjs's text form, in one node process
  SR=$STORES/sparql-results.mjs node --input-type=module -e '
    import { readFileSync, writeFileSync } from "node:fs";
    const { toText } = await import(process.env.SR);
    for (const f of process.argv.slice(1))
      writeFileSync(f.replace(/\.json$/, ".tsv"),
                    toText(readFileSync(f, "utf8"), { compact: true }));
  ' "$T"/vt/*.json 2>>"$T/vt.err"
  wait "$ox" || { fail "$1: oxigraph answers"; diag "$T/ox.err"; return; }
  bad=""
  for q in $QUERIES; do
    n=$(basename "$q" .rq)
    # Oxigraph reads xsd:nonNegativeInteger (a passage's offsets) as xsd:integer
    for f in "$T/vt/$n.tsv" "$T/ox/$n.tsv"; do
      sed 's/\^\^xsd:nonNegativeInteger/^^xsd:integer/g' "$f" >"$f.norm" 2>/dev/null
    done
    [ "$(wc -l <"$T/ox/$n.tsv.norm")" -gt 0 ] && cmp -s "$T/vt/$n.tsv.norm" "$T/ox/$n.tsv.norm" || bad="$bad $n"
  done
  [ -z "$bad" ]
  ok $? "$1: the store answers the $(echo $QUERIES | wc -w) competency questions as Oxigraph over kg.nq" ||
    { note "differ:$bad"; for n in $bad; do diff "$T/vt/$n.tsv.norm" "$T/ox/$n.tsv.norm" | diag; break; done; diag "$T/vt.err"; }
}

# ---- the first push, credentials from ~/.netrc ----
note "the first push, credentials from ~/.netrc ($(ms) ms)"
extra 2001 with-two
nq first
"$PY" "$STORES/push-compare.py" "$HTTP" "$T/first.nq" "$MANIFEST" >"$T/cmp.out" 2>&1
[ $? = 1 ]
ok $? "before any push, the comparison fails (the store is empty)" || diag "$T/cmp.out"
printf 'machine 127.0.0.1\nlogin dba\npassword dba\n' >"$T/home/.netrc"
chmod 600 "$T/home/.netrc"
: >"$LOG"
(cd "$B" && env -u KGBUILD_PUSH_USER -u KGBUILD_PUSH_PASSWORD HOME="$T/home" \
  "$KG" push $OPTS "$URL") >"$T/push.out" 2>"$T/push.err"
ok $? "the first push, with the password in ~/.netrc, exits 0" || diag "$T/push.err"
! grep -q "$(printf '\r')" "$T/push.err"
ok $? "... with no progress line (standard error is not a terminal)" || diag "$T/push.err"
[ "$(sent)" = "$(set_of "$G_ARTICLE" "$G_ONE" "$G_TWO" "$MANIFEST" https://w3id.org/kgbuild/ns)" ]
ok $? "the first push sends every graph and the manifest" || { note "sent: $(sent)"; diag "$LOG"; }
[ "$(awk -F'\t' '$1 == "PUT" && $2 == "'"$MANIFEST"'" && $5 ~ /^2/ { n = NR } END { print n }' "$LOG")" = "$(awk 'END { print NR }' "$LOG")" ]
ok $? "the manifest is written last" || diag "$LOG"
store_is first

# ---- nothing changed: nothing sent ----
note "nothing changed: nothing sent ($(ms) ms)"
PUSH_CA=$T/tls.crt push "$TLS_URL"
ok $? "a second push of the same facts, over HTTPS (KGBUILD_PUSH_CA), exits 0" || diag "$T/push.err"
[ "$(requests PUT)$(requests POST)$(requests DELETE)" = 000 ] && grep -q '0 graphs sent, 0 dropped, 4 unchanged$' "$T/push.err"
ok $? "... and sends nothing: $(grep -o '[0-9]* graphs sent.*unchanged' "$T/push.err")" || diag "$LOG"

# ---- one source's facts change: only its graph ----
note "one source's facts change: only its graph ($(ms) ms)"
extra 2002 with-two
nq changed
push --dry-run "$URL"
[ $? = 0 ] && [ "$(cat "$T/push.out")" = "put  <$G_ONE> (changed, $(grep -c " <$G_ONE> \.$" "$T/changed.nq") triples)" ] &&
  [ "$(requests PUT)$(requests POST)$(requests DELETE)" = 000 ]
ok $? "--dry-run lists the one changed graph and sends nothing" || { diag "$T/push.out"; diag "$T/push.err"; }
(cd "$B" && KGBUILD_PUSH_USER=dba KGBUILD_PUSH_PASSWORD=dba "$KG" push $OPTS --dry-run "$URL") \
  >/dev/full 2>"$T/push.err"
[ $? = 3 ] && grep -q '<stdout>: error: cannot write' "$T/push.err"
ok $? "--dry-run into a full disk: exit 3, saying so" || diag "$T/push.err"
# on a terminal (script(1) gives it one), with a progress line
printf 'cd "%s" && KGBUILD_PUSH_USER=dba KGBUILD_PUSH_PASSWORD=dba "%s" push %s "%s"\n' \
  "$B" "$KG" "$OPTS" "$URL" >"$T/push-tty.sh"
: >"$LOG"
script -qec "sh '$T/push-tty.sh'" /dev/null >"$T/push.err" 2>&1
ok $? "the push after one source's change, on a terminal, exits 0" || diag "$T/push.err"
grep -q "$(printf '\r')kgbuild: push: 1/1 graphs, .* MB sent" "$T/push.err"
ok $? "... and shows a progress line there" || diag "$T/push.err"
[ "$(sent)" = "$(set_of "$G_ONE" "$MANIFEST")" ] && [ "$(requests DELETE)" = 0 ]
ok $? "... and sends that source's graph and the manifest only" || { note "sent: $(sent)"; diag "$LOG"; }
store_is changed

# ---- a source removed: its graph dropped ----
note "a source removed: its graph dropped ($(ms) ms)"
extra 2002
nq removed
push "$URL"
ok $? "the push after a source is removed exits 0" || diag "$T/push.err"
awk -F'\t' '$1 == "DELETE" && $2 == "'"$G_TWO"'" && $5 == 200' "$LOG" | grep -q . &&
  [ "$(sent)" = "$(set_of "$MANIFEST")" ] && [ "$(vt_count "$G_TWO")" = 0 ]
ok $? "... DELETEs the removed source's graph, which is gone, and sends only the manifest" ||
  { note "sent: $(sent)"; diag "$LOG"; }
store_is removed

# ---- the stream cut mid-push: exit 3, manifest untouched; the next repairs ----
note "the stream cut mid-push: exit 3, manifest untouched; the next repairs ($(ms) ms)"
extra 2003 with-three
nq repaired
get_manifest >"$T/manifest.before"
echo "drop-after 2" >"$CONTROL"
push "$URL"
[ $? = 3 ] && errors_only
ok $? "a push whose stream is cut after the interim manifest and one graph exits 3 with one diagnostic" ||
  { diag "$T/push.err"; diag "$LOG"; }
# 4 attempts; libcurl itself resends once more when the connection it
# kept alive turns out dead before an answer
dropped=$(awk -F'\t' '$5 == "dropped"' "$LOG" | wc -l | tr -d ' ')
[ "$dropped" -ge 4 ] && [ "$dropped" -le 5 ] &&
  [ "$(awk -F'\t' '$5 == "dropped" { print $2 }' "$LOG" | sort -u)" = "$G_THREE" ]
ok $? "... after retrying the cut request ($dropped times in all)" || diag "$LOG"
get_manifest >"$T/manifest.after"
ZERO=0000000000000000000000000000000000000000000000000000000000000000
grep -q "^<$G_ONE>[[:space:]]<[^>]*contentHash>[[:space:]]\"$ZERO\"" "$T/manifest.after" &&
  grep -q "^<$G_THREE>[[:space:]]<[^>]*contentHash>[[:space:]]\"$ZERO\"" "$T/manifest.after" &&
  [ "$(grep -c "contentHash>[[:space:]]\"$ZERO\"" "$T/manifest.after")" = 2 ]
ok $? "... and the manifest in the store is the interim one: the two graphs the push was to write are pending, no other" ||
  diff "$T/manifest.before" "$T/manifest.after" | diag
"$PY" "$STORES/push-compare.py" "$HTTP" "$T/repaired.nq" "$MANIFEST" >"$T/cmp.out" 2>&1
[ $? = 1 ]
ok $? "... so the store differs from kg.nq" || diag "$T/cmp.out"
echo pass >"$CONTROL"
push "$URL"
ok $? "the next push exits 0" || diag "$T/push.err"
[ "$(sent)" = "$(set_of "$G_ONE" "$G_THREE" "$MANIFEST")" ]
ok $? "... sending again both graphs the failed one touched (the manifest had neither)" ||
  { note "sent: $(sent)"; diag "$LOG"; }
store_is repaired

# ---- a failed push, then the facts put back: the store repaired ----
# The failed push replaces one graph, then is cut; the facts go back to
# what the store's last complete push had.  A manifest written only at the
# end would still say that content, and the graph already replaced would
# never be resent (the reviewer's case).
note "a failed push, then the facts put back ($(ms) ms)"
extra 2004 with-two
# 3, not 2: the proxy counts anew only when the control changes; with the
# interim manifest first, the changed graph and the new one arrive and the
# drop is cut (without it, the cut falls on the drop as well)
echo "drop-after 3" >"$CONTROL"
push "$URL"
[ $? = 3 ]
ok $? "a push changing one graph, adding one and dropping one, cut at the drop, exits 3" ||
  { diag "$T/push.err"; diag "$LOG"; }
echo pass >"$CONTROL"
extra 2003 with-three
nq putback
push "$URL"
ok $? "the facts put back as the last complete push had them: the push exits 0" || diag "$T/push.err"
store_is putback quads

# ---- 413: a graph split into a PUT and POSTs ----
note "413: a graph split into a PUT and POSTs ($(ms) ms)"
curl -sS --digest -u dba:dba -X DELETE "$DIRECT?graph=$MANIFEST" >/dev/null
echo "max-body 200000" >"$CONTROL"
mkdir -p "$T/san"
san_env "$T/san"
PUSH_KG=$KG_ASAN push "$URL"
ok $? "with the manifest gone and a store refusing bodies over 200 kB (413), a push (ASan build) exits 0" ||
  diag "$T/push.err"
san_clean "$T/san" >"$T/san.out"
ok $? "... sanitizer-clean" || diag "$T/san.out"
unset PUSH_KG ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS
awk -F'\t' '$2 == "'"$G_ARTICLE"'" && $5 == 413' "$LOG" | grep -q . &&
  [ "$(awk -F'\t' '$1 == "POST" && $2 == "'"$G_ARTICLE"'" && $5 ~ /^2/' "$LOG" | wc -l)" -ge 1 ] &&
  [ "$(awk -F'\t' '($1 == "PUT" || $1 == "POST") && $5 ~ /^2/ && $3 > 200000' "$LOG" | wc -l)" = 0 ]
ok $? "... the article's graph, refused whole, went as a PUT and POSTs of at most 200 kB" || diag "$LOG"
echo pass >"$CONTROL"
cp "$T/repaired.nq" "$T/split.nq"
store_is split

# ---- errors: one line, exit 3, nothing written ----
note "errors: one line, exit 3, nothing written ($(ms) ms)"
PUSH_PASSWORD=wrong push "$URL"
[ $? = 3 ] && errors_only && grep -q 'HTTP 401' "$T/push.err" && ! grep -q wrong "$T/push.err"
ok $? "a wrong password: exit 3, one line naming 401" || diag "$T/push.err"
set -- $(vt_free_ports)
push "http://127.0.0.1:$1/sparql-graph-crud-auth"
[ $? = 3 ] && errors_only && grep -q 'cannot reach the store' "$T/push.err"
ok $? "a port nobody listens on: exit 3, one line" || diag "$T/push.err"
for u in 'htp://127.0.0.1/x' 'not a url' 'http://' "http://dba:secret@127.0.0.1:$VT_HTTP_PORT/sparql-graph-crud-auth" \
  "$URL#x" "$URL?graph=mine" "$URL?default"; do
  push "$u"
  [ $? = 3 ] && errors_only && grep -q 'malformed store URL' "$T/push.err" && ! grep -q secret "$T/push.err"
  ok $? "a malformed URL '$(echo "$u" | sed 's/secret/SECRET/')': exit 3, one line, no password echoed" ||
    diag "$T/push.err"
done
push "$TLS_URL"
[ $? = 3 ] && errors_only && grep -qi 'certificate' "$T/push.err" && [ ! -s "$LOG" ]
ok $? "HTTPS to a certificate the system does not trust: exit 3, one line, nothing sent" ||
  diag "$T/push.err"
echo "status 503" >"$CONTROL"
push "$URL"
[ $? = 3 ] && errors_only && grep -q 'HTTP 503 (4 attempts)' "$T/push.err" && [ "$(requests GET)" = 4 ]
ok $? "a store answering 503: retried 3 times with backoff, then exit 3, one line" ||
  { diag "$T/push.err"; diag "$LOG"; }
echo "stall 30" >"$CONTROL"
push --timeout=1 "$URL"
[ $? = 3 ] && errors_only && grep -q 'after every retry' "$T/push.err" && [ "$(requests GET)" = 4 ]
ok $? "a store that stalls: --timeout=1 gives up on each attempt, 4 attempts, exit 3, one line" ||
  { diag "$T/push.err"; diag "$LOG"; }
echo pass >"$CONTROL"
extra 2004
push "http://127.0.0.1:$(cat "$T/proxy.port")/no-such-endpoint"
[ $? = 3 ] && errors_only && grep -q 'no Graph Store endpoint' "$T/push.err"
ok $? "a URL that is not a Graph Store endpoint: exit 3, one line" || diag "$T/push.err"
store_is repaired quads

stop_proxy
vt_stop 2>"$T/vt.err"
ok $? "virtuoso: the server stops" || diag "$T/vt.err"
done_testing
