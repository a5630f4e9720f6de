#!/bin/sh
# 171-client-v2-ephemeral.t: the receiver's check of E (protocol-v2 1.6
# step 5, PK-N6; issue 12's "E with the top bit set, E >= p and the
# small-order points rejected") end to end, real client and server over
# TLS: alice (a raw sender, t/lib/rune2.py) fetches bob's bundle, signs
# ssig2 over the very blob2[0..97) she sends (so only E is wrong) and
# seals with the DH results bob's X25519 would compute (so the AEAD would
# open were E not checked), and sends each blob2 with SEND ... 2.  Bob's
# rune read refuses each with its reason (ephemeral-bad, dh-zero), shows
# nothing, stores no plaintext (its cache keeps the sealed blob as the
# server holds it, as for any message), keeps every one-time secret; rune
# fetch delivers none of them.  A well-made message sent the same way
# reads (the crafting itself is right).  The same well-made blob2 with
# one bit of E, SPK, OPK or ct flipped is refused too (PK-N6).
. t/lib/harness.sh
h_domain
"$RUNE_BUILD/rune-admin" config --root "$RUNE_ROOT" prekeys 20 >/dev/null 2>&1
ok $? "prekeys on"
h_start
. t/lib/clientpair.sh
nO() { ls "$H/bob/prekeys" | grep -c '^O\.[0-9a-f]\{64\}$'; }
echo "first" | rune $A send bob@runetest -s first >"$H/id0" 2>"$H/e"
ok $? "alice sends bob a message with the client (bob's key pinned)" || diag "$H/e"
rune $B read "$(cat "$H/id0")" >"$H/r0" 2>&1
ok $? "bob reads it (alice's key pinned from scert)" || diag "$H/r0"

PYTHONPATH=t/lib /usr/bin/python3 - "$PORT" "$H/alice/secret.key" \
    "$H/bob/secret.key" >"$H/ids" 2>"$H/py.err" <<'PY'
import base64, os, sys, talk, rune2
import nacl.bindings as nb
s = talk.Session(int(sys.argv[1]))
ask = open(sys.argv[2], "rb").read()
rpk = open(sys.argv[3], "rb").read()[32:]
assert s.login("alice@runetest", ask[:32])[0] == 230
code, t = s.cmd("SENDERCERT")
assert code == 250, (code, t)
cert = base64.b64decode(t[0].split(" ")[-1])
assert len(cert) == 205
IK = nb.crypto_sign_ed25519_pk_to_curve25519(rpk)
p = 2**255 - 19
le = lambda n: n.to_bytes(32, "little")
ZERO = b"\0" * 32

def send(name, E, dh, tamper=lambda b: b):
    code, t = s.cmd("PREKEY bob@runetest")
    assert code == 250, (code, t)
    f = t[0].split(" ")
    SPK, OPK = base64.b64decode(f[2])[1:33], base64.b64decode(f[3])[1:33]
    DH1, DH2, DH3 = dh(IK), dh(SPK), dh(OPK)
    payload = ("Content-Type: text/plain; charset=utf-8\r\n\r\n"
               "crafted %s\r\n" % name).encode()
    head = b"\x02" + E + SPK + OPK
    th = ZERO
    ssig2 = rune2.sign(b"RUNE-2 message\0alice@runetest\0bob@runetest\0" +
                       rpk + head + b"\x00" + th + cert + payload, ask)
    inner = (b"\x02" + ssig2 + cert + b"\x00" + th +
             len(payload).to_bytes(4, "big") + payload)
    inner += b"\0" * (rune2.padme(len(payload) + 307) - len(inner))
    k = rune2.okm("bob@runetest", E, IK, SPK, OPK, DH1, DH2, DH3)
    blob = tamper(head + nb.crypto_aead_xchacha20poly1305_ietf_encrypt(
        inner, head, k[32:56], k[:32]))
    code, t = s.cmd("SEND bob@runetest %d 2" % len(blob))
    assert code == 340, (code, t)
    s.sock.sendall(blob)
    code, t = s.reply()
    assert code == 250, (code, t)
    print(name, t[0].split(" ")[0])

e = os.urandom(32)
E = nb.crypto_scalarmult_base(e)
mult = lambda X: nb.crypto_scalarmult(e, X)
send("good", E, mult)
# the top bit set: X25519 ignores it, the DH results are e's
send("topbit", E[:31] + bytes([E[31] | 0x80]), mult)
# E = 9 + p, the base point not reduced: X25519(x, E) is x's public key
send("ge-p", le(9 + p), lambda X: X)
# small order: 0, 1, p - 1 (order 2), an order-8 point, and 1 + p
# (non-canonical and small); each DH is zero
zero = lambda X: ZERO
send("zero", le(0), zero)
send("one", le(1), zero)
send("p-1", le(p - 1), zero)
send("order8", bytes.fromhex("e0eb7a7c3b41b8ae1656e3faf19fc46a"
                             "da098deb9c32b1fd866205165f49b800"), zero)
send("one-p", le(1 + p), zero)
# PK-N6's tampered E, SPK, OPK and ct (a well-made blob2, one bit flipped)
def flip(at):
    return lambda b: b[:at] + bytes([b[at] ^ 0x01]) + b[at + 1:]
send("t-E", E, mult, flip(1))
send("t-SPK", E, mult, flip(33))
send("t-OPK", E, mult, flip(65))
send("t-ct", E, mult, flip(500))
s.cmd("QUIT")
PY
ok $? "alice (raw) sends bob twelve crafted blob2s" || diag "$H/py.err"
id() { awk -v n="$1" '$1 == n { print $2 }' "$H/ids"; }

n=$(nO)
rune $B read "$(id good)" >"$H/r" 2>"$H/r.err" && grep -qx 'crafted good' "$H/r"
ok $? "the well-made one reads: the crafting is right" || diag "$H/r.err"
is "$(nO)" $((n - 1)) "and uses its one-time secret"
n=$(nO)
# refused NAME REASON DESCRIPTION
refused() {
	i=$(id "$1")
	rune $B read "$i" >"$H/r" 2>"$H/r.err"
	is $? 100 "$3: refused"
	grep -q "($2)" "$H/r.err"
	ok $? "$3: the reason is $2" || diag "$H/r.err"
	! grep -q crafted "$H/r" && ! grep -rq "crafted $1" "$H/bob"
	ok $? "$3: nothing shown, no plaintext stored in bob's home"
	is "$(nO)" "$n" "$3: the one-time secret is kept"
}
refused topbit ephemeral-bad "E with the top bit set"
refused ge-p ephemeral-bad "E = 9 + p (not below p)"
refused zero dh-zero "E = 0 (small order)"
refused one dh-zero "E = 1 (small order)"
refused p-1 dh-zero "E = p - 1 (order 2)"
refused order8 dh-zero "E of order 8"
refused one-p ephemeral-bad "E = 1 + p (small order, not below p)"
refused t-E blob-does-not-open "a well-made blob2 with E tampered"
refused t-SPK prekey-unknown "with SPK tampered"
refused t-OPK prekey-reuse "with OPK tampered"
refused t-ct blob-does-not-open "with ct tampered"

rune $B fetch --maildir "$H/md" >"$H/f" 2>"$H/f.err"
! grep -r crafted "$H/md" | grep -qv 'crafted good'
ok $? "rune fetch delivers none of them" || diag "$H/f"
is "$(grep -c '^held back .*(\(ephemeral-bad\|dh-zero\|blob-does-not-open\|prekey-unknown\|prekey-reuse\))$' "$H/f")" 11 \
    "and holds back each with its reason" || diag "$H/f"
is "$(nO)" "$n" "every one-time secret is kept"
done_testing
