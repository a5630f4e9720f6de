"""voprfc.py: the client side of RFC 9497's VOPRF (mode 0x01,
ristretto255-SHA512) in Python, for the tests of ANONSEND
(doc/protocol-v2.md 2.4, 2.5): Blind, VerifyProof of a batch with one
DLEQ proof, Finalize, and RUNE's token input and REDEEM mac.  Written from
the RFC, apart from lib/voprf.c: the group arithmetic is libsodium's
(ctypes; PyNaCl here has no ristretto255 bindings), SHA-512 and BLAKE2b
are hashlib's.  self_test() checks it against the RFC's vectors."""
import ctypes, hashlib, json, os, struct

_na = ctypes.CDLL("libsodium.so.23")
if _na.sodium_init() < 0:
    raise RuntimeError("sodium_init")

CTX = b"OPRFV1-\x01-ristretto255-SHA512"
L = 2**252 + 27742317777372353535851937790883648493


def _buf(b):
    return ctypes.create_string_buffer(bytes(b), len(b))


def i2osp2(n):
    return struct.pack(">H", n)


def expand_xmd(msg, dst, n):
    """expand_message_xmd with SHA-512 (RFC 9380 5.3.1)"""
    b_in = 128
    ell = (n + 63) // 64
    dst_prime = dst + bytes([len(dst)])
    b0 = hashlib.sha512(bytes(b_in) + msg + struct.pack(">H", n) + b"\0" +
                        dst_prime).digest()
    b = [hashlib.sha512(b0 + b"\1" + dst_prime).digest()]
    for i in range(2, ell + 1):
        x = bytes(p ^ q for p, q in zip(b0, b[-1]))
        b.append(hashlib.sha512(x + bytes([i]) + dst_prime).digest())
    return b"".join(b)[:n]


def from_hash(h64):
    out = ctypes.create_string_buffer(32)
    if _na.crypto_core_ristretto255_from_hash(out, _buf(h64)) != 0:
        raise ValueError("from_hash")
    return out.raw


def hash_to_group(x):
    return from_hash(expand_xmd(x, b"HashToGroup-" + CTX, 64))


def hash_to_scalar(x):
    return int.from_bytes(expand_xmd(x, b"HashToScalar-" + CTX, 64),
                          "little") % L


def sc(n):
    return (n % L).to_bytes(32, "little")


def valid(e):
    """canonical, not the identity (libsodium's is_valid_point)"""
    return len(e) == 32 and _na.crypto_core_ristretto255_is_valid_point(
        _buf(e)) == 1


def mul(k, P):
    """k * P (k an int); None for the identity"""
    out = ctypes.create_string_buffer(32)
    if k % L == 0:
        return None
    if _na.crypto_scalarmult_ristretto255(out, _buf(sc(k)), _buf(P)) != 0:
        return None
    return out.raw


def base(k):
    out = ctypes.create_string_buffer(32)
    if _na.crypto_scalarmult_ristretto255_base(out, _buf(sc(k))) != 0:
        return None
    return out.raw


def add(P, Q):
    if P is None:
        return Q
    if Q is None:
        return P
    out = ctypes.create_string_buffer(32)
    if _na.crypto_core_ristretto255_add(out, _buf(P), _buf(Q)) != 0:
        raise ValueError("add")
    return out.raw


def random_scalar():
    while True:
        r = int.from_bytes(os.urandom(64), "little") % L
        if r:
            return r


def blind(x, r=None):
    """(r, B) for input x"""
    r = random_scalar() if r is None else r
    return r, mul(r, hash_to_group(x))


def composites(pk, Bs, Zs):
    seed_dst = b"Seed-" + CTX
    seed = hashlib.sha512(i2osp2(32) + pk + i2osp2(len(seed_dst)) +
                          seed_dst).digest()
    M = Z = None
    for i, (c, d) in enumerate(zip(Bs, Zs)):
        t = (i2osp2(len(seed)) + seed + i2osp2(i) + i2osp2(32) + c +
             i2osp2(32) + d + b"Composite")
        di = hash_to_scalar(t)
        M = add(M, mul(di, c))
        Z = add(Z, mul(di, d))
    return M, Z


def verify(pk, Bs, Zs, proof):
    """VerifyProof(G, pk, Bs, Zs, c || s), strict: every element valid,
    both scalars below L"""
    if len(proof) != 64 or not valid(pk) or len(Bs) != len(Zs) or not Bs:
        return False
    if not all(valid(z) for z in Zs):
        return False
    c = int.from_bytes(proof[:32], "little")
    s = int.from_bytes(proof[32:], "little")
    if c >= L or s >= L:
        return False
    M, Z = composites(pk, Bs, Zs)
    t2 = add(base(s) if s else None, mul(c, pk) if c else None)
    t3 = add(mul(s, M) if s else None, mul(c, Z) if c else None)
    if None in (M, Z, t2, t3):
        return False
    h = b"".join(i2osp2(32) + e for e in (pk, M, Z, t2, t3)) + b"Challenge"
    return hash_to_scalar(h) == c


def finalize(x, r, Z):
    N = mul(pow(r, -1, L), Z)
    return hashlib.sha512(i2osp2(len(x)) + x + i2osp2(32) + N +
                          b"Finalize").digest()


def evaluate(sk, x):
    """the server's direct evaluation (for tests that play the server)"""
    N = mul(sk, hash_to_group(x))
    return hashlib.sha512(i2osp2(len(x)) + x + i2osp2(32) + N +
                          b"Finalize").digest()


def token_input(domain, epoch, t):
    """x = "RUNE-2 token" 0 domain 0 epoch(8) t (A3)"""
    return (b"RUNE-2 token\0" + domain.encode() + b"\0" +
            struct.pack(">Q", epoch) + t)


def redeem_mac(y, domain, receiver, epoch, t):
    m = (b"RUNE-2 redeem\0" + domain.encode() + b"\0" + receiver.encode() +
         b"\0" + struct.pack(">Q", epoch) + t)
    return hashlib.blake2b(m, digest_size=32, key=y).digest()


def token_key_frame(domain, epoch, pk):
    return (b"RUNE-2 token key\0" + domain.encode() + b"\0" +
            struct.pack(">Q", epoch) + pk)


def self_test(path):
    """[(name, ok)] against RFC 9497's vectors"""
    v = json.load(open(path))
    pk = bytes.fromhex(v["pkSm"])
    out = []
    for n, t in enumerate(v["vectors"]):
        xs = [bytes.fromhex(h) for h in t["Input"].split(",")]
        rs = [int.from_bytes(bytes.fromhex(h), "little")
              for h in t["Blind"].split(",")]
        Bs = [blind(x, r)[1] for x, r in zip(xs, rs)]
        Zs = [bytes.fromhex(h) for h in t["EvaluationElement"].split(",")]
        ys = [finalize(x, r, z) for x, r, z in zip(xs, rs, Zs)]
        out.append(("vector %d: Blind" % n,
                    Bs == [bytes.fromhex(h)
                           for h in t["BlindedElement"].split(",")]))
        out.append(("vector %d: VerifyProof" % n,
                    verify(pk, Bs, Zs, bytes.fromhex(t["Proof"]["proof"]))))
        out.append(("vector %d: Finalize" % n,
                    ys == [bytes.fromhex(h) for h in t["Output"].split(",")]))
        bad = bytearray(bytes.fromhex(t["Proof"]["proof"]))
        bad[0] ^= 1
        out.append(("vector %d: a flipped proof fails" % n,
                    not verify(pk, Bs, Zs, bytes(bad))))
    return out
