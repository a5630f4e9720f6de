#!/bin/sh
# 126-client-v2-rewrap.t: the re-wrap of A1 is rejected by the client
# (protocol-v2 A1, 1.6 step 9): someone who holds a message's inner2
# (here: a tool with bob's home, before bob reads) seals the same inner2
# to bob again under a fresh E and a fresh one-time key and sends it:
# ssig2 covers blob2[0..97) of the original, so bob's client refuses the
# copy (ssig-bad) and shows nothing of it, while the original reads.
. t/lib/harness.sh
h_domain
"$RUNE_BUILD/rune-admin" config --root "$RUNE_ROOT" prekeys 8 >/dev/null 2>&1
h_start
. t/lib/clientpair.sh
echo "only once" | rune $A send bob@runetest -s once >"$H/id1" 2>/dev/null
ok $? "alice sends bob a message"
id1=$(cat "$H/id1")
f=$(ls "$RUNE_ROOT"/store/*/cur/*."$id1".* | head -1)
/usr/bin/python3 t/lib/bobtool.py "$H/bob" "$f" "$H/blob" "$H/inner" >/dev/null
ok $? "its inner2, opened with bob's home"
PYTHONPATH=t/lib /usr/bin/python3 - "$PORT" "$H/alice/secret.key" \
    "$H/bob/secret.key" "$H/inner" >"$H/rw.out" 2>&1 <<'PY'
import base64, os, sys, talk, rune2
import nacl.bindings as nb
s = talk.Session(int(sys.argv[1]))
ask = open(sys.argv[2], "rb").read()
rpk = open(sys.argv[3], "rb").read()[32:]
inner = open(sys.argv[4], "rb").read()
assert s.login("alice@runetest", ask[:32])[0] == 230
code, t = s.cmd("PREKEY bob@runetest")
f = t[0].split(" ")
L, O = base64.b64decode(f[2]), base64.b64decode(f[3])
SPK, OPK = L[1:33], O[1:33]
e = os.urandom(32)
E = nb.crypto_scalarmult_base(e)
IK = nb.crypto_sign_ed25519_pk_to_curve25519(rpk)
k = rune2.okm("bob@runetest", E, IK, SPK, OPK, nb.crypto_scalarmult(e, IK),
              nb.crypto_scalarmult(e, SPK), nb.crypto_scalarmult(e, OPK))
head = b"\x02" + E + SPK + OPK
blob = head + nb.crypto_aead_xchacha20poly1305_ietf_encrypt(inner, head, k[32:56], k[:32])
code, t = s.cmd("SEND bob@runetest %d 2" % len(blob))
assert code == 340, (code, t)
s.sock.sendall(blob)
code, t = s.reply()
assert code == 250, (code, t)
print(t[0])
PY
ok $? "the same inner2 re-wrapped under a fresh E and one-time key, sent" || diag "$H/rw.out"
rid=$(tail -1 "$H/rw.out")
rune $B read "$rid" >"$H/r" 2>"$H/r.err"
is $? 100 "bob's client refuses the re-wrapped copy"
grep -q '(ssig-bad)' "$H/r.err"
ok $? "ssig-bad: the signature covers the original key exchange (A1)" || diag "$H/r.err"
! grep -q 'only once' "$H/r"
ok $? "nothing of it shown"
rune $B read "$id1" >"$H/r1" 2>&1 && grep -qx 'only once' "$H/r1"
ok $? "the original reads" || diag "$H/r1"
done_testing
