#!/usr/bin/env python3
"""Parses a delivered message (a Maildir file) with Python's email package and
prints what a recipient's mail program would show, as JSON: decoded headers,
the addresses (display name, address) of each address header, and every leaf part with its type, disposition, file name, Content-ID, decoded
size and SHA-256."""
import email
import email.policy
import hashlib
import json
import sys


def clean(text):
    """RFC 6532 headers come back with undecoded UTF-8 as surrogate escapes: decode them
    (json_decode() in PHP refuses lone surrogates)."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def main():
    with open(sys.argv[1], "rb") as f:
        raw = f.read()
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    headers = {}
    for name, value in msg.items():
        headers.setdefault(name.lower(), []).append(str(value))
    parts = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True) or b""
        entry = {
            "type": part.get_content_type(),
            "charset": part.get_content_charset(),
            "encoding": part.get("Content-Transfer-Encoding"),
            "disposition": part.get_content_disposition(),
            "filename": part.get_filename(),
            "cid": part.get("Content-ID"),
            "size": len(payload),
            "sha256": hashlib.sha256(payload).hexdigest(),
        }
        if part.get_content_maintype() == "text":
            entry["text"] = part.get_content()
        parts.append(entry)
    addresses = {}
    for name in ("from", "to", "cc", "reply-to", "sender"):
        for value in msg.get_all(name) or []:
            addresses.setdefault(name, []).extend(
                [clean(a.display_name), clean(a.addr_spec)] for a in getattr(value, "addresses", ()))
    structure = [p.get_content_type() for p in msg.walk()]
    longest = max(len(l) for l in raw.split(b"\r\n")) if raw else 0
    bare_lf = raw.replace(b"\r\n", b"").count(b"\n")
    print(json.dumps({"headers": headers, "addresses": addresses, "parts": parts, "structure": structure,
                      "longest_line": longest, "raw_bare_lf": bare_lf}))


main()
