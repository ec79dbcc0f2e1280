#!/usr/bin/env python3
"""Readiness probe for the local Kafka broker, dependency-free (raw Kafka protocol).

Sends one Metadata v4 request (all topics) and succeeds only when the broker answers with at
least one registered (unfenced) broker and a controller id, i.e. it is really serving clients,
not merely accepting TCP connections.

usage: probe.py HOST PORT [TIMEOUT_SECONDS]   exit 0 = ready, 1 = not ready
"""
import socket
import struct
import sys


def read_exact(sock, n):
    buf = b""
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise ConnectionError("connection closed")
        buf += chunk
    return buf


def main():
    host, port = sys.argv[1], int(sys.argv[2])
    timeout = float(sys.argv[3]) if len(sys.argv) > 3 else 2.0
    client_id = b"rapport-probe"
    # Request header v1: api_key=3 (Metadata), api_version=4, correlation_id, client_id.
    header = struct.pack(">hhih", 3, 4, 42, len(client_id)) + client_id
    # Metadata v4 body: topics = null (all topics), allow_auto_topic_creation = false.
    body = struct.pack(">i?", -1, False)
    request = header + body
    with socket.create_connection((host, port), timeout=timeout) as sock:
        sock.settimeout(timeout)
        sock.sendall(struct.pack(">i", len(request)) + request)
        (size,) = struct.unpack(">i", read_exact(sock, 4))
        data = read_exact(sock, size)
    pos = 0

    def take(fmt):
        nonlocal pos
        vals = struct.unpack_from(fmt, data, pos)
        pos += struct.calcsize(fmt)
        return vals

    def take_str(nullable=False):
        nonlocal pos
        (n,) = take(">h")
        if n < 0:
            return None
        s = data[pos:pos + n].decode()
        pos += n
        return s

    (correlation_id,) = take(">i")
    if correlation_id != 42:
        raise ValueError("unexpected correlation id %d" % correlation_id)
    take(">i")  # throttle_time_ms
    (n_brokers,) = take(">i")
    brokers = []
    for _ in range(max(n_brokers, 0)):
        (node_id,) = take(">i")
        h = take_str()
        (p,) = take(">i")
        take_str(nullable=True)  # rack
        brokers.append((node_id, h, p))
    cluster_id = take_str(nullable=True)
    (controller_id,) = take(">i")
    if not brokers or controller_id < 0:
        print("not ready: brokers=%s controller=%d" % (brokers, controller_id))
        return 1
    print("ready: cluster=%s brokers=%s controller=%d" % (cluster_id, brokers, controller_id))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as exc:  # noqa: BLE001 - any failure means "not ready"
        print("not ready: %s" % exc)
        sys.exit(1)
