#!/bin/sh
# 111-prekeys-send2.t: SENDERCERT and SEND <address> <size> 2
# (doc/protocol-v2.md 1.5, 3.2) over TLS: the certificate lives 24 hours
# and verifies; a blob2 built by t/lib/rune2.py on a fetched bundle is
# stored as an env2 and RETRIEVEd byte for byte, and the receiver opens
# it (with a one-time key and with the last-resort key only); the
# server's checks (size, version octet) store nothing when they fail; a
# disabled address gets no certificate.
. t/lib/harness.sh
h_domain
. t/lib/msgparts.sh
"$RUNE_BUILD/rune-admin" config --root "$RUNE_ROOT" prekeys 200 >/dev/null 2>&1
ok $? "prekeys on"
export RUNE_TEST_NOW=1900000000
h_start

py send2 <<'PY'
exec(open("t/lib/pkparts.py").read())
register("alice@runetest", "bob@runetest")
b = login("bob@runetest")
L = rec("bob@runetest", b"L", NOW + 14 * DAY)
O = rec("bob@runetest")
eq(upload(b, [L, O])[0], 250, "bob uploads L and one O")
a = login("alice@runetest")
c, cert = sendercert(a)
eq(c, 250, "SENDERCERT: 250")
eq(len(cert), 205, "scert is 205 octets")
want = rune2.scert("runetest", "alice@runetest", rm.pk_of(rm.seed_of("alice@runetest")),
                   NOW + DAY, server_sk())
eq(cert, want, "scert is rune2.py's, not_after = now + 24 hours, signed by the server key")

for O_used in (True, False):
    c, l, o = fetch(a, "bob@runetest")
    eq((c, l, o is not None), (250, L, O_used), "PREKEY: L%s" % (" and O" if O_used else " only"))
    payload = b"v2 hello " * (50 if O_used else 5000)
    blob = make_blob2("alice@runetest", "bob@runetest", payload, l, o, cert)
    c, t = send2(a, "bob@runetest", blob)
    eq(c, 250, "SEND ... 2 of %d octets: 250" % len(blob))
    mid = t[0]
    c, st = rm.retrieve(b, mid)
    eq(c, 240, "bob RETRIEVEs it")
    eq(len(st), len(blob) + 222, "stored = |blob2| + 222")
    eq(rm.msgid(st), mid, "the id is the hash of the stored octets")
    env = open_env2(st, "bob@runetest")
    eq(env[0], 2, "env2 version 0x02")
    eq(env[65 + 8:65 + 8 + 101], rune2.sender101("alice@runetest"), "sender101 is alice")
    check(env[174:] == blob, "the blob2 byte for byte")
    t_env = struct.unpack(">Q", env[65:73])[0]
    eq(t_env, NOW, "the envelope time is the server's")
    check(env == rune2.env2("bob@runetest", t_env, rune2.sender101("alice@runetest"),
                            blob, server_sk()), "env2 and vsig2 are rune2.py's")
    inner = open_blob2(blob, "bob@runetest")
    ln = struct.unpack(">I", inner[303:307])[0]
    check(inner[307:307 + ln] == payload, "bob opens it: the payload", ln)

# the server's checks: size, version octet; nothing stored on a refusal
c, l, o = fetch(a, "bob@runetest")
blob = make_blob2("alice@runetest", "bob@runetest", b"x", l, o, cert)
n0 = ncur()
eq(send2(a, "bob@runetest", b"\x01" + blob[1:]), (400, ["bad RUNE-2 blob"]),
   "octet 0 not 0x02: 400 bad RUNE-2 blob")
eq(ncur(), n0, "nothing stored")
eq(a.cmd("SEND bob@runetest 1136 2"),
   (400, ["syntax error: a RUNE-2 blob has at least 1137 octets"]), "1136 octets: 400")
eq(send2(a, "bob@runetest", blob[:1137])[0], 250, "exactly 1137 octets: 250 (the server checks no more)")
eq(a.cmd("SEND bob@runetest 2000 3"), (400, ["syntax error"]), "a version other than 2: 400")
eq(a.cmd("SEND bob@runetest 20000000 2"), (413, ["message too large"]), "over MAXSIZE: 413")
eq(a.cmd("SEND nobody@runetest 2000 2"), (404, ["no such address"]), "unknown receiver: 404")
c, t, _ = rm.send(a, "alice@runetest", "bob@runetest", b"a v1 message")
eq(c, 250, "a v1 SEND on the same server: 250")
c, st = rm.retrieve(b, t[0])
check(rm.open_stored(st, "bob@runetest", rm.seed_of("bob@runetest"), SPK) is not None,
      "and it opens as v1")
PY

# A9: a disabled address gets no certificate, not even in a session
# that logged in before the administrator disabled it
py disabled <<'PY'
exec(open("t/lib/pkparts.py").read())
s = login("alice@runetest")
eq(sendercert(s)[0], 250, "alice logged in: SENDERCERT 250")
eq(os.system("$RUNE_BUILD/rune-admin disable alice@runetest >/dev/null 2>&1"), 0,
   "rune-admin disable alice")
eq(s.cmd("SENDERCERT"), (421, ["closing: address no longer active"]),
   "SENDERCERT of the disabled alice's open session: 421, no certificate")
s = talk.Session(PORT)
c, t = s.login("alice@runetest", rm.seed_of("alice@runetest"))
check(c != 230, "a disabled alice cannot log in again", (c, t))
PY
done_testing
