#!/usr/bin/python3
"""list.py PORT ADDRESS SEEDHEX REPS: logs in and times LIST REPS times;
prints "messages=N list_ms=median [all]"."""
import sys, time, os
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "t", "lib"))
import talk

port, addr, seed, reps = int(sys.argv[1]), sys.argv[2], bytes.fromhex(sys.argv[3]), int(sys.argv[4])
s = talk.Session(port)
code, t = s.login(addr, seed)
assert code == 230, (code, t)
ms = []
for _ in range(reps):
    t0 = time.time()
    code, lines = s.cmd("LIST")
    ms.append((time.time() - t0) * 1000)
    assert code == 250
ms.sort()
print("messages=%d list_ms=%.1f [%s]" % (len(lines) - 1, ms[len(ms) // 2],
      " ".join("%.1f" % m for m in ms)))
