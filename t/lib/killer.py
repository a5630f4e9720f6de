#!/usr/bin/python3
"""killer.py TCPSERVER CLIENT keys|any DELAY: for t/25.

After DELAY seconds, kills with SIGKILL one process of our tcpserver as soon
as there is one, polling while CLIENT runs, and prints its name.  The
targets are picked by parentage, never by name alone:
  any:  a rune-session whose parent is TCPSERVER, or a rune-keys below;
  keys: a rune-keys whose parent is such a rune-session, or the merge
        that such a rune-keys forked (it leads a session of its own).
A process that only looks like one (the same name) but has another parent,
such as the tracer task that LeakSanitizer clones from a process at its
exit (it carries the process's name), is never killed: killing it leaves
its parent spinning in StopTheWorld for ever.  t/68 checks the choice."""
import os
import random
import sys
import time


def procs():
    """pid -> (ppid, name, state, sid)"""
    out = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open("/proc/%s/stat" % d) as f:
                    st = f.read()
            except OSError:
                continue
            r = st.rindex(")")
            f = st[r + 2:].split()
            out[int(d)] = (int(f[1]), st[st.index("(") + 1:r], f[0],
                           int(f[3]))
    return out


def targets(ps, top, mode):
    sess = [p for p, v in ps.items()
            if v[0] == top and v[1] == "rune-session" and v[2] != "Z"]
    keys = [p for p, v in ps.items()
            if v[0] in sess and v[1] == "rune-keys" and v[2] != "Z"]
    merges = [p for p, v in ps.items()
              if v[0] in keys and v[1] == "rune-keys" and v[3] == p and
              v[2] != "Z"]
    return keys + merges + (sess if mode == "any" else [])


def main():
    top, client, mode = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    time.sleep(float(sys.argv[4]))          # the random moment
    end = time.time() + 20
    while time.time() < end:
        ps = procs()
        if client not in ps or ps[client][2] == "Z":
            break
        c = targets(ps, top, mode)
        if c:
            p = random.choice(c)
            try:
                os.kill(p, 9)
                print(ps[p][1])
                break
            except ProcessLookupError:
                pass


if __name__ == "__main__":
    main()
