"""kgbuild lsp against a scripted client: the protocol's edge cases and each
feature.  Usage: protocol.py KGBUILD BASE (BASE: a fact base with
facts/zz.yaml, see tests/t/59-lsp.t).  Prints one 'PASS name' or
'FAIL name: why' line per check."""
import json
import os
import shutil
import signal
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from client import Client, uri_of, utf16_len  # noqa: E402

KG, BASE = sys.argv[1], os.path.abspath(sys.argv[2])
ZZ = os.path.join(BASE, "facts", "zz.yaml")
failures = 0


def check(name, cond, why=""):
    global failures
    if cond:
        print("PASS " + name)
    else:
        failures += 1
        print("FAIL %s: %s" % (name, why))
    sys.stdout.flush()


def start():
    return Client([KG, "lsp"], cwd=BASE)


def error_code(msg):
    return (msg.get("error") or {}).get("code")


def lifecycle():
    c = start()
    r = c.request("textDocument/hover", {})
    check("request before initialize: -32002", error_code(r) == -32002, r)
    c.send_raw(b"Content-Length: 9\r\n\r\n{not json")
    r = c.response(None)
    check("malformed JSON: -32700, id null",
          error_code(r) == -32700 and r["id"] is None, r)
    c.send_raw(b"Content-Length: 2\r\n\r\n[]")
    r = c.response(None)
    check("not a request: -32600", error_code(r) == -32600, r)
    c.send_raw(b"X-Nothing: 1\r\n\r\n")
    r = c.response(None)
    check("no Content-Length: -32700", error_code(r) == -32700, r)
    r = c.initialize(BASE)
    caps = r.get("result", {}).get("capabilities", {})
    check("initialize: capabilities",
          caps.get("textDocumentSync", {}).get("change") == 2
          and caps.get("renameProvider") and caps.get("completionProvider"), r)
    r = c.initialize(BASE)
    check("initialize twice: an error", error_code(r) == -32600, r)
    c.notify("workspace/didChangeConfiguration", {"settings": {}})
    c.notify("$/unknownNotification")
    r = c.request("workspace/unknownMethod", {})
    check("unknown method: -32601 (unknown notifications unanswered)",
          error_code(r) == -32601, r)
    r = c.request("shutdown")
    check("shutdown: null result", "result" in r and r["result"] is None, r)
    r = c.request("textDocument/hover", {})
    check("request after shutdown: -32600", error_code(r) == -32600, r)
    c.notify("exit")
    check("exit after shutdown: status 0", c.wait() == 0, c.proc.returncode)


def vanishing():
    c = start()
    c.initialize(BASE)
    check("EOF without shutdown: clean exit 0", c.close() == 0,
          c.proc.returncode)
    c = start()
    c.initialize(BASE)
    c.notify("exit")
    check("exit without shutdown: status 1", c.wait() == 1, c.proc.returncode)
    c = start()
    c.send_raw(b"Content-Length: 100\r\n\r\n{\"jsonrpc\"")
    check("EOF inside a message: clean exit", c.close() == 0,
          c.proc.returncode)
    c = start()
    c.send_raw(bytes(range(256)) * 64)
    check("binary garbage then EOF: no crash, no hang",
          c.close() in (0,), c.proc.returncode)
    c = start()
    c.initialize(BASE)
    size = (64 << 20) + 1
    c.send_raw(b"Content-Length: %d\r\n\r\n" % size)
    chunk = b" " * (1 << 20)
    for _ in range(64):
        c.send_raw(chunk)
    c.send_raw(b" ")
    r = c.response(None)
    check("oversized message: skipped with -32600", error_code(r) == -32600, r)
    r = c.request("shutdown")
    check("after an oversized message: still serving", "result" in r, r)
    c.notify("exit")
    c.wait()
    c = start()
    c.initialize(BASE)
    c.proc.send_signal(signal.SIGTERM)
    check("SIGTERM while waiting for a message: ends at once, status 143",
          c.wait(10) == 143, c.proc.returncode)
    c = start()
    c.send_raw(b"Content-Length: 99999999999\r\n\r\n{}")
    check("absurd Content-Length then EOF: clean exit", c.close() == 0,
          c.proc.returncode)


def cli_diagnostics():
    out = subprocess.run([KG, "check", "--diagnostics=json"], cwd=BASE,
                         capture_output=True, text=True).stderr
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def features():
    c = start()
    c.initialize(BASE)
    c.notify("initialized")
    text = open(ZZ, encoding="utf-8").read()
    uri = uri_of(ZZ)
    c.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "yaml", "version": 1, "text": text}})
    diags = c.diagnostics(uri)
    want = [d for d in cli_diagnostics() if d["file"] == "facts/zz.yaml"]
    check("didOpen: the diagnostics of kgbuild check",
          len(diags) == len(want) == 2 and all(
              d["message"] == w["message"] + " (" + w["hint"] + ")"
              and d["range"]["start"]["line"] == w["line"] - 1
              and d["severity"] == 1 and d["code"] == w["code"]
              for d, w in zip(diags, want)), (diags, want))
    lines = text.split("\n")
    # Line 4 has Chinese characters and U+1F600 (two UTF-16 units) before
    # the misspelt reference: its column in characters is not LSP's.
    at = lines[3].index("cyber-digital-affairs-offic")
    start_char = diags[0]["range"]["start"]["character"]
    check("UTF-16 column after CJK and a non-BMP character",
          start_char == utf16_len(lines[3][:at]) and start_char == at + 1
          and diags[0]["range"]["end"]["character"] ==
          start_char + len("cyber-digital-affairs-offic"), diags[0])
    # An unsaved buffer defines a post and holds it: no error left there.
    fixed = text.replace("mofa-cyber-digital-affairs-coordinatr", "new-post")
    fixed += ("posts:\n  - id: new-post\n    name: {en: New post}\n"
              "    source: china-top-cyber-diplomat-article\n")
    c.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": 2},
        "contentChanges": [{"text": fixed}]})
    diags = c.diagnostics(uri)
    check("didChange: unsaved buffer in context (a post it defines)",
          len(diags) == 1 and "offic'" in diags[0]["message"], diags)
    # Completion: the buffer gets lines being typed (still YAML: a file
    # that does not parse adds no ids to complete).
    head, sep, tail = fixed.partition("posts:\n")
    typing = (head + "  - id: x\n    holds: \n    source: \n    \n" + sep +
              tail + "sources:\n  - id: y\n    type: \n")
    c.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": 3},
        "contentChanges": [{"text": typing}]})
    c.diagnostics(uri)
    tl = typing.split("\n")

    def complete(line_text):
        n = tl.index(line_text)
        r = c.request("textDocument/completion", {
            "textDocument": {"uri": uri},
            "position": {"line": n, "character": utf16_len(line_text)}})
        return [i["label"] for i in r["result"]["items"]]
    posts = complete("    holds: ")
    check("completion after holds: only posts",
          "mofa-cyber-digital-affairs-coordinator" in posts
          and "new-post" in posts and "wang-lei" not in posts
          and "china-top-cyber-diplomat-article" not in posts, posts)
    sources = complete("    source: ")
    check("completion after source: only sources (one typed in the buffer)",
          sorted(sources) == ["china-top-cyber-diplomat-article", "y"],
          sources)
    keys = complete("    ")
    check("completion of keys by class",
          "holds" in keys and "name" in keys and "id" in keys
          and "post-in" not in keys, keys)
    types = complete("    type: ")
    check("completion of types", "person" not in types, types)
    typing += "pe\n"
    c.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": 4},
        "contentChanges": [{"text": typing}]})
    c.diagnostics(uri)
    tl = typing.split("\n")
    sections = complete("pe")
    check("completion of sections", sections == ["people"], sections)
    # Definition, hover, references, rename on ids of the seed.
    people = os.path.join(BASE, "facts", "people.yaml")
    puri = uri_of(people)
    plines = open(people, encoding="utf-8").read().split("\n")
    ref = next(i for i, l in enumerate(plines)
               if "value: cyber-digital-affairs-office" in l)
    col = plines[ref].index("cyber-digital") + 3
    pos = {"textDocument": {"uri": puri},
           "position": {"line": ref, "character": col}}
    r = c.request("textDocument/definition", pos)
    loc = r.get("result") or {}
    org = os.path.join(BASE, "facts", "organisations.yaml")
    olines = open(org, encoding="utf-8").read().split("\n")
    dline = olines.index("  - id: cyber-digital-affairs-office")
    check("definition of a reference in another file",
          loc.get("uri") == uri_of(org)
          and loc["range"]["start"] == {"line": dline, "character": 8}, r)
    wl = plines.index("  - id: wang-lei")
    r = c.request("textDocument/hover", {
        "textDocument": {"uri": puri},
        "position": {"line": wl, "character": 10}})
    value = ((r.get("result") or {}).get("contents") or {}).get("value", "")
    check("hover: label, class, sources with quotes",
          "Wang Lei" in value and "person" in value
          and "china-top-cyber-diplomat-article" in value
          and "Coordinator for Cyber and Digital Affairs" in value, value)
    r = c.request("textDocument/references", dict(pos, context={
        "includeDeclaration": True}))
    locs = r.get("result") or []
    files = {l["uri"] for l in locs}
    check("references across files, with the definition",
          uri_of(org) in files and puri in files and len(locs) >= 3, locs)
    r = c.request("textDocument/documentSymbol", {"textDocument": {"uri": puri}})
    names = [s["name"] for s in r.get("result") or []]
    ids = [l.split("id: ")[1] for l in plines if l.startswith("  - id: ")]
    check("document symbols: one per entry", sorted(names) == sorted(ids),
          (names, ids))
    r = c.request("textDocument/rename", {
        "textDocument": {"uri": puri},
        "position": {"line": wl, "character": 10}, "newName": "Bad Id"})
    check("rename to an invalid id: -32602", error_code(r) == -32602, r)
    r = c.request("textDocument/rename", {
        "textDocument": {"uri": puri},
        "position": {"line": wl, "character": 10}, "newName": "xi-jinping"})
    check("rename to an id that exists: -32602", error_code(r) == -32602, r)
    r = c.request("textDocument/rename", {
        "textDocument": {"uri": puri},
        "position": {"line": wl, "character": 10}, "newName": "wang-lei-2"})
    changes = (r.get("result") or {}).get("changes") or {}
    renamed = apply_rename(changes, text_of=lambda u: texts(u, uri, typing))
    check("rename: one workspace edit over several files",
          len(changes) >= 2 and renamed, (list(changes), renamed))
    r = c.request("shutdown")
    c.notify("exit")
    check("features session ends cleanly", c.wait() == 0, c.proc.returncode)


def texts(u, zz_uri, zz_text):
    if u == zz_uri:
        return zz_text
    from urllib.parse import unquote
    return open(unquote(u[len("file://"):]), encoding="utf-8").read()


def apply_rename(changes, text_of):
    """Applies the edits to a copy of the base (on-disk texts) and checks
    that kgbuild finds wang-lei-2 defined and nothing left unresolved."""
    copy = BASE + "-renamed"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(BASE, copy)
    os.remove(os.path.join(copy, "facts", "zz.yaml"))
    from urllib.parse import unquote
    for u, edits in changes.items():
        path = unquote(u[len("file://"):])
        if path.endswith("zz.yaml"):
            continue
        lines = text_of(u).split("\n")
        for e in sorted(edits, key=lambda e: (e["range"]["start"]["line"],
                                              e["range"]["start"]["character"]),
                        reverse=True):
            s, t = e["range"]["start"], e["range"]["end"]
            assert s["line"] == t["line"]
            line = lines[s["line"]]
            b = line.encode("utf-16-le")
            line = (b[:2 * s["character"]].decode("utf-16-le") + e["newText"] +
                    b[2 * t["character"]:].decode("utf-16-le"))
            lines[s["line"]] = line
        out = os.path.join(copy, os.path.relpath(path, BASE))
        open(out, "w", encoding="utf-8").write("\n".join(lines))
    r = subprocess.run([KG, "check"], cwd=copy, capture_output=True, text=True)
    shown = subprocess.run([KG, "show", "wang-lei-2"], cwd=copy,
                           capture_output=True, text=True)
    gone = subprocess.run(["grep", "-rE", "wang-lei([^-a-z0-9]|$)",
                           os.path.join(copy, "facts")],
                          capture_output=True, text=True)
    ok = r.returncode == 0 and shown.returncode == 0 and not gone.stdout
    if not ok:
        print("# " + (r.stderr + gone.stdout).replace("\n", "\n# "))
    return ok


def other_files():
    """An unsaved change in one file shows in the others: the buffer of
    sources.yaml loses the source every file cites; then gets it back."""
    c = start()
    c.initialize(BASE)
    path = os.path.join(BASE, "facts", "sources.yaml")
    text = open(path, encoding="utf-8").read()
    uri, people = uri_of(path), uri_of(os.path.join(BASE, "facts",
                                                    "people.yaml"))
    broken = text.replace("id: china-top-cyber-diplomat-article",
                          "id: another-article")
    c.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "yaml", "version": 1, "text": broken}})
    diags = c.diagnostics(people)
    check("a change in one buffer reports in the other files",
          diags and all("china-top-cyber-diplomat-article" in d["message"]
                        for d in diags), diags)
    c.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": 2},
        "contentChanges": [{"text": text}]})
    diags = c.diagnostics(people)
    check("... and their diagnostics are cleared when it is undone",
          diags == [], diags)
    c.request("shutdown")
    c.notify("exit")
    c.wait()


def guarded(call, *args, **kwargs):
    """call's answer, or what went wrong (a FAIL, not a traceback)."""
    try:
        return call(*args, **kwargs)
    except (TimeoutError, EOFError, ValueError) as e:
        return {"exception": repr(e)}


def framing():
    """A frame whose Content-Length is negative, missing or given twice
    loses no later message: the server answers the error and finds the
    next header (as clangd does), so the next initialize is answered."""
    body = b'{"jsonrpc":"2.0","id":7,"method":"shutdown"}'
    bad = {
        "negative": b"Content-Length: -5\r\n\r\n" + body,
        "missing": b"Content-Type: application/vscode-jsonrpc\r\n\r\n" + body,
        "doubled": b"Content-Length: %d\r\nContent-Length: %d\r\n\r\n" % (
            len(body), len(body) + 40) + body,
        "doubled, body with line breaks": b"Content-Length: 3\r\nContent-Length: 9"
        b"\r\n\r\n{\n\"a\": 1,\n\"b\": 2}\n",
        "too short": b"Content-Length: 10\r\n\r\n" + body,
    }
    for name, frame in bad.items():
        c = start()
        c.send_raw(frame)
        r = guarded(c.request, "initialize", {
            "processId": None, "rootUri": uri_of(BASE), "capabilities": {}},
            timeout=10)
        check("after a %s Content-Length: the next initialize is answered"
              % name, "capabilities" in r.get("result", {}), r)
        r = guarded(c.request, "shutdown", timeout=10)
        check("... and the session goes on (%s)" % name,
              "result" in r and r["result"] is None, r)
        c.notify("exit")
        check("... and ends cleanly (%s)" % name, c.wait() == 0,
              c.proc.returncode)


def request_ids():
    """JSON-RPC ids are strings, numbers or null: another kind is -32600,
    answered with id null; a string id is echoed."""
    c = start()
    c.initialize(BASE)
    for rid in ({"a": 1}, [1], True, False):
        c.send({"jsonrpc": "2.0", "id": rid, "method": "shutdown"})
        r = guarded(c.response, None, timeout=10)
        check("a request id %s: -32600 with id null" % json.dumps(rid),
              error_code(r) == -32600 and r["id"] is None, r)
    c.send({"jsonrpc": "2.0", "id": "s-1", "method": "shutdown"})
    r = guarded(c.response, "s-1", timeout=10)
    check("a string request id is echoed", "result" in r, r)
    c.notify("exit")
    check("ids session ends cleanly", c.wait() == 0, c.proc.returncode)


def lone_surrogate():
    """A didChange whose text holds a lone UTF-16 surrogate (\\ud800, which
    JSON can carry and UTF-8 cannot): the buffer takes the text with U+FFFD
    in its place, and the bad character is a diagnostic at its position."""
    c = start()
    c.initialize(BASE)
    text = open(ZZ, encoding="utf-8").read()
    uri = uri_of(ZZ)
    c.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "yaml", "version": 1, "text": text}})
    c.diagnostics(uri)
    # Line 3 (0-based 2) gets "X\ud800Y" in Li Hua's Chinese name, after
    # CJK text: the column is in UTF-16 units.
    lines = text.split("\n")
    at = lines[2].index("李华") + 2
    marked = lines[2][:at] + "X@@Y" + lines[2][at:]
    changed = "\n".join(lines[:2] + [marked] + lines[3:])
    # Another post it defines, so that the buffer's new text shows in
    # the check: the misspelt post of line 5 resolves.
    changed = changed.replace("mofa-cyber-digital-affairs-coordinatr",
                              "new-post")
    changed += ("posts:\n  - id: new-post\n    name: {en: New post}\n"
                "    source: china-top-cyber-diplomat-article\n")
    body = json.dumps({"jsonrpc": "2.0", "method": "textDocument/didChange",
                       "params": {"textDocument": {"uri": uri, "version": 2},
                                  "contentChanges": [{"text": changed}]}},
                      ensure_ascii=False)
    body = body.replace("@@", "\\ud800").encode("utf-8")
    c.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    diags = guarded(c.diagnostics, uri, timeout=15)
    diags = [diags] if isinstance(diags, dict) else diags
    bad = [d for d in diags if d.get("code") == "encoding"]
    col = utf16_len(lines[2][:at]) + 1
    check("lone surrogate: reported as a diagnostic at its position",
          len(bad) == 1 and bad[0]["range"]["start"] == {
              "line": 2, "character": col}
          and "U+D800" in bad[0]["message"], diags)
    check("lone surrogate: the rest of the change is taken (the post it "
          "defines resolves)",
          not any("coordinatr" in d.get("message", "") or "new-post" in d.get("message", "")
                  for d in diags) and len(diags) == 2, diags)
    r = c.request("textDocument/hover", {
        "textDocument": {"uri": uri},
        "position": {"line": len(changed.split("\n")) - 4, "character": 10}})
    check("lone surrogate: the buffer is in step (hover on the new post)",
          "New post" in json.dumps(r.get("result")), r)
    c.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": 3},
        "contentChanges": [{"text": text}]})
    diags = c.diagnostics(uri)
    check("lone surrogate: its diagnostic goes with the next change",
          not any(d.get("code") == "encoding" for d in diags), diags)
    c.request("shutdown")
    c.notify("exit")
    c.wait()


lifecycle()
vanishing()
framing()
request_ids()
lone_surrogate()
other_files()
features()
sys.exit(1 if failures else 0)
