#!/usr/bin/env python3
"""A scripted SMTP server for faults a real server will not produce.

    fault_server.py SCENARIO

Binds 127.0.0.1 on a free port, prints the port on stdout, serves connections
until killed (or 60 s pass). Each scenario is a function below.
"""
import os
import socket
import ssl
import sys
import threading
import time

EHLO_LINES = ["fault.example", "PIPELINING", "8BITMIME", "SIZE 10000000"]


def send(conn, text):
    conn.sendall(text.encode("latin-1"))


def ehlo_reply(lines):
    out = ""
    for i, line in enumerate(lines):
        out += "250%s%s\r\n" % (" " if i == len(lines) - 1 else "-", line)
    return out


class Reader:
    def __init__(self, conn):
        self.conn = conn
        self.buf = b""

    def line(self):
        while b"\r\n" not in self.buf:
            chunk = self.conn.recv(65536)
            if not chunk:
                return None
            self.buf += chunk
        line, self.buf = self.buf.split(b"\r\n", 1)
        return line.decode("latin-1")

    def until_dot(self):
        return self.data() is not None

    def data(self):
        """The DATA content up to the final dot (still dot-stuffed), or None when the client closed first."""
        while True:
            idx = self.buf.find(b"\r\n.\r\n")
            if idx >= 0:
                out, self.buf = self.buf[:idx + 2], self.buf[idx + 5:]
                return out
            if self.buf.startswith(b".\r\n"):
                self.buf = self.buf[3:]
                return b""
            chunk = self.conn.recv(65536)
            if not chunk:
                return None
            self.buf += chunk

    def exact(self, n):
        """The next n bytes (a BDAT chunk), or None when the client closed first."""
        while len(self.buf) < n:
            chunk = self.conn.recv(max(65536, n - len(self.buf)))
            if not chunk:
                return None
            self.buf += chunk
        out, self.buf = self.buf[:n], self.buf[n:]
        return out


def commands(conn):
    """Greets, then yields (reader, line, verb) for each command until the client closes."""
    r = Reader(conn)
    send(conn, "220 fault.example ESMTP\r\n")
    while True:
        line = r.line()
        if line is None:
            return
        yield r, line, line.split(" ")[0].upper()


def dialogue(conn, ehlo=EHLO_LINES, rcpt=None, data="354 go ahead\r\n", after_dot="250 2.0.0 queued\r\n",
             on_data=None, starttls=None, mail="250 2.1.0 Ok\r\n", bdat=None, greeting_delay=0):
    """A small, configurable SMTP server loop."""
    r = Reader(conn)
    time.sleep(greeting_delay)
    send(conn, "220 fault.example ESMTP\r\n")
    rcpt_count = 0
    chunks = 0
    while True:
        line = r.line()
        if line is None:
            return
        verb = line.split(" ")[0].upper()
        if verb in ("EHLO", "HELO"):
            send(conn, ehlo_reply(ehlo))
        elif verb == "STARTTLS" and starttls:
            starttls(conn)
            return
        elif verb == "AUTH":
            send(conn, "235 2.7.0 Authentication successful\r\n")
        elif verb == "MAIL":
            send(conn, mail)
            if mail.startswith("421"):
                return
        elif verb == "RCPT":
            send(conn, rcpt(rcpt_count) if rcpt else "250 2.1.5 Ok\r\n")
            rcpt_count += 1
        elif verb == "DATA":
            send(conn, data)
            if not data.startswith("354"):
                continue
            if on_data:
                on_data(conn, r)
                return
            if not r.until_dot():
                return
            send(conn, after_dot)
        elif verb == "BDAT" and bdat:
            # RFC 3030: "BDAT <size> [LAST]", then exactly size bytes; one reply each
            words = line.split(" ")
            size, last = int(words[1]), len(words) > 2 and words[2].upper() == "LAST"
            if r.exact(size) is None:
                return
            send(conn, bdat(chunks, size, last))
            chunks = 0 if last else chunks + 1
        elif verb == "RSET":
            rcpt_count = 0
            chunks = 0
            send(conn, "250 2.0.0 Ok\r\n")
        elif verb == "QUIT":
            send(conn, "221 2.0.0 Bye\r\n")
            return
        else:
            send(conn, "502 5.5.2 Error: command not recognized\r\n")


def greeting_421(conn, n):
    send(conn, "421 4.3.2 Service not available, closing transmission channel\r\n")


def rcpt_mixed(conn, n):
    dialogue(conn, rcpt=lambda i: "250 2.1.5 Ok\r\n" if i % 2 == 0 else "450 4.2.1 Mailbox busy, try later\r\n")


def all_5xx(conn, n):
    dialogue(conn, rcpt=lambda i: "550 5.1.1 <user>: Recipient address rejected: User unknown\r\n",
             data="554 5.5.1 Error: no valid recipients\r\n")


def all_5xx_354(conn, n):
    # a pipelining server that still says 354 after refusing every recipient (RFC 2920 3.1)
    dialogue(conn, rcpt=lambda i: "550 5.1.1 User unknown\r\n")


def drop_mid_data(conn, n):
    def on_data(c, r):
        c.recv(10)
    dialogue(conn, on_data=on_data)


def drop_after_dot(conn, n):
    """Closes after the final dot without a reply; with a file name in argv[2], writes
    the message it received there first."""
    def on_data(c, r):
        data = r.data()  # then close without a reply
        if data is not None and len(sys.argv) > 2:
            with open(sys.argv[2] + ".tmp", "wb") as f:
                f.write(data)
            os.rename(sys.argv[2] + ".tmp", sys.argv[2])
    dialogue(conn, on_data=on_data)


def reject_data(conn, n):
    dialogue(conn, after_dot="554 5.7.1 Message rejected as spam\r\n")


def silent(conn, n):
    time.sleep(30)


def slow(conn, n):
    for ch in "220 slow.example ESMTP\r\n":
        send(conn, ch)
        time.sleep(1)


def huge_line(conn, n):
    send(conn, "220 " + "x" * 100000 + "\r\n")
    time.sleep(5)


def endless_multiline(conn, n):
    try:
        for _ in range(100000):
            send(conn, "220-more\r\n")
    except OSError:
        pass


def garbage(conn, n):
    send(conn, "HELLO THERE, NOT SMTP\r\n")
    time.sleep(2)


def nul_bytes(conn, n):
    send(conn, "220 fault\x00.example\r\n")
    time.sleep(2)


def no_starttls(conn, n):
    dialogue(conn, ehlo=["fault.example", "PIPELINING", "AUTH PLAIN LOGIN"])


def starttls_inject(conn, n):
    def inject(c):
        # the injected "250" arrives in the same segment as the 220
        send(c, "220 2.0.0 Ready to start TLS\r\n250-injected\r\n250 OK\r\n")
        time.sleep(2)
    dialogue(conn, ehlo=EHLO_LINES + ["STARTTLS"], starttls=inject)


def no_auth(conn, n):
    dialogue(conn)


def idle_drop(conn, n):
    """First connection: one message, then the idle-timeout goodbye. Later ones serve normally."""
    if n == 0:
        for r, line, verb in commands(conn):
            if verb == "EHLO":
                send(conn, ehlo_reply(EHLO_LINES))
            elif verb in ("MAIL", "RCPT"):
                send(conn, "250 2.1.0 Ok\r\n")
            elif verb == "DATA":
                send(conn, "354 go\r\n")
                r.until_dot()
                send(conn, "250 2.0.0 queued as FIRST\r\n")
                time.sleep(0.3)
                send(conn, "421 4.4.2 fault.example Error: timeout exceeded\r\n")
                return
    else:
        dialogue(conn, after_dot="250 2.0.0 queued as SECOND\r\n")


CHUNKING_EHLO = EHLO_LINES + ["CHUNKING"]


def closing(conn, text):
    """Says text (a 421) and closes as RFC 5321 3.8 says, reading what the client had
    pipelined so that the close is a FIN, not a reset that could discard the 421."""
    send(conn, text)
    conn.shutdown(socket.SHUT_WR)
    conn.settimeout(2)
    try:
        while conn.recv(65536):
            pass
    except OSError:
        pass


def kept(conn, n):
    """Smtp\\Client's kept connection (the first one): one message queued as FIRST, then
    the fault argv[2] names for the next message:
      close      the server closes the idle connection 0.3 s later, without a word
      unseen     it closes when the next command arrives, unanswered (the close was not
                 seen while idle)
      rset_421   the next RSET is answered 421, then it closes
      mail_421   RSET 250, MAIL 421, then it closes
      rcpt_421   RSET and MAIL 250, the first RCPT 421, then it closes
      rcpt_drop  RSET and MAIL 250, then it closes on the first RCPT, unanswered
    Later connections serve normally (queued as SECOND), or greet with 421 when argv
    has "refuse". "chunking" in argv announces CHUNKING (a one-chunk message then joins
    the envelope's write)."""
    fault = sys.argv[2]
    ehlo = CHUNKING_EHLO if "chunking" in sys.argv[3:] else EHLO_LINES
    if n > 0:
        if "refuse" in sys.argv[3:]:
            closing(conn, "421 4.3.2 fault.example Service not available\r\n")
            return
        dialogue(conn, ehlo=ehlo, after_dot="250 2.0.0 queued as SECOND\r\n",
                 bdat=lambda i, size, last: "250 2.0.0 queued as SECOND\r\n")
        return
    second = False
    for r, line, verb in commands(conn):
        if verb == "EHLO":
            send(conn, ehlo_reply(ehlo))
        elif second and fault == "unseen":
            return
        elif verb == "RSET":
            if fault == "rset_421":
                closing(conn, "421 4.4.2 fault.example Error: timeout exceeded\r\n")
                return
            send(conn, "250 2.0.0 Ok\r\n")
        elif verb == "MAIL":
            if second and fault == "mail_421":
                closing(conn, "421 4.7.0 fault.example Error: too many connections\r\n")
                return
            send(conn, "250 2.1.0 Ok\r\n")
        elif verb == "RCPT":
            if second and fault == "rcpt_421":
                closing(conn, "421 4.4.2 fault.example Error: timeout exceeded\r\n")
                return
            if second and fault == "rcpt_drop":
                return
            send(conn, "250 2.1.5 Ok\r\n")
        elif verb in ("DATA", "BDAT"):
            if verb == "DATA":
                send(conn, "354 go\r\n")
                r.until_dot()
            elif r.exact(int(line.split(" ")[1])) is None:
                return
            send(conn, "250 2.0.0 queued as FIRST\r\n")
            second = True
            if fault == "close":
                time.sleep(0.3)
                return
        elif verb == "QUIT":
            send(conn, "221 2.0.0 Bye\r\n")
            return


def chunking(conn, n):
    """PIPELINING + CHUNKING; every chunk accepted, each reply says which chunk it
    answers. Optional argument: seconds to wait before the greeting."""
    delay = float(sys.argv[2]) if len(sys.argv) > 2 else 0

    def bdat(i, size, last):
        if last:
            return "250 2.0.0 queued as LAST%d (%d bytes in the last chunk)\r\n" % (i, size)
        return "250 2.0.0 chunk %d ok, %d bytes\r\n" % (i, size)
    dialogue(conn, ehlo=CHUNKING_EHLO, bdat=bdat, greeting_delay=delay)


def bdat_last_refused(conn, n):
    """Non-last chunks accepted, the last one refused (the lost-message case of issue 15)."""
    def bdat(i, size, last):
        if last:
            return "554 5.7.1 Message refused: content rejected\r\n"
        return "250 2.0.0 chunk %d ok, %d bytes\r\n" % (i, size)
    dialogue(conn, ehlo=CHUNKING_EHLO, bdat=bdat)


def bdat_chunk_refused(conn, n):
    """The first chunk of each message refused, later chunks (already pipelined)
    answered as Postfix does after a failed BDAT; RSET then clears it."""
    def bdat(i, size, last):
        if i == 0 and not last:
            return "552 5.3.4 Message size exceeds fixed limit\r\n"
        if i == 0:
            return "250 2.0.0 queued as SMALL\r\n"
        return "554 5.5.0 Error: transaction failed\r\n"
    dialogue(conn, ehlo=CHUNKING_EHLO, bdat=bdat)


def mail_421(conn, n):
    dialogue(conn, mail="421 4.7.0 fault.example Error: too many connections from 127.0.0.1\r\n")


def no_8bitmime(conn, n):
    dialogue(conn, ehlo=["fault.example", "PIPELINING", "SIZE 10000000"])


def tls(conn, n):
    # implicit TLS (465-style) with the certificate and key named on the command line
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(sys.argv[2], sys.argv[3])
    try:
        wrapped = ctx.wrap_socket(conn, server_side=True)
    except (ssl.SSLError, OSError):
        return   # the client refused the certificate: that is the point
    dialogue(wrapped)


def greeting(conn, n):
    # sends the bytes given on the command line (Python escapes: \\r, \\x00, ...) as
    # the greeting, then answers nothing more: for hostile-reply cases
    send_bytes = sys.argv[2].encode("latin-1").decode("unicode_escape").encode("latin-1")
    conn.sendall(send_bytes)
    try:
        while conn.recv(4096):
            pass
    except OSError:
        pass


SCENARIOS = {f.__name__: f for f in [tls, greeting, greeting_421, rcpt_mixed, all_5xx, all_5xx_354, drop_mid_data,
                                     drop_after_dot, reject_data, silent, slow, huge_line, endless_multiline,
                                     chunking, bdat_last_refused, bdat_chunk_refused, mail_421, no_8bitmime,
                                     garbage, nul_bytes, no_starttls, starttls_inject, no_auth, idle_drop, kept]}


def main():
    scenario = SCENARIOS[sys.argv[1]]
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", 0))
    srv.listen(16)
    print(srv.getsockname()[1], flush=True)
    srv.settimeout(60)
    n = 0
    while True:
        try:
            conn, _ = srv.accept()
        except (socket.timeout, OSError):
            return

        def run(c=conn, i=n):
            try:
                scenario(c, i)
            except OSError:
                pass
            finally:
                c.close()
        threading.Thread(target=run, daemon=True).start()
        n += 1


if __name__ == "__main__":
    main()
