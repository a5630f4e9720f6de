#!/bin/sh
# 155-voprfc-vectors.t: t/lib/voprfc.py, the independent Python VOPRF that
# t/150 checks the server's TOKENS proof with, is itself checked against
# RFC 9497's ristretto255-SHA512 vectors (the project's copy,
# t/data/voprf-ristretto255-sha512.json): its self_test() on every vector,
# the single ones (0 and 1) and the batch of 2 (vector 2): Blind,
# VerifyProof, Finalize, and a flipped proof refused.  Below TLS.
cd "$(dirname "$0")/.." || exit 1
exec python3 - <<'PY'
import sys
sys.path.insert(0, "t/lib")
import json, voprfc
path = "t/data/voprf-ristretto255-sha512.json"
n = 0
def ok(c, name):
    global n
    n += 1
    print("%sok %d - %s" % ("" if c else "not ", n, name))
v = json.load(open(path))
sizes = [len(t["Input"].split(",")) for t in v["vectors"]]
ok(sizes.count(1) >= 1 and any(s > 1 for s in sizes),
   "the vectors hold single evaluations and a batch (%s)" % sizes)
res = voprfc.self_test(path)
ok(len(res) == 4 * len(v["vectors"]), "self_test checks every vector")
for name, good in res:
    i = int(name.split()[1].rstrip(":"))
    ok(good, "%s (%s)" % (name, "batch of %d" % sizes[i] if sizes[i] > 1
                         else "single"))
print("1..%d" % n)
PY
