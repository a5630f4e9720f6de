#!/bin/sh
# 216-client-send-bigtext.t: the real client sends a large text in
# bounded memory (rune/textsrc.c), over tcpserver and TLS: a 9,000,000-
# octet UTF-8 text file as the message's text (quoted-printable: 2- 3-
# and 4-octet characters, CRLF and LF lines), a 7,000,000-octet UTF-8
# text/plain attachment, and a text of 300,000 octets on stdin (a pipe);
# bob's real client fetches them (rune fetch --maildir) and python3's
# email parser decodes each to the octets sent, labelled charset=utf-8.
# Outside the sanitizers, each send's peak RSS (/usr/bin/time %M) is
# under 8 MiB (the text read whole made it above 30 MiB; bench/rss.sh
# has the figures).
. t/lib/harness.sh
[ -x /usr/bin/time ] || { echo "Bail out! /usr/bin/time is not installed (make deps)"; exit 1; }
h_domain
echo 200 >"$RUNE_ROOT/control/prekeys"
echo 1000000000 >"$RUNE_ROOT/control/quota_bytes"
h_start
S=127.0.0.1:$PORT
rune() { "$RUNE_BUILD/rune" --server "$S" "$@"; }
A="--home $H/alice"
B="--home $H/bob"
for u in alice bob; do
	rune --home "$H/$u" init "$u@runetest" >/dev/null 2>&1 &&
	    rune --home "$H/$u" register >/dev/null 2>&1 ||
	    { echo "Bail out! $u could not register"; exit 1; }
done
ok 0 "alice and bob registered"
rune $B fetch --maildir "$H/bmail" >/dev/null 2>"$H/bfetch.err"
ok $? "bob logs in (his prekeys uploaded)" || diag "$H/bfetch.err"

/usr/bin/python3 - "$H" <<'PY'
import sys
h = sys.argv[1]
def text(n, seed):
    out, i = [], 0
    size = 0
    while size < n:
        line = ("line %d of %d " % (i, seed)).encode() + b"x" * (40 + i % 37)
        if i % 4 == 0:
            line += "caf\u00e9 \u20ac \U0001F600".encode()
        line += b"\r\n" if i % 5 == 0 else b"\n"
        out.append(line)
        size += len(line)
        i += 1
    return b"".join(out)[:n - 1] + b"\n"
open(h + "/body.txt", "wb").write(text(9000000, 1))
open(h + "/big.txt", "wb").write(text(7000000, 2))
open(h + "/small.txt", "wb").write(text(300000, 3))
PY
echo "see the attachment" >"$H/text2"
rss() { [ -n "${RUNE_SAN:-}" ] && return 0; [ "$(tail -1 "$1")" -lt 8192 ]; }
/usr/bin/time -f %M -o "$H/t1" "$RUNE_BUILD/rune" --server "$S" $A send \
    bob@runetest -s body "$H/body.txt" >/dev/null 2>"$H/send1.err"
ok $? "alice sends a 9,000,000-octet UTF-8 text as the message's text" ||
    diag "$H/send1.err"
rss "$H/t1"
ok $? "its peak RSS under 8 MiB ($(tail -1 "$H/t1") KiB)"
/usr/bin/time -f %M -o "$H/t2" "$RUNE_BUILD/rune" --server "$S" $A send \
    bob@runetest -s att -a "$H/big.txt" "$H/text2" >/dev/null 2>"$H/send2.err"
ok $? "alice sends a 7,000,000-octet text/plain attachment" ||
    diag "$H/send2.err"
rss "$H/t2"
ok $? "its peak RSS under 8 MiB ($(tail -1 "$H/t2") KiB)"
cat "$H/small.txt" | rune $A send bob@runetest -s stdin >/dev/null \
    2>"$H/send3.err"
ok $? "alice sends a text of 300,000 octets on stdin (a pipe)" ||
    diag "$H/send3.err"

rune $B fetch --maildir "$H/bmail" >"$H/bfetch2.out" 2>"$H/bfetch2.err"
ok $? "bob fetches them" || diag "$H/bfetch2.err"
/usr/bin/python3 - "$H" <<'PY' >"$H/check.out" 2>&1
import email, email.policy, glob, sys
h = sys.argv[1]
want = {"body": open(h + "/body.txt", "rb").read(),
        "att": open(h + "/big.txt", "rb").read(),
        "stdin": open(h + "/small.txt", "rb").read()}
got = {}
for f in glob.glob(h + "/bmail/new/*") + glob.glob(h + "/bmail/cur/*"):
    m = email.message_from_binary_file(open(f, "rb"),
                                       policy=email.policy.compat32)
    s = str(m["Subject"])
    if s not in want:
        continue
    for part in m.walk():
        if part.is_multipart():
            continue
        if (s == "att") != (part.get_filename() == "big.txt"):
            continue
        if part.get_content_charset() != "utf-8":
            got[s] = b"charset " + str(part.get_content_charset()).encode()
            continue
        b = part.get_payload(decode=True)
        # quoted-printable and 7bit lines end CRLF on the wire
        got[s] = b if s == "att" else b.replace(b"\r\n", b"\n")
for s in sorted(want):
    w = want[s] if s == "att" else want[s].replace(b"\r\n", b"\n")
    print(s, "identical" if got.get(s) == w else
          "DIFFERENT (%d octets)" % len(got.get(s) or b""))
PY
is "$(cat "$H/check.out" | tr '\n' ' ')" "att identical body identical stdin identical " \
    "the texts and the attachment read back octet for octet (charset=utf-8)" ||
    diag "$H/check.out"
done_testing
