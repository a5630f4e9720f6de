#!/usr/bin/python3
"""idle.py PORT FILE: for t/69.  Opens one session (TLS, greeting read),
writes "ready" to FILE, then holds the connection open, idle, until it is
killed: the rune-session serving it waits for its idle time."""
import sys
import time

sys.path.insert(0, "t/lib")
from talk import Session        # noqa: E402

s = Session(int(sys.argv[1]), timeout=600)
with open(sys.argv[2], "w") as f:
    f.write("ready\n")
time.sleep(600)
