#!/bin/sh
# 35-client-messages.t: rune send, list, read, delete, reply and fetch
# over a real server: every verdict (verified, unverified first use, a
# changed key refused loudly, a rejected message), MIME with a non-ASCII
# subject and an attachment read back with python3's email module,
# fetch --delete, no duplicate delivery, the local MAXSIZE refusal.
. t/lib/harness.sh
h_domain
h_start
S=127.0.0.1:$PORT
rune() { "$RUNE_BUILD/rune" --server "$S" "$@"; }
A="--home $H/alice"
B="--home $H/bob"
C="--home $H/carol"
count() { grep -c . "$1" 2>/dev/null || true; }

for u in alice bob carol; do
	rune --home "$H/$u" init "$u@runetest" >/dev/null 2>&1 &&
	    rune --home "$H/$u" register >/dev/null 2>&1 || exit 1
done
ok 0 "alice, bob and carol registered"

# -- send: a non-ASCII subject, a non-ASCII text, an attachment
printf 'Grüße, Bob!\nZeile zwei.\n' >"$H/text"
head -c 5000 /dev/urandom >"$H/photo.bin"
rune $A send bob@runetest -s 'Grüße aus Köln' -a "$H/photo.bin" "$H/text" \
    >"$H/send.out" 2>"$H/send.err"
ok $? "send with a subject and an attachment" || diag "$H/send.err"
id1=$(cat "$H/send.out")
expr "$id1" : '[0-9a-f]\{64\}$' >/dev/null
ok $? "send prints the message id"
grep -q 'first use: pinned the key of bob@runetest' "$H/send.err"
ok $? "send pins the receiver's key on first use"

rune $B list --ids >"$H/list.out" 2>"$H/list.err"
ok $? "list" || diag "$H/list.err"
set -- $(cat "$H/list.out")
[ "$(count "$H/list.out")" = 1 ] && [ "$1" = "$id1" ] && [ "$#" = 2 ]
ok $? "list: one line, the id and the size" || diag "$H/list.out"
size=$(stat -c %s "$H/root"/store/*/cur/*."$id1".* 2>/dev/null)
is "$2" "$size" "list: the stored size"

# -- read: first use of alice's key, then verified
rune $B read "$id1" >"$H/read1.out" 2>"$H/read1.err"
ok $? "read" || diag "$H/read1.err"
sed -n 1p "$H/read1.out" | grep -qx 'From: alice@runetest' &&
    sed -n 2p "$H/read1.out" | grep -q '^Date: [A-Z][a-z][a-z], [0-9][0-9] ' &&
    sed -n 3p "$H/read1.out" | grep -qx 'Verified: unverified (new key pinned)'
ok $? "read: From, Date, unverified (new key pinned) on first use" ||
    diag "$H/read1.out"
grep -q 'first use: pinned the key of alice@runetest' "$H/read1.err"
ok $? "read pins the sender's key"
grep -qx 'Subject: Grüße aus Köln' "$H/read1.out"
ok $? "read: the subject decoded" || diag "$H/read1.out"
rune $B read --raw "$id1" >"$H/read1raw.out" 2>&1
grep -qx 'Subject: =?UTF-8?B?R3LDvMOfZSBhdXMgS8O2bG4=?=' "$H/read1raw.out"
ok $? "read --raw: the subject as sent, an RFC 2047 encoded word"
rune $B read "$id1" >"$H/read2.out" 2>&1
sed -n 3p "$H/read2.out" | grep -qx 'Verified: yes'
ok $? "read again: Verified: yes" || diag "$H/read2.out"

# -- reply: to the sender, Re: subject, In-Reply-To the Message-ID
mid=$(sed -n 's/^Message-ID: //p' "$H/read1.out" | head -1)
echo 'Danke!' | rune $B reply "$id1" - >"$H/reply.out" 2>"$H/reply.err"
ok $? "reply" || diag "$H/reply.err"
id2=$(cat "$H/reply.out")
rune $A read "$id2" >"$H/read3.out" 2>"$H/read3.err"
ok $? "alice reads the reply" || diag "$H/read3.err"
grep -qx 'From: bob@runetest' "$H/read3.out" &&
    grep -qx 'Verified: yes' "$H/read3.out"
ok $? "the reply is from bob, verified (alice pinned bob when sending)"
grep -qx 'Subject: Re: Grüße aus Köln' "$H/read3.out" &&
    grep -qx "In-Reply-To: $mid" "$H/read3.out" &&
    grep -qx "References: $mid" "$H/read3.out" && [ -n "$mid" ]
ok $? "Re: subject, In-Reply-To and References name the original" ||
    diag "$H/read3.out"

# -- a rejected message: ssig made for another receiver (13.7: ssig-bad)
bobpk=$(od -An -v -tx1 -j32 -N32 "$H/bob/secret.key" | tr -d ' \n')
PYTHONPATH=t/lib /usr/bin/python3 - "$PORT" "$bobpk" >"$H/bad.out" 2>&1 <<'PY'
import sys, talk, runemsg as rm
port, bobpk = int(sys.argv[1]), bytes.fromhex(sys.argv[2])
s = talk.Session(port)
me = "mallory@runetest"
assert s.register(me, rm.seed_of(me))[0] == 210
blob = rm.make_blob(me, rm.seed_of(me), "dave@runetest", bobpk,
                    b"Subject: hi\r\n\r\nnot for you\r\n")
code, t, _ = rm.send(s, me, "bob@runetest", None, blob)
assert code == 250, (code, t)
print(t[0])
PY
ok $? "a raw client sends bob a blob signed for another receiver" ||
    diag "$H/bad.out"
bad=$(tail -1 "$H/bad.out")
rune $B read "$bad" >"$H/rej.out" 2>"$H/rej.err"
is $? 100 "read of the rejected message: exit 100"
grep -q "message $bad not shown: the signature does not match .*'s pinned key.*(ssig-bad)" "$H/rej.err"
ok $? "rejected: the id and the reason" || diag "$H/rej.err"
! grep -q 'mallory\|not for you' "$H/rej.out"
ok $? "rejected: nothing shown as from its sender"
rune $B list --ids | grep -q "^$bad "
ok $? "rejected: left in the mailbox"

# -- fetch into a Maildir: delivered once, the rejected one reported
rune $B fetch --maildir "$H/md" >"$H/f1.out" 2>"$H/f1.err"
is $? 100 "fetch with a rejected message: exit 100"
grep -q "^held back $bad from .*: the signature does not match .*(ssig-bad)" "$H/f1.out" &&
    grep -q "^  to resolve: rune delete $bad" "$H/f1.out"
ok $? "fetch lists the held-back message, why and what resolves it" ||
    diag "$H/f1.out"
grep -q "^delivered $id1 from alice@runetest (verified: yes)" "$H/f1.out"
ok $? "fetch delivers the good one" || diag "$H/f1.out"
[ "$(stat -c %a "$H/md" "$H/md/tmp" "$H/md/new" "$H/md/cur" | sort -u)" = 700 ]
ok $? "Maildir directories 0700"
is "$(ls "$H/md/new" | wc -l)" 1 "one file in new/, none for the rejected"
is "$(ls "$H/md/tmp" | wc -l)" 0 "nothing left in tmp/"
f=$(ls "$H/md/new/"*)
/usr/bin/python3 - "$f" "$H/photo.bin" "$id1" >"$H/py.out" 2>&1 <<'PY'
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"),
                                   policy=email.policy.default)
def check(c, name):
    print(("ok - " if c else "not ok - ") + name)
check(m["X-Rune-Sender"] == "alice@runetest", "X-Rune-Sender")
check(m["X-Rune-Verified"] == "yes", "X-Rune-Verified")
check(m["X-Rune-Id"] == sys.argv[3], "X-Rune-Id")
check(m["X-Rune-Time"] is not None, "X-Rune-Time")
check(str(m["Subject"]) == "Grüße aus Köln", "the subject decodes")
check(m["From"] == "alice@runetest" and m["To"] == "bob@runetest", "From, To")
check(m.get_content_type() == "multipart/mixed", "multipart/mixed")
body = m.get_body(("plain",))
check(body.get_content() == "Grüße, Bob!\nZeile zwei.\n", "the text decodes")
att = list(m.iter_attachments())
check(len(att) == 1 and att[0].get_filename() == "photo.bin", "one attachment")
check(att[0].get_content() == open(sys.argv[2], "rb").read(),
      "the attachment round-trips")
PY
[ "$(grep -c "^ok - " "$H/py.out")" = 10 ]
ok $? "the Maildir file parses with python3's email module" || diag "$H/py.out"
while read -r l; do
	case $l in
	"ok - "*) ok 0 "Maildir: ${l#ok - }" ;;
	"not ok - "*) ok 1 "Maildir: ${l#not ok - }" ;;
	esac
done <"$H/py.out"

rune $B fetch --maildir "$H/md" >"$H/f2.out" 2>"$H/f2.err"
is "$(ls "$H/md/new" | wc -l)" 1 "fetch again: no duplicate delivery"
! grep -q '^delivered' "$H/f2.out"
ok $? "fetch again: nothing delivered"
[ -f "$H/bob/fetched/$id1" ]
ok $? "the record fetched/ID in the home"
rune $B fetch --maildir "$H/md" --delete >"$H/f3.out" 2>"$H/f3.err"
grep -qx "deleted $id1" "$H/f3.out"
ok $? "fetch --delete deletes what was delivered" || diag "$H/f3.out"
rune $B list --ids >"$H/list2.out"
grep -q "^$bad " "$H/list2.out" && ! grep -q "^$id1 " "$H/list2.out"
ok $? "the rejected message stays, the delivered one is gone"
echo 'third' | rune $A send bob@runetest -s plain - >"$H/s3.out" 2>&1 &&
    rune $B fetch --maildir "$H/md" --delete >"$H/f4.out" 2>&1
id3=$(cat "$H/s3.out")
grep -q "^delivered $id3 " "$H/f4.out" && grep -qx "deleted $id3" "$H/f4.out"
ok $? "fetch --delete: a new message delivered, then deleted" ||
    diag "$H/f4.out"
is "$(ls "$H/md/new" | wc -l)" 2 "two files in new/"

# -- delete
rune $B delete "$bad" >"$H/del.out" 2>&1
ok $? "delete" || diag "$H/del.out"
is "$(cat "$H/del.out")" "deleted $bad" "delete prints it"
rune $B delete "$bad" 2>"$H/del2.err"
is $? 100 "delete again: exit 100"
rune $B read "$bad" 2>"$H/read415.err"
is $? 100 "read of a deleted message: exit 100"
grep -q 'no such message' "$H/read415.err"
ok $? "no such message explained"
rune $B read nothex 2>/dev/null
is $? 100 "read of a malformed id: exit 100"
is "$(rune $B list --ids | wc -l)" 0 "the mailbox is empty"

# -- carol's key changes: the receiver and a sender stop loudly
echo 'from carol' | rune $C send bob@runetest - >"$H/c1.out" 2>/dev/null &&
    rune $B read "$(cat "$H/c1.out")" >/dev/null 2>&1
ok $? "bob reads carol (pins her key)"
oldfp=$(rune $B pins | sed -n 's/^key carol@runetest \(.*\) ed25519:.*/\1/p')
rune $C unregister --yes >/dev/null 2>&1 &&
    RUNE_ROOT=$H/root "$RUNE_BUILD/rune-keys" free carol@runetest \
    >/dev/null 2>&1 &&
    rune $C init carol@runetest --force >"$H/c.init" 2>&1 &&
    rune $C register >/dev/null 2>&1
ok $? "carol registers again with a new key"
newfp=$(sed -n 's/^fingerprint //p' "$H/c.init")
echo 'new carol' | rune $C send bob@runetest - >"$H/c2.out" 2>/dev/null
c2=$(cat "$H/c2.out")
rune $B read "$c2" >"$H/kc.out" 2>"$H/kc.err"
is $? 100 "read: a changed sender key: exit 100"
grep -q 'THE KEY OF ADDRESS carol@runetest HAS CHANGED' "$H/kc.err" &&
    grep -q "pinned fingerprint: $oldfp" "$H/kc.err" &&
    grep -q "seen fingerprint: *$newfp" "$H/kc.err" && [ -n "$oldfp" ]
ok $? "read: loud, with both fingerprints" || diag "$H/kc.err"
! grep -q 'new carol' "$H/kc.out"
ok $? "read: the message is not shown"
rune $B list --ids | grep -q "^$c2 "
ok $? "read: the message stays in the mailbox"
echo 'to carol' | rune $B send carol@runetest - >"$H/ks.out" 2>"$H/ks.err"
is $? 100 "send to a changed key: exit 100"
grep -q 'THE KEY OF ADDRESS carol@runetest HAS CHANGED' "$H/ks.err"
ok $? "send: loud" || diag "$H/ks.err"
[ ! -s "$H/ks.out" ]
ok $? "send: nothing sent"
rune $B fetch --maildir "$H/md" >/dev/null 2>"$H/kf.err"
is $? 100 "fetch stops at a changed key"
is "$(ls "$H/md/new" | wc -l)" 2 "fetch: nothing delivered as from carol"

# -- the editor, when stdin is a terminal and no file is named
printf '#!/bin/sh\nstat -c %%a "$1" >"%s/edmode"\necho "typed in the editor" >"$1"\n' \
    "$H" >"$H/ed" && chmod +x "$H/ed"
EDITOR=$H/ed VISUAL= script -qec "'$RUNE_BUILD/rune' --server $S $A send \
    alice@runetest -s edited" /dev/null >"$H/ed.out" 2>&1
ok $? "send with the editor (under script: a terminal)" || diag "$H/ed.out"
is "$(cat "$H/edmode" 2>/dev/null)" 600 "the draft is mode 0600"
[ -z "$(ls "$H/alice/tmp")" ]
ok $? "the draft is removed"
rune $A read "$(tr -d '\r' <"$H/ed.out" | grep -x '[0-9a-f]\{64\}')" \
    2>/dev/null | grep -qx 'typed in the editor'
ok $? "the editor's text was sent"

# -- usage
rune $A send 2>/dev/null
is $? 100 "send without an address: usage, exit 100"
rune $A send nobody@runetest -s x - </dev/null 2>"$H/nb.err"
is $? 100 "send to an unknown address: exit 100"
rune $A fetch 2>/dev/null
is $? 100 "fetch without --maildir: usage, exit 100"

# -- the server's MAXSIZE, refused before anything is sent
h_stop
h_start RUNE_MAXSIZE=2000
S=127.0.0.1:$PORT
head -c 3000 /dev/zero | tr '\0' x >"$H/big"
rune $A send bob@runetest "$H/big" >"$H/big.out" 2>"$H/big.err"
is $? 100 "a message over MAXSIZE: exit 100"
grep -q 'message too large: .* takes at most 2000, which leaves [0-9]* octets for the message.*; nothing sent' "$H/big.err"
ok $? "refused locally, saying why" || diag "$H/big.err"
rune $B list --ids >"$H/list3.out" 2>"$H/list3.err"
! grep -q . "$H/big.out" && [ "$(wc -l <"$H/list3.out")" = 2 ]
ok $? "nothing arrived (only carol's two messages wait)" || diag "$H/list3.out"
echo small | rune $A send bob@runetest - >/dev/null 2>&1
ok $? "a small message still goes"

done_testing
