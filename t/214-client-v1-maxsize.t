#!/bin/sh
# 214-client-v1-maxsize.t: v1 messages of the largest size MAXSIZE
# (10 MiB) takes, over tcpserver and TLS with the real client, their
# blobs made as they are sent (lib/msgstream.c, rune/v1send.c; t/213
# proves the octets msg_make's): to a v1 server (no control/prekeys)
# rune send with a 7,400,000-octet attachment (and --sent) and rune
# sendmail with as much on stdin; then, on a server with PREKEYS, rune
# send --v1 to a receiver without RUNE-2 keys.  Bob's real client fetches
# each and it is the message sent (verified, the attachment octet for
# octet); the stored blobs are near MAXSIZE.
. t/lib/harness.sh
MS_V1=1
. t/lib/maxsize.sh

head -c 7400000 /dev/urandom >"$H/att1.bin"
head -c 7400000 /dev/urandom >"$H/att2.bin"
head -c 7400000 /dev/urandom >"$H/att3.bin"
echo "the v1 one" >"$H/text1"
mkdir "$H/tmpd"
TMPDIR=$H/tmpd rune $A send bob@runetest -s big1 --sent "$H/S1" \
    -a "$H/att1.bin" "$H/text1" >"$H/id1" 2>"$H/send1.err"
ok $? "alice sends 7,400,000 octets as v1 (with --sent)" ||
    diag "$H/send1.err"
/usr/bin/python3 t/lib/bigmail.py "$H/m2.eml" "$H/att2.bin" big2 ||
    { echo "Bail out! bigmail.py"; exit 1; }
TMPDIR=$H/tmpd rune $A sendmail -t <"$H/m2.eml" >"$H/sm2.out" 2>"$H/sm2.err"
ok $? "sendmail -t with 10 MiB on stdin, as v1" || diag "$H/sm2.err"
is "$(ms_tmp_left)" 0 \
    "no temporary file left"
ms_near_max

# the server now offers PREKEYS; carol, registered before and not
# logged in since, has no RUNE-2 keys
echo 200 >"$RUNE_ROOT/control/prekeys"
rune $A send carol@runetest -s big3 -a "$H/att3.bin" "$H/text1" \
    >"$H/id3" 2>"$H/send3.err"
is $? 100 "without --v1: refused (no RUNE-2 keys)"
rune $A send --v1 carol@runetest -s big3 -a "$H/att3.bin" "$H/text1" \
    >"$H/id3" 2>"$H/send3.err"
ok $? "with --v1: sent as v1" || diag "$H/send3.err"
grep -q "not forward secret (v1)" "$H/send3.err"
ok $? "with the warning" || diag "$H/send3.err"
rune --home "$H/carol" key alice@runetest >/dev/null 2>&1

rune $B fetch --maildir "$H/bmail" >"$H/bf.out" 2>"$H/bf.err"
ok $? "bob fetches both" || diag "$H/bf.err"
rune --home "$H/carol" fetch --maildir "$H/cmail" >"$H/cf.out" 2>"$H/cf.err"
ok $? "carol fetches hers" || diag "$H/cf.err"
/usr/bin/python3 - "$H" <<'PY' >"$H/check.out" 2>&1
import email, email.policy, glob, sys
h = sys.argv[1]
want = {"big%d" % i: open(h + "/att%d.bin" % i, "rb").read()
        for i in (1, 2, 3)}
got = {}
for f in (glob.glob(h + "/bmail/new/*") + glob.glob(h + "/cmail/new/*")
          + glob.glob(h + "/S1/new/*")):
    m = email.message_from_binary_file(open(f, "rb"),
                                       policy=email.policy.default)
    s = str(m["Subject"])
    key = s + (" sent" if "/S1/" in f else "")
    for part in m.walk():
        if part.get_filename() == "att%s.bin" % s[-1]:
            got[key] = part.get_payload(decode=True)
for s in ("big1", "big1 sent", "big2", "big3"):
    print(s, "identical" if got.get(s) == want[s[:4]] else
          "DIFFERENT (%d octets)" % len(got.get(s) or b""))
PY
is "$(cat "$H/check.out" | tr '\n' ' ')" "big1 identical big1 sent identical big2 identical big3 identical " \
    "each read back octet for octet (and the sent copy)" || diag "$H/check.out"
n=$(grep -l '^X-Rune-Verified: yes' "$H"/bmail/new/* "$H"/cmail/new/* 2>/dev/null | wc -l)
is "$n" 3 "all three verified (X-Rune-Verified: yes)"
done_testing
