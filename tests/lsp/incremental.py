"""The language server's incremental re-check gives exactly what a whole
check gives (issue 20 item 5).

    incremental.py KGBUILD CASE-DIR scripted EDITS.json
    incremental.py KGBUILD CASE-DIR random N SEED
    incremental.py KGBUILD CASE-DIR moves EDITS.json
    incremental.py KGBUILD CASE-DIR values N SEED

CASE-DIR is a writable fact base (facts/, sources/, ontology/).  Every
fact file is opened in `kgbuild lsp` and changed by ranged edits
(incremental sync, as editors send them): `scripted` takes them from a
JSON list of [file, old, new] (the first occurrence of old replaced by
new; then, after its check, put back), `random` makes N of them, seeded:
characters typed into and deleted from values, lines duplicated, removed
and indented, ids and references changed, each undone half of the time (always when it may break the YAML);
`moves` makes the edits of the list one after another, none put back, as a
curator moves from entry to entry and file to file, and prints how many
whole checks they cost ('whole checks during the edits: N'); `values`
makes N random edits that keep the YAML whole (characters typed into and
deleted from values, most kept), so that the curator goes from entry to
entry and file to file with few whole checks between: a long chain of
entries' checks, each settled on the one before.
After every edit the texts are written to CASE-DIR, and the server's
diagnostics of every file (the latest publishDiagnostics of each) must be
those of a cold `kgbuild check --diagnostics=json` of the files on disk:
file, line, column, severity, code and message (where check folded a
code, at least what it showed).  With KG_LSP_VERIFY set
(the .t sets it on a second run) the server also runs a whole check after
each entry's check and counts differences in its log, which must say 0.
Prints 'ok N - ...' / 'not ok N - ...' lines (TAP without a plan; the
caller counts), then 'entry checks: N' from the server's last log line."""
import json
import os
import random
import re
import sys
from urllib.parse import unquote

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from client import Client, SEVERITY, chars_of, cold, uri_of, utf16_len  # noqa: E402



def fact_files(case):
    found = []
    for top, _, names in os.walk(os.path.join(case, "facts")):
        for n in names:
            if n.endswith((".yaml", ".yml")):
                found.append(os.path.relpath(os.path.join(top, n), case))
    return sorted(found)


def served(latest, texts, root):
    diags = set()
    for u, ds in latest.items():
        name = os.path.relpath(unquote(u[len("file://"):]), root)
        text = texts.get(name, "")
        for d in ds:
            start = d["range"]["start"]
            diags.add((name, start["line"] + 1,
                       chars_of(text, start["line"], start["character"]),
                       SEVERITY[d["severity"]], d.get("code"),
                       d["message"]))
    return diags


def position(text, offset):
    """The LSP position (line, UTF-16 column) of a character offset."""
    before = text[:offset]
    line = before.count("\n")
    start = before.rfind("\n") + 1
    return line, utf16_len(text[start:offset])


class Session:
    def __init__(self, kg, case, log):
        self.kg, self.case = kg, case
        self.root = os.path.realpath(case)
        self.files = fact_files(case)
        self.texts = {}
        for n in self.files:
            with open(os.path.join(case, n), encoding="utf-8") as f:
                self.texts[n] = f.read()
        self.c = Client([kg, "lsp"], cwd=case, stderr=log)
        self.c.initialize(case)
        self.c.notify("initialized")
        self.latest = {}
        self.version = 1
        for n in self.files:
            self.c.notify("textDocument/didOpen", {"textDocument": {
                "uri": self.uri(n), "languageId": "yaml", "version": 1,
                "text": self.texts[n]}})
        self.sync()
        self.count = 0
        self.failed = 0

    def uri(self, name):
        return uri_of(os.path.join(self.case, name))

    def sync(self):
        """Waits for the check of the changes sent (a completion answers
        after it, and does not make the server check the whole base)."""
        n = self.files[0]
        self.c.request("textDocument/completion", {
            "textDocument": {"uri": self.uri(n)},
            "position": {"line": 0, "character": 0}}, timeout=120)
        for note in self.c.notes:
            if note.get("method") == "textDocument/publishDiagnostics":
                self.latest[note["params"]["uri"]] = \
                    note["params"]["diagnostics"]
        self.c.notes = []

    def edit(self, name, start, end, new, split=False):
        """Replaces text[start:end] by new; split: as two changes of one
        message, the old text taken out, then the new put in (changes
        apply in order)."""
        text = self.texts[name]
        l0, c0 = position(text, start)
        l1, c1 = position(text, end)

        def change(a, b, t):
            return {"range": {"start": {"line": a[0], "character": a[1]},
                              "end": {"line": b[0], "character": b[1]}},
                    "text": t}
        if split:
            changes = [change((l0, c0), (l1, c1), ""),
                       change((l0, c0), (l0, c0), new)]
        else:
            changes = [change((l0, c0), (l1, c1), new)]
        self.version += 1
        self.c.notify("textDocument/didChange", {
            "textDocument": {"uri": self.uri(name), "version": self.version},
            "contentChanges": changes})
        self.texts[name] = text[:start] + new + text[end:]
        with open(os.path.join(self.case, name), "w", encoding="utf-8") as f:
            f.write(self.texts[name])

    def compare(self, what):
        self.sync()
        want, folded = cold(self.kg, self.case)
        got = served(self.latest, self.texts, self.root)
        self.count += 1
        # Where check folded a code (ten shown, the rest counted), the
        # server, which folds nothing, must say at least what check did.
        if want == got or (folded and want <= got):
            print("ok %d - %s: %d diagnostics" % (self.count, what, len(want)))
        else:
            self.failed += 1
            print("not ok %d - %s: check only: %s; lsp only: %s" % (
                self.count, what, sorted(want - got)[:3],
                sorted(got - want)[:3]))
        sys.stdout.flush()

    def close(self):
        self.c.request("shutdown")
        self.c.notify("exit")
        self.c.close()


def scripted(s, edits):
    for name, old, new in edits:
        name = os.path.join("facts", name)
        at = s.texts[name].find(old)
        if at < 0:
            s.count += 1
            s.failed += 1
            print("not ok %d - %s: %r is not in it" % (s.count, name, old))
            continue
        s.edit(name, at, at + len(old), new, split=True)
        s.compare("%s: %r -> %r" % (name, old, new))
        s.edit(name, at, at + len(new), old)
        s.compare("%s: put back %r" % (name, old))


ID = re.compile(r"[a-z][a-z0-9-]+")


def random_edit(s, rng):
    """One edit of a random kind at a random line; returns how to undo
    it: (name, start, end, text)."""
    name = rng.choice(s.files)
    text = s.texts[name]
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    line = rng.randrange(len(starts))
    a = starts[line]
    b = text.find("\n", a)
    b = len(text) if b < 0 else b
    body = text[a:b]
    kind = rng.choice(["type", "type", "type", "delete", "delete",
                       "duplicate", "remove", "indent", "id", "newline"])
    # Typing and deleting mostly inside a value (after "key: "), as a
    # curator does; anywhere else it is undone at once (below).
    value = body.find(": ") + 2 if ": " in body and rng.random() < 0.8 else 0
    inside = value > 0
    if kind == "type" or (kind == "delete" and len(body) <= value):
        at = a + value + rng.randrange(len(body) - value + 1)
        new = rng.choice(["x", "é", " ", "1", "-", ":", "'", "😀", "0"])
        edit = (at, at, new)
    elif kind == "delete":
        at = a + value + rng.randrange(len(body) - value)
        edit = (at, at + 1, "")
    elif kind == "duplicate":
        edit = (a, a, body + "\n")
    elif kind == "remove":
        edit = (a, min(b + 1, len(text)), "")
    elif kind == "indent":
        edit = (a, a, rng.choice(["  ", " "]))
    elif kind == "newline":
        at = a + rng.randrange(len(body) + 1)
        edit = (at, at, "\n" + " " * rng.randrange(8))
    else:  # an id or a reference becomes another of the file's words
        words = list(ID.finditer(body))
        others = ID.findall(text)
        if not words or not others:
            return None
        w = rng.choice(words)
        edit = (a + w.start(), a + w.end(), rng.choice(others))
    start, end, new = edit
    old = text[start:end]
    s.edit(name, start, end, new)
    # What can break the YAML is always undone, so that the file goes on
    # loading and its entries' checks go on being tried.
    keep = (kind == "id" or (kind in ("type", "delete") and inside)) and \
        new not in (":", "'", "-") and old not in (":", "'", "-", "{", "}",
                                                   "[", "]", ",", '"')
    return name, start, start + len(new), old, kind, keep


VALUE = re.compile(r"(?:^|[{,]) *[a-z-]+: ([^{}\[\],\n\"']+)")


def values_edit(s, rng):
    """A character typed into or deleted from a value (not an id's) at a
    random line, not of a source (whose copy others' quotes read: a whole
    check each); returns how to undo it, or None."""
    name = rng.choice([n for n in s.files if "sources" not in n])
    text = s.texts[name]
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    a = starts[rng.randrange(len(starts))]
    b = text.find("\n", a)
    body = text[a:len(text) if b < 0 else b]
    spans = [m.span(1) for m in VALUE.finditer(body)
             if not body.lstrip(" -").startswith("id:")]
    if not spans:
        return None
    lo, hi = rng.choice(spans)
    if rng.random() < 0.6 or hi - lo < 2:
        at = a + lo + rng.randrange(hi - lo + 1)
        start, end, new = at, at, rng.choice(["x", "é", "1", "0", "😀", "q"])
    else:
        at = a + lo + rng.randrange(hi - lo - 1)
        start, end, new = at, at + 1, ""
    old = text[start:end]
    s.edit(name, start, end, new)
    return name, start, start + len(new), old


def values(s, n, seed):
    rng = random.Random(seed)
    for i in range(n):
        undo = values_edit(s, rng)
        if undo is None:
            continue
        name, start, end, old = undo
        s.compare("value edit %d of %s" % (i + 1, name))
        if rng.random() < 0.3:
            s.edit(name, start, end, old)
            s.compare("value edit %d undone" % (i + 1))


def randomly(s, n, seed):
    rng = random.Random(seed)
    for i in range(n):
        undo = random_edit(s, rng)
        if undo is None:
            continue
        name, start, end, old, kind, keep = undo
        s.compare("random edit %d (%s) of %s" % (i + 1, kind, name))
        if not keep or rng.random() < 0.5:
            s.edit(name, start, end, old)
            s.compare("random edit %d undone" % (i + 1))


def whole_checks(log_path):
    """The whole checks so far, from the server's last log line."""
    with open(log_path) as log:
        lines = [l for l in log if l.startswith("kgbuild lsp: ")]
    m = re.search(r"(\d+) whole,", lines[-1]) if lines else None
    return int(m.group(1)) if m else 0


def moves(s, edits, log_path):
    before = whole_checks(log_path)
    for name, old, new in edits:
        name = os.path.join("facts", name)
        at = s.texts[name].find(old)
        if at < 0:
            s.count += 1
            s.failed += 1
            print("not ok %d - %s: %r is not in it" % (s.count, name, old))
            continue
        s.edit(name, at, at + len(old), new)
        s.compare("%s: %r -> %r" % (name, old, new))
    print("whole checks during the edits: %d" %
          (whole_checks(log_path) - before))


def main():
    kg, case, mode = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3]
    log_path = os.path.join(case, "lsp.log")
    with open(log_path, "w") as log:
        s = Session(kg, case, log)
        try:
            if mode == "scripted":
                with open(sys.argv[4], encoding="utf-8") as f:
                    scripted(s, json.load(f))
            elif mode == "values":
                values(s, int(sys.argv[4]), int(sys.argv[5]))
            elif mode == "moves":
                with open(sys.argv[4], encoding="utf-8") as f:
                    moves(s, json.load(f), log_path)
            else:
                randomly(s, int(sys.argv[4]), int(sys.argv[5]))
        finally:
            s.close()
    with open(log_path) as log:
        lines = [l for l in log if l.startswith("kgbuild lsp: ")]
    last = lines[-1] if lines else ""
    m = re.search(r"(\d+) entry checks, (\d+) whole, (\d+) differed", last)
    if m:
        print("entry checks: %s whole: %s differed: %s" % m.groups())
    else:
        print("entry checks: none logged")
    sys.exit(1 if s.failed else 0)


main()
