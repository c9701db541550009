#!/usr/bin/env python3
"""A user-space link with latency: listens on 127.0.0.1 (port printed on stdout)
and forwards each connection to TARGET_PORT, delaying every chunk by DELAY_MS in
each direction (so the round-trip time is 2 x DELAY_MS). sch_netem is missing
from these kernels; this stands in for it.

    delay_relay.py TARGET_PORT DELAY_MS
"""
import socket
import sys
import threading
import time
import queue


def pump(src, dst, delay):
    q = queue.Queue()

    def writer():
        while True:
            due, data = q.get()
            if data is None:
                try:
                    dst.shutdown(socket.SHUT_WR)
                except OSError:
                    pass
                return
            wait = due - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                dst.sendall(data)
            except OSError:
                return

    t = threading.Thread(target=writer, daemon=True)
    t.start()
    while True:
        try:
            data = src.recv(65536)
        except OSError:
            data = b""
        q.put((time.monotonic() + delay, data or None))
        if not data:
            return


def main():
    target, delay = int(sys.argv[1]), float(sys.argv[2]) / 1000.0
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", 0))
    srv.listen(16)
    print(srv.getsockname()[1], flush=True)
    srv.settimeout(600)
    while True:
        try:
            client, _ = srv.accept()
        except OSError:
            return
        upstream = socket.create_connection(("127.0.0.1", target))
        for s in (client, upstream):
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        threading.Thread(target=pump, args=(client, upstream, delay), daemon=True).start()
        threading.Thread(target=pump, args=(upstream, client, delay), daemon=True).start()


main()
