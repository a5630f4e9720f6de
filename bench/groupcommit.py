#!/usr/bin/python3
"""bench/groupcommit.py: does group commit pay?  P writers put M messages
each into one directory as rune-store does (tmp file written and fsynced,
renamed into cur/, cur/ fsynced), either each fsyncing cur/ itself
("own"), or sharing it ("group": after its rename a writer waits on a
lock; whoever holds it fsyncs cur/ once for every rename made before the
fsync began, so the writers queued behind it find theirs covered).
Prints puts/s and the fsyncs of cur/ per put.  Not a test.
Usage: groupcommit.py DIR [M] [P...]"""
import multiprocessing as mp, os, sys, time

def writer(d, m, size, mode, lock, ctr, synced, fsyncs):
    cur, tmp = d + "/cur", d + "/tmp"
    cfd = os.open(cur, os.O_RDONLY | os.O_DIRECTORY)
    blob = os.urandom(size)
    for i in range(m):
        name = "%d.%d" % (os.getpid(), i)
        fd = os.open(tmp + "/" + name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.write(fd, blob)
        os.fsync(fd)
        os.close(fd)
        os.rename(tmp + "/" + name, cur + "/" + name)
        if mode == "own":
            os.fsync(cfd)
            with fsyncs.get_lock():
                fsyncs.value += 1
            continue
        with ctr.get_lock():
            ctr.value += 1
            mine = ctr.value
        with lock:
            if synced.value >= mine:
                continue        # an fsync that began after my rename
            with ctr.get_lock():
                upto = ctr.value
            os.fsync(cfd)
            synced.value = upto
            fsyncs.value += 1
    os.close(cfd)

def run(base, m, p, mode, size=4318):
    d = "%s/%s-%d" % (base, mode, p)
    os.makedirs(d + "/cur"); os.makedirs(d + "/tmp")
    lock = mp.Lock()
    ctr, synced, fsyncs = mp.Value("q", 0), mp.Value("q", 0), mp.Value("q", 0)
    ws = [mp.Process(target=writer, args=(d, m, size, mode, lock, ctr,
          synced, fsyncs)) for _ in range(p)]
    t = time.monotonic()
    for w in ws: w.start()
    for w in ws: w.join()
    dt = time.monotonic() - t
    n = m * p
    assert len(os.listdir(d + "/cur")) == n
    return n / dt, fsyncs.value / n

if __name__ == "__main__":
    base = sys.argv[1]
    m = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    ps = [int(x) for x in sys.argv[3:]] or [1, 2, 4, 8]
    for p in ps:
        own = run(base, m, p, "own")
        grp = run(base, m, p, "group")
        print("group commit, %d writers x %d puts into one directory: own "
              "fsync %.0f puts/s (%.2f dir fsyncs/put), shared %.0f puts/s "
              "(%.2f dir fsyncs/put), ratio %.2f" % (p, m, own[0], own[1],
              grp[0], grp[1], grp[0] / own[0]))
