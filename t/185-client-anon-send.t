#!/bin/sh
# 185-client-anon-send.t: the real client's anonymous send end to end
# over TLS (doc/protocol-v2.md 2.5, 2.6, 2.7 C1-C2, A4, A7; 2.11 AS-P2,
# AS-P4, AS-N12): alice's rune fetch gets her tokens and sender
# certificate; rune send --now then opens a new connection that never
# logs in (CAPABILITIES, TOKENKEY, REDEEM, PREKEY, SEND ... 2), whose
# ClientHello offers no session to resume (nor those of rune outbox
# --send and of a due entry sent by rune fetch); the session log at
# RUNE_VERBOSE=2 shows no login in the sending session; env2's sender101
# is zero; no file or log line written after her TOKENS holds her
# address or key; bob's rune read shows alice, verified.  The outbox: a
# send without --now is queued (0600) with no connection made, listed,
# sent by rune outbox --send ID or dropped; no token held: queued, why
# said; config/anondelay and --wait; a due entry sent by rune fetch on
# its own connection before the login.  --identified: the warning,
# then LOGIN and SEND.  NOIDSEND: 422
# in plain words.  Every client connection goes through
# t/lib/anonproxy.py, which keeps its verbs and ClientHello.
. t/lib/harness.sh
. t/lib/anonparts.sh
anon_domain on
h_start RUNE_VERBOSE=2
anon_proxy "$H/proxy.err"
for i in $(seq 50); do [ -s "$H/pport" ] && break; sleep 0.1; done
CP_S=127.0.0.1:$(cat "$H/pport") CP_HOW="through the proxy"
. t/lib/clientpair.sh
# the connections so far; new ones are those numbered above
nconn() { ls "$H/px" | grep -c '^verbs\.'; }
# the verbs of the connections after number $1, one file each
since() { n=$(nconn); i=$(($1 + 1)); while [ $i -le $n ]; do
	echo "== $i"; cat "$H/px/verbs.$i"; i=$((i + 1)); done; }

# hello N: the ClientHello of connection N, parsed: its session id's
# length, whether it has a session_ticket extension (35)
hello() {
	/usr/bin/python3 - "$H/px/hello.$1" <<'PY'
import sys
b = open(sys.argv[1], "rb").read()
assert b[0] == 0x16 and b[5] == 1, "a handshake record with a ClientHello"
p = 5 + 4 + 2 + 32
sid = b[p]; p += 1 + sid
print("session_id_len", sid)
n = int.from_bytes(b[p:p + 2], "big"); p += 2 + n
n = b[p]; p += 1 + n
exts = []
if p < len(b):
    end = p + 2 + int.from_bytes(b[p:p + 2], "big"); p += 2
    while p < end:
        t = int.from_bytes(b[p:p + 2], "big")
        exts.append(t)
        p += 4 + int.from_bytes(b[p + 2:p + 4], "big")
print("session_ticket", 35 in exts)
print("extensions", exts)
PY
}
# as_n12 N WHAT: AS-N12 for connection N, which must be anonymous
as_n12() {
	hello "$1" >"$H/hello.$1.out"
	ok $? "$2: the connection's ClientHello was captured" ||
	    diag "$H/hello.$1.out"
	grep -qx REDEEM "$H/px/verbs.$1" && ! grep -qx LOGIN "$H/px/verbs.$1"
	ok $? "$2: it is the anonymous one (REDEEM, no LOGIN)" ||
	    diag "$H/px/verbs.$1"
	grep -qx 'session_id_len 0' "$H/hello.$1.out"
	ok $? "AS-N12, $2: it offers no session id" || diag "$H/hello.$1.out"
	grep -qx 'session_ticket False' "$H/hello.$1.out"
	ok $? "AS-N12, $2: and no session_ticket extension" ||
	    diag "$H/hello.$1.out"
}

rune $B fetch --maildir "$H/bmail" >/dev/null 2>"$H/bfetch.err"
ok $? "bob logs in (his prekeys uploaded)" || diag "$H/bfetch.err"
# bob pins alice's key first (as t/191 does): his read below must then
# say "Verified: yes", not a key pinned on first sight
rune $B key alice@runetest >"$H/bkey.out" 2>&1
ok $? "bob pins alice's key" || diag "$H/bkey.out"

# -- alice's tokens and sender certificate come with her login
rune $A fetch --maildir "$H/amail" >/dev/null 2>"$H/afetch.err"
ok $? "alice's rune fetch" || diag "$H/afetch.err"
ntok=$(find "$H/alice/tokens" -mindepth 2 -type f 2>/dev/null | wc -l)
[ "$ntok" -gt 0 ] && [ -s "$H/alice/sendercert" ] &&
    [ -s "$H/alice/tokens/anonsend" ]
ok $? "she holds tokens ($ntok), a sender certificate and the pinned ANONSEND line" ||
    { diag "$H/afetch.err"; ls -lR "$H/alice" | sed 's/^/# /'; }
sleep 1.1
touch "$H/mark"
loglines=$(wc -l <"$H/log")
c0=$(nconn)

# -- AS-P2: the anonymous send
echo "hello, anonymously" | rune $A send --now bob@runetest -s anon \
    >"$H/id1" 2>"$H/send1.err"
ok $? "alice: rune send --now bob: exit 0" || diag "$H/send1.err"
id1=$(cat "$H/id1")
expr "$id1" : '[0-9a-f]\{64\}$' >/dev/null
ok $? "it prints the message id" || diag "$H/id1"
grep -qF "sent at once, without the random delay (--now): the server can link an anonymous message spent seconds after a login or a token fetch from the same IP address to it; a proxy or Tor hides the address (doc/client.md)" "$H/send1.err"
ok $? "--now says what it costs, and that a proxy or Tor hides the address (A4)" ||
    diag "$H/send1.err"
since "$c0" >"$H/conns1"
is "$(grep -c '^==' "$H/conns1")" 1 "one connection for the send"
is "$(grep -v '^==' "$H/conns1" | tr '\n' ' ')" \
    "CAPABILITIES TOKENKEY REDEEM PREKEY SEND QUIT " \
    "its verbs: CAPABILITIES TOKENKEY REDEEM PREKEY SEND QUIT (A7: the bundle of that session)"
! grep -Eqx 'LOGIN|PROOF|REGISTER|REGISTER_INVITATION' "$H/conns1"
ok $? "no LOGIN, PROOF, REGISTER or REGISTER_INVITATION on it (C1)"
is "$(find "$H/alice/tokens" -mindepth 2 -type f | wc -l)" $((ntok - 1)) \
    "one token taken from the store"
[ ! -e "$H/alice/outbox" ] || [ -z "$(ls "$H/alice/outbox")" ]
ok $? "the outbox is empty again"

# AS-N12: the ClientHello of that connection
hello $((c0 + 1)) >"$H/hello.out"
ok $? "the anonymous connection's ClientHello was captured" || diag "$H/hello.out"
grep -qx 'session_id_len 0' "$H/hello.out"
ok $? "AS-N12: it offers no session id" || diag "$H/hello.out"
grep -qx 'session_ticket False' "$H/hello.out"
ok $? "AS-N12: and no session_ticket extension" || diag "$H/hello.out"

# the session log: the sending session has no login
sid=$(tail -n +$((loglines + 1)) "$H/log" | grep 'event=send code=250' |
    sed 's/.*sid=\([0-9a-f]*\) .*/\1/')
[ -n "$sid" ] && ! grep "sid=$sid " "$H/log" | grep -q 'event=login'
ok $? "RUNE_VERBOSE=2: the session that stored it ($sid) has no login" ||
    diag "$H/log"

# AS-P4: nothing written since her TOKENS holds her address or key
/usr/bin/python3 - "$RUNE_ROOT" "$H/mark" "$H/alice/secret.key" "$H/log" \
    "$loglines" >"$H/priv.out" <<'PY'
import base64, os, sys
root, mark, skf, log, skip = sys.argv[1:6]
pk = open(skf, "rb").read()[32:64]
needles = [b"alice", pk, pk.hex().encode(), base64.b64encode(pk)]
t = os.stat(mark).st_mtime
bad, n = [], 0
for d, _, fs in os.walk(root):
    for f in fs:
        p = os.path.join(d, f)
        try:
            if os.lstat(p).st_mtime < t or not os.path.isfile(p):
                continue
            b = open(p, "rb").read()
        except OSError:
            continue
        n += 1
        if any(x in b for x in needles) or b"alice" in p.encode():
            bad.append(p)
lines = open(log, "rb").read().split(b"\n")[int(skip):]
bad += [l.decode() for l in lines if any(x in l for x in needles)]
print("files", n)
print("bad", bad)
PY
grep -q '^files [1-9]' "$H/priv.out" && grep -qx 'bad \[\]' "$H/priv.out"
ok $? "AS-P4: the files written since (the message, the spent token) and the log lines hold neither her address nor her key" ||
    diag "$H/priv.out"

# env2: sender101 zero, vsig2 verifies
apy env2 <<PY
sk = open(H + "/bob/secret.key", "rb").read()
s = talk.Session(PORT)
eq(s.login("bob@runetest", sk[:32])[0], 230, "bob logs in")
c, st = rm.retrieve(s, "$id1")
eq(c, 240, "retrieve")
pk, bsk = nb.crypto_sign_seed_keypair(sk[:32])
env = nb.crypto_box_seal_open(st, nb.crypto_sign_ed25519_pk_to_curve25519(pk),
                              nb.crypto_sign_ed25519_sk_to_curve25519(bsk))
vsig, tbe, s101, blob = env[1:65], env[65:73], env[73:174], env[174:]
nb.crypto_sign_open(vsig + b"RUNE-2 envelope\0bob@runetest\0" + tbe + s101 +
                    blob, SPK)
eq(s101, b"\0" * 101, "env2's sender101 is zero (vsig2 verifies)")
s.cmd("QUIT")
PY

rune $B read "$id1" >"$H/read1" 2>"$H/read1.err"
ok $? "bob reads it" || diag "$H/read1.err"
grep -qx 'From: alice@runetest' "$H/read1" &&
    grep -qx 'Verified: yes' "$H/read1"
ok $? "bob's client shows alice, verified with her pinned key" || diag "$H/read1"
grep -qx 'hello, anonymously' "$H/read1"
ok $? "and the text" || diag "$H/read1"
grep -qx 'Anonymity: sender hidden from the server' "$H/read1"
ok $? "and that the sender was hidden from the server" || diag "$H/read1"

# -- the outbox: without --now, queued; no connection at all (A4)
c0=$(nconn)
echo "later" | rune $A send bob@runetest -s queued >"$H/q.out" 2>"$H/q.err"
ok $? "rune send without --now: exit 0" || diag "$H/q.err"
grep -q 'queued for an anonymous send in [0-9]* s' "$H/q.err"
ok $? "it says the message is queued, and for how long" || diag "$H/q.err"
[ ! -s "$H/q.out" ]
ok $? "no message id (nothing sent yet)"
is "$(nconn)" "$c0" "no connection opened"
qid=$(ls "$H/alice/outbox")
is "$(stat -c %a "$H/alice/outbox/$qid")" 600 "the entry is 0600"
! grep -q 'later' "$H/alice/outbox/$qid" ||
    grep -q 'Subject: queued' "$H/alice/outbox/$qid"
ok $? "it holds the built payload (a new blob2 is sealed at each try, A7)"
rune $A outbox >"$H/list" 2>&1
grep -q "^$qid bob@runetest waiting (due in [0-9]* s)" "$H/list"
ok $? "rune outbox lists it: id, receiver, state, due" || diag "$H/list"
rune $A fetch --maildir "$H/amail" >/dev/null 2>&1
is "$(ls "$H/alice/outbox")" "$qid" "a fetch before it is due leaves it"
c1=$(nconn)
rune $A outbox --send "$qid" >"$H/id2" 2>"$H/q2.err"
ok $? "rune outbox --send ID sends it now" || diag "$H/q2.err"
as_n12 $((c1 + 1)) "rune outbox --send"
[ -z "$(ls "$H/alice/outbox")" ]
ok $? "and removes it"
rune $B read "$(cat "$H/id2")" >"$H/read2" 2>&1 &&
    grep -qx 'From: alice@runetest' "$H/read2"
ok $? "bob reads it, from alice" || diag "$H/read2"
echo "dropped" | rune $A send bob@runetest >/dev/null 2>&1
qid=$(ls "$H/alice/outbox")
rune $A outbox --drop "$qid" 2>"$H/drop.err"
ok $? "rune outbox --drop ID" || diag "$H/drop.err"
[ -z "$(ls "$H/alice/outbox")" ]
ok $? "the entry is gone"

# -- config/anondelay: --wait waits for the delay; a due entry goes with
# the next rune fetch
echo 2 >"$H/alice/config/anondelay"
echo "waited" | rune $A send --wait bob@runetest >"$H/w.out" 2>"$H/w.err"
ok $? "config/anondelay 2, rune send --wait: exit 0" || diag "$H/w.err"
expr "$(cat "$H/w.out")" : '[0-9a-f]\{64\}$' >/dev/null &&
    [ -z "$(ls "$H/alice/outbox")" ]
ok $? "it waited, sent, printed the id, and the outbox is empty" ||
    { diag "$H/w.out"; diag "$H/w.err"; }
rm "$H/alice/config/anondelay"
echo "due later" | rune $A send bob@runetest >/dev/null 2>"$H/d.err"
# its delay over (the entry's not-before time moved into the past)
f=$H/alice/outbox/$(ls "$H/alice/outbox")
sed -i 's/^notbefore .*/notbefore 1/' "$f"
c0=$(nconn)
rune $A fetch --maildir "$H/amail" >"$H/d.out" 2>"$H/d2.err"
ok $? "once it is due, rune fetch" || diag "$H/d2.err"
[ -z "$(ls "$H/alice/outbox")" ] && grep -q '^[0-9a-f]\{64\}$' "$H/d.out"
ok $? "sends it (the id printed) and empties the outbox" ||
    { diag "$H/d.out"; diag "$H/d2.err"; }
{ since "$c0" | tr '\n' ' '; echo; } >"$H/cd"
grep -q '^== [0-9]* CAPABILITIES TOKENKEY REDEEM PREKEY SEND QUIT == [0-9]* LOGIN' "$H/cd"
ok $? "on its own connection, before the fetch's login" || diag "$H/cd"
as_n12 $((c0 + 1)) "a due entry sent by rune fetch"

# -- no token held: queued, said why, no connection
mv "$H/alice/tokens" "$H/tokens.away"
mkdir -m 700 "$H/alice/tokens"
cp "$H/tokens.away/anonsend" "$H/alice/tokens/"
c0=$(nconn)
echo "no token" | rune $A send --now bob@runetest >"$H/nt.out" 2>"$H/nt.err"
rc=$?
[ $rc != 0 ]
ok $? "no token held, --now: exit non-zero ($rc)"
grep -q 'stays in the outbox, not sent: no token held' "$H/nt.err"
ok $? "it says the message stays queued and why" || diag "$H/nt.err"
is "$(nconn)" "$c0" "no connection opened"
rune $A outbox >"$H/list" 2>&1
grep -q 'waiting.*no token held' "$H/list"
ok $? "rune outbox shows it waiting, and why" || diag "$H/list"
rm -rf "$H/alice/tokens"
mv "$H/tokens.away" "$H/alice/tokens"
rune $A outbox --send >"$H/nt2.out" 2>"$H/nt2.err"
ok $? "with tokens back, rune outbox --send sends it" || diag "$H/nt2.err"
[ -z "$(ls "$H/alice/outbox")" ]
ok $? "the outbox is empty"

# -- --identified: the warning, then a login
c0=$(nconn)
echo "identified" | rune $A send --identified bob@runetest >"$H/id3" \
    2>"$H/ident.err"
ok $? "rune send --identified: exit 0" || diag "$H/ident.err"
grep -q 'identified send to bob@runetest (--identified): the server learns that alice@runetest wrote to bob@runetest' "$H/ident.err"
ok $? "the warning says what the server learns (the pair)" || diag "$H/ident.err"
since "$c0" >"$H/conns3"
grep -qx LOGIN "$H/conns3" && grep -qx SEND "$H/conns3" &&
    ! grep -qx REDEEM "$H/conns3"
ok $? "it logs in and sends, no REDEEM" || diag "$H/conns3"

# -- NOIDSEND: 422 in plain words
echo 1 >"$RUNE_ROOT/control/noidsend"
echo "refused" | rune $A send --identified bob@runetest >/dev/null \
    2>"$H/noid.err"
is "$?" 100 "under NOIDSEND, an identified send exits 100"
grep -q 'the server refuses identified sends' "$H/noid.err" &&
    grep -q '422' "$H/noid.err"
ok $? "and says in plain words that the server refuses identified sends (422)" ||
    diag "$H/noid.err"
echo "anon under noidsend" | rune $A send --now bob@runetest >/dev/null \
    2>"$H/noid2.err"
ok $? "an anonymous send still goes" || diag "$H/noid2.err"
rm "$RUNE_ROOT/control/noidsend"

# -- A4: the delay is random in 1..config/anondelay, never 0 and never
# more; config/anondelay 0 sends at once, with --now's warning
echo 1 >"$H/alice/config/anondelay"
for i in 1 2 3 4 5 6 7 8; do
	echo "one $i" | rune $A send bob@runetest >>"$H/d1.out" 2>>"$H/d1.err"
done
is "$(grep -c 'queued for an anonymous send in 1 s ' "$H/d1.err")" 8 \
    "config/anondelay 1: eight sends each queued for exactly 1 s (never 0, never 2)" ||
    diag "$H/d1.err"
for id in $(ls "$H/alice/outbox"); do rune $A outbox --drop "$id" 2>/dev/null; done
echo 1000 >"$H/alice/config/anondelay"
: >"$H/d2.err"
c0=$(nconn)
for i in 1 2 3 4 5 6 7 8; do
	echo "late $i" | rune $A send bob@runetest >>"$H/d2.out" 2>>"$H/d2.err"
done
sed -n 's/.*queued for an anonymous send in \([0-9]*\) s .*/\1/p' "$H/d2.err" \
    >"$H/d2.n"
[ "$(wc -l <"$H/d2.n")" = 8 ] && ! grep -vqx '[1-9][0-9]*' "$H/d2.n" &&
    [ "$(sort -n "$H/d2.n" | tail -n 1)" -le 1000 ]
ok $? "config/anondelay 1000: eight delays, each in 1..1000 s" || diag "$H/d2.err"
[ "$(sort -u "$H/d2.n" | wc -l)" -ge 2 ]
ok $? "and not all the same (random: $(tr '\n' ' ' <"$H/d2.n"))"
rune $A outbox >"$H/d2.list" 2>&1
sed -n 's/.* waiting (due in \([0-9]*\) s).*/\1/p' "$H/d2.list" >"$H/d2.due"
[ "$(wc -l <"$H/d2.due")" = 8 ] && [ "$(sort -n "$H/d2.due" | tail -n 1)" -le 1000 ]
ok $? "rune outbox lists the eight waiting, each due within 1000 s" ||
    diag "$H/d2.list"
[ ! -s "$H/d2.out" ] && [ "$(nconn)" = "$c0" ]
ok $? "none of the eight printed an id or opened a connection"
for id in $(ls "$H/alice/outbox"); do rune $A outbox --drop "$id" 2>/dev/null; done
echo 0 >"$H/alice/config/anondelay"
echo "no delay" | rune $A send bob@runetest >"$H/d0.out" 2>"$H/d0.err"
ok $? "config/anondelay 0: rune send exits 0" || diag "$H/d0.err"
grep -q '^[0-9a-f]\{64\}$' "$H/d0.out" && [ -z "$(ls "$H/alice/outbox")" ]
ok $? "it sent at once (the id printed, the outbox empty)" || diag "$H/d0.out"
grep -qF "sent at once, without the random delay (config/anondelay 0): the server can link an anonymous message spent seconds after a login or a token fetch from the same IP address to it; a proxy or Tor hides the address (doc/client.md)" "$H/d0.err"
ok $? "with the same warning, naming config/anondelay 0, and the proxy/Tor advice" ||
    diag "$H/d0.err"
rm "$H/alice/config/anondelay"

kill "$proxy" 2>/dev/null
! grep -l -e Sanitizer -e 'runtime error:' "$H"/*.err
ok $? "no sanitizer report from the client"
done_testing
