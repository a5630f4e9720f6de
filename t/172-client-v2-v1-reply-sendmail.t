#!/bin/sh
# 172-client-v2-v1-reply-sendmail.t: the one v1 message issue 12 allows
# after a 418 (protocol-v2 3.3 "No keys at all"), asked for explicitly by
# rune reply (--v1, as rune send) and rune sendmail (-O v1, sendmail's
# -O option=value form, which a mail program's sendmail command line can
# carry), real client and server over TLS: without it the 418 stops the
# send with the option to give; with it the message goes as v1 with the
# warning "not forward secret (v1)", for that message only.  A 418
# for a later receiver stops a send to several before any SEND.
. t/lib/harness.sh
h_domain
"$RUNE_BUILD/rune-admin" config --root "$RUNE_ROOT" prekeys 8 >/dev/null 2>&1
ok $? "prekeys on"
h_start RUNE_VERBOSE=2
. t/lib/clientpair.sh
nsent() { grep -c 'event=send code=250' "$H/log"; }

PYTHONPATH=t/lib /usr/bin/python3 - "$PORT" "$H/alice/secret.key" >"$H/e.out" 2>&1 <<'PY'
import sys, talk, runemsg as rm
s = talk.Session(int(sys.argv[1]))
assert s.register("erin@runetest", rm.seed_of("erin@runetest"))[0] == 210
apk = open(sys.argv[2], "rb").read()[32:]
p = b"Subject: hello\r\nMessage-ID: <e1@runetest>\r\n\r\nfrom erin\r\n"
blob = rm.make_blob("erin@runetest", rm.seed_of("erin@runetest"), "alice@runetest", apk, p)
c, t, _ = rm.send(s, "erin@runetest", "alice@runetest", p, blob)
print(t[0])
PY
ok $? "erin (a client without prekeys) writes alice (v1)" || diag "$H/e.out"
eid=$(tail -1 "$H/e.out")

# -- rune reply
n=$(nsent)
echo "my answer" | rune $A reply "$eid" - >"$H/r.out" 2>"$H/r.err"
is $? 100 "rune reply to erin: exit 100"
grep -q 'erin@runetest has no current RUNE-2 (forward secret) keys.*418.*nothing sent.*add --v1$' "$H/r.err"
ok $? "the 418 in words, and --v1 named" || diag "$H/r.err"
is "$(nsent)" "$n" "nothing sent"
echo "my answer" | rune $A reply --v1 "$eid" - >"$H/r.out" 2>"$H/r.err"
ok $? "rune reply --v1: sent" || diag "$H/r.err"
grep -q 'to erin@runetest: not forward secret (v1): sent at your request (--v1)' "$H/r.err"
ok $? "with the warning: not forward secret (v1)" || diag "$H/r.err"
is "$(nsent)" $((n + 1)) "one message stored"
grep "event=send code=250" "$H/log" | tail -1 | grep -q "size=" &&
    ! grep "event=send code=250" "$H/log" | tail -1 | grep -q "size=1137"
ok $? "(a v1 blob, not a blob2)" || diag "$H/log"
echo "again" | rune $A reply "$eid" - >/dev/null 2>&1
is $? 100 "--v1 held for that reply only"

# -- rune sendmail
n=$(nsent)
printf 'Subject: s\n\nby sendmail\n' | rune $A sendmail erin@runetest >"$H/s.out" 2>"$H/s.err"
is $? 67 "rune sendmail to erin: EX_NOUSER"
grep -q 'erin@runetest has no current RUNE-2 (forward secret) keys.*418.*add -O v1$' "$H/s.err"
ok $? "the 418 in words, and -O v1 named" || diag "$H/s.err"
is "$(nsent)" "$n" "nothing sent"
printf 'Subject: s\n\nby sendmail\n' | rune $A sendmail -O v1 erin@runetest >"$H/s.out" 2>"$H/s.err"
ok $? "rune sendmail -O v1: sent" || diag "$H/s.err"
grep -q 'to erin@runetest: not forward secret (v1): sent at your request (-O v1)' "$H/s.err"
ok $? "with the warning: not forward secret (v1)" || diag "$H/s.err"
rune $A sendmail -oi -Ov1 -t >"$H/s.out" 2>"$H/s.err" <<'M'
To: erin@runetest
Subject: t

with -t
M
ok $? "-Ov1 (one word) with -t: sent" || diag "$H/s.err"
is "$(nsent)" $((n + 2)) "two messages stored"
printf 'Subject: s\n\nx\n' | rune $A sendmail -O DeliveryMode=b erin@runetest >"$H/s.out" 2>"$H/s.err"
is $? 64 "-O with another option: EX_USAGE"
grep -q 'the -O options RUNE knows are v1, now and identified' "$H/s.err"
ok $? "and says so" || diag "$H/s.err"
printf 'Subject: s\n\nto bob\n' | rune $A sendmail -O v1 bob@runetest >"$H/s.out" 2>"$H/s.err"
ok $? "-O v1 to bob, who has keys: sent" || diag "$H/s.err"
! grep -q 'not forward secret' "$H/s.err" &&
    grep 'event=send code=250' "$H/log" | tail -1 | grep -q 'size=1137'
ok $? "forward secret all the same (-O v1 only answers a 418)" || { diag "$H/s.err"; grep "event=send" "$H/log" >"$H/sl"; diag "$H/sl"; }
is "$(nsent)" $((n + 3)) "three messages stored"

# -- a 418 partway through a send to several receivers: every bundle is
# fetched before the first SEND, so nothing goes; the one-time key
# handed out for bob first is used all the same (doc/decisions.md)
count() {
	PYTHONPATH=t/lib /usr/bin/python3 - "$PORT" "$H/bob/secret.key" <<'PY'
import sys, talk
s = talk.Session(int(sys.argv[1]))
sk = open(sys.argv[2], "rb").read()
assert s.login("bob@runetest", sk[:32])[0] == 230
print(s.cmd("PREKEYS 0")[1][0].split(" ")[0])
PY
}
n=$(nsent)
o=$(count)
echo "to both" | rune $A send bob@runetest erin@runetest >"$H/b.out" 2>"$H/b.err"
is $? 100 "send to bob and erin: exit 100"
grep -q 'erin@runetest has no current RUNE-2' "$H/b.err"
ok $? "the 418 names erin" || diag "$H/b.err"
is "$(nsent)" "$n" "nothing sent, not even bob's copy"
is "$(count)" $((o - 1)) "bob's one-time key fetched before the 418 is used up"
done_testing
