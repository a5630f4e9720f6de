#!/bin/sh
# 75-session-lifetime.t: control/sessionmax, a session's lifetime besides
# its idle time (doc/design.md): over TLS, a session that keeps sending
# NOOPs past a small ceiling gets 421 and is closed; so does one that
# waits, and one in the middle of a SEND body; a bad value stops the
# session before it greets.
. t/lib/harness.sh
h_domain

# an idle time far above the ceiling: only the ceiling can end these
h_start RUNE_SESSIONMAX=3 RUNE_IDLE=600
. t/lib/msgparts.sh

py lifetime <<'PY'
eq(talk.Session(PORT).register("alice@runetest",
   rm.seed_of("alice@runetest"))[0], 210, "register alice")
def noops(s):
    """NOOPs every 0.1 s, for at most 30 s: the first reply that is not
    250, and how many 250s came before it"""
    n, end = 0, time.time() + 30
    while time.time() < end:
        c, t = s.cmd("NOOP")
        if c != 250:
            return (c, t), n
        n += 1
        time.sleep(0.1)
    return None, n
s = talk.Session(PORT)
got, n = noops(s)
eq(got, (421, ["closing: session time limit"]),
   "greeted, NOOPs past the ceiling: 421")
check(n >= 1, "the NOOPs before the ceiling were answered", n)
check(s.closed(), "then the server closes")
s = login("alice@runetest")
got, n = noops(s)
eq(got, (421, ["closing: session time limit"]),
   "logged in, NOOPs past the ceiling: 421")
check(s.closed(), "then the server closes")
s = talk.Session(PORT)
eq(s.reply(), (421, ["closing: session time limit"]),
   "a session that only waits: 421 at the ceiling, not at the idle time")
check(s.closed(), "then the server closes")
s = login("alice@runetest")
eq(s.cmd("SEND alice@runetest 5000")[0], 340, "SEND: 340")
s.sock.sendall(b"x" * 100)
eq(s.reply(), (421, ["closing: session time limit"]),
   "a SEND body that stalls: 421 at the ceiling")
check(s.closed(), "then the server closes")
check(wait_idle(), "every session has ended")
eq(ncur(), 0, "the stalled SEND stored nothing")
PY
h_stop
n=$(grep -c 'event=end reason=lifetime' "$H/log")
is "$n" 4 "four sessions logged reason=lifetime"

for v in 0 604801 x; do
	RUNE_SESSIONMAX=$v "$RUNE_BUILD/rune-session" </dev/null \
	    >"$H/out" 2>"$H/err"
	is "$?,$(wc -c <"$H/out")" "100,0" \
	    "RUNE_SESSIONMAX=$v: exit 100 before any reply"
	grep -q 'invalid setting sessionmax' "$H/err"
	ok $? "RUNE_SESSIONMAX=$v: the message names the setting"
done
echo 3600 >"$RUNE_ROOT/control/sessionmax" && h_start
py default <<'PY'
s = talk.Session(PORT)
eq(s.cmd("NOOP"), (250, ["ok"]), "control/sessionmax 3600: NOOP 250")
s.cmd("QUIT")
PY
h_stop
done_testing
