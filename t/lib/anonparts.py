# anonparts.py: after msgparts.py, the prelude of the ANONSEND tests
# (t/150-t/153, see t/lib/anonparts.sh): tokens through t/lib/voprfc.py
# (the client side of the VOPRF, apart from the C code), TOKENKEY checked,
# REDEEM lines, an anonymous SEND of a real blob2 (t/lib/rune2.py).
import base64, struct
import nacl.bindings as nb
import voprfc, rune2
exec(open("t/lib/pkparts.py").read())
DOMAIN = "runetest"
NOW = int(os.environ.get("RUNE_TEST_NOW") or time.time())
EPOCHDAYS = int(os.environ.get("EPOCHDAYS", "7"))
E = NOW // (EPOCHDAYS * 86400)
def b64(b):
    return base64.b64encode(b).decode()
def unb64(s):
    return base64.b64decode(s, validate=True)
def lastresort(a, O=0):
    """a logs in and uploads a last-resort record (and O one-time ones)"""
    s = login(a)
    c, t = upload(s, [rec(a, b"L", NOW + 14 * DAY)] +
                  [rec(a) for i in range(O)])
    if c != 250:
        raise ValueError("upload %s: %r %r" % (a, c, t))
    s.cmd("QUIT")
def tokenkey(s, epoch=None):
    """TOKENKEY: (code, texts, pkT or None); pkT only when ksig verifies
    with the server key and pkT is a valid element"""
    c, t = s.cmd("TOKENKEY" + ("" if epoch is None else " %s" % epoch))
    if c != 250:
        return c, t, None
    e, pk, sig = t[0].split(" ")
    pk, sig = unb64(pk), unb64(sig)
    try:
        nb.crypto_sign_open(sig + voprfc.token_key_frame(DOMAIN, int(e), pk),
                            SPK)
    except Exception:
        return c, t, None
    return c, t, pk if voprfc.valid(pk) else None
def blinds(n, epoch=E):
    """n fresh tokens: [(t, x, r, B)]"""
    out = []
    for i in range(n):
        tk = os.urandom(32)
        x = voprfc.token_input(DOMAIN, epoch, tk)
        r, B = voprfc.blind(x)
        out.append((tk, x, r, B))
    return out
def tokens(s, pk, n=16, epoch=E, bl=None):
    """TOKENS: (code, texts, [(t, y)] when the proof verified, else None)"""
    bl = bl or blinds(n, epoch)
    c, t = s.cmd("TOKENS %d %s" % (epoch, b64(b"".join(b[3] for b in bl))))
    if c != 250:
        return c, t, None
    zs, proof = t[0].split(" ")
    zs, proof = unb64(zs), unb64(proof)
    Zs = [zs[i:i + 32] for i in range(0, len(zs), 32)]
    if not voprfc.verify(pk, [b[3] for b in bl], Zs, proof):
        return c, t, None
    return c, t, [(b[0], voprfc.finalize(b[1], b[2], z))
                  for b, z in zip(bl, Zs)]
def redeem_arg(tok, receiver, epoch=E, mac_for=None):
    tk, y = tok
    return b64(tk + voprfc.redeem_mac(y, DOMAIN, mac_for or receiver, epoch,
                                      tk))
def redeem(s, tok, receiver, epoch=E, mac_for=None):
    return s.cmd("REDEEM %s %d %s" % (receiver, epoch,
                                      redeem_arg(tok, receiver, epoch, mac_for)))
def anon_blob(sender, receiver, payload, pkT, L, O=None, epoch=E):
    """a real blob2, mode 0x01 with tkh, on receiver's records L and O
    (from PREKEY in the anonymous session)"""
    apk, ask = nb.crypto_sign_seed_keypair(rm.seed_of(sender))
    rpk = rm.pk_of(rm.seed_of(receiver))
    cert = rune2.scert(DOMAIN, sender, apk, NOW + 86400, server_sk())
    blob, _ = rune2.blob2(os.urandom(32), payload, sender, ask, cert, 1,
                          rune2.tkh(DOMAIN, epoch, pkT), receiver, rpk,
                          L[1:33], O[1:33] if O else b"\0" * 32)
    return blob
def asend2(s, receiver, blob, two=True):
    c, t = s.cmd("SEND %s %d%s" % (receiver, len(blob), " 2" if two else ""))
    if c != 340:
        return c, t
    s.sock.sendall(blob)
    return s.reply()
def aopen_env2(stored, receiver):
    """opens a stored env2 as receiver: (sender101, blob2) after vsig2
    verifies with the server key, else raises"""
    seed = rm.seed_of(receiver)
    pk, sk = nb.crypto_sign_seed_keypair(seed)
    xpk = nb.crypto_sign_ed25519_pk_to_curve25519(pk)
    xsk = nb.crypto_sign_ed25519_sk_to_curve25519(sk)
    env = nb.crypto_box_seal_open(stored, xpk, xsk)
    if env[0] != 2:
        raise ValueError("env2 version")
    vsig, tbe, s101, blob = env[1:65], env[65:73], env[73:174], env[174:]
    nb.crypto_sign_open(vsig + b"RUNE-2 envelope\0" + receiver.encode() +
                        b"\0" + tbe + s101 + blob, SPK)
    return s101, blob
