# pkparts.py: the PREKEYS helpers of t/110-t/119, exec'd by their Python
# parts after msgparts.py: prekey records, uploads, fetches and v2 sends
# built with t/lib/rune2.py (the independent implementation), and the
# opening of a stored env2 as a receiver does it.
import base64, hashlib, struct
import nacl.bindings as nb
import rune2
NOW = int(os.environ.get("RUNE_TEST_NOW") or time.time())
DAY = 86400
def sk_of(addr):
    seed = rm.seed_of(addr)
    return seed + rm.pk_of(seed)
def xpair():
    """(xpk, xsk): a fresh X25519 key pair"""
    xsk = os.urandom(32)
    return nb.crypto_scalarmult_base(xsk), xsk
SECRETS = {}    # xpk -> xsk of every record made here
def rec(addr, kind=b"O", not_after=None, signer=None, xpk=None):
    """one record of addr, signed by signer's key (addr's by default)"""
    if xpk is None:
        xpk, xsk = xpair()
        SECRETS[xpk] = xsk
    na = NOW + 30 * DAY if not_after is None else not_after
    return rune2.prekey(kind, xpk, na, addr.lower(), sk_of(signer or addr))
def upload(s, recs):
    """PREKEYS len(recs) and the records: (code, texts)"""
    code, t = s.cmd("PREKEYS %d" % len(recs))
    if code != 340:
        return code, t
    if t != ["send %d octets" % (105 * len(recs))]:
        raise ValueError("340 text: %r" % t)
    s.sock.sendall(b"".join(recs))
    return s.reply()
def count(s):
    return s.cmd("PREKEYS 0")
def fetch(s, addr):
    """PREKEY addr: (code, L record, O record or None) or (code, texts)"""
    code, t = s.cmd("PREKEY " + addr)
    if code != 250:
        return code, t, None
    f = t[0].split(" ")
    if f[0] != addr.lower() or f[1] != talk.keytext(rm.pk_of(rm.seed_of(addr))):
        raise ValueError("PREKEY reply: %r" % t)
    if len(f) not in (3, 4):
        raise ValueError("PREKEY reply fields: %r" % t)
    L = base64.b64decode(f[2], validate=True)
    O = base64.b64decode(f[3], validate=True) if len(f) == 4 else None
    return code, L, O
def psig_ok(r, addr):
    f = (b"RUNE-2 prekey\0" + addr.lower().encode() + b"\0" + r[:41])
    try:
        nb.crypto_sign_open(r[41:105] + f, rm.pk_of(rm.seed_of(addr)))
        return True
    except Exception:
        return False
def sendercert(s):
    code, t = s.cmd("SENDERCERT")
    return code, base64.b64decode(t[0], validate=True) if code == 250 else t
def make_blob2(sender, receiver, payload, L, O, cert):
    """a blob2 from sender to receiver on the records L and O (None)"""
    e = os.urandom(32)
    return rune2.blob2(e, payload, sender.lower(), sk_of(sender), cert, 0,
                       b"\0" * 32, receiver.lower(),
                       rm.pk_of(rm.seed_of(receiver)), L[1:33],
                       O[1:33] if O else b"\0" * 32)[0]
def send2(s, receiver, blob, flag="2"):
    code, t = s.cmd("SEND %s %d %s" % (receiver, len(blob), flag))
    if code != 340:
        return code, t
    s.sock.sendall(blob)
    return s.reply()
def open_env2(stored, receiver):
    """the env2 inside a stored blob, opened with receiver's key"""
    xpk, xsk = rm.x25519(rm.seed_of(receiver))
    return nb.crypto_box_seal_open(stored, xpk, xsk)
def open_blob2(blob, receiver):
    """inner2 of blob, with receiver's long-term, L and O secrets"""
    E, SPK, OPK = blob[1:33], blob[33:65], blob[65:97]
    rpk = rm.pk_of(rm.seed_of(receiver))
    IK = nb.crypto_sign_ed25519_pk_to_curve25519(rpk)
    ik_sk = nb.crypto_sign_ed25519_sk_to_curve25519(sk_of(receiver))
    DH1 = nb.crypto_scalarmult(ik_sk, E)
    DH2 = nb.crypto_scalarmult(SECRETS[SPK], E)
    DH3 = b"\0" * 32 if OPK == b"\0" * 32 else nb.crypto_scalarmult(SECRETS[OPK], E)
    k = rune2.okm(receiver.lower(), E, IK, SPK, OPK, DH1, DH2, DH3)
    return nb.crypto_aead_xchacha20poly1305_ietf_decrypt(blob[97:], blob[:97],
                                                         k[32:56], k[:32])
def server_sk():
    with open(os.path.join(ROOT, "secret", "server.key"), "rb") as f:
        return f.read()
def pkfiles():
    """the prekey record files under keys/prekeys/"""
    d = os.path.join(ROOT, "keys", "prekeys")
    if not os.path.isdir(d):
        return []
    return [n for n in os.listdir(d) if len(n) == 32]
def register(*addrs):
    for a in addrs:
        s = talk.Session(PORT)
        c = s.register(a, rm.seed_of(a))[0]
        if c != 210:
            raise ValueError("register %s: %r" % (a, c))
