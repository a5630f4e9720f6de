#!/bin/sh
# 106-client-fetch-expiry.t: fetch warns, as list does, when a message it
# holds back (left on the server: here a sender whose key changed) will
# expire within 3 days; not for a fresh one, not for a delivered one;
# list's warning for unread messages is the same sentence.
. t/lib/harness.sh
h_domain
h_start
. t/lib/clientpair.sh

# bob pins alice's first key; alice comes back with a new one and writes
rune $B key alice@runetest >/dev/null 2>&1
rune $A unregister --yes >/dev/null 2>&1 &&
    rune $A init alice@runetest --force >/dev/null 2>&1 &&
    "$RUNE_BUILD/rune-admin" free alice@runetest >/dev/null 2>&1 &&
    rune $A register >/dev/null 2>&1
ok $? "alice has a new key" || exit 1
echo "with the new key" | rune $A send bob@runetest -s new - >/dev/null 2>&1
ok $? "alice writes bob"

rune $B fetch --maildir "$H/md" >"$H/f1.out" 2>"$H/f1.err"
is $? 100 "fetch holds the message back (exit 100)"
grep -q "^held back .* key changed" "$H/f1.out"
ok $? "... in words" || diag "$H/f1.out"
! grep -q expire "$H/f1.err"
ok $? "a fresh held-back message: no warning (30 days)" || diag "$H/f1.err"

echo 2 >"$H/bob/config/expire-days"
rune $B fetch --maildir "$H/md" >"$H/f2.out" 2>"$H/f2.err"
is $? 100 "fetch again: still held back"
grep -q 'warning: 1 held-back message expires within 3 days (the server keeps messages 2 days): resolve it as said above before it is gone' \
    "$H/f2.err"
ok $? "fetch warns of the held-back message that expires within 3 days" ||
    diag "$H/f2.err"

# a delivered message is not at risk: no warning for it
rune $B pin --replace alice@runetest >/dev/null 2>&1
rune $B fetch --maildir "$H/md" >"$H/f3.out" 2>"$H/f3.err"
ok $? "once the pin is replaced, fetch delivers it" || diag "$H/f3.err"
! grep -q expire "$H/f3.err"
ok $? "... and warns of nothing" || diag "$H/f3.err"

# list: the same sentence for the unread messages, not counting one that
# fetch delivered into the Maildir
for s in second third; do
	echo $s | rune $A send bob@runetest -s $s - >/dev/null 2>&1
done
rune $B list >/dev/null 2>"$H/l.err"
grep -q 'warning: 2 unread messages expire within 3 days (the server keeps messages 2 days): read them, or fetch into a Maildir' \
    "$H/l.err"
ok $? "list warns of the unread messages, not of the fetched one" ||
    diag "$H/l.err"

done_testing
