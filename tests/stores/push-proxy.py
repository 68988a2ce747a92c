#!/usr/bin/python3
"""push-proxy.py - a logging, misbehaving HTTP proxy in front of a store,
for tests/t/82-push.t (standard library only).

    push-proxy.py --upstream http://127.0.0.1:PORT --log FILE \
                  --port-file FILE --control FILE [--tls CERT KEY]

Listens on a free 127.0.0.1 port (written to --port-file), forwards every
request to --upstream (same path and query, same headers but the hop ones,
so digest authentication passes through) and appends one line per request
to --log:

    METHOD<TAB>graph IRI or -<TAB>body bytes<TAB>auth|noauth<TAB>status

status is the upstream's HTTP status, or what the proxy did instead
(dropped, 503, 413).  With --tls it speaks HTTPS (the certificate
and key in PEM) to its clients, and plain HTTP to the upstream.  What it does is read from --control before each
request, one word and an argument, so that a test changes it between runs:

    pass              forward everything (also when the file is absent)
    drop-after N      forward N authenticated writes (PUT, POST, DELETE),
                      then cut the connection of every later one half-way
                      through its body, with no answer
    status CODE       answer every request CODE, forwarding nothing
    max-body N        answer 413 to a body of more than N bytes
    stall N           read each request, then say nothing for N seconds
                      and close the connection
"""

import argparse
import http.client
import http.server
import os
import socket
import ssl
import threading
import time
import urllib.parse

HOP = {"connection", "keep-alive", "transfer-encoding", "expect", "host",
       "proxy-connection", "te", "upgrade", "content-length"}


def control(path):
    try:
        with open(path) as f:
            words = f.read().split()
    except FileNotFoundError:
        return ("pass", 0)
    if not words:
        return ("pass", 0)
    return (words[0], int(words[1]) if len(words) > 1 else 0)


class Proxy(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as libcurl uses it

    def log_message(self, *args):  # quiet: the log file says it all
        pass

    def record(self, length, status):
        query = urllib.parse.urlsplit(self.path).query
        graph = urllib.parse.parse_qs(query).get("graph", ["-"])[0]
        auth = "auth" if self.headers.get("Authorization") else "noauth"
        with self.server.lock:
            with open(self.server.log, "a") as f:
                f.write(f"{self.command}\t{graph}\t{length}\t{auth}\t{status}\n")

    def answer(self, code, body=b"", headers=()):
        self.send_response(code)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        mode, arg = control(self.server.control)
        writes = self.command in ("PUT", "POST", "DELETE")
        authed = bool(self.headers.get("Authorization"))
        if mode == "drop-after" and writes and authed:
            with self.server.lock:
                # counted from the moment the control file said so
                if self.server.counting != (mode, arg):
                    self.server.counting, self.server.writes = (mode, arg), 0
                self.server.writes += 1
                n = self.server.writes
            if n > arg:
                self.rfile.read(length // 2)
                self.record(length, "dropped")
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
        body = self.rfile.read(length) if length else b""
        if mode == "stall":
            self.record(length, "stalled")
            time.sleep(arg)
            self.close_connection = True
            return
        if mode == "status":
            self.record(length, str(arg))
            self.answer(arg, b"proxy says no\n")
            return
        if mode == "max-body" and length > arg:
            self.record(length, "413")
            self.answer(413, b"too large\n")
            return
        up = urllib.parse.urlsplit(self.server.upstream)
        conn = http.client.HTTPConnection(up.hostname, up.port, timeout=120)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP}
        conn.request(self.command, self.path, body=body if writes or body else None,
                     headers=headers)
        r = conn.getresponse()
        data = r.read()
        conn.close()
        self.record(length, str(r.status))
        self.answer(r.status, data,
                    [(k, v) for k, v in r.getheaders() if k.lower() not in HOP])

    do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = handle_any


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--upstream", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--control", required=True)
    ap.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    a = ap.parse_args()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Proxy)
    if a.tls:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(*a.tls)
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
    server.daemon_threads = True
    server.upstream, server.log, server.control = a.upstream, a.log, a.control
    server.lock = threading.Lock()
    server.writes, server.counting = 0, None
    tmp = a.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(f"{server.server_address[1]}\n")
    os.rename(tmp, a.port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
