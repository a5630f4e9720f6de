#!/bin/sh
# 210-client-sendmail-maxsize.t: rune sendmail with the largest message
# MAXSIZE (10 MiB) takes on stdin, over tcpserver and TLS with the real
# client: stdin is spooled into an unnamed temporary file and the blob
# made as it is sent (doc/client.md "A large message in bounded
# memory"): -t -O identified (LOGIN, SEND ... 2) and -t -O now
# (anonymous: REDEEM, SEND ... 2) each deliver bob the message whole:
# its body (after the first empty line) octet for octet the body given,
# From added, Bcc gone, the attachment decoding to the octets sent; no
# temporary file is left behind.  Refused with nothing sent, and
# sendmail's sysexits code: a message whose blob is over MAXSIZE (65,
# EX_DATAERR, identified), and a header longer than 256 KiB (65); one of
# 250,000 octets is sent, its header whole.
. t/lib/harness.sh
. t/lib/maxsize.sh
stored() { find "$RUNE_ROOT/store" -path '*/cur/*' -type f | wc -l; }

head -c 7400000 /dev/urandom >"$H/att1.bin"
head -c 7400000 /dev/urandom >"$H/att2.bin"
head -c 7900000 /dev/urandom >"$H/att3.bin"
head -c 1000 /dev/urandom >"$H/att4.bin"
/usr/bin/python3 t/lib/bigmail.py "$H/m1.eml" "$H/att1.bin" big1 &&
    /usr/bin/python3 t/lib/bigmail.py "$H/m2.eml" "$H/att2.bin" big2 &&
    /usr/bin/python3 t/lib/bigmail.py "$H/m3.eml" "$H/att3.bin" big3 &&
    /usr/bin/python3 t/lib/bigmail.py "$H/m4.eml" "$H/att4.bin" big4 \
    300000 || { echo "Bail out! bigmail.py"; exit 1; }
ok 0 "messages of $(wc -c <"$H/m1.eml"), $(wc -c <"$H/m3.eml") (over MAXSIZE) and $(wc -c <"$H/m4.eml") octets (a header over 256 KiB)"

mkdir "$H/tmpd"
TMPDIR=$H/tmpd rune $A sendmail -t -O identified <"$H/m1.eml" \
    >"$H/sm1.out" 2>"$H/sm1.err"
ok $? "sendmail -t -O identified with 10 MiB on stdin: 0" || diag "$H/sm1.err"
is "$(ms_tmp_left)" 0 \
    "no temporary file left in \$TMPDIR or the home's tmp/ (unnamed)"
TMPDIR=$H/tmpd rune $A sendmail -t -O now <"$H/m2.eml" \
    >"$H/sm2.out" 2>"$H/sm2.err"
ok $? "sendmail -t -O now (anonymous) with 10 MiB on stdin: 0" ||
    diag "$H/sm2.err"
is "$(stored)" 2 "two messages stored"
sizes=$(ms_big_sizes)
is "$(echo $sizes | wc -w)" 2 "both above 9,000 KiB ($sizes)"

rune $A sendmail -t -O identified <"$H/m3.eml" >"$H/sm3.out" 2>"$H/sm3.err"
is $? 65 "a message over MAXSIZE: EX_DATAERR (65)"
grep -q "too large" "$H/sm3.err"
ok $? "it says too large" || diag "$H/sm3.err"
rune $A sendmail -t -O identified <"$H/m4.eml" >"$H/sm4.out" 2>"$H/sm4.err"
is $? 65 "a header over 256 KiB: EX_DATAERR (65)"
grep -q "header.*longer than 262144 octets: nothing sent" "$H/sm4.err"
ok $? "it says so" || diag "$H/sm4.err"
is "$(stored)" 2 "nothing more stored"
is "$(ls -A "$H/alice/outbox" 2>/dev/null | wc -l)" 0 "nothing in the outbox"
/usr/bin/python3 t/lib/bigmail.py "$H/m5.eml" "$H/att4.bin" big5 250000
rune $A sendmail -t -O identified <"$H/m5.eml" >"$H/sm5.out" 2>"$H/sm5.err"
ok $? "a header of $(sed '/^$/q' "$H/m5.eml" | wc -c) octets (under 256 KiB, read in three growing pieces): sent" ||
    diag "$H/sm5.err"
is "$(stored)" 3 "stored"

rune $B fetch --maildir "$H/bmail" >"$H/bfetch2.out" 2>"$H/bfetch2.err"
ok $? "bob fetches the three" || diag "$H/bfetch2.err"
/usr/bin/python3 - "$H" <<'PY' >"$H/check.out" 2>&1
import email, email.policy, glob, sys
h = sys.argv[1]
for s in ("big1", "big2", "big5"):
    sent = open(h + "/m%s.eml" % s[-1], "rb").read()
    body = sent.split(b"\n\n", 1)[1]
    an = "4" if s == "big5" else s[-1]
    att = open(h + "/att%s.bin" % an, "rb").read()
    found = []
    for f in glob.glob(h + "/bmail/new/*") + glob.glob(h + "/bmail/cur/*"):
        raw = open(f, "rb").read()
        m = email.message_from_bytes(raw, policy=email.policy.default)
        if str(m["Subject"]) == s:
            found.append((raw, m))
    if len(found) != 1:
        print(s, "found", len(found))
        continue
    raw, m = found[0]
    head, got = raw.split(b"\n\n", 1)
    got_att = [p.get_payload(decode=True) for p in m.walk()
               if p.get_filename() == "att%s.bin" % an]
    print(s, "body", "identical" if got == body else
          "DIFFERENT (%d, %d)" % (len(got), len(body)),
          "att", "identical" if got_att == [att] else "DIFFERENT",
          "bcc", "gone" if b"\nBcc:" not in b"\n" + head else "KEPT",
          "from", "added" if b"\nFrom: alice@runetest\n" in b"\n" + head
          else "MISSING")
PY
is "$(cat "$H/check.out" | tr '\n' ' ')" "big1 body identical att identical bcc gone from added big2 body identical att identical bcc gone from added big5 body identical att identical bcc gone from added " \
    "each delivered whole: the body octet for octet, the attachment, Bcc gone, From added" ||
    diag "$H/check.out"
done_testing
