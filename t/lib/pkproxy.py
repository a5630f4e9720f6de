#!/usr/bin/python3
"""pkproxy.py CERT KEY PORT PORTFILE RULES: a TLS proxy standing in for a
server that substitutes prekeys (t/170).  It serves TLS 1.2 with the
server's own certificate and key (so the client's TLS pin is the
server's) and forwards every connection over TLS to 127.0.0.1:PORT.  The
answer to each PREKEY line the client sends is rewritten by RULES, read
afresh for each answer: a line "L B64" puts the record B64 in place of
the last-resort record, "O B64" in place of the one-time record (or adds
it); an empty or absent RULES passes the answer through.  Everything
else passes untouched.  One connection after another until killed."""
import os, socket, ssl, sys, threading

cert, key, port, portfile, rules = sys.argv[1:6]
port = int(port)
sctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
sctx.minimum_version = sctx.maximum_version = ssl.TLSVersion.TLSv1_2
sctx.load_cert_chain(cert, key)
cctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
cctx.check_hostname = False
cctx.verify_mode = ssl.CERT_NONE
cctx.minimum_version = cctx.maximum_version = ssl.TLSVersion.TLSv1_2


def rewrite(line):
    try:
        r = dict(l.split(" ", 1) for l in open(rules).read().split("\n") if l)
    except OSError:
        r = {}
    w = line.split(b" ")
    if w[0] != b"250" or len(w) < 4:
        return line
    if "L" in r:
        w[3] = r["L"].encode()
    if "O" in r:
        w[4:] = [r["O"].encode()]
    return b" ".join(w)


def close(*ss):
    for s in ss:
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
    st = {"pending": 0, "cbuf": b"", "skip": 0}
    lock = threading.Lock()

    def up():
        # client to server: count the PREKEY lines (a SEND's or a
        # PREKEYS upload's octets are skipped, not read as lines)
        try:
            while True:
                b = c.recv(65536)
                if not b:
                    break
                st["cbuf"] += b
                while True:
                    if st["skip"]:
                        k = min(st["skip"], len(st["cbuf"]))
                        st["skip"] -= k
                        st["cbuf"] = st["cbuf"][k:]
                        if st["skip"]:
                            break
                    i = st["cbuf"].find(b"\r\n")
                    if i < 0:
                        break
                    line, st["cbuf"] = st["cbuf"][:i], st["cbuf"][i + 2:]
                    w = line.split(b" ")
                    if w[0] == b"PREKEY":
                        with lock:
                            st["pending"] += 1
                    elif w[0] == b"SEND" and len(w) >= 3 and w[2].isdigit():
                        st["skip"] = int(w[2])
                    elif w[0] == b"PREKEYS" and len(w) == 2 and w[1].isdigit():
                        st["skip"] = 105 * int(w[1])
                u.sendall(b)
        except OSError:
            pass
        close(c, u)

    threading.Thread(target=up, daemon=True).start()
    buf = b""
    try:
        while True:
            b = u.recv(65536)
            if not b:
                break
            buf += b
            out = b""
            while True:
                with lock:
                    p = st["pending"]
                if not p:
                    out += buf
                    buf = b""
                    break
                i = buf.find(b"\r\n")
                if i < 0:
                    break
                line, buf = buf[:i], buf[i + 2:]
                out += rewrite(line) + b"\r\n"
                with lock:
                    st["pending"] -= 1
            if out:
                c.sendall(out)
    except OSError:
        pass
    close(c, u)


ls = socket.socket()
ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
ls.bind(("127.0.0.1", 0))
ls.listen(8)
with open(portfile + ".tmp", "w") as f:
    f.write("%d\n" % ls.getsockname()[1])
os.rename(portfile + ".tmp", portfile)
while True:
    a, _ = ls.accept()
    threading.Thread(target=serve, args=(a,), daemon=True).start()
