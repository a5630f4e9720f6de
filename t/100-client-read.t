#!/bin/sh
# 100-client-read.t: rune list and rune read as a person uses them: one
# line per message (number, date, checked sender, size, subject), the
# local cache (0600, sealed, used instead of a second download, enough
# to read with the server gone), read by number and by id prefix, MIME
# decoded (RFC 2047 subjects, quoted-printable, base64, ISO-8859-1 text,
# multipart/alternative), attachments listed instead of their base64,
# --save (safe names, never outside DIR, never over a file), --raw.
. t/lib/harness.sh
h_domain
h_start
. t/lib/clientpair.sh
bobpk=$(od -An -v -tx1 -j32 -N32 "$H/bob/secret.key" | tr -d ' \n')

# 1: alice, with rune send: a UTF-8 subject and text, a 1 MiB attachment
printf 'Grüße, Bob!\nZeile zwei.\n' >"$H/text"
head -c 1048576 /dev/urandom >"$H/big.bin"
rune $A send bob@runetest -s 'Grüße aus Köln' -a "$H/big.bin" "$H/text" \
    >"$H/id1" 2>"$H/send.err"
ok $? "alice sends a message with a 1 MiB attachment" || diag "$H/send.err"
id1=$(cat "$H/id1")

# 2: mallory, a raw client: what other mail programs send
PYTHONPATH=t/lib /usr/bin/python3 - "$PORT" "$bobpk" >"$H/m.out" 2>&1 <<'PY'
import sys, talk, runemsg as rm
port, bobpk = int(sys.argv[1]), bytes.fromhex(sys.argv[2])
s = talk.Session(port)
me = "mallory@runetest"
assert s.register(me, rm.seed_of(me))[0] == 210
payload = (
    b"From: mallory@runetest\r\n"
    b"To: bob@runetest\r\n"
    b"Subject: =?ISO-8859-1?Q?Caf=E9_cr=E8me?= =?UTF-8?B?IOKCrDU=?=\r\n"
    b"Message-ID: <m2@runetest>\r\n"
    b"MIME-Version: 1.0\r\n"
    b"Content-Type: multipart/mixed; boundary=\"XX\"\r\n"
    b"\r\n"
    b"preamble, not shown\r\n"
    b"--XX\r\n"
    b"Content-Type: multipart/alternative; boundary=YY\r\n"
    b"\r\n"
    b"--YY\r\n"
    b"Content-Type: text/plain; charset=\"iso-8859-1\"\r\n"
    b"Content-Transfer-Encoding: quoted-printable\r\n"
    b"\r\n"
    b"Ol=E9, a long line that is soft-=\r\n"
    b"broken here.\r\n"
    b"--YY\r\n"
    b"Content-Type: text/html\r\n"
    b"\r\n"
    b"<p>HTML, not shown</p>\r\n"
    b"--YY--\r\n"
    b"--XX\r\n"
    b"Content-Type: application/pdf; name=\"x.pdf\"\r\n"
    b"Content-Disposition: attachment; filename=\"../../evil.pdf\"\r\n"
    b"Content-Transfer-Encoding: base64\r\n"
    b"\r\n"
    b"JVBERi0xLjQK\r\n"
    b"--XX\r\n"
    b"Content-Type: text/plain\r\n"
    b"Content-Disposition: attachment;\r\n"
    b" filename*=utf-8''%C3%BCber%2Fsicht.txt\r\n"
    b"Content-Transfer-Encoding: base64\r\n"
    b"\r\n"
    b"w7xiZXIK\r\n"
    b"--XX\r\n"
    b"Content-Type: application/octet-stream\r\n"
    b"Content-Disposition: attachment; filename=\".hidden\"\r\n"
    b"\r\n"
    b"dot\r\n"
    b"--XX--\r\n"
    b"epilogue, not shown\r\n")
blob = rm.make_blob(me, rm.seed_of(me), "bob@runetest", bobpk, payload)
code, t, _ = rm.send(s, me, "bob@runetest", None, blob)
assert code == 250, (code, t)
print(t[0])
PY
ok $? "mallory sends a multipart message as mail programs do" ||
    diag "$H/m.out"
id2=$(tail -1 "$H/m.out")

# -- list
rune $B list >"$H/l1" 2>"$H/l1.err"
ok $? "list" || diag "$H/l1.err"
is "$(wc -l <"$H/l1")" 2 "list: one line per message"
d='[0-9]\{4\}-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]'
grep -q "^   1 N $d  alice@runetest (new key pinned)  *1\.4 MiB  Grüße aus Köln\$" "$H/l1" &&
    grep -q "^   2 N $d  mallory@runetest (new key pinned)  *[0-9]* B  Café crème €5\$" "$H/l1"
ok $? "list: number, new, date, checked sender, text size, decoded subject, oldest first" ||
    diag "$H/l1"
! grep -q '[0-9a-f]\{64\}' "$H/l1"
ok $? "list: no 64-digit ids"
is "$(stat -c %a "$H/bob/cache/$id1" "$H/bob/cache/$id2" | sort -u)" 600 \
    "the cache: one file per message, mode 0600"
f="$(ls "$H/root"/store/*/cur/*."$id1".* | head -1)"
cmp -s "$f" "$H/bob/cache/$id1"
ok $? "the cache holds the blob as the server stored it (sealed)"
! grep -q 'Zeile zwei' "$H/bob/cache/$id1"
ok $? "the cached blob shows no text"

# the server's copies corrupted: a second download would be refused
# (RETRIEVE checks the id), so a list that works came from the cache
for id in "$id1" "$id2"; do
	f="$(ls "$H/root"/store/*/cur/*."$id".* | head -1)"
	/usr/bin/python3 -c "
import sys; p = sys.argv[1]; d = bytearray(open(p, 'rb').read())
d[100] ^= 1; open(p, 'wb').write(d)" "$f"
done
rune $B list >"$H/l2" 2>"$H/l2.err"
ok $? "list again with the server's copies damaged: no second download" ||
    diag "$H/l2.err"
is "$(sed 's/(new key pinned)//; s/  */ /g' "$H/l2")" \
    "$(sed 's/(new key pinned)//; s/  */ /g' "$H/l1")" "the same lines (from the cache)"

# -- read by number: decoded, the attachment listed
rune $B read 1 >"$H/r1" 2>"$H/r1.err"
ok $? "read 1" || diag "$H/r1.err"
sed -n 1p "$H/r1" | grep -qx 'From: alice@runetest' &&
    sed -n 3p "$H/r1" | grep -qx 'Verified: yes' &&
    grep -qx 'Subject: Grüße aus Köln' "$H/r1" &&
    grep -qx 'To: bob@runetest' "$H/r1" &&
    grep -qx 'Grüße, Bob!' "$H/r1" && grep -qx 'Zeile zwei.' "$H/r1"
ok $? "read 1: checked block, decoded subject, the text decoded" ||
    diag "$H/r1"
grep -qx '  1  big.bin  application/octet-stream  1.0 MiB' "$H/r1"
ok $? "read 1: the attachment listed: name, type, size" || diag "$H/r1"
[ "$(wc -l <"$H/r1")" -lt 20 ]
ok $? "read 1: $(wc -l <"$H/r1") lines, not the base64 of 1 MiB"
! grep -q -e 'quoted-printable' -e '=C3' -e 'Content-' "$H/r1"
ok $? "read 1: no MIME syntax"

# -- read by id prefix
rune $B read "$(echo "$id2" | cut -c1-8)" >"$H/r2" 2>"$H/r2.err"
ok $? "read by an 8-digit id prefix" || diag "$H/r2.err"
grep -qx 'Subject: Café crème €5' "$H/r2" &&
    grep -qx 'Olé, a long line that is soft-broken here.' "$H/r2" &&
    ! grep -q -e 'HTML, not shown' -e preamble -e epilogue "$H/r2"
ok $? "read: Q and B words, ISO-8859-1 quoted-printable, text/plain of an alternative" ||
    diag "$H/r2"
grep -qx '  1  ../../evil.pdf  application/pdf  9 B' "$H/r2" &&
    grep -qx '  2  über/sicht.txt  text/plain  6 B' "$H/r2" &&
    grep -qx '  3  .hidden  application/octet-stream  3 B' "$H/r2"
ok $? "read: the attachments as the sender named them, RFC 2231 decoded" ||
    diag "$H/r2"
rune $B read 1234567 >/dev/null 2>"$H/e1"
is $? 100 "read of a prefix shorter than 8 digits (a number not listed): 100"
grep -q 'no message 1234567 in the last list' "$H/e1"
ok $? "explained" || diag "$H/e1"
rune $B read zzzzzzzzzz >/dev/null 2>"$H/e2"
is $? 100 "read of a non-hex word: 100"

# -- --save: safe names, inside DIR, never over a file
mkdir "$H/save" && echo keep >"$H/save/evil.pdf"
rune $B read 2 --save "$H/save" >"$H/s.out" 2>"$H/s.err"
ok $? "read --save" || diag "$H/s.err"
is "$(cat "$H/save/evil.pdf")" keep "an existing file is not replaced"
is "$(cat "$H/save/evil-2.pdf")" "%PDF-1.4" "evil.pdf saved as evil-2.pdf"
is "$(cat "$H/save/sicht.txt")" "über" "über/sicht.txt saved as sicht.txt"
is "$(cat "$H/save/hidden")" "dot" ".hidden saved as hidden"
[ ! -e "$H/evil.pdf" ] && [ ! -e "$H/../evil.pdf" ]
ok $? "nothing written outside DIR"
rune $B read 1 --save "$H/save" >/dev/null 2>&1
cmp -s "$H/save/big.bin" "$H/big.bin"
ok $? "the 1 MiB attachment saved as sent"
rune $B read 1 --save "$H/nodir" >/dev/null 2>"$H/s2.err"
is $? 100 "--save into a missing directory: 100"

# -- --raw: the message as sent
rune $B read 2 --raw >"$H/raw" 2>&1
grep -qx 'Subject: =?ISO-8859-1?Q?Caf=E9_cr=E8me?= =?UTF-8?B?IOKCrDU=?=' "$H/raw" &&
    grep -q 'HTML, not shown' "$H/raw"
ok $? "read --raw: as sent" || diag "$H/raw"

# -- seen, and reading with the server gone
rune $B list >"$H/l3" 2>&1
grep -q '^   1   ' "$H/l3" && grep -q '^   2   ' "$H/l3"
ok $? "list: read messages lose their N" || diag "$H/l3"
h_stop
rune $B read 1 >"$H/r3" 2>"$H/r3.err"
ok $? "read 1 with the server stopped: from the cache" || diag "$H/r3.err"
grep -qx 'Verified: yes' "$H/r3"
ok $? "checked again offline with the pins: Verified: yes"

# -- a damaged cache file is refused, not shown
f="$H/bob/cache/$id1"
/usr/bin/python3 -c "
import sys; p = sys.argv[1]; d = bytearray(open(p, 'rb').read())
d[200] ^= 1; open(p, 'wb').write(d)" "$f"
rune $B read 1 >"$H/r4" 2>"$H/r4.err"
is $? 100 "a damaged cached message: exit 100"
grep -q 'not shown' "$H/r4.err" && ! grep -q 'Zeile' "$H/r4"
ok $? "refused as rejected, nothing shown" || diag "$H/r4.err"

done_testing
