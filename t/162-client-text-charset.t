#!/bin/sh
# 162-client-text-charset.t: a message text that is not UTF-8 goes as
# text, not as an attachment: labelled with the locale's charset when
# that is not UTF-8 (here a generated de_DE.ISO-8859-1 locale) and the
# text is in it, and rune read converts it to UTF-8; otherwise (a UTF-8
# or the C locale) as text/plain; charset=unknown-8bit with a warning,
# its octets as sent.  Read back by rune read, python3's email parser
# and the real mutt.
. t/lib/harness.sh
for p in mutt script python3 localedef; do
	command -v $p >/dev/null || { echo "Bail out! $p is not installed (make deps)"; exit 1; }
done
h_domain
h_start
. t/lib/clientpair.sh
mkdir "$H/loc" && localedef -i de_DE -f ISO-8859-1 \
    "$H/loc/de_DE.ISO-8859-1" >"$H/loc.out" 2>&1
ok $? "a de_DE.ISO-8859-1 locale (localedef, LOCPATH)" || { diag "$H/loc.out"; exit 1; }

printf 'caf\351 und Gr\374\337e, in Latin-1\n' >"$H/latin1"
LOCPATH=$H/loc LC_ALL=de_DE.ISO-8859-1 rune $A send bob@runetest \
    -s 'latin-1 locale' "$H/latin1" >/dev/null 2>"$H/s1.err"
ok $? "send from a Latin-1 locale" || diag "$H/s1.err"
! grep -q warning "$H/s1.err"
ok $? "... no warning: the locale names the charset" || diag "$H/s1.err"
LC_ALL=C.UTF-8 rune $A send bob@runetest -s 'utf-8 locale' "$H/latin1" \
    >/dev/null 2>"$H/s2.err"
ok $? "send the same text from a UTF-8 locale" || diag "$H/s2.err"
grep -q "warning: the text is not UTF-8 nor in the locale's charset.*charset=unknown-8bit" \
    "$H/s2.err"
ok $? "... warns: charset unknown, goes as unknown-8bit" || diag "$H/s2.err"
LC_ALL=C rune $A send bob@runetest -s 'c locale' "$H/latin1" \
    >/dev/null 2>"$H/s3.err"
grep -q 'charset=unknown-8bit' "$H/s3.err"
ok $? "the C locale (US-ASCII) names no charset either" || diag "$H/s3.err"

# rune read: as text, never an unnamed attachment
rune $B list >/dev/null 2>&1
rune $B read 1 >"$H/r1" 2>&1
grep -qx 'café und Grüße, in Latin-1' "$H/r1" && ! grep -q octet-stream "$H/r1"
ok $? "read: the Latin-1 text converted to UTF-8" || diag "$H/r1"
rune $B read 2 >"$H/r2" 2>&1
grep -qx 'caf? und Gr??e, in Latin-1' "$H/r2" && ! grep -q octet-stream "$H/r2"
ok $? "read: the unknown-8bit text shown as text, '?' for each octet above 127" ||
    diag "$H/r2"
rune $B read 2 --raw >"$H/raw2" 2>&1
grep -qi '^Content-Type: text/plain; charset=unknown-8bit' "$H/raw2"
ok $? "read --raw: text/plain; charset=unknown-8bit" || diag "$H/raw2"

rune $B fetch --maildir "$H/md" >"$H/f.out" 2>&1
ok $? "bob fetches the three into a Maildir" || diag "$H/f.out"
cat >"$H/check.py" <<'PY'
import email, email.policy, glob, sys
md, raw = sys.argv[1], open(sys.argv[2], "rb").read()
msgs = {}
for f in glob.glob(md + "/new/*"):
    with open(f, "rb") as fp:
        m = email.message_from_binary_file(fp, policy=email.policy.default)
    msgs[str(m["subject"])] = m
m = msgs["latin-1 locale"]
t = m.get_body(("plain",))
assert t.get_content_type() == "text/plain", t.get_content_type()
assert t.get_content_charset() == "iso-8859-1", t.get_content_charset()
assert t.get_content() == raw.decode("latin-1"), t.get_content()
for s in ("utf-8 locale", "c locale"):
    t = msgs[s].get_body(("plain",))
    assert t is not None and t.get_content_type() == "text/plain"
    assert t.get_content_charset() == "unknown-8bit"
    assert t.get_payload(decode=True) == raw, t.get_payload(decode=True)
    assert "caf" in t.get_payload()
assert all(not p.defects for m in msgs.values() for p in m.walk())
PY
python3 "$H/check.py" "$H/md" "$H/latin1" >"$H/py.out" 2>&1
ok $? "python3 email: ISO-8859-1 decoded; unknown-8bit a text part, its octets intact, no defect" ||
    diag "$H/py.out"

# mutt: both inline as text, the Latin-1 one converted
cat >"$H/rc" <<RC
set charset=utf-8
set pipe_decode=yes
set weed=yes
set quit=yes
set wait_key=no
set sort=subject
RC
mkdir -p "$H/mutthome/Mail"
mutt_pipe() {	# N OUT: pipe the Nth message (by subject) decoded to OUT
	mv=""; k=1
	while [ $k -lt "$1" ]; do mv="$mv<next-entry>"; k=$((k + 1)); done
	TERM=xterm HOME=$H/mutthome timeout 20 script -qec "mutt -n -F $H/rc \
	    -f $H/md -e 'push \"$mv<pipe-message>cat >$2<enter><quit>\"'" \
	    /dev/null >/dev/null 2>&1 </dev/null
}
mutt_pipe 2 "$H/m2"	# c, latin-1, utf-8 in subject order
grep -qx 'café und Grüße, in Latin-1' "$H/m2"
ok $? "mutt shows the ISO-8859-1 text converted" || diag "$H/m2"
mutt_pipe 3 "$H/m3"
LC_ALL=C grep -q '^caf.* und Gr..e, in Latin-1$' "$H/m3" &&
    grep -q 'Subject: utf-8 locale' "$H/m3"
ok $? "mutt shows the unknown-8bit text inline, not as an attachment" ||
    diag "$H/m3"

done_testing
