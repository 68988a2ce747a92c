#!/bin/sh
# make-binary-cases.sh OUTROOT - write the fact files of the bad-input cases
# that hold bytes awkward to commit (tabs, invalid UTF-8, NUL, CR, UTF-16) or
# that are too big to commit (deep nesting), as OUTROOT/<case>/facts/*.yaml.
# tests/t/20-bad.t runs it and merges the result with tests/bad/<case>/.
set -eu
out=$1
f() { mkdir -p "$out/$1/facts"; printf '%s' "$out/$1/facts/$2"; }

# A tab indents the key on line 6.
printf 'sources:\n  - id: src-a\n    title: Source A\norganisations:\n  - id: org-a\n\tname: {en: Org A}\n    source: src-a\n' \
  >"$(f tab-indentation facts.yaml)"

# Latin-1 e-acute (0xE9) on line 6, column 17 (byte offset 85).
printf 'sources:\n  - id: src-a\n    title: Source A\norganisations:\n  - id: org-a\n    name: {en: Caf\351 A}\n    source: src-a\n' \
  >"$(f invalid-utf8 facts.yaml)"

# An overlong encoding of '/' (C0 AF) on line 3, column 19.
printf 'sources:\n  - id: src-a\n    title: Source A \300\257 B\n' \
  >"$(f invalid-utf8-overlong facts.yaml)"

# A raw NUL byte on line 3, column 19.
printf 'sources:\n  - id: src-a\n    title: Source A\000B\n' \
  >"$(f nul-byte facts.yaml)"

# A valid fact base saved as UTF-16LE with a byte-order mark.
printf 'sources:\n  - id: src-a\n    title: Source A\n' |
  iconv -f UTF-8 -t UTF-16 >"$(f utf16-file facts.yaml)"

# Lone CR line ends; the unknown key is on line 7.
printf 'sources:\r  - id: src-a\r    title: Source A\rorganisations:\r  - id: org-a\r    name: {en: Org A}\r    nmae: {en: Org A}\r    source: src-a\r' \
  >"$(f cr-line-ends-unknown-key facts.yaml)"

# CRLF line ends; the unknown key is on line 7.
printf 'sources:\r\n  - id: src-a\r\n    title: Source A\r\norganisations:\r\n  - id: org-a\r\n    name: {en: Org A}\r\n    nmae: {en: Org A}\r\n    source: src-a\r\n' \
  >"$(f crlf-line-ends-unknown-key facts.yaml)"

# 100,000 levels of flow sequences.
awk 'BEGIN { s = "a: "; for (i = 0; i < 100000; i++) s = s "["; print s }' \
  >"$(f deep-nesting facts.yaml)"

# A NEL (U+0085) inside a plain scalar: a line break in YAML 1.1.
printf 'sources:\n  - id: src-a\n    title: Source \302\205A\n' \
  >"$(f nel-in-plain-scalar facts.yaml)"

# --- added for the reliability corpus (tests/t/75-reliability.t's issue) ---

# A byte-order mark in the middle of a plain value (raw EF BB BF), line 3.
printf 'sources:\n  - id: src-a\n    title: Source\357\273\277A\n' \
  >"$(f bom-mid-value-raw facts.yaml)"

# A BOM at the start is accepted; positions after it must still be right:
# the unknown key is on line 5, column 5.
printf '\357\273\277sources:\n  - id: src-a\n    title: Source A\n    publsihed: 2024\n' \
  >"$(f bom-at-start-positions facts.yaml)"

# UTF-16BE with a byte-order mark.
printf 'sources:\n  - id: src-a\n    title: Source A\n' |
  iconv -f UTF-8 -t UTF-16BE | { printf '\376\377'; cat; } >"$(f utf16be-file facts.yaml)"

# UTF-16LE without a byte-order mark: every other byte is NUL.
printf 'sources:\n  - id: src-a\n    title: Source A\n' |
  iconv -f UTF-8 -t UTF-16LE >"$(f utf16le-no-bom facts.yaml)"

# A UTF-16 surrogate encoded in UTF-8 (ED A0 80), line 3, column 19.
printf 'sources:\n  - id: src-a\n    title: Source \355\240\200A\n' \
  >"$(f encoded-surrogate facts.yaml)"

# A raw ESC (0x1B) control character in a plain value, line 3, column 19.
printf 'sources:\n  - id: src-a\n    title: Source \033[31mA\n' \
  >"$(f control-char-raw facts.yaml)"

# A raw CR inside a double-quoted value with LF line ends: YAML folds it.
# (Accepted: a lone CR is a line break; the case checks an error after it
# lands on the right line: the unknown key is on line 4.)
printf 'sources:\n  - id: src-a\n    title: "Source\rA"\n    titel: x\n' \
  >"$(f lone-cr-in-quoted-value facts.yaml)"

# A value one byte over the 64 KiB scalar limit.
{ printf 'sources:\n  - id: src-a\n    title: '
  head -c 65537 /dev/zero | tr '\0' x
  printf '\n'; } >"$(f scalar-over-64kib facts.yaml)"

# A 64 MiB value: the file is over the 64 MiB file limit and must be refused
# from its size alone, before it is read.
{ printf 'sources:\n  - id: src-a\n    title: '
  head -c 67108864 /dev/zero | tr '\0' x
  printf '\n'; } >"$(f file-over-64mib facts.yaml)"

# An implicit key of 1,100 characters (YAML allows 1,024).
{ printf 'sources:\n  - id: src-a\n    '
  head -c 1100 /dev/zero | tr '\0' k
  printf ': x\n'; } >"$(f implicit-key-too-long facts.yaml)"

# 100 levels of block mappings (not flow): the depth limit holds for both.
awk 'BEGIN { for (i = 0; i < 100; i++) { s = ""; for (j = 0; j < i; j++) s = s " "; print s "k" i ":" } }' \
  >"$(f deep-nesting-block facts.yaml)"

# 100,000 levels of flow mappings, unclosed ({a: {a: ...).
awk 'BEGIN { s = ""; for (i = 0; i < 100000; i++) s = s "{a: "; print s }' \
  >"$(f deep-nesting-flow-maps facts.yaml)"

# An alias bomb bigger than billion-laughs: 1,000 aliases of one anchor.
{ printf 'sources:\n  - id: src-a\n    title: &t Source A\n    alt: ['
  i=0; while [ $i -lt 999 ]; do printf '*t, '; i=$((i + 1)); done
  printf '*t]\n'; } >"$(f alias-bomb-wide facts.yaml)"

# --- issue 13, item 6: YAML's Unicode line breaks must not change a value ---

# A raw NEL (U+0085) inside a double-quoted value, line 3, column 19: libyaml
# folds it into a space, so the value would silently read "Source A".
printf 'sources:\n  - id: src-a\n    title: "Source\302\205A"\n' \
  >"$(f nel-in-quoted-value facts.yaml)"

# A raw NEL in a flow sequence, line 3, column 19 (folded the same way); a
# second one on line 4 is counted.
printf 'sources:\n  - id: src-a\n    title: [Source\302\205A]\n    quote: "x\302\205y"\n' \
  >"$(f nel-in-flow-value facts.yaml)"

# A raw NEL ending a comment, line 3, column 11: what follows it on that line
# would be read as YAML (here a second key), not as the comment it is.
printf 'sources:\n  - id: src-a\n    # note\302\205    type: article\n    title: Source A\n' \
  >"$(f nel-in-comment facts.yaml)"

# A raw LS (U+2028) in a double-quoted value, line 3, column 19: libyaml
# drops it with the spaces after it.
printf 'sources:\n  - id: src-a\n    title: "Source\342\200\250   A"\n' \
  >"$(f line-separator-in-quoted-value facts.yaml)"
