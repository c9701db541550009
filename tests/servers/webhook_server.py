#!/usr/bin/env python3
"""webhook_server.py: a local HTTP endpoint that answers an alert webhook's POST the
way a misconfigured endpoint, or a proxy in front of it, can: with an error status
whose body quotes the request's path and query back (as many frameworks' 404 pages
and proxies' error pages do), or with a redirect. For the tests that an alert's
history, the error log and the admin page never show a webhook URL's secret path.

    webhook_server.py

Binds 127.0.0.1 on a port the OS picks, prints the port on stdout, serves until
killed. The first path segment chooses the answer (the rest is the "secret"):
  /ok/...        200 "ok"
  /text/...      404, text/plain: "No webhook at PATH?QUERY (decoded: ...)"
  /json/...      404, application/json quoting path and query with JSON's escaped
                 slashes, as PHP's json_encode() and many APIs write them
  /html/...      500, an HTML error page naming the path, percent-encoded and not
  /redirect/...  301 to https:// on the same host, path and query (an http-to-https
                 redirect), the body linking to that URL"""
import json
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        target = self.path
        decoded = urllib.parse.unquote(target)
        kind = target.lstrip("/").split("/", 1)[0].split("?", 1)[0]
        headers = {}
        if kind == "ok":
            status, ctype, body = 200, "text/plain", "ok"
        elif kind == "text":
            status, ctype, body = 404, "text/plain", f"No webhook at {target} (decoded: {decoded})"
        elif kind == "json":
            status, ctype = 404, "application/json"
            body = json.dumps({"error": "unknown webhook", "path": target, "decoded": decoded}).replace("/", "\\/")
        elif kind == "html":
            status, ctype = 500, "text/html"
            body = (f"<html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1>"
                    f"<p>The request POST {target} could not be handled.</p><p><a href=\"{target}\">{decoded}</a></p></body></html>")
        elif kind == "redirect":
            status, ctype = 301, "text/html"
            location = f"https://{self.headers.get('Host', '127.0.0.1')}{target}"
            headers["Location"] = location
            body = f"<html><body>Moved Permanently: <a href=\"{location}\">{location}</a></body></html>"
        else:
            status, ctype, body = 400, "text/plain", f"unknown answer {kind!r}"
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype + "; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
