#!/usr/bin/python3
"""tamper2.py HOME STOREFILE SERVERKEY WHAT: a stored message damaged in
one place, as someone with the server's key and the receiver's home could
(t/202): the seal's ciphertext (WHAT seal), the envelope unsigned again
(vsig, envtail: a bit of vsig or of blob2's last octet), blob2 with vsig2
made again (ctstart, ctmid, ctend: a bit of the AEAD's ciphertext; tag:
of its tag), or inner2 sealed again with the same key (ssig, payload:
a bit of ssig2 or of the payload's middle; padding: the last padding
octet 1).  A v1 message (--v1) the same way, its blob being
crypto_box_seal(inner) (ctstart, ctmid, ctend: its ciphertext; tag: its
Poly1305 tag; ssig, payload, padding: inner sealed again).  The file is
replaced by one named with the new id, which is printed."""
import hashlib, os, sys
import nacl.bindings as nb
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rune2

home, path, skpath, what = sys.argv[1:5]
sk = open(os.path.join(home, "secret.key"), "rb").read()
me = open(os.path.join(home, "config", "address")).read().strip()
server_sk = open(skpath, "rb").read()
xsk = nb.crypto_sign_ed25519_sk_to_curve25519(sk)
xpk = nb.crypto_sign_ed25519_pk_to_curve25519(sk[32:])
stored = open(path, "rb").read()
env = nb.crypto_box_seal_open(stored, xpk, xsk)
v1 = env[0] == 1
assert env[0] in (1, 2)
t, s101, blob = env[65:73], env[73:174], bytearray(env[174:])


def flip(b, at):
    b[at] ^= 0x01


def okm():
    E, SPK, OPK = bytes(blob[1:33]), bytes(blob[33:65]), bytes(blob[65:97])
    sec = lambda k, x: open(os.path.join(home, "prekeys", k + "." +
                                         x.hex()), "rb").read()[:32]
    IK = nb.crypto_sign_ed25519_pk_to_curve25519(sk[32:])
    DH3 = b"\0" * 32
    if OPK != b"\0" * 32:
        DH3 = nb.crypto_scalarmult(sec("O", OPK), E)
    return rune2.okm(me, E, IK, SPK, OPK, nb.crypto_scalarmult(xsk, E),
                     nb.crypto_scalarmult(sec("L", SPK), E), DH3)


if what == "seal":
    new = bytearray(stored)
    flip(new, len(new) // 2)
    new = bytes(new)
elif what in ("vsig", "envtail"):
    e = bytearray(env)
    flip(e, 10 if what == "vsig" else len(e) - 1)
    new = nb.crypto_box_seal(bytes(e), xpk)
elif v1:
    ct = len(blob) - 48
    if what == "ctstart":
        flip(blob, 48)
    elif what == "ctmid":
        flip(blob, 48 + ct // 2)
    elif what == "ctend":
        flip(blob, len(blob) - 1)
    elif what == "tag":
        flip(blob, 32)
    else:
        inner = bytearray(nb.crypto_box_seal_open(bytes(blob), xpk, xsk))
        n = int.from_bytes(inner[65:69], "big")
        if what == "ssig":
            flip(inner, 1)
        elif what == "payload":
            flip(inner, 69 + n // 2)
        elif what == "padding":
            assert len(inner) > 69 + n, "no padding"
            inner[-1] = 1
        else:
            sys.exit("tamper2: what? " + what)
        blob = bytearray(nb.crypto_box_seal(bytes(inner), xpk))
    vsig = rune2.sign(b"RUNE-1 envelope\0" + me.encode() + b"\0" + t + s101 +
                      bytes(blob), server_sk)
    new = nb.crypto_box_seal(b"\x01" + vsig + t + s101 + bytes(blob), xpk)
else:
    ct = len(blob) - 97 - 16
    if what == "ctstart":
        flip(blob, 97)
    elif what == "ctmid":
        flip(blob, 97 + ct // 2)
    elif what == "ctend":
        flip(blob, 97 + ct - 1)
    elif what == "tag":
        flip(blob, len(blob) - 1)
    else:
        k = okm()
        head = bytes(blob[:97])
        inner = bytearray(nb.crypto_aead_xchacha20poly1305_ietf_decrypt(
            bytes(blob[97:]), head, k[32:56], k[:32]))
        n = int.from_bytes(inner[303:307], "big")
        if what == "ssig":
            flip(inner, 1)
        elif what == "payload":
            flip(inner, 307 + n // 2)
        elif what == "padding":
            assert len(inner) > 307 + n, "no padding"
            inner[-1] = 1
        else:
            sys.exit("tamper2: what? " + what)
        blob = bytearray(head + nb.crypto_aead_xchacha20poly1305_ietf_encrypt(
            bytes(inner), head, k[32:56], k[:32]))
    e = rune2.env2(me, int.from_bytes(t, "big"), s101, bytes(blob), server_sk)
    new = nb.crypto_box_seal(e, xpk)
old = hashlib.blake2b(stored, digest_size=32).hexdigest()
nid = hashlib.blake2b(new, digest_size=32).hexdigest()
d, name = os.path.split(path)
assert old in name
npath = os.path.join(d, name.replace(old, nid))
open(npath, "wb").write(new)
os.chmod(npath, os.stat(path).st_mode & 0o777)
os.unlink(path)
print(nid)
