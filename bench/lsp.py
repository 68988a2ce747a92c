#!/usr/bin/python3
"""lsp.py - how fast `kgbuild lsp` re-checks as a curator types.

    /usr/bin/python3 bench/lsp.py [--kgbuild ./kgbuild] [--edits 10]
                                  [--moves 3] [--other FILE2]
                                  [--full-sync] BASE [FILE]

BASE is a fact base (facts/ and ontology/, e.g. one bench/gen.py wrote with
the repository's ontology linked in); FILE, relative to BASE, the file opened
(default: the first people file).  Prints the time from didOpen to its
diagnostics (reading and parsing the whole base, then modelling and
checking it), then, for each of --edits keystrokes (a character added to
and removed from a name, alternately, sent as the range changed, as
editors do), the time from didChange to the diagnostics it causes, and a completion's time; and the server's peak
memory.  Then --moves times, the curator moves to another entry (the next
people entries of FILE, and the last move to an entry of FILE2, default the
first appointments file, opened beside FILE): the first edit of each entry
and the edit that puts it back, each with its round trip and the server's
own line (its CPU time, and whether it checked the entry alone or the
whole base).  docs/performance.md ("The language server") has the figures."""
import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "tests", "lsp"))
from client import Client, uri_of, utf16_len  # noqa: E402


def server_cpu(pid):
    """The server's CPU time so far, in seconds (every thread's, from the
    scheduler's nanoseconds: wall times on a shared machine are noise)."""
    total = 0
    for task in os.listdir("/proc/%d/task" % pid):
        with open("/proc/%d/task/%s/schedstat" % (pid, task)) as f:
            total += int(f.read().split()[0])
    return total / 1e9


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("base")
    ap.add_argument("file", nargs="?")
    ap.add_argument("--kgbuild", default=os.path.abspath("kgbuild"))
    ap.add_argument("--edits", type=int, default=10)
    ap.add_argument("--moves", type=int, default=3,
                    help="entries moved to after the keystrokes")
    ap.add_argument("--other", help="a second file, relative to BASE/facts")
    ap.add_argument("--full-sync", action="store_true",
                    help="send each change as the whole text")
    args = ap.parse_args()
    base = os.path.abspath(args.base)
    name = args.file or sorted(
        f for f in os.listdir(os.path.join(base, "facts"))
        if f.startswith("people"))[0]
    path = os.path.join(base, "facts", name) if "/" not in name else \
        os.path.join(base, name)
    text = open(path, encoding="utf-8").read()
    uri = uri_of(path)
    log = open(os.path.join(os.environ.get("TMPDIR", "/tmp"),
                            "kgbuild-lsp-bench.log"), "w+")
    c = Client([args.kgbuild, "lsp"], cwd=base, stderr=log)
    c.initialize(base)
    c.notify("initialized")
    t0 = time.monotonic()
    cpu0 = server_cpu(c.proc.pid)
    c.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "yaml", "version": 1, "text": text}})
    c.diagnostics(uri, timeout=600)
    opened = time.monotonic() - t0
    opened_cpu = server_cpu(c.proc.pid) - cpu0
    other = None
    if args.moves:
        other = args.other or sorted(
            f for f in os.listdir(os.path.join(base, "facts"))
            if f.startswith("appointments"))[0]
        other_path = os.path.join(base, "facts", other)
        other_text = open(other_path, encoding="utf-8").read()
        other_uri = uri_of(other_path)
        c.notify("textDocument/didOpen", {"textDocument": {
            "uri": other_uri, "languageId": "yaml", "version": 1,
            "text": other_text}})
        c.diagnostics(other_uri, timeout=600)
    at = text.index("name: {en: ") + len("name: {en: ")
    line = text[:at].count("\n")
    col = utf16_len(text[text.rfind("\n", 0, at) + 1:at])
    times = []
    for i in range(args.edits):
        # As an editor sends a keystroke (incremental sync): the range
        # changed and its new text; --full-sync sends the whole text.
        if args.full_sync:
            edited = text[:at] + "x" + text[at:] if i % 2 == 0 else text
            change = {"text": edited}
        else:
            end = col + (0 if i % 2 == 0 else 1)
            change = {"range": {"start": {"line": line, "character": col},
                                "end": {"line": line, "character": end}},
                      "text": "x" if i % 2 == 0 else ""}
        t0 = time.monotonic()
        c.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": i + 2},
            "contentChanges": [change]})
        c.diagnostics(uri, timeout=600)
        times.append(time.monotonic() - t0)
    line = text[:text.index("\n    source: ")].count("\n") + 1
    t0 = time.monotonic()
    r = c.request("textDocument/completion", {
        "textDocument": {"uri": uri},
        "position": {"line": line, "character": 11}}, timeout=600)
    completion = time.monotonic() - t0
    moves = []
    if args.moves:
        if args.edits % 2:  # the keystrokes left an "x": take it out
            text = text[:at] + "x" + text[at:]
        # The next entries of the file, then one of the other file: each
        # a value typed into (its first edit) and put back.
        places = []
        find = "name: {en: "
        for k in range(args.moves - 1):
            find_at = text.index(find, at + 1 if not places else
                                 places[-1][2] + 1)
            places.append((uri, text, find_at))
        key = "\n    quote: \""
        places.append((other_uri, other_text,
                       other_text.index(key, len(other_text) // 2) +
                       len(key)))
        for n, (u, t, where) in enumerate(places):
            l = t[:where].count("\n")
            col = utf16_len(t[t.rfind("\n", 0, where) + 1:where])
            for j, (end, new) in enumerate(((col, "1"), (col + 1, ""))):
                t0 = time.monotonic()
                cpu0 = server_cpu(c.proc.pid)
                c.notify("textDocument/didChange", {
                    "textDocument": {"uri": u, "version": 100 + 2 * n + j},
                    "contentChanges": [{"range": {
                        "start": {"line": l, "character": col},
                        "end": {"line": l, "character": end}},
                        "text": new}]})
                c.diagnostics(u, timeout=600)
                moves.append((n + 1, "first edit" if j == 0 else "put back",
                              time.monotonic() - t0,
                              "" if u == uri else " (" + other + ")",
                              server_cpu(c.proc.pid) - cpu0))
        # Its log line is written after the diagnostics it publishes.
        c.request("textDocument/completion", {
            "textDocument": {"uri": uri},
            "position": {"line": 0, "character": 0}}, timeout=600)
    hwm = ""
    with open("/proc/%d/status" % c.proc.pid) as status:
        for l in status:
            if l.startswith("VmHWM"):
                hwm = l.split(":")[1].strip()
    c.request("shutdown")
    c.notify("exit")
    c.wait()
    print("file: %s (%.1f MB), base: %s" % (
        name, len(text.encode()) / 1e6, base))
    print("didOpen -> diagnostics: %.3f s, server CPU %.3f s (whole base "
          "read, parsed, checked)" % (opened, opened_cpu))
    print("didChange -> diagnostics: median %.3f s, max %.3f s over %d edits"
          % (statistics.median(times), max(times), len(times)))
    print("completion: %.3f s (%d items)" % (
        completion, len((r.get("result") or {}).get("items", []))))
    print("peak memory (VmHWM): %s" % hwm)
    log.seek(0)
    checks = [l for l in log.readlines() if "checked in" in l]
    if moves:
        print("moving to other entries (round trip, server CPU; the "
              "server's line):")
        for (n, what, took, where, cpu), l in zip(moves,
                                                  checks[-len(moves):]):
            print("  entry %d%s, %s: %.3f s, CPU %.3f s; %s" % (
                n + 1, where, what, took, cpu, l.split(": ", 1)[1].strip()))
    print("the server's log (one re-check per line):")
    sys.stdout.write("".join("  " + l for l in
                             checks[-4 - len(moves):len(checks) - len(moves)]))


if __name__ == "__main__":
    main()
