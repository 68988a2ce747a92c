"""A scripted Language Server Protocol client for kgbuild lsp's tests and
bench: frames JSON-RPC messages, reads them back with a timeout, and keeps
the notifications that arrive between responses."""
import json
import os
import re
import select
import subprocess
import time


# What the server and `kgbuild check` say, in one comparable form: the
# protocol's severities, and its 0-based UTF-16 positions as check's
# 1-based character columns.
SEVERITY = {1: "error", 2: "warning", 3: "note", 4: "note"}


def chars_of(text, line, utf16):
    """The 1-based character column of a 0-based UTF-16 position (lines
    end at CR LF, LF or CR, as the protocol says)."""
    lines = re.split("\r\n|\r|\n", text)
    if line >= len(lines):
        return utf16 + 1
    units = chars = 0
    for ch in lines[line]:
        if units >= utf16:
            break
        units += 2 if ord(ch) > 0xFFFF else 1
        chars += 1
    return chars + 1


def cold(kg, case, extra=(), timeout=120):
    """What a cold `kgbuild check [extra] facts` of the base at case says:
    a set of (file, line, column, severity, code, message with hint), and
    whether the sink folded some ("not shown")."""
    out = subprocess.run([kg, "check", "--diagnostics=json", "--color=never"]
                         + list(extra) + ["facts"], cwd=case,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         timeout=timeout)
    diags, folded = set(), False
    for line in out.stderr.decode("utf-8", "replace").splitlines():
        d = json.loads(line)
        folded = folded or "not shown" in d["message"]
        if not d["file"]:
            continue
        message = d["message"] + (" (%s)" % d["hint"] if d["hint"] else "")
        diags.add((d["file"], d["line"] or 1, d["column"] or 1,
                   d["severity"], d["code"], message))
    return diags, folded


class Client:
    def __init__(self, argv, cwd=None, stderr=None):
        self.proc = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE,
                                     stderr=stderr or subprocess.DEVNULL)
        self.buf = b""
        self.next_id = 1
        self.notes = []  # notifications received, in order

    def send_raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, obj):
        body = json.dumps(obj, ensure_ascii=False).encode("utf-8")
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def _fill(self, deadline):
        fd = self.proc.stdout.fileno()
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("no message from the server")
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            raise TimeoutError("no message from the server")
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            raise EOFError("the server closed its output")
        self.buf += chunk

    def read(self, timeout=30):
        """The next message, whatever it is."""
        deadline = time.monotonic() + timeout
        while b"\r\n\r\n" not in self.buf:
            self._fill(deadline)
        head, _, rest = self.buf.partition(b"\r\n\r\n")
        length = None
        for line in head.split(b"\r\n"):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        if length is None:
            raise ValueError("no Content-Length in %r" % head)
        self.buf = rest
        while len(self.buf) < length:
            self._fill(deadline)
        body, self.buf = self.buf[:length], self.buf[length:]
        return json.loads(body.decode("utf-8"))

    def response(self, rid, timeout=30):
        """The response to request rid; notifications meanwhile are kept."""
        while True:
            msg = self.read(timeout)
            if "method" in msg and "id" not in msg:
                self.notes.append(msg)
                continue
            if msg.get("id") == rid:
                return msg
            if rid is None and "id" in msg and msg["id"] is None:
                return msg

    def request(self, method, params=None, timeout=30):
        rid = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": rid, "method": method,
                   "params": params or {}})
        return self.response(rid, timeout)

    def notify(self, method, params=None):
        self.send({"jsonrpc": "2.0", "method": method, "params": params or {}})

    def diagnostics(self, uri, timeout=60):
        """The next publishDiagnostics for uri (kept ones first)."""
        deadline = time.monotonic() + timeout
        while True:
            for i, n in enumerate(self.notes):
                if (n.get("method") == "textDocument/publishDiagnostics"
                        and n["params"]["uri"] == uri):
                    del self.notes[:i + 1]
                    return n["params"]["diagnostics"]
            self.notes.append(self.read(max(0.01, deadline - time.monotonic())))

    def initialize(self, root):
        return self.request("initialize", {
            "processId": None, "rootUri": uri_of(root), "capabilities": {}})

    def wait(self, timeout=30):
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return None

    def close(self):
        try:
            self.proc.stdin.close()
        except BrokenPipeError:
            pass
        return self.wait()


def uri_of(path):
    from urllib.parse import quote
    return "file://" + quote(os.path.abspath(path))


def utf16_len(s):
    return len(s.encode("utf-16-le")) // 2
