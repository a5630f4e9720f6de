#!/bin/sh
# One TLS fingerprint (13.4): what rune-admin prints (init, fingerprint)
# is what the client pins on first contact and what "rune
# fingerprint-cert" computes, for an EC P-256 certificate (init's own)
# and an RSA one (the administrator's, --cert/--key): lib/certfpr.c for
# all of them, openssl only making the certificates.
. t/lib/harness.sh
A=$RUNE_BUILD/rune-admin

# check NAME: a domain in $RUNE_ROOT served; a client registers, pinning
# the TLS key on first contact; the pins compared
check() {
	h_start
	S=127.0.0.1:$PORT
	"$A" fingerprint >"$H/$1.fp" 2>&1
	want=$(sed -n 's/^tls-key-fingerprint //p' "$H/$1.fp")
	is "$(sed -n 's/^tls-key-fingerprint //p' "$H/$1.init")" "$want" \
	    "$1: init and fingerprint print the same TLS fingerprint"
	"$RUNE_BUILD/rune" --home "$H/$1.home" --server "$S" \
	    init "amy@runetest" >/dev/null 2>&1 &&
	    "$RUNE_BUILD/rune" --home "$H/$1.home" --server "$S" \
	    register >"$H/$1.reg" 2>&1
	ok $? "$1: a client registers" || diag "$H/$1.reg"
	is "$(cat "$H/$1.home/pins/server/$S/tls" 2>/dev/null)" "$want" \
	    "$1: the client pinned what rune-admin prints"
	grep -q "pinned its TLS key $want" "$H/$1.reg"
	ok $? "$1: and said so" || diag "$H/$1.reg"
	is "$("$RUNE_BUILD/rune" fingerprint-cert "$RUNE_ROOT/tls/cert.pem")" \
	    "$want" "$1: rune fingerprint-cert computes the same"
	h_stop
}

"$A" init "$H/ec" runetest --registration both >"$H/ec.init" 2>&1 ||
    echo "Bail out! rune-admin init failed"
grep -q 'BEGIN CERTIFICATE' "$H/ec/tls/cert.pem" &&
    openssl x509 -in "$H/ec/tls/cert.pem" -noout -text 2>/dev/null |
    grep -q 'prime256v1'
ok $? "init made an EC P-256 certificate"
export RUNE_ROOT=$H/ec
check ec

openssl req -x509 -newkey rsa:2048 -nodes -keyout "$H/rsa.key" \
    -out "$H/rsa.crt" -days 30 -subj /CN=runetest >/dev/null 2>&1
ok $? "made an RSA certificate"
"$A" init "$H/rsa" runetest --registration both --cert "$H/rsa.crt" \
    --key "$H/rsa.key" >"$H/rsa.init" 2>&1
ok $? "init --cert --key with it" || diag "$H/rsa.init"
export RUNE_ROOT=$H/rsa
check rsa
done_testing
