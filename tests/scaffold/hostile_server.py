#!/usr/bin/env python3
"""A server that behaves badly in every way the fetcher must survive, for
the hostile-server tests. Every route answers as both a feed and a page;
/feed-of-bad-pages.xml links one page per bad behaviour plus healthy ones.

  /loop                 redirects to itself forever
  /to-private           redirects to the cloud metadata address 169.254.169.254
  /gzip-bomb            200 MB of zeros, gzip-compressed to about 200 KB
  /endless              a chunked body that never ends
  /slow-drip            one byte a second
  /wrong-type           a PNG image
  /invalid-utf8.xml     a feed declared UTF-8 with bytes that are not
  /billion-laughs.xml   nested entity expansion
  /xxe.xml              an external entity reading /etc/passwd
  /good.xml             a healthy feed, and /good/N.html healthy pages; one,
                        /good/odd-type.html, with a byte beyond ASCII in its
                        Content-Type

Usage: hostile_server.py PORTFILE
"""
import gzip
import io
import os
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BAD = ["loop", "to-private", "gzip-bomb", "endless", "slow-drip", "wrong-type"]


def bomb():
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as g:
        chunk = b"\0" * (1 << 20)
        for _ in range(200):
            g.write(chunk)
    return out.getvalue()


BOMB = bomb()


def rss(base, links):
    items = "".join("<item><title>Item %s</title><link>%s%s</link><description>About %s.</description></item>"
                    % (p, base, p, p) for p in links)
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>'
            "<link>%s/</link>%s</channel></rss>" % (base, items)).encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *a):
        sys.stderr.write("hostile: " + (fmt % a) + "\n")

    def reply(self, status, ctype, body, headers=()):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        base = "http://%s" % self.headers.get("Host")
        p = self.path
        try:
            if p == "/robots.txt":
                self.reply(200, "text/plain", b"User-agent: *\nAllow: /\n")
            elif p == "/loop":
                self.reply(302, "text/plain", b"", [("Location", "/loop")])
            elif p == "/to-private":
                self.reply(302, "text/plain", b"", [("Location", "http://169.254.169.254/latest/meta-data/")])
            elif p == "/gzip-bomb":
                self.reply(200, "application/rss+xml", BOMB, [("Content-Encoding", "gzip")])
            elif p == "/endless":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                chunk = b"<p>" + b"x" * 65536 + b"</p>"
                while True:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            elif p == "/slow-drip":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", "100000")
                self.end_headers()
                for _ in range(100000):
                    self.wfile.write(b"<")
                    self.wfile.flush()
                    time.sleep(1)
            elif p == "/wrong-type":
                self.reply(200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\0" * 2000)
            elif p == "/invalid-utf8.xml":
                body = rss(base, ["/good/utf8.html"]).replace(b"About", b"Ab\xff\xfeout")
                self.reply(200, "application/rss+xml; charset=utf-8", body)
            elif p == "/billion-laughs.xml":
                self.reply(200, "application/rss+xml", open(os.path.join(fixtures, "billion-laughs.xml"), "rb").read())
            elif p == "/xxe.xml":
                self.reply(200, "application/rss+xml", open(os.path.join(fixtures, "xxe-file.xml"), "rb").read())
            elif p == "/good.xml":
                self.reply(200, "application/rss+xml", rss(base, ["/good/1.html", "/good/2.html",
                                                                   "/good/odd-type.html"]))
            elif p == "/feed-of-bad-pages.xml":
                self.reply(200, "application/rss+xml", rss(base, ["/" + b for b in BAD] + ["/good/3.html"]))
            elif p.startswith("/good/"):
                # "\xe9" goes out as the one byte 0xe9 (headers are Latin-1)
                self.reply(200, "text/html; charset=utf-8" + ("; x=caf\xe9" if "odd" in p else ""),
                           b"<html><head><title>Good</title></head><body><article><p>" +
                           b"A healthy article that says something useful. " * 20 + b"</p></article></body></html>")
            else:
                self.reply(404, "text/plain", b"not found")
        except (BrokenPipeError, ConnectionResetError):
            pass


fixtures = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "feeds")
server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
with open(sys.argv[1] + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
server.serve_forever()
