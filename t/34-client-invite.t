#!/bin/sh
# rune register --invite: a bare token, and an invitation URI whose
# fingerprints are pinned before the first connection, so that a first
# contact with the wrong TLS key or the wrong RUNE key stops loudly
# without using the token up.  The invitation comes on standard input
# or from --invite-file, never from argv (t/61 checks the refusal).
. t/lib/harness.sh
h_domain
h_start
S=127.0.0.1:$PORT
rune() { "$RUNE_BUILD/rune" --server "$S" "$@"; }
invite() {	# ADDRESS [EXPIRES]: prints a token
	RUNE_ROOT=$H/root "$RUNE_BUILD/rune-keys" invite "$1" \
	    "${2:-$(( $(date +%s) + 3600 ))}"
}
fprs=$("$RUNE_BUILD/rune-admin" fingerprint --root "$H/root")
TLS=$(echo "$fprs" | sed -n 's/^tls-key-fingerprint //p' | tr -d ' ')
KEY=$(echo "$fprs" | sed -n 's/^server-key-fingerprint //p' | tr -d ' ')
SKEY=$(echo "$fprs" | sed -n 's/^server-key //p')
WRONG=00112233445566778899aabbccddeeff
uri() { echo "rune://$1@$S/?tls=$2&key=$3"; }
grouped() { echo "$1" | sed 's/\(....\)/\1 /g; s/ $//'; }

tok=$(invite carol@runetest)
ok $? "an invitation for carol"
rune --home "$H/c1" init carol@runetest >/dev/null
uri "$tok" "$WRONG" "$KEY" | rune --home "$H/c1" register --invite \
    >"$H/w1.out" 2>"$H/w1.err"
is $? 100 "URI with the wrong TLS fingerprint: exit 100"
grep -q "THE TLS KEY OF SERVER $S HAS CHANGED" "$H/w1.err" &&
    grep -q "pinned fingerprint: $(grouped $WRONG)" "$H/w1.err" &&
    grep -q "seen fingerprint: *$(grouped "$TLS")" "$H/w1.err"
ok $? "wrong TLS fingerprint: loud, with both" || diag "$H/w1.err"
[ ! -s "$H/w1.out" ]
ok $? "wrong TLS fingerprint: not registered"

rune --home "$H/c2" init carol@runetest >/dev/null
uri "$tok" "$TLS" "$WRONG" | rune --home "$H/c2" register --invite \
    >"$H/w2.out" 2>"$H/w2.err"
is $? 100 "URI with the wrong RUNE key fingerprint: exit 100"
grep -q "THE RUNE KEY OF SERVER $S HAS CHANGED" "$H/w2.err" &&
    grep -q "pinned fingerprint: $(grouped $WRONG)" "$H/w2.err" &&
    grep -q "seen fingerprint: *$(grouped "$KEY")" "$H/w2.err"
ok $? "wrong RUNE fingerprint: loud, with both" || diag "$H/w2.err"

rune --home "$H/c3" init carol@runetest >/dev/null
uri "$tok" "$TLS" "$KEY" | rune --home "$H/c3" register --invite \
    >"$H/r.out" 2>"$H/r.err"
ok $? "the right URI registers: the token was not used up" ||
    diag "$H/r.err"
is "$(cat "$H/r.out")" "registered carol@runetest" "register prints it"
grep -q 'pinned the TLS key of .* from the invitation' "$H/r.err" &&
    grep -q 'pinned the RUNE key of .* from the invitation' "$H/r.err"
ok $? "the pins came from the invitation" || diag "$H/r.err"
! grep -q 'first contact' "$H/r.err"
ok $? "no blind first contact"
is "$(cat "$H/c3/pins/server/$S/rune")" "$SKEY" \
    "the RUNE pin holds the key once the 205 showed it"
rune --home "$H/c3" login >/dev/null 2>&1
ok $? "carol logs in"
uri "$tok" "$TLS" "$KEY" | rune --home "$H/c3" register --invite \
    2>"$H/used.err"
is $? 100 "a used token: exit 100"
grep -q '407' "$H/used.err"
ok $? "407 explained"

# an existing pin that differs from the URI
tok=$(invite dave@runetest)
rune --home "$H/d" init dave@runetest >/dev/null
rune --home "$H/d" capabilities >/dev/null 2>&1
echo "$(grouped $WRONG)" >"$H/d/pins/server/$S/tls"
uri "$tok" "$TLS" "$KEY" | rune --home "$H/d" register --invite \
    2>"$H/p.err"
is $? 100 "a pin that differs from the URI: exit 100"
grep -q "THE TLS KEY OF SERVER $S HAS CHANGED" "$H/p.err"
ok $? "a pin that differs from the URI: loud"

# the URI names another server than the configured one
rune --home "$H/d2" init dave@runetest >/dev/null
echo "rune://$tok@127.0.0.2:$PORT/?tls=$TLS&key=$KEY" >"$H/inv.d2"
"$RUNE_BUILD/rune" --home "$H/d2" register --invite-file "$H/inv.d2" \
    2>"$H/o.err"
is $? 100 "a URI for another server: exit 100"
grep -q 'the invitation is for 127.0.0.2' "$H/o.err"
ok $? "a URI for another server: explained"

# a bare token, trusting on first use
rune --home "$H/d3" init dave@runetest >/dev/null
echo "$tok" >"$H/tok.d3"
rune --home "$H/d3" register --invite-file="$H/tok.d3" >"$H/t.out" \
    2>"$H/t.err"
ok $? "a bare token registers" || diag "$H/t.err"
grep -q 'first contact' "$H/t.err"
ok $? "a bare token: first contact pins"

# refusals
tok=$(invite erin@runetest 1000)
rune --home "$H/e" init erin@runetest >/dev/null
echo "$tok" | rune --home "$H/e" register --invite - 2>"$H/x.err"
is $? 100 "an expired token: exit 100"
grep -q 'expired (408' "$H/x.err"
ok $? "408 explained" || diag "$H/x.err"
cp -R "$H/e" "$H/m"
rm -rf "$H/m/pins"
tok=$(invite frank@runetest)
printf '  %s\r\n' "$tok" |
    rune --home "$H/e" register --invite 2>"$H/y.err"
is $? 100 "a token for another address: exit 100"
grep -q '407' "$H/y.err"
ok $? "407 explained"
for bad in "rune://$tok@$S/?tls=$TLS" "rune://$tok@$S/?key=$KEY" \
    "rune://$tok@$S/?tls=${TLS}0&key=$KEY" "rune://@$S/?tls=$TLS&key=$KEY" \
    "rune://$tok@$S/?tls=$TLS&key=$KEY&x=1" "rune://$tok@/?tls=$TLS&key=$KEY" \
    "bad token" "rune://$tok@$S/x?tls=$TLS&key=$KEY"; do
	printf '%s\n' "$bad" | rune --home "$H/m" register --invite \
	    >/dev/null 2>&1
	is $? 100 "malformed invitation refused: $bad"
done
[ ! -d "$H/m/pins" ]
ok $? "malformed invitations pinned nothing"
done_testing
