#!/bin/sh
# One list per fact: the backend table is the list of formats and the
# command table the list of commands (kgbuild --list-formats,
# --list-commands print them).  Every place that names them by hand is
# held to them here, so that a row added without its documentation fails:
# --help; the man page's --format list, FILES, SYNOPSIS and COMMANDS; the
# README's command table, its --format row and its exports table; the
# SYNOPSIS and the README in the table's order; --help in 80 columns.  (The
# bash completion asks the binary: 55-completion.t.)  Each format is also
# accepted by --format.
. tests/lib.sh
need_binaries
MAN=$REPO/docs/kgbuild.1
README=$REPO/README.md
MIN=$REPO/tests/good/minimal/facts

"$KG" --list-formats >"$TMP/formats" 2>"$TMP/err" && [ -s "$TMP/formats" ]
ok $? "--list-formats prints the formats" || diag "$TMP/err"
"$KG" --list-commands >"$TMP/commands" 2>"$TMP/err" && [ -s "$TMP/commands" ]
ok $? "--list-commands prints the commands" || diag "$TMP/err"

bad=""
for f in $(cat "$TMP/formats"); do
  "$KG" -q --format="$f" -o "$TMP/out-$f" "$MIN" >/dev/null 2>"$TMP/err" &&
    [ -e "$TMP/out-$f" ] || bad="$bad $f"
done
[ -z "$bad" ]
ok $? "every listed format is accepted by --format and written" || note "refused:$bad"

# The exports a full build writes.
"$KG" -q --exports="$TMP/ex" "$MIN" 2>"$TMP/err"
ok $? "a full build of tests/good/minimal" || diag "$TMP/err"
(cd "$TMP/ex" && ls -A) >"$TMP/files"

"$KG" --help >"$TMP/help" 2>&1
# compare WHAT DOCUMENTED-LIST: DOCUMENTED-LIST (a file, one name a line)
# equals the binary's list WHAT (a file), as sets.
compare() {
  LC_ALL=C sort -u "$1" >"$TMP/a"
  LC_ALL=C sort -u "$2" >"$TMP/b"
  cmp -s "$TMP/a" "$TMP/b" || { diff "$TMP/a" "$TMP/b" | sed 's/^</kgbuild has:/; s/^>/documented:/' | grep -v '^[0-9]'; return 1; }
}

# The lists each document gives, one name a line (PLACE: what to extract).
"$PY" - "$MAN" "$README" "$TMP/help" "$TMP" <<'PY' >"$TMP/py.out" 2>&1
import re, sys
man, readme, help_, tmp = sys.argv[1:]
man = open(man, encoding="utf-8").read().splitlines()
readme = open(readme, encoding="utf-8").read().splitlines()
help_ = open(help_, encoding="utf-8").read().splitlines()
def word(line):  # the first word after a roff font macro, unescaped
    m = re.match(r'\.(?:B|BI|OP|I|IR)\s+"?([^\s"]+)', line)
    return m.group(1).replace("\\-", "-") if m else None
def section(name):
    start = man.index(".SH " + name)
    end = next(i for i in range(start + 1, len(man)) if man[i].startswith(".SH "))
    return man[start + 1:end]
def write(name, items):
    open(f"{tmp}/{name}", "w").write("".join(i + "\n" for i in items))
# man: the .TP items of the --format list (between "is one of:" and .RE)
opts = section("OPTIONS")
a = opts.index("is one of:"); b = opts.index(".RE", a)
write("man-formats", [word(opts[i + 1]) for i in range(a, b) if opts[i].startswith(".TP")])
# man: FILES entries exports/kg.*
write("man-files", [m.group(1) for l in section("FILES")
                    for m in re.finditer(r'exports/(kg\.[a-z.]+[a-z])', l)])
# man: the command after each .SY kgbuild of SYNOPSIS (not -h/-V)
syn = section("SYNOPSIS")
write("man-synopsis", [w for i, l in enumerate(syn) if l == ".SY kgbuild"
                       for w in [word(syn[i + 1])] if w and w[0] != "-"])
# man: the item after each .TP of COMMANDS
cmds = section("COMMANDS")
write("man-commands", [word(cmds[i + 1]) for i, l in enumerate(cmds) if l == ".TP"])
# README: the commands of the command-line table: | `kgbuild [build]`, | `kgbuild check ...`
write("readme-commands", [m.group(1) for l in readme
                          for m in [re.match(r'\| `kgbuild \[?([a-z]+)\]?[ `]', l)] if m])
# README: the formats named in backquotes in the --format row
row = next(l for l in readme if l.startswith("| `kgbuild --format="))
write("readme-formats", re.findall(r'`([a-z][a-z0-9-]*)`', row.split("|")[2]))
# README: the export files its exports table names
write("readme-files", sorted({m for l in readme if l.startswith("| `exports/")
                              for m in re.findall(r'\b(kg\.[a-z.]*[a-z])`', l)}))
# --help: the first word of each line of the --format list
a = next(i for i, l in enumerate(help_) if "--format=FMT" in l)
b = next(i for i in range(a + 1, len(help_)) if help_[i].startswith("  -"))
write("help-formats", [l.split()[0] for l in help_[a + 1:b] if re.match(r"    [a-z]", l)])
a = help_.index("Commands:")
write("help-commands", [l.split()[0] for l in help_[a + 1:] if re.match(r"  [a-z]", l)])
PY
ok $? "the man page, the README and --help parse" || diag "$TMP/py.out"

compare "$TMP/formats" "$TMP/help-formats" >"$TMP/d"
ok $? "--help lists exactly the formats" || diag "$TMP/d"
compare "$TMP/formats" "$TMP/man-formats" >"$TMP/d"
ok $? "the man page's --format list names exactly the formats" || diag "$TMP/d"
compare "$TMP/formats" "$TMP/readme-formats" >"$TMP/d"
ok $? "the README's --format row names exactly the formats" || diag "$TMP/d"
compare "$TMP/files" "$TMP/man-files" >"$TMP/d"
ok $? "the man page's FILES names exactly the files of exports/" || diag "$TMP/d"
compare "$TMP/files" "$TMP/readme-files" >"$TMP/d"
ok $? "the README names exactly the files of exports/" || diag "$TMP/d"
# --help shows the default command as (none)
sed 1d "$TMP/commands" >"$TMP/named"
compare "$TMP/named" "$TMP/help-commands" >"$TMP/d"
ok $? "--help lists exactly the commands" || diag "$TMP/d"
compare "$TMP/commands" "$TMP/man-synopsis" >"$TMP/d"
ok $? "the man page's SYNOPSIS has exactly the commands" || diag "$TMP/d"
compare "$TMP/commands" "$TMP/man-commands" >"$TMP/d"
ok $? "the man page's COMMANDS describes exactly the commands" || diag "$TMP/d"
compare "$TMP/commands" "$TMP/readme-commands" >"$TMP/d"
ok $? "the README's command table has exactly the commands" || diag "$TMP/d"
# ... and the man page's SYNOPSIS and the README list them in one order,
# the command table's (a command with two synopses counts once).
order() { awk '!seen[$0]++' "$1"; }
order "$TMP/man-synopsis" >"$TMP/o1"
order "$TMP/readme-commands" >"$TMP/o2"
cmp -s "$TMP/commands" "$TMP/o1" && cmp -s "$TMP/commands" "$TMP/o2"
ok $? "the man page's SYNOPSIS and the README list the commands in the table's order" ||
  { paste "$TMP/commands" "$TMP/o1" "$TMP/o2" | diag; }
# --help fits 80 columns, as does each COMMAND --help.
wide=""
for c in "" $(cat "$TMP/commands"); do
  # shellcheck disable=SC2086 # no command: plain --help
  "$KG" $c --help 2>&1 | awk 'length > 80 { bad = 1 } END { exit bad }' || wide="$wide '$c'"
done
[ -z "$wide" ]
ok $? "--help and every COMMAND --help fit 80 columns" || note "too wide:$wide"
done_testing
