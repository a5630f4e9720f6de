#!/bin/sh
# 191-client-anon-read.t: the receiving half of anonymous sending
# (doc/protocol-v2.md A5, 1.6 step 8, 2.7 C4, 2.11 AS-P2 and AS-N11;
# doc/client.md "Anonymous messages"), real server over TLS and bob's
# real client; alice's messages are made by the independent Python side
# (t/lib/voprfc.py, t/lib/rune2.py) and spent on connections that never
# log in.  bob's client: verified as alice, "sender hidden from the
# server" in read, list and fetch's Maildir, no KEY asked; a token of
# the epoch before: its TOKENKEY fetched and pinned; a tkh that names
# another token key: the token key alarm, not shown; mode 0x01 in an
# identified envelope and mode 0x00 in an anonymous one, an expired
# scert and one signed by another key: rejected (AS-N11); a message of
# an epoch long past, whose key is gone everywhere: shown, saying its
# token key could not be checked; a 417 for a key of the current
# epoch: the alarm.
. t/lib/harness.sh
h_domain
# tokens right after registering: no 24-hour wait here (t/197 tests it)
echo 0 >"$RUNE_ROOT/control/anonwait"
. t/lib/anonparts.sh
ap() { py_parts "$1" t/lib/msgparts.py t/lib/anonparts.py t/lib/anonrecv.py; }
T0=$(anon_t0)
E0=$((T0 / 604800))
echo 200 >"$RUNE_ROOT/control/prekeys"
echo on >"$RUNE_ROOT/control/anonsend"
rune() { "$RUNE_BUILD/rune" --server "127.0.0.1:$PORT" "$@"; }
B="--home $H/bob"

# -- three weeks before: alice and carol register; carol gets a message
# spent with a token of epoch E0-3
export RUNE_TEST_NOW=$((T0 - 3 * 604800))
h_start
rune --home "$H/carol" init carol@runetest >/dev/null 2>&1 &&
    rune --home "$H/carol" register >"$H/reg.carol" 2>&1
ok $? "carol registers with the real client (its prekeys uploaded)" ||
    diag "$H/reg.carol"
ap ancient <<'PY'
register("alice@runetest")
a = login("alice@runetest")
c, t, pk = tokenkey(a)
c, t, toks = tokens(a, pk)
check(c == 250 and toks, "alice's tokens of epoch E0-3", t)
a.cmd("QUIT")
i = anon_deposit(toks[0], E, "carol@runetest",
                 msg("anon ancient", "sent three weeks ago"),
                 rune2.tkh(DOMAIN, E, pk))
open(H + "/id.ancient", "w").write(i)
PY
h_stop

# -- a week before: alice gets tokens of epoch E0-1; bob registers with
# the real client and pins alice's key
export RUNE_TEST_NOW=$((T0 - 604800))
h_start
ap before <<'PY'
a = login("alice@runetest")
c, t, pk = tokenkey(a)
c, t, toks = tokens(a, pk)
check(c == 250 and toks, "alice's tokens of epoch E0-1", t)
save_tokens("toks1", pk, toks)
a.cmd("QUIT")
PY
rune $B init bob@runetest >/dev/null 2>&1 && rune $B register >"$H/reg.bob" 2>&1
ok $? "bob registers with the real client (its prekeys uploaded)" ||
    diag "$H/reg.bob"
rune $B key alice@runetest >"$H/key.out" 2>&1
ok $? "bob pins alice's key" || diag "$H/key.out"
h_stop

# -- epoch E0: alice's messages
export RUNE_TEST_NOW=$T0
h_start RUNE_VERBOSE=2
ap deposit <<'PY'
pk1, toks1 = load_tokens("toks1")
a = login("alice@runetest")
c, t, pk0 = tokenkey(a)
c, t, toks0 = tokens(a, pk0)
check(c == 250 and toks0, "alice's tokens of epoch E0", t)
a.cmd("QUIT")
ids = {}
ids["good"] = anon_deposit(toks0[0], E, "bob@runetest",
                           msg("anon one", "hello from nobody"),
                           rune2.tkh(DOMAIN, E, pk0))
ids["old"] = anon_deposit(toks1[0], E - 1, "bob@runetest",
                          msg("anon old", "a token of last week"),
                          rune2.tkh(DOMAIN, E - 1, pk1))
# a server that gave alice her own token key: tkh names a key bob was
# never given
other = voprfc.blind(b"x")[1]
ids["tagged"] = anon_deposit(toks0[1], E, "bob@runetest",
                             msg("anon tagged", "tagged text"),
                             rune2.tkh(DOMAIN, E, other))
ids["ident01"] = ident_deposit("bob@runetest", msg("c4", "mode 1 identified"),
                               rune2.tkh(DOMAIN, E, pk0), 1)
ids["anon00"] = anon_deposit(toks0[2], E, "bob@runetest",
                             msg("m0", "mode 0 anonymous"), b"\0" * 32, 0)
ids["late"] = anon_deposit(toks0[3], E, "carol@runetest",
                           msg("anon late", "read two weeks later"),
                           rune2.tkh(DOMAIN, E, pk0))
# AS-N11: an expired scert, an scert signed by another key
ids["expired"] = anon_deposit(toks0[4], E, "bob@runetest",
                              msg("exp", "expired cert"),
                              rune2.tkh(DOMAIN, E, pk0), not_after=NOW - 60)
forger = nb.crypto_sign_keypair()[1]
ids["forged"] = anon_deposit(toks0[5], E, "bob@runetest",
                             msg("forged", "forged cert"),
                             rune2.tkh(DOMAIN, E, pk0), cert_sk=forger)
json.dump(ids, open(H + "/ids", "w"))
open(H + "/pk0", "w").write(pk0.hex())
open(H + "/pk1", "w").write(pk1.hex())
check(len(set(ids.values())) == 8, "eight messages deposited")
PY
id() { /usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$H/ids" "$1"; }
grep -q 'event=send code=250' "$H/log"; ok $? "(the server logged the SENDs)"

# bob reads through a logging TLS proxy: every verb his client sends
/usr/bin/python3 t/lib/tlsproxy.py "$RUNE_ROOT/tls/cert.pem" \
    "$RUNE_ROOT/tls/key.pem" "$PORT" "$H/pport" "$H/verbs" 2>"$H/proxy.err" &
tlsproxy=$!
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15; do [ -s "$H/pport" ] && break; sleep 0.2; done
PP=127.0.0.1:$(cat "$H/pport")
viaproxy() { "$RUNE_BUILD/rune" --server "$PP" "$@"; }

ls "$H/bob/tokens/key.$E0" >/dev/null 2>&1 && rm -f "$H/bob/tokens/key.$E0"
: >"$H/verbs"
viaproxy $B read "$(id good)" >"$H/good" 2>"$H/good.err"
ok $? "bob reads the anonymous message" || diag "$H/good.err"
grep -qx 'From: alice@runetest' "$H/good" && grep -qx 'Verified: yes' "$H/good"
ok $? "from alice, verified with her pinned key (scert and ssig2)" || diag "$H/good"
grep -qx 'Anonymity: sender hidden from the server' "$H/good"
ok $? "read: Anonymity: sender hidden from the server" || diag "$H/good"
grep -qx 'hello from nobody' "$H/good"; ok $? "the text"
! grep -qx KEY "$H/verbs"
ok $? "no KEY asked (the sender's key came from scert)" || diag "$H/verbs"
grep -qx TOKENKEY "$H/verbs"
ok $? "no pin for E0: TOKENKEY asked (by the check, or the login's token schedule)" || diag "$H/verbs"
[ "$(cut -d' ' -f1 "$H/bob/tokens/key.$E0" 2>/dev/null)" = "$E0" ]
ok $? "and E0's key pinned in tokens/key.E0"
pk0b64=$(/usr/bin/python3 -c 'import base64,sys; print(base64.b64encode(bytes.fromhex(open(sys.argv[1]).read())).decode())' "$H/pk0")
is "$(cut -d' ' -f2 "$H/bob/tokens/key.$E0")" "$pk0b64" "the key the server gave"

: >"$H/verbs"
viaproxy $B read "$(id good)" >"$H/good2" 2>&1
grep -qx 'Anonymity: sender hidden from the server' "$H/good2" &&
    grep -qx 'Verified: yes' "$H/good2"
ok $? "read again (the local record): the same" || diag "$H/good2"

# a token of epoch E0-1: its key fetched (TOKENKEY E0-1) and pinned
E1=$((E0 - 1))
# a login pins the current epoch's key only (tokens_login): any pin of
# E0-1 from the week before goes, so that only the check can make it
rm -f "$H/bob/tokens/key.$E1"
: >"$H/verbs"
viaproxy $B read "$(id old)" >"$H/old" 2>"$H/old.err"
ok $? "a message spent with a token of E0-1 reads" || diag "$H/old.err"
grep -qx 'Anonymity: sender hidden from the server' "$H/old"
ok $? "sender hidden from the server, checked" || diag "$H/old"
grep -qx TOKENKEY "$H/verbs" && test -f "$H/bob/tokens/key.$E1"
ok $? "E0-1's key asked (TOKENKEY) and pinned by the check" || diag "$H/verbs"
pk1b64=$(/usr/bin/python3 -c 'import base64,sys; print(base64.b64encode(bytes.fromhex(open(sys.argv[1]).read())).decode())' "$H/pk1")
is "$(cut -d' ' -f2 "$H/bob/tokens/key.$E1")" "$pk1b64" "the key of E0-1"

# A5: a tkh naming a token key bob was not given: the alarm, not shown
viaproxy $B read "$(id tagged)" >"$H/tagged" 2>"$H/tagged.err"
is $? 100 "a tkh that names another token key: exit 100"
grep -q 'WARNING: THE TOKEN KEY OF AN ANONYMOUS MESSAGE HAS CHANGED' "$H/tagged.err"
ok $? "the token key alarm" || diag "$H/tagged.err"
grep -q 'not shown.*tagging.*(tkh-mismatch).*stays in the mailbox' "$H/tagged.err"
ok $? "says why, and that it stays in the mailbox" || diag "$H/tagged.err"
! grep -q 'tagged text' "$H/tagged" "$H/tagged.err"
ok $? "its text is not shown"

# C4, AS-N11: the mode against the envelope
viaproxy $B read "$(id ident01)" >"$H/c4" 2>&1
is $? 100 "mode 0x01 in an identified envelope: exit 100"
grep -q 'mode-mismatch' "$H/c4"; ok $? "rejected: mode-mismatch" || diag "$H/c4"
viaproxy $B read "$(id anon00)" >"$H/m0" 2>&1
is $? 100 "mode 0x00 in an anonymous envelope: exit 100"
grep -q 'mode-mismatch' "$H/m0"; ok $? "rejected: mode-mismatch" || diag "$H/m0"
viaproxy $B read "$(id expired)" >"$H/exp" 2>&1
is $? 100 "an anonymous message with an expired scert: exit 100"
grep -q 'scert-expired' "$H/exp"; ok $? "rejected: scert-expired" || diag "$H/exp"
viaproxy $B read "$(id forged)" >"$H/forged" 2>&1
is $? 100 "an anonymous message with an scert signed by another key: exit 100"
grep -q 'scert-bad' "$H/forged"; ok $? "rejected: scert-bad" || diag "$H/forged"
! grep -q -e 'mode 1 identified' -e 'mode 0 anonymous' -e 'expired cert' \
    -e 'forged cert' "$H/c4" "$H/m0" "$H/exp" "$H/forged"
ok $? "no such text shown"

viaproxy $B list >"$H/list" 2>"$H/list.err"
ok $? "bob lists" || diag "$H/list.err"
is "$(grep -c 'alice@runetest (sender hidden from the server)' "$H/list")" 2 \
    "list: the two good ones say sender hidden from the server" || diag "$H/list"
grep -q 'rejected: tkh-mismatch' "$H/list"; ok $? "list: the tagged one rejected" || diag "$H/list"
is "$(grep -c 'rejected: mode-mismatch' "$H/list")" 2 "list: the mode mismatches rejected"

viaproxy $B fetch --maildir "$H/md" >"$H/fetch" 2>"$H/fetch.err"
is $? 100 "fetch: exit 100 (some held back)"
f=$(grep -l 'hello from nobody' "$H"/md/new/* 2>/dev/null)
[ -n "$f" ] && grep -qx 'X-Rune-Anonymity: sender hidden from the server' "$f" &&
    grep -qx 'X-Rune-Sender: alice@runetest' "$f" &&
    grep -qx 'X-Rune-Verified: yes' "$f"
ok $? "the Maildir file says X-Rune-Anonymity: sender hidden from the server" ||
    { [ -n "$f" ] && diag "$f"; diag "$H/fetch"; }
is "$(ls "$H/md/new" | wc -l)" 2 "two delivered"
grep -q "delivered $(id good) from alice@runetest (verified: yes; sender hidden from the server)" "$H/fetch"
ok $? "fetch says so on its delivered line" || diag "$H/fetch"
grep -q "held back $(id tagged)" "$H/fetch" && grep -q "tkh-mismatch" "$H/fetch"
ok $? "the tagged one held back, said why" || diag "$H/fetch"
h_stop
kill "$tlsproxy" 2>/dev/null

# -- carol reads, at E0, the message of E0-3: the server has neither
# E0-3's nor E0-4's key any more (417), and she never pinned them:
# shown, saying its token key could not be checked
h_start
rm -f "$H"/carol/tokens/key.*
rune --home "$H/carol" read "$(cat "$H/id.ancient")" >"$H/anc" 2>"$H/anc.err"
ok $? "carol reads a message whose epoch's key the server no longer has" ||
    diag "$H/anc.err"
grep -qx 'Anonymity: sender hidden from the server (its token key could not be checked)' "$H/anc"
ok $? "and is told its token key could not be checked" || diag "$H/anc"
grep -qx 'sent three weeks ago' "$H/anc"; ok $? "the text"
[ ! -e "$H/carol/tokens/key.$((E0 - 3))" ]; ok $? "nothing pinned for E0-3"
rune --home "$H/carol" read "$(cat "$H/id.ancient")" >"$H/anc2" 2>&1
grep -qx 'Anonymity: sender hidden from the server (its token key could not be checked)' "$H/anc2"
ok $? "the local record remembers it" || diag "$H/anc2"
h_stop

# -- a server that answers 417 for the key of a week it must still know
# (here: its clock two weeks ahead of carol's, which says E0 is now):
# the same alarm, not shown
export RUNE_TEST_NOW=$((T0 + 2 * 604800))
h_start
rm -f "$H"/carol/tokens/key.*
rune --home "$H/carol" read "$(id late)" >"$H/late" 2>"$H/late.err"
is $? 100 "TOKENKEY 417 for the current epoch: exit 100"
grep -q 'WARNING: THE TOKEN KEY OF AN ANONYMOUS MESSAGE HAS CHANGED' "$H/late.err" &&
    grep -q 'refuses you the key' "$H/late.err"
ok $? "the token key alarm" || diag "$H/late.err"
! grep -q 'read two weeks later' "$H/late"; ok $? "the text not shown"
done_testing
