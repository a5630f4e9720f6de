#!/bin/sh
# 81-client-keychange.t: when a sender's key changes.  fetch delivers
# every other message and lists the held-back ones in words with the
# command that resolves them; rune pin --replace ADDRESS --expect FPR pins
# exactly the confirmed key and keeps the old one, marked replaced, so
# that messages signed before the change read as "signed by bob's
# previous key"; a rejection is a sentence; a reserved address says to
# ask the administrator (rune-admin free).
. t/lib/harness.sh
h_domain
h_start
S=127.0.0.1:$PORT
R() { who=$1; shift; "$RUNE_BUILD/rune" --server "$S" --home "$H/$who" "$@"; }
fpr_hex() { R "$1" key "$2" | sed -n 's/^fingerprint //p' | tr -d ' '; }
for u in alice bob carol dave; do
	R $u init $u@runetest >/dev/null && R $u register >/dev/null 2>&1 ||
	    { echo "Bail out! $u"; exit 1; }
done
old=$(fpr_hex alice bob@runetest 2>/dev/null)
R alice key carol@runetest >/dev/null 2>&1
echo "before the change" | R bob send alice@runetest - >"$H/m1" 2>/dev/null
ok $? "bob writes alice with his first key"
m1=$(cat "$H/m1")
echo "to dave" | R bob send dave@runetest - >"$H/d1" 2>/dev/null

# bob leaves and comes back with a new key; the address is reserved
R bob unregister --yes >/dev/null 2>&1
ok $? "bob unregisters"
R bob init bob@runetest --force >/dev/null 2>&1
R bob register >"$H/res.out" 2>"$H/res.err"
is $? 100 "a reserved address: exit 100"
grep -q 'reserved since its owner left.*ask the server.s administrator.*rune-admin free' \
    "$H/res.err"
ok $? "... says to ask the administrator (rune-admin free)" || diag "$H/res.err"
"$RUNE_BUILD/rune-admin" free bob@runetest 2>/dev/null
R bob register >/dev/null 2>&1
ok $? "freed by the admin, bob registers a new key"
new=$(fpr_hex carol bob@runetest 2>/dev/null)
echo "after the change" | R bob send alice@runetest - >"$H/m2" 2>/dev/null
m2=$(cat "$H/m2")
echo "from carol" | R carol send alice@runetest - >"$H/m3" 2>/dev/null
m3=$(cat "$H/m3")
[ -n "$m1" ] && [ -n "$m2" ] && [ -n "$m3" ] && [ "$old" != "$new" ]
ok $? "two messages from bob (old key, new key), one from carol"

# fetch: carol's delivered, bob's two held back with the command
R alice fetch --maildir "$H/mail" >"$H/f1.out" 2>"$H/f1.err"
is $? 100 "fetch with held-back messages: exit 100"
grep -q "^delivered $m3 from carol@runetest (verified: yes)" "$H/f1.out"
ok $? "fetch delivers every other message" || diag "$H/f1.out"
[ "$(ls "$H/mail/new" | wc -l)" = 1 ]
ok $? "one message in the Maildir"
for m in "$m1" "$m2"; do
	grep -q "^held back $m from bob@runetest: bob@runetest's key changed" \
	    "$H/f1.out"
	ok $? "held back, in words: $m" || diag "$H/f1.out"
done
[ "$(grep -c "^  to resolve: rune pin --replace bob@runetest --expect $new\$" \
    "$H/f1.out")" = 2 ]
ok $? "each with the command that resolves it" || diag "$H/f1.out"
R alice read "$m1" >/dev/null 2>"$H/r1.err"
is $? 100 "read: a changed key stops loudly"
grep -q "rune pin --replace bob@runetest --expect $new" "$H/r1.err"
ok $? "... naming the command" || diag "$H/r1.err"

# pin exactly the confirmed key
R alice pin --replace bob@runetest --expect 00112233445566778899aabbccddeeff \
    >/dev/null 2>"$H/p0.err"
is $? 100 "--expect another fingerprint: exit 100"
grep -q "not 0011 2233" "$H/p0.err" &&
    R alice pins | grep -q "^key bob@runetest $(echo $old | sed 's/\(....\)/\1 /g; s/ $//') "
ok $? "... says so, and the pin is unchanged" || diag "$H/p0.err"
R alice pin --expect "$new" --replace bob@runetest >"$H/p1.out" 2>"$H/p1.err"
ok $? "pin --replace --expect (options in any order)" || diag "$H/p1.err"
R alice pins >"$H/pins"
grep -q "^key bob@runetest $(echo $new | sed 's/\(....\)/\1 /g; s/ $//') " "$H/pins" &&
    grep -q "^replaced bob@runetest $(echo $old | sed 's/\(....\)/\1 /g; s/ $//') " "$H/pins"
ok $? "pins: the new key pinned, the old one kept as replaced" || diag "$H/pins"

R alice fetch --maildir "$H/mail" >"$H/f2.out" 2>"$H/f2.err"
ok $? "fetch again: exit 0" || diag "$H/f2.err"
grep -q "^delivered $m1 from bob@runetest (verified: signed by bob@runetest's previous key [0-9a-f ]* (replaced since))" "$H/f2.out" &&
    grep -q "^delivered $m2 from bob@runetest (verified: yes)" "$H/f2.out"
ok $? "the old message: signed by bob's previous key; the new one: yes" ||
    diag "$H/f2.out"
R alice read "$m1" | sed -n 3p >"$H/v"
grep -q "^Verified: signed by bob@runetest's previous key" "$H/v"
ok $? "read: Verified: signed by bob's previous key" || diag "$H/v"

# dave never pinned bob's first key: bob's old message cannot verify
R dave fetch --maildir "$H/dmail" >"$H/f3.out" 2>"$H/f3.err"
is $? 100 "a signature that matches no key: exit 100"
grep -q "^held back .* from bob@runetest: the signature does not match bob@runetest's pinned key" "$H/f3.out" &&
    grep -q "^  to resolve: rune delete [0-9a-f]\{64\}" "$H/f3.out"
ok $? "... in words, with the command" || diag "$H/f3.out"
R dave read "$(cat "$H/d1")" >/dev/null 2>"$H/r3.err"
is $? 100 "read: exit 100"
grep -q "the signature does not match bob@runetest's pinned key" "$H/r3.err"
ok $? "read: the same sentence" || diag "$H/r3.err"

# every verdict of lib/msg.h has its sentence in rune/received.c (ssig-bad's is
# the one checked above)
sed -n '/^enum msg_verdict {/,/^};/p' lib/msg.h | grep -o 'MSG2*_[A-Z0-9_]*' |
    grep -v -x -e MSG_OK -e MSG_NOMEM -e MSG_STEP -e MSG_SSIG_BAD >"$H/verdicts"
: >"$H/nosentence"
while read -r v; do
	grep -q "{ $v, \"" rune/received.c || echo "$v" >>"$H/nosentence"
done <"$H/verdicts"
[ "$(wc -l <"$H/verdicts")" -ge 10 ] && [ ! -s "$H/nosentence" ]
ok $? "every rejection reason has a sentence" || diag "$H/nosentence"
done_testing
