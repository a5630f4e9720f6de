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
import base64, sys
sys.dont_write_bytecode = True
import proxybase as pb

cert, key, port, portfile, rules, log = sys.argv[1:7]
port = int(port)
ctxs = pb.tls_contexts(cert, key)


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


# a partial line above 2048 octets is no line traffic: passed on
seen = pb.verb_log(log)
pb.serve_forever(pb.listen(portfile), lambda c, n: pb.tls_relay(
    c, ctxs, port, seen, rewrite, spill=2048))
