#!/bin/sh
# 163-client-from-name.t: fetch and read carry the display name the
# sender wrote in her own From: when (and only when) that From names
# exactly her checked address; a name that holds an address (plain or
# RFC 2047 encoded, or encoded twice), a control character, or a From
# that names another address, or two From fields, give the bare checked
# address; quotes are quoted safely.  Read back by python3's email
# parser and the real mutt (a forged "bob@runetest" <alice@runetest>
# does not make mutt show bob); X-Rune-Verified stays.
. t/lib/harness.sh
for p in mutt script python3; do
	command -v $p >/dev/null || { echo "Bail out! $p is not installed (make deps)"; exit 1; }
done
h_domain
h_start
. t/lib/clientpair.sh

k=0
sendfrom() {	# FROM-LINES...: alice sends message k (Subject: mK)
	k=$((k + 1))
	{ for f in "$@"; do printf '%s\n' "$f"; done
	  printf 'To: bob@runetest\nSubject: m%d\n\nbody %d\n' $k $k; } |
	    rune $A sendmail bob@runetest >"$H/s$k.out" 2>&1
	ok $? "send m$k: $1" || diag "$H/s$k.out"
}
sendfrom 'From: Alice Liddell <alice@runetest>'
sendfrom 'From: =?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <alice@runetest>'
sendfrom 'From: "bob@runetest" <alice@runetest>'
sendfrom 'From: =?UTF-8?B?Ym9iQHJ1bmV0ZXN0?= <alice@runetest>'
sendfrom 'From: Alice <bob@runetest>'
sendfrom 'From: "O\"Brien, Al" <alice@runetest>'
sendfrom "$(printf 'From: "Al\033[31m" <alice@runetest>')"
sendfrom 'From: "=?UTF-8?B?Ym9iQHJ1bmV0ZXN0?=" <alice@runetest>'
sendfrom 'From: Alice Liddell <alice@runetest>' 'From: Eve <alice@runetest>'
sendfrom 'From: "bob@runetest <bob@runetest>" <alice@runetest>'
sendfrom 'From: Alice (a comment) <alice@runetest>'

rune $B fetch --maildir "$H/md" >"$H/f.out" 2>&1
ok $? "bob fetches them" || diag "$H/f.out"
from() {	# K: the From line of message mK
	grep -l "^Subject: m$1\$" "$H"/md/new/* | head -1 | xargs sed -n '/^$/q;/^From: /p'
}
is "$(from 1)" 'From: "Alice Liddell" <alice@runetest>' "m1: the name, quoted"
is "$(from 2)" 'From: =?UTF-8?B?SsO8cmdlbiBNw7xsbGVy?= <alice@runetest>' \
    "m2: a UTF-8 name, encoded afresh"
for i in 3 4 5 7 8 9 10 11; do
	is "$(from $i)" 'From: alice@runetest' "m$i: the bare checked address"
done
is "$(from 6)" 'From: "O\"Brien, Al" <alice@runetest>' "m6: a quote quoted"
f1=$(grep -l '^Subject: m1$' "$H"/md/new/*)
grep -q '^X-Rune-Verified: ' "$f1" &&
    grep -qx 'X-Rune-Original-From: Alice Liddell <alice@runetest>' "$f1" &&
    [ "$(grep -c '^From:' "$f1")" = 1 ]
ok $? "X-Rune-Verified stays; one From; the sender's own labelled" ||
    diag "$f1"

# read: the name in the checked block
rune $B list >/dev/null 2>&1
rune $B read 1 >"$H/r1" 2>&1
grep -qx 'From: Alice Liddell <alice@runetest>' "$H/r1" &&
    grep -qx 'Verified: yes' "$H/r1"
ok $? "read m1: From: Alice Liddell <alice@runetest>" || diag "$H/r1"
rune $B read 2 >"$H/r2" 2>&1
grep -qx 'From: Jürgen Müller <alice@runetest>' "$H/r2"
ok $? "read m2: the UTF-8 name decoded" || diag "$H/r2"
rune $B read 3 >"$H/r3" 2>&1
grep -qx 'From: alice@runetest' "$H/r3" && ! grep -q '^From:.*bob' "$H/r3"
ok $? "read m3: the forged name dropped" || diag "$H/r3"

cat >"$H/check.py" <<'PY'
import email, email.policy, glob, sys
want = {"m1": "Alice Liddell", "m2": "J\u00fcrgen M\u00fcller",
        "m3": "", "m4": "", "m5": "", "m6": 'O"Brien, Al', "m8": ""}
for f in glob.glob(sys.argv[1] + "/new/*"):
    with open(f, "rb") as fp:
        m = email.message_from_binary_file(fp, policy=email.policy.default)
    s = str(m["subject"])
    if s not in want:
        continue
    a = m["from"].addresses
    assert len(a) == 1 and a[0].addr_spec == "alice@runetest", (s, a)
    assert a[0].display_name == want[s], (s, a[0].display_name)
    assert not m["from"].defects, (s, m["from"].defects)
PY
python3 "$H/check.py" "$H/md" >"$H/py.out" 2>&1
ok $? "python3 email: the names, the address always alice's" || diag "$H/py.out"

# mutt: what it shows as From (its header display, decoded)
cat >"$H/rc" <<RC
set charset=utf-8
set pipe_decode=yes
set weed=yes
ignore *
unignore from:
set quit=yes
set wait_key=no
set sort=subject
RC
mkdir -p "$H/mutthome/Mail"
mutt_from() {	# N OUT: the From mutt shows for the Nth message by subject
	mv=""; i=1
	while [ $i -lt "$1" ]; do mv="$mv<next-entry>"; i=$((i + 1)); done
	TERM=xterm HOME=$H/mutthome timeout 20 script -qec "mutt -n -F $H/rc \
	    -f $H/md -e 'push \"$mv<pipe-message>cat >$2<enter><quit>\"'" \
	    /dev/null >/dev/null 2>&1 </dev/null
}
# by subject: m1 m10 m11 m2 m3 ...
mutt_from 1 "$H/mu1"
grep -qx 'From: Alice Liddell <alice@runetest>' "$H/mu1"
ok $? "mutt shows Alice Liddell" || diag "$H/mu1"
mutt_from 4 "$H/mu2"
grep -qx 'From: Jürgen Müller <alice@runetest>' "$H/mu2"
ok $? "mutt shows the UTF-8 name decoded" || diag "$H/mu2"
mutt_from 5 "$H/mu3"
grep -qx 'From: alice@runetest' "$H/mu3" && ! grep -q bob "$H/mu3"
ok $? "mutt: the forged \"bob@runetest\" <alice@runetest> shows alice, not bob" ||
    diag "$H/mu3"
mutt_from 6 "$H/mu4"
grep -qx 'From: alice@runetest' "$H/mu4" && ! grep -q bob "$H/mu4"
ok $? "mutt: the encoded forgery shows alice, not bob" || diag "$H/mu4"
mutt_from 10 "$H/mu8"
grep -qx 'From: alice@runetest' "$H/mu8" && ! grep -q bob "$H/mu8"
ok $? "mutt: the twice-encoded forgery shows alice, not bob" || diag "$H/mu8"

done_testing
