#!/bin/sh
# 178-client-send-maxsize.t: the real client sends the largest message
# MAXSIZE (10 MiB) takes, its blob2 made as it goes out
# (lib/msg2stream.c, rune/v2send.c), over tcpserver and TLS: a random
# attachment of 7,400,000 octets identified (--identified: LOGIN, SEND
# ... 2, mode 0x00) and another anonymously (--now: REDEEM, SEND ... 2,
# mode 0x01); the stored files are near MAXSIZE; bob's real client
# fetches both (rune fetch --maildir) and each attachment decodes to
# the octets sent; the payload's temporary file leaves no name behind.
. t/lib/harness.sh
h_domain
echo 0 >"$RUNE_ROOT/control/anonwait"
echo 200 >"$RUNE_ROOT/control/prekeys"
echo on >"$RUNE_ROOT/control/anonsend"
echo 1000000000 >"$RUNE_ROOT/control/quota_bytes"
h_start
S=127.0.0.1:$PORT
rune() { "$RUNE_BUILD/rune" --server "$S" "$@"; }
A="--home $H/alice"
B="--home $H/bob"
for u in alice bob; do
	rune --home "$H/$u" init "$u@runetest" >/dev/null 2>&1 &&
	    rune --home "$H/$u" register >/dev/null 2>&1 ||
	    { echo "Bail out! $u could not register"; exit 1; }
done
ok 0 "alice and bob registered"
rune $B fetch --maildir "$H/bmail" >/dev/null 2>"$H/bfetch.err"
ok $? "bob logs in (his prekeys uploaded)" || diag "$H/bfetch.err"
rune $B key alice@runetest >"$H/bkey.out" 2>&1
ok $? "bob pins alice's key" || diag "$H/bkey.out"
rune $A fetch --maildir "$H/amail" >/dev/null 2>"$H/afetch.err"
ok $? "alice logs in (tokens, sender certificate)" || diag "$H/afetch.err"

head -c 7400000 /dev/urandom >"$H/att1.bin"
head -c 7400000 /dev/urandom >"$H/att2.bin"
echo "the identified one" >"$H/text1"
echo "the anonymous one" >"$H/text2"
mkdir "$H/tmpd"
TMPDIR=$H/tmpd rune $A send --identified bob@runetest -s big1 \
    -a "$H/att1.bin" "$H/text1" >"$H/id1" 2>"$H/send1.err"
ok $? "alice sends 7,400,000 octets --identified" || diag "$H/send1.err"
is "$(ls -A "$H/tmpd" "$H/alice/tmp" 2>/dev/null | grep -vc ':$\|^$')" 0 \
    "no payload file left in \$TMPDIR or the home's tmp/ (unnamed)"
rune $A send --now bob@runetest -s big2 -a "$H/att2.bin" "$H/text2" \
    >"$H/id2" 2>"$H/send2.err"
ok $? "alice sends 7,400,000 octets anonymously (--now)" ||
    diag "$H/send2.err"
sizes=$(find "$RUNE_ROOT/store" -path '*/cur/*' -type f -size +9000k \
    -exec stat -c %s {} + | sort -n | tr '\n' ' ')
is "$(echo $sizes | wc -w)" 2 "two stored files above 9,000 KiB ($sizes)"
for s in $sizes; do
	[ "$s" -gt 10000000 ] && [ "$s" -le $((10485760 + 222)) ]
	ok $? "$s octets: above 10,000,000, at most MAXSIZE + the server's 222"
done

rune $B fetch --maildir "$H/bmail" >"$H/bfetch2.out" 2>"$H/bfetch2.err"
ok $? "bob fetches both" || diag "$H/bfetch2.err"
/usr/bin/python3 - "$H" <<'PY' >"$H/check.out" 2>&1
import email, email.policy, glob, sys
h = sys.argv[1]
want = {"big1": open(h + "/att1.bin", "rb").read(),
        "big2": open(h + "/att2.bin", "rb").read()}
got = {}
for f in glob.glob(h + "/bmail/new/*") + glob.glob(h + "/bmail/cur/*"):
    m = email.message_from_binary_file(open(f, "rb"),
                                       policy=email.policy.default)
    s = str(m["Subject"])
    if s not in want:
        continue
    for part in m.walk():
        if part.get_filename() == "att%s.bin" % s[-1]:
            got[s] = part.get_payload(decode=True)
for s in sorted(want):
    print(s, "identical" if got.get(s) == want[s] else
          "DIFFERENT (%d octets)" % len(got.get(s) or b""))
PY
is "$(cat "$H/check.out" | tr '\n' ' ')" "big1 identical big2 identical " \
    "both attachments read back octet for octet" || diag "$H/check.out"
done_testing
