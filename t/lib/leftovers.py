#!/usr/bin/python3
"""leftovers.py DIR...: run by `make test` after each prove pass.

Fails (exit 1, one line per process on stderr) when a process whose
executable or one of whose arguments lies under one of the DIRs (the
checkout's $(B) and $(B)-san, absolute) is still alive: every test must end
what it starts.  A process on its way out gets up to about 3 s to go
($RUNE_LEFTOVERS_GRACE seconds, for t/67).  It
reports and kills nothing: the report names the pids.  Zombies are dead
and not counted.  t/67-leftovers.t tests it."""
import os
import sys
import time

ME = "leftovers"


def ancestors():
    """this process and its ancestors (make, the recipe's sh)"""
    mine, p = set(), os.getpid()
    while p > 1 and p not in mine:
        mine.add(p)
        try:
            with open("/proc/%d/status" % p) as f:
                p = int(next(l for l in f if l.startswith("PPid:")).split()[1])
        except (OSError, StopIteration, ValueError):
            break
    return mine


def under(path, dirs):
    return any(path.startswith(d + "/") for d in dirs)


def scan(dirs, mine):
    """(pid, exe, argv) of each live process of the DIRs"""
    found = []
    for e in os.listdir("/proc"):
        if not e.isdigit() or int(e) in mine:
            continue
        try:
            with open("/proc/%s/stat" % e) as f:
                st = f.read()
            if st[st.rindex(")") + 2] == "Z":
                continue
            with open("/proc/%s/cmdline" % e, "rb") as f:
                argv = f.read().decode(errors="replace").split("\0")
        except (OSError, ValueError):
            continue            # gone meanwhile
        try:
            exe = os.readlink("/proc/%s/exe" % e)
        except OSError:
            exe = ""
        if under(exe, dirs) or any(under(a, dirs) for a in argv):
            found.append((int(e), exe, " ".join(a for a in argv if a)))
    return found


def main():
    dirs = [d.rstrip("/") for d in sys.argv[1:]]
    if not dirs or not all(d.startswith("/") for d in dirs):
        sys.stderr.write("usage: %s DIR... (absolute)\n" % ME)
        return 100
    try:
        grace = float(os.environ.get("RUNE_LEFTOVERS_GRACE", "3"))
    except ValueError:
        sys.stderr.write("%s: invalid $RUNE_LEFTOVERS_GRACE\n" % ME)
        return 100
    mine = ancestors()
    end = time.monotonic() + grace
    while True:
        left = scan(dirs, mine)
        if not left:
            return 0
        if time.monotonic() > end:
            break
        time.sleep(0.1)         # polling, bounded above
    sys.stderr.write("%s: processes of %s are still alive after the tests:\n"
                     % (ME, " ".join(dirs)))
    for pid, exe, args in left:
        sys.stderr.write("%s: pid %d exe %s argv %s\n" % (ME, pid, exe, args))
    return 1


if __name__ == "__main__":
    sys.exit(main())
