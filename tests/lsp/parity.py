"""The command line and the language server report the same diagnostics
(issue 20 item 1).  Usage: parity.py KGBUILD CASE-DIR [ONTOLOGY-DIR]...

Each CASE-DIR is a fact base (facts/, perhaps sources/ and ontology/).  In
it, `kgbuild check --diagnostics=json facts` is run, and `kgbuild lsp` is
started there, initialised with the case as its root, and sent one fact
file as an opened document (its text as on disk); every publishDiagnostics
until the answer to the next request is kept.  The diagnostics that name a
file must be the same: file, line, column (the server's UTF-16 position
taken back to characters), severity and message (with its hint).  Where
check folded a code ("N more ... not shown"), the server, which folds
nothing, must report at least what check did.  Prints 'PASS case' or
'FAIL case: why' (or 'SKIP case: why' when no fact file can be sent as a
JSON string) a line; exits 1 on any FAIL."""
import os
import sys
from urllib.parse import unquote

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from client import Client, SEVERITY, chars_of, cold, uri_of  # noqa: E402



def cli(kg, case, extra):
    """cold's set without the codes, which parity's comparison leaves out."""
    diags, folded = cold(kg, case, extra, timeout=60)
    return {(f, l, c, sev, m) for f, l, c, sev, _, m in diags}, folded


def fact_files(case):
    found = []
    for top, _, names in os.walk(os.path.join(case, "facts")):
        for n in names:
            if n.endswith((".yaml", ".yml")):
                found.append(os.path.relpath(os.path.join(top, n), case))
    return sorted(found)


def text_of(case, name):
    if not os.path.isfile(os.path.join(case, name)):
        return None  # a FIFO would block here, a device never end
    try:
        with open(os.path.join(case, name), "rb") as f:
            data = f.read()
        text = data.decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    # NUL cannot be sent; nor a text over the protocol's message limit
    # (rpc.h: 64 MiB), which the server refuses whole.
    return None if "\0" in text or len(data) > (64 << 20) - 4096 else text


def server(kg, case, extra):
    files = fact_files(case)
    opened = next(((n, t) for n in files
                   if (t := text_of(case, n)) is not None), None)
    if opened is None:
        return None, ("no fact file can be sent (valid UTF-8, no NUL, "
                      "within the message limit)")
    c = Client([kg, "lsp"] + extra, cwd=case)
    try:
        c.initialize(case)
        c.notify("initialized")
        uri = uri_of(os.path.join(case, opened[0]))
        c.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "yaml", "version": 1,
            "text": opened[1]}})
        c.request("textDocument/documentSymbol",
                  {"textDocument": {"uri": uri}}, timeout=60)
        c.request("shutdown")
        c.notify("exit")
    finally:
        c.close()
    diags, latest = set(), {}
    for n in c.notes:
        if n.get("method") == "textDocument/publishDiagnostics":
            latest[n["params"]["uri"]] = n["params"]["diagnostics"]
    root = os.path.realpath(case)
    for u, ds in latest.items():
        name = os.path.relpath(unquote(u[len("file://"):]), root)
        text = text_of(case, name) or ""
        for d in ds:
            start = d["range"]["start"]
            diags.add((name, start["line"] + 1,
                       chars_of(text, start["line"], start["character"]),
                       SEVERITY[d["severity"]], d["message"]))
    return diags, None


def main():
    kg, failures = os.path.abspath(sys.argv[1]), 0
    for arg in sys.argv[2:]:
        case, _, onto = arg.partition("=")
        extra = ["--ontology=" + onto] if onto else []
        name = os.path.basename(case.rstrip("/"))
        want, folded = cli(kg, case, extra)
        try:
            got, why = server(kg, case, extra)
        except (TimeoutError, EOFError, ValueError) as e:
            got, why = None, "the server: %r" % (e,)
        if got is None and why.startswith("no fact file can be sent"):
            print("SKIP %s: %s" % (name, why))
            continue
        if got is None:
            print("FAIL %s: %s" % (name, why))
            failures += 1
            continue
        same = want <= got if folded else want == got
        if same:
            print("PASS %s: %d diagnostics" % (name, len(want)))
        else:
            failures += 1
            print("FAIL %s: check only: %s; lsp only: %s" % (
                name, sorted(want - got)[:3], sorted(got - want)[:3]))
    sys.exit(1 if failures else 0)


main()
