#!/usr/bin/env python3
"""A webhook receiver for the sink tests.

    webhook_receiver.py LOG_FILE PORT_FILE

Every request is appended to LOG_FILE as one JSON line (path, headers, body,
and the status answered). The path picks the behaviour:
  /flaky/...    500 to the first two requests, then 200
  /broken/...   404, always
  /chat/...     200 with {"code": 0, "errcode": 0, "ok": true}, as chat APIs answer
  /slow/...     logged on arrival, answered 200 five seconds later
  /echo/...     404 with "Cannot POST PATH", as web frameworks answer: the path echoed
  anything else 200
Test scaffolding only.
"""
import http.server
import json
import os
import sys
import threading
import time

LOCK = threading.Lock()
COUNTS = {}


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        kind = self.path.strip("/").split("/")[0]
        if kind == "slow":
            self.record(200, body)
            time.sleep(5)
            self.answer(200, b"{}")
            return
        with LOCK:
            COUNTS[kind] = COUNTS.get(kind, 0) + 1
            n = COUNTS[kind]
        status, answer = 200, b"{}"
        if kind == "flaky" and n <= 2:
            status = 500
        elif kind == "broken":
            status = 404
        elif kind == "echo":
            status, answer = 404, ("Cannot POST %s" % self.path).encode()
        elif kind == "chat":
            answer = b'{"code": 0, "errcode": 0, "ok": true}'
        self.record(status, body)
        self.answer(status, answer)

    def record(self, status, body):
        with LOCK, open(sys.argv[1], "a", encoding="utf-8") as f:
            f.write(json.dumps({"path": self.path, "status": status,
                                "headers": dict(self.headers.items()),
                                "body": body.decode("utf-8", "replace")}) + "\n")

    def answer(self, status, answer):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, fmt, *args):
        pass


def main():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    tmp = sys.argv[2] + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(tmp, sys.argv[2])
    server.serve_forever()


if __name__ == "__main__":
    main()
