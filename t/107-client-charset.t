#!/bin/sh
# 107-client-charset.t: what rune send writes carries its charset, so that
# a mail program shows it right: the text part and UTF-8 text
# attachments charset=utf-8, US-ASCII ones charset=us-ascii, a text
# attachment in no known charset application/octet-stream (its octets as
# they are), and a text that is not UTF-8 (in a UTF-8 locale)
# text/plain; charset=unknown-8bit with a warning (t/162 says more).  Read back through fetch's Maildir by a real MIME parser
# (python3's email) and by the real mutt.
. t/lib/harness.sh
for p in mutt script python3; do
	command -v $p >/dev/null || { echo "Bail out! $p is not installed (make deps)"; exit 1; }
done
h_domain
h_start
. t/lib/clientpair.sh

printf 'Grüße im Text\n' >"$H/body"
printf 'Grüße aus der Anlage\n' >"$H/notes.txt"
printf 'plain ascii\n' >"$H/plain.txt"
printf 'caf\351 in Latin-1\n' >"$H/legacy.txt"
printf -- '--- a/f\n+++ b/f\n@@ -1 +1,2 @@\n a\n+\303\274\n' >"$H/fix.patch"
rune $A send bob@runetest -s 'with attachments' -a "$H/notes.txt" \
    -a "$H/plain.txt" -a "$H/legacy.txt" -a "$H/fix.patch" "$H/body" \
    >"$H/s1.out" 2>&1
ok $? "send with four attachments" || diag "$H/s1.out"
printf 'caf\351, a text in Latin-1\n' >"$H/body2"
LC_ALL=C.UTF-8 rune $A send bob@runetest -s 'latin-1 text' "$H/body2" \
    >"$H/s2.out" 2>"$H/s2.err"
ok $? "send of a text that is not UTF-8" || diag "$H/s2.err"
grep -q 'warning: the text is not UTF-8.*charset=unknown-8bit' "$H/s2.err"
ok $? "... warns that it goes as unknown-8bit (t/162)" || diag "$H/s2.err"
rune $B fetch --maildir "$H/md" >"$H/f.out" 2>&1
ok $? "bob fetches both into a Maildir" || diag "$H/f.out"

# python3's email parser: CHECK FILE... (exit 0: the check holds)
cat >"$H/check.py" <<'PY'
import email, email.policy, glob, sys
check, md, h = sys.argv[1], sys.argv[2], sys.argv[3]
msgs = {}
for f in glob.glob(md + "/new/*"):
    with open(f, "rb") as fp:
        m = email.message_from_binary_file(fp, policy=email.policy.default)
    msgs[str(m["subject"])] = m
def part(m, name):
    for p in m.walk():
        if p.get_filename() == name:
            return p
    raise SystemExit("no part " + name)
def raw(name):
    return open(h + "/" + name, "rb").read()
m = msgs["with attachments"]
ok = True
if check == "text":
    t = m.get_body(("plain",))
    ok = (t.get_content_type() == "text/plain" and
        t.get_content_charset() == "utf-8" and
        t.get_content() == raw("body").decode("utf-8"))
elif check == "utf8-att":
    for name in ("notes.txt", "fix.patch"):
        p = part(m, name)
        ok = ok and p.get_content_charset() == "utf-8" and \
            p.get_content_maintype() == "text" and \
            p.get_content() == raw(name).decode("utf-8")
elif check == "ascii-att":
    p = part(m, "plain.txt")
    ok = (p.get_content_type() == "text/plain" and
        p.get_content_charset() == "us-ascii" and
        p.get_content() == raw("plain.txt").decode("ascii"))
elif check == "legacy-att":
    p = part(m, "legacy.txt")
    ok = (p.get_content_type() == "application/octet-stream" and
        p.get_content_charset() is None and
        p.get_content() == raw("legacy.txt"))
elif check == "legacy-text":
    t = msgs["latin-1 text"]
    ok = (t.get_content_type() == "text/plain" and
        t.get_content_charset() == "unknown-8bit" and
        t.get_payload(decode=True) == raw("body2"))
elif check == "defects":
    ok = all(not p.defects for m in msgs.values() for p in m.walk())
sys.exit(0 if ok else 1)
PY
for c in text utf8-att ascii-att legacy-att legacy-text defects; do
	python3 "$H/check.py" $c "$H/md" "$H" >"$H/py.$c" 2>&1
	ok $? "python3 email: $c" || diag "$H/py.$c"
done

# mutt shows the UTF-8 attachment inline, converted right (without a
# charset it takes US-ASCII and shows '?' for each octet above 127)
cat >"$H/rc" <<RC
set charset=utf-8
set pipe_decode=yes
set weed=yes
set quit=yes
set wait_key=no
set sort=reverse-subject
RC
mkdir -p "$H/mutthome/Mail"
TERM=xterm HOME=$H/mutthome timeout 20 script -qec "mutt -n -F $H/rc \
    -f $H/md -e 'push \"<pipe-message>cat >$H/shown<enter><quit>\"'" \
    /dev/null >/dev/null 2>&1 </dev/null
grep -qx 'Grüße im Text' "$H/shown" &&
    grep -qx 'Grüße aus der Anlage' "$H/shown" && grep -qx '+ü' "$H/shown"
ok $? "mutt shows the text and the UTF-8 attachments decoded" ||
    diag "$H/shown"

done_testing
