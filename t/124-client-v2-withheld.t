#!/bin/sh
# 124-client-v2-withheld.t: what bob's client says when the server may be
# withholding one-time keys (protocol-v2 3.3): alice's message is sealed
# to bob's last-resort key only (a raw sender stands in for a server that
# hands out L while one-time keys remain), and bob's login then counts
# one-time keys on the server that were there all along: read warns, list
# warns, fetch writes X-Rune-Warning.  A message that is L-only because
# the keys ran out draws no warning (t/120).  A damaged local record is
# refused, never shown.
. t/lib/harness.sh
h_domain
"$RUNE_BUILD/rune-admin" config --root "$RUNE_ROOT" prekeys 8 >/dev/null 2>&1
h_start
. t/lib/clientpair.sh
echo first | rune $A send bob@runetest -s first >"$H/id0" 2>/dev/null
ok $? "alice sends bob a first message (she pins bob's key; bob's scert arrives)"
PYTHONPATH=t/lib /usr/bin/python3 - "$PORT" "$H/alice/secret.key" "$H/bob/secret.key" >"$H/w.out" 2>&1 <<'PY'
import base64, os, sys, talk, rune2
s = talk.Session(int(sys.argv[1]))
ask = open(sys.argv[2], "rb").read()
bpk = open(sys.argv[3], "rb").read()[32:]
assert s.login("alice@runetest", ask[:32])[0] == 230
code, t = s.cmd("PREKEY bob@runetest")
assert code == 250, (code, t)
f = t[0].split(" ")
assert len(f) == 4, "a one-time key is there"
L = base64.b64decode(f[2])
code, t = s.cmd("SENDERCERT")
cert = base64.b64decode(t[0])
payload = b"Subject: withheld\r\n\r\nsealed to L only\r\n"
blob = rune2.blob2(os.urandom(32), payload, "alice@runetest", ask, cert, 0,
                   b"\0" * 32, "bob@runetest", bpk, L[1:33], b"\0" * 32)[0]
code, t = s.cmd("SEND bob@runetest %d 2" % len(blob))
assert code == 340, (code, t)
s.sock.sendall(blob)
code, t = s.reply()
assert code == 250, (code, t)
print(t[0])
PY
ok $? "alice (a raw sender) seals one to bob's last-resort key while one-time keys remain" || diag "$H/w.out"
idw=$(tail -1 "$H/w.out")
rune $B list >"$H/l" 2>"$H/l.err"
ok $? "bob lists" || diag "$H/l.err"
grep -q '1 message came sealed to your last-resort key while the server still held one-time keys of yours: the server may be withholding them' "$H/l.err"
ok $? "list warns" || diag "$H/l.err"
rune $B read "$idw" >"$H/r" 2>"$H/r.err"
ok $? "bob reads it" || diag "$H/r.err"
grep -qx 'Secrecy: forward secret: delayed (last-resort key)' "$H/r" &&
    grep -qx 'sealed to L only' "$H/r"
ok $? "delayed (last-resort key), the text" || diag "$H/r"
grep -q 'the server may be withholding them' "$H/r.err"
ok $? "read warns" || diag "$H/r.err"
rune $B read "$(cat "$H/id0")" >/dev/null 2>"$H/r0.err"
! grep -q withholding "$H/r0.err"
ok $? "no warning for the message with a one-time key"
mkdir -p "$H/md"
rune $B fetch --maildir "$H/md" >/dev/null 2>&1
f=$(grep -l "^X-Rune-Id: $idw" "$H"/md/new/*)
grep -q '^X-Rune-Warning: .*the server may be withholding them' "$f"
ok $? "fetch: X-Rune-Warning in the delivered file"
is "$(grep -l '^X-Rune-Warning' "$H"/md/new/* | wc -l)" 1 "only in that one"

# -- a damaged local record is refused
cp "$H/bob/cache/$idw" "$H/rec"
/usr/bin/python3 -c 'import sys; p=sys.argv[1]; b=bytearray(open(p,"rb").read()); b[-5]^=1; open(p,"wb").write(b)' "$H/bob/cache/$idw"
rune $B read "$idw" >"$H/rd" 2>"$H/rd.err"
is $? 100 "a local record with one bit flipped: exit 100"
! grep -q 'sealed to L only' "$H/rd"
ok $? "nothing of it shown"
done_testing
