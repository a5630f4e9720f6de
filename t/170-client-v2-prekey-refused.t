#!/bin/sh
# 170-client-v2-prekey-refused.t: what the sender checks in PREKEY's
# answer (protocol-v2 3.2 "The sender checks", A10, PK-N5), real client
# and server over TLS, with a proxy (t/lib/pkproxy.py) standing in for a
# server that substitutes a record: a last-resort or one-time record
# whose psig is bad or made by another key, one valid more than 60 days
# ahead, an expired one: each refused loudly, exit 100, no id, nothing
# stored (--v1 changes nothing); a one-time record 59 days ahead goes.
. t/lib/harness.sh
h_domain
"$RUNE_BUILD/rune-admin" config --root "$RUNE_ROOT" prekeys 20 >/dev/null 2>&1
ok $? "prekeys on"
h_start
. t/lib/clientpair.sh
nmsg() { ls "$RUNE_ROOT"/store/*/cur/ "$RUNE_ROOT"/store/*/new/ 2>/dev/null |
    grep -c '[0-9a-f]'; }
/usr/bin/python3 t/lib/pkproxy.py "$RUNE_ROOT/tls/cert.pem" \
    "$RUNE_ROOT/tls/key.pem" "$PORT" "$H/pport" "$H/rules" 2>"$H/proxy.err" &
for i in $(seq 1 50); do [ -s "$H/pport" ] && break; sleep 0.2; done
PP=127.0.0.1:$(cat "$H/pport")
via() { "$RUNE_BUILD/rune" --server "$PP" "$@"; }

# records made here: KIND DAYS [bad|alice]: bob's key signs (alice's for
# "alice"), not_after DAYS days from now, a flipped psig bit for "bad"
rec() {
	/usr/bin/python3 - "$H/bob/secret.key" "$H/alice/secret.key" "$@" <<'PY'
import base64, os, sys, time
sys.path.insert(0, "t/lib")
import rune2
bsk, ask = open(sys.argv[1], "rb").read(), open(sys.argv[2], "rb").read()
kind, days = sys.argv[3].encode(), float(sys.argv[4])
how = sys.argv[5] if len(sys.argv) > 5 else ""
xpk = os.urandom(32)
r = rune2.prekey(kind, xpk, int(time.time() + days * 86400), "bob@runetest",
                 ask if how == "alice" else bsk)
if how == "bad":
    r = r[:-1] + bytes([r[-1] ^ 1])
print(base64.b64encode(r).decode())
PY
}

: >"$H/rules"
echo through | via $A send bob@runetest -s through >"$H/id0" 2>"$H/e"
ok $? "through the proxy, untouched: alice sends bob a message" || diag "$H/e"

n0=$(nmsg)
# refused CASE WORDS DESCRIPTION [--v1]
refused() {
	echo text | via $A send bob@runetest -s x $4 >"$H/id" 2>"$H/e"
	is $? 100 "$3: refused, exit 100"
	grep -q "$2" "$H/e"
	ok $? "$3: says so" || diag "$H/e"
	[ ! -s "$H/id" ] && [ "$(nmsg)" = "$n0" ]
	ok $? "$3: no id, nothing stored" || diag "$H/id"
}
echo "L $(rec L 14 bad)" >"$H/rules"
refused L 'signature does not verify' "a last-resort record with a bad psig"
refused L 'signature does not verify' "the same with --v1" --v1
echo "L $(rec L 14 alice)" >"$H/rules"
refused L 'signature does not verify' "a last-resort record signed by another key"
echo "O $(rec O 30 bad)" >"$H/rules"
refused O 'signature does not verify' "a one-time record with a bad psig"
echo "O $(rec O 30 alice)" >"$H/rules"
refused O 'signature does not verify' "a one-time record signed by another key"
echo "L $(rec L 61)" >"$H/rules"
refused L 'valid more than 60 days ahead' "a last-resort record 61 days ahead"
echo "O $(rec O 61)" >"$H/rules"
refused O 'valid more than 60 days ahead' "a one-time record 61 days ahead"
echo "O $(rec O -1)" >"$H/rules"
refused O 'has expired' "an expired one-time record"
echo "L $(rec L -1)" >"$H/rules"
refused L 'has expired' "an expired last-resort record"
echo "L $(rec O 14)" >"$H/rules"
refused L 'one-time prekey of bob@runetest where a last-resort one belongs' \
    "a one-time record in the last-resort place"

echo "O $(rec O 59)" >"$H/rules"
echo text | via $A send bob@runetest -s x >"$H/id" 2>"$H/e"
ok $? "a one-time record 59 days ahead, well signed: sent" || diag "$H/e"
is "$(nmsg)" $((n0 + 1)) "one message stored"
done_testing
