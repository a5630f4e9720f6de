#!/bin/sh
# 197-anon-sybil.t: doc/protocol-v2.md 2.9, Sybils: no tokens in an
# address's first 24 hours (control/anonwait, seconds), and the batches a
# day by how the address was registered (control/anonperday_open for
# REGISTER, control/anonperday_invite for REGISTER_INVITATION; both
# ANONSEND's PERDAY unless set).  TOKENS refused with 420 and a text that
# says why; the registration's time and kind are the key table's (version
# 02 address records, doc/keys.md), read by the token writer, kept across
# a disable and an enable.  rune-admin config shows the settings.  The
# test's clock ($RUNE_TEST_NOW) moves between server starts.
. t/lib/harness.sh
h_domain
. t/lib/anonparts.sh
T0=$(anon_t0)
DAY=86400
echo 200 >"$RUNE_ROOT/control/prekeys"
echo on >"$RUNE_ROOT/control/anonsend"
A=$RUNE_BUILD/rune-admin
at() {	# T: the server again, its clock (and the test's) at T
	h_stop
	export RUNE_TEST_NOW=$1
	h_start
}

is "$("$A" config --root "$RUNE_ROOT" anonwait)" 86400 \
    "config anonwait: 86400 (24 hours) by default"
is "$("$A" config --root "$RUNE_ROOT" anonperday_open)" 4 \
    "config anonperday_open: ANONSEND's PERDAY (4) by default"
is "$("$A" config --root "$RUNE_ROOT" anonperday_invite)" 4 \
    "config anonperday_invite: 4 by default"
"$A" config --root "$RUNE_ROOT" | grep -q '^anonwait  *86400  *default$'
ok $? "config lists anonwait, its value and its source"

RUNE_ROOT=$H/root "$RUNE_BUILD/rune-keys" invite carol@runetest \
    $((T0 + 30 * DAY)) >"$H/tok" 2>"$H/inv.err"
ok $? "an invitation for carol"

at "$T0"
apy new <<'PY'
WAIT = ["limit reached: no tokens in a new address's first 24 hours"]
register("alice@runetest", "eve@runetest")
s = talk.Session(PORT)
eq(s.register("carol@runetest", rm.seed_of("carol@runetest"),
              token=open(H + "/tok").read().strip())[0], 210,
   "carol registers by invitation")
a = login("alice@runetest")
c, t, pk = tokenkey(a)
eq(c, 250, "TOKENKEY: 250 (the wait is for TOKENS only)")
eq(tokens(a, pk)[:2], (420, WAIT),
   "alice, registered now (REGISTER): TOKENS 420, and says why")
c = login("carol@runetest")
eq(tokens(c, pk)[:2], (420, WAIT), "carol (REGISTER_INVITATION): the same")
PY
"$RUNE_BUILD/rune-keys" disable alice@runetest </dev/null 2>"$H/dis.err" &&
    "$RUNE_BUILD/rune-keys" enable alice@runetest </dev/null 2>>"$H/dis.err"
ok $? "alice disabled and enabled again"

at $((T0 + DAY - 1))
apy almost <<'PY'
a = login("alice@runetest")
c, t, pk = tokenkey(a)
eq(tokens(a, pk)[0], 420,
   "a second before 24 hours (and after a disable and enable): 420")
PY

echo 1 >"$RUNE_ROOT/control/anonperday_open"
echo 3 >"$RUNE_ROOT/control/anonperday_invite"
at $((T0 + DAY))
apy day <<'PY'
a = login("alice@runetest")
c, t, pk = tokenkey(a)
c, t, toks = tokens(a, pk)
check(c == 250 and toks, "24 hours after: alice's TOKENS 250, the proof verifies", t)
eq(tokens(a, pk)[:2], (420, ["limit reached"]),
   "anonperday_open 1: her second batch today 420 limit reached")
c = login("carol@runetest")
eq([tokens(c, pk)[0] for i in range(4)], [250, 250, 250, 420],
   "anonperday_invite 3: carol's fourth batch 420")
register("bob@runetest")
b = login("bob@runetest")
eq(tokens(b, pk)[0], 420, "bob, registered now: 420")
PY

echo 3600 >"$RUNE_ROOT/control/anonwait"
echo 0 >"$RUNE_ROOT/control/anonperday_open"
at $((T0 + DAY + 3600))
apy hour <<'PY'
a = login("eve@runetest")
c, t, pk = tokenkey(a)
eq(tokens(a, pk)[:2], (420, ["limit reached"]),
   "anonperday_open 0: an open registration gets no tokens")
c = login("carol@runetest")
eq(tokens(c, pk)[0], 420, "carol's 3 of today are still used")
register("dave@runetest")
d = login("dave@runetest")
eq(tokens(d, pk)[:2], (420, ["limit reached: no tokens in a new "
                             "address's first 1 hour"]),
   "anonwait 3600: the text says 1 hour")
PY
is "$("$A" config --root "$RUNE_ROOT" anonwait)" 3600 "config anonwait: 3600"

echo 5 >"$RUNE_ROOT/control/anonperday_open"
at $((T0 + DAY + 7200))
apy later <<'PY'
b = login("bob@runetest")
c, t, pk = tokenkey(b)
eq(tokens(b, pk)[0], 250, "bob, 2 hours old, anonwait 3600: 250")
d = login("dave@runetest")
eq(tokens(d, pk)[0], 250, "dave, an hour old: 250")
PY
h_stop
done_testing
