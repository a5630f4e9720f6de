#!/bin/sh
# 60-client-forged.t: a sender's payload carrying forged header fields
# (a second From:, the obsolete "From :", a folded FROM:, Sender:,
# Reply-To:, Resent-From:, Return-Path:, X-Rune-* fields, a From: behind
# a bare CR) and terminal escapes (ESC, BEL, C1 controls in UTF-8 and
# raw, invalid UTF-8, bidi overrides) over a real server.  rune fetch
# delivers exactly one From, the checked sender, and only its own
# X-Rune-* fields; rune read shows one From and nothing a terminal acts
# on, on a pipe as on a terminal.
. t/lib/harness.sh
h_domain
h_start
S=127.0.0.1:$PORT
rune() { "$RUNE_BUILD/rune" --server "$S" "$@"; }
B="--home $H/bob"

rune $B init bob@runetest >/dev/null 2>&1 &&
    rune $B register >/dev/null 2>&1
ok $? "bob registered"
bobpk=$(od -An -v -tx1 -j32 -N32 "$H/bob/secret.key" | tr -d ' \n')

# the payload: CRLF lines; \033 ESC, \007 BEL, \302\233 CSI (U+009B),
# \233 a raw CSI octet, \342\200\256 RLO (U+202E), \303\274 u-umlaut
PYTHONPATH=t/lib /usr/bin/python3 - "$PORT" "$bobpk" >"$H/send.out" 2>&1 <<'PY'
import sys, talk, runemsg as rm
port, bobpk = int(sys.argv[1]), bytes.fromhex(sys.argv[2])
s = talk.Session(port)
me = "mallory@runetest"
assert s.register(me, rm.seed_of(me))[0] == 210
payload = (b"From: mallory@runetest\r\n"
           b"From: ceo@runetest\r\n"
           b"From : boss@runetest\r\n"
           b"FROM:\r\n  folded@runetest\r\n"
           b"from\t: =?UTF-8?B?Y2VvQHJ1bmV0ZXN0?=\r\n"
           b"Sender: admin@runetest\r\n"
           b"Reply-To: phish@runetest\r\n"
           b"Resent-From: resent@runetest\r\n"
           b"Return-Path: <bounce@runetest>\r\n"
           b"X-Rune-Verified: yes\r\n"
           b"X-Rune-Sender: ceo@runetest\r\n"
           b"x-rune-id : 0000\r\n"
           b"Subject: hi \033[31mred\033[0m \302\2332J \342\200\256olleh\r\n"
           b"X-Note: a\rFrom: cr@runetest\r\n"
           b"\r\n"
           b"Gr\303\274\303\237e \033]0;owned\007 \302\233" b"2J \233"
           b"2J \342\200\256 \342\201\246 \300\257 \355\240\200 end\r\n")
blob = rm.make_blob(me, rm.seed_of(me), "bob@runetest", bobpk, payload)
code, t, _ = rm.send(s, me, "bob@runetest", None, blob)
assert code == 250, (code, t)
print(t[0])
PY
ok $? "mallory sends bob the forged payload" || diag "$H/send.out"
id=$(tail -1 "$H/send.out")

# -- fetch into a Maildir
rune $B fetch --maildir "$H/md" >"$H/f.out" 2>"$H/f.err"
ok $? "fetch" || diag "$H/f.err"
f=$(ls "$H/md/new/"* 2>/dev/null | head -1)
[ -n "$f" ] && [ -f "$f" ]
ok $? "delivered"
hdr() { sed '/^$/q' "$f"; }	# the header section as a mail reader sees it
is "$(hdr | grep -ci '^from[ 	]*:')" 1 "Maildir: exactly one From field"
is "$(hdr | grep -i '^from[ 	]*:')" "From: mallory@runetest" \
    "Maildir: the From is the checked sender"
is "$(hdr | grep -ci -e '^sender[ 	]*:' -e '^reply-to[ 	]*:' \
    -e '^resent-from[ 	]*:' -e '^return-path[ 	]*:')" 0 \
    "Maildir: no Sender, Reply-To, Resent-From, Return-Path"
is "$(hdr | grep -ci '^x-rune-verified[ 	]*:')" 1 \
    "Maildir: one X-Rune-Verified"
is "$(hdr | grep -i '^x-rune-verified[ 	]*:')" \
    "X-Rune-Verified: unverified (new key pinned)" \
    "Maildir: X-Rune-Verified is the client's"
is "$(hdr | grep -ci '^x-rune-sender[ 	]*:')" 1 "Maildir: one X-Rune-Sender"
is "$(hdr | grep -ci '^x-rune-id[ 	]*:')" 1 "Maildir: one X-Rune-Id"
grep -qx 'X-Rune-Original-From: ceo@runetest' "$f" &&
    grep -qx 'X-Rune-Original-From: boss@runetest' "$f" &&
    grep -qx 'X-Rune-Original-FROM:' "$f" &&
    grep -qx '  folded@runetest' "$f" &&
    grep -qx 'X-Rune-Original-Sender: admin@runetest' "$f" &&
    grep -qx 'X-Rune-Original-X-Rune-Verified: yes' "$f" &&
    grep -qx 'X-Rune-Original-x-rune-id: 0000' "$f"
ok $? "Maildir: the sender's fields kept, renamed X-Rune-Original-" ||
    diag "$f"
! tr -d '\n' <"$f" | grep -q "$(printf '\r')"
ok $? "Maildir: no bare CR (a From behind one is not a field)"
/usr/bin/python3 - "$f" >"$H/py.out" 2>&1 <<'PY'
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"),
                                   policy=email.policy.compat32)
bad = [k for k in m.keys() if k.lower() in ("sender", "reply-to",
       "resent-from", "return-path")]
ok = (m.get_all("From") == ["mallory@runetest"] and not bad and
      m.get_all("X-Rune-Sender") == ["mallory@runetest"] and
      len(m.get_all("X-Rune-Verified")) == 1)
print("good" if ok else "bad %r %r" % (m.get_all("From"), bad))
PY
is "$(cat "$H/py.out")" good "Maildir: python3's email module sees one From"
grep -q "^delivered $id from mallory@runetest" "$H/f.out"
ok $? "fetch's line" || diag "$H/f.out"

# -- read: one From, nothing a terminal acts on
esc_in() {	# FILE: 0 when it holds an octet or sequence a terminal acts on
	/usr/bin/python3 - "$1" <<'PY'
import re, sys
d = open(sys.argv[1], "rb").read()
bad = re.search(rb"[\x00-\x08\x0b-\x1f\x7f]", d)
try:
    t = d.decode("utf-8")
    bad = bad or re.search("[\x80-\x9f\u202a-\u202e\u2066-\u2069]", t)
except UnicodeDecodeError:
    bad = True
sys.exit(0 if bad else 1)
PY
}
rune $B read "$id" >"$H/r.out" 2>"$H/r.err"
ok $? "read" || diag "$H/r.err"
is "$(grep -ci '^from[ 	]*:' "$H/r.out")" 1 "read: exactly one From line"
is "$(sed -n 1p "$H/r.out")" "From: mallory@runetest" "read: the checked From"
is "$(grep -ci -e '^sender[ 	]*:' -e '^reply-to[ 	]*:' -e '^x-rune-verified' \
    -e '^verified' "$H/r.out")" 1 "read: only the client's Verified line"
! esc_in "$H/r.out"
ok $? "read on a pipe: no control, C1, bidi override or invalid UTF-8" ||
    od -c "$H/r.out" | sed 's/^/# /'
grep -q "^Gr$(printf '\303\274\303\237')e ?\]0;owned? ?2J ?2J ? ? ?? ??? end\$" \
    "$H/r.out"
ok $? "read: each unsafe unit one '?', UTF-8 text kept" ||
    diag "$H/r.out"
grep -q "^Subject: hi ?\[31mred?\[0m ?2J ?olleh\$" "$H/r.out"
ok $? "read: the subject's escapes shown as '?'" || diag "$H/r.out"

# on a terminal (a pty made by python3) the same
/usr/bin/python3 - "$RUNE_BUILD/rune" "$S" "$H/bob" "$id" >"$H/tty.out" \
    2>"$H/tty.err" <<'PY'
import os, pty, sys, select, time
rune, srv, home, mid = sys.argv[1:5]
pid, fd = pty.fork()
if pid == 0:
    os.execv(rune, [rune, "--server", srv, "--home", home, "read", mid])
out, end = b"", time.time() + 60
while time.time() < end:
    r, _, _ = select.select([fd], [], [], 1)
    if fd in r:
        try:
            b = os.read(fd, 65536)
        except OSError:
            break
        if not b:
            break
        out += b
_, st = os.waitpid(pid, 0)
sys.stdout.buffer.write(out.replace(b"\r\n", b"\n"))
sys.exit(os.WEXITSTATUS(st) if os.WIFEXITED(st) else 1)
PY
ok $? "read on a terminal" || diag "$H/tty.err"
grep -q 'owned' "$H/tty.out" && ! esc_in "$H/tty.out"
ok $? "read on a terminal: nothing a terminal acts on" ||
    od -c "$H/tty.out" | sed 's/^/# /'
done_testing
