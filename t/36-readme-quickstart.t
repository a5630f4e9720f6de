#!/bin/sh
# 36-readme-quickstart.t: the README's quick start, run literally: its
# lines between <!-- quickstart --> and <!-- /quickstart --> against a
# demo server started as `make run` starts it (rune-admin/run-demo.sh),
# on a free port and with /tmp/ moved into the scratch directory; each
# step's output checked, then the Maildir file read with python3's email.
. t/lib/harness.sh
mkdir -p "$H/qs" || exit 1
. t/lib/demo.sh
ok 0 "the demo server runs as make run starts it"

# the walk-through: the sh block between the markers
sed -n '/^<!-- quickstart -->$/,/^<!-- \/quickstart -->$/p' README.md |
    sed '1,2d;$d' | sed '$d' >"$H/qs.txt"
[ "$(sed -n '/^<!-- quickstart -->$/{n;p;}' README.md)" = '```sh' ] &&
    [ "$(sed -n '/^<!-- \/quickstart -->$/{x;p;};h' README.md)" = '```' ]
ok $? "README: one sh block between the markers"
n=$(grep -c -v -e '^#' -e '^$' "$H/qs.txt")
[ "$n" -ge 15 ]
ok $? "README: $n command lines"

# each command line becomes a step with its output kept:
# build/rune -> $RUNE_BUILD/rune, 127.0.0.1:7863 -> the port, /tmp/ -> $H/qs/,
# var/runedemo -> the demo's domain (last: $H may hold /tmp/)
sed -e "s|127\.0\.0\.1:7863|127.0.0.1:$PORT|g" -e "s|/tmp/|$H/qs/|g" \
    -e "s|build/rune|$RUNE_BUILD/rune|g" \
    -e "s| var/runedemo| $H/demo/var/runedemo|g" "$H/qs.txt" | {
	i=0
	while IFS= read -r l; do
		case $l in '#'*|'') continue ;; esac
		i=$((i + 1))
		printf '%s\n' "$l" >"$H/step.$i.cmd"
		printf '{ %s\n} >"%s" 2>"%s"; echo $? >"%s"\n' "$l" \
		    "$H/step.$i.out" "$H/step.$i.err" "$H/step.$i.rc"
	done
} >"$H/qs.sh"
(cd "$H/qs" && sh "$H/qs.sh")

# step PATTERN [NTH]: the number of the NTH step whose command matches
step() {
	grep -l -e "$1" "$H"/step.*.cmd 2>/dev/null |
	    sed 's/.*step\.\([0-9]*\)\.cmd/\1/' | sort -n | sed -n "${2:-1}p"
}
# ran N NAME: the step ran with exit 0
ran() {
	[ -n "$1" ] && [ "$(cat "$H/step.$1.rc" 2>/dev/null)" = 0 ]
	ok $? "$2" || { cat "$H/step.$1.cmd" "$H/step.$1.err" 2>/dev/null |
	    sed 's/^/# /'; }
}
out() { cat "$H/step.$1.out" 2>/dev/null; }

s=$(step 'alice join'); ran "$s" "the admin invites alice, alice joins"
out "$s" | grep -qx 'address alice@runedemo' &&
    out "$s" | grep -qx "server 127.0.0.1:$PORT"
ok $? "join names alice@runedemo and the demo server" || diag "$H/step.$s.out"
is "$(out "$s" | tail -n 1)" "registered alice@runedemo" "alice registered"
grep -q 'pinned the TLS key of .* from the invitation' "$H/step.$s.err" &&
    ! grep -q 'first contact' "$H/step.$s.err"
ok $? "join pinned the server from the invitation, no blind first contact" ||
    diag "$H/step.$s.err"
s=$(step 'bob init'); ran "$s" "bob init"
s=$(step 'bob register'); ran "$s" "bob register"
is "$(out "$s")" "registered bob@runedemo" "bob registered"
s=$(step 'alice key bob'); ran "$s" "alice: key bob@runedemo"
out "$s" | grep -qx 'address bob@runedemo' &&
    out "$s" | grep -q '^fingerprint '
ok $? "key prints bob's key and fingerprint"
s=$(step 'alice send'); ran "$s" "alice sends bob a message"
sent=$(out "$s")
expr "$sent" : '[0-9a-f]\{64\}$' >/dev/null
ok $? "send prints the message id"
s=$(step 'bob key alice'); ran "$s" "bob: key alice@runedemo"
s=$(step 'bob list$'); ran "$s" "bob lists"
out "$s" | grep -q "^ *1 N [0-9]\{4\}-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]  alice@runedemo \((sender hidden from the server)\)\{0,1\} .* B  Meeting notes\$" &&
    [ "$(out "$s" | wc -l)" = 1 ]
ok $? "list: number 1, new, date, alice, size, subject" ||
    out "$s" | sed 's/^/# /'
s=$(step 'bob read 1$'); ran "$s" "bob reads message 1"
out "$s" | sed -n 1,3p >"$H/rh"
sed -n 1p "$H/rh" | grep -qx 'From: alice@runedemo' &&
    sed -n 2p "$H/rh" | grep -q '^Date: ' &&
    sed -n 3p "$H/rh" | grep -qx 'Verified: yes'
ok $? "bob reads it from alice, verified" || diag "$H/rh"
out "$s" | grep -qx 'Subject: Meeting notes' &&
    out "$s" | grep -qx 'the notes are attached.' &&
    out "$s" | grep -qx '  1  notes.txt  text/plain  18 B' &&
    ! out "$s" | grep -q -e 'base64' -e '^--' -e 'Content-'
ok $? "the subject, the text, the attachment listed, no MIME" ||
    out "$s" | sed 's/^/# /'
s=$(step 'read 1 --save'); ran "$s" "bob saves the attachment"
cmp -s "$H/qs/bob-files/notes.txt" "$H/qs/notes.txt"
ok $? "the attachment saved as notes.txt, as alice sent it"
s=$(step 'bob reply'); ran "$s" "bob replies"
replied=$(out "$s")
expr "$replied" : '[0-9a-f]\{64\}$' >/dev/null
ok $? "reply prints the message id"
s=$(step 'alice list'); ran "$s" "alice lists"
out "$s" | grep -q "^ *1 N .*  bob@runedemo .*  Re: Meeting notes\$"
ok $? "alice's list: the reply from bob" || out "$s" | sed 's/^/# /'
s=$(step 'alice read 1'); ran "$s" "alice reads the reply"
out "$s" | grep -qx 'From: bob@runedemo' &&
    out "$s" | grep -qx 'Verified: yes' &&
    out "$s" | grep -qx 'Subject: Re: Meeting notes' &&
    out "$s" | grep -qx 'Thanks, Alice!' &&
    out "$s" | grep -q '^In-Reply-To: <'
ok $? "the reply: from bob, verified, Re:, In-Reply-To" ||
    out "$s" | sed 's/^/# /'
s=$(step 'bob fetch'); ran "$s" "bob fetches into a Maildir"
out "$s" | grep -q "^delivered $sent from alice@runedemo (verified: yes[;)]" &&
    out "$s" | grep -qx "deleted $sent"
ok $? "fetch delivers, then deletes" || out "$s" | sed 's/^/# /'
[ "$(ls "$H/qs/bob-mail/new" | wc -l)" = 1 ]
ok $? "one message in the Maildir"
/usr/bin/python3 - "$H"/qs/bob-mail/new/* "$H/qs/notes.txt" "$sent" \
    >"$H/py.out" 2>&1 <<'PY'
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"),
                                   policy=email.policy.default)
att = list(m.iter_attachments())
good = (m["X-Rune-Sender"] == "alice@runedemo" and
        m["X-Rune-Verified"] == "yes" and m["X-Rune-Id"] == sys.argv[3] and
        m["Subject"] == "Meeting notes" and m["From"] == "alice@runedemo" and
        "the notes are attached." in m.get_body(("plain",)).get_content() and
        len(att) == 1 and att[0].get_filename() == "notes.txt" and
        att[0].get_content() == open(sys.argv[2]).read())
print("good" if good else "bad: %r" % (m.items(),))
PY
is "$(cat "$H/py.out")" good "the Maildir file: X-Rune headers, subject, text, attachment"
"$RUNE_BUILD/rune" --home "$H/qs/bob" list --ids >"$H/after"
[ ! -s "$H/after" ]
ok $? "bob's mailbox is empty after fetch --delete"

done_testing
