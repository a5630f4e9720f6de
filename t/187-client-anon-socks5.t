#!/bin/sh
# 187-client-anon-socks5.t: the anonymous send through a SOCKS5 proxy
# (doc/protocol-v2.md A4; doc/client.md "Anonymous messages": Tor), with
# ANONSEND on (t/190 runs with it off): rune send --now with
# config/proxy, rune outbox --send and a due entry sent by rune fetch
# with --proxy.  The proxy (t/lib/socks5.py) relays each anonymous
# connection; behind it t/lib/anonproxy.py, in front of our server,
# keeps each connection's verbs and SEND lines: CAPABILITIES, TOKENKEY,
# REDEEM, PREKEY, SEND ... 2 reach the server and it answers 250 (bob
# reads the message, sender hidden from the server).  Nothing goes
# around the proxy: the server is named by the IP literal of
# anonproxy.py, which a client going directly would reach, and every
# connection anonproxy.py sees is one the SOCKS5 proxy relayed.
. t/lib/harness.sh
. t/lib/anonparts.sh
anon_domain on
h_start
anon_proxy "$H/anonproxy.err"
/usr/bin/python3 t/lib/socks5.py relay "$H/socks.port" "$H/socks.log" \
    2>"$H/socks.err" &
sproxy=$!
for i in $(seq 50); do
	[ -s "$H/pport" ] && [ -s "$H/socks.port" ] && break; sleep 0.1
done
[ -s "$H/pport" ] && [ -s "$H/socks.port" ] ||
    { echo "Bail out! the proxies did not start"; kill $proxy $sproxy; exit 1; }
SP=$(cat "$H/socks.port")
CP_S=127.0.0.1:$(cat "$H/pport") CP_KILL="$proxy $sproxy"
CP_HOW="directly, through anonproxy.py"
. t/lib/clientpair.sh
nconn() { ls "$H/px" | grep -c '^verbs\.'; }
nsocks() { grep -c '^CONNECT' "$H/socks.log" 2>/dev/null; }
rune $B fetch --maildir "$H/bmail" >/dev/null 2>"$H/bfetch.err"
ok $? "bob logs in (his prekeys uploaded)" || diag "$H/bfetch.err"
rune $B key alice@runetest >/dev/null 2>&1
rune $A fetch --maildir "$H/amail" >/dev/null 2>"$H/afetch.err"
ok $? "alice's rune fetch (tokens, sender certificate)" || diag "$H/afetch.err"
[ -n "$(find "$H/alice/tokens" -mindepth 2 -type f 2>/dev/null)" ]
ok $? "she holds tokens" || diag "$H/afetch.err"

# anon N WHAT ID: connection N (of anonproxy.py) was the anonymous send
# of message ID, through the proxy, and bob reads it
anon() {
	grep -v '^QUIT$' "$H/px/verbs.$1" | tr '\n' ' ' >"$H/v.$1"
	is "$(cat "$H/v.$1")" "CAPABILITIES TOKENKEY REDEEM PREKEY SEND " \
	    "$2: CAPABILITIES TOKENKEY REDEEM PREKEY SEND reach the server, no LOGIN"
	grep -q '^SEND bob@runetest [0-9]* 2$' "$H/px/send.$1"
	ok $? "$2: its SEND is SEND … 2" || diag "$H/px/send.$1"
	expr "$3" : '[0-9a-f]\{64\}$' >/dev/null &&
	    rune $B read "$3" >"$H/read.$1" 2>&1 &&
	    grep -qx 'From: alice@runetest' "$H/read.$1" &&
	    grep -qx 'Verified: yes' "$H/read.$1" &&
	    grep -qx 'Anonymity: sender hidden from the server' "$H/read.$1"
	ok $? "$2: the server took it (250, its id), bob reads it from alice, sender hidden from the server" ||
	    diag "$H/read.$1"
}

# -- rune send --now with config/proxy; the server named by an IP
# literal that a client going around the proxy would reach directly
echo "socks5://127.0.0.1:$SP" >"$H/alice/config/proxy"
c0=$(nconn)
s0=$(nsocks)
echo "through socks" | rune $A send --now bob@runetest >"$H/id1" \
    2>"$H/send1.err"
ok $? "config/proxy: rune send --now exits 0" || diag "$H/send1.err"
is "$(nconn)" $((c0 + 1)) "one connection reached the server"
is "$(nsocks)" $((s0 + 1)) "and the SOCKS5 proxy relayed one"
grep -q "^CONNECT v4 127.0.0.1 $(cat "$H/pport") " "$H/socks.log"
ok $? "to the server's address and port" || diag "$H/socks.log"
anon $((c0 + 1)) "send --now" "$(cat "$H/id1")"

# -- rune outbox --send and a due entry sent by rune fetch, with --proxy
rm "$H/alice/config/proxy"
P="--proxy socks5h://127.0.0.1:$SP/"
echo "queued" | rune $A send bob@runetest >/dev/null 2>"$H/q.err"
qid=$(ls "$H/alice/outbox")
[ -n "$qid" ]; ok $? "a send without --now is queued" || diag "$H/q.err"
c0=$(nconn)
s0=$(nsocks)
rune $P $A outbox --send "$qid" >"$H/id2" \
    2>"$H/send2.err"
ok $? "--proxy: rune outbox --send ID exits 0" || diag "$H/send2.err"
is "$(nconn)" $((c0 + 1)) "one connection reached the server"
is "$(nsocks)" $((s0 + 1)) "and the SOCKS5 proxy relayed one"
tail -n 1 "$H/socks.log" | grep -q "^CONNECT v4 127.0.0.1 $(cat "$H/pport") "
ok $? "to the server's address and port" || diag "$H/socks.log"
anon $((c0 + 1)) "outbox --send" "$(cat "$H/id2")"

echo "due" | rune $A send bob@runetest >/dev/null 2>&1
f=$H/alice/outbox/$(ls "$H/alice/outbox")
sed -i 's/^notbefore .*/notbefore 1/' "$f"
c0=$(nconn)
s0=$(nsocks)
rune $P $A fetch --maildir "$H/amail" \
    >"$H/id3" 2>"$H/send3.err"
ok $? "--proxy: rune fetch with a due entry exits 0" || diag "$H/send3.err"
is "$(nconn)" $((c0 + 2)) "two connections reached the server (the send, the fetch)"
is "$(nsocks)" $((s0 + 2)) "and the SOCKS5 proxy relayed both"
[ -z "$(ls "$H/alice/outbox")" ]; ok $? "the outbox is empty"
anon $((c0 + 1)) "due entry by fetch" "$(grep -m 1 '^[0-9a-f]\{64\}$' "$H/id3")"
grep -qx LOGIN "$H/px/verbs.$((c0 + 2))"
ok $? "the fetch's login on the other connection"

kill "$proxy" "$sproxy" 2>/dev/null
wait "$proxy" "$sproxy" 2>/dev/null
! grep -l -e Sanitizer -e 'runtime error:' "$H"/*.err
ok $? "no sanitizer report from the client"
done_testing
