#!/bin/sh
# 160-client-read-prefix.t: rune read, reply and delete take an id
# prefix (8 hex digits at least) of any message on the server, one never
# listed in the plain form nor opened (its prefix copied from rune list
# --ids), resolved against the server's LIST; two ids sharing the prefix
# are named as ambiguous with their count; a prefix of fewer than 8
# digits is told so.
. t/lib/harness.sh
h_domain
h_start
. t/lib/clientpair.sh

for s in first second; do
	echo "the $s text" | rune $A send bob@runetest -s "$s" - \
	    >"$H/id.$s" 2>&1 || { echo "Bail out! alice could not send"; exit 1; }
done
ok 0 "alice writes bob twice"
idb=$(cat "$H/id.second")

# bob lists only the ids: no plain list, nothing opened, nothing cached
rune $B list --ids >"$H/ids" 2>&1
grep -q "^$idb " "$H/ids"
ok $? "list --ids shows the second id" || diag "$H/ids"
[ ! -e "$H/bob/cache/$idb" ] && [ ! -e "$H/bob/cache/index" ]
ok $? "nothing of it in bob's cache"

p8=$(echo "$idb" | cut -c1-8)
rune $B read "$p8" >"$H/r1" 2>"$H/r1.err"
ok $? "read by the 8-digit prefix of a message never listed or opened" ||
    diag "$H/r1.err"
grep -qx 'Subject: second' "$H/r1" && grep -qx 'the second text' "$H/r1"
ok $? "... shows that message" || diag "$H/r1"

# reply, with another home that has nothing cached at all
cp -r "$H/bob" "$H/bob2" && rm -rf "$H/bob2/cache" "$H/bob2/seen"
echo 'answered by prefix' | rune --home "$H/bob2" reply \
    "$(echo "$idb" | cut -c1-12)" - >"$H/rp.out" 2>"$H/rp.err"
ok $? "reply by a 12-digit prefix with an empty cache" || diag "$H/rp.err"
rune $A list >/dev/null 2>&1
rune $A read 1 >"$H/ar" 2>&1
grep -qx 'Subject: Re: second' "$H/ar"
ok $? "... the reply reaches alice" || diag "$H/ar"

# a prefix shorter than 8 digits is told so
rune $B read abcdef1 >/dev/null 2>"$H/e1"
is $? 100 "read of a 7-digit prefix: exit 100"
grep -q 'an id prefix has 8 hex digits at least' "$H/e1"
ok $? "... saying 8 hex digits at least" || diag "$H/e1"
rune $B read 1234567 >/dev/null 2>"$H/e2"
is $? 100 "read 1234567 (no list number): exit 100"
grep -q 'an id prefix has 8 hex digits at least' "$H/e2"
ok $? "... saying an id prefix has 8 hex digits at least" || diag "$H/e2"

# no such prefix
rune $B read ffffffff0000 >/dev/null 2>"$H/e3"
is $? 100 "read of a prefix that names nothing: 100"
grep -q "no message's id starts with ffffffff0000" "$H/e3"
ok $? "... explained" || diag "$H/e3"

# ambiguous: a second stored copy of the first message under an id that
# shares the second's first 12 digits (LIST names it; RETRIEVE would
# refuse it, but resolving must not get that far)
f=$(ls "$H/root"/store/*/cur/*."$idb".* | head -1)
[ -f "$f" ]
ok $? "the second message's store file" || exit 1
# (the twin's id sorts, and is listed, before the second's, which bob's
# cache holds: it must not be counted twice)
twin=$(echo "$idb" | cut -c1-12)0000000000000000000000000000000000000000000000000000
cp -p "$f" "$(echo "$f" | sed "s/\.$idb\./.$twin./")"
n=13	# the digits that tell them apart
while [ "$(echo "$idb" | cut -c1-$n)" = "$(echo "$twin" | cut -c1-$n)" ]; do
	n=$((n + 1))
done
[ -f "$H/bob/cache/$idb" ]
ok $? "bob's cache holds the second message"
rune $B list --ids >"$H/ids2" 2>&1
grep -q "^$twin " "$H/ids2" &&
    [ "$(grep -n "^$twin " "$H/ids2" | cut -d: -f1)" -lt \
      "$(grep -n "^$idb " "$H/ids2" | cut -d: -f1)" ]
ok $? "the server lists the twin, before the second" || diag "$H/ids2"
rune $B read "$(echo "$idb" | cut -c1-10)" >"$H/r3" 2>"$H/e4"
is $? 100 "read of a prefix two ids share: exit 100"
grep -q ': 2 messages have ids that start so' "$H/e4" && ! [ -s "$H/r3" ]
ok $? "... their count named, nothing shown" || diag "$H/e4"
echo x | rune $B reply "$(echo "$idb" | cut -c1-10)" - >/dev/null 2>"$H/e5"
is $? 100 "reply by that prefix: exit 100"
grep -q ': 2 messages have ids that start so' "$H/e5"
ok $? "... the same sentence" || diag "$H/e5"
rune $B read "$(echo "$idb" | cut -c1-$n)" >"$H/r4" 2>"$H/r4.err"
ok $? "the digits that differ tell them apart" || diag "$H/r4.err"
grep -qx 'the second text' "$H/r4"
ok $? "... the second message" || diag "$H/r4"
rune $B delete "$(echo "$twin" | cut -c1-$n)" >"$H/d.out" 2>"$H/d.err"
ok $? "delete by a prefix of the twin, never listed in the plain form" ||
    diag "$H/d.err"
! grep -q "^$twin " "$(rune $B list --ids >"$H/ids3" 2>&1; echo "$H/ids3")"
ok $? "... the twin is gone" || diag "$H/ids3"

done_testing
