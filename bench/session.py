#!/usr/bin/python3
"""session.py PORT N PROCS [SIZE]: N full RUNE sessions (TLS + LOGIN +
PROOF + SEND of a SIZE-octet client blob + QUIT; SIZE 0: no SEND), split over PROCS client
processes; with MODE=retrieve in the environment retrieval sessions
instead (TLS + LOGIN as bob + LIST + RETRIEVE of the oldest + DELETE of
it + QUIT: bob's mailbox must hold N messages); prints "sessions=N secs=S rate=R".  Needs the addresses
alice@DOMAIN and bob@DOMAIN registered with the seeds below (setup)."""
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


def fetch(port, domain):
    s = talk.Session(port)
    code, t = s.login("bob@" + domain, B)
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


def one(port, domain, blob):
    if os.environ.get("MODE") == "retrieve":
        return fetch(port, domain)
    s = talk.Session(port)
    code, t = s.login("alice@" + domain, A)
    assert code == 230, (code, t)
    if not blob:
        s.cmd("QUIT")
        s.sock.close()
        return
    code, t = s.cmd("SEND bob@%s %d" % (domain, len(blob)))
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
    blob = os.urandom(size) if size else b""     # the server cannot open it: any octets do
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
