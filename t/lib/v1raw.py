#!/usr/bin/python3
"""v1raw.py PORT ALICEKEY BOBKEY FILE...: alice (a raw client, talk.py)
sends bob one v1 message per FILE, its payload the file's octets as
they are (runemsg.make_blob); prints "FILE ID" for each (t/203)."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import talk, runemsg

port, ak, bk = int(sys.argv[1]), sys.argv[2], sys.argv[3]
ask = open(ak, "rb").read()
bpk = open(bk, "rb").read()[32:]
s = talk.Session(port)
assert s.login("alice@runetest", ask[:32])[0] == 230
for f in sys.argv[4:]:
    payload = open(f, "rb").read()
    blob = runemsg.make_blob("alice@runetest", ask[:32], "bob@runetest",
                             bpk, payload)
    code, t, _ = runemsg.send(s, "alice@runetest", "bob@runetest", payload,
                              blob)
    assert code == 250, (code, t)
    print(f, t[0].split(" ")[0])
s.cmd("QUIT")
