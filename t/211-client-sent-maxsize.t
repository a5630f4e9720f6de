#!/bin/sh
# 211-client-sent-maxsize.t: the Sent copy (--sent MAILDIR) of the
# largest message MAXSIZE (10 MiB) takes, over tcpserver and TLS with the
# real client, read from the payload's file in 32 KiB pieces
# (rune/sentcopy.c, maildir_deliver_fd) on each path that writes one: an
# identified send (rune send --identified), an anonymous one written when
# its outbox entry is sent (--now), and an entry sent with the login
# (rune outbox --send --identified ID).  Each copy is there, names the
# message id the send printed, and its attachment decodes to the octets
# sent; a small message's copy is the payload bob received, octet for
# octet (t/212 compares the copy with the old way's, maildir_deliver).
. t/lib/harness.sh
. t/lib/maxsize.sh

for i in 1 2 3; do head -c 7400000 /dev/urandom >"$H/att$i.bin"; done
echo "the text" >"$H/text"
rune $A send --identified --sent "$H/S1" bob@runetest -s big1 \
    -a "$H/att1.bin" "$H/text" >"$H/id1" 2>"$H/send1.err"
ok $? "an identified send of 7,400,000 octets with --sent" ||
    diag "$H/send1.err"
rune $A send --now --sent "$H/S2" bob@runetest -s big2 \
    -a "$H/att2.bin" "$H/text" >"$H/id2" 2>"$H/send2.err"
ok $? "an anonymous one (--now) with --sent" || diag "$H/send2.err"
echo 3600 >"$H/alice/config/anondelay"
rune $A send --sent "$H/S3" bob@runetest -s big3 -a "$H/att3.bin" \
    "$H/text" >"$H/q3" 2>"$H/send3.err"
ok $? "a third queued (a delay of up to an hour)" || diag "$H/send3.err"
e3=$(ls "$H/alice/outbox")
is "$(echo $e3 | wc -w)" 1 "one outbox entry"
rune $A outbox --send --identified "$e3" >"$H/id3" 2>"$H/send3b.err"
ok $? "rune outbox --send --identified sends it with the login" ||
    diag "$H/send3b.err"
rm -f "$H/alice/config/anondelay"
for i in 1 2 3; do
	is "$(ls "$H/S$i/new" 2>/dev/null | wc -l)" 1 "copy $i is in its Maildir"
	f=$(ls "$H/S$i/new/"* 2>/dev/null)
	is "$(head -1 "$f")" "X-Rune-Sent-Id: $(cat "$H/id$i") bob@runetest" \
	    "copy $i names the message id printed"
done
/usr/bin/python3 - "$H" <<'PY' >"$H/check.out" 2>&1
import email, email.policy, glob, sys
h = sys.argv[1]
for i in (1, 2, 3):
    f = glob.glob(h + "/S%d/new/*" % i)[0]
    m = email.message_from_binary_file(open(f, "rb"),
                                       policy=email.policy.default)
    att = [p.get_payload(decode=True) for p in m.walk()
           if p.get_filename() == "att%d.bin" % i]
    want = open(h + "/att%d.bin" % i, "rb").read()
    print(i, "identical" if att == [want] else "DIFFERENT")
PY
is "$(cat "$H/check.out" | tr '\n' ' ')" "1 identical 2 identical 3 identical " \
    "each copy's attachment decodes to the octets sent" || diag "$H/check.out"

# a small message: the copy is the payload bob got
printf 'line one\nline two\n' >"$H/small"
rune $A send --identified --sent "$H/S4" bob@runetest -s small "$H/small" \
    >"$H/id4" 2>"$H/send4.err"
ok $? "a small message with --sent" || diag "$H/send4.err"
rune $B fetch --maildir "$H/bmail" >"$H/bfetch2.out" 2>"$H/bfetch2.err"
ok $? "bob fetches them" || diag "$H/bfetch2.err"
got=$(grep -l "^X-Rune-Id: $(cat "$H/id4")" "$H"/bmail/new/* | head -1)
sed 1d "$H"/S4/new/* >"$H/copy4"
grep -v '^X-Rune-' "$got" >"$H/got4"
cmp "$H/copy4" "$H/got4" >/dev/null
ok $? "the small copy after its X-Rune-Sent-Id line is bob's message after its X-Rune- fields" ||
    { diff "$H/copy4" "$H/got4" | head -20 >"$H/d4"; diag "$H/d4"; }
done_testing
