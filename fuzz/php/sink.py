#!/usr/bin/env python3
"""The binding fuzzer's SMTP sink: accepts every message and checks what arrived.

    sink.py LOGFILE

Listens on four ephemeral loopback ports, one per capability profile, prints
"profile port" lines then "ready" on stdout, and serves until stdin closes (then
finishes the checks under way and exits).
Each message received is tagged with the case number in LOGFILE.case, and checked the way a careful receiver would and written
to LOGFILE as one JSON line:
  - the SMTP stream: command lines CRLF-terminated and at most 512 bytes
    (RFC 5321 4.5.3.1.4), DATA dot-stuffed and BDAT sizes exact, no bare CR or
    LF in the message, no line over 1000 bytes with its CRLF (4.5.3.1.6);
  - the message parses with Python's email package (policy default): the
    headers decode, every part's content decodes, no defects ("content_problems":
    the fuzzer ignores them for a caller's "raw" message);
  - what was asked: MAIL FROM parameters (SMTPUTF8 only when offered, BODY=8BITMIME
    only when offered).
"""
import email
import email.policy
import json
import socket
import sys
import threading

PROFILES = {
    "full": ["PIPELINING", "8BITMIME", "SMTPUTF8", "CHUNKING", "SIZE 60000000", "AUTH PLAIN LOGIN XOAUTH2 OAUTHBEARER",
             "ENHANCEDSTATUSCODES"],
    "plain": ["8BITMIME", "SIZE 60000000", "AUTH PLAIN LOGIN"],
    "chunking": ["CHUNKING", "SMTPUTF8", "SIZE 60000000", "AUTH LOGIN XOAUTH2"],
    "minimal": [],
}

log_lock = threading.Lock()


def record(logfile, entry):
    with log_lock:
        with open(logfile, "a") as f:
            f.write(json.dumps(entry) + "\n")


class Conn:
    def __init__(self, sock):
        self.sock = sock
        self.buf = b""

    def line(self):
        while b"\n" not in self.buf:
            if len(self.buf) > 65536:
                return None
            chunk = self.sock.recv(65536)
            if not chunk:
                return None
            self.buf += chunk
            if self.buf.startswith(b"\x16\x03"):
                return None   # a TLS ClientHello (security "tls"): close at once, no wait for a timeout
        line, self.buf = self.buf.split(b"\n", 1)
        return line + b"\n"

    def exactly(self, n):
        while len(self.buf) < n:
            chunk = self.sock.recv(max(65536, n - len(self.buf)))
            if not chunk:
                return None
            self.buf += chunk
        data, self.buf = self.buf[:n], self.buf[n:]
        return data

    def send(self, text):
        self.sock.sendall(text.encode("ascii"))


def check_message(raw, params, offered, problems, content):
    """SMTP-level rules for the message bytes; returns the parsed message or None."""
    if b"\r\n" not in raw and raw:
        problems.append("no CRLF in the message")
    body = raw.replace(b"\r\n", b"")
    if b"\n" in body:
        problems.append("bare LF in the message")
    if b"\r" in body:
        problems.append("bare CR in the message")
    for ln in raw.split(b"\r\n"):
        if len(ln) + 2 > 1000:
            problems.append("a line of %d bytes (RFC 5321 4.5.3.1.6: 1000 with CRLF)" % (len(ln) + 2))
            break
    if any(b >= 0x80 for b in raw) and "8BITMIME" not in offered and "SMTPUTF8" not in params:
        problems.append("8-bit bytes sent to a server without 8BITMIME")
    if "SMTPUTF8" in params and "SMTPUTF8" not in offered:
        problems.append("MAIL FROM SMTPUTF8 to a server that does not offer it")
    if "BODY=8BITMIME" in params and "8BITMIME" not in offered:
        problems.append("BODY=8BITMIME to a server that does not offer it")
    try:
        if "SMTPUTF8" in params:
            # RFC 6532: UTF-8 headers (Python's parser reads headers from bytes as ASCII)
            try:
                raw.split(b"\r\n\r\n", 1)[0].decode("utf-8")
            except UnicodeDecodeError:
                content.append("headers sent with SMTPUTF8 that are not UTF-8 (RFC 6532 3.2)")
            text = raw.decode("utf-8", "surrogateescape")
            return email.message_from_string(text, policy=email.policy.default)
        return email.message_from_bytes(raw, policy=email.policy.default)
    except Exception as e:  # noqa: BLE001 - any failure to parse is the finding
        problems.append("does not parse: %r" % e)
        return None


def check_built(msg, problems):
    """The library built this message: it must be clean."""
    for name in ("from", "date", "message-id", "mime-version"):
        if msg.get(name) is None:
            problems.append("no %s header" % name)
    for name, value in msg.items():
        try:
            str(value)
        except Exception as e:  # noqa: BLE001
            problems.append("header %s does not decode: %r" % (name, e))
    for part in msg.walk():
        for d in part.defects:
            if type(d).__name__ == "NonASCIILocalPartDefect":
                continue   # RFC 6532: sent with SMTPUTF8
            problems.append("defect in %s: %s" % (part.get_content_type(), type(d).__name__))
        if part.is_multipart():
            continue
        try:
            part.get_content()
        except Exception as e:  # noqa: BLE001
            problems.append("part %s does not decode: %r" % (part.get_content_type(), e))
    for name in msg.keys():
        for value in msg.get_all(name) or []:
            for d in getattr(value, "defects", ()):
                if type(d).__name__ == "NonASCIILocalPartDefect":
                    continue
                problems.append("header %s: %s" % (name, type(d).__name__))


def summary(msg):
    out = {}
    if msg is None:
        return out
    try:
        out["message_id"] = str(msg.get("message-id") or "")
        out["subject"] = str(msg.get("subject")) if msg.get("subject") is not None else None
        texts = []
        for part in msg.walk():
            if part.get_content_type() in ("text/plain", "text/html") and part.get_content_disposition() is None:
                texts.append([part.get_content_type(), part.get_content()])
        out["texts"] = texts
    except Exception as e:  # noqa: BLE001
        out["summary_error"] = repr(e)
    return out


def serve(sock, profile, logfile):
    offered = PROFILES[profile]
    c = Conn(sock)
    c.send("220 sink.example ESMTP fuzz sink\r\n")
    mail = None
    rcpts = 0
    chunks = b""
    conn_problems = []
    while True:
        line = c.line()
        if line is None:
            return
        if not line.endswith(b"\r\n"):
            conn_problems.append("command without CRLF: %r" % line[:80])
        if len(line) > 512:
            conn_problems.append("command of %d bytes" % len(line))
        text = line[:-2].decode("utf-8", "replace") if line.endswith(b"\r\n") else line.decode("utf-8", "replace")
        verb = text.split(" ", 1)[0].upper()
        if verb == "EHLO":
            lines = ["sink.example"] + offered
            c.send("".join("250%s%s\r\n" % ("-" if i < len(lines) - 1 else " ", l) for i, l in enumerate(lines)))
        elif verb == "HELO":
            c.send("250 sink.example\r\n")
        elif verb == "AUTH":
            parts = text.split(" ")
            if len(parts) == 2 and parts[1].upper() == "LOGIN":
                c.send("334 VXNlcm5hbWU6\r\n")
                c.line()
                c.send("334 UGFzc3dvcmQ6\r\n")
                c.line()
            elif len(parts) == 2:
                c.send("334 \r\n")
                c.line()
            c.send("235 2.7.0 ok\r\n")
        elif verb == "MAIL":
            mail = text
            rcpts = 0
            chunks = b""
            c.send("250 2.1.0 ok\r\n")
        elif verb == "RCPT":
            rcpts += 1
            c.send("250 2.1.5 ok\r\n" if mail else "503 5.5.1 MAIL first\r\n")
        elif verb == "DATA":
            if not mail or not rcpts:
                c.send("503 5.5.1 no valid recipients\r\n")
                continue
            c.send("354 go ahead\r\n")
            lines = []
            while True:
                ln = c.line()
                if ln is None:
                    return
                if ln == b".\r\n":
                    break
                if ln.startswith(b"."):
                    ln = ln[1:]   # RFC 5321 4.5.2
                lines.append(ln)
            finish(c, b"".join(lines), mail, offered, conn_problems, logfile, profile)
            mail = None
        elif verb == "BDAT":
            parts = text.split(" ")
            try:
                n = int(parts[1])
            except (IndexError, ValueError):
                c.send("501 5.5.4 bad BDAT\r\n")
                continue
            data = c.exactly(n)
            if data is None:
                return
            chunks += data
            if len(parts) > 2 and parts[2].upper() == "LAST":
                if not mail or not rcpts:
                    c.send("503 5.5.1 no valid recipients\r\n")
                else:
                    finish(c, chunks, mail, offered, conn_problems, logfile, profile)
                mail = None
                chunks = b""
            else:
                c.send("250 2.0.0 chunk ok\r\n")
        elif verb == "RSET":
            mail = None
            chunks = b""
            c.send("250 2.0.0 ok\r\n")
        elif verb == "NOOP":
            c.send("250 2.0.0 ok\r\n")
        elif verb == "QUIT":
            c.send("221 2.0.0 bye\r\n")
            return
        else:
            c.send("502 5.5.2 unknown command\r\n")


def finish(c, raw, mail, offered, conn_problems, logfile, profile):
    # The case is read when the message has arrived, and 250 goes out before the
    # (slow) checks, so that a long parse never makes the client time out.
    try:
        with open(logfile + ".case") as f:   # the case the fuzzer is running (one at a time)
            case = int(f.read().strip() or -1)
    except (OSError, ValueError):
        case = -1
    c.send("250 2.0.0 queued\r\n")
    params = mail.split(">", 1)[1].upper().split() if ">" in mail else []
    problems = list(conn_problems)
    content = []
    entry = {"case": case, "profile": profile, "mail": mail, "size": len(raw)}
    try:
        msg = check_message(raw, params, offered, problems, content)
        if msg is not None:
            check_built(msg, content)
        entry.update(summary(msg))
    except Exception as e:   # Python's email package on an odd message: said, kept, never a silent "did not arrive"
        kept = "%s.case%d-%d.eml" % (logfile, case, threading.get_ident())
        with open(kept, "wb") as f:
            f.write(raw if isinstance(raw, bytes) else raw.encode("utf-8", "surrogateescape"))
        problems.append("the sink's own checks raised %s: %s (the message is kept in %s)" % (type(e).__name__, e, kept))
    entry.update({"problems": problems, "content_problems": content})
    record(logfile, entry)


def main():
    logfile = sys.argv[1]
    open(logfile, "w").close()
    servers = []
    workers = []
    for profile in PROFILES:
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", 0))
        s.listen(64)
        servers.append((profile, s))
        print(profile, s.getsockname()[1], flush=True)

    def accept(profile, s):
        while True:
            try:
                conn, _ = s.accept()
            except OSError:
                return
            conn.settimeout(30)

            def run(c=conn):
                try:
                    serve(c, profile, logfile)
                except (OSError, UnicodeError):
                    pass
                finally:
                    c.close()
            t = threading.Thread(target=run, daemon=True)
            t.start()
            workers.append(t)

    for profile, s in servers:
        threading.Thread(target=accept, args=(profile, s), daemon=True).start()
    print("ready", flush=True)
    sys.stdin.read()
    for s in servers:
        s[1].close()
    for t in list(workers):   # the checks of the last messages finish before the log is read
        t.join(timeout=600)   # a loaded machine (valgrind beside) parses slowly; a lost entry would read as "not arrived"
        if t.is_alive():
            sys.stderr.write("sink: a message's checks still run after 600 s; its entry is missing\n")


main()
