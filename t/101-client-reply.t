#!/bin/sh
# 101-client-reply.t: rune reply by list number, by id prefix, by
# Message-ID, by a Maildir file (also on stdin, as mutt's pipe-message
# gives it), after fetch --delete (the cache); the editor's draft starts
# with the original quoted.
. t/lib/harness.sh
h_domain
h_start
. t/lib/clientpair.sh
printf 'Line one.\nLine two, =quoted=.\n' | rune $A send bob@runetest \
    -s 'Plans für morgen' - >"$H/id" 2>/dev/null
ok $? "alice writes bob"
id=$(cat "$H/id")

# the reply's subject and In-Reply-To, as alice reads message N
check() {	# N NAME
	rune $A list >/dev/null 2>&1
	rune $A read "$1" >"$H/ar" 2>&1
	grep -qx 'From: bob@runetest' "$H/ar" &&
	    grep -qx 'Subject: Re: Plans für morgen' "$H/ar" &&
	    grep -qx "In-Reply-To: $mid" "$H/ar"
	ok $? "$2: the reply reaches alice, Re: subject, In-Reply-To" ||
	    diag "$H/ar"
}

rune $B list >/dev/null 2>&1
mid=$(rune $B read 1 2>/dev/null | sed -n 's/^Message-ID: //p')
[ -n "$mid" ]
ok $? "the original's Message-ID: $mid"

echo 'by number' | rune $B reply 1 - >/dev/null 2>"$H/e1"
ok $? "reply 1 (the list number)" || diag "$H/e1"
check 1 "by number"
echo 'by prefix' | rune $B reply "$(echo "$id" | cut -c1-10)" - \
    >/dev/null 2>"$H/e2"
ok $? "reply by a 10-digit id prefix" || diag "$H/e2"
check 2 "by prefix"

# fetch --delete: the server has it no more; the cache keeps it
rune $B fetch --maildir "$H/md" --delete >/dev/null 2>"$H/f.err"
ok $? "fetch --delete" || diag "$H/f.err"
[ -z "$(rune $B list --ids)" ]
ok $? "bob's mailbox on the server is empty"
echo 'after delete' | rune $B reply 1 - >/dev/null 2>"$H/e3"
ok $? "reply 1 after fetch --delete" || diag "$H/e3"
check 3 "after fetch --delete"
echo 'by message-id' | rune $B reply "$mid" - >/dev/null 2>"$H/e4"
ok $? "reply by Message-ID" || diag "$H/e4"
check 4 "by Message-ID"
f=$(ls "$H/md/new/"* | head -1)
echo 'by file' >"$H/t5"
rune $B reply "$f" "$H/t5" >/dev/null 2>"$H/e5"
ok $? "reply by the Maildir file" || diag "$H/e5"
check 5 "by Maildir file"
echo 'by pipe' >"$H/t6"
rune $B reply /dev/stdin "$H/t6" <"$f" >/dev/null 2>"$H/e6"
ok $? "reply by the Maildir file on stdin (/dev/stdin)" || diag "$H/e6"
check 6 "by pipe"

# without the cache, a Maildir file still names its message (X-Rune-Id);
# gone from the server and from the cache: a sentence, exit 100
rm -rf "$H/bob/cache"
echo x | rune $B reply "$f" - >/dev/null 2>"$H/e7"
is $? 100 "reply to a message gone from the server and the cache: 100"
grep -q "reply: no such message: $id" "$H/e7"
ok $? "explained" || diag "$H/e7"
echo x | rune $B reply '<nothing@runetest>' - >/dev/null 2>"$H/e8"
is $? 100 "reply to an unknown Message-ID: 100"
grep -q 'no message in the cache has the Message-ID' "$H/e8"
ok $? "explained" || diag "$H/e8"
echo 'From: x' >"$H/notrune"
echo x | rune $B reply "$H/notrune" - >/dev/null 2>"$H/e9"
is $? 100 "reply to a file without X-Rune-Id: 100"

# the editor's draft starts with the original, quoted
printf 'Hi\n' | rune $A send bob@runetest -s second - >/dev/null 2>&1
rune $B list >/dev/null 2>&1
printf '#!/bin/sh\ncp "$1" "%s/draft"\necho "my answer" >>"$1"\n' "$H" \
    >"$H/ed" && chmod +x "$H/ed"
EDITOR=$H/ed VISUAL= script -qec "'$RUNE_BUILD/rune' --server $S $B reply 1" \
    /dev/null >"$H/ed.out" 2>&1
ok $? "reply with the editor (under script: a terminal)" || diag "$H/ed.out"
grep -q '^On .*, alice@runetest wrote:$' "$H/draft" &&
    grep -qx '> Hi' "$H/draft" && ! grep -q "$(printf '\r')" "$H/draft"
ok $? "the draft quotes the original, LF line ends" || diag "$H/draft"
rune $A list >/dev/null 2>&1
rune $A read 7 2>/dev/null >"$H/a7"
grep -qx '> Hi' "$H/a7" && grep -qx 'my answer' "$H/a7"
ok $? "the reply holds the quote and the answer" || diag "$H/a7"

done_testing
