#!/usr/bin/python3
"""tokproxy.py CERT KEY PORT PORTFILE RULES LOG: a TLS proxy standing in
for a server whose TOKENS answers lie (t/182).  It serves TLS 1.2 with
the server's own certificate and key (so the client's TLS pin is the
server's), forwards every connection over TLS to 127.0.0.1:PORT and
appends the verb of each command line the client sends to LOG.  The
server's answer to a TOKENS line ("250 b64(Z) b64(c || s)") is changed
as RULES says, read afresh for each answer: "proof" flips the lowest bit
of c (the proof no longer verifies), "z" flips the lowest bit of Z_1's
last octet (an element the proof does not cover, or no element at all);
empty or absent passes it through.
Only line traffic is expected (no SEND or RETRIEVE through this proxy).
One connection after another until killed."""
import base64, os, socket, ssl, sys, threading

cert, key, port, portfile, rules, log = sys.argv[1:7]
port = int(port)
sctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
sctx.minimum_version = sctx.maximum_version = ssl.TLSVersion.TLSv1_2
sctx.load_cert_chain(cert, key)
cctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
cctx.check_hostname = False
cctx.verify_mode = ssl.CERT_NONE
cctx.minimum_version = cctx.maximum_version = ssl.TLSVersion.TLSv1_2
lock = threading.Lock()


def rule():
    try:
        return open(rules).read().strip()
    except OSError:
        return ""


def rewrite(line):
    w = line.split(b" ")
    if len(w) != 3 or w[0] != b"250":
        return line
    try:
        z = base64.b64decode(w[1], validate=True)
        p = base64.b64decode(w[2], validate=True)
    except ValueError:
        return line
    if len(p) != 64 or len(z) == 0 or len(z) % 32:
        return line
    r = rule()
    if r == "proof":
        p = bytes([p[0] ^ 1]) + p[1:]
    elif r == "z":
        z = z[:31] + bytes([z[31] ^ 1]) + z[32:]
    else:
        return line
    return b" ".join([w[0], base64.b64encode(z), base64.b64encode(p)])


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

    def up():
        buf = b""
        try:
            while True:
                b = c.recv(65536)
                if not b:
                    break
                buf += b
                while b"\r\n" in buf:
                    line, buf = buf.split(b"\r\n", 1)
                    with lock, open(log, "ab") as f:
                        f.write(line.split(b" ")[0] + b"\n")
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
            while b"\r\n" in buf:
                line, buf = buf.split(b"\r\n", 1)
                out += rewrite(line) + b"\r\n"
            if len(buf) > 2048:	# not line traffic: pass it on
                out += buf
                buf = b""
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
