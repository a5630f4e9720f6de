#!/bin/sh
# 109-client-sendmail-fields.t: rune sendmail -t takes its receivers from
# every To, Cc and Bcc field of the header, not only the first of each:
# several fields of one name, folded lines, groups (also empty ones),
# display names with commas, comments; every Bcc field, with its folded
# lines, is gone from every copy (the Bcc receivers' too).
. t/lib/harness.sh
h_domain
h_start
S=127.0.0.1:$PORT
rune() { "$RUNE_BUILD/rune" --server "$S" "$@"; }
users="alice bob carol dave erin frank gina"
for u in $users; do
	rune --home "$H/$u" init "$u@runetest" >/dev/null 2>&1 &&
	    rune --home "$H/$u" register >/dev/null 2>&1 ||
	    { echo "Bail out! $u could not register"; exit 1; }
done
ok 0 "seven addresses registered"

# To twice (the second folded), Cc twice (a group folded over two lines,
# an empty group, a comment), Bcc twice in two spellings (the second a
# group folded over two lines)
printf '%s\n' \
    'From: Alice <alice@runetest>' \
    'To: bob@runetest' \
    'Subject: all the fields' \
    'To: "Carol, the second" <carol@runetest>,' \
    '	(by the way) dave@runetest' \
    'Cc: friends: erin@runetest,' \
    '    "F." <frank@runetest>;, undisclosed-recipients:;' \
    'BCC: hidden:' \
    '  gina@runetest;' \
    'Bcc: bob@runetest' \
    '' \
    'to everyone' >"$H/msg"
rune --home "$H/alice" sendmail -t -i <"$H/msg" >"$H/sm.out" 2>&1
ok $? "sendmail -t -i" || diag "$H/sm.out"

for u in bob carol dave erin frank gina; do
	rune --home "$H/$u" list >/dev/null 2>&1
	rune --home "$H/$u" list --ids >"$H/ids.$u" 2>/dev/null
	rune --home "$H/$u" read 1 --raw >"$H/raw.$u" 2>"$H/err.$u"
	[ "$(wc -l <"$H/ids.$u")" = 1 ] && grep -qx 'to everyone' "$H/raw.$u"
	ok $? "$u got one copy" || { diag "$H/ids.$u"; diag "$H/err.$u"; }
	# the payload's header section: read --raw prints the checked From,
	# Date and Verified, an empty line, then the payload as sent
	awk 'NR > 1 && /^\r?$/ { n++; next } n == 1' "$H/raw.$u" \
	    >"$H/head.$u"
	grep -q '^Subject: all the fields' "$H/head.$u" &&
	    ! grep -qi '^bcc' "$H/head.$u" && ! grep -q 'gina@' "$H/head.$u" &&
	    ! grep -q 'hidden' "$H/head.$u" &&
	    grep -q '^To: bob@runetest' "$H/head.$u" &&
	    grep -q 'dave@runetest' "$H/head.$u" &&
	    grep -q 'frank@runetest' "$H/head.$u"
	ok $? "$u's copy: To and Cc as written, no Bcc field nor its lines" ||
	    diag "$H/head.$u"
done
rune --home "$H/alice" list --ids >"$H/ids.alice" 2>/dev/null
[ ! -s "$H/ids.alice" ]
ok $? "no copy to the sender, who is in no field"

done_testing
