#!/bin/sh
# 150-anon-issue.t: ANONSEND's issuance over TLS (doc/protocol-v2.md
# 2.3, 2.4, A3, A11): the ANONSEND line only when control/anonsend turns
# it on; TOKENKEY in any state, its signature checked by the test with the
# server key; TOKENS of 16 verified with its one DLEQ proof by
# t/lib/voprfc.py; the daily limit exactly and one over, kept across a
# restart, dropped when the day ends; AS-N6 and AS-P6 of 2.11.  The token
# writer here is the `rune-keys tokens` helper the session starts (t/152
# runs the daemon).
. t/lib/harness.sh
. t/lib/anonparts.sh
anon_domain clock
h_start

apy off <<'PY'
s = talk.Session(PORT)
c, t = s.cmd("CAPABILITIES")
check(not any(x.startswith("ANONSEND") for x in t), "no ANONSEND line", t)
eq(s.cmd("TOKENKEY")[0], 401, "TOKENKEY: 401 unknown command")
eq(s.cmd("REDEEM bob@runetest 1 AAAA")[0], 401, "REDEEM: 401")
register("alice@runetest")
register("bob@runetest")
a = login("alice@runetest")
eq(a.cmd("TOKENS 1 AAAA")[0], 401, "TOKENS: 401")
PY
check_no_tokens_dir() { [ ! -e "$RUNE_ROOT/keys/tokens" ]; }
check_no_tokens_dir; ok $? "off: no keys/tokens/ made"

echo on >"$RUNE_ROOT/control/anonsend"
talk CAPABILITIES >"$H/cap.out" 2>&1
grep -q 'anonsend: on needs prekeys on' "$H/log"
ok $? "anonsend on without prekeys: the session refuses to run, and says why"
echo 200 >"$RUNE_ROOT/control/prekeys"
apy issue <<'PY'
s = talk.Session(PORT)
c, t = s.cmd("CAPABILITIES")
eq(t, ["RUNE 1", "DOMAIN runetest", "REGISTER", "REGISTER_INVITATION",
       "MAXSIZE 10485760", "PREKEYS 200", "ANONSEND 16 4 7", "ok"],
   "CAPABILITIES lists ANONSEND 16 4 7 after PREKEYS, before ok, no NOIDSEND")
c, t, pk = tokenkey(s)
eq(c, 250, "TOKENKEY in state new: 250")
check(pk is not None, "its ksig verifies with the server key", t)
eq(t[0].split(" ")[0], str(E), "the epoch is now / (7 days)")
eq(tokenkey(s, E), (c, t, pk), "TOKENKEY E: the same")
eq(s.cmd("TOKENKEY %d" % (E - 1)), (417, ["unknown token epoch"]),
   "TOKENKEY E-1 with no key made for it: 417 (A11)")
eq(s.cmd("TOKENKEY %d" % (E + 1))[0], 417, "TOKENKEY E+1: 417")
eq(s.cmd("TOKENKEY x")[0], 400, "TOKENKEY x: 400")
eq(s.cmd("TOKENKEY 1 2")[0], 400, "TOKENKEY with two arguments: 400")
eq(s.cmd("TOKENS %d AAAA" % E), (411, ["authentication required"]),
   "TOKENS in state new: 411")
a = login("alice@runetest")
eq(tokenkey(a), (c, t, pk), "TOKENKEY authenticated: identical (AS-P6)")
bl = blinds(16)
c1, t1, toks = tokens(a, pk, bl=bl)
eq(c1, 250, "TOKENS of 16: 250")
check(toks is not None and len(toks) == 16,
      "the batch's one DLEQ proof verifies (voprfc.py)", t1)
c2, t2, toks2 = tokens(a, pk, bl=bl)
check(c2 == 250 and toks2 is not None and t2[0].split(" ")[1] !=
      t1[0].split(" ")[1], "the same B again: another proof, it verifies (A3)")
eq([x[1] for x in toks2], [x[1] for x in toks], "and the same outputs y")
eq(tokens(a, pk)[0], 250, "batch 3: 250")
eq(tokens(a, pk)[0], 250, "batch 4 of 4: 250")
eq(a.cmd("TOKENS %d %s" % (E, b64(b"".join(b[3] for b in blinds(16))))),
   (420, ["limit reached"]), "batch 5: 420 limit reached")
b = login("bob@runetest")
B = [x[3] for x in blinds(16)]
eq(b.cmd("TOKENS %d %s" % (E, b64(b"".join(B[:15]))))[0], 400,
   "bob: 15 elements: 400")
eq(b.cmd("TOKENS %d %s" % (E, b64(b"".join(B) + B[0])))[0], 400,
   "17 elements: 400")
ident = b"\0" * 32
eq(b.cmd("TOKENS %d %s" % (E, b64(b"".join(B[:15]) + ident)))[0], 400,
   "the identity among them: 400")
top = bytearray(B[3]); top[31] |= 0x80
eq(b.cmd("TOKENS %d %s" % (E, b64(b"".join(B[:15]) + bytes(top))))[0], 400,
   "an element with the top bit set: 400")
eq(b.cmd("TOKENS %d %s" % (E, b64(b"".join(B[:15]) + b"\xff" * 32)))[0], 400,
   "a non-canonical element: 400")
eq(b.cmd("TOKENS %d %s" % (E - 1, b64(b"".join(B)))), (417,
   ["unknown token epoch"]), "epoch E-1: 417")
eq(b.cmd("TOKENS %d %s" % (E + 1, b64(b"".join(B))))[0], 417,
   "epoch E+1: 417")
eq(b.cmd("TOKENS %d %s!" % (E, b64(b"".join(B))))[0], 400, "bad b64: 400")
eq([tokens(b, pk)[0] for i in range(5)], [250, 250, 250, 250, 420],
   "the refusals counted no batch: bob gets 4, then 420")
PY

h_stop
h_start
apy restart <<'PY'
a = login("alice@runetest")
c, t, pk = tokenkey(a)
eq(tokens(a, pk)[0], 420, "after a restart, the same day: still 420")
PY

d=$((T0 / 86400))
n=$(ls "$RUNE_ROOT/keys/tokens/day/$d" | wc -l)
is "$n" 8 "the day's counter: 8 entries (4 batches of 2 addresses)"
! grep -rl -e alice -e bob "$RUNE_ROOT/keys/tokens" >/dev/null
ok $? "no address in keys/tokens/"
is "$(stat -c %a "$RUNE_ROOT/keys/tokens")" 700 "keys/tokens/ is 0700"
e=$((T0 / 604800))
is "$(stat -c '%a %s' "$RUNE_ROOT/keys/tokens/key/$e")" "600 32" \
    "the epoch key: 0600, 32 octets"

h_stop
export RUNE_TEST_NOW=$((T0 + 86400))
h_start
apy nextday <<'PY'
a = login("alice@runetest")
c, t, pk = tokenkey(a)
eq(t[0].split(" ")[0], str(E), "a day later, the same epoch")
eq(tokens(a, pk)[0], 250, "a day later: alice gets tokens again")
PY
[ ! -e "$RUNE_ROOT/keys/tokens/day/$d" ]
ok $? "the past day's counter is dropped"

h_stop
done_testing
