#!/bin/sh
# 176-anon-send-stream.t: an anonymous SEND … 2 (on a permit, doc/protocol-v2.md
# 2.5) over SEND_MEM_MAX (256 KiB) streams (rune-session/sendstream.c,
# version 2 with no sender): a real blob2 of 2 MiB built by
# t/lib/rune2.py is stored as an env2 whose sender101 is zero and whose
# vsig2 verifies, byte for byte rune2.py's env2, and bob opens it; with
# no spool directory the same SEND is 451 before 340 (the in-memory path
# took it: the sign that it streams).
. t/lib/harness.sh
h_domain
# tokens right after registering: no 24-hour wait here (t/197 tests it)
echo 0 >"$RUNE_ROOT/control/anonwait"
. t/lib/anonparts.sh
mkdir -p "$H/spool" || exit 1
T0=$(anon_t0)
export RUNE_TEST_NOW=$T0
echo 200 >"$RUNE_ROOT/control/prekeys"
echo on >"$RUNE_ROOT/control/anonsend"
h_start TMPDIR="$H/spool"

cat >"$H/anon.py" <<'PY'
import json
register("alice@runetest", "bob@runetest")
lastresort("bob@runetest", 2)
a = login("alice@runetest")
c, t, pk = tokenkey(a)
c, t, toks = tokens(a, pk)
check(c == 250 and toks, "alice has tokens", t)
a.cmd("QUIT")
s = talk.Session(PORT)
eq(redeem(s, toks[0], "bob@runetest"), (250, ["permit bob@runetest"]),
   "REDEEM: a permit for bob")
c, L, O = fetch(s, "bob@runetest")
eq(c, 250, "PREKEY bob on the permit")
payload = os.urandom(2 * 1048576 + 5)
blob = anon_blob("alice@runetest", "bob@runetest", payload, pk, L, O)
c, t = asend2(s, "bob@runetest", blob)
eq(c, 250, "an anonymous SEND … 2 of %d octets: 250" % len(blob))
s.cmd("QUIT")
if c == 250:
    b = login("bob@runetest")
    c, st = rm.retrieve(b, t[0])
    eq((c, len(st)), (240, len(blob) + 222), "bob RETRIEVEs it whole")
    eq(rm.msgid(st), t[0], "the id is the hash of the octets")
    s101, got = aopen_env2(st, "bob@runetest")
    eq(s101, b"\0" * 101, "env2: sender101 is zero, vsig2 verifies")
    check(got == blob, "env2 carries the blob2 as sent")
    env = open_env2(st, "bob@runetest")
    t_env = struct.unpack(">Q", env[65:73])[0]
    check(env == rune2.env2("bob@runetest", t_env, b"\0" * 101, blob,
                            server_sk()), "env2 is rune2.py's, vsig2 included")
    inner = open_blob2(got, "bob@runetest")
    ln = struct.unpack(">I", inner[303:307])[0]
    check(inner[307:307 + ln] == payload, "bob opens it: the payload")
json.dump([[x[0].hex(), x[1].hex()] for x in toks[1:]], open(H + "/toks", "w"))
PY
apy anon <"$H/anon.py"
is "$(ls -A "$H/spool" | wc -l)" 0 "no spool file left"
h_stop
h_start TMPDIR="$H/none"
apy nospool <<'PY'
import json
toks = [(bytes.fromhex(x), bytes.fromhex(y)) for x, y in json.load(open(H + "/toks"))]
s = talk.Session(PORT)
eq(redeem(s, toks[0], "bob@runetest"), (250, ["permit bob@runetest"]),
   "REDEEM: a permit for bob")
eq(s.cmd("SEND bob@runetest 1000000 2"),
   (451, ["temporary failure, nothing stored"]),
   "no spool directory: a large anonymous SEND … 2 is 451 before 340")
PY
done_testing
