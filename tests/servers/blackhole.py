#!/usr/bin/env python3
"""blackhole.py ADDR PORT...: ports that never answer, as behind a cloud host's firewall
that drops outgoing SMTP. Each PORT of ADDR gets a listening socket with a queue of 0,
filled by one connection of our own: the kernel then drops every further SYN, so a
client's connect() waits for its timeout (no refusal, no reset).

Prints "ready" once every port is held; holds them until stdin closes (the caller
exits) or it is killed. A port that cannot be taken exits 1 naming it and why
(ports below 1024 need root).
"""
import os
import socket
import sys


def main():
    addr, ports = sys.argv[1], [int(p) for p in sys.argv[2:]]
    held = []
    for port in ports:
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            s.bind((addr, port))
            s.listen(0)
        except OSError as e:
            why = e.strerror
            if e.errno == 13 and port < 1024:
                why += " (ports below 1024 need root)"
            elif e.errno == 98:
                why += " (another process holds it: a mail server on this machine, or another test run)"
            sys.stderr.write("blackhole: cannot take %s:%d: %s\n" % (addr, port, why))
            sys.exit(1)
        filler = socket.create_connection((addr, port), timeout=2)
        held += [s, filler]
    print("ready", flush=True)
    try:
        while os.read(0, 4096):
            pass
    except OSError:
        pass


if __name__ == "__main__":
    main()
