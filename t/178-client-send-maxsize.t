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
. t/lib/maxsize.sh

head -c 7400000 /dev/urandom >"$H/att1.bin"
head -c 7400000 /dev/urandom >"$H/att2.bin"
echo "the identified one" >"$H/text1"
echo "the anonymous one" >"$H/text2"
mkdir "$H/tmpd"
TMPDIR=$H/tmpd rune $A send --identified bob@runetest -s big1 \
    -a "$H/att1.bin" "$H/text1" >"$H/id1" 2>"$H/send1.err"
ok $? "alice sends 7,400,000 octets --identified" || diag "$H/send1.err"
is "$(ms_tmp_left)" 0 \
    "no payload file left in \$TMPDIR or the home's tmp/ (unnamed)"
rune $A send --now bob@runetest -s big2 -a "$H/att2.bin" "$H/text2" \
    >"$H/id2" 2>"$H/send2.err"
ok $? "alice sends 7,400,000 octets anonymously (--now)" ||
    diag "$H/send2.err"
ms_near_max

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
