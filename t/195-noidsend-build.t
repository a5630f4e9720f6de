#!/bin/sh
# 195-noidsend-build.t: `make NOIDSEND=1` (doc/protocol-v2.md 2.7 S2,
# doc/admin.md): a rune-session built without the identified send, into a
# build directory of the test's own (rune-session only).  The identified
# SEND's handler (send_identified, in the normal build) is not in its
# symbol table; every authenticated SEND gets 422 whatever control/
# says (no control/noidsend here), with ANONSEND off and on; CAPABILITIES
# lists NOIDSEND; an anonymous SEND on a permit is still stored.
. t/lib/harness.sh
. t/lib/anonparts.sh
anon_domain clock

# the build: plain (no SAN, whatever RUNE_SAN says), only rune-session
make -s -j2 B="$H/nb" NOIDSEND=1 "$H/nb/rune-session" >"$H/make.out" 2>&1
ok $? "make NOIDSEND=1 builds rune-session into a directory of its own"
nm "$RUNE_BUILD/rune-session" | grep -qw send_identified
ok $? "the normal build has the identified SEND's handler (send_identified)"
nm "$H/nb/rune-session" >"$H/nm.out" && [ -s "$H/nm.out" ] &&
    ! grep -qw send_identified "$H/nm.out"
ok $? "the NOIDSEND build has no send_identified symbol"

# the NOIDSEND session with the helpers of $RUNE_BUILD
mkdir "$H/bin"
for p in rune-keys rune-store rune-admin; do
	ln -s "$RUNE_BUILD/$p" "$H/bin/$p"
done
ln -s "$H/nb/rune-session" "$H/bin/rune-session"
RUNE_BUILD=$H/bin
RUNE_BINDIR=$H/bin
h_start

apy anonoff <<'PY'
s = talk.Session(PORT)
c, t = s.cmd("CAPABILITIES")
check(c == 250 and "NOIDSEND" not in t and
      not any(x.startswith("ANONSEND") for x in t),
      "ANONSEND off: no ANONSEND line, no NOIDSEND line", t)
register("alice@runetest", "bob@runetest")
a = login("alice@runetest")
eq(a.cmd("SEND bob@runetest 1072"), (422, ["identified send disabled"]),
   "ANONSEND off, no control/noidsend: an authenticated SEND gets 422")
eq(a.cmd("NOOP")[0], 250, "the session goes on: no octet of a blob was read")
PY
ls "$RUNE_ROOT"/store/*/new "$RUNE_ROOT"/store/*/cur 2>/dev/null | grep -q '^[0-9a-f]'
[ $? -ne 0 ]
ok $? "nothing stored"
h_stop

echo 200 >"$RUNE_ROOT/control/prekeys"
echo on >"$RUNE_ROOT/control/anonsend"
h_start
apy anonon <<'PY'
s = talk.Session(PORT)
c, t = s.cmd("CAPABILITIES")
check("NOIDSEND" in t and
      t.index("NOIDSEND") == t.index("ANONSEND 16 4 7") + 1,
      "ANONSEND on: CAPABILITIES lists NOIDSEND after ANONSEND", t)
lastresort("bob@runetest", 1)
a = login("alice@runetest")
eq(a.cmd("SEND bob@runetest 1137 2"), (422, ["identified send disabled"]),
   "an authenticated SEND … 2: 422")
eq(a.cmd("SEND bob@runetest 1072"), (422, ["identified send disabled"]),
   "an authenticated v1 SEND: 422")
c, t, pk = tokenkey(a)
c, t, toks = tokens(a, pk)
check(c == 250 and toks, "alice gets tokens", t)
a.cmd("QUIT")
s = talk.Session(PORT)
eq(redeem(s, toks[0], "bob@runetest")[0], 250, "REDEEM: 250 permit")
c, L, O = fetch(s, "bob@runetest")
eq(c, 250, "PREKEY on the permit: 250")
blob = anon_blob("alice@runetest", "bob@runetest", b"hi", pk, L, O)
eq(asend2(s, "bob@runetest", blob)[0], 250,
   "the anonymous SEND … 2 on the permit: 250, stored")
PY
h_stop
done_testing
