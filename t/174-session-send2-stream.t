#!/bin/sh
# 174-session-send2-stream.t: SEND <address> <size> 2 over SEND_MEM_MAX
# (256 KiB) streams as a v1 SEND does (rune-session/sendstream.c with
# version 2): a real blob2 of 3 MiB built by t/lib/rune2.py and a
# MAXSIZE blob2 exactly are stored whole as env2, LIST gives their size,
# RETRIEVE gives the octets whose hash is the id, and the env2 opened as
# the receiver is rune2.py's octet for octet (vsig2 under "RUNE-2
# envelope" included); the receiver opens the real one.  A large blob2
# whose octet 0 is not 0x02 is 400 and stores nothing; with no spool
# directory a large SEND ... 2 is 451 before 340 (the in-memory path took
# it: the sign that it streams); no spool file is left.
. t/lib/harness.sh
h_domain
. t/lib/msgparts.sh
mkdir -p "$H/spool" || exit 1
"$RUNE_BUILD/rune-admin" config --root "$RUNE_ROOT" prekeys 200 >/dev/null 2>&1
ok $? "prekeys on"
export RUNE_TEST_NOW=1900000000
h_start TMPDIR="$H/spool"

py send2 <<'PY'
exec(open("t/lib/pkparts.py").read())
register("alice@runetest", "bob@runetest")
b = login("bob@runetest")
L = rec("bob@runetest", b"L", NOW + 14 * DAY)
eq(upload(b, [L])[0], 250, "bob uploads L")
a = login("alice@runetest")
c, cert = sendercert(a)
eq(c, 250, "SENDERCERT: 250")
s101 = rune2.sender101("alice@runetest")

def stored_ok(mid, blob, what):
    """bob's LIST and RETRIEVE of mid; the env2 checked; it is returned"""
    c, l, last = rm.listing(b)
    eq((c, l), (250, [(mid, len(blob) + 222)]),
       "%s: LIST gives it, size |blob2| + 222" % what)
    c, st = rm.retrieve(b, mid)
    eq((c, len(st)), (240, len(blob) + 222), "%s: RETRIEVEd whole" % what)
    eq(rm.msgid(st), mid, "%s: the id is the hash of the octets" % what)
    env = open_env2(st, "bob@runetest")
    eq(env[0], 2, "%s: env2 version 0x02" % what)
    t_env = struct.unpack(">Q", env[65:73])[0]
    eq(t_env, NOW, "%s: the envelope time is the server's" % what)
    check(env[174:] == blob, "%s: the blob2 byte for byte" % what)
    check(env == rune2.env2("bob@runetest", t_env, s101, blob, server_sk()),
          "%s: env2 and vsig2 are rune2.py's" % what)
    eq(b.cmd("DELETE " + mid)[0], 250, "%s: deleted" % what)

payload = os.urandom(3 * 1048576 + 17)
c, l, o = fetch(a, "bob@runetest")
eq((c, l), (250, L), "PREKEY: L")
blob = make_blob2("alice@runetest", "bob@runetest", payload, l, o, cert)
c, t = send2(a, "bob@runetest", blob)
eq(c, 250, "SEND ... 2 of %d octets: 250" % len(blob))
if c == 250:
    stored_ok(t[0], blob, "3 MiB")
    inner = open_blob2(blob, "bob@runetest")
    ln = struct.unpack(">I", inner[303:307])[0]
    check(inner[307:307 + ln] == payload, "3 MiB: bob opens it: the payload")

MAX = 10485760
blob = b"\x02" + os.urandom(MAX - 1)
c, t = send2(a, "bob@runetest", blob)
eq(c, 250, "SEND ... 2 of MAXSIZE exactly: 250")
if c == 250:
    stored_ok(t[0], blob, "MAXSIZE")

eq(send2(a, "bob@runetest", b"\x01" + blob[1:1000000]),
   (400, ["bad RUNE-2 blob"]), "a 1000000-octet blob2 with octet 0 0x01: 400")
eq(rm.listing(b)[:2], (250, []), "nothing stored")
eq(a.cmd("NOOP"), (250, ["ok"]), "the session goes on")
PY
is "$(ls -A "$H/spool" | wc -l)" 0 "no spool file left"
h_stop
h_start TMPDIR="$H/none"
py nospool <<'PY'
exec(open("t/lib/pkparts.py").read())
a = login("alice@runetest")
eq(a.cmd("SEND bob@runetest 1000000 2"),
   (451, ["temporary failure, nothing stored"]),
   "no spool directory: a large SEND ... 2 is 451 before 340")
eq(send2(a, "bob@runetest", b"\x02" + os.urandom(2000))[0], 250,
   "a small SEND ... 2 still goes through memory: 250")
PY
done_testing
