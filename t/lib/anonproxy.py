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
import socket, sys, threading
sys.dont_write_bytecode = True
import proxybase as pb

cert, key, port, portfile, out, rules = sys.argv[1:7]
port = int(port)
ctxs = pb.tls_contexts(cert, key)
lock = threading.Lock()
TEXT = {b"417": b"417 token invalid", b"418": b"418 no RUNE-2 keys",
        b"411": b"411 malformed", b"420": b"420 limit reached",
        b"421": b"421 closing connection", b"554": b"554 internal error"}


def read_rules():
    try:
        return [l.split() for l in open(rules).read().split("\n") if l]
    except OSError:
        return []


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
    except OSError:
        pb.close(c)
        return
    p = pb.tls_pair(c, ctxs, port)
    if not p:
        return
    log = open("%s/verbs.%d" % (out, n), "ab", buffering=0)

    def up(line, w):
        with lock:
            log.write(w[0] + b"\n")
        if w[0] == b"SEND":
            with open("%s/send.%d" % (out, n), "ab") as f:
                f.write(line + b"\n")
        if w[0] != b"REDEEM" or not redeem:
            return line
        if redeem[0] == b"drop":
            raise OSError("dropped")
        p[0].sendall(TEXT.get(redeem[0], redeem[0] + b" refused") + b"\r\n")
        if redeem[0] == b"421":
            raise OSError("closed")
        return None

    def down(u, c):
        # server to client: as it comes, or line by line without the
        # ANONSEND line
        if not noanon:
            pb.pump(u, c)
        else:
            pb.relay_lines(u, c, lambda l: None if
                           l.startswith(b"250-ANONSEND") else l)

    pb.relay(*p, lambda c, u: pb.relay_commands(c, u, up), down)
    log.close()


pb.serve_forever(pb.listen(portfile), serve)
