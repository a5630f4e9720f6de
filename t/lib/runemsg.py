"""runemsg.py: RUNE message blobs for the integration tests (spec 10, 13.7).

make_blob() builds a client blob as a sending client does; open_stored()
opens a stored blob as its receiver and checks everything a receiver
checks, raising BadMessage with the reason of spec 13.7 on the first
failure.  Pure PyNaCl, independent of the C code under test."""
import hashlib
import os
import struct

import nacl.bindings as nb
import nacl.exceptions
import nacl.signing

ENV_MIN = 1 + 64 + 8 + 101 + 48
STORED_EXTRA = 222          # |stored| - |client blob| (spec 13.9)


class BadMessage(Exception):
    pass


def padme(n):
    """P(L) of spec 10: Padme with a floor of 1024"""
    if n <= 1024:
        return 1024
    e = n.bit_length() - 1
    s = e.bit_length()
    m = (1 << (e - s)) - 1
    return (n + m) & ~m


def blob_size(payload_len):
    return padme(payload_len + 69) + 48


def msgid(data):
    """the message id of stored octets: BLAKE2b-256, lowercase hex"""
    return hashlib.blake2b(data, digest_size=32).hexdigest()


def pk_of(seed):
    return bytes(nacl.signing.SigningKey(seed).verify_key)


def x25519(seed):
    """(x25519 pk, x25519 sk) of the Ed25519 key pair with this seed"""
    xsk = nb.crypto_sign_ed25519_sk_to_curve25519(seed + pk_of(seed))
    return nb.crypto_scalarmult_base(xsk), xsk


def server_pk(root):
    """the server's Ed25519 public key from $RUNE_ROOT/secret/server.key"""
    with open(os.path.join(root, "secret", "server.key"), "rb") as f:
        k = f.read()
    if len(k) != 64:
        raise ValueError("server.key is not 64 octets")
    return k[32:]


def ssig_signed(sender, receiver, payload):
    return (b"RUNE-1 message\0" + sender.lower().encode() + b"\0" +
            receiver.lower().encode() + b"\0" + payload)


def make_blob(sender, sender_seed, receiver, receiver_pk, payload):
    """the client blob of spec 10 from sender to receiver"""
    sig = nacl.signing.SigningKey(sender_seed).sign(
        ssig_signed(sender, receiver, payload)).signature
    inner = b"\x01" + sig + struct.pack(">I", len(payload)) + payload
    inner += b"\0" * (padme(len(payload) + 69) - len(inner))
    return nb.crypto_box_seal(
        inner, nb.crypto_sign_ed25519_pk_to_curve25519(receiver_pk))


def _verify(pk, msg, sig, reason):
    try:
        nacl.signing.VerifyKey(pk).verify(msg, sig)
    except nacl.exceptions.BadSignatureError:
        raise BadMessage(reason)


def _open(data, seed, reason):
    xpk, xsk = x25519(seed)
    try:
        return nb.crypto_box_seal_open(data, xpk, xsk)
    except nacl.exceptions.CryptoError:
        raise BadMessage(reason)


def sender101_parse(s101):
    z = s101.find(b"\0")
    a = s101 if z < 0 else s101[:z]
    if z >= 0 and s101[z:] != b"\0" * (101 - z):
        raise BadMessage("sender101-bad")
    try:
        text = a.decode("ascii")
    except UnicodeDecodeError:
        raise BadMessage("sender101-bad")
    user, at, dom = text.partition("@")
    good = lambda p: 3 <= len(p) <= 50 and p.isalnum() and p.isascii()
    if not at or not good(user) or not good(dom) or text != text.lower():
        raise BadMessage("sender101-bad")
    return text


def open_stored(stored, receiver, receiver_seed, spk, sender_pk=None):
    """opens stored as receiver and checks vsig with spk (the server key)
    and, when sender_pk is given, ssig; returns a dict with time, sender,
    blob and payload; raises BadMessage(reason) on the first failure"""
    env = _open(stored, receiver_seed, "stored-does-not-open")
    if len(env) < ENV_MIN:
        raise BadMessage("env-too-short")
    if env[0] != 1:
        raise BadMessage("env-version")
    vsig, tbe, s101, blob = env[1:65], env[65:73], env[73:174], env[174:]
    _verify(spk, b"RUNE-1 envelope\0" + receiver.lower().encode() + b"\0" +
            tbe + s101 + blob, vsig, "vsig-bad")
    sender = sender101_parse(s101)
    inner = _open(blob, receiver_seed, "blob-does-not-open")
    if len(inner) < 69:
        raise BadMessage("inner-too-short")
    if inner[0] != 1:
        raise BadMessage("inner-version")
    (n,) = struct.unpack(">I", inner[65:69])
    if n > len(inner) - 69:
        raise BadMessage("len-too-large")
    if len(inner) != padme(n + 69):
        raise BadMessage("length-not-padme")
    if inner[69 + n:] != b"\0" * (len(inner) - 69 - n):
        raise BadMessage("padding-nonzero")
    payload = inner[69:69 + n]
    if sender_pk is not None:
        _verify(sender_pk, ssig_signed(sender, receiver, payload),
                inner[1:65], "ssig-bad")
    return {"time": struct.unpack(">Q", tbe)[0], "sender": sender,
            "blob": blob, "payload": payload}


# -- the message commands over a talk.Session

def seed_of(address):
    """a fixed test seed for an address (any case)"""
    return hashlib.sha256(address.lower().encode()).digest()


def send(s, sender, receiver, payload, blob=None):
    """SEND of a real blob (or the given octets) from sender to receiver;
    returns (code, texts, blob): 250 and the id, or the refusal"""
    if blob is None:
        blob = make_blob(sender, seed_of(sender), receiver,
                         pk_of(seed_of(receiver)), payload)
    code, t = s.cmd("SEND %s %d" % (receiver, len(blob)))
    if code != 340:
        return code, t, blob
    if t != ["send %d octets" % len(blob)]:
        raise ValueError("340 text: %r" % t)
    s.sock.sendall(blob)
    code, t = s.reply()
    return code, t, blob


def listing(s):
    """LIST: (code, [(id, size)...], final text)"""
    code, t = s.cmd("LIST")
    return code, [(x.split(" ")[0], int(x.split(" ")[1])) for x in t[:-1]], \
        t[-1]


def retrieve(s, mid):
    """RETRIEVE: (240, stored octets) or (code, texts)"""
    code, t = s.cmd("RETRIEVE " + mid)
    if code != 240:
        return code, t
    return code, s.readn(int(t[0]))
