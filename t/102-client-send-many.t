#!/bin/sh
# 102-client-send-many.t: rune send to several addresses (one sealed copy
# each, in one session), a Sent copy into a Maildir (--sent, or
# config/sent), and receivers checked before anything is sent: another
# domain, a bare user name, an address with no key.
. t/lib/harness.sh
h_domain
h_start
S=127.0.0.1:$PORT
rune() { "$RUNE_BUILD/rune" --server "$S" "$@"; }
A="--home $H/alice"

for u in alice bob carol dave; do
	rune --home "$H/$u" init "$u@runetest" >/dev/null 2>&1 &&
	    rune --home "$H/$u" register >/dev/null 2>&1 || exit 1
done
ok 0 "alice, bob, carol and dave registered"
waiting() { rune --home "$H/$1" list --ids 2>/dev/null | wc -l; }

echo 'to all of you' | rune $A send bob@runetest carol@runetest \
    dave@runetest -s 'For three' --sent "$H/Sent" - >"$H/s.out" 2>"$H/s.err"
ok $? "send to three addresses" || diag "$H/s.err"
is "$(wc -l <"$H/s.out")" 3 "three lines: ID ADDRESS"
for u in bob carol dave; do
	grep -q "^[0-9a-f]\{64\} $u@runetest\$" "$H/s.out"
	ok $? "a message id for $u"
	is "$(waiting $u)" 1 "$u has one message"
	rune --home "$H/$u" read "$(sed -n "s/ $u@runetest\$//p" "$H/s.out")" \
	    >"$H/r.$u" 2>&1
	grep -qx 'Verified: unverified (new key pinned)' "$H/r.$u" &&
	    grep -qx 'Subject: For three' "$H/r.$u" &&
	    grep -qx 'To: bob@runetest, carol@runetest, dave@runetest' \
	    "$H/r.$u" && grep -qx 'to all of you' "$H/r.$u"
	ok $? "$u reads it: To names all three" || diag "$H/r.$u"
done
[ "$(sort -u "$H/s.out" | cut -d' ' -f1 | sort -u | wc -l)" = 3 ]
ok $? "three distinct blobs (one sealed copy each)"
f=$(ls "$H/Sent/new/"* 2>/dev/null)
[ "$(echo "$f" | wc -l)" = 1 ] && [ -f "$f" ]
ok $? "one Sent copy in the Maildir"
is "$(grep -c '^X-Rune-Sent-Id: [0-9a-f]\{64\} [a-z]*@runetest$' "$f")" 3 \
    "the Sent copy names each id and receiver"
grep -qx 'Subject: For three' "$f" && grep -qx 'to all of you' "$f"
ok $? "the Sent copy holds the message"

# config/sent is the default
echo "$H/Sent2" >"$H/alice/config/sent"
echo hi | rune $A send bob@runetest - >/dev/null 2>&1
is "$(ls "$H/Sent2/new" | wc -l)" 1 "config/sent: the copy goes there"
rm "$H/alice/config/sent"

# receivers checked before anything is sent
echo x | rune $A send bob@runetest nobody@runetest - >/dev/null 2>"$H/e1"
is $? 100 "an address without a key among them: 100"
grep -q 'nobody@runetest has no key' "$H/e1" && grep -q 'nothing sent' "$H/e1"
ok $? "said, nothing sent" || diag "$H/e1"
is "$(waiting bob)" 2 "bob got nothing more"
echo x | rune $A send bob@example.com - >/dev/null 2>"$H/e2"
is $? 100 "another domain: 100"
grep -q 'bob@example.com is not an address of runetest: RUNE carries mail within one domain' "$H/e2"
ok $? "another domain: said so" || diag "$H/e2"
echo x | rune $A send bob - >/dev/null 2>"$H/e3"
is $? 100 "a bare user name: 100"
grep -q 'bob is not an address: did you mean bob@runetest?' "$H/e3"
ok $? "a bare user name: the own domain suggested" || diag "$H/e3"
echo x | rune $A send bob@runetest carol - >/dev/null 2>"$H/e4"
is $? 100 "a word without @ before the last (the text comes last): 100"
is "$(waiting bob)" 2 "bob got nothing more"

done_testing
