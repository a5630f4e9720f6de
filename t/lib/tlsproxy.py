#!/usr/bin/python3
"""tlsproxy.py CERT KEY PORT PORTFILE LOG: a logging TLS proxy for the
client tests (t/120).  It serves TLS 1.2 with the server's own
certificate and key (so the client's TLS pin is the server's), forwards
every connection over TLS to 127.0.0.1:PORT, and appends each command
line the client sends (up to its first blank, the verb only, one per
line) to LOG.  Octets after a 340 (a SEND's blob) are forwarded, not
logged.  One connection after another until killed."""
import socket, ssl, sys, threading

cert, key, port, portfile, log = sys.argv[1:6]
port = int(port)
sctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
sctx.minimum_version = sctx.maximum_version = ssl.TLSVersion.TLSv1_2
sctx.load_cert_chain(cert, key)
cctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
cctx.check_hostname = False
cctx.verify_mode = ssl.CERT_NONE
cctx.minimum_version = cctx.maximum_version = ssl.TLSVersion.TLSv1_2
lock = threading.Lock()


def pump(src, dst, f=None):
    try:
        while True:
            b = src.recv(65536)
            if not b:
                break
            if f:
                f(b)
            dst.sendall(b)
    except OSError:
        pass
    for s in (src, dst):
        try:
            s.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def serve(c):
    try:
        c = sctx.wrap_socket(c, server_side=True)
        u = cctx.wrap_socket(socket.create_connection(("127.0.0.1", port)))
    except OSError:
        c.close()
        return
    state = {"buf": b"", "skip": 0}

    def seen(b):
        # client to server: command lines; a "SEND a n [2]" line's n
        # octets of blob follow once the server says 340, which this
        # proxy takes on trust: it skips n octets after the line
        state["buf"] += b
        while True:
            if state["skip"]:
                k = min(state["skip"], len(state["buf"]))
                state["skip"] -= k
                state["buf"] = state["buf"][k:]
                if state["skip"]:
                    return
            i = state["buf"].find(b"\r\n")
            if i < 0:
                return
            line, state["buf"] = state["buf"][:i], state["buf"][i + 2:]
            w = line.split(b" ")
            with lock, open(log, "ab") as f:
                f.write(w[0] + b"\n")
            if w[0] in (b"SEND", b"PREKEYS") and len(w) >= 3 and w[2].isdigit():
                state["skip"] = int(w[2])
            elif w[0] == b"PREKEYS" and len(w) == 2 and w[1].isdigit():
                state["skip"] = 105 * int(w[1])

    threading.Thread(target=pump, args=(u, c), daemon=True).start()
    pump(c, u, seen)


ls = socket.socket()
ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
ls.bind(("127.0.0.1", 0))
ls.listen(8)
with open(portfile + ".tmp", "w") as f:
    f.write("%d\n" % ls.getsockname()[1])
import os
os.rename(portfile + ".tmp", portfile)
while True:
    c, _ = ls.accept()
    threading.Thread(target=serve, args=(c,), daemon=True).start()
