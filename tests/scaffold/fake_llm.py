#!/usr/bin/env python3
"""A local OpenAI-compatible chat-completions server for precis' tests.

It "summarizes" by taking the first three sentences of the article in the
user message. How it misbehaves is chosen per article by a marker in the
title, counted per title across tries:

  [slow]       answers after 1.5 s
  [ratelimit]  429 with Retry-After: 1 on the first try
  [flaky]      500 on the first two tries
  [malformed]  prose instead of JSON on the first try
  [fenced]     the JSON inside a code fence with prose around it
  [violating]  always two key points instead of three
  [notjson]    always a 200 whose body is an HTML page
  [hang]       never answers in time (sleeps 30 s)
  [broken]     always 500

and for the whole server by --delay (every answer waits that long) and by
POST /control {"mode": "down"|"up"} (down: 503 for everything). GET /stats
returns {"requests": N, "by_title": {title: tries}, "last": request body}.

Usage: fake_llm.py PORTFILE [--delay S] [--key K]
"""
import json
import os
import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

lock = threading.Lock()
state = {"requests": 0, "by_title": {}, "last": None, "mode": "up"}
delay = 0.0
key = None


def sentences(text):
    parts = re.split(r"(?<=[.!?。！？])\s*", text.strip())
    return [p.strip() for p in parts if len(p.strip()) > 3]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        sys.stderr.write("fake_llm: " + (fmt % args) + "\n")

    def send(self, status, body, ctype="application/json", headers=()):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/stats":
            with lock:
                self.send(200, json.dumps({k: state[k] for k in ("requests", "by_title", "last")}))
        else:
            self.send(404, "{}")

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.path == "/control":
            with lock:
                state["mode"] = json.loads(body)["mode"]
            self.send(200, "{}")
            return
        if not self.path.endswith("/chat/completions"):
            self.send(404, '{"error": {"message": "no such route"}}')
            return
        if key is not None and self.headers.get("Authorization") != "Bearer " + key:
            self.send(401, '{"error": {"message": "invalid api key"}}')
            return
        req = json.loads(body)
        user = next(m["content"] for m in req["messages"] if m["role"] == "user")
        system = "".join(m["content"] for m in req["messages"] if m["role"] == "system")
        title = re.search(r"^Title: (.*)$", user, re.M).group(1)
        text = user.split("\n\n", 1)[1] if "\n\n" in user else user
        asked = re.search(r'"lang": "([^"]*)"', system)
        lang = asked.group(1) if asked else "en"
        with lock:
            state["requests"] += 1
            tries = state["by_title"].get(title, 0) + 1
            state["by_title"][title] = tries
            state["last"] = req
            mode = state["mode"]
        if delay:
            time.sleep(delay)
        if mode == "down":
            self.send(503, '{"error": {"message": "overloaded"}}')
            return
        if "[hang]" in title:
            time.sleep(30)
            return
        if "[slow]" in title:
            time.sleep(1.5)
        if "[ratelimit]" in title and tries == 1:
            self.send(429, '{"error": {"message": "rate limited"}}', headers=[("Retry-After", "1")])
            return
        if ("[flaky]" in title and tries <= 2) or "[broken]" in title:
            self.send(500, '{"error": {"message": "internal"}}')
            return
        if "[notjson]" in title:
            self.send(200, "<html><body>Bad Gateway</body></html>", "text/html")
            return
        points = sentences(text)[:3]
        while len(points) < 3:
            points.append("Point %d of %s." % (len(points) + 1, title))
        if "[violating]" in title:
            points = points[:2]
        answer = {"headline": title, "emoji": "\U0001F9E0", "key_points": points,
                  "tags": ["fake"], "importance": 0.7, "lang": lang}
        content = json.dumps(answer, ensure_ascii=False)
        if "[malformed]" in title and tries == 1:
            content = "I am sorry, I cannot answer in JSON right now."
        if "[fenced]" in title:
            content = "Here you go:\n```json\n" + content + "\n```\nAnything else?"
        usage = {"prompt_tokens": len(system + user) // 4, "completion_tokens": len(content) // 4}
        usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
        out = {"id": "chatcmpl-%d" % tries, "object": "chat.completion", "created": int(time.time()),
               "model": req.get("model"), "usage": usage,
               "choices": [{"index": 0, "finish_reason": "stop",
                            "message": {"role": "assistant", "content": content}}]}
        self.send(200, json.dumps(out, ensure_ascii=False))


def main():
    global delay, key
    args = sys.argv[1:]
    portfile = args.pop(0)
    while args:
        flag = args.pop(0)
        if flag == "--delay":
            delay = float(args.pop(0))
        elif flag == "--key":
            key = args.pop(0)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    with open(portfile + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(portfile + ".tmp", portfile)
    server.serve_forever()


if __name__ == "__main__":
    main()
