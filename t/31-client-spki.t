#!/bin/sh
# The client's TLS fingerprint of a certificate (rune fingerprint-cert,
# the same code that pins a server's key) against openssl and b2sum:
# BLAKE2b-256 of the DER SubjectPublicKeyInfo, first 16 octets (13.4).
: "${RUNE_BUILD:=$PWD/build}"
T=$(mktemp -d "${TMPDIR:-/tmp}/rune-31.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
n=0
fail=0
ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else
		fail=$((fail + 1)); echo "not ok $n - $2"; fi
}

# openssl's fingerprint of a certificate, as rune prints it
want() {
	openssl x509 -pubkey -noout -in "$1" | openssl pkey -pubin \
	    -outform DER | b2sum -l 256 | cut -c1-32 |
	    sed 's/\(....\)/\1 /g; s/ $//'
}

check() {	# NAME OPENSSL-REQ-KEY-OPTIONS...
	name=$1
	shift
	openssl req -x509 -nodes -days 2 -subj /CN=runetest "$@" \
	    -keyout "$T/$name.key" -out "$T/$name.pem" >/dev/null 2>&1
	ok $? "$name: openssl made a certificate"
	got=$("$RUNE_BUILD/rune" --home "$T/home" fingerprint-cert \
	    "$T/$name.pem")
	ok $? "$name: rune fingerprint-cert exits 0"
	w=$(want "$T/$name.pem")
	[ -n "$w" ] && [ "$got" = "$w" ]
	ok $? "$name: fingerprint as openssl and b2sum" ||
	    echo "# got '$got' want '$w'"
}

check ec-p256 -newkey ec -pkeyopt ec_paramgen_curve:P-256
check ec-p384 -newkey ec -pkeyopt ec_paramgen_curve:P-384
check ec-p521 -newkey ec -pkeyopt ec_paramgen_curve:P-521
check rsa-2048 -newkey rsa:2048
check rsa-3072 -newkey rsa:3072

# a chain: the leaf (the first certificate) is what counts
cat "$T/ec-p256.pem" "$T/rsa-2048.pem" >"$T/chain.pem"
got=$("$RUNE_BUILD/rune" --home "$T/home" fingerprint-cert "$T/chain.pem")
[ "$got" = "$(want "$T/ec-p256.pem")" ]
ok $? "a chain: the first certificate's key"

# not a certificate: a key file, garbage, an Ed25519 certificate
"$RUNE_BUILD/rune" --home "$T/home" fingerprint-cert "$T/ec-p256.key" \
    >/dev/null 2>&1
ok $(( $? != 100 )) "a key file is not a certificate: exit 100"
printf 'junk\n' >"$T/junk.pem"
"$RUNE_BUILD/rune" --home "$T/home" fingerprint-cert "$T/junk.pem" \
    >/dev/null 2>&1
ok $(( $? != 100 )) "junk: exit 100"
openssl req -x509 -nodes -days 2 -subj /CN=x -newkey ed25519 \
    -keyout "$T/ed.key" -out "$T/ed.pem" >/dev/null 2>&1
"$RUNE_BUILD/rune" --home "$T/home" fingerprint-cert "$T/ed.pem" \
    >/dev/null 2>&1
ok $(( $? != 100 )) "an Ed25519 certificate (unsupported by BearSSL): exit 100"
"$RUNE_BUILD/rune" --home "$T/home" fingerprint-cert "$T/absent.pem" \
    >/dev/null 2>&1
ok $(( $? != 100 )) "a missing file: exit 100"
[ ! -e "$T/home" ]
ok $? "fingerprint-cert leaves no state behind"

echo "1..$n"
[ $fail = 0 ]
