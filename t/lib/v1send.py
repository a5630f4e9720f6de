#!/usr/bin/python3
"""v1send.py PORT ALICEKEY BOBKEY NAME SIZE...: alice (a raw client,
talk.py) sends bob one v1 message (spec 10: SEND without " 2", the
client blob of runemsg.make_blob) per NAME SIZE pair, a payload with
Subject NAME and a text body of about SIZE octets with CRLF line ends
and lone CRs, or, when SIZE is @FILE, the file's octets as they are;
prints "NAME ID" for each (t/202, t/203)."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import talk, runemsg

port, ak, bk = int(sys.argv[1]), sys.argv[2], sys.argv[3]
ask = open(ak, "rb").read()
bpk = open(bk, "rb").read()[32:]
s = talk.Session(port)
assert s.login("alice@runetest", ask[:32])[0] == 230
args = sys.argv[4:]
for i in range(0, len(args), 2):
    name, size = args[i], args[i + 1]
    if size.startswith("@"):
        payload = open(size[1:], "rb").read()
    else:
        line = b"a v1 line ending CRLF\r\nand one with a lone \r in it\n"
        body = line * (int(size) // len(line) + 1)
        payload = (b"From: Alice Liddell <alice@runetest>\r\n"
                   b"To: bob@runetest\r\nSubject: " + name.encode() +
                   b"\r\n\r\n" + body + b"the end\r")
    blob = runemsg.make_blob("alice@runetest", ask[:32], "bob@runetest",
                             bpk, payload)
    code, t, _ = runemsg.send(s, "alice@runetest", "bob@runetest", payload,
                              blob)
    assert code == 250, (code, t)
    print(name, t[0].split(" ")[0])
s.cmd("QUIT")
