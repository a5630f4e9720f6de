#!/usr/bin/python3
"""anonproxy.py CERT KEY PORT PORTFILE DIR RULES: a TLS proxy that turns
our server into a fake one for the client's anonymous sending (t/185,
t/186).  It serves TLS 1.2 with the server's own certificate and key (so
the client's TLS pin is the server's) and forwards each connection over
TLS to 127.0.0.1:PORT.  For connection N (1, 2, ...) it keeps:
  DIR/hello.N   the first TLS record the client sent (its ClientHello),
                as it came, before the handshake
  DIR/verbs.N   each command line's verb, one per line (a SEND's blob
                is forwarded, not logged)
  DIR/send.N    each SEND line whole (its words, not its blob)
RULES is read afresh at each connection; its lines:
  redeem CODE   a REDEEM is not forwarded: the proxy answers "CODE ..."
                itself (421: and closes the connection); "redeem drop":
                the connection is closed with no reply at all
  noanon        the "250-ANONSEND ..." line of a CAPABILITIES answer is
                dropped, as if the server no longer offered it
One connection after another until killed."""
import os, socket, ssl, sys, threading

cert, key, port, portfile, out, rules = sys.argv[1:7]
port = int(port)
sctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
sctx.minimum_version = sctx.maximum_version = ssl.TLSVersion.TLSv1_2
sctx.load_cert_chain(cert, key)
cctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
cctx.check_hostname = False
cctx.verify_mode = ssl.CERT_NONE
cctx.minimum_version = cctx.maximum_version = ssl.TLSVersion.TLSv1_2
lock = threading.Lock()
count = [0]
TEXT = {b"417": b"417 token invalid", b"418": b"418 no RUNE-2 keys",
        b"411": b"411 malformed", b"420": b"420 limit reached",
        b"421": b"421 closing connection", b"554": b"554 internal error"}


def read_rules():
    try:
        return [l.split() for l in open(rules).read().split("\n") if l]
    except OSError:
        return []


def shut(*ss):
    for s in ss:
        try:
            s.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        try:
            s.close()
        except OSError:
            pass


def hello(c, n):
    """the client's first record, peeked (it stays for the handshake)"""
    b = b""
    for _ in range(200):
        b = c.recv(16384, socket.MSG_PEEK)
        if len(b) >= 5 and len(b) >= 5 + int.from_bytes(b[3:5], "big"):
            b = b[:5 + int.from_bytes(b[3:5], "big")]
            break
        threading.Event().wait(0.01)
    with open("%s/hello.%d" % (out, n), "wb") as f:
        f.write(b)


def serve(c, n):
    r = read_rules()
    redeem = [x[1].encode() for x in r if x[0] == "redeem"]
    noanon = any(x[0] == "noanon" for x in r)
    try:
        hello(c, n)
        c = sctx.wrap_socket(c, server_side=True)
        u = cctx.wrap_socket(socket.create_connection(("127.0.0.1", port)))
    except OSError:
        shut(c)
        return
    log = open("%s/verbs.%d" % (out, n), "ab", buffering=0)

    def down():
        # server to client: as it comes, or line by line without the
        # ANONSEND line
        buf = b""
        try:
            while True:
                b = u.recv(65536)
                if not b:
                    break
                if not noanon:
                    c.sendall(b)
                    continue
                buf += b
                while b"\r\n" in buf:
                    line, buf = buf.split(b"\r\n", 1)
                    if not line.startswith(b"250-ANONSEND"):
                        c.sendall(line + b"\r\n")
        except OSError:
            pass
        shut(c, u)

    threading.Thread(target=down, daemon=True).start()
    buf, skip = b"", 0
    try:
        while True:
            b = c.recv(65536)
            if not b:
                break
            buf += b
            while buf:
                if skip:
                    k = min(skip, len(buf))
                    u.sendall(buf[:k])
                    skip -= k
                    buf = buf[k:]
                    continue
                i = buf.find(b"\r\n")
                if i < 0:
                    break
                line, buf = buf[:i], buf[i + 2:]
                w = line.split(b" ")
                with lock:
                    log.write(w[0] + b"\n")
                if w[0] == b"SEND":
                    with open("%s/send.%d" % (out, n), "ab") as f:
                        f.write(line + b"\n")
                if w[0] == b"REDEEM" and redeem and redeem[0] == b"drop":
                    raise OSError("dropped")
                if w[0] == b"REDEEM" and redeem:
                    c.sendall(TEXT.get(redeem[0], redeem[0] + b" refused")
                              + b"\r\n")
                    if redeem[0] == b"421":
                        raise OSError("closed")
                    continue
                u.sendall(line + b"\r\n")
                if w[0] in (b"SEND", b"PREKEYS") and len(w) >= 3 and \
                        w[2].isdigit():
                    skip = int(w[2])
                elif w[0] == b"PREKEYS" and len(w) == 2 and w[1].isdigit():
                    skip = 105 * int(w[1])
    except OSError:
        pass
    shut(c, u)


ls = socket.socket()
ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
ls.bind(("127.0.0.1", 0))
ls.listen(8)
with open(portfile + ".tmp", "w") as f:
    f.write("%d\n" % ls.getsockname()[1])
os.rename(portfile + ".tmp", portfile)
while True:
    c, _ = ls.accept()
    count[0] += 1
    threading.Thread(target=serve, args=(c, count[0]), daemon=True).start()
