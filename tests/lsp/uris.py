"""One file under every spelling of its URI is one file (issue 20 item 2).
Usage: uris.py KGBUILD BASE (a clean fact base with facts/people.yaml).

For each spelling (/./, //, .., a symbolic link to the base,
file://localhost/, percent-encoding), a new server is opened on the base
with facts/people.yaml as the editor names it plainly, then the same file
is opened again under that spelling: no duplicate-id (nor any other
error) may appear, and the diagnostics are published for the one URI.
Prints 'PASS name' or 'FAIL name: why' a line; exits 1 on any FAIL."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from client import Client, uri_of  # noqa: E402

kg, base = os.path.abspath(sys.argv[1]), os.path.realpath(sys.argv[2])
link = base + "-link"
if not os.path.exists(link):
    os.symlink(base, link)
plain = uri_of(os.path.join(base, "facts", "people.yaml"))
text = open(os.path.join(base, "facts", "people.yaml"), encoding="utf-8").read()
quoted = plain.replace("/facts/", "/%66acts/")
spellings = {
    "dot": uri_of(base) + "/./facts/people.yaml",
    "double slash": uri_of(base) + "//facts//people.yaml",
    "dot-dot": uri_of(base) + "/facts/../facts/people.yaml",
    "symbolic link": uri_of(link) + "/facts/people.yaml",
    "localhost": plain.replace("file://", "file://localhost", 1),
    "percent-encoding": quoted,
}
failures = 0
for name, uri in spellings.items():
    c = Client([kg, "lsp"], cwd=base)
    errors = []
    try:
        c.initialize(base)
        c.notify("initialized")
        for u in (plain, uri):
            c.notify("textDocument/didOpen", {"textDocument": {
                "uri": u, "languageId": "yaml", "version": 1, "text": text}})
        c.request("textDocument/documentSymbol",
                  {"textDocument": {"uri": plain}}, timeout=60)
        c.request("shutdown")
        c.notify("exit")
    except (TimeoutError, EOFError, ValueError) as e:
        errors.append("the server: %r" % (e,))
    finally:
        c.close()
    for n in c.notes:
        if n.get("method") == "textDocument/publishDiagnostics":
            errors += ["%s %s" % (d.get("code"), d["message"])
                       for d in n["params"]["diagnostics"]
                       if d["severity"] == 1]
    if errors:
        failures += 1
        print("FAIL %s (%s): %d errors, first %s" % (name, uri, len(errors),
                                                     errors[0]))
    else:
        print("PASS %s: one file" % name)
sys.exit(1 if failures else 0)
