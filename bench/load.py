#!/usr/bin/python3
"""load.py PORT CLIENTS SECONDS: CLIENTS concurrent clients (processes of
10 threads each) for SECONDS, each running sessions back to back: log in
as alice or bob, SEND 4 KiB to the other, and every fourth session LIST,
RETRIEVE the oldest and DELETE it.  Prints sessions, failures, sessions/s,
p50 and p99 session latency in ms, and the clients' own CPU seconds (apart
from the server's).  Needs setup as bench/session.py (alice, bob)."""
import os, resource, sys, threading, time
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "t", "lib"))
import talk

SEEDS = {"alice": bytes(range(32)), "bob": bytes(range(1, 33))}


def session(port, domain, me, other, blob, read):
    s = talk.Session(port)
    code, t = s.login("%s@%s" % (me, domain), SEEDS[me])
    assert code == 230, (code, t)
    code, t = s.cmd("SEND %s@%s %d" % (other, domain, len(blob)))
    assert code == 340, (code, t)
    s.sock.sendall(blob)
    code, t = s.reply()
    assert code == 250, (code, t)
    if read:
        code, t = s.cmd("LIST")
        assert code == 250, (code, t)
        if len(t) > 1:
            mid, size = t[0].split()
            code, t = s.cmd("RETRIEVE " + mid)
            # 415: another reader of this mailbox deleted it meanwhile
            assert code in (240, 415), (code, t)
            if code == 240:
                s.readn(int(size))
                code, t = s.cmd("DELETE " + mid)
                assert code in (250, 415), (code, t)
    s.cmd("QUIT")
    s.sock.close()


def worker(port, domain, end, k, out):
    blob = os.urandom(4096)
    n = 0
    while time.time() < end:
        me = ("alice", "bob")[k % 2]
        t0 = time.time()
        try:
            session(port, domain, me, ("bob", "alice")[k % 2], blob, n % 4 == 3)
            out.append(("ok", time.time() - t0))
        except Exception as e:
            out.append(("fail", repr(e)))
        n += 1


def proc(port, domain, threads, secs, wfd):
    end = time.time() + secs
    out = []
    th = [threading.Thread(target=worker, args=(port, domain, end, i, out))
          for i in range(threads)]
    [t.start() for t in th]
    [t.join() for t in th]
    ru = resource.getrusage(resource.RUSAGE_SELF)
    lines = ["%s %s" % (a, b) for a, b in out]
    lines.append("cpu %f" % (ru.ru_utime + ru.ru_stime))
    os.write(wfd, ("\n".join(lines) + "\n").encode())
    os.close(wfd)


def main():
    port, clients, secs = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    domain = os.environ.get("DOMAIN", "runebench")
    per = 10
    kids = []
    for p in range((clients + per - 1) // per):
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(r)
            proc(port, domain, min(per, clients - p * per), secs, w)
            os._exit(0)
        os.close(w)
        kids.append((pid, r))
    lat, fails, cpu, why = [], 0, 0.0, {}
    for pid, r in kids:
        data = b""
        while True:
            b = os.read(r, 65536)
            if not b:
                break
            data += b
        os.waitpid(pid, 0)
        for line in data.decode().splitlines():
            k, v = line.split(" ", 1)
            if k == "ok":
                lat.append(float(v))
            elif k == "cpu":
                cpu += float(v)
            else:
                fails += 1
                why[v[:60]] = why.get(v[:60], 0) + 1
    lat.sort()
    n = len(lat)
    p50 = lat[n // 2] * 1000 if n else 0
    p99 = lat[min(n - 1, n * 99 // 100)] * 1000 if n else 0
    print("clients=%d secs=%d sessions=%d failed=%d rate=%.1f p50_ms=%.1f "
          "p99_ms=%.1f client_cpu_s=%.1f" %
          (clients, secs, n, fails, n / secs, p50, p99, cpu))
    for k, v in why.items():
        print("  failure x%d: %s" % (v, k))


if __name__ == "__main__":
    main()
