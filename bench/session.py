#!/usr/bin/python3
"""session.py PORT N PROCS [SIZE]: N full RUNE sessions (TLS + LOGIN +
PROOF + SEND of a SIZE-octet client blob + QUIT; SIZE 0: no SEND), split over PROCS client
processes; with MODE=retrieve in the environment retrieval sessions
instead (TLS + LOGIN as reader + LIST + RETRIEVE + DELETE of the one
message in its mailbox + QUIT), each after a SEND session from writer
that puts that message there, uncounted: the server's CPU of the
retrieval sessions alone is read from the cpuacct group $CG and printed
as server_ns (1 client process only); prints "sessions=N secs=S rate=R".  Needs the addresses
alice@DOMAIN and bob@DOMAIN registered with the seeds below (setup).
With V2=1 each SEND session is protocol v2's: PREKEY bob, then SEND ... 2
of a blob2-shaped blob (SIZE 0: LOGIN and PREKEY only); N 0 with
UPLOAD=K also uploads bob's last-resort and K one-time prekeys."""
import os, sys, time
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "t", "lib"))
import talk

A = bytes(range(32))
B = bytes(range(1, 33))
R = bytes(range(3, 35))
W = bytes(range(4, 36))


def setup(port, domain):
    for who, seed in (("alice", A), ("bob", B), ("reader", R),
                      ("writer", W)):
        s = talk.Session(port)
        code, t = s.register("%s@%s" % (who, domain), seed)
        if code not in (210, 403):
            sys.exit("register %s: %d %s" % (who, code, t))
    k = int(os.environ.get("UPLOAD", "0"))
    if k:
        import nacl.bindings as nb
        import rune2
        bob = "bob@" + domain
        sk = nb.crypto_sign_seed_keypair(B)[1]
        na = int(time.time()) + 30 * 86400
        recs = [rune2.prekey(kind, nb.crypto_scalarmult_base(os.urandom(32)),
                             na, bob, sk) for kind in [b"L"] + [b"O"] * k]
        s = talk.Session(port)
        code, t = s.login(bob, B)
        assert code == 230, (code, t)
        code, t = s.cmd("PREKEYS %d" % len(recs))
        assert code == 340, (code, t)
        s.sock.sendall(b"".join(recs))
        code, t = s.reply()
        assert code == 250, (code, t)


def fetch(port, domain):
    s = talk.Session(port)
    code, t = s.login("reader@" + domain, R)
    assert code == 230, (code, t)
    code, t = s.cmd("LIST")
    assert code == 250 and len(t) > 1, (code, t[-1:])
    mid, size = t[0].split(" ")
    code, t = s.cmd("RETRIEVE " + mid)
    assert code == 240, (code, t)
    assert len(s.readn(int(t[0]))) == int(size)
    code, t = s.cmd("DELETE " + mid)
    assert code == 250, (code, t)
    s.cmd("QUIT")
    s.sock.close()


def cg_ns():
    with open(os.environ["CG"] + "/cpuacct.usage") as f:
        return int(f.read())


SERVER_NS = [0]


def one(port, domain, blob):
    if os.environ.get("MODE") != "retrieve":
        return send(port, domain, blob, v2=os.environ.get("V2") == "1")
    send(port, domain, blob, "writer", W, "reader")
    time.sleep(0.05)        # the SEND session's process has ended
    c0 = cg_ns()
    fetch(port, domain)
    time.sleep(0.05)        # and so has the retrieval session's
    SERVER_NS[0] += cg_ns() - c0


def send(port, domain, blob, me="alice", seed=A, to="bob", v2=False):
    s = talk.Session(port)
    code, t = s.login(me + "@" + domain, seed)
    assert code == 230, (code, t)
    if v2:
        code, t = s.cmd("PREKEY bob@" + domain)
        assert code == 250, (code, t)
    if not blob:
        s.cmd("QUIT")
        s.sock.close()
        return
    code, t = s.cmd("SEND %s@%s %d%s" % (to, domain, len(blob),
                                          " 2" if v2 else ""))
    assert code == 340, (code, t)
    s.sock.sendall(blob)
    code, t = s.reply()
    assert code == 250, (code, t)
    code, t = s.cmd("QUIT")
    s.sock.close()


def main():
    port, n, procs = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    size = int(sys.argv[4]) if len(sys.argv) > 4 else 4096
    domain = os.environ.get("DOMAIN", "runebench")
    if n == 0:
        setup(port, domain)
        return
    if os.environ.get("MODE") == "retrieve":
        blob = os.urandom(size or 4096)
        t0 = time.time()
        for _ in range(n):
            one(port, domain, blob)
        secs = time.time() - t0
        print("sessions=%d secs=%.3f server_ns=%d" % (n, secs, SERVER_NS[0]))
        return
    v2 = os.environ.get("V2") == "1"
    # the server cannot open it: any octets do (a blob2 starts 0x02)
    blob = os.urandom(size) if size else b""
    if v2 and blob:
        blob = b"\x02" + blob[1:]
    t0 = time.time()
    kids = []
    for p in range(procs):
        pid = os.fork()
        if pid == 0:
            for _ in range(n // procs):
                one(port, domain, blob)
            os._exit(0)
        kids.append(pid)
    bad = 0
    for pid in kids:
        _, st = os.waitpid(pid, 0)
        bad += st != 0
    secs = time.time() - t0
    done = (n // procs) * procs
    print("sessions=%d secs=%.3f rate=%.1f failed_procs=%d" %
          (done, secs, done / secs, bad))


if __name__ == "__main__":
    main()
