#!/usr/bin/env python3
"""A small SMTP server with STARTTLS for the email sink test.

    smtp_server.py CERT KEY OUT_DIR PORT_FILE

Refuses MAIL before STARTTLS (530), so a client that would send in the
clear fails. Each message received is written to OUT_DIR as N.eml, with
N.json telling the envelope and whether TLS was on. Test scaffolding only.
"""
import json
import os
import socketserver
import ssl
import sys
import threading

CERT, KEY, OUT, PORT_FILE = sys.argv[1:5]
COUNT = [0]
LOCK = threading.Lock()


class Handler(socketserver.StreamRequestHandler):
    def send(self, line):
        self.wfile.write((line + "\r\n").encode())
        self.wfile.flush()

    def handle(self):
        tls, sender, rcpts = False, None, []
        self.send("220 localhost ESMTP precis-test")
        while True:
            raw = self.rfile.readline()
            if not raw:
                return
            cmd = raw.decode("utf-8", "replace").rstrip("\r\n")
            verb = cmd.split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                self.send("250-localhost")
                if not tls:
                    self.send("250-STARTTLS")
                self.send("250 8BITMIME")
            elif verb == "STARTTLS":
                self.send("220 go ahead")
                ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
                ctx.load_cert_chain(CERT, KEY)
                self.connection = ctx.wrap_socket(self.connection, server_side=True)
                self.rfile = self.connection.makefile("rb")
                self.wfile = self.connection.makefile("wb")
                tls = True
            elif verb == "MAIL":
                if not tls:
                    self.send("530 Must issue a STARTTLS command first")
                    continue
                sender = cmd[10:]
                self.send("250 OK")
            elif verb == "RCPT":
                rcpts.append(cmd[8:])
                self.send("250 OK")
            elif verb == "DATA":
                self.send("354 End data with <CR><LF>.<CR><LF>")
                lines = []
                while True:
                    l = self.rfile.readline()
                    if l in (b".\r\n", b".\n", b""):
                        break
                    lines.append(l[1:] if l.startswith(b"..") else l)
                with LOCK:
                    COUNT[0] += 1
                    n = COUNT[0]
                with open(os.path.join(OUT, "%d.eml" % n), "wb") as f:
                    f.write(b"".join(lines))
                with open(os.path.join(OUT, "%d.json" % n), "w") as f:
                    json.dump({"tls": tls, "from": sender, "to": rcpts}, f)
                self.send("250 OK queued")
            elif verb == "QUIT":
                self.send("221 bye")
                return
            elif verb in ("RSET", "NOOP"):
                self.send("250 OK")
            else:
                self.send("502 not implemented")


def main():
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    tmp = PORT_FILE + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(tmp, PORT_FILE)
    server.serve_forever()


if __name__ == "__main__":
    main()
