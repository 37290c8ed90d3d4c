#!/usr/bin/env python3
"""Serves a folder over HTTP on 127.0.0.1 for the integration tests.

    fixture_server.py DIR PORT_FILE

Binds a free port, writes it to PORT_FILE once listening, and serves DIR
until killed. Test scaffolding only: precis itself never needs Python.
"""
import functools
import http.server
import os
import sys


class Handler(http.server.SimpleHTTPRequestHandler):
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
    tmp = port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(tmp, port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
