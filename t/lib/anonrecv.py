# anonrecv.py: after anonparts.py, for the receiver tests of anonymous
# messages (t/191): blobs and deposits for a receiver made by the real
# client (its key is its own, not runemsg's seed), from alice@runetest
# (runemsg's seed).
import talk
def prekey_any(s, addr):
    """PREKEY addr: (rpk, L, O or None); the key as the answer says it"""
    c, t = s.cmd("PREKEY " + addr)
    if c != 250:
        raise ValueError("PREKEY %s: %r %r" % (addr, c, t))
    f = t[0].split(" ")
    rpk = unb64(f[1][len("ed25519:"):])
    return rpk, unb64(f[2]), unb64(f[3]) if len(f) == 4 else None
def blob_for(receiver, payload, rpk, L, O, mode, th, sender="alice@runetest",
             not_after=None, cert_sk=None):
    """cert_sk: the key that signs scert (the server's by default)"""
    apk, ask = nb.crypto_sign_seed_keypair(rm.seed_of(sender))
    cert = rune2.scert(DOMAIN, sender, apk,
                       NOW + 86400 if not_after is None else not_after,
                       cert_sk or server_sk())
    blob, _ = rune2.blob2(os.urandom(32), payload, sender, ask, cert, mode,
                          th, receiver, rpk, L[1:33],
                          O[1:33] if O else b"\0" * 32)
    return blob
def anon_deposit(tok, epoch, receiver, payload, th, mode=1, **kw):
    """REDEEM tok (of epoch), PREKEY and SEND … 2 on a fresh connection
    that never logs in: the message id (kw: blob_for's)"""
    s = talk.Session(PORT)
    c, t = redeem(s, tok, receiver, epoch)
    if c != 250:
        raise ValueError("REDEEM: %r %r" % (c, t))
    rpk, L, O = prekey_any(s, receiver)
    c, t = asend2(s, receiver, blob_for(receiver, payload, rpk, L, O, mode,
                                        th, **kw))
    if c != 250:
        raise ValueError("anonymous SEND: %r %r" % (c, t))
    s.cmd("QUIT")
    return t[0]
def ident_deposit(receiver, payload, th, mode):
    """alice logged in: PREKEY and SEND … 2 of a blob of the given mode"""
    s = login("alice@runetest")
    rpk, L, O = prekey_any(s, receiver)
    c, t = asend2(s, receiver, blob_for(receiver, payload, rpk, L, O, mode,
                                        th))
    if c != 250:
        raise ValueError("identified SEND: %r %r" % (c, t))
    s.cmd("QUIT")
    return t[0]
def save_tokens(name, pk, toks):
    json.dump({"pk": pk.hex(), "toks": [[a.hex(), b.hex()] for a, b in toks]},
              open(H + "/" + name, "w"))
def load_tokens(name):
    d = json.load(open(H + "/" + name))
    return (bytes.fromhex(d["pk"]),
            [(bytes.fromhex(a), bytes.fromhex(b)) for a, b in d["toks"]])
def msg(subject, text):
    return ("Subject: %s\r\n\r\n%s\r\n" % (subject, text)).encode()
