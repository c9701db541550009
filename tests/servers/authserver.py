#!/usr/bin/env python3
"""authserver.py: a local HTTPS OAuth 2.0 authorization server for the tests.

It imitates Google's endpoints closely enough for php-smtp's TokenStore and for
Dovecot's oauth2 passdb:

  GET  /authorize   consent: checks client_id, redirect_uri, response_type=code,
                    scope, access_type=offline, prompt=consent, PKCE S256; answers
                    302 to redirect_uri?code=..&state=.. (the "user" always agrees
                    unless /control set deny=1)
  POST /token       grant_type=authorization_code (code single-use, redirect_uri and
                    code_verifier checked) and grant_type=refresh_token; errors in
                    Google's JSON shape ({"error": "invalid_grant", ...})
  GET|POST /tokeninfo  introspection for Dovecot: {"email":..,"active":true} or
                    {"active":false} for unknown, expired or revoked tokens
  POST /revoke      revokes a refresh token (and the access tokens it issued)
  GET  /control?k=v change behaviour: expires_in, refresh_expires_in, rotate,
                    delay, fail_status + fail_count, body (garbage|truncated|empty),
                    user, deny, grant_error (invalid_grant's description),
                    revoke_all=1, expire_access=1, reset=1
  GET  /stats       request counts as JSON

Usage: authserver.py PORT CERT KEY CLIENT_ID CLIENT_SECRET
"""
import base64
import hashlib
import json
import secrets
import ssl
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT, CERT, KEY, CLIENT_ID, CLIENT_SECRET = sys.argv[1:6]
PORT = int(PORT)

lock = threading.Lock()


def fresh_settings():
    return {
        "expires_in": 3600, "refresh_expires_in": None, "rotate": False, "delay": 0.0,
        "fail_status": 0, "fail_count": 0, "body": "", "user": "alice@example.test", "deny": False,
        "grant_error": "Token has been expired or revoked.",
    }


settings = fresh_settings()
stats = {}
codes = {}            # code -> {client_id, redirect_uri, challenge, scope, user, used}
refresh_tokens = {}   # refresh token -> {user, scope, revoked}
access_tokens = {}    # access token -> {user, scope, expires, refresh}


def count(name):
    stats[name] = stats.get(name, 0) + 1


def b64url_sha256(text):
    return base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=").decode()


def issue_access(user, scope, refresh):
    token = "ya29." + secrets.token_urlsafe(32)
    access_tokens[token] = {"user": user, "scope": scope, "refresh": refresh,
                            "expires": time.time() + settings["expires_in"]}
    return token


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 30   # an idle or stuck client never holds a thread forever

    def setup(self):
        # TLS per connection, in this connection's thread: a client that never
        # finishes its handshake cannot block the accept loop.
        self.request.settimeout(self.timeout)
        self.request = TLS.wrap_socket(self.request, server_side=True)
        super().setup()

    def log_message(self, fmt, *args):
        sys.stderr.write("authserver: " + (fmt % args) + "\n")

    # ---- plumbing ------------------------------------------------------------
    def reply(self, status, body, ctype="application/json", headers=None):
        data = body if isinstance(body, bytes) else (
            json.dumps(body).encode() if not isinstance(body, str) else body.encode())
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def error(self, status, code, description):
        self.reply(status, {"error": code, "error_description": description})

    def form(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode("utf-8", "replace") if length else ""
        return {k: v[0] for k, v in urllib.parse.parse_qs(raw, keep_blank_values=True).items()}

    def query(self):
        q = urllib.parse.urlsplit(self.path).query
        return {k: v[0] for k, v in urllib.parse.parse_qs(q, keep_blank_values=True).items()}

    def route(self):
        return urllib.parse.urlsplit(self.path).path

    def client_ok(self, f):
        cid, secret = f.get("client_id", ""), f.get("client_secret", "")
        auth = self.headers.get("Authorization", "")
        if auth.startswith("Basic "):
            cid, _, secret = base64.b64decode(auth[6:]).decode().partition(":")
        return cid == CLIENT_ID and secrets.compare_digest(secret, CLIENT_SECRET)

    # ---- endpoints -------------------------------------------------------------
    def do_GET(self):
        path = self.route()
        if path == "/authorize":
            return self.authorize(self.query())
        if path == "/tokeninfo":
            return self.tokeninfo(self.query())
        if path == "/control":
            return self.control(self.query())
        if path == "/stats":
            with lock:
                return self.reply(200, dict(stats))
        self.reply(404, {"error": "not_found"})

    def do_POST(self):
        path = self.route()
        f = self.form()
        if path == "/token":
            return self.token(f)
        if path == "/tokeninfo":
            return self.tokeninfo(f)
        if path == "/revoke":
            return self.revoke(f)
        self.reply(404, {"error": "not_found"})

    def authorize(self, q):
        with lock:
            count("authorize")
            required = ["response_type", "client_id", "redirect_uri", "scope", "state",
                        "code_challenge", "code_challenge_method"]
            missing = [k for k in required if not q.get(k)]
            if missing:
                return self.reply(400, "Error 400: invalid_request, missing " + ",".join(missing), "text/plain")
            if q["client_id"] != CLIENT_ID:
                return self.reply(401, "Error 401: invalid_client", "text/plain")
            if q["response_type"] != "code" or q["code_challenge_method"] != "S256":
                return self.reply(400, "Error 400: invalid_request (code + S256 expected)", "text/plain")
            if q.get("access_type") != "offline" or q.get("prompt") != "consent":
                return self.reply(400, "Error 400: offline access with prompt=consent expected", "text/plain")
            sep = "&" if "?" in q["redirect_uri"] else "?"
            if settings["deny"]:
                params = {"error": "access_denied", "state": q["state"]}
            else:
                code = "4/" + secrets.token_urlsafe(24)
                codes[code] = {"redirect_uri": q["redirect_uri"], "challenge": q["code_challenge"],
                               "scope": q["scope"], "user": settings["user"], "used": False}
                params = {"code": code, "state": q["state"], "scope": q["scope"]}
            location = q["redirect_uri"] + sep + urllib.parse.urlencode(params)
            self.reply(302, "", "text/plain", {"Location": location})

    def token(self, f):
        with lock:
            grant = f.get("grant_type", "")
            count("token_" + (grant or "none"))
            count("token")
            delay, body = settings["delay"], settings["body"]
            fail = settings["fail_status"] if settings["fail_count"] > 0 else 0
            if fail:
                settings["fail_count"] -= 1
        if delay:
            time.sleep(delay)
        if fail:
            if fail == 429:
                return self.error(429, "rate_limit_exceeded", "Rate limit exceeded.")
            return self.reply(fail, "<html><body>Server Error</body></html>", "text/html")
        if body == "garbage":
            return self.reply(200, "<html>captive portal</html>", "text/html")
        if body == "truncated":
            return self.reply(200, '{"access_token": "ya29.trunc', "application/json")
        if body == "empty":
            return self.reply(200, "", "application/json")
        with lock:
            if not self.client_ok(f):
                return self.error(401, "invalid_client", "Unauthorized")
            if grant == "authorization_code":
                return self.exchange(f)
            if grant == "refresh_token":
                return self.refresh(f)
            return self.error(400, "unsupported_grant_type", "Invalid grant_type: " + grant)

    def exchange(self, f):
        code = codes.get(f.get("code", ""))
        if not code or code["used"]:
            return self.error(400, "invalid_grant", "Bad Request")
        if f.get("redirect_uri") != code["redirect_uri"]:
            return self.error(400, "redirect_uri_mismatch", "Bad Request")
        verifier = f.get("code_verifier", "")
        if not verifier:
            return self.error(400, "invalid_request", "Missing code verifier.")
        if b64url_sha256(verifier) != code["challenge"]:
            return self.error(400, "invalid_grant", "Invalid code verifier.")
        code["used"] = True
        refresh = "1//" + secrets.token_urlsafe(40)
        refresh_tokens[refresh] = {"user": code["user"], "scope": code["scope"], "revoked": False}
        body = {"access_token": issue_access(code["user"], code["scope"], refresh),
                "expires_in": settings["expires_in"], "refresh_token": refresh,
                "scope": code["scope"], "token_type": "Bearer"}
        if settings["refresh_expires_in"] is not None:
            body["refresh_token_expires_in"] = settings["refresh_expires_in"]
        self.reply(200, body)

    def refresh(self, f):
        old = f.get("refresh_token", "")
        entry = refresh_tokens.get(old)
        if not entry or entry["revoked"]:
            return self.error(400, "invalid_grant", settings["grant_error"])
        body = {"access_token": issue_access(entry["user"], entry["scope"], old),
                "expires_in": settings["expires_in"], "scope": entry["scope"], "token_type": "Bearer"}
        if settings["rotate"]:
            new = "1//" + secrets.token_urlsafe(40)
            refresh_tokens[new] = dict(entry)
            entry["revoked"] = True
            for a in access_tokens.values():
                if a["refresh"] == old:
                    a["refresh"] = new
            body["refresh_token"] = new
        if settings["refresh_expires_in"] is not None:
            body["refresh_token_expires_in"] = settings["refresh_expires_in"]
        self.reply(200, body)

    def tokeninfo(self, f):
        token = f.get("access_token") or f.get("token") or ""
        auth = self.headers.get("Authorization", "")
        if not token and auth.startswith("Bearer "):
            token = auth[7:]
        with lock:
            count("tokeninfo")
            a = access_tokens.get(token)
            live = a and a["expires"] > time.time() and not refresh_tokens[a["refresh"]]["revoked"]
            if not live:
                return self.reply(200, {"active": False, "error": "invalid_token"})
            self.reply(200, {"active": True, "email": a["user"], "scope": a["scope"],
                             "expires_in": int(a["expires"] - time.time())})

    def revoke(self, f):
        with lock:
            count("revoke")
            token = f.get("token", "")
            if token in refresh_tokens:
                refresh_tokens[token]["revoked"] = True
                return self.reply(200, {})
            if token in access_tokens:
                access_tokens[token]["expires"] = 0
                return self.reply(200, {})
            self.error(400, "invalid_token", "Token is not revocable.")

    def control(self, q):
        global settings, stats
        with lock:
            if q.get("reset"):
                settings = fresh_settings()
                stats = {}
            for key in ("expires_in", "fail_status", "fail_count"):
                if key in q:
                    settings[key] = int(q[key])
            if "refresh_expires_in" in q:
                settings["refresh_expires_in"] = int(q["refresh_expires_in"]) if q["refresh_expires_in"] else None
            if "delay" in q:
                settings["delay"] = float(q["delay"])
            for key in ("rotate", "deny"):
                if key in q:
                    settings[key] = q[key] == "1"
            for key in ("body", "user", "grant_error"):
                if key in q:
                    settings[key] = q[key]
            if q.get("revoke_all"):
                for r in refresh_tokens.values():
                    r["revoked"] = True
            if q.get("expire_access"):
                for a in access_tokens.values():
                    a["expires"] = 0
            self.reply(200, {k: v for k, v in settings.items()})


TLS = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
TLS.load_cert_chain(CERT, KEY)


def main():
    server = ThreadingHTTPServer(("127.0.0.1", PORT), Handler)
    server.daemon_threads = True
    server.serve_forever()


if __name__ == "__main__":
    main()
