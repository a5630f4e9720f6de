"""rune2.py: protocol v2's message (doc/protocol-v2.md 1.5), prekey
records and sender certificates, written from the spec with PyNaCl alone:
an implementation independent of the C code under test."""
import hashlib
import struct

import nacl.bindings as nb

from runemsg import padme


def be8(n):
    return struct.pack(">Q", n)


def sign(msg, sk):
    return nb.crypto_sign(msg, sk)[:64]


def sender101(addr):
    a = addr.encode()
    return a + b"\0" * (101 - len(a))


def prekey(kind, xpk, not_after, addr, sk):
    f = b"RUNE-2 prekey\0" + addr.encode() + b"\0" + kind + xpk + be8(not_after)
    return kind + xpk + be8(not_after) + sign(f, sk)


def scert(domain, sender, spk, not_after, server_sk):
    f = (b"RUNE-2 sender\0" + domain.encode() + b"\0" + sender.encode() +
         b"\0" + spk + be8(not_after))
    return sender101(sender) + spk + be8(not_after) + sign(f, server_sk)


def tkh(domain, epoch, pkT):
    return hashlib.blake2b(b"RUNE-2 tkh\0" + domain.encode() + b"\0" +
                           be8(epoch) + pkT, digest_size=32).digest()


def okm(receiver, E, IK, SPK, OPK, DH1, DH2, DH3):
    return hashlib.blake2b(b"RUNE-2 fs\0" + receiver.encode() + b"\0" + E +
                           IK + SPK + OPK + DH1 + DH2 + DH3,
                           digest_size=56).digest()


def blob2(e, payload, sender, sender_sk, cert, mode, th, receiver, rpk,
          SPK, OPK):
    """returns (blob2, dict of intermediate values)"""
    E = nb.crypto_scalarmult_base(e)
    IK = nb.crypto_sign_ed25519_pk_to_curve25519(rpk)
    DH1 = nb.crypto_scalarmult(e, IK)
    DH2 = nb.crypto_scalarmult(e, SPK)
    DH3 = b"\0" * 32 if OPK == b"\0" * 32 else nb.crypto_scalarmult(e, OPK)
    head = b"\x02" + E + SPK + OPK
    ssig2 = sign(b"RUNE-2 message\0" + sender.encode() + b"\0" +
                 receiver.encode() + b"\0" + rpk + head + bytes([mode]) +
                 th + cert + payload, sender_sk)
    inner = (b"\x02" + ssig2 + cert + bytes([mode]) + th +
             struct.pack(">I", len(payload)) + payload)
    inner += b"\0" * (padme(len(payload) + 307) - len(inner))
    k = okm(receiver, E, IK, SPK, OPK, DH1, DH2, DH3)
    ct = nb.crypto_aead_xchacha20poly1305_ietf_encrypt(inner, head, k[32:56],
                                                       k[:32])
    return head + ct, dict(DH1=DH1, DH2=DH2, DH3=DH3, okm=k, ssig2=ssig2,
                           inner2=inner, ct=ct)


def env2(receiver, time, s101, blob, server_sk):
    vsig = sign(b"RUNE-2 envelope\0" + receiver.encode() + b"\0" +
                be8(time) + s101 + blob, server_sk)
    return b"\x02" + vsig + be8(time) + s101 + blob
