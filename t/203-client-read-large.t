#!/bin/sh
# 203-client-read-large.t: rune read and rune reply of large messages
# (rune/msgfile.c's walk in the payload's file, getmsg_big), over
# tcpserver and TLS with the real client and server:
#   - the same messages (v2 from rune send: a small text, a text with a
#     600,000-octet attachment, a large text with CRLF and lone CRs; v1
#     from a raw sender, t/lib/mimemix.py: a multipart/mixed with a
#     quoted-printable ISO-8859-1 CRLF text, an attachment, a nested
#     multipart/alternative, a base64 UTF-8 text with escapes, an
#     unclosed inner multipart; a large 8bit ISO-8859-1 text; a plain
#     text with control octets) read by copies of bob's home: everything
#     in memory (the old path), as shipped, everything walked in the file
#     in its smallest pieces (RUNE_TEST_RXSTREAM_MIN=0
#     RUNE_TEST_VIEW_WIN=0) and with a small window: rune read, read
#     --raw and read --save give the same output and files, octet for
#     octet, on the first read and from the cache;
#   - rune reply to the large ones: the editor's draft quotes the text,
#     cut at 64 KiB with "> [quote cut at 64 KiB]" when it is longer,
#     the same draft whichever way the message was checked; alice gets
#     the reply;
#   - a message with a 7,400,000-octet attachment is read and replied to
#     within 16000 KiB of address space, read saying what the in-memory
#     path says (not under the sanitizers).
. t/lib/harness.sh
h_domain
echo 200 >"$RUNE_ROOT/control/prekeys"
echo 1000000000 >"$RUNE_ROOT/control/quota_bytes"
h_start
. t/lib/clientpair.sh
rune $B fetch --maildir "$H/m0" >/dev/null 2>"$H/e" &&
    rune $B key alice@runetest >/dev/null 2>>"$H/e" &&
    rune $A fetch --maildir "$H/am" >/dev/null 2>>"$H/e"
ok $? "bob logs in and pins alice; alice logs in" || diag "$H/e"

head -c 600000 /dev/urandom >"$H/att.bin"
/usr/bin/python3 -c '
import sys
l = b"a line ending CRLF\r\nanother with a lone \r in it\n"
sys.stdout.buffer.write(l * 8000 + b"the end, a lone CR\r")' >"$H/crlf.txt"
echo "small and plain" >"$H/small.txt"
echo "with an attachment" >"$H/text"
/usr/bin/python3 t/lib/mimemix.py "$H"
rune $A send --identified bob@runetest -s small "$H/small.txt" >"$H/ids" 2>"$H/e" &&
    rune $A send --identified bob@runetest -s big -a "$H/att.bin" \
    "$H/text" >>"$H/ids" 2>>"$H/e" &&
    rune $A send --identified bob@runetest -s crlf "$H/crlf.txt" \
    >>"$H/ids" 2>>"$H/e" &&
    PYTHONPATH=t/lib /usr/bin/python3 t/lib/v1send.py "$PORT" \
    "$H/alice/secret.key" "$H/bob/secret.key" mixed "@$H/mixed.eml" \
    latin1 "@$H/latin1.eml" plain "@$H/plain.eml" >"$H/v1ids" 2>>"$H/e" &&
    awk '{ print $2 }' "$H/v1ids" >>"$H/ids"
ok $? "alice sends bob three v2 messages and three MIME payloads as v1" ||
    diag "$H/e"
is "$(wc -l <"$H/ids")" 6 "six ids"
for k in 2 3 4 5; do
	cp -a "$H/bob" "$H/bob$k"
done
# bob: as shipped; bob2: all in memory (the old path); bob3: all in the
# file, every part walked in pieces; bob4: a window of 300 octets (small
# parts walked in memory, large ones in the file)
rd() {	# HOME-SUFFIX OUT ARGS...
	k=$1 o=$2
	shift 2
	case $k in
	2) RUNE_TEST_RXSTREAM_MIN=100000000 rune --home "$H/bob2" read "$@" ;;
	3) RUNE_TEST_RXSTREAM_MIN=0 RUNE_TEST_VIEW_WIN=0 \
	    rune --home "$H/bob3" read "$@" ;;
	4) RUNE_TEST_RXSTREAM_MIN=0 RUNE_TEST_VIEW_WIN=300 \
	    rune --home "$H/bob4" read "$@" ;;
	*) rune --home "$H/bob" read "$@" ;;
	esac >"$o" 2>&1 || echo "read $k $* failed" >>"$H/read.err"
}
: >"$H/read.err"
for pass in first cache; do
	same=0 raw=0 saved=0
	n=0
	for id in $(cat "$H/ids"); do
		n=$((n + 1))
		for k in 1 2 3 4; do
			rd $k "$H/r$k" "$id"
			rd $k "$H/w$k" "$id" --raw
			rm -rf "$H/s$k"; mkdir "$H/s$k"
			rd $k "$H/v$k" "$id" --save "$H/s$k"
			sed "s|$H/s$k|DIR|" "$H/v$k" >"$H/v$k.n"
		done
		cmp -s "$H/r2" "$H/r1" && cmp -s "$H/r2" "$H/r3" &&
		    cmp -s "$H/r2" "$H/r4" && same=$((same + 1))
		cmp -s "$H/r2" "$H/r3" || cp "$H/r3" "$H/diff.$pass.$n"
		cmp -s "$H/w2" "$H/w1" && cmp -s "$H/w2" "$H/w3" &&
		    cmp -s "$H/w2" "$H/w4" && raw=$((raw + 1))
		cmp -s "$H/v2.n" "$H/v1.n" && cmp -s "$H/v2.n" "$H/v3.n" &&
		    cmp -s "$H/v2.n" "$H/v4.n" && diff -r "$H/s2" "$H/s1" &&
		    diff -r "$H/s2" "$H/s3" && diff -r "$H/s2" "$H/s4" &&
		    saved=$((saved + 1))
		[ $n = 4 ] && cp "$H/r2" "$H/mixed.read"
	done >/dev/null 2>&1
	is "$same" 6 "read ($pass): the same output in memory, as shipped, in the file in pieces, with a small window" ||
	    diag "$H/read.err"
	is "$raw" 6 "read --raw ($pass): the same output the four ways"
	is "$saved" 6 "read --save ($pass): the same output and the same files the four ways"
done
# the mixed one shows what its parts hold (the walk is not empty)
grep -q "^café crème brûlée, a soft break here and on$" "$H/mixed.read" &&
    grep -q "^the plain alternative$" "$H/mixed.read" &&
    grep -q "^unclosed inner$" "$H/mixed.read" &&
    grep -q "^naïve ☃ snow$" "$H/mixed.read" &&
    grep -q "application/octet-stream  293.0 KiB" "$H/mixed.read" &&
    ! grep -q "<p>html" "$H/mixed.read"
ok $? "the mixed message: decoded ISO-8859-1 and UTF-8 text, the plain alternative, the inner part, the attachment listed" ||
    diag "$H/mixed.read"
is "$(ls -A "$H/bob/tmp" "$H/bob3/tmp" 2>/dev/null | grep -vc ':$\|^$')" 0 \
    "no temporary file left in the homes' tmp/"

# reply: to the attachment, to the long CRLF text (its quote cut); the
# quote is the editor's draft (t/101), the editor under script(1)
printf '#!/bin/sh\ncp "$1" "$DRAFT"\necho "my answer" >>"$1"\n' \
    >"$H/ed" && chmod +x "$H/ed"
big=$(sed -n 2p "$H/ids")
long=$(sed -n 3p "$H/ids")
reply() {	# DRAFT HOME ID ENV...
	d=$1 hm=$2 id=$3
	shift 3
	DRAFT=$d EDITOR=$H/ed VISUAL= script -qec \
	    "env $* sh -c 'ulimit -v ${LIM:-unlimited}; exec $RUNE_BUILD/rune --server $S --home $hm reply $id'" \
	    /dev/null >>"$H/rp" 2>&1
}
: >"$H/rp"
reply "$H/d1" "$H/bob" "$big" X=1 &&
    reply "$H/d2" "$H/bob3" "$long" RUNE_TEST_RXSTREAM_MIN=0 \
    RUNE_TEST_VIEW_WIN=0 &&
    reply "$H/d3" "$H/bob2" "$long" RUNE_TEST_RXSTREAM_MIN=100000000
ok $? "bob replies to the large ones (as shipped; walked in pieces; in memory)" ||
    diag "$H/rp"
grep -q "^> with an attachment$" "$H/d1" && ! grep -q "quote cut" "$H/d1"
ok $? "the draft of the reply to the attachment quotes its text, whole" ||
    diag "$H/d1"
grep -q "^> a line ending CRLF$" "$H/d2" &&
    grep -q "^> \[quote cut at 64 KiB\]$" "$H/d2" &&
    ! grep -q "the end, a lone CR" "$H/d2" &&
    [ "$(wc -c <"$H/d2")" -lt 80000 ] && [ "$(wc -c <"$H/d2")" -gt 60000 ]
ok $? "the draft of the reply to the long text quotes its first 64 KiB, then says it is cut" ||
    diag "$H/rp"
cmp -s "$H/d2" "$H/d3"
ok $? "the same draft when the message was checked in memory"
rune $A fetch --maildir "$H/am" >"$H/af" 2>&1
f1=$(grep -l "^Subject: Re: big" "$H"/am/new/* | head -1)
[ -n "$f1" ] && grep -q "^> with an attachment$" "$f1" &&
    grep -q "^my answer$" "$f1"
ok $? "alice gets the reply, the quote and the answer" || diag "$H/af"

# bounded: 7,400,000 octets of attachment (stored near MAXSIZE)
if [ -n "${RUNE_SAN:-}" ]; then
	ok 0 "# SKIP the address-space limit (sanitizers)"
	ok 0 "# SKIP the address-space limit (sanitizers)"
	ok 0 "# SKIP the address-space limit (sanitizers)"
else
	head -c 7400000 /dev/urandom >"$H/att7.bin"
	rune $A send --identified bob@runetest -s seven -a "$H/att7.bin" \
	    "$H/text" >"$H/id7" 2>"$H/e"
	cp -a "$H/bob2" "$H/bob6"
	RUNE_TEST_RXSTREAM_MIN=100000000 rune --home "$H/bob6" read \
	    "$(cat "$H/id7")" >"$H/r7mem" 2>"$H/e7"
	(ulimit -v ${T203_VLIMIT:-16000}; exec "$RUNE_BUILD/rune" --server "$S" \
	    --home "$H/bob" read "$(cat "$H/id7")") >"$H/r7" 2>&1
	(ulimit -v ${T203_VLIMIT:-16000}; exec "$RUNE_BUILD/rune" --server "$S" \
	    --home "$H/bob" read "$(cat "$H/id7")") >"$H/r7c" 2>&1
	grep -q "att7.bin  application/octet-stream  7.1 MiB" "$H/r7" &&
	    cmp -s "$H/r7" "$H/r7mem" && cmp -s "$H/r7c" "$H/r7mem"
	ok $? "within ${T203_VLIMIT:-16000} KiB of address space, rune read of it, retrieved and from the cache, says what the in-memory path says" ||
	    diag "$H/r7" "$H/r7c"
	LIM=${T203_VLIMIT:-16000} reply "$H/d7" "$H/bob" "$(cat "$H/id7")" X=1 &&
	    grep -q "^> with an attachment$" "$H/d7" &&
	    rune $A fetch --maildir "$H/am3" >/dev/null 2>&1 &&
	    grep -q "^my answer$" "$(grep -l "^Subject: Re: seven" "$H"/am3/new/* | head -1)"
	ok $? "and rune reply to it, within the same limit: its draft quotes the text, alice gets it" ||
	    diag "$H/rp"
	# by its Maildir file (mutt's way): only the file's header is read
	rune $B fetch --maildir "$H/m7" >/dev/null 2>&1
	f7=$(grep -l "^X-Rune-Id: $(cat "$H/id7")" "$H"/m7/new/* | head -1)
	[ -n "$f7" ] && LIM=${T203_VLIMIT:-16000} reply "$H/d8" "$H/bob" "$f7" X=1 &&
	    grep -q "^> with an attachment$" "$H/d8"
	ok $? "rune reply by its Maildir file, within the same limit (the header read, not the file)" ||
	    diag "$H/rp"
fi
done_testing
