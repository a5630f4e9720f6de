#!/bin/sh
# 173-client-v2-lastresort-gone.t: PK-P4 end to end (protocol-v2 3.6,
# 3.3, A10), real client and server over TLS: a message sealed to bob's
# last-resort key only (his one-time keys used up) is copied from the
# server's store before bob reads; a tool holding bob's whole home opens
# the copy while the last-resort secret lives; bob reads it; when that
# last-resort key is past its not_after + EXPIRY + 1 day (its date moved
# back in its secret file), bob's next login deletes its secret (and
# makes a new key), and then neither the tool with bob's long-term key
# and every prekey secret left nor bob's client can open the copy.
. t/lib/harness.sh
h_domain
"$RUNE_BUILD/rune-admin" config --root "$RUNE_ROOT" prekeys 2 >/dev/null 2>&1
ok $? "prekeys on, at most 2 one-time keys"
h_start
. t/lib/clientpair.sh
P=$H/bob/prekeys
tool() { /usr/bin/python3 t/lib/bobtool.py "$H/bob" "$@"; }
stored() { ls "$RUNE_ROOT"/store/*/cur/*."$1".* 2>/dev/null | head -1; }
for i in 1 2; do
	echo "use $i" | rune $A send bob@runetest -s "u$i" >/dev/null 2>&1 || break
done
ok $? "two messages use bob's one-time keys"
echo "last resort" | rune $A send bob@runetest -s L >"$H/idL" 2>"$H/sL.err"
grep -q 'delayed (last-resort key)' "$H/sL.err"
ok $? "a third goes on the last-resort key only" || diag "$H/sL.err"
idL=$(cat "$H/idL")
f=$(stored "$idL")
cp -p "$f" "$H/copy"
ok $? "its stored file copied"
is "$(tool "$H/copy")" opened "while the last-resort secret lives, a tool with bob's home opens it"
rune $B read "$idL" >"$H/r" 2>&1 && grep -qx 'last resort' "$H/r"
ok $? "bob reads it" || diag "$H/r"
l=$(ls "$P" | grep '^L\.')
is "$(echo "$l" | wc -l)" 1 "bob holds one last-resort secret"
/usr/bin/python3 -c 'import sys, struct
p = sys.argv[1]; b = open(p, "rb").read()
open(p, "wb").write(b[:32] + struct.pack(">Q", int(sys.argv[2])))' \
    "$P/$l" $(( $(date +%s) - 400 * 86400 ))
ok $? "its not_after moved 400 days back"
rune $B login >"$H/login" 2>&1
ok $? "bob logs in" || diag "$H/login"
[ ! -e "$P/$l" ] && [ "$(ls "$P" | grep -c '^L\.')" = 1 ]
ok $? "the old last-resort secret is deleted, a new one made"
is "$(tool "$H/copy")" "no secret for its last-resort key" \
    "the tool with bob's long-term key and every prekey secret left cannot open the copy"
rune $B delete "$idL" >/dev/null 2>&1
cp -p "$H/copy" "$f"
ok $? "bob deleted it; the copy put back on the server"
rune $B read "$idL" >"$H/r2" 2>"$H/r2.err"
is $? 100 "bob's client cannot read it again"
! grep -q 'last resort' "$H/r2"
ok $? "no octet of the text shown" || diag "$H/r2"
grep -q '(prekey-unknown)' "$H/r2.err"
ok $? "the reason: its last-resort key is unknown now" || diag "$H/r2.err"
done_testing
