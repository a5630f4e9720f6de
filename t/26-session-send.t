#!/bin/sh
# 26-session-send.t: SEND, LIST, RETRIEVE, DELETE, UNREGISTER over real
# TLS (spec 10, 12, 13.9, 13.11, 13.14, 13.25): real blobs opened and
# verified as their receiver, every reply code, pipelining, a short SEND,
# isolation between addresses, two sessions of one address at once.
. t/lib/harness.sh
h_domain

. t/lib/msgparts.sh
h_start

py register <<'PY'
for a in ("alice", "bob", "carol", "dave"):
    s = talk.Session(PORT)
    eq(s.register(a + "@runetest", rm.seed_of(a + "@runetest")),
       (210, ["registered %s@runetest" % a]), "register " + a)
PY

# -- real blobs: SEND, LIST, RETRIEVE, open and verify, DELETE
py roundtrip <<'PY'
a = talk.Session(PORT)
eq(a.login("Alice@RUNETEST", rm.seed_of("alice@runetest"))[0], 230,
   "alice logs in with her address in mixed case")
sent = []
for n in (0, 2000, 100000):
    payload = (b"payload %d " % n * (n // 10 + 1))[:n]
    t0 = int(time.time())
    c, t, blob = rm.send(a, "alice@runetest", "BoB@RuneTest", payload)
    t1 = int(time.time()) + 1
    eq(len(blob), rm.blob_size(n), "blob of a %d-octet payload" % n)
    check(c == 250 and len(t[0]) == 64 and t[0] == t[0].lower() and
          all(x in "0123456789abcdef" for x in t[0]),
          "SEND of a %d-octet payload: 340, then 250 <id>" % n, (c, t))
    sent.append((t[0], blob, payload, t0, t1))
b = login("bob@runetest")
c, l, last = rm.listing(b)
eq((c, last), (250, "3 messages"), "bob's LIST: 250, 3 messages")
eq(l, [(x[0], len(x[1]) + 222) for x in sent],
   "LIST: oldest first, size = blob + 222")
for mid, blob, payload, t0, t1 in sent:
    n = len(payload)
    c, stored = rm.retrieve(b, mid)
    eq((c, len(stored)), (240, len(blob) + 222),
       "RETRIEVE (%d): 240 and the size" % n)
    eq(b.cmd("NOOP"), (250, ["ok"]),
       "RETRIEVE (%d): exactly size octets, then the next reply" % n)
    eq(rm.msgid(stored), mid, "RETRIEVE (%d): the id is BLAKE2b-256 of "
       "the octets" % n)
    try:
        m = rm.open_stored(stored, "bob@runetest", rm.seed_of("bob@runetest"),
                           SPK, rm.pk_of(rm.seed_of("alice@runetest")))
        ok = ""
    except rm.BadMessage as e:
        m, ok = None, str(e)
    eq(ok, "", "stored (%d) opens; vsig (server key, bob) and ssig verify" % n)
    if m:
        eq(m["sender"], "alice@runetest",
           "sender101 (%d): the sender's canonical address" % n)
        check(t0 <= m["time"] <= t1, "time (%d) is when it was sent" % n,
              (t0, m["time"], t1))
        eq((m["blob"], m["payload"]), (blob, payload),
           "the client blob (%d) is inside, unchanged" % n)
mid = sent[0][0]
eq(b.cmd("DELETE " + mid), (250, ["deleted"]), "DELETE: 250 deleted")
eq(b.cmd("DELETE " + mid), (415, ["no such message"]), "DELETE again: 415")
eq(b.cmd("RETRIEVE " + mid)[0], 415, "RETRIEVE of the deleted one: 415")
eq(rm.listing(b)[1], [(x[0], len(x[1]) + 222) for x in sent[1:]],
   "LIST after DELETE: the other two")
json.dump([x[0] for x in sent[1:]], open(H + "/bob.ids", "w"))
PY

py self <<'PY'
a = login("alice@runetest")
c, t, blob = rm.send(a, "alice@runetest", "alice@runetest", b"note to self")
eq(c, 250, "sending to oneself is allowed")
c, l, last = rm.listing(a)
eq(l, [(t[0], len(blob) + 222)], "the sender lists her own message")
c, st = rm.retrieve(a, t[0])
m = rm.open_stored(st, "alice@runetest", rm.seed_of("alice@runetest"), SPK,
                   rm.pk_of(rm.seed_of("alice@runetest")))
eq((m["sender"], m["payload"]), ("alice@runetest", b"note to self"),
   "it opens and verifies")
eq(a.cmd("DELETE " + t[0]), (250, ["deleted"]), "and she deletes it")
PY

# -- refusals: each session stays under the 10 refusals of 13.16
py send-codes <<'PY'
a = login("alice@runetest")
for line, code, why in (
        ("SEND bob 2000", 400, "not an address"),
        ("SEND bob@runetest 01", 400, "size with a leading zero"),
        ("SEND bob@runetest 12345678901234567890", 400, "20-digit size"),
        ("SEND bob@runetest 1071", 400, "size below 1072"),
        ("SEND bob@runetest -1072", 400, "size with a sign"),
        ("SEND bob@elsewhere 2000", 402, "another domain"),
        ("SEND nobody@runetest 2000", 404, "unknown receiver"),
        ("SEND bob@runetest", 400, "no size")):
    eq(a.cmd(line)[0], code, "%s: %d (%s)" % (line, code, why))
eq(a.cmd("NOOP"), (250, ["ok"]), "the session goes on after refused SENDs")
c, t = a.cmd("SEND bob@runetest 1072")
eq((c, t), (340, ["send 1072 octets"]), "the smallest size, 1072: 340")
a.sock.sendall(os.urandom(1072))
eq(a.reply()[0], 250, "any 1072 octets are stored (the blob is opaque)")
PY

py id-codes <<'PY'
b = login("bob@runetest")
good = "0" * 64
for verb in ("RETRIEVE", "DELETE"):
    for arg, why in (("a" * 63, "63 hex"), ("A" * 64, "uppercase hex"),
                     ("a" * 65, "65 hex"), ("g" * 64, "not hex")):
        eq(b.cmd("%s %s" % (verb, arg))[0], 400, "%s of %s: 400" % (verb, why))
    b = login("bob@runetest")
    eq(b.cmd("%s %s" % (verb, good)), (415, ["no such message"]),
       "%s of a well-formed unknown id: 415" % verb)
PY

py before-login <<'PY'
s = talk.Session(PORT)
for line in ("SEND bob@runetest 2000", "LIST", "RETRIEVE " + "0" * 64,
             "DELETE " + "0" * 64, "UNREGISTER"):
    eq(s.cmd(line), (411, ["authentication required"]),
       line.split(" ")[0] + " before login: 411")
s = talk.Session(PORT)
c, t = s.login("bob@runetest", rm.seed_of("bob@runetest"), proof=False)
eq(s.cmd("LIST")[0], 412, "LIST after 220 without PROOF: 412")
check(s.closed(), "and the connection closes")
PY

# -- pipelining: commands and a blob in one write, answered in order
py pipelining <<'PY'
b = login("bob@runetest")
n = len(rm.listing(b)[1])
b.sock.sendall(b"LIST\r\nNOOP\r\nLIST\r\n")
r1, r2, r3 = b.reply(), b.reply(), b.reply()
eq((r1[0], len(r1[1]), r2, r3), (250, n + 1, (250, ["ok"]), r1),
   "LIST NOOP LIST in one write: three replies in order")
a = login("alice@runetest")
blob = rm.make_blob("alice@runetest", rm.seed_of("alice@runetest"),
                    "bob@runetest", rm.pk_of(rm.seed_of("bob@runetest")),
                    b"pipelined")
a.sock.sendall(b"SEND bob@runetest %d\r\n" % len(blob) + blob +
               b"NOOP\r\nSEND bob@runetest 1071\r\nNOOP\r\n")
r = [a.reply() for i in range(5)]
eq([x[0] for x in r], [340, 250, 250, 400, 250],
   "SEND, its blob and more commands in one write: in order")
eq(r[1][1][0], rm.msgid(rm.retrieve(b, r[1][1][0])[1]),
   "the pipelined blob is stored whole")
PY

# -- a SEND whose octets stop short stores nothing
py short-send <<'PY'
b = login("bob@runetest")
before, files = rm.listing(b)[1], ncur()
a = login("alice@runetest")
blob = rm.make_blob("alice@runetest", rm.seed_of("alice@runetest"),
                    "bob@runetest", rm.pk_of(rm.seed_of("bob@runetest")),
                    b"x" * 50000)
eq(a.cmd("SEND bob@runetest %d" % len(blob))[0], 340, "340")
a.sock.sendall(blob[:len(blob) // 2])
eq((wait_sessions(2), sessions())[1], 2, "two sessions run (bob's, alice's)")
a.sock.close()
check(wait_sessions(1), "alice's session ends on the short blob")
eq(rm.listing(b)[1], before, "the receiver's LIST is unchanged")
eq(ncur(), files, "no new file in store/*/cur")
c, t, _ = rm.send(login("alice@runetest"), "alice@runetest",
                  "bob@runetest", b"next")
eq(c, 250, "the next delivery works")
eq(ntmp(), 0, "no tmp file left once the next delivery ran")
eq(rm.listing(b)[1], before + [(t[0], rm.blob_size(4) + 222)],
   "and only it was added")
PY

# -- isolation: carol cannot touch bob's messages
py isolation <<'PY'
b = login("bob@runetest")
l = rm.listing(b)[1]
check(len(l) > 0, "bob has messages")
mid = l[0][0]
c = login("carol@runetest")
eq(c.cmd("LIST"), (250, ["0 messages"]), "carol's LIST shows 0")
eq(c.cmd("RETRIEVE " + mid)[0], 415, "carol: RETRIEVE of bob's id: 415")
eq(c.cmd("DELETE " + mid)[0], 415, "carol: DELETE of bob's id: 415")
eq(rm.listing(b)[1], l, "bob still lists it")
eq(rm.msgid(rm.retrieve(b, mid)[1]), mid, "and retrieves it whole")
PY

# -- two sessions of one address: one deletes while the other reads
py two-sessions <<'PY'
a = login("alice@runetest")
bad = []
for i in range(20):
    # fresh sessions: each 415 is a refusal (13.16)
    s1, s2 = login("bob@runetest"), login("bob@runetest")
    c, t, blob = rm.send(a, "alice@runetest", "bob@runetest", b"race %d" % i)
    mid = t[0]
    s1.send("DELETE " + mid)
    s2.sock.sendall(("LIST\r\nRETRIEVE %s\r\n" % mid).encode())
    d = s1.reply()
    lc, lt = s2.reply()
    listed = any(x.startswith(mid + " ") for x in lt[:-1])
    rc, rt = s2.reply()
    got = s2.readn(int(rt[0])) if rc == 240 else None
    if d != (250, ["deleted"]) or lc != 250 or \
            lt[-1] != "%d messages" % (len(lt) - 1):
        bad.append((i, "delete/list", d, lc, lt[-1]))
    elif rc == 240 and rm.msgid(got) != mid:
        bad.append((i, "partial blob", len(got)))
    elif rc not in (240, 415) or (not listed and rc != 415):
        bad.append((i, "listed", listed, "retrieve", rc))
eq(bad, [], "20 races: listed and retrievable whole, or gone (415)")
eq(s2.cmd("RETRIEVE " + mid)[0], 415, "afterwards the last one is gone")
PY

# -- quotas and MAXSIZE, with small settings
h_stop
h_start RUNE_MAXSIZE=5000 RUNE_QUOTA_MESSAGES=2
py maxsize <<'PY'
a = login("alice@runetest")
eq(a.cmd("CAPABILITIES")[1][-2], "MAXSIZE 5000", "CAPABILITIES: MAXSIZE 5000")
eq(a.cmd("SEND carol@runetest 5001"), (413, ["message too large"]),
   "SEND of MAXSIZE + 1: 413 before 340")
eq(a.cmd("SEND carol@runetest 99999999999"), (413, ["message too large"]),
   "SEND of a huge size: 413")
eq(a.cmd("SEND carol@runetest 5000")[0], 340, "SEND of MAXSIZE: 340")
a.sock.sendall(os.urandom(5000))
eq(a.reply()[0], 250, "and 250")
c, t, blob = rm.send(a, "alice@runetest", "carol@runetest", b"y" * 2000)
eq(c, 250, "a real blob of %d octets under MAXSIZE: 250" % len(blob))
eq(rm.send(a, "alice@runetest", "carol@runetest", b"z")[0], 416,
   "a third message to carol (quota 2 messages): 416")
cs = login("carol@runetest")
eq(cs.cmd("LIST")[1][-1], "2 messages", "carol has 2")
eq(cs.cmd("DELETE " + t[0]), (250, ["deleted"]), "she deletes one")
eq(rm.send(a, "alice@runetest", "carol@runetest", b"z")[0], 250,
   "then a message fits again")
PY
h_stop
# two smallest messages (1072 + 222 each) fill 2588 octets exactly
h_start RUNE_QUOTA_BYTES=2588
py quota-bytes <<'PY'
a = login("alice@runetest")
eq(a.cmd("SEND dave@runetest 2367")[0], 416,
   "one message over the byte quota: 416")
eq(rm.send(a, "alice@runetest", "dave@runetest", b"1")[0], 250, "1st fits")
eq(rm.send(a, "alice@runetest", "dave@runetest", b"2")[0], 250,
   "2nd fills the quota exactly")
eq(rm.send(a, "alice@runetest", "dave@runetest", b"3")[0], 416,
   "3rd: 416 (quota by bytes)")
PY
h_stop
h_start

# -- UNREGISTER removes the messages
py unregister <<'PY'
import subprocess
mb = subprocess.run([os.environ["RUNE_BUILD"] + "/rune-store", "name",
                     "dave@runetest"], capture_output=True, text=True,
                    check=True).stdout.strip()
cur = ROOT + "/store/" + mb + "/cur"
eq(len(os.listdir(cur)), 2, "dave's two messages are files in store/")
total = ncur()
d = login("dave@runetest")
eq(d.cmd("UNREGISTER"), (221, ["bye"]), "UNREGISTER: 221 bye")
check(d.closed(), "and the connection closes")
check(not os.path.exists(cur) or os.listdir(cur) == [],
      "dave's message files are gone")
eq(ncur(), total - 2, "and no other message went")
a = login("alice@runetest")
eq(a.cmd("SEND dave@runetest 2000")[0], 404,
   "SEND to the unregistered address: 404")
eq(a.cmd("NOOP"), (250, ["ok"]), "the session goes on")
PY

# -- a slow reader of a large message: every 64 KiB of a RETRIEVE gets the
# idle time again (as SEND's body does), so a reader that pauses less than
# the idle time each time gets the whole blob, however long it takes
h_stop
h_start RUNE_IDLE=3
py slow-retrieve <<'PY'
a = login("alice@runetest")
payload = os.urandom(6 * 1024 * 1024)
code, t, blob = rm.send(a, "alice@runetest", "bob@runetest", payload)
eq(code, 250, "SEND of 6 MiB: 250")
b = login("bob@runetest")
time.sleep(2)                   # idle, less than the 3 s limit
b.send("RETRIEVE " + t[0])
code, texts = b.reply()
eq(code, 240, "RETRIEVE after 2 s idle: 240")
got = b""
want = int(texts[0]) if code == 240 else 0
while len(got) < want:          # a slow reader: 2 s pauses, 1 MiB reads
    time.sleep(2)
    try:
        got += b.readn(min(1024 * 1024, want - len(got)))
    except talk.Closed:
        break
eq(len(got), want, "the whole blob arrives to a slow reader")
check(rm.msgid(got) == t[0], "and it is the message")
PY

h_stop
done_testing
