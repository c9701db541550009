#!/usr/bin/env python3
"""apiserver.py: a local HTTPS server that answers like the seven mail APIs php-smtp
speaks (Gmail API, Microsoft Graph, Mailgun, Amazon SES v2, SendGrid v3, Postmark,
Mandrill), for the tests of the "api" transports. No test needs the internet.

    apiserver.py CERT KEY OUTDIR OAUTH_URL CA [PORT]

Binds 127.0.0.1 (PORT, or one the OS picks), prints the port on stdout, serves
until killed. Each request is checked as the provider would: the path, the
credentials (Bearer tokens are checked at the stack's authorization server's
/tokeninfo, so revoking or expiring them there makes this server answer 401;
SES's AWS Signature V4 is verified by this file's own implementation), the body
shape. What arrived is written to OUTDIR/<n>-<api>.eml as a MIME message (for
SendGrid and Postmark, whose JSON is not MIME, the message is built from the JSON
with Python's email package, as the provider would) and described by GET /last.

Failures on request (GET /control?...): fail=STATUS (the API's real error body for
that status) with count=N (default 1) and retry_after=S; mode=drop_after_body
(read the whole body, check and keep it as any other, close without a reply), mode=continue_close (answer
"100 Continue", then close), mode=ok_early (the API's success reply before reading
the body, then close), delay=S; reject=ADDR (Mandrill: that recipient
"rejected"), mandrill_error=NAME; save=1 (keep the last request's body and
headers as OUTDIR/<api>.body and .headers, for the benchmark), keep=0 (check
the credentials but neither decode nor keep what arrived: the benchmark measures
clients, not this server); reset=1. GET /stats: counts (requests, connections).
"""
import base64
import datetime
import email
import email.policy
import email.utils
import hashlib
import hmac
import json
import os
import re
import secrets
import socket
import ssl
import sys
import threading
import time
import urllib.parse
import urllib.request
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CERT, KEY, OUTDIR, OAUTH_URL, CA = sys.argv[1:6]
PORT = int(sys.argv[6]) if len(sys.argv) > 6 else 0

# The test credentials (tests/phpt/api.inc has the same).
KEYS = {
    "mailgun": "key-mailgun-0123456789abcdef-test",
    "sendgrid": "SG.sendgrid-test-key.0123456789abcdef",
    "postmark": "postmark-server-token-0123-4567-89ab",
    "mandrill": "md-mandrill-test-key-0123456789",
}
MAILGUN_DOMAIN = "mg.example.test"
AWS_KEY_ID = "AKIDPHPSMTPTEST"
AWS_SECRET = "wJalrXUtnFEMI/K7MDENG+phpsmtpTESTKEY"
AWS_REGION = "eu-west-1"

lock = threading.Lock()
state = {}
stats = {}
seq = [0]
last = {}


def reset():
    global state, stats
    state = {"fail": 0, "count": 0, "retry_after": None, "mode": "", "delay": 0.0, "reject": "",
             "mandrill_error": "Invalid_Key", "save": False, "keep": True}
    stats = {"requests": 0, "connections": 0}


reset()
TLS = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
TLS.load_cert_chain(CERT, KEY)
TLS.set_alpn_protocols(["http/1.1"])
CLIENT_TLS = ssl.create_default_context(cafile=CA)

ROUTES = {
    "/upload/gmail/v1/users/me/messages/send": "gmail",
    "/v1.0/me/sendMail": "graph",
    "/v3/%s/messages.mime" % MAILGUN_DOMAIN: "mailgun",
    "/v2/email/outbound-emails": "ses",
    "/v3/mail/send": "sendgrid",
    "/email": "postmark",
    "/api/1.0/messages/send-raw.json": "mandrill",
}

# ---- the providers' error bodies ------------------------------------------------------

GOOGLE_STATUS = {400: ("INVALID_ARGUMENT", "Invalid To header"),
                 401: ("UNAUTHENTICATED", "Request had invalid authentication credentials. Expected OAuth 2 access "
                       "token, login cookie or other valid authentication credential."),
                 403: ("PERMISSION_DENIED", "Request had insufficient authentication scopes."),
                 413: ("FAILED_PRECONDITION", "Request Entity Too Large"),
                 429: ("RESOURCE_EXHAUSTED", "User-rate limit exceeded.  Retry after 2026-01-01T00:00:30.000Z"),
                 500: ("INTERNAL", "Internal error encountered."),
                 503: ("UNAVAILABLE", "The service is currently unavailable.")}
GRAPH_CODES = {400: ("ErrorInvalidRecipients", "At least one recipient isn't valid."),
               401: ("InvalidAuthenticationToken", "Access token has expired or is not yet valid."),
               403: ("ErrorAccessDenied", "Access is denied. Check credentials and try again."),
               413: ("ErrorMessageSizeExceeded", "The message exceeds the maximum supported size."),
               429: ("ApplicationThrottled", "Application is over its MailboxConcurrency limit."),
               500: ("InternalServerError", "An internal server error occurred."),
               503: ("ServiceUnavailable", "The service is temporarily unavailable.")}
MAILGUN = {400: "'to' parameter is not a valid address. please check documentation",
           403: "Domain mg.example.test is not allowed to send: Free accounts are for test purposes only.",
           413: "request entity too large", 429: "Too many requests", 500: "Internal Server Error",
           503: "Service Unavailable"}
SES = {400: ("MessageRejected", "Email address is not verified. The following identities failed the check in "
             "region EU-WEST-1: alice@example.test"),
       403: ("UnrecognizedClientException", "The security token included in the request is invalid."),
       413: ("BadRequestException", "Message length is more than 40 mebibytes"),
       429: ("TooManyRequestsException", "Too Many Requests"),
       500: ("InternalFailure", "The request processing has failed because of an unknown error."),
       503: ("ServiceUnavailable", "Service Unavailable")}
SENDGRID = {400: ("The from object must be provided for every email send. It is an object that requires the email "
                  "parameter, but may also contain a name parameter.", "from"),
            401: ("The provided authorization grant is invalid, expired, or revoked", None),
            403: ("The from address does not match a verified Sender Identity. Mail cannot be sent until this error "
                  "is resolved.", "from"),
            413: ("The JSON payload you have included in your request is too large.", None),
            429: ("too many requests", None), 500: ("internal error", None), 503: ("service unavailable", None)}
POSTMARK = {401: (10, "The Server Token you provided in the X-Postmark-Server-Token request header was invalid. "
                  "Please verify that you are using a valid token."),
            413: (300, "Request entity too large"),
            422: (300, "Invalid email request"), 429: (429, "Rate limit exceeded"),
            500: (0, "Internal Server Error"), 503: (100, "Maintenance")}
MANDRILL = {"Invalid_Key": "Invalid API key", "ValidationError": "You must specify a key value",
            "PaymentRequired": "This feature is only available for paid accounts",
            "Unknown_Subaccount": "No subaccount exists with the id 'customer-123'",
            "GeneralError": "An unexpected error occurred processing the request. Mandrill developers have been notified."}


def error_reply(api, status):
    """(status, headers, body) of the API's own error for that status."""
    h = {}
    if api == "gmail":
        st, msg = GOOGLE_STATUS.get(status, ("UNKNOWN", "error"))
        return status, h, {"error": {"code": status, "message": msg,
                                     "errors": [{"message": msg, "domain": "global", "reason": st.lower()}],
                                     "status": st}}
    if api == "graph":
        code, msg = GRAPH_CODES.get(status, ("UnknownError", "error"))
        return status, h, {"error": {"code": code, "message": msg, "innerError": {
            "date": "2026-01-01T00:00:00", "request-id": "0f3c-err", "client-request-id": "0f3c-err"}}}
    if api == "mailgun":
        if status == 401:
            return status, h, "Forbidden"
        return status, h, {"message": MAILGUN.get(status, "error")}
    if api == "ses":
        typ, msg = SES.get(status, ("UnknownError", "error"))
        h["x-amzn-ErrorType"] = typ + ":http://internal.amazon.com/coral/com.amazonaws.sesv2/"
        return status, h, {"message": msg}
    if api == "sendgrid":
        msg, field = SENDGRID.get(status, ("error", None))
        return status, h, {"errors": [{"message": msg, "field": field, "help": None}]}
    if api == "postmark":
        code, msg = POSTMARK.get(status, (0, "error"))
        return status, h, {"ErrorCode": code, "Message": msg}
    name = state["mandrill_error"]
    return 500, h, {"status": "error", "code": -1 if name == "Invalid_Key" else -2, "name": name,
                    "message": MANDRILL.get(name, "error")}


def auth_error(api):
    if api == "ses":
        return 403, {"x-amzn-ErrorType": "InvalidSignatureException:http://internal.amazon.com/coral/"}, {
            "message": "The request signature we calculated does not match the signature you provided."}
    if api == "mandrill":
        return 500, {}, {"status": "error", "code": -1, "name": "Invalid_Key", "message": "Invalid API key"}
    if api == "postmark":
        return error_reply(api, 401)
    return error_reply(api, 401)


# ---- checks ------------------------------------------------------------------------------


def token_active(token):
    data = urllib.parse.urlencode({"access_token": token}).encode()
    try:
        with urllib.request.urlopen(OAUTH_URL + "/tokeninfo", data, timeout=5, context=CLIENT_TLS) as r:
            return json.loads(r.read()).get("active") is True
    except Exception as e:  # the authorization server down: refuse
        sys.stderr.write("apiserver: tokeninfo failed: %s\n" % e)
        return False


def sigv4_ok(method, path, headers, body):
    auth = headers.get("authorization", "")
    if not auth.startswith("AWS4-HMAC-SHA256 "):
        return False
    fields = dict(p.strip().split("=", 1) for p in auth[len("AWS4-HMAC-SHA256 "):].split(","))
    key_id, date, region, service, term = fields["Credential"].split("/")
    if key_id != AWS_KEY_ID or region != AWS_REGION or service != "ses" or term != "aws4_request":
        return False
    amz = headers.get("x-amz-date", "")
    when = datetime.datetime.strptime(amz, "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.timezone.utc)
    if abs((datetime.datetime.now(datetime.timezone.utc) - when).total_seconds()) > 900 or amz[:8] != date:
        return False
    signed = fields["SignedHeaders"].split(";")
    if "host" not in signed or "x-amz-date" not in signed:
        return False
    canon = "\n".join([method, path, "", "".join("%s:%s\n" % (h, headers.get(h, "").strip()) for h in signed),
                       ";".join(signed), hashlib.sha256(body).hexdigest()])
    scope = "%s/%s/%s/aws4_request" % (date, region, service)
    sts = "\n".join(["AWS4-HMAC-SHA256", amz, scope, hashlib.sha256(canon.encode()).hexdigest()])
    k = ("AWS4" + AWS_SECRET).encode()
    for part in (date, region, service, "aws4_request"):
        k = hmac.new(k, part.encode(), hashlib.sha256).digest()
    return hmac.compare_digest(hmac.new(k, sts.encode(), hashlib.sha256).hexdigest(), fields["Signature"])


def authorized(api, method, path, headers, body):
    auth = headers.get("authorization", "")
    if api in ("gmail", "graph"):
        return auth.startswith("Bearer ") and token_active(auth[7:])
    if api == "mailgun":
        want = "Basic " + base64.b64encode(("api:" + KEYS["mailgun"]).encode()).decode()
        return hmac.compare_digest(auth, want)
    if api == "sendgrid":
        return hmac.compare_digest(auth, "Bearer " + KEYS["sendgrid"])
    if api == "postmark":
        return hmac.compare_digest(headers.get("x-postmark-server-token", ""), KEYS["postmark"])
    if api == "ses":
        return sigv4_ok(method, path, headers, body)
    try:
        m = re.match(rb'\{\s*"key"\s*:\s*("(?:[^"\\]|\\.)*")', body)   # without parsing a 27 MB body
        key = json.loads(m.group(1)) if m else json.loads(body).get("key", "")
        return hmac.compare_digest(key, KEYS["mandrill"])
    except Exception:
        return False


# ---- what arrived, as MIME -------------------------------------------------------------


def addr_list(items):
    out = []
    for a in items or []:
        out.append(email.utils.formataddr((a["name"], a["email"])) if a.get("name") else a["email"])
    return ", ".join(out)


def mime_from_sendgrid(j):
    m = EmailMessage(policy=email.policy.SMTP)
    p = j["personalizations"][0]
    m["From"] = addr_list([j["from"]])
    if p.get("to"):
        m["To"] = addr_list(p["to"])
    if p.get("cc"):
        m["Cc"] = addr_list(p["cc"])
    if j.get("reply_to"):
        m["Reply-To"] = addr_list([j["reply_to"]])
    if j.get("reply_to_list"):
        m["Reply-To"] = addr_list(j["reply_to_list"])
    if "subject" in j:
        m["Subject"] = j["subject"]
    for k, v in (j.get("headers") or {}).items():
        m[k] = v
    bodies = {c["type"]: c["value"] for c in j["content"]}
    return finish_mime(m, bodies.get("text/plain"), bodies.get("text/html"),
                       [(a["filename"], a.get("type"), a["content"], a.get("content_id")) for a in j.get("attachments", [])]), \
        [a["email"] for k in ("to", "cc", "bcc") for a in p.get(k, [])]


def mime_from_postmark(j):
    m = EmailMessage(policy=email.policy.SMTP)
    for src, dst in (("From", "From"), ("To", "To"), ("Cc", "Cc"), ("ReplyTo", "Reply-To"), ("Subject", "Subject")):
        if j.get(src):
            m[dst] = j[src]
    for h in j.get("Headers", []):
        m[h["Name"]] = h["Value"]
    atts = [(a["Name"], a.get("ContentType"), a["Content"], (a.get("ContentID") or "")[4:] or None)
            for a in j.get("Attachments", [])]
    rcpt = []
    for k in ("To", "Cc", "Bcc"):
        for a in email.utils.getaddresses([j.get(k) or ""]):
            if a[1]:
                rcpt.append(a[1])
    return finish_mime(m, j.get("TextBody"), j.get("HtmlBody"), atts), rcpt


def finish_mime(m, text, html, atts):
    if text is not None:
        m.set_content(text)
    if html is not None:
        if text is not None:
            m.add_alternative(html, subtype="html")
        else:
            m.set_content(html, subtype="html")
    for name, ctype, content, cid in atts:
        maintype, _, subtype = (ctype or "application/octet-stream").partition("/")
        kw = {"filename": name, "disposition": "inline" if cid else "attachment"}
        if cid:
            kw["cid"] = "<%s>" % cid
        m.add_attachment(base64.b64decode(content), maintype=maintype, subtype=subtype, **kw)
    return m.as_bytes()


def mailgun_fields(ctype, body):
    """multipart/form-data (RFC 7578) split by hand, so the file part's bytes stay exact."""
    boundary = ctype.split("boundary=", 1)[1].strip('"').encode()
    to, raw = [], None
    for chunk in body.split(b"--" + boundary)[1:]:
        if chunk.startswith(b"--"):
            break
        head, _, content = chunk[2:].partition(b"\r\n\r\n")
        content = content[:-2] if content.endswith(b"\r\n") else content
        disp = email.message_from_bytes(head + b"\r\n\r\n", policy=email.policy.compat32)
        name = disp.get_param("name", header="content-disposition")
        if name == "to":
            to.append(content.decode())
        elif name == "message":
            raw = content
    if raw is None:
        raise ValueError("no message part")
    return raw, to


def decode(api, headers, body):
    """(raw MIME bytes, envelope recipients) of an accepted request."""
    if api == "gmail":
        return body, None
    if api == "graph":
        return base64.b64decode(body, validate=True), None
    if api == "mailgun":
        return mailgun_fields(headers.get("content-type", ""), body)
    j = json.loads(body)
    if api == "ses":
        d = j["Destination"]
        return base64.b64decode(j["Content"]["Raw"]["Data"], validate=True), \
            d.get("ToAddresses", []) + d.get("CcAddresses", []) + d.get("BccAddresses", [])
    if api == "mandrill":
        return j["raw_message"].encode("utf-8"), j.get("to", [])
    if api == "sendgrid":
        return mime_from_sendgrid(j)
    return mime_from_postmark(j)


def success(api, rcpt, raw):
    n = seq[0]
    if api == "gmail":
        i = secrets.token_hex(8)
        return 200, {}, {"id": i, "threadId": i, "labelIds": ["SENT"]}
    if api == "graph":
        rid = "graph-req-%d-%s" % (n, secrets.token_hex(4))
        return 202, {"request-id": rid, "client-request-id": rid}, b""
    if api == "mailgun":
        return 200, {}, {"id": "<20260101000000.%d.%s@%s>" % (n, secrets.token_hex(4), MAILGUN_DOMAIN),
                         "message": "Queued. Thank you."}
    if api == "ses":
        return 200, {}, {"MessageId": "0102018c%s-%d-000000" % (secrets.token_hex(8), n)}
    if api == "sendgrid":
        return 202, {"X-Message-Id": "sg%s" % secrets.token_hex(10)}, b""
    if api == "postmark":
        return 200, {}, {"To": ", ".join(rcpt), "SubmittedAt": "2026-01-01T00:00:00.0000000Z",
                         "MessageID": "%s-pm-%d" % (secrets.token_hex(4), n), "ErrorCode": 0, "Message": "OK"}
    out = []
    for r in rcpt:
        if r in state["reject"].split(","):
            out.append({"email": r, "status": "rejected", "reject_reason": "hard-bounce", "_id": secrets.token_hex(16)})
        else:
            out.append({"email": r, "status": "sent", "reject_reason": None, "_id": secrets.token_hex(16)})
    return 200, {}, out


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 30

    def setup(self):
        self.request.settimeout(self.timeout)
        # headers and body leave in two writes: without this, Nagle waits for the client's
        # delayed ACK (40 ms) before the second, and every reply looks 40 ms slow
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.request = TLS.wrap_socket(self.request, server_side=True)
        with lock:
            stats["connections"] += 1
        super().setup()

    def log_message(self, fmt, *args):
        sys.stderr.write("apiserver: " + (fmt % args) + "\n")

    def reply(self, status, body, headers=None, ctype="application/json"):
        data = body if isinstance(body, bytes) else (body.encode() if isinstance(body, str) else json.dumps(body).encode())
        if isinstance(body, str):
            ctype = "text/plain"
        self.send_response(status)
        if data or status != 202:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def handle_expect_100(self):
        with lock:
            mode = state["mode"]
            early = state["fail"] if state["count"] > 0 and state["fail"] in (401, 413) else 0
        if mode == "ok_early":
            self.ok_early()
            return False
        if mode == "continue_close":
            self.send_response_only(100)
            self.end_headers()
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return False
        if early:   # a server that refuses before the body, as Expect: 100-continue allows (RFC 9110 10.1.1)
            with lock:
                state["count"] -= 1
            api = ROUTES.get(urllib.parse.urlsplit(self.path).path, "gmail")
            st, h, b = error_reply(api, early)
            self.close_connection = True
            self.reply(st, b, dict(h, Connection="close"))
            return False
        return super().handle_expect_100()

    def read_body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            out = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0], 16)
                if size == 0:
                    self.rfile.readline()
                    return out, True
                out += self.rfile.read(size)
                self.rfile.readline()
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n), False

    def do_GET(self):
        u = urllib.parse.urlsplit(self.path)
        q = {k: v[0] for k, v in urllib.parse.parse_qs(u.query).items()}
        if u.path == "/control":
            with lock:
                if q.get("reset"):
                    reset()
                for k in ("fail", "count"):
                    if k in q:
                        state[k] = int(q[k])
                if "fail" in q and "count" not in q:
                    state["count"] = 1
                if "retry_after" in q:
                    state["retry_after"] = q["retry_after"]
                if "delay" in q:
                    state["delay"] = float(q["delay"])
                for k in ("mode", "reject", "mandrill_error"):
                    if k in q:
                        state[k] = q[k]
                for k in ("save", "keep"):
                    if k in q:
                        state[k] = q[k] == "1"
                return self.reply(200, dict(state))
        if u.path == "/stats":
            with lock:
                return self.reply(200, dict(stats))
        if u.path == "/last":
            with lock:
                return self.reply(200, last.get(q.get("api", ""), {}))
        self.reply(404, {"error": "not found"})

    def do_POST(self):
        u = urllib.parse.urlsplit(self.path)
        api = ROUTES.get(u.path)
        if api is None:
            return self.reply(404, {"error": "no such API path: " + u.path})
        if api == "gmail" and u.query != "uploadType=media":
            return self.reply(400, {"error": {"code": 400, "message": "uploadType=media expected", "status": "INVALID_ARGUMENT"}})
        with lock:
            stats["requests"] += 1
            stats[api] = stats.get(api, 0) + 1
            mode, delay = state["mode"], state["delay"]
        if mode == "ok_early":
            return self.ok_early()
        if mode == "continue_close":   # a small body without Expect: close before reading it
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        body, chunked = self.read_body()
        headers = {k.lower(): v for k, v in self.headers.items()}
        if delay:
            time.sleep(delay)
        with lock:
            fail = state["fail"] if state["count"] > 0 else 0
            if fail:
                state["count"] -= 1
            retry_after = state["retry_after"]
        if fail:
            st, h, b = error_reply(api, fail)
            if retry_after is not None:
                h["Retry-After"] = retry_after
            return self.reply(st, b, h)
        if not authorized(api, "POST", u.path, headers, body):
            st, h, b = auth_error(api)
            return self.reply(st, b, h)
        with lock:
            keep = state["keep"]
        try:
            raw, rcpt = decode(api, headers, body) if keep else (b"", ["bench@example.test"])
        except Exception as e:
            return self.reply(*self.bad_body(api, e))
        with lock:
            seq[0] += 1
            path = os.path.join(OUTDIR, "%d-%s.eml" % (seq[0], api))
            if state["keep"]:
                with open(path, "wb") as f:
                    f.write(raw)
            if state["save"]:   # the request as sent, for the benchmark's curl replay
                with open(os.path.join(OUTDIR, "%s.body" % api), "wb") as f:
                    f.write(body)
                with open(os.path.join(OUTDIR, "%s.headers" % api), "w") as f:
                    json.dump({k: v for k, v in self.headers.items()}, f)
            st, h, b = success(api, rcpt or [], raw)
            last[api] = {"file": path, "envelope": rcpt, "content_type": headers.get("content-type"),
                         "content_length": headers.get("content-length"), "chunked": chunked,
                         "header_names": sorted(headers.keys()), "reply": b if not isinstance(b, bytes) else None,
                         "reply_headers": h, "body_bytes": len(body),
                         "json": json.loads(body) if api in ("sendgrid", "postmark") and len(body) < 65536 else None}
        if mode == "drop_after_body":   # kept as it arrived (the .eml), then closed without a reply
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        self.reply(st, b, h)

    def ok_early(self):
        """The API's success reply before the body was read, then a close: the client
        must not take it for the acceptance of a message it had not finished sending."""
        api = ROUTES.get(urllib.parse.urlsplit(self.path).path, "gmail")
        st, h, b = success(api, [], b"")
        self.close_connection = True
        self.reply(st, b, dict(h, Connection="close"))
        self.wfile.flush()
        self.connection.shutdown(socket.SHUT_RDWR)

    def bad_body(self, api, e):
        st, h, b = error_reply(api, 400 if api != "postmark" else 422)
        return st, b, h


def main():
    server = ThreadingHTTPServer(("127.0.0.1", PORT), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
