#!/usr/bin/python3
"""lsp.py - how fast `kgbuild lsp` re-checks as a curator types.

    /usr/bin/python3 bench/lsp.py [--kgbuild ./kgbuild] [--edits 10]
                                  [--full-sync] BASE [FILE]

BASE is a fact base (facts/ and ontology/, e.g. one bench/gen.py wrote with
the repository's ontology linked in); FILE, relative to BASE, the file opened
(default: the first people file).  Prints the time from didOpen to its
diagnostics (reading and parsing the whole base, then modelling and
checking it), then, for each of --edits keystrokes (a character added to
and removed from a name, alternately, sent as the range changed, as
editors do), the time from didChange to the diagnostics it causes, and a completion's time; and the server's peak
memory.  docs/performance.md ("The language server") has the figures."""
import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "tests", "lsp"))
from client import Client, uri_of, utf16_len  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("base")
    ap.add_argument("file", nargs="?")
    ap.add_argument("--kgbuild", default=os.path.abspath("kgbuild"))
    ap.add_argument("--edits", type=int, default=10)
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
    c.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "yaml", "version": 1, "text": text}})
    c.diagnostics(uri, timeout=600)
    opened = time.monotonic() - t0
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
    print("didOpen -> diagnostics: %.3f s (whole base read, parsed, checked)"
          % opened)
    print("didChange -> diagnostics: median %.3f s, max %.3f s over %d edits"
          % (statistics.median(times), max(times), len(times)))
    print("completion: %.3f s (%d items)" % (
        completion, len((r.get("result") or {}).get("items", []))))
    print("peak memory (VmHWM): %s" % hwm)
    log.seek(0)
    print("the server's log (one re-check per line):")
    sys.stdout.write("".join("  " + l for l in log.readlines()[-4:]))


if __name__ == "__main__":
    main()
