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
import sys, threading
sys.dont_write_bytecode = True
import proxybase as pb

cert, key, port, portfile, rules = sys.argv[1:6]
port = int(port)
ctxs = pb.tls_contexts(cert, key)


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


def serve(c, n):
    pending = [0]       # PREKEY lines sent whose answer is still to come
    lock = threading.Lock()

    def up(line, w):
        if w[0] == b"PREKEY":
            with lock:
                pending[0] += 1
        return line

    def down(line):
        with lock:
            pending[0] -= 1
        return rewrite(line)

    def idle():
        with lock:
            return not pending[0]

    pb.tls_relay(c, ctxs, port, up, down, raw=idle)


pb.serve_forever(pb.listen(portfile), serve)
