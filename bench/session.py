#!/usr/bin/python3
"""session.py PORT N PROCS [SIZE]: N full RUNE sessions (TLS + LOGIN +
PROOF + SEND of a SIZE-octet client blob + QUIT; SIZE 0: no SEND), split over PROCS client
processes; prints "sessions=N secs=S rate=R".  Needs the addresses
alice@DOMAIN and bob@DOMAIN registered with the seeds below (setup).
With V2=1 each session is protocol v2's: PREKEY bob, then SEND ... 2 of
a blob2-shaped blob (SIZE 0: LOGIN and PREKEY only); N 0 with
UPLOAD=K also uploads bob's last-resort and K one-time prekeys."""
import os, sys, time
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "t", "lib"))
import talk

A = bytes(range(32))
B = bytes(range(1, 33))


def setup(port, domain):
    for who, seed in (("alice", A), ("bob", B)):
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


def one(port, domain, blob, v2):
    s = talk.Session(port)
    code, t = s.login("alice@" + domain, A)
    assert code == 230, (code, t)
    if v2:
        code, t = s.cmd("PREKEY bob@" + domain)
        assert code == 250, (code, t)
    if not blob:
        s.cmd("QUIT")
        s.sock.close()
        return
    code, t = s.cmd("SEND bob@%s %d%s" % (domain, len(blob), " 2" if v2 else ""))
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
                one(port, domain, blob, v2)
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
