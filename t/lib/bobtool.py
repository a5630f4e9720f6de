#!/usr/bin/python3
"""bobtool.py HOME STORED [OUT [INNER]]: what a thief with the receiver's home
(its long-term secret key and every prekey secret still in HOME/prekeys)
can do with a stored message (t/121): opens the seal and the env2 with
the long-term key, then the blob2 with the secrets of the SPK and OPK it
names.  Prints "opened" and exits 0 (the blob2 into OUT when given), or
prints why not and exits 1.  INNER gets the opened inner2."""
import os, sys
import nacl.bindings as nb
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rune2

home, stored = sys.argv[1], sys.argv[2]
sk = open(os.path.join(home, "secret.key"), "rb").read()
me = open(os.path.join(home, "config", "address")).read().strip()
xsk = nb.crypto_sign_ed25519_sk_to_curve25519(sk)
xpk = nb.crypto_sign_ed25519_pk_to_curve25519(sk[32:])
try:
    env = nb.crypto_box_seal_open(open(stored, "rb").read(), xpk, xsk)
except Exception:
    print("the seal does not open")
    sys.exit(1)
if env[0] != 2:
    print("not an env2")
    sys.exit(1)
blob = env[174:]
if len(sys.argv) > 3:
    open(sys.argv[3], "wb").write(blob)
E, SPK, OPK = blob[1:33], blob[33:65], blob[65:97]


def secret(kind, xk):
    p = os.path.join(home, "prekeys", kind + "." + xk.hex())
    try:
        return open(p, "rb").read()[:32]
    except FileNotFoundError:
        return None


ls = secret("L", SPK)
if ls is None:
    print("no secret for its last-resort key")
    sys.exit(1)
os_ = None
if OPK != b"\0" * 32:
    os_ = secret("O", OPK)
    if os_ is None:
        print("no secret for its one-time key")
        sys.exit(1)
IK = nb.crypto_sign_ed25519_pk_to_curve25519(sk[32:])
DH1 = nb.crypto_scalarmult(xsk, E)
DH2 = nb.crypto_scalarmult(ls, E)
DH3 = b"\0" * 32 if os_ is None else nb.crypto_scalarmult(os_, E)
k = rune2.okm(me, E, IK, SPK, OPK, DH1, DH2, DH3)
try:
    inner = nb.crypto_aead_xchacha20poly1305_ietf_decrypt(
        blob[97:], blob[:97], k[32:56], k[:32])
    if len(sys.argv) > 4:
        open(sys.argv[4], "wb").write(inner)
except Exception:
    print("the AEAD does not open")
    sys.exit(1)
print("opened")
