#!/bin/sh
# 151-anon-redeem.t: REDEEM over TLS in the order of doc/protocol-v2.md
# 2.5 with A8 (syntax 400, domain 402, epoch 417, mac 417, spent 417,
# unknown receiver: spent then 404, limit 420 unspent, spend, 250 permit);
# the anonymous state (1.4, AS-N5) and its permits (AS-N4); an anonymous
# SEND … 2 stored with a zero sender101 and a vsig2 that verifies (the
# server's part of AS-P2); AS-N1 (sequential), AS-N2, AS-N3, AS-P5 as A8
# reads it; the per-receiver cap; NOIDSEND (AS-N8).
. t/lib/harness.sh
. t/lib/anonparts.sh
anon_domain clock on
h_start

apy redeem <<'PY'
register("alice@runetest", "bob@runetest", "carol@runetest", "dave@runetest")
lastresort("bob@runetest", 1)
lastresort("carol@runetest")
a = login("alice@runetest")
c, t, pk = tokenkey(a)
c, t, toks = tokens(a, pk)
check(c == 250 and toks, "alice has 16 tokens", t)
json.dump([[x[0].hex(), x[1].hex()] for x in toks], open(H + "/toks", "w"))
eq(a.cmd("REDEEM bob@runetest %d %s" % (E, redeem_arg(toks[0],
   "bob@runetest"))), (400, ["already authenticated"]),
   "REDEEM after LOGIN: 400 already authenticated (AS-N5)")
a.cmd("QUIT")
s = talk.Session(PORT)
eq(s.cmd("SEND bob@runetest 1137 2")[0], 411,
   "SEND without a permit, state new: 411 (AS-N4)")
eq(s.cmd("PREKEY bob@runetest")[0], 411, "PREKEY without a permit: 411")
# step 1
eq(s.cmd("REDEEM bob@ %d %s" % (E, redeem_arg(toks[0], "bob@runetest")))[0],
   400, "a bad address: 400")
eq(s.cmd("REDEEM bob@runetest %d %s" % (E, "A" * 87 + "="))[0], 400,
   "a token of 64 octets wanted: 400")
eq(s.cmd("REDEEM bob@runetest x %s" % redeem_arg(toks[0], "bob@runetest"))[0],
   400, "a bad epoch: 400")
eq(s.cmd("REDEEM bob@elsewhere %d %s" % (E, b64(os.urandom(64))))[0], 402,
   "another domain (garbage token): 402, before the epoch and the mac")
eq(s.cmd("REDEEM bob@runetest %d %s" % (E - 2, redeem_arg(toks[0],
   "bob@runetest", E - 2)))[0], 417, "epoch E-2: 417 (AS-N2)")
eq(s.cmd("REDEEM bob@runetest %d %s" % (E + 1, redeem_arg(toks[0],
   "bob@runetest", E + 1)))[0], 417, "epoch E+1: 417")
eq(s.cmd("REDEEM bob@runetest %d %s" % (E - 1, redeem_arg(toks[0],
   "bob@runetest", E - 1)))[0], 417, "epoch E-1 (no key): 417")
# step 2 (a new session: 10 refusals close one, v1 13.16)
s = talk.Session(PORT)
bad = bytearray(unb64(redeem_arg(toks[0], "bob@runetest"))); bad[40] ^= 1
eq(s.cmd("REDEEM bob@runetest %d %s" % (E, b64(bytes(bad)))),
   (417, ["token invalid"]), "a bad mac: 417 (AS-N2)")
eq(redeem(s, toks[0], "bob@runetest", mac_for="carol@runetest")[0], 417,
   "a mac bound to carol, for bob: 417")
eq(s.cmd("REDEEM nobody@runetest %d %s" % (E, b64(os.urandom(64))))[0], 417,
   "a garbage token for an unknown receiver: 417, not 404 (AS-N3)")
s.cmd("QUIT")
s = talk.Session(PORT)
# A8: a valid token for an unknown receiver is spent, then 404
eq(redeem(s, toks[1], "nobody@runetest"), (404, ["no such address"]),
   "a valid token for an unknown receiver: 404 (A8)")
eq(redeem(s, toks[1], "bob@runetest"), (417, ["token invalid"]),
   "the same token then for bob: 417, spent (A8 over AS-P5)")
eq(s.cmd("LOGIN alice@runetest")[0], 220,
   "no REDEEM succeeded: still state new (LOGIN answers 220)")
s = talk.Session(PORT)
eq(redeem(s, toks[0], "bob@runetest"), (250, ["permit bob@runetest"]),
   "a valid token: 250 permit bob@runetest")
eq(redeem(s, toks[0], "bob@runetest")[0], 417,
   "the same token again in the session: 417 (AS-N1)")
eq(tokenkey(s)[0], 250, "TOKENKEY anonymous: 250")
eq(s.cmd("NOOP")[0], 250, "NOOP anonymous: 250")
eq(s.cmd("PREKEY carol@runetest")[0], 411,
   "PREKEY for a receiver other than the permit's: 411")
c, L, O = fetch(s, "bob@runetest")
check(c == 250 and L[0:1] == b"L" and O is not None and psig_ok(L, "bob@runetest"),
      "PREKEY bob on the permit: 250, his L and his one O", (c, L))
eq(s.cmd("PREKEY bob@runetest")[0], 420, "a second PREKEY on one permit: 420 (PK-N4)")
blob = anon_blob("alice@runetest", "bob@runetest", b"hello anonymously",
                 pk, L, O)
eq(asend2(s, "carol@runetest", blob)[0], 411,
   "SEND to a receiver other than the permit's: 411 (AS-N4)")
eq(asend2(s, "bob@runetest", blob, two=False)[0], 400,
   "SEND without 2 in an anonymous session: 400")
c, t = asend2(s, "bob@runetest", blob)
eq(c, 250, "SEND bob … 2 on the permit: 250")
mid = t[0]
eq(asend2(s, "bob@runetest", blob)[0], 411, "a second SEND on one permit: 411")
s.cmd("QUIT")
s = talk.Session(PORT)
eq(redeem(s, toks[2], "bob@runetest")[0], 250, "another session's REDEEM: 250")
eq(s.cmd("LOGIN alice@runetest"), (400, ["anonymous session"]),
   "LOGIN after REDEEM: 400 anonymous session (AS-N5)")
eq(s.cmd("REGISTER dave@runetest ed25519:" + b64(b"\1" * 32)),
   (400, ["anonymous session"]), "REGISTER: 400 anonymous session")
eq(s.cmd("TOKENS %d AAAA" % E)[0], 411, "TOKENS anonymous: 411")
eq(s.cmd("KEY bob@runetest")[0], 411, "KEY anonymous: 411")
eq(s.cmd("LIST")[0], 411, "LIST anonymous: 411")
bad = bytearray(blob); bad[0] = 1
eq(asend2(s, "bob@runetest", bytes(bad))[0], 400,
   "a blob not starting 0x02: 400 bad RUNE-2 blob")
eq(asend2(s, "bob@runetest", blob[:1136])[0], 400, "1136 octets: 400")
s.cmd("QUIT")
s = talk.Session(PORT)
eq(redeem(s, toks[5], "dave@runetest"), (418, ["no RUNE-2 keys for this address"]),
   "REDEEM to dave, who has no last-resort prekey: 418 (AS-N7)")
lastresort("dave@runetest")
eq(redeem(s, toks[5], "dave@runetest")[0], 250,
   "the token stayed unspent: after dave's upload it redeems")
s.cmd("QUIT")
b = login("bob@runetest")
c, st = rm.retrieve(b, mid)
eq(c, 240, "bob retrieves it")
s101, got = aopen_env2(st, "bob@runetest")
eq(s101, b"\0" * 101, "env2: sender101 is zero, vsig2 verifies")
eq(got, blob, "env2 carries the blob2 as sent")
inner = open_blob2(got, "bob@runetest")
eq((inner[270], inner[271:303]), (1, rune2.tkh(DOMAIN, E, pk)),
   "bob opens it: mode 0x01, tkh of the epoch and token key")
eq(inner[65:65 + 14], b"alice@runetest", "and scert names alice")
PY

echo 2 >"$RUNE_ROOT/control/anoncap"
apy cap <<'PY'
toks = [(bytes.fromhex(a), bytes.fromhex(b)) for a, b in
        json.load(open(H + "/toks"))]
s = talk.Session(PORT)
eq(redeem(s, toks[3], "bob@runetest")[0], 420,
   "bob had 2 this hour (anoncap 2): 420")
t2 = talk.Session(PORT)
eq(redeem(t2, toks[3], "carol@runetest", mac_for="bob@runetest")[0], 417,
   "(the mac binds bob)")
eq(redeem(s, toks[4], "carol@runetest")[0], 250, "carol: 250")
s = talk.Session(PORT)
eq(redeem(s, toks[3], "bob@runetest")[0], 420, "bob still 420")
PY
h_stop
export RUNE_TEST_NOW=$((T0 + 3600))
h_start
apy cap-hour <<'PY'
toks = [(bytes.fromhex(a), bytes.fromhex(b)) for a, b in
        json.load(open(H + "/toks"))]
s = talk.Session(PORT)
eq(redeem(s, toks[3], "bob@runetest")[0], 250,
   "an hour later: the token refused by the cap was not spent: 250")
PY
rm "$RUNE_ROOT/control/anoncap"

n=$(ls "$RUNE_ROOT/keys/tokens/spent/$((T0 / 604800))" | wc -l)
is "$n" 7 "spent/E holds the 6 tokens spent and the one permit that took a PREKEY (t.p)"
ls "$RUNE_ROOT/keys/tokens/spent/$((T0 / 604800))" | grep -vqE '^[0-9a-f]{64}(\.p)?$'
ok $((! $?)) "spent/ holds only t (64 hex digits a name)"
is "$(stat -c %Y "$RUNE_ROOT/keys/tokens/spent/$((T0 / 604800))/$(ls "$RUNE_ROOT/keys/tokens/spent/$((T0 / 604800))" | grep -v "\\.p$" | head -1)")" \
    $(( (T0 / 604800) * 604800 )) "a spent entry's mtime is the epoch's start"

apy permits <<'PY'
old = [(bytes.fromhex(a), bytes.fromhex(b)) for a, b in
       json.load(open(H + "/toks"))][6:]
a = login("alice@runetest")
c, t, pk = tokenkey(a)
toks = old[:]
for i in range(3):
    c, t, more = tokens(a, pk)
    toks += more or []
check(len(toks) >= 51, "alice holds 51 tokens", len(toks))
s = talk.Session(PORT)
got = [redeem(s, toks[i], "carol@runetest")[0] for i in range(50)]
eq(got, [250] * 50, "50 REDEEMs in one session: 50 permits")
eq(redeem(s, toks[50], "carol@runetest"), (420, ["limit reached"]),
   "the 51st: 420, a session holds at most 50 permits")
s = talk.Session(PORT)
eq(redeem(s, toks[50], "carol@runetest")[0], 250,
   "that token was not spent: it redeems in another session")
PY

echo 1 >"$RUNE_ROOT/control/noidsend"
apy noidsend <<'PY'
s = talk.Session(PORT)
c, t = s.cmd("CAPABILITIES")
check("NOIDSEND" in t and t.index("NOIDSEND") == t.index("ANONSEND 16 4 7") + 1,
      "CAPABILITIES lists NOIDSEND after ANONSEND", t)
a = login("alice@runetest")
eq(a.cmd("SEND bob@runetest 1072"), (422, ["identified send disabled"]),
   "an authenticated SEND: 422 (AS-N8)")
PY
rm "$RUNE_ROOT/control/noidsend"
echo off >"$RUNE_ROOT/control/anonsend"
echo 1 >"$RUNE_ROOT/control/noidsend"
talk CAPABILITIES >"$H/cap.out" 2>&1
grep -q 'noidsend' "$H/log"
ok $? "noidsend without anonsend: the session refuses to run, and says why"
rm "$RUNE_ROOT/control/noidsend"

h_stop
done_testing
