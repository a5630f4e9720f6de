#!/usr/bin/python3
"""fakeproc.py MAPFILE: for t/68.  A process tree that looks like
tcpserver's, with names set by prctl(PR_SET_NAME):
  top "tcpserver" (this process, its own process group)
    S1 "rune-session"
      T1 "rune-session"    a sanitizer tracer's look-alike
      K1 "rune-keys"
        T2 "rune-keys"     the same for a rune-keys
        M1 "rune-keys"     a merge: a session of its own (setsid)
    X "sh"
      S2 "rune-session"    not a child of tcpserver
Writes "NAME PID" lines to MAPFILE when all are up, then waits for a
signal; every process ends when its parent does (PR_SET_PDEATHSIG)."""
import ctypes
import os
import signal
import sys

libc = ctypes.CDLL(None, use_errno=True)


def name(n):
    libc.prctl(15, n.encode(), 0, 0, 0)         # PR_SET_NAME


def child(tag, comm, kids, setsid=False, *, w):
    pid = os.fork()
    if pid:
        return pid
    libc.prctl(1, signal.SIGKILL, 0, 0, 0)      # PR_SET_PDEATHSIG
    if setsid:
        os.setsid()
    name(comm)
    for k in kids:
        child(*k, w=w)
    os.write(w, ("%s %d\n" % (tag, os.getpid())).encode())
    signal.pause()
    os._exit(0)


os.setpgid(0, 0)
name("tcpserver")
r, w = os.pipe()
child("S1", "rune-session", [("T1", "rune-session", []),
                             ("K1", "rune-keys", [("T2", "rune-keys", []),
                                                  ("M1", "rune-keys", [],
                                                   True)])], w=w)
child("X", "sh", [("S2", "rune-session", [])], w=w)
os.close(w)
lines = []
with os.fdopen(r) as f:
    while len(lines) < 7:
        ln = f.readline()
        if not ln:
            break
        lines.append(ln)
with open(sys.argv[1] + ".tmp", "w") as f:
    f.write("top %d\n" % os.getpid())
    f.writelines(lines)
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
signal.signal(signal.SIGTERM, lambda s, f: sys.exit(0))
signal.pause()
