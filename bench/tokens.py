#!/usr/bin/python3
"""tokens.py ROOT BUILD: the token writer's CPU (make bench): TOKENS of
16 (issue: 16 scalar multiplications and one batched DLEQ proof, plus the
durable day counter) and REDEEM (Evaluate, the mac, the spent entry made
and synced), each request on a connection of its own to rune-keys daemon
(a session now keeps one connection: bench/keysconn.py measures what
that saves).  CPU is the daemon workers' user + system time
(/proc), so the client's (this script's) own does not count.  Prints one
line per figure."""
import base64, os, socket, time
from benchlib import ROOT, DOMAIN, E, register, daemon, children
import voprfc
import rune2

N = int(os.environ.get("TOKEN_N", "200"))

def ask(lines, data=b""):
    s = socket.socket(socket.AF_UNIX)
    s.connect(ROOT + "/keys/socket")
    f = s.makefile("rwb")
    out = []
    for l in lines:
        f.write(l.encode() + b"\n" + (data if l.startswith(("issue", "upload")) else b""))
        f.flush()
        out.append(f.readline().decode().rstrip("\n"))
    s.close()
    return out

def cpu(pid):
    """user + system seconds of the daemon's workers"""
    t = 0
    for _, f in children(pid):
        t += int(f[11]) + int(f[12])
    return t / os.sysconf("SC_CLK_TCK")

d = daemon()
try:
    ra, _ = register("benchalice@" + DOMAIN)
    rb, bsk = register("benchbob@" + DOMAIN)
    L = rune2.prekey(b"L", os.urandom(32), int(time.time()) + 14 * 86400,
                     "benchbob@" + DOMAIN, bsk)
    u = ask(["login benchbob@%s %s" % (DOMAIN, rb), "upload 1"], L)
    assert u[1].startswith("ok"), u
    pk = base64.b64decode(ask(["key %d" % E])[0][3:])
    toks = []
    bl = [[(os.urandom(32),) for j in range(16)] for i in range(N)]
    reqs = []
    for b in bl:
        full = []
        for (t,) in b:
            x = voprfc.token_input(DOMAIN, E, t)
            r, B = voprfc.blind(x)
            full.append((t, x, r, B))
        reqs.append(full)
    c0 = cpu(d.pid)
    t0 = time.time()
    for full in reqs:
        a = ask(["login benchalice@%s %s" % (DOMAIN, ra),
                 "issue benchalice@%s %d 16" % (DOMAIN, E)],
                b"".join(x[3] for x in full))[1]
        zs = base64.b64decode(a.split(" ")[1])
        for k, x in enumerate(full):
            toks.append((x[0], voprfc.finalize(x[1], x[2], zs[32 * k:32 * k + 32])))
    c1 = cpu(d.pid)
    print("TOKENS (batch of 16) server CPU per request: %.0f us (%d requests, rune-keys daemon worker, login included)" %
          ((c1 - c0) * 1e6 / N, N))
    args = ["redeem benchbob@%s %d %s" % (DOMAIN, E, base64.b64encode(
        t + voprfc.redeem_mac(y, DOMAIN, "benchbob@" + DOMAIN, E, t)).decode())
        for t, y in toks[:N]]
    c0 = cpu(d.pid)
    ok = sum(ask([a])[0].startswith("ok ") for a in args)
    c1 = cpu(d.pid)
    print("REDEEM server CPU per request: %.0f us (%d requests, %d spent; the spent entry fsynced)" %
          ((c1 - c0) * 1e6 / N, N, ok))
    bad = ["redeem benchbob@%s %d %s" % (DOMAIN, E, base64.b64encode(os.urandom(64)).decode())
           for i in range(N)]
    c0 = cpu(d.pid)
    for a in bad:
        ask([a])
    c1 = cpu(d.pid)
    print("REDEEM of a bad token server CPU per request: %.0f us (%d requests: 417)" %
          ((c1 - c0) * 1e6 / N, N))
finally:
    d.terminate()
    d.wait()
