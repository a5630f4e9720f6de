#!/bin/sh
# 114-prekeys-limits.t: PREKEY's limits (doc/protocol-v2.md 3.2, A6),
# with the server's clock set by RUNE_TEST_NOW: per requesting address a
# day (control/prekey_perday) and per receiver an hour
# (control/prekey_perhour), each reached exactly and one over; over a
# limit PREKEY answers with the last-resort record only, never 420; the
# next day or hour lifts it; the counter files never name a pair (PK-N7).
. t/lib/harness.sh
h_domain
. t/lib/msgparts.sh
cfg() { "$RUNE_BUILD/rune-admin" config --root "$RUNE_ROOT" "$@" >/dev/null 2>&1; }
cfg prekeys 200 && cfg prekey_perday 3 && cfg prekey_perhour 1000
ok $? "prekeys on, 3 a day per requester"
# 05:00 on a day: 19 hours left in it
T0=$((1900000000 - 1900000000 % 86400 + 5 * 3600))
export RUNE_TEST_NOW=$T0
h_start

py perday <<'PY'
exec(open("t/lib/pkparts.py").read())
register("alice@runetest", "bob@runetest", "carol@runetest", "dave@runetest")
for who in ("alice@runetest", "dave@runetest"):
    s = login(who)
    eq(upload(s, [rec(who, b"L")] + [rec(who) for _ in range(20)])[0], 250,
       "%s uploads L and 20 O" % who)
b = login("bob@runetest")
got = [fetch(b, "alice@runetest") for _ in range(2)] + [fetch(b, "dave@runetest")]
check(all(r[0] == 250 and r[2] for r in got), "bob's fetches 1 to 3 of the day: L and O")
c, l, o = fetch(b, "alice@runetest")
eq((c, o), (250, None), "the 4th: 250 with L only (A6: never 420)")
eq(fetch(b, "dave@runetest")[0::2], (250, None), "the 5th, another receiver: L only too")
c, l, o = fetch(login("carol@runetest"), "alice@runetest")
check(c == 250 and o, "carol, another requester, still gets an O")
eq(count(login("alice@runetest"))[1][0].split(" ")[0], "17", "alice: 20 - 3 handed out")
PY
h_stop
export RUNE_TEST_NOW=$((T0 + 86400 - 5 * 3600 - 1))
h_start
py lastsecond <<'PY'
exec(open("t/lib/pkparts.py").read())
eq(fetch(login("bob@runetest"), "alice@runetest")[0::2], (250, None),
   "the last second of the day: still L only")
PY
h_stop
export RUNE_TEST_NOW=$((T0 + 86400 - 5 * 3600))
h_start
py nextday <<'PY'
exec(open("t/lib/pkparts.py").read())
c, l, o = fetch(login("bob@runetest"), "alice@runetest")
check(c == 250 and o, "the next day: bob gets an O again")
PY
h_stop

cfg prekey_perday 1000 && cfg prekey_perhour 2
ok $? "2 an hour per receiver"
export RUNE_TEST_NOW=$((T0 + 2 * 86400))
h_start
py perhour <<'PY'
exec(open("t/lib/pkparts.py").read())
b, c = login("bob@runetest"), login("carol@runetest")
r1, r2 = fetch(b, "alice@runetest"), fetch(c, "alice@runetest")
check(r1[2] and r2[2], "fetches 1 and 2 for alice this hour: O (from two requesters)")
eq(fetch(b, "alice@runetest")[0::2], (250, None), "the 3rd for alice: L only, never 420")
eq(fetch(c, "alice@runetest")[0::2], (250, None), "and for another requester too")
r = fetch(b, "dave@runetest")
check(r[0] == 250 and r[2], "another receiver: O")
PY
h_stop
export RUNE_TEST_NOW=$((T0 + 2 * 86400 + 3600))
h_start
py nexthour <<'PY'
exec(open("t/lib/pkparts.py").read())
r = fetch(login("bob@runetest"), "alice@runetest")
check(r[0] == 250 and r[2], "the next hour: O again")
# PK-N7: every counter file names one address, never a pair
def name(a):
    return hashlib.blake2b(b"RUNE-2 prekeys\0" + a.encode(), digest_size=16).hexdigest()
names = {name(a + "@runetest"): a for a in ("alice", "bob", "carol", "dave")}
rate = sorted(n for n in os.listdir(ROOT + "/keys/prekeys/rate") if n != "swept")
bad = [n for n in rate if n[0] not in "dh" or n.split(".")[1] not in names or
       os.path.getsize(ROOT + "/keys/prekeys/rate/" + n) != 8]
eq(bad, [], "counter files: d<day> or h<hour>, one address's name, 8 octets")
check(len(rate) > 0, "there are counters", rate)
hours = set(n.split(".")[0] for n in rate if n[0] == "h")
eq(hours, {"h%d" % (NOW // 3600)}, "the older hours' counters are swept")
PY
done_testing
