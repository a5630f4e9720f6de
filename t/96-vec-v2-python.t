#!/bin/sh
# 96-vec-v2-python: t/data/vectors-v2.json recomputed by t/lib/rune2.py,
# an implementation of doc/protocol-v2.md 1.5 and 3.2 in Python with
# PyNaCl, independent of the C code (t/95 checks the C code).
exec /usr/bin/python3 - "$PWD" <<'PY'
import json, sys
sys.path.insert(0, sys.argv[1] + "/t/lib")
import nacl.bindings as nb
import rune2

v = json.load(open(sys.argv[1] + "/t/data/vectors-v2.json"))
inp = v["inputs"]
n = 0
fails = 0


def check(got, name, want):
    global n, fails
    n += 1
    if got == bytes.fromhex(want):
        print("ok %d - %s" % (n, name))
    else:
        fails += 1
        print("not ok %d - %s\n#   got  %s\n#   want %s" %
              (n, name, got.hex()[:96], want[:96]))


def kp(seed):
    return nb.crypto_sign_seed_keypair(bytes.fromhex(seed))


spk_, ssk = kp(inp["server_seed"])
apk, ask = kp(inp["alice"]["seed"])
bpk, bsk = kp(inp["bob"]["seed"])
check(spk_, "server key", v["server_pk"])
check(apk, "alice's key", v["alice_pk"])
check(bpk, "bob's key", v["bob_pk"])
check(nb.crypto_sign_ed25519_pk_to_curve25519(bpk), "IK", v["bob_ik"])
e = bytes.fromhex(inp["e"])
SPK = nb.crypto_scalarmult_base(bytes.fromhex(inp["bob_lastresort_secret"]))
OPK = nb.crypto_scalarmult_base(bytes.fromhex(inp["bob_onetime_secret"]))
check(nb.crypto_scalarmult_base(e), "E", v["E"])
check(SPK, "SPK", v["SPK"])
check(OPK, "OPK", v["OPK"])
bob = inp["bob"]["address"]
alice = inp["alice"]["address"]
dom = inp["domain"]
check(rune2.prekey(b"L", SPK, inp["bob_lastresort_not_after"], bob, bsk),
      "prekey_L", v["prekey_L"])
check(rune2.prekey(b"O", OPK, inp["bob_onetime_not_after"], bob, bsk),
      "prekey_O", v["prekey_O"])
cert = rune2.scert(dom, alice, apk, inp["scert"]["not_after"], ssk)
check(cert, "scert", v["scert"])
check(cert[141:], "csig", v["csig"])
tok = v["token"]
th = rune2.tkh(dom, inp["token"]["epoch"], bytes.fromhex(tok["pkT"]))
check(th, "tkh", v["tkh"])
payload = inp["payload"].encode()
zero = b"\0" * 32
for name, mode, opk in (("identified_opk", 0, OPK),
                        ("identified_noopk", 0, zero),
                        ("anonymous_opk", 1, OPK)):
    c = v["cases"][name]
    blob, mid = rune2.blob2(e, payload, alice, ask, cert, mode,
                            th if mode else zero, bob, bpk, SPK, opk)
    for f in ("DH1", "DH2", "DH3", "okm", "ssig2", "inner2", "ct"):
        check(mid[f], name + ": " + f, c[f])
    check(blob, name + ": blob2", c["blob2"])
    s101 = b"\0" * 101 if mode else rune2.sender101(alice)
    env = rune2.env2(bob, inp["envelope_time"], s101, blob, ssk)
    check(env[1:65], name + ": vsig2", c["vsig2"])
    check(env, name + ": env2", c["env2"])
    xsk = nb.crypto_sign_ed25519_sk_to_curve25519(bsk)
    xpk = nb.crypto_sign_ed25519_pk_to_curve25519(bpk)
    opened = nb.crypto_box_seal_open(bytes.fromhex(c["stored"]), xpk, xsk)
    check(opened, name + ": stored opens to env2", c["env2"])
print("1..%d" % n)
sys.exit(1 if fails else 0)
PY
