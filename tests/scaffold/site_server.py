#!/usr/bin/env python3
"""A synthetic news site for fetcher tests and benchmarks, generated in
memory: FEEDS RSS feeds of ITEMS items each, an article page per item, and a
robots.txt that disallows /private/. Every third feed repeats the first
five items of the feed before it (the same story linked twice), and every
feed links one page under /private/.

Each request is logged as a JSON line {"path", "start", "end"} (seconds) to
LOG, so tests can check per-host concurrency and spacing.

Usage: site_server.py PORTFILE LOG [--feeds N] [--items N] [--delay S] [--bytes N] [--etag 1]
  --delay S   every article page waits S seconds before answering
  --bytes N   article pages are padded to about N bytes
  --etag 1    feeds carry an ETag and answer 304 to a request that has it
  --grow S    feeds list their items a few at a time, all of them S seconds after the start
"""
import hashlib
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

args = sys.argv[1:]
portfile, logpath = args.pop(0), args.pop(0)
opts = {"--feeds": 4, "--items": 10, "--delay": 0.0, "--bytes": 2000, "--etag": 0, "--grow": 0.0}
while args:
    k = args.pop(0)
    opts[k] = type(opts[k])(args.pop(0))
lock = threading.Lock()
started = time.time()
log = open(logpath, "a") if logpath != "-" else None


def feed(n, base):
    items = []
    shown = opts["--items"]
    if opts["--grow"]:
        shown = max(1, min(shown, int(shown * (time.time() - started) / opts["--grow"]) + 1))
    for i in range(shown):
        items.append("/news/f%d/story-%d.html" % (n, i))
    if n % 3 == 2:  # repeats of the feed before
        items += ["/news/f%d/story-%d.html" % (n - 1, i) for i in range(min(5, opts["--items"]))]
    items.append("/private/f%d/secret.html" % n)
    body = "".join("<item><title>Story %s</title><link>%s%s</link><description>A short report about %s.</description>"
                   "<pubDate>Mon, 02 Nov 2026 08:00:00 +0000</pubDate></item>" % (p, base, p, p) for p in items)
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feed %d</title>'
            "<link>%s/</link>%s</channel></rss>" % (n, base, body)).encode()


def page(path):
    para = ("<p>This synthetic article at %s reports that the company shipped a new model, "
            "raised prices by 4 percent and hired 120 engineers in two cities.</p>" % path)
    body = "<html><head><title>%s</title></head><body><nav>Home | News</nav><article><h1>%s</h1>" % (path, path)
    while len(body) < opts["--bytes"]:
        body += para
    return (body + "</article><footer>Synthetic site</footer></body></html>").encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *a):
        pass

    def do_GET(self):
        start = time.time()
        base = "http://%s" % self.headers.get("Host")
        if self.path == "/robots.txt":
            status, ctype, body = 200, "text/plain", b"User-agent: *\nDisallow: /private/\n"
        elif self.path.startswith("/feeds/f") and self.path.endswith(".xml"):
            n = int(self.path[len("/feeds/f"):-4])
            status, ctype, body = (200, "application/rss+xml", feed(n, base)) if n < opts["--feeds"] else (404, "text/plain", b"no")
            if opts["--etag"] and status == 200:
                etag = '"%s"' % hashlib.sha1(body).hexdigest()[:16]
                if self.headers.get("If-None-Match") == etag:
                    status, body = 304, b""
        elif self.path.startswith("/news/") or self.path.startswith("/private/"):
            if opts["--delay"]:
                time.sleep(opts["--delay"])
            status, ctype, body = 200, "text/html; charset=utf-8", page(self.path)
        else:
            status, ctype, body = 404, "text/plain", b"not found"
        self.send_response(status)
        if opts["--etag"] and self.path.startswith("/feeds/") and status in (200, 304):
            self.send_header("ETag", etag)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        if log:
            with lock:
                log.write(json.dumps({"path": self.path, "start": start, "end": time.time()}) + "\n")
                log.flush()


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
server.request_queue_size = 1024
with open(portfile + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(portfile + ".tmp", portfile)
server.serve_forever()
