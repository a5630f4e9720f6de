#!/bin/sh
# 103-client-sendmail.t: rune sendmail as mail programs call it: the real
# mutt, neomutt and bsd-mailx (Debian) in batch mode send through it
# (mailx through a link named sendmail); -t with To, Cc and Bcc (Bcc in
# no copy); git send-email's command line; -f checked; the sysexits.h
# codes a mail program shows (EX_NOUSER, EX_DATAERR, EX_NOPERM,
# EX_TEMPFAIL, EX_USAGE); mutt reading what fetch delivered, with the
# muttrc lines of doc/client.md showing the verification.
. t/lib/harness.sh
for p in mutt neomutt bsd-mailx script; do
	command -v $p >/dev/null || { echo "Bail out! $p is not installed (make deps)"; exit 1; }
done
h_domain
h_start
S=127.0.0.1:$PORT
rune() { "$RUNE_BUILD/rune" --server "$S" "$@"; }
for u in alice bob carol dave; do
	rune --home "$H/$u" init "$u@runetest" >/dev/null 2>&1 &&
	    rune --home "$H/$u" register >/dev/null 2>&1 || exit 1
done
ok 0 "alice, bob, carol and dave registered"
SM="$RUNE_BUILD/rune --server $S --home $H/alice sendmail"
last() {	# USER: the raw text of USER's newest message
	rune --home "$H/$1" list >/dev/null 2>&1
	n=$(rune --home "$H/$1" list --ids 2>/dev/null | wc -l)
	rune --home "$H/$1" read "$n" ${2:-} 2>/dev/null
}

# -- mutt and neomutt: the muttrc lines of doc/client.md
cat >"$H/muttrc" <<RC
set sendmail="$SM"
set from=alice@runetest
set realname="Alice Liddell"
set use_from=yes
set use_envelope_from=yes
set send_charset=utf-8
set record=
set copy=no
RC
printf 'Grüße von mutt\nZeile zwei\n' >"$H/body"
printf 'Anhang äöü\n' >"$H/anhang.txt"
HOME=$H mutt -n -F "$H/muttrc" -s 'Mutt: Grüße' -a "$H/anhang.txt" \
    -- bob@runetest <"$H/body" >"$H/mutt.out" 2>&1
ok $? "mutt sends through rune sendmail" || diag "$H/mutt.out"
last bob >"$H/m1"
grep -qx 'From: Alice Liddell <alice@runetest>' "$H/m1" &&
    grep -qx 'Verified: yes' "$H/m1" &&
    grep -qx 'Subject: Mutt: Grüße' "$H/m1" &&
    grep -qx 'Grüße von mutt' "$H/m1" &&
    grep -q '^  1  anhang.txt  text/plain  ' "$H/m1"
ok $? "bob reads mutt's message: verified, her name, decoded, the attachment listed" ||
    diag "$H/m1"
last bob --raw >"$H/m1raw"
is "$(grep -ci 'charset="*utf-8' "$H/m1raw")" 2 \
    "mutt's text part and text attachment carry charset=utf-8"

HOME=$H neomutt -n -F "$H/muttrc" -s 'From neomutt' -- bob@runetest \
    <"$H/body" >"$H/neo.out" 2>&1
ok $? "neomutt sends through rune sendmail" || diag "$H/neo.out"
last bob >"$H/m2"
grep -qx 'Subject: From neomutt' "$H/m2" && grep -qx 'Grüße von mutt' "$H/m2" &&
    grep -qx 'Verified: yes' "$H/m2"
ok $? "bob reads neomutt's message" || diag "$H/m2"

# mutt shows the sendmail error: another domain is EX_NOUSER (67)
HOME=$H mutt -n -F "$H/muttrc" -s x -- bob@example.com <"$H/body" \
    >"$H/mutt2.out" 2>&1
[ $? != 0 ] && grep -q 'not an address of runetest: RUNE carries mail within one domain' "$H/mutt2.out" &&
    grep -q 'exited 67' "$H/mutt2.out"
ok $? "mutt: another domain refused, exit 67 (User unknown), the sentence shown" ||
    diag "$H/mutt2.out"

# -- bsd-mailx, through a link named sendmail (as /usr/sbin/sendmail)
mkdir -p "$H/bin" && ln -s "$RUNE_BUILD/rune" "$H/bin/sendmail"
printf 'set sendmail=%s\n' "$H/bin/sendmail" >"$H/mailrc"
printf '%s\n' "$S" >"$H/alice/config/server"
HOME=$H MAILRC=$H/mailrc RUNE_HOME=$H/alice bsd-mailx -s 'From mailx' \
    bob@runetest carol@runetest <"$H/body" >"$H/mailx.out" 2>&1
ok $? "bsd-mailx sends to two through a sendmail link" || diag "$H/mailx.out"
sleep 1	# mailx may leave its sendmail child behind
for u in bob carol; do
	last $u >"$H/m3.$u"
	grep -qx 'Subject: From mailx' "$H/m3.$u" &&
	    grep -qx 'Verified: unverified (new key pinned)\|Verified: yes' "$H/m3.$u" &&
	    grep -qx 'Grüße von mutt' "$H/m3.$u"
	ok $? "$u reads mailx's message" || diag "$H/m3.$u"
done

# -- -t: To, Cc, Bcc from the header; Bcc in no copy
cat >"$H/msg-t" <<'M'
From: Alice <alice@runetest>
To: "Bob, the builder" <bob@runetest>
Cc: team: carol@runetest;
Bcc: dave@runetest (hidden)
Subject: with -t

hello all
M
$SM -t -i <"$H/msg-t" >"$H/t.out" 2>&1
ok $? "sendmail -t -i" || diag "$H/t.out"
for u in bob carol dave; do
	last $u --raw >"$H/t.$u"
	grep -qx 'Subject: with -t' "$H/t.$u" && grep -qx 'hello all' "$H/t.$u" &&
	    ! grep -qi '^bcc' "$H/t.$u" && ! grep -q dave "$H/t.$u"
	ok $? "$u got it, with no Bcc field" || diag "$H/t.$u"
done

# -- git send-email's command line: sendmail -i ADDRESS... (-f the own)
printf 'Subject: [PATCH] x\n\ndiff\n' | $SM -i -f alice@runetest \
    bob@runetest >"$H/g.out" 2>&1
ok $? "git send-email's form: -i -f own ADDRESS" || diag "$H/g.out"
last bob >"$H/g1"
grep -qx 'Subject: \[PATCH\] x' "$H/g1" && grep -q '^Message-ID: <' "$H/g1"
ok $? "delivered, a Message-ID added" || diag "$H/g1"

# -- exit codes (sysexits.h)
code() { "$@" >/dev/null 2>"$H/code.err"; echo $?; }
echo x >"$H/x"
is "$(code $SM nobody@runetest <"$H/x")" 67 "an address without a key: EX_NOUSER"
is "$(code $SM nobody <"$H/x")" 67 "a bare user name without a key: EX_NOUSER"
printf 'Subject: bare\n\nto a bare name\n' >"$H/bare"
is "$(code $SM bob <"$H/bare")" 0 \
    "a bare user name is the own domain's user, as sendmail takes a local one"
last bob >"$H/bare.got"
grep -qx 'Subject: bare' "$H/bare.got"
ok $? "... delivered to bob@runetest" || diag "$H/bare.got"
is "$(code $SM -f mallory@runetest bob@runetest <"$H/x")" 77 \
    "-f another address: EX_NOPERM"
is "$(code $SM -bs <"$H/x")" 64 "an unknown option: EX_USAGE"
is "$(code $SM -i <"$H/x")" 64 "no receivers: EX_USAGE"
h_stop
h_start RUNE_MAXSIZE=2000
S2=127.0.0.1:$PORT
head -c 3000 /dev/zero | tr '\0' x >"$H/big"
is "$(code "$RUNE_BUILD/rune" --server "$S2" --home "$H/alice" sendmail \
    bob@runetest <"$H/big")" 65 "a message over MAXSIZE: EX_DATAERR"
grep -q 'message too large' "$H/code.err"
ok $? "said so" || diag "$H/code.err"
h_stop
is "$(code "$RUNE_BUILD/rune" --server "$S2" --home "$H/alice" sendmail \
    bob@runetest <"$H/x")" 75 "the server unreachable: EX_TEMPFAIL"
h_start
S=127.0.0.1:$PORT

# -- mutt reads what fetch delivered; doc/client.md's lines show the
# verification (mutt hides X- fields by default)
rune --home "$H/bob" fetch --maildir "$H/md" >/dev/null 2>&1
ok $? "bob fetches into a Maildir"
# Debian's /etc/Muttrc hides every field but a few, as most setups do
{ echo 'source /etc/Muttrc'
  sed -n '/^<!-- muttrc-read -->$/,/^<!-- \/muttrc-read -->$/p' doc/client.md |
    sed '1,2d;$d' | sed '$d'; } >"$H/rc-read"
grep -q 'unignore' "$H/rc-read"
ok $? "doc/client.md holds the reading lines" || diag "$H/rc-read"
mutt_pipe() {	# RC OUT: mutt shows mutt's own message, piped decoded
	# (limited by its subject: the messages fetched in one second have
	# no order mutt can sort by, and the first was sometimes neomutt's)
	cat "$1" >"$H/rc-pipe"
	cat >>"$H/rc-pipe" <<RC
set pipe_decode=yes
set weed=yes
set quit=yes
set wait_key=no
set sort=date-received
RC
	mkdir -p "$H/mutthome/Mail"	# else mutt asks to create ~/Mail
	TERM=xterm HOME=$H/mutthome timeout 20 script -qec "mutt -n -F $H/rc-pipe \
	    -f $H/md -e 'push \"<limit>~s Mutt:<enter><pipe-message>cat >$2<enter><quit>\"'" \
	    /dev/null >/dev/null 2>&1 </dev/null
}
mutt_pipe "$H/rc-read" "$H/shown"
grep -qx 'X-Rune-Verified: yes' "$H/shown" && grep -q '^Subject: Mutt: Grüße' "$H/shown" &&
    grep -qx 'Grüße von mutt' "$H/shown"
ok $? "mutt shows the message with X-Rune-Verified" || diag "$H/shown"
echo 'source /etc/Muttrc' >"$H/rc-plain"
mutt_pipe "$H/rc-plain" "$H/shown2"
grep -q '^Subject: Mutt: Grüße' "$H/shown2" && ! grep -q 'X-Rune-Verified' "$H/shown2"
ok $? "without those lines mutt hides it (why they are needed)" || diag "$H/shown2"

done_testing
