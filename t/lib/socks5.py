#!/usr/bin/python3
"""socks5.py MODE PORTFILE LOG: a tiny SOCKS5 proxy (RFC 1928) for the
client tests (t/19x).  It listens on a free loopback port (written to
PORTFILE), and for each connection reads the greeting and the CONNECT
request, appends "CONNECT ATYP HOST PORT" to LOG (ATYP: name, v4 or v6;
HOST as the client sent it), then per MODE:
  relay    connects to 127.0.0.1:PORT whatever the host (a name is never
           resolved: the test names a host no resolver knows) and relays
  refuse   answers REP 5 (connection refused)
  garbage  answers with octets that are no SOCKS5 reply
  auth     answers the greeting with 0xFF (no acceptable method)
  hang     reads the request and answers nothing
  badatyp  a success reply with address type 9
  rsv      a success reply with the reserved octet 1
  noname   a success reply with an empty bound name
  short    a success reply cut short in its bound address, then closes
One connection after another until killed."""
import socket, struct, sys, threading
sys.dont_write_bytecode = True
import proxybase as pb

mode, portfile, log = sys.argv[1:4]
lock = threading.Lock()


def note(s):
    with lock:
        with open(log, "a") as f:
            f.write(s + "\n")


def exact(c, n):
    b = b""
    while len(b) < n:
        k = c.recv(n - len(b))
        if not k:
            raise OSError("closed")
        b += k
    return b


def serve(c, _):
    try:
        ver, n = exact(c, 2)
        methods = exact(c, n)
        if ver != 5:
            note("BAD greeting version %d" % ver)
            return
        note("METHODS " + " ".join("%d" % m for m in methods))
        if mode == "auth":
            c.sendall(b"\x05\xff")
            return
        c.sendall(b"\x05\x00")
        ver, cmd, rsv, atyp = exact(c, 4)
        if atyp == 3:
            host = exact(c, exact(c, 1)[0]).decode("latin-1")
            kind = "name"
        elif atyp == 1:
            host = socket.inet_ntop(socket.AF_INET, exact(c, 4))
            kind = "v4"
        elif atyp == 4:
            host = socket.inet_ntop(socket.AF_INET6, exact(c, 16))
            kind = "v6"
        else:
            note("BAD atyp %d" % atyp)
            return
        port = struct.unpack(">H", exact(c, 2))[0]
        note("CONNECT %s %s %d cmd=%d rsv=%d" % (kind, host, port, cmd, rsv))
        if mode == "refuse":
            c.sendall(b"\x05\x05\x00\x01\x00\x00\x00\x00\x00\x00")
            return
        if mode == "garbage":
            c.sendall(b"HTTP/1.1 400 Bad Request\r\n\r\n")
            return
        if mode == "hang":
            c.recv(1)
            return
        bad = {"badatyp": b"\x05\x00\x00\x09\x7f\x00\x00\x01\x00\x01",
               "rsv": b"\x05\x00\x01\x01\x7f\x00\x00\x01\x00\x01",
               "noname": b"\x05\x00\x00\x03\x00\x00\x01",
               "short": b"\x05\x00\x00\x04\x00\x00"}
        if mode in bad:
            c.sendall(bad[mode])
            return
        u = socket.create_connection(("127.0.0.1", port))
        # the bound address as a name, to exercise the client's bounds
        c.sendall(b"\x05\x00\x00\x03\x09localhost" + struct.pack(">H", 1))
        pb.relay(c, u, pb.pump, pb.pump)
    except OSError:
        pass
    finally:
        c.close()


pb.serve_forever(pb.listen(portfile, 16, reuse=False), serve)
