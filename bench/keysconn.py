#!/usr/bin/python3
"""keysconn.py ROOT BUILD: what one rune-keys connection a session saves
the daemon (make bench; rune-session/keysc.c).  The requests of a v2
session, sent to `rune-keys daemon 1` as the session sends them now (one
connection, one login) and as it sent them before (a connection each,
a login on each that needs one):
  anonymous: redeem + take-permit (REDEEM, then PREKEY on its permit)
  identified: login + issue (TOKENS of 16) + take (PREKEY)
CPU is the daemon's worker's on-CPU time (/proc/PID/schedstat, ns), so
this script's own does not count.  ROOT needs control/anonsend on with a
large PERDAY, control/prekeys, control/anonwait 0."""
import base64, os, socket, time
from benchlib import ROOT, DOMAIN, E, register, daemon, children
import voprfc
import rune2

N = int(os.environ.get("KEYSCONN_N", "200"))


class Conn:
    def __init__(self):
        self.s = socket.socket(socket.AF_UNIX)
        self.s.connect(ROOT + "/keys/socket")
        self.f = self.s.makefile("rwb")

    def ask(self, line, data=b""):
        self.f.write(line.encode() + b"\n" + data)
        self.f.flush()
        a = self.f.readline().decode().rstrip("\n")
        assert a.startswith("ok"), (line[:20], a)
        return a

    def close(self):
        self.f.close()
        self.s.close()


WORKERS = []


def ns(pid):
    """on-CPU ns of the daemon's workers (found once: a pool of one)"""
    if WORKERS:
        try:
            return int(open("/proc/%d/schedstat" % WORKERS[0]).read()
                       .split()[0])
        except OSError:
            del WORKERS[:]
    t = 0
    for w, _ in children(pid):
        try:
            t += int(open("/proc/%d/schedstat" % w).read().split()[0])
            WORKERS.append(w)
        except (OSError, ValueError):
            continue
    return t


def blinds():
    out = []
    for _ in range(16):
        t = os.urandom(32)
        x = voprfc.token_input(DOMAIN, E, t)
        r, B = voprfc.blind(x)
        out.append((t, x, r, B))
    return out


d = daemon()
try:
    bob = "kcbob@" + DOMAIN
    ra, _ = register("kcalice@" + DOMAIN)
    rb, bsk = register(bob)
    L = rune2.prekey(b"L", os.urandom(32), int(time.time()) + 14 * 86400,
                     bob, bsk)
    c = Conn()
    c.ask("login %s %s" % (bob, rb))
    c.ask("upload 1", L)
    # tokens for the redeems (uncounted)
    login = "login kcalice@%s %s" % (DOMAIN, ra)
    issue = "issue kcalice@%s %d 16" % (DOMAIN, E)
    c = Conn()
    c.ask(login)
    pk = base64.b64decode(c.ask("key %d" % E)[3:])
    toks = []
    while len(toks) < 2 * N:
        bl = blinds()
        zs = base64.b64decode(c.ask(issue, b"".join(b[3] for b in bl))
                              .split(" ")[1])
        toks += [(b[0], voprfc.finalize(b[1], b[2], zs[32 * k:32 * k + 32]))
                 for k, b in enumerate(bl)]
    c.close()

    def anon(tok, one):
        t, y = tok
        arg = base64.b64encode(t + voprfc.redeem_mac(y, DOMAIN, bob, E, t))
        c = Conn()
        pm = c.ask("redeem %s %d %s" % (bob, E, arg.decode()))[3:]
        if not one:
            c.close()
            c = Conn()
        c.ask("take-permit %s %d %s %s" % (bob, E, base64.b64encode(t)
                                            .decode(), pm))
        c.close()

    def ident(bl, one):
        c = Conn()
        c.ask(login)
        c.ask(issue, b"".join(b[3] for b in bl))
        if not one:
            c.close()
            c = Conn()
            c.ask(login)
        c.ask("take " + bob)
        c.close()

    # the two ways alternate session by session, so that a machine
    # whose load drifts affects both alike
    res = {}
    for name, fn, mk in (("anonymous (redeem + take-permit)", anon,
                          lambda i: toks[i]),
                         ("identified (login + issue + take)", ident,
                          lambda i: blinds())):
        tot = [0, 0]
        for i in range(N):
            for one in (1, 0):
                a = mk(2 * i + one)
                c0 = ns(d.pid)
                fn(a, one)
                tot[one] += ns(d.pid) - c0
        print("rune-keys daemon CPU per %s session: %.0f us on one "
              "connection, %.0f us on a connection a request (%d sessions "
              "each, alternated)" % (name, tot[1] / N / 1000,
                                     tot[0] / N / 1000, N))
finally:
    d.terminate()
    d.wait()
