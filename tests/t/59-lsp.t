#!/bin/sh
# kgbuild lsp, the language server (issue 15 item 4; docs/editors.md):
# a scripted JSON-RPC client (tests/lsp/protocol.py) for the protocol's
# edge cases (requests before initialize, malformed and oversized messages,
# unknown methods, shutdown and exit, a client that vanishes) and each
# feature, on the release build and under ASan+UBSan; then a real editor,
# Neovim 0.7's built-in client run headless (tests/lsp/nvim.lua), opens a
# fact file with a misspelt reference, waits for the diagnostic, asks for
# completion, definition and rename, and checks the answers.
. tests/lib.sh
need_binaries
cd "$REPO" || exit 1

# A fact base: the seed plus facts/zz.yaml, whose line 4 has Chinese text
# and a character outside the BMP before a misspelt reference, and whose
# line 5 misspells a post.
B=$TMP/base
mkdir -p "$B"
cp -r facts ontology "$B/"
cat >"$B/facts/zz.yaml" <<'YAML'
people:
  - id: li-hua
    name: {en: Li Hua, zh: 李华}
    head-of: {quote: "李华 😀 heads it", value: cyber-digital-affairs-offic, source: china-top-cyber-diplomat-article}
    holds: mofa-cyber-digital-affairs-coordinatr
    source: china-top-cyber-diplomat-article
YAML

# tap_lines FILE: an ok per "PASS name" / "FAIL name: why" line.
tap_lines() {
  while IFS= read -r line; do
    case $line in
      PASS\ *) pass "${line#PASS }" ;;
      FAIL\ *) fail "${line#FAIL }" ;;
    esac
  done <"$1"
}

# --- the scripted client, release build
T=$TMP
timeout -s KILL 120 "$PY" tests/lsp/protocol.py "$KG" "$B" >"$T/proto.out" 2>&1
ok $? "protocol.py: every check passes" || diag "$T/proto.out"
tap_lines "$T/proto.out"

# --- the same under ASan+UBSan: no report, no leak
SAN=$T/san
rm -rf "$B-renamed"
(
  san_env "$SAN"
  timeout -s KILL 300 "$PY" tests/lsp/protocol.py "$KG_ASAN" "$B"
) >"$T/proto-asan.out" 2>&1
ok $? "protocol.py under ASan+UBSan: every check passes" ||
  grep -v '^PASS' "$T/proto-asan.out" | diag
san_clean "$SAN" >"$T/san.out"
ok $? "no sanitizer report from kgbuild lsp" || diag "$T/san.out"

# --- Neovim, a real editor
if ! command -v nvim >/dev/null 2>&1; then
  skip "nvim is not installed (Debian: neovim; tests/install-deps.sh)"
else
  N=$TMP/nvim
  mkdir -p "$N"
  cp -r "$B/facts" "$B/ontology" "$N/"
  (cd "$N" && KG=$KG HOME=$TMP XDG_STATE_HOME=$TMP/state XDG_CACHE_HOME=$TMP/cache \
    timeout -s KILL 120 nvim --headless -u NONE -i NONE \
    -c "luafile $REPO/tests/lsp/nvim.lua") >"$T/nvim.out" 2>&1
  grep -q '^DONE$' "$T/nvim.out"
  ok $? "nvim: the script ran to the end" || diag "$T/nvim.out"
  tap_lines "$T/nvim.out"
  # The same session with the sanitized server.
  rm -rf "$N" "$T/nsan"
  mkdir -p "$N"
  cp -r "$B/facts" "$B/ontology" "$N/"
  (san_env "$T/nsan" && cd "$N" && KG=$KG_ASAN HOME=$TMP \
    XDG_STATE_HOME=$TMP/state XDG_CACHE_HOME=$TMP/cache \
    timeout -s KILL 300 nvim --headless -u NONE -i NONE \
    -c "luafile $REPO/tests/lsp/nvim.lua") >"$T/nvim-asan.out" 2>&1
  grep -q '^DONE$' "$T/nvim-asan.out" && ! grep -q '^FAIL' "$T/nvim-asan.out"
  ok $? "nvim with the ASan+UBSan server: every check passes" ||
    diag "$T/nvim-asan.out"
  san_clean "$T/nsan" >"$T/nsan.out"
  ok $? "nvim session: no sanitizer report from kgbuild lsp" || diag "$T/nsan.out"
fi
done_testing
