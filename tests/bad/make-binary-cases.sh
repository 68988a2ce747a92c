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
