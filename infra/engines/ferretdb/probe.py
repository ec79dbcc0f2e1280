#!/usr/bin/env python3
"""Readiness probe for a MongoDB-wire server, dependency-free: sends {ping: 1, $db: "admin"}
as an OP_MSG and succeeds when the reply has ok == 1.

usage: probe.py HOST PORT [TIMEOUT_SECONDS]   exit 0 = ready, 1 = not ready
"""
import socket
import struct
import sys

OP_MSG = 2013


def bson_doc(*elements):
    body = b"".join(elements) + b"\x00"
    return struct.pack("<i", len(body) + 4) + body


def read_exact(sock, n):
    buf = b""
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise ConnectionError("connection closed")
        buf += chunk
    return buf


def top_level_ok(doc):
    """Value of the top-level "ok" field (double/int32/int64/bool), or None."""
    pos = 4
    end = struct.unpack_from("<i", doc, 0)[0] - 1
    sizes = {0x01: 8, 0x08: 1, 0x09: 8, 0x0A: 0, 0x10: 4, 0x11: 8, 0x12: 8, 0x07: 12, 0x13: 16}
    while pos < end:
        etype = doc[pos]
        name_end = doc.index(b"\x00", pos + 1)
        name = doc[pos + 1:name_end].decode()
        pos = name_end + 1
        if name == "ok":
            fmt = {0x01: "<d", 0x10: "<i", 0x12: "<q", 0x08: "<?"}.get(etype)
            return struct.unpack_from(fmt, doc, pos)[0] if fmt else None
        if etype in sizes:
            pos += sizes[etype]
        elif etype in (0x02, 0x0D, 0x0E):  # string-like: int32 length + bytes
            pos += 4 + struct.unpack_from("<i", doc, pos)[0]
        elif etype in (0x03, 0x04):  # document / array
            pos += struct.unpack_from("<i", doc, pos)[0]
        elif etype == 0x05:  # binary: int32 length + subtype + bytes
            pos += 5 + struct.unpack_from("<i", doc, pos)[0]
        else:
            return None
    return None


def main():
    host, port = sys.argv[1], int(sys.argv[2])
    timeout = float(sys.argv[3]) if len(sys.argv) > 3 else 2.0
    cmd = bson_doc(
        b"\x10ping\x00" + struct.pack("<i", 1),
        b"\x02$db\x00" + struct.pack("<i", 6) + b"admin\x00",
    )
    payload = struct.pack("<I", 0) + b"\x00" + cmd  # flagBits, section kind 0, body
    msg = struct.pack("<iiii", 16 + len(payload), 7, 0, OP_MSG) + payload
    with socket.create_connection((host, port), timeout=timeout) as sock:
        sock.settimeout(timeout)
        sock.sendall(msg)
        length, _, response_to, opcode = struct.unpack("<iiii", read_exact(sock, 16))
        data = read_exact(sock, length - 16)
    if opcode != OP_MSG or response_to != 7 or data[4] != 0:
        print("not ready: unexpected reply opcode=%d responseTo=%d" % (opcode, response_to))
        return 1
    ok = top_level_ok(data[5:])
    if ok != 1:
        print("not ready: ping ok=%r" % (ok,))
        return 1
    print("ready: ping ok")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as exc:  # noqa: BLE001 - any failure means "not ready"
        print("not ready: %s" % exc)
        sys.exit(1)
