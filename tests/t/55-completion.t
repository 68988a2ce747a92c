#!/bin/sh
# The bash completion (docs/kgbuild.bash-completion): it registers for
# kgbuild, and, in simulated COMP_WORDS, completes the commands and formats
# kgbuild lists (--list-commands, --list-formats), the options,
# the values of --format, --diagnostics and --color (as `--opt=value`, split
# or not at `=`), files and directories for FACTS, -o, --exports and
# --ontology, and entity ids after `show`, read from the fact files and
# equal to the nodes kgbuild compiles.  Also: every long option of --help is
# completed and documented in the man page, which renders without warnings.
. tests/lib.sh
COMP=$REPO/docs/kgbuild.bash-completion
MAN=$REPO/docs/kgbuild.1
BASH=$(command -v bash) || { echo "1..0 # SKIP bash is not installed"; exit 0; }

# A workspace whose files are known: facts/ (the minimal case), the seed
# facts as seed/, and a few decoys.
W=$TMP/ws
mkdir -p "$W/facts" "$W/out-dir" "$W/onto"
cp "$REPO"/tests/good/minimal/facts/*.yaml "$W/facts/"
cp -R "$REPO/facts" "$W/seed"
: >"$W/notes.txt"
: >"$W/extra.yml"

# c WORD...: the completions (one per line, sorted) with the cursor on the
# last WORD (or on word $CW, kgbuild being word 0), as bash would compute
# them for `kgbuild WORD...`.
cat >"$TMP/complete.bash" <<'EOF'
set -u
. "$1"
shift
COMP_WORDS=(kgbuild "$@")
COMP_CWORD=${CW:-$((${#COMP_WORDS[@]} - 1))} # CW: the cursor's word
COMP_LINE="${COMP_WORDS[*]}"
COMP_POINT=${#COMP_LINE}
COMPREPLY=()
_kgbuild kgbuild "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
((${#COMPREPLY[@]} == 0)) || printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort
EOF
# The completion asks `kgbuild` (the word being completed for) for its
# commands and formats: the kgbuild under test, first on PATH.
mkdir -p "$TMP/bin"
ln -s "$KG" "$TMP/bin/kgbuild"
c() { (cd "$W" && PATH="$TMP/bin:$PATH" "$BASH" --norc --noprofile "$TMP/complete.bash" "$COMP" "$@"); }

# expect DESCRIPTION EXPECTED WORD...: the completions are exactly EXPECTED
# (space-separated, any order).
expect() {
  d=$1 want=$2
  shift 2
  c "$@" >"$TMP/got" 2>"$TMP/got.err"
  # shellcheck disable=SC2086 # a list of words
  printf '%s\n' $want | LC_ALL=C sort | sed '/^$/d' >"$TMP/want"
  cmp -s "$TMP/got" "$TMP/want" && [ ! -s "$TMP/got.err" ]
  ok $? "$d" || { note "words: kgbuild $*"; note "want: $want"; diag "$TMP/got" "$TMP/got.err"; }
}
# has DESCRIPTION WORD-THAT-MUST-BE-AMONG WORD...
has() {
  d=$1 want=$2
  shift 2
  c "$@" >"$TMP/got" 2>"$TMP/got.err"
  grep -qxF -- "$want" "$TMP/got" && [ ! -s "$TMP/got.err" ]
  ok $? "$d" || { note "words: kgbuild $*"; diag "$TMP/got" "$TMP/got.err"; }
}

"$BASH" --norc --noprofile -c ". '$COMP' && complete -p kgbuild" >"$TMP/p" 2>&1
grep -qx 'complete -F _kgbuild kgbuild' "$TMP/p"
ok $? "complete -p: _kgbuild is registered for kgbuild" || diag "$TMP/p"

expect "commands and fact files at the start" \
  "build check stats schema show diff init import lsp push facts seed out-dir onto extra.yml" ''
expect "command prefix 's'" "stats schema show seed" s
expect "command prefix 'd'" "diff" d
expect "import <TAB>: its formats" "popolo ftm wikidata csv" import ''
expect "import's own options" "--out= --mapping= --accessed= --diagnostics= --quiet --help" import --
expect "options" "--format= --output= --exports= --ontology= --sources= --base= --diagnostics= --color= --jobs= --measures= --compress= --quiet --help --version" --
expect "option prefix --f" "--format=" --f
expect "--json only after stats" "--jobs= --json" stats --j
expect "no --json without stats" "--jobs=" --j
expect "--stat only after diff" "--stat" diff --st
expect "no --stat without diff" "" --st
expect "--dry-run only after push" "--dry-run" push --dr
expect "--timeout= only after push" "--timeout=" push --ti
expect "no --dry-run without push" "" --dr
expect "push URL: no files for the URL" "" push ''
expect "--jobs=<TAB>: counts up to the processors" "$(seq 1 "$(nproc)" | tr '\n' ' ' | sed 's/ $//')" --jobs = ''
expect "-j's value is not taken for an operand" \
  "build check stats schema show diff init import lsp push facts seed out-dir onto extra.yml" -j 2 ''
expect "--format=<TAB> (split at =)" "ttl nt nq graphml gexf dot jsonld jsonld-context csv csv-nodes csv-edges shacl site" --format =
expect "--format=g (split at =)" "graphml gexf" --format = g
expect "--format=j (one word)" "--format=jsonld --format=jsonld-context" --format=j
expect "--compress=<TAB>" "gzip zstd none" --compress =
expect "--measures=degree,p: the word after the comma" "degree,pagerank" --measures = degree,p
expect "--measures=b (one word)" "--measures=betweenness" --measures=b
expect "-f <TAB>" "ttl nt nq graphml gexf dot jsonld jsonld-context csv csv-nodes csv-edges shacl site" -f ''
expect "--format <TAB> (separate word)" "ttl nt nq graphml gexf dot jsonld jsonld-context csv csv-nodes csv-edges shacl site" --format ''
# The commands and formats come from the binary (--list-commands,
# --list-formats), not from a list of the completion's own.
mkdir -p "$TMP/other"
printf '#!/bin/sh\ncase $1 in --list-formats) echo alpha; echo beta ;; --list-commands) echo build; echo zap ;; esac\n' >"$TMP/other/kgbuild"
chmod +x "$TMP/other/kgbuild"
(cd "$W" && PATH="$TMP/other:$PATH" "$BASH" --norc --noprofile "$TMP/complete.bash" "$COMP" --format= ) >"$TMP/got" 2>&1
printf '%s\n' --format=alpha --format=beta >"$TMP/want"
cmp -s "$TMP/got" "$TMP/want"
ok $? "--format=<TAB>: the formats kgbuild --list-formats prints" || diag "$TMP/got"
(cd "$W" && PATH="$TMP/other:$PATH" "$BASH" --norc --noprofile "$TMP/complete.bash" "$COMP" z ) >"$TMP/got" 2>&1
printf '%s\n' zap >"$TMP/want"
cmp -s "$TMP/got" "$TMP/want"
ok $? "z<TAB>: the commands kgbuild --list-commands prints" || diag "$TMP/got"
"$KG" --list-formats >"$TMP/formats" 2>&1
(cd "$W" && PATH="$TMP/bin:$PATH" "$BASH" --norc --noprofile "$TMP/complete.bash" "$COMP" --format '') >"$TMP/got" 2>&1
LC_ALL=C sort "$TMP/formats" | cmp -s - "$TMP/got"
ok $? "--format <TAB>: exactly kgbuild --list-formats" || diag "$TMP/got"
expect "--diagnostics=" "text json" --diagnostics = ''
expect "--color=" "auto always never" --color = ''
expect "--colour=a" "auto always" --colour = a
expect "--exports= completes directories only" "facts seed out-dir onto" --exports = ''
expect "--ontology o" "out-dir onto" --ontology o
has "-o completes files" notes.txt -o ''
has "-o offers - (standard output)" - -o ''
has "--output=<TAB> completes files" notes.txt --output = ''
expect "FACTS: directories and *.yaml/*.yml only" "facts seed out-dir onto extra.yml" check ''
expect "FACTS in a directory" "facts/facts.yaml" check facts/
expect "an option's value is not taken for an operand" \
  "build check stats schema show diff init import lsp push facts seed out-dir onto extra.yml" --format nt ''
expect "schema takes no operand" "" schema ''
expect "diff: two trees" "facts seed out-dir onto extra.yml" diff facts ''
expect "diff: nothing after NEW" "" diff facts seed ''
expect "init: a directory" "facts seed out-dir onto" init ''
expect "init: nothing after DIR" "" init facts ''

# show: the ids of the fact files, and exactly kgbuild's nodes.
ids() { # FACTS: the kg_id of every node kgbuild compiles from FACTS
  "$KG" -q --format=graphml "$@" 2>/dev/null |
    sed -n 's/.*<data key="v_kg_id">\([^<]*\)<.*/\1/p' | LC_ALL=C sort
}
c show '' >"$TMP/got"
(cd "$W" && ids --ontology="$REPO/tests/good/ontology" facts) >"$TMP/want"
[ -s "$TMP/want" ] && cmp -s "$TMP/got" "$TMP/want"
ok $? "show <TAB>: the ids of facts/, exactly kgbuild's nodes ($(wc -l <"$TMP/want"))" ||
  { diff "$TMP/want" "$TMP/got" | diag; }
expect "show ID <TAB>: fact files" "facts seed out-dir onto extra.yml" show wang-lei ''
CW=2
export CW # the cursor on the id
c show '' seed >"$TMP/got"
(cd "$W" && ids --ontology="$REPO/ontology" seed) >"$TMP/want"
[ -s "$TMP/want" ] && cmp -s "$TMP/got" "$TMP/want"
ok $? "show <TAB> seed: the seed's ids, exactly kgbuild's nodes ($(wc -l <"$TMP/want"))" ||
  { diff "$TMP/want" "$TMP/got" | diag; }
c show wang-l seed >"$TMP/got"
grep -qx wang-lei "$TMP/got" && ! grep -qv '^wang-l' "$TMP/got"
ok $? "show wang-l<TAB> seed: completes the prefix" || diag "$TMP/got"
expect "show <TAB> out-dir (no fact files): no ids, no errors" "" show '' out-dir
unset CW

# Every long option of --help is completed and documented.
"$KG" --help >"$TMP/help"
c -- >"$TMP/opts"
missing=""
# shellcheck disable=SC2013 # options are words
for o in $(grep -oE -- '--[a-z][a-z-]*' "$TMP/help" | sort -u); do
  # a command's own options are completed after it (above)
  case $o in
    --json | --stat | --dry-run | --timeout) ;;
    *) grep -q -- "^$o=\{0,1\}\$" "$TMP/opts" || missing="$missing completion:$o" ;;
  esac
  grep -q -- "$(printf '%s' "$o" | sed 's/-/\\\\-/g')" "$MAN" || missing="$missing man:$o"
done
[ -z "$missing" ]
ok $? "every long option of --help is completed and in the man page" || note "missing:$missing"

# The man page renders without warnings.
if command -v groff >/dev/null 2>&1; then
  groff -man -Tutf8 -ww -z "$MAN" >"$TMP/groff" 2>&1
  rc=$?
  [ $rc = 0 ] && [ ! -s "$TMP/groff" ]
  ok $? "groff -man -ww: docs/kgbuild.1 has no warnings" || diag "$TMP/groff"
else
  skip "groff is not installed"
fi
done_testing
