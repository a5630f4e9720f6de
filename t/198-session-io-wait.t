#!/bin/sh
# 198-session-io-wait.t: how the session waits on its socket
# (rune-session/tls.c, doc/performance.md "Where the rest of a SEND
# session goes"): it polls only when a read or write would block, so a
# SEND session polls about once per message of the client's, not before
# every read and write; a reply larger than the socket's buffers goes
# whole to a client that reads slowly (the idle time counts from the last
# octets it took), and a client that stops reading is cut off after the
# idle time.
. t/lib/harness.sh
h_domain
. t/lib/msgparts.sh

h_start
py register <<'PY'
for a in ("alice", "bob"):
    s = talk.Session(PORT)
    eq(s.register(a + "@runetest", rm.seed_of(a + "@runetest"))[0], 210,
       "register " + a)
PY
h_stop

# one SEND session (TLS, LOGIN, PROOF, SEND 4 KiB, QUIT), traced
rm -f "$H/st"
WRAP="strace -f -qq -e trace=poll,read,write,recvfrom,sendto -o $H/st" h_start
py traced <<'PY'
a = login("alice@runetest")
eq(rm.send(a, "alice@runetest", "bob@runetest", os.urandom(4096))[0], 250,
   "SEND of 4 KiB: 250")
eq(a.cmd("QUIT")[0], 221, "QUIT: 221")
PY
h_stop
sed -i -e '/^==[0-9]*==LeakSanitizer has encountered a fatal error\.$/d' \
    -e '/^==[0-9]*==HINT: For debugging, try setting environment variable LSAN_OPTIONS/d' \
    -e '/^==[0-9]*==HINT: LeakSanitizer does not work under ptrace/d' "$H/log"
net=$(grep -cE '^[0-9]+ +(read|recvfrom)\(0,|^[0-9]+ +(write|sendto)\(1,' "$H/st")
polls=$(grep -cE '^[0-9]+ +poll\(\[\{fd=[01],' "$H/st")
# the client sends 7 times (ClientHello; its key, CCS and Finished;
# LOGIN; PROOF; SEND; the blob; QUIT): at most one poll for each and one
# spare; polling before every read and write made 29 here
[ "$net" -ge 20 ] && [ "$polls" -le 8 ]
ok $? "the session polls only when the socket would block ($polls polls, $net reads and writes)"

# a 6 MiB message; the idle time is 3 s
h_start RUNE_IDLE=3
py slow <<'PY'
a = login("alice@runetest")
c, t, blob = rm.send(a, "alice@runetest", "bob@runetest",
                     os.urandom(6 * 1024 * 1024))
eq(c, 250, "SEND of 6 MiB: 250")
open(H + "/id", "w").write(t[0])
b = login("bob@runetest")
b.send("RETRIEVE " + t[0])
code, texts = b.reply()
want = int(texts[0]) if code == 240 else 0
got = b""
while len(got) < want:       # 1 MiB every 2.5 s: 15 s in all, 5 idle times
    time.sleep(2.5)
    try:
        got += b.readn(min(1024 * 1024, want - len(got)))
    except talk.Closed:
        break
eq(len(got), want, "a slow reader gets the 6 MiB RETRIEVE whole, long past the idle time")
check(rm.msgid(got) == t[0], "and it is the message")
PY
py stopped <<'PY'
b = login("bob@runetest")
b.send("RETRIEVE " + open(H + "/id").read())
code, texts = b.reply()
eq(code, 240, "RETRIEVE: 240")
t0 = time.time()
time.sleep(8)                # reads nothing: the session must give up
got = b""
try:
    while True:
        x = b.readn(65536)
        got += x
except Exception:
    pass
check(len(got) < int(texts[0]), "a client that stops reading does not get the rest",
      (len(got), texts[0]))
PY
h_stop
grep -q 'event=fail reason=write-failed' "$H/log"
ok $? "the stopped reader's session ended (write-failed after the idle time)"
done_testing
