#!/bin/sh
# 110-prekeys-wire.t: PREKEYS (doc/protocol-v2.md 3.2, 3.6) over TLS
# with the exec of rune-keys prekeys (no daemon): upload and count
# (PK-P1), every refusal of an upload all or nothing (PK-N1, PK-N2),
# fetches handing out each one-time record once and then the last-resort
# record only (PK-P2), 418 without keys (PK-N3), 402, 404, 411.
. t/lib/harness.sh
h_domain
. t/lib/msgparts.sh
"$RUNE_BUILD/rune-admin" config --root "$RUNE_ROOT" prekeys 10 >/dev/null 2>&1
ok $? "rune-admin config prekeys 10"
# many refusals in one session here
"$RUNE_BUILD/rune-admin" config --root "$RUNE_ROOT" refusals 1000 >/dev/null 2>&1
is "$("$RUNE_BUILD/rune-admin" config --root "$RUNE_ROOT" prekeys)" 10 \
    "rune-admin config shows it"
h_start

py wire <<'PY'
exec(open("t/lib/pkparts.py").read())
register("alice@runetest", "bob@runetest")
a = login("alice@runetest")
c, t = a.cmd("CAPABILITIES")
check("PREKEYS 10" in t and t.index("PREKEYS 10") == len(t) - 2,
      "CAPABILITIES lists PREKEYS 10 before the final ok", t)
eq(count(a), (250, ["0 0"]), "PREKEYS 0 before any upload: 0 0")
b = login("bob@runetest")
eq(fetch(b, "alice@runetest")[0], 418, "PREKEY for an address without L: 418 (PK-N3)")

# PK-N1: each bad upload is refused and nothing is stored
L = rec("alice@runetest", b"L", NOW + 14 * DAY)
good = [rec("alice@runetest") for _ in range(3)]
def refused(recs, name, code=409):
    eq(upload(a, recs)[0], code, name + ": %d" % code)
    eq(count(a), (250, ["0 0"]), name + ": nothing stored")
bad = bytearray(good[0]); bad[50] ^= 1
refused([L, bytes(bad)], "a bad psig")
refused([L, rec("alice@runetest", signer="bob@runetest")], "a psig by another key")
refused([L, rec("alice@runetest", b"X")], "a bad kind")
refused([L, rec("alice@runetest", not_after=NOW - 10)], "an expired not_after")
refused([L, rec("alice@runetest", not_after=NOW + 60 * DAY + 100)],
        "a not_after more than 60 days ahead")
refused([rec("alice@runetest", b"L", NOW + 61 * DAY)], "an L more than 60 days ahead")
refused([L, rec("alice@runetest", xpk=b"\0" * 32)], "a zero xpk")
refused([L, good[0], good[0]], "a duplicate in the upload")
refused([L, rec("alice@runetest", b"L")], "two L in one upload (PK-N2)")
refused([L] + [rec("alice@runetest") for _ in range(11)],
        "11 one-time records over maxopk 10 (PK-N2)", 420)
eq(a.cmd("PREKEYS 12"), (420, ["limit reached"]), "PREKEYS 12 > maxopk + 1: 420 before any octet")
eq(a.cmd("PREKEYS x"), (400, ["syntax error"]), "PREKEYS x: 400")

# PK-P1: 10 O and 1 L
ones = [rec("alice@runetest") for _ in range(10)]
eq(upload(a, [L] + ones), (250, ["10 %d" % (NOW + 14 * DAY)]), "upload of 10 O and 1 L: 250 10 <t>")
eq(count(a), (250, ["10 %d" % (NOW + 14 * DAY)]), "PREKEYS 0: 250 10 <t> (PK-P1)")
eq(upload(a, [ones[3]])[0], 409, "a record already stored again: 409")
eq(upload(a, [rec("alice@runetest")])[0], 420, "an 11th O: 420")
eq(len(pkfiles()), 1, "one record file for alice")

# PK-P2: 10 fetches, 10 distinct O; the 11th L only
got = []
for i in range(10):
    c, l, o = fetch(b, "alice@runetest")
    if c != 250 or l != L or o is None:
        check(False, "fetch %d" % i, (c, l, o))
        break
    got.append(o)
eq(sorted(got), sorted(ones), "10 fetches get the 10 one-time records, each once")
check(all(psig_ok(x, "alice@runetest") for x in got + [L]), "every psig verifies")
eq(fetch(b, "alice@runetest"), (250, L, None), "the 11th fetch: the last-resort record only")
eq(count(a), (250, ["0 %d" % (NOW + 14 * DAY)]), "PREKEYS 0 after: 0 one-time left")
c, l, o = fetch(a, "alice@runetest")
eq((c, o), (250, None), "alice may fetch her own: L only")

# a new L replaces the current one; the previous is not handed out
L2 = rec("alice@runetest", b"L", NOW + 20 * DAY)
eq(upload(a, [L2]), (250, ["0 %d" % (NOW + 20 * DAY)]), "a new L: 250 0 <new t>")
eq(fetch(b, "alice@runetest"), (250, L2, None), "PREKEY hands out the newest L")

eq(fetch(b, "nobody@runetest")[:2], (404, ["no such address"]), "PREKEY unknown: 404")
eq(fetch(b, "alice@other")[:2], (402, ["wrong domain"]), "PREKEY another domain: 402")
eq(fetch(b, "ALICE@RuneTest")[0], 250, "a mixed-case address is canonicalised")
eq(b.cmd("PREKEY"), (400, ["syntax error: wrong number of arguments"]), "PREKEY without an address: 400")
n = talk.Session(PORT)
eq(n.cmd("PREKEY alice@runetest"), (411, ["authentication required"]), "PREKEY before login: 411")
eq(n.cmd("PREKEYS 0"), (411, ["authentication required"]), "PREKEYS before login: 411")
eq(n.cmd("SENDERCERT"), (411, ["authentication required"]), "SENDERCERT before login: 411")
PY

# the upload after a registration: the session proves it with rune-keys'
# receipt, not a login
py receipt <<'PY'
exec(open("t/lib/pkparts.py").read())
s = talk.Session(PORT)
eq(s.register("carol@runetest", rm.seed_of("carol@runetest"))[0], 210, "register carol")
eq(upload(s, [rec("carol@runetest", b"L"), rec("carol@runetest")])[0], 250,
   "upload in the registering session (the receipt proves it)")
eq(count(s)[0], 250, "and count")
PY
! grep -E "alice|bob|carol" "$H/log" >/dev/null; ok $? "the session log names no address"
done_testing
