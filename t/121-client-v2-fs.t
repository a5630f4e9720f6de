#!/bin/sh
# 121-client-v2-fs.t: forward secrecy end to end (issue 12; protocol-v2
# 3.1, 1.6 step 10, A2), real client and server over TLS.  The server's
# store is copied before bob reads; bob reads (the one-time secret is
# deleted once the plaintext is in his local record) and deletes; the
# copy is put back: bob's client refuses it ("replay or prekey reuse"),
# and a tool holding bob's whole home (long-term secret key and every
# prekey secret left) cannot open it, though the same tool opens a
# message whose one-time secret is still held.  A server replay of the
# same blob2 in a fresh envelope (a new id) is dropped, for a message
# with a one-time key and for an L-only one (A2: the blob2's hash is
# remembered while the last-resort secret lives).
. t/lib/harness.sh
h_domain
"$RUNE_BUILD/rune-admin" config --root "$RUNE_ROOT" prekeys 4 >/dev/null 2>&1
h_start
. t/lib/clientpair.sh
stored() { ls "$RUNE_ROOT"/store/*/cur/*."$1".* 2>/dev/null | head -1; }
tool() { /usr/bin/python3 t/lib/bobtool.py "$H/bob" "$@"; }

echo "secret one" | rune $A send bob@runetest -s one >"$H/id1" 2>"$H/s.err"
ok $? "alice sends bob a message" || diag "$H/s.err"
id1=$(cat "$H/id1")
f1=$(stored "$id1")
test -n "$f1"
ok $? "it is in the server's store"
cp -a "$RUNE_ROOT/store" "$H/store.copy"
is "$(tool "$f1" "$H/blob1")" opened "before bob reads, a tool with bob's home opens it"
rune $B read "$id1" >"$H/r1" 2>&1 && grep -qx 'secret one' "$H/r1" &&
    grep -qx 'Secrecy: forward secret: yes' "$H/r1"
ok $? "bob reads it: forward secret: yes" || diag "$H/r1"
rune $B delete "$id1" >/dev/null 2>&1
ok $? "bob deletes it"
test -z "$(stored "$id1")" && test ! -e "$H/bob/cache/$id1"
ok $? "gone from the server and from bob's cache"
rm -rf "$RUNE_ROOT/store" && cp -a "$H/store.copy" "$RUNE_ROOT/store"
ok $? "the copy of the store put back"
test -n "$(stored "$id1")"
ok $? "the message is on the server again"
rune $B read "$id1" >"$H/r1b" 2>"$H/r1b.err"
is $? 100 "bob's client cannot read it again"
grep -q 'a replay of a message already read.*(prekey-reuse)' "$H/r1b.err"
ok $? "the reason: its one-time prekey is used" || diag "$H/r1b.err"
! grep -q 'secret one' "$H/r1b" "$H/r1b.err"
ok $? "no octet of the text shown"
is "$(tool "$(stored "$id1")")" "no secret for its one-time key" \
    "a tool with bob's long-term key and every prekey secret left cannot open it"

# -- a server replay: the same blob2, a fresh envelope (a new id)
replay() {
	PYTHONPATH=t/lib /usr/bin/python3 - "$PORT" "$H/alice/secret.key" "$1" <<'PY'
import sys, talk
s = talk.Session(int(sys.argv[1]))
sk = open(sys.argv[2], "rb").read()
assert s.login("alice@runetest", sk[:32])[0] == 230
blob = open(sys.argv[3], "rb").read()
code, t = s.cmd("SEND bob@runetest %d 2" % len(blob))
assert code == 340, (code, t)
s.sock.sendall(blob)
code, t = s.reply()
assert code == 250, (code, t)
print(t[0])
PY
}
rid=$(replay "$H/blob1")
test -n "$rid" && [ "$rid" != "$id1" ]
ok $? "the server replays message 1's blob2 under a new id"
rune $B read "$rid" >"$H/rr" 2>"$H/rr.err"
is $? 100 "the replay is dropped"
grep -q '(prekey-reuse)' "$H/rr.err"
ok $? "as replay or prekey reuse" || diag "$H/rr.err"

# -- an L-only message: the one-time keys used up first (4 of them)
for i in 1 2 3 4; do
	echo "use $i" | rune $A send bob@runetest -s "u$i" >/dev/null 2>&1 || break
done
ok $? "four more messages use bob's one-time keys"
echo "last resort" | rune $A send bob@runetest -s L >"$H/idL" 2>"$H/sL.err"
ok $? "a fifth goes on the last-resort key" || diag "$H/sL.err"
grep -q 'delayed (last-resort key)' "$H/sL.err"
ok $? "(the sender was told)"
idL=$(cat "$H/idL")
tool "$(stored "$idL")" "$H/blobL" >/dev/null
ok $? "extract its blob2"
rune $B read "$idL" >"$H/rL" 2>&1 && grep -qx 'last resort' "$H/rL" &&
    grep -qx 'Secrecy: forward secret: delayed (last-resort key)' "$H/rL"
ok $? "bob reads it: delayed (last-resort key)" || diag "$H/rL"
rune $B read "$idL" >"$H/rL2" 2>&1 && grep -qx 'last resort' "$H/rL2"
ok $? "and again (its local record)" || diag "$H/rL2"
rid=$(replay "$H/blobL")
rune $B read "$rid" >"$H/rr" 2>"$H/rr.err"
is $? 100 "the L-only replay under a new id is dropped (A2)"
grep -q '(prekey-reuse)' "$H/rr.err"
ok $? "as replay or prekey reuse" || diag "$H/rr.err"
is "$(find "$H/bob/prekeys/seen" -type f | wc -l)" 1 \
    "bob remembers one blob2 hash, under its last-resort key"
! grep -rq 'last resort' "$H/bob"
ok $? "no plaintext anywhere in bob's home"
done_testing
