#!/bin/sh
# 122-client-v2-a7.t: what the sender refuses (protocol-v2 A7, 3.2):
# alice keeps the newest last-resort key she was given for bob; when the
# server later hands out an older one (bob's own upload of an older key
# stands in for a server replaying one), the send stops loudly and
# nothing is sent; when the server says 418 while the cached key is still
# valid, the send stops with an alarm and no v1 fallback is offered, not
# even with --v1.  When bob comes back with a new key, the key in the
# PREKEY answer differs from alice's pin: her send stops loudly; his v2
# message to her is held back (no KEY asked: the key is scert's) with
# her one-time secret kept, and reads once she re-pins.
. t/lib/harness.sh
h_domain
"$RUNE_BUILD/rune-admin" config --root "$RUNE_ROOT" prekeys 4 >/dev/null 2>&1
h_start
. t/lib/clientpair.sh
nmsg() { ls "$RUNE_ROOT"/store/*/cur/ 2>/dev/null | wc -l; }

echo one | rune $A send bob@runetest >/dev/null 2>"$H/s.err"
ok $? "alice sends bob a message" || diag "$H/s.err"
test -s "$H/alice/contacts/lastresort/bob@runetest"
ok $? "and keeps bob's last-resort key"
PYTHONPATH=t/lib /usr/bin/python3 - "$PORT" "$H/bob/secret.key" >"$H/up.out" 2>&1 <<'PY'
import os, sys, time, talk, rune2
import nacl.bindings as nb
s = talk.Session(int(sys.argv[1]))
sk = open(sys.argv[2], "rb").read()
assert s.login("bob@runetest", sk[:32])[0] == 230
xpk = nb.crypto_scalarmult_base(os.urandom(32))
# valid, but older than the one alice holds (14 days ahead)
r = rune2.prekey(b"L", xpk, int(time.time()) + 5 * 86400, "bob@runetest", sk)
code, t = s.cmd("PREKEYS 1")
assert code == 340, (code, t)
s.sock.sendall(r)
print(s.reply())
PY
grep -q '^(250' "$H/up.out"
ok $? "the server now hands out an older last-resort key of bob" || diag "$H/up.out"
n0=$(nmsg)
echo two | rune $A send bob@runetest >"$H/o" 2>"$H/e"
is $? 100 "alice's send stops"
grep -q 'WARNING: .*gave a last-resort key of bob@runetest older than one it gave before.*refused (A7); nothing sent' "$H/e"
ok $? "loudly: an older last-resort key, refused" || diag "$H/e"
is "$(nmsg)" "$n0" "nothing stored"
echo two | rune $A send --v1 bob@runetest >"$H/o" 2>"$H/e"
is $? 100 "--v1 changes nothing"

# -- 418 while the cached key is valid: an alarm, no fallback
find "$RUNE_ROOT/keys/prekeys" -maxdepth 1 -type f -name "????????????????????????????????" -delete
ok $? "the server loses every prekey (it will answer 418)"
echo three | rune $A send bob@runetest >"$H/o" 2>"$H/e"
is $? 100 "alice's send stops"
grep -q 'WARNING: .*says bob@runetest has no current RUNE-2 keys (418), but a last-resort key of bob@runetest you were given before is valid until' "$H/e"
ok $? "with the alarm" || diag "$H/e"
echo three | rune $A send --v1 bob@runetest >"$H/o" 2>"$H/e"
is $? 100 "--v1: still refused"
grep -q 'no v1 fallback is offered' "$H/e"
ok $? "no fallback is offered" || diag "$H/e"
is "$(nmsg)" "$n0" "nothing stored"
test ! -s "$H/o"
ok $? "no id printed"

# -- bob's key changes
rune $B unregister --yes >/dev/null 2>&1 &&
    "$RUNE_BUILD/rune-admin" free bob@runetest >/dev/null 2>&1 &&
    rune $B init bob@runetest --force >/dev/null 2>&1 &&
    rune $B register >/dev/null 2>&1
ok $? "bob comes back with a new key (and new prekeys)"
echo four | rune $A send bob@runetest >"$H/o" 2>"$H/e"
is $? 100 "alice's send to bob stops"
grep -q 'WARNING: THE KEY OF ADDRESS bob@runetest HAS CHANGED' "$H/e"
ok $? "loudly: the key in PREKEY's answer differs from her pin" || diag "$H/e"
nO() { ls "$H/alice/prekeys" | grep -c '^O\.'; }
n=$(nO)
echo "from the new bob" | rune $B send alice@runetest >"$H/idb" 2>"$H/eb"
ok $? "the new bob writes alice" || diag "$H/eb"
rune $A read "$(cat "$H/idb")" >"$H/rb" 2>"$H/rb.err"
is $? 100 "alice's read stops"
grep -q 'KEY OF ADDRESS bob@runetest HAS CHANGED' "$H/rb.err"
ok $? "with the key-change warning (scert's key against the pin)" || diag "$H/rb.err"
! grep -q 'from the new bob' "$H/rb"
ok $? "nothing shown"
is "$(nO)" "$n" "her one-time secret is kept"
rune $A pin --replace bob@runetest >/dev/null 2>&1
ok $? "alice drops the pin"
rune $A read "$(cat "$H/idb")" >"$H/rb" 2>"$H/rb.err"
grep -qx 'from the new bob' "$H/rb" && grep -qx 'Verified: unverified (new key pinned)' "$H/rb"
ok $? "now it reads, the new key pinned" || diag "$H/rb.err"
is "$(nO)" $((n - 1)) "and the one-time secret is gone"
done_testing
