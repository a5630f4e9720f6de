#!/bin/sh
# 125-client-v2-keys.t: the prekey housekeeping at every login
# (protocol-v2 3.3, 3.4, A10), real client and server: a one-time secret
# whose not_after + expiry + 1 day has passed is deleted at login, used
# or not; an expired last-resort secret goes with its replay list; a
# last-resort key with 7 days or less left is rotated (a new one, valid
# 14 days, uploaded: the server's count line names its not_after); the
# one-time keys' not_after is 30 days ahead (at most 60, A10); nothing is
# uploaded while nothing is due.  The dates are moved by rewriting the
# secret files' not_after (their last 8 octets).
. t/lib/harness.sh
h_domain
"$RUNE_BUILD/rune-admin" config --root "$RUNE_ROOT" prekeys 4 >/dev/null 2>&1
h_start RUNE_VERBOSE=2
. t/lib/clientpair.sh
P=$H/bob/prekeys
now=$(date +%s)
# set_na FILE SECONDS: the secret file's not_after
set_na() {
	/usr/bin/python3 -c 'import sys, struct
p = sys.argv[1]; b = open(p, "rb").read()
open(p, "wb").write(b[:32] + struct.pack(">Q", int(sys.argv[2])))' "$1" "$2"
}
na() { od -An -tu8 --endian=big -j32 -N8 "$1" | tr -d ' '; }
count() {
	PYTHONPATH=t/lib /usr/bin/python3 - "$PORT" "$H/bob/secret.key" <<'PY'
import sys, talk
s = talk.Session(int(sys.argv[1]))
sk = open(sys.argv[2], "rb").read()
assert s.login("bob@runetest", sk[:32])[0] == 230
print(s.cmd("PREKEYS 0")[1][0])
PY
}

o=$(ls "$P" | grep '^O\.' | head -1)
l=$(ls "$P" | grep '^L\.')
d=$(( $(na "$P/$o") - now ))
[ "$d" -gt $((30 * 86400 - 60)) ] && [ "$d" -le $((30 * 86400)) ]
ok $? "a one-time key's not_after is 30 days ahead"
d=$(( $(na "$P/$l") - now ))
[ "$d" -gt $((14 * 86400 - 60)) ] && [ "$d" -le $((14 * 86400)) ]
ok $? "the last-resort key's not_after is 14 days ahead"
n0=$(grep -c 'event=prekeys code=250' "$H/log")
rune $B login >/dev/null 2>&1
ok $? "bob logs in"
is "$(grep -c 'event=prekeys code=250' "$H/log")" "$n0" "nothing due: nothing uploaded"

# -- A10: an unused one-time secret past not_after + 30 + 1 days
set_na "$P/$o" $((now - 31 * 86400 - 10))
o2=$(ls "$P" | grep '^O\.' | sed -n 2p)
set_na "$P/$o2" $((now - 30 * 86400 + 3600))
rune $B login >/dev/null 2>&1
test ! -e "$P/$o"
ok $? "login deletes a one-time secret 31 days past its not_after"
test -e "$P/$o2"
ok $? "and keeps one not yet past not_after + expiry + 1 day"

# -- rotation: the last-resort key with 6 days left
set_na "$P/$l" $((now + 6 * 86400))
rune $B login >/dev/null 2>&1
is "$(ls "$P" | grep -c '^L\.')" 2 "login makes a new last-resort key when the newest has 7 days or less"
new=$(for f in "$P"/L.*; do na "$f"; done | sort -n | tail -1)
is "$(count | cut -d' ' -f2)" "$new" "and uploads it: the server's current one is the new one"

# -- an expired last-resort secret goes with its replay list
mkdir -p "$P/seen/${l#L.}" && : >"$P/seen/${l#L.}/$(printf '%064d' 0)"
set_na "$P/$l" $((now - 31 * 86400 - 10))
rune $B login >/dev/null 2>&1
test ! -e "$P/$l" && test ! -e "$P/seen/${l#L.}"
ok $? "an old last-resort secret is deleted with its replay list"
is "$(ls "$P" | grep -c '^L\.')" 1 "the new one stays"
done_testing
