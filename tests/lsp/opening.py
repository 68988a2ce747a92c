"""Opening a fact base in the language server: what it publishes when the
first document is opened, whatever the number of threads that read the
base (-j), is what a cold `kgbuild check` says.

    opening.py KGBUILD CASE-DIR FILE [KGBUILD-ARGS...]

Starts `KGBUILD [KGBUILD-ARGS...] lsp` in CASE-DIR, opens FILE (relative
to CASE-DIR) with a buffer different from the file on disk (a value
typed), then waits for the check.  Prints every published diagnostic,
one per line, sorted (file, line, column, severity, code, message), then
'ok - ...' or 'not ok - ...' for the comparison with a cold check of the
files with the buffer written in, and exits 1 when they differ."""
import json
import os
import sys
from urllib.parse import unquote

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from client import Client, SEVERITY, chars_of, cold, uri_of  # noqa: E402



def main():
    kg, case, name = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3]
    root = os.path.realpath(case)
    path = os.path.join(case, name)
    with open(path, encoding="utf-8") as f:
        disk = f.read()
    # The buffer is not the disk's: the server must check the buffer.
    at = disk.index("name: {en: ") + len("name: {en: ")
    text = disk[:at] + "Zz" + disk[at:]
    c = Client([kg] + sys.argv[4:] + ["lsp"], cwd=case,
               stderr=open(os.path.join(case, "lsp.log"), "w"))
    c.initialize(case)
    c.notify("initialized")
    c.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri_of(path), "languageId": "yaml", "version": 1,
        "text": text}})
    # A completion is answered after the check and its publications.
    c.request("textDocument/completion", {
        "textDocument": {"uri": uri_of(path)},
        "position": {"line": 0, "character": 0}}, timeout=300)
    latest = {}
    for note in c.notes:
        if note.get("method") == "textDocument/publishDiagnostics":
            latest[note["params"]["uri"]] = note["params"]["diagnostics"]
    c.request("shutdown")
    c.notify("exit")
    c.close()
    got = set()
    for u, ds in latest.items():
        file = os.path.relpath(unquote(u[len("file://"):]), root)
        try:
            with open(os.path.join(root, file), encoding="utf-8") as f:
                content = text if file == name else f.read()
        except (OSError, UnicodeDecodeError):
            content = ""
        for d in ds:
            start = d["range"]["start"]
            got.add((file, start["line"] + 1,
                     chars_of(content, start["line"], start["character"]),
                     SEVERITY[d["severity"]], d.get("code"), d["message"]))
    for d in sorted(got, key=str):
        print(json.dumps(d, ensure_ascii=False))
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    try:
        want, _ = cold(kg, case)
    finally:
        with open(path, "w", encoding="utf-8") as f:
            f.write(disk)
    if want == got:
        print("ok - %d diagnostics, as check says" % len(got))
        return 0
    print("not ok - check only: %s; lsp only: %s" % (
        sorted(want - got, key=str)[:3], sorted(got - want, key=str)[:3]))
    return 1


sys.exit(main())
