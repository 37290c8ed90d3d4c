#!/usr/bin/env python3
"""Serves a folder over HTTP on loopback addresses for the integration tests.

    fixture_server.py DIR PORT_FILE

Binds a free port on 127.0.0.1 and the same port on 127.0.0.2 to 127.0.0.5,
so that outlets can each have a host of their own as on the web, writes the
port to PORT_FILE once listening, and serves DIR until killed (with Last-Modified, and 304 to If-Modified-Since). Two paths
misbehave on purpose: /limited/... answers 429 with Retry-After: 120, and
/gone/... answers 404. Test scaffolding only: precis itself never needs Python.
"""
import functools
import http.server
import os
import sys
import threading


class Handler(http.server.SimpleHTTPRequestHandler):
    def do_GET(self):
        if self.path.startswith("/limited/"):
            self.send_response(429)
            self.send_header("Retry-After", "120")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path.startswith("/gone/"):
            self.send_error(404)
            return
        super().do_GET()

    def log_message(self, fmt, *args):
        sys.stderr.write("fixture: " + (fmt % args) + "\n")

    def guess_type(self, path):
        if path.endswith(".xml"):
            return "application/rss+xml; charset=utf-8"
        if path.endswith(".html"):
            return "text/html; charset=utf-8"
        return super().guess_type(path)


def main():
    root, port_file = sys.argv[1], sys.argv[2]
    handler = functools.partial(Handler, directory=root)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    port = server.server_address[1]
    for host in range(2, 6):
        other = http.server.ThreadingHTTPServer(("127.0.0.%d" % host, port), handler)
        threading.Thread(target=other.serve_forever, daemon=True).start()
    tmp = port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(port))
    os.rename(tmp, port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
