#!/bin/sh
# 190-client-socks5.t: every connection of the client through a SOCKS5
# proxy (doc/protocol-v2.md A4; doc/client.md "Anonymous messages": Tor),
# set by config/proxy or --proxy: the server's host NAME goes to the
# proxy (socks5h: a name no resolver knows still works), no
# authentication offered; --proxy none goes directly; a proxy that
# refuses, answers garbage, wants authentication or says nothing is a
# clear message and exit 111, as is a success reply outside RFC 1928's
# bounds (address type, reserved octet, empty name, cut short); a
# malformed setting exit 100.  The proxy
# is t/lib/socks5.py, which notes every CONNECT it relays.
. t/lib/harness.sh
h_domain
h_start
. t/lib/clientpair.sh

# proxy MODE NAME: a proxy in the background; PP its port
proxy() {
	rm -f "$H/$2.port"
	/usr/bin/python3 t/lib/socks5.py "$1" "$H/$2.port" "$H/$2.log" \
	    2>"$H/$2.err" &
	for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15; do
		[ -s "$H/$2.port" ] && break; sleep 0.2
	done
	PP=$(cat "$H/$2.port")
	[ -n "$PP" ]
}
proxy relay relay; ok $? "a SOCKS5 proxy listens"
RELAY=$PP
# a name only the proxy "resolves" (it connects to 127.0.0.1 whatever)
N=rune.invalid:$PORT
"$RUNE_BUILD/rune" --proxy none --server "$N" $A login >"$H/direct.out" 2>&1
is $? 111 "directly, the name does not resolve (so the proxy is what resolves it)"
grep -q 'unable to resolve rune.invalid' "$H/direct.out"
ok $? "and says so" || diag "$H/direct.out"

echo "socks5://127.0.0.1:$RELAY" >"$H/alice/config/proxy"
echo "through the proxy" | "$RUNE_BUILD/rune" --server "$N" $A send \
    bob@runetest -s socks >"$H/id" 2>"$H/send.err"
ok $? "alice sends to bob with config/proxy, naming the server rune.invalid" ||
    diag "$H/send.err"
grep -q "^CONNECT name rune.invalid $PORT cmd=1 rsv=0\$" "$H/relay.log"
ok $? "the proxy got CONNECT with the host NAME and the port" || diag "$H/relay.log"
! grep -q -e 'CONNECT v4' -e 'CONNECT v6' "$H/relay.log"
ok $? "no address resolved by the client" || diag "$H/relay.log"
is "$(grep METHODS "$H/relay.log" | sort -u)" "METHODS 0" \
    "the client offers only 'no authentication'"
n1=$(grep -c '^CONNECT' "$H/relay.log")

"$RUNE_BUILD/rune" --server "$N" --proxy "socks5h://127.0.0.1:$RELAY/" $B \
    read "$(cat "$H/id")" >"$H/read" 2>"$H/read.err"
ok $? "bob reads it with --proxy socks5h://…/" || diag "$H/read.err"
grep -qx 'through the proxy' "$H/read"; ok $? "the text" || diag "$H/read"
n2=$(grep -c '^CONNECT' "$H/relay.log")
[ "$n2" -gt "$n1" ]; ok $? "bob's connection went through the proxy"

rune $A login >"$H/none.out" 2>&1
ok $? "alice with --server 127.0.0.1 still goes through config/proxy"
n3=$(grep -c '^CONNECT' "$H/relay.log")
grep -q "^CONNECT v4 127.0.0.1 $PORT " "$H/relay.log"
ok $? "an IP literal goes to the proxy as an address (nothing to resolve)"
rune --proxy none $A login >"$H/none.out" 2>&1
ok $? "--proxy none: directly" || diag "$H/none.out"
is "$(grep -c '^CONNECT' "$H/relay.log")" "$n3" "and the proxy saw nothing of it"

# -- a proxy that fails: a clear sentence, exit 111
for m in refuse garbage auth; do
	proxy $m $m
	"$RUNE_BUILD/rune" --server "$N" --proxy "socks5://127.0.0.1:$PP" $B \
	    login >"$H/$m.out" 2>&1
	is $? 111 "a proxy that does '$m': exit 111"
done
grep -q 'SOCKS5 proxy: it could not connect to rune.invalid:[0-9]*: connection refused (reply 5)' "$H/refuse.out"
ok $? "refused: said in words" || diag "$H/refuse.out"
grep -q 'SOCKS5 proxy: a malformed reply (version octet 72)' "$H/garbage.out"
ok $? "garbage: a malformed reply" || diag "$H/garbage.out"
grep -q 'SOCKS5 proxy: it wants a method rune does not offer' "$H/auth.out"
ok $? "authentication wanted: said so" || diag "$H/auth.out"
# RFC 1928's bounds on a success reply
for m in badatyp rsv noname short; do
	proxy $m $m
	"$RUNE_BUILD/rune" --server "$N" --proxy "socks5://127.0.0.1:$PP" $B \
	    login >"$H/$m.out" 2>&1
	is $? 111 "a success reply with '$m': exit 111"
done
grep -q 'SOCKS5 proxy: a malformed reply (reserved octet 0, address type 9)' "$H/badatyp.out"
ok $? "an unknown address type: malformed" || diag "$H/badatyp.out"
grep -q 'SOCKS5 proxy: a malformed reply (reserved octet 1, address type 1)' "$H/rsv.out"
ok $? "a reserved octet not zero: malformed" || diag "$H/rsv.out"
grep -q 'SOCKS5 proxy: a malformed reply (an empty bound name)' "$H/noname.out"
ok $? "an empty bound name: malformed" || diag "$H/noname.out"
grep -q 'SOCKS5 proxy: reading its reply: the proxy closed the connection' "$H/short.out"
ok $? "a reply cut short: said so" || diag "$H/short.out"
proxy hang hang
"$RUNE_BUILD/rune" --timeout 2 --server "$N" --proxy "socks5://127.0.0.1:$PP" \
    $B login >"$H/hang.out" 2>&1
is $? 111 "a proxy that never answers CONNECT: exit 111 within the timeout"
grep -q 'SOCKS5 proxy: reading its reply: timed out' "$H/hang.out"
ok $? "timed out, said so" || diag "$H/hang.out"
"$RUNE_BUILD/rune" --server "$N" --proxy "socks5://127.0.0.1:1" $B \
    login >"$H/closed.out" 2>&1
is $? 111 "no proxy listening: exit 111"
grep -q 'unable to connect to the SOCKS5 proxy 127.0.0.1:1' "$H/closed.out"
ok $? "naming the proxy" || diag "$H/closed.out"

# -- a malformed setting: exit 100
for p in "http://127.0.0.1:8080" "socks5://127.0.0.1" "socks5://" "socks4://h:1"; do
	"$RUNE_BUILD/rune" --proxy "$p" $B login >"$H/bad.out" 2>&1
	is $? 100 "--proxy $p: exit 100"
done
echo "socks5:/127.0.0.1:9050" >"$H/bob/config/proxy"
rune $B login >"$H/bad.out" 2>&1
is $? 100 "a malformed config/proxy: exit 100"
grep -q 'config/proxy: not socks5://HOST:PORT' "$H/bad.out"
ok $? "naming config/proxy" || diag "$H/bad.out"
done_testing
