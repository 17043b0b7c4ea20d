#!/usr/bin/env python3
"""http_fixture_server.py - a loopback HTTP server for the update tests.

usage: http_fixture_server.py DIR PORTFILE [LIFETIME_SECONDS]

Binds 127.0.0.1 on a free port, writes the port to PORTFILE (atomically),
and serves the files of DIR by name, case-insensitively (GET /SDN.CSV serves
DIR/sdn.csv), until LIFETIME seconds (default 120) have passed. Behaviour is
read from DIR/_mode on every request, so a test switches it between steps:
  normal    200 with ETag and Last-Modified; 304 on a matching If-None-Match
            (or, without one, an If-Modified-Since not older than the file)
  noetag    200 always, no validators
  truncate  Content-Length 1000 bytes larger than the body, then close
  error500  500 Internal Server Error
Each request is appended to DIR/_log as "PATH STATUS INM=<If-None-Match>"
before the response is sent, so a client that got its answer finds the line.
"""
import email.utils
import hashlib
import http.server
import os
import sys
import time


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def record(self, status):
        with open(os.path.join(self.server.dir, "_log"), "a") as f:
            f.write("%s %d INM=%s\n" % (self.path, status,
                                        self.headers.get("If-None-Match", "")))

    def mode(self):
        try:
            with open(os.path.join(self.server.dir, "_mode")) as f:
                return f.read().strip() or "normal"
        except OSError:
            return "normal"

    def find(self):
        want = self.path.rsplit("/", 1)[-1].lower()
        for name in os.listdir(self.server.dir):
            if name.lower() == want and not name.startswith("_"):
                return os.path.join(self.server.dir, name)
        return None

    def send_empty(self, status):
        self.record(status)
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):
        mode = self.mode()
        path = self.find()
        if mode == "error500":
            return self.send_empty(500)
        if path is None:
            return self.send_empty(404)
        with open(path, "rb") as f:
            body = f.read()
        etag = '"%s"' % hashlib.sha256(body).hexdigest()[:16]
        mtime = int(os.stat(path).st_mtime)
        if mode == "normal":
            inm = self.headers.get("If-None-Match")
            ims = self.headers.get("If-Modified-Since")
            fresh = False
            if inm is not None:
                fresh = inm == etag
            elif ims is not None:
                try:
                    fresh = email.utils.parsedate_to_datetime(ims).timestamp() >= mtime
                except (TypeError, ValueError):
                    fresh = False
            if fresh:
                self.record(304)
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
        self.record(200)
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        extra = 1000 if mode == "truncate" else 0
        self.send_header("Content-Length", str(len(body) + extra))
        if mode == "normal":
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", email.utils.formatdate(mtime, usegmt=True))
        if mode == "truncate":
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()
        if mode == "truncate":
            self.close_connection = True


def main():
    if len(sys.argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    lifetime = float(sys.argv[3]) if len(sys.argv) > 3 else 120.0
    srv = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    srv.dir = sys.argv[1]
    srv.timeout = 0.5
    tmp = sys.argv[2] + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % srv.server_address[1])
    os.rename(tmp, sys.argv[2])
    deadline = time.time() + lifetime
    while time.time() < deadline:
        srv.handle_request()
    return 0


if __name__ == "__main__":
    sys.exit(main())
