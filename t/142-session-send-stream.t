#!/bin/sh
# 142-session-send-stream.t: a SEND over SEND_MEM_MAX (256 KiB) streams
# (rune-session/sendstream.c): real blobs up to MAXSIZE exactly go through
# the spool into rune-store, started by the session and through the
# daemon; each is retrieved whole, opens as its receiver and verifies
# (vsig, ssig); the spool leaves no file; a spool that can't be made is
# 451 before 340; a short body stores nothing.
. t/lib/harness.sh
h_domain
. t/lib/msgparts.sh
mkdir -p "$H/spool" || exit 1

DAEMON=rune-store DAEMON_WORKERS=2
. t/lib/daemon.sh

h_start TMPDIR="$H/spool"
py register <<'PY'
for a in ("alice", "bob"):
    s = talk.Session(PORT)
    eq(s.register(a + "@runetest", rm.seed_of(a + "@runetest"))[0], 210,
       "register " + a)
PY

# send-and-check: real messages around the edge and at MAXSIZE, then an
# exact MAXSIZE random blob; all retrieved whole
cat >"$H/stream.py" <<'PY'
import hashlib
a = login("alice@runetest")
b = login("bob@runetest")
for n in (262144 - 2000, 300000, 3 * 1048576 + 17):
    payload = os.urandom(n)
    c, t, blob = rm.send(a, "alice@runetest", "bob@runetest", payload)
    eq(c, 250, "a real message, payload %d (blob %d): 250" % (n, len(blob)))
    if c != 250:
        continue
    c, stored = rm.retrieve(b, t[0])
    eq((c, len(stored)), (240, len(blob) + 222), "retrieved whole (%d)" % n)
    eq(rm.msgid(stored), t[0], "its id is BLAKE2b-256 of the octets (%d)" % n)
    try:
        m = rm.open_stored(stored, "bob@runetest", rm.seed_of("bob@runetest"),
                           SPK,
                           rm.pk_of(rm.seed_of("alice@runetest")))
        why = ""
    except rm.BadMessage as e:
        m, why = None, str(e)
    eq(why, "", "it opens as bob; vsig and ssig verify (%d)" % n)
    if m:
        eq(m["payload"], payload, "the payload unchanged (%d)" % n)
        eq(m["sender"], "alice@runetest", "sender101 (%d)" % n)
    eq(b.cmd("DELETE " + t[0])[0], 250, "deleted (%d)" % n)
MAX = 10485760
c, t = a.cmd("SEND bob@runetest %d" % MAX)
eq(c, 340, "SEND of MAXSIZE exactly: 340")
body = os.urandom(MAX)
a.sock.sendall(body)
c, t = a.reply()
eq(c, 250, "MAXSIZE exactly: 250")
c, stored = rm.retrieve(b, t[0])
eq((c, len(stored)), (240, MAX + 222), "MAXSIZE retrieved whole")
eq(rm.msgid(stored), t[0], "MAXSIZE: the id is the octets'")
env = rm._open(stored, rm.seed_of("bob@runetest"), "no-open")
eq(env[174:] == body, True, "MAXSIZE: it opens as bob, the blob unchanged")
try:
    rm._verify(SPK, b"RUNE-1 envelope\0bob@runetest\0" + env[65:174] + body,
               env[1:65], "vsig-bad")
    why = ""
except rm.BadMessage as e:
    why = str(e)
eq(why, "", "MAXSIZE: vsig verifies")
eq(b.cmd("DELETE " + t[0])[0], 250, "MAXSIZE deleted")
PY
py "rune-store per session" <"$H/stream.py"
is "$(ls -A "$H/spool" | wc -l)" 0 "no spool file left"
d_start; ok $? "the daemon"
py "the daemon" <"$H/stream.py"
d_stop
is "$(ls -A "$H/spool" | wc -l)" 0 "no spool file left"

# a short body: nothing stored; a spool that can't be made: 451 first
py short <<'PY'
a = login("alice@runetest")
c, t = a.cmd("SEND bob@runetest 1000000")
eq(c, 340, "SEND of 1000000: 340")
a.sock.sendall(os.urandom(500000))
a.sock.close()
time.sleep(0.5)
b = login("bob@runetest")
eq(b.cmd("LIST"), (250, ["0 messages"]), "a short body: nothing stored")
PY
h_stop
h_start TMPDIR="$H/none"
py nospool <<'PY'
a = login("alice@runetest")
eq(a.cmd("SEND bob@runetest 1000000"),
   (451, ["temporary failure, nothing stored"]),
   "no spool directory: 451 before 340")
eq(a.cmd("SEND bob@runetest 2000")[0], 340, "a small SEND still gets 340")
PY
done_testing
