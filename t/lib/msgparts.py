# msgparts.py: the prelude of the Python parts of t/26 and t/28 (see
# t/lib/msgparts.sh): argv is PORT ROOT H TCPSERVER; check() and eq()
# print "ok - NAME" / "not ok - NAME"; login(); the message files of the
# store; the rune-session and rune-store processes under our tcpserver.
import glob, json, os, queue, random, signal, sys, threading, time
sys.path.insert(0, "t/lib")
import talk, runemsg as rm
PORT, ROOT, H, TCPSERVER = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
SPK = rm.server_pk(ROOT)
def check(cond, name, got=None):
    print(("ok - " if cond else "not ok - ") + name)
    if not cond and got is not None:
        print("got: %r" % (got,))
    sys.stdout.flush()
def eq(got, want, name):
    check(got == want, name, (got, "want", want))
def login(a):
    s = talk.Session(PORT)
    c, t = s.login(a, rm.seed_of(a))
    if c != 230:
        raise ValueError("login %s: %r %r" % (a, c, t))
    return s
def nfiles(sub):
    """files (hidden ones too) in the sub/ directories of the mailboxes"""
    return sum(len(os.listdir(d)) for d in glob.glob(ROOT + "/store/*/" + sub))
def ncur():
    return nfiles("cur")
def ntmp():
    return nfiles("tmp")
def ours():
    """{pid: name} of the rune-session and rune-store processes under
    our tcpserver"""
    procs = {}
    for d in glob.glob("/proc/[0-9]*/stat"):
        try:
            st = open(d).read()
        except OSError:
            continue
        rest = st[st.rindex(")") + 2:].split()
        procs[int(d.split("/")[2])] = (st[st.index("(") + 1:st.rindex(")")],
                                       int(rest[1]))
    out, todo = {}, [int(TCPSERVER)]
    while todo:
        p = todo.pop()
        for c, (name, pp) in procs.items():
            if pp == p and name in ("rune-session", "rune-store"):
                out[c] = name
                todo.append(c)
    return out
def targets():
    """{pid: name} of ours() that a kill -9 test may hit: the sessions
    tcpserver started and the rune-store processes.  A "rune-session"
    whose parent is a session is never one: it is a child between
    posix_spawn and its exec, or the sanitizer's leak checker's tracer
    thread at exit (killing that leaves its session spinning forever in
    StopTheWorld: t/28 under SAN)."""
    out = {}
    for p, n in ours().items():
        try:
            st = open("/proc/%d/stat" % p).read()
        except OSError:
            continue
        ppid = int(st[st.rindex(")") + 2:].split()[1])
        if n == "rune-store" or ppid == int(TCPSERVER):
            out[p] = n
    return out
def sessions():
    """how many rune-session processes run under our tcpserver"""
    return sum(1 for n in ours().values() if n == "rune-session")
def wait_for(cond):
    """polls cond (bounded, 20 s); True when it held"""
    end = time.time() + 20
    while time.time() < end and not cond():
        time.sleep(0.02)
    return cond()
def wait_sessions(n):
    return wait_for(lambda: sessions() == n)
def describe(pids):
    """one line per process: pid, name, state, parent, kernel wait"""
    out = []
    for p in sorted(pids):
        try:
            st = open("/proc/%d/stat" % p).read()
            rest = st[st.rindex(")") + 2:].split()
            wchan = open("/proc/%d/wchan" % p).read()
            out.append("%d %s state %s ppid %s wchan %s" %
                       (p, st[st.index("(") + 1:st.rindex(")")], rest[0],
                        rest[1], wchan))
        except OSError:
            out.append("%d gone" % p)
    return out
def wait_idle():
    """none of our sessions and helpers runs; on a failure, says which
    still run and where they wait"""
    if wait_for(lambda: not ours()):
        return True
    for l in describe(ours()):
        print("# still running: " + l)
    return False
