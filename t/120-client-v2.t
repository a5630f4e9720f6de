#!/bin/sh
# 120-client-v2.t: the rune client over protocol v2 (doc/protocol-v2.md
# 1.5, 1.6, 3; issue 12), real client, real server, TLS: register uploads
# a last-resort key and the server's maximum of one-time keys (0600
# secrets); alice sends bob a v2 message (SEND ... 2), bob reads
# "forward secret: yes" and neither the read nor fetch sends KEY (a
# logging TLS proxy sees every verb); with the one-time keys used up the message is
# "delayed (last-resort key)" and bob's next login refills; a receiver
# without keys gets 418 in words, and --v1 sends that one message with
# the warning "not forward secret"; a mixed-case receiver is
# canonicalised; several receivers in one send; rune sendmail; fetch into
# a Maildir; a v1 message still reads, as "not forward secret (v1)"; a v1
# server (prekeys off) sees no v2 command.
. t/lib/harness.sh
h_domain
"$RUNE_BUILD/rune-admin" config --root "$RUNE_ROOT" prekeys 8 >/dev/null 2>&1
ok $? "prekeys on, at most 8 one-time keys"
h_start RUNE_VERBOSE=2
. t/lib/clientpair.sh
nkeys() { ls "$H/$1/prekeys" | grep -c "^$2\.[0-9a-f]\{64\}$"; }

# -- register uploaded the prekeys
is "$(nkeys bob L)" 1 "register: one last-resort secret in bob's home"
is "$(nkeys bob O)" 8 "register: 8 one-time secrets (the server's PREKEYS 8)"
is "$(stat -c %a "$H"/bob/prekeys/O.* | sort -u)" 600 "every secret file is 0600"
is "$(stat -c %s "$H"/bob/prekeys/O.* | sort -u)" 40 "each 32 octets of secret and 8 of not_after"
PYTHONPATH=t/lib /usr/bin/python3 - "$PORT" "$H/bob/secret.key" >"$H/count.out" 2>&1 <<'PY'
import sys, talk
s = talk.Session(int(sys.argv[1]))
sk = open(sys.argv[2], "rb").read()
assert s.login("bob@runetest", sk[:32])[0] == 230
print(s.cmd("PREKEYS 0"))
PY
grep -q "^(250, \['8 [0-9]*'\])$" "$H/count.out"
ok $? "the server counts bob's 8 one-time keys and a last-resort key" || diag "$H/count.out"

# -- alice sends bob a v2 message; bob reads it through a logging proxy
echo "hello v2" | rune $A send bob@runetest -s first >"$H/id1" 2>"$H/send.err"
ok $? "alice sends bob a message" || diag "$H/send.err"
id1=$(cat "$H/id1")
grep -q 'event=send code=250 size=1137' "$H/log"
ok $? "the server stored a blob2 (SEND ... 2: 1137 octets)"
is "$(nkeys bob O)" 8 "bob still holds 8 one-time secrets before reading"
/usr/bin/python3 t/lib/tlsproxy.py "$RUNE_ROOT/tls/cert.pem" \
    "$RUNE_ROOT/tls/key.pem" "$PORT" "$H/pport" "$H/verbs" 2>"$H/proxy.err" &
proxy=$!
for i in 1 2 3 4 5 6 7 8 9 10; do [ -s "$H/pport" ] && break; sleep 0.2; done
PP=127.0.0.1:$(cat "$H/pport")
"$RUNE_BUILD/rune" --server "$PP" $B read "$id1" >"$H/read1" 2>"$H/read1.err"
ok $? "bob reads it (through the proxy)" || diag "$H/read1.err"
grep -qx 'Secrecy: forward secret: yes' "$H/read1"
ok $? "read: forward secret: yes" || diag "$H/read1"
grep -qx 'From: alice@runetest' "$H/read1" &&
    grep -qx 'Verified: unverified (new key pinned)' "$H/read1"
ok $? "the sender from scert, its key pinned on first use" || diag "$H/read1"
grep -qx 'hello v2' "$H/read1"
ok $? "the text"
grep -q RETRIEVE "$H/verbs"
ok $? "the proxy saw the read's RETRIEVE" || diag "$H/verbs"
! grep -qx KEY "$H/verbs"
ok $? "and no KEY: the sender's key came from scert" || diag "$H/verbs"
is "$(nkeys bob O)" 7 "the used one-time secret is deleted after the read"
rune $B read "$id1" >"$H/read1b" 2>&1
ok $? "read again (from the local record)"
grep -qx 'Secrecy: forward secret: yes' "$H/read1b" &&
    grep -qx 'Verified: yes' "$H/read1b" && grep -qx 'hello v2' "$H/read1b"
ok $? "again: forward secret: yes, verified, the text" || diag "$H/read1b"
! grep -q 'hello v2' "$H/bob/cache/$id1"
ok $? "the local record holds no plaintext"
is "$(stat -c %a "$H/bob/cache/$id1")" 600 "and is 0600"

# -- a mixed-case receiver, several receivers, sendmail
rune $A send BoB@RuneTest -s mixed /dev/null >"$H/id2" 2>"$H/send2.err"
ok $? "send to BoB@RuneTest" || diag "$H/send2.err"
test -f "$H/alice/contacts/lastresort/bob@runetest"
ok $? "the cached last-resort key is filed under the canonical address"
rune $B init carol@runetest >/dev/null 2>&1 ||
rune --home "$H/carol" init carol@runetest >/dev/null 2>&1
rune --home "$H/carol" register >/dev/null 2>&1
ok $? "carol registers with the client"
echo "to both" | rune $A send bob@runetest carol@runetest -s two \
    >"$H/ids3" 2>"$H/send3.err"
ok $? "one send to bob and carol" || diag "$H/send3.err"
is "$(wc -l <"$H/ids3")" 2 "two ids"
printf 'Subject: via sendmail\n\nmutt says hi\n' |
    rune $A sendmail bob@runetest 2>"$H/sm.err"
ok $? "rune sendmail to bob" || diag "$H/sm.err"
is "$(grep -c 'event=send code=250 size=1137' "$H/log")" 5 "all five went as blob2"
rune --home "$H/carol" read "$(sed -n 's/ carol@runetest$//p' "$H/ids3")" \
    >"$H/carol.read" 2>&1
grep -qx 'Secrecy: forward secret: yes' "$H/carol.read" && grep -qx 'to both' "$H/carol.read"
ok $? "carol reads hers: forward secret" || diag "$H/carol.read"

# -- fetch into a Maildir
mkdir -p "$H/md"
: >"$H/verbs"
"$RUNE_BUILD/rune" --server "$PP" $B fetch --maildir "$H/md" \
    >"$H/fetch.out" 2>"$H/fetch.err"
ok $? "bob fetches into a Maildir (through the proxy)" || diag "$H/fetch.err"
grep -q RETRIEVE "$H/verbs" && ! grep -qx KEY "$H/verbs"
ok $? "fetch sends no KEY either" || diag "$H/verbs"
"$RUNE_BUILD/rune" --server "$PP" $B key alice@runetest >/dev/null 2>&1 &&
    grep -qx KEY "$H/verbs"
ok $? "(the proxy does log a KEY: rune key through it)"
is "$(grep -c '^delivered ' "$H/fetch.out")" 4 "four messages delivered" || diag "$H/fetch.out"
is "$(grep -l '^X-Rune-Secrecy: forward secret: yes$' "$H"/md/new/* | wc -l)" 4 \
    "each with X-Rune-Secrecy: forward secret: yes (the one read before from its local record)"
is "$(nkeys bob O)" 4 "four one-time secrets used, four left"

# -- one-time keys used up: delayed (last-resort key); bob's login refills
for i in 1 2 3 4 5; do
	echo "n $i" | rune $A send bob@runetest -s "n$i" >>"$H/ids4" 2>"$H/send4.err" ||
	    { diag "$H/send4.err"; break; }
done
ok $? "alice sends five more"
grep -q 'forward secrecy delayed (last-resort key)' "$H/send4.err"
ok $? "the fifth: the sender is told forward secrecy is delayed" || diag "$H/send4.err"
last=$(tail -1 "$H/ids4")
rune $B read "$last" >"$H/read5" 2>"$H/read5.err"
ok $? "bob reads the fifth" || diag "$H/read5.err"
grep -qx 'Secrecy: forward secret: delayed (last-resort key)' "$H/read5"
ok $? "read: forward secret: delayed (last-resort key)" || diag "$H/read5"
! grep -q 'withholding' "$H/read5.err"
ok $? "no withholding warning: the server counted 0 one-time keys" || diag "$H/read5.err"
# 4 one-time secrets of the unread messages, and 8 new ones: the server
# counted 0 (fewer than 8/4) at bob's login
is "$(nkeys bob O)" 12 "bob's login refilled the one-time keys"

# -- 418: a receiver without keys; --v1 for that one message
PYTHONPATH=t/lib /usr/bin/python3 - "$PORT" >"$H/dave.out" 2>&1 <<'PY'
import sys, talk, runemsg as rm
s = talk.Session(int(sys.argv[1]))
assert s.register("dave@runetest", rm.seed_of("dave@runetest"))[0] == 210
PY
ok $? "dave registers with a client that uploads no prekeys" || diag "$H/dave.out"
echo "to dave" | rune $A send dave@runetest >"$H/d.out" 2>"$H/d.err"
is $? 100 "send to dave: exit 100"
grep -q 'dave@runetest has no current RUNE-2 (forward secret) keys.*418.*nothing sent.*--v1' "$H/d.err"
ok $? "the 418 in words, and how to send without forward secrecy" || diag "$H/d.err"
test ! -s "$H/d.out"
ok $? "no id: nothing sent"
echo "to dave" | rune $A send --v1 dave@runetest >"$H/d.out" 2>"$H/d.err"
ok $? "--v1: sent" || diag "$H/d.err"
grep -q 'to dave@runetest: not forward secret (v1)' "$H/d.err"
ok $? "with the warning: not forward secret (v1)" || diag "$H/d.err"
echo "again" | rune $A send dave@runetest >/dev/null 2>&1
is $? 100 "--v1 holds for that one message only"
dave=$(cat "$H/d.out")

# -- a v1 message reads as before, marked
PYTHONPATH=t/lib /usr/bin/python3 - "$PORT" "$H/bob/secret.key" >"$H/v1.out" 2>&1 <<'PY'
import sys, talk, runemsg as rm
s = talk.Session(int(sys.argv[1]))
assert s.register("erin@runetest", rm.seed_of("erin@runetest"))[0] == 210
bobpk = open(sys.argv[2], "rb").read()[32:]
p = b"Subject: old\r\n\r\nv1 text\r\n"
blob = rm.make_blob("erin@runetest", rm.seed_of("erin@runetest"), "bob@runetest", bobpk, p)
c, t, _ = rm.send(s, "erin@runetest", "bob@runetest", p, blob)
print(t[0])
PY
ok $? "erin sends bob a v1 message" || diag "$H/v1.out"
rune $B read "$(tail -1 "$H/v1.out")" >"$H/readv1" 2>&1
grep -qx 'Secrecy: not forward secret (v1)' "$H/readv1" && grep -qx 'v1 text' "$H/readv1"
ok $? "read: not forward secret (v1), the text" || diag "$H/readv1"

# -- a v1 server: no v2 command from the client
h_stop
"$RUNE_BUILD/rune-admin" config --root "$RUNE_ROOT" prekeys 0 >/dev/null 2>&1
h_start RUNE_VERBOSE=2
S=127.0.0.1:$PORT
: >"$H/verbs"
kill "$proxy"
wait "$proxy" 2>/dev/null
/usr/bin/python3 t/lib/tlsproxy.py "$RUNE_ROOT/tls/cert.pem" \
    "$RUNE_ROOT/tls/key.pem" "$PORT" "$H/pport2" "$H/verbs" 2>"$H/proxy.err" &
proxy=$!
for i in 1 2 3 4 5 6 7 8 9 10; do [ -s "$H/pport2" ] && break; sleep 0.2; done
PP=127.0.0.1:$(cat "$H/pport2")
echo "v1 server" | "$RUNE_BUILD/rune" --server "$PP" $A send bob@runetest \
    >"$H/id6" 2>"$H/s6.err"
ok $? "prekeys off: alice sends" || diag "$H/s6.err"
"$RUNE_BUILD/rune" --server "$PP" $B read "$(cat "$H/id6")" >"$H/read6" 2>&1
grep -qx 'Secrecy: not forward secret (v1)' "$H/read6"
ok $? "a v1 message" || diag "$H/read6"
! grep -q -e PREKEY -e SENDERCERT "$H/verbs"
ok $? "and no PREKEYS, PREKEY or SENDERCERT on a v1 server" || diag "$H/verbs"
grep -qx CAPABILITIES "$H/verbs"
ok $? "(the proxy saw the session)" || diag "$H/verbs"
kill "$proxy"
wait "$proxy" 2>/dev/null
done_testing
