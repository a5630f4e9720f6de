#!/bin/sh
# rune-admin init and fingerprint: the domain directory, its modes, the
# refusals (exit 100, nothing touched), --cert/--key, and fingerprints
# checked against openssl + b2sum.
. t/lib/harness.sh
A=$RUNE_BUILD/rune-admin
D=$H/dom

# fingerprint of stdin as the spec shows it (13.4): BLAKE2b-256, first 16
# octets, 8 groups of 4 lowercase hex digits
fpr() {
	b2sum -l 256 | cut -c1-32 | sed 's/\(....\)/\1 /g; s/ $//'
}
# the DER SPKI of the certificate in $1, fingerprinted
tls_fpr() {
	openssl x509 -in "$1" -noout -pubkey | openssl pkey -pubin -outform DER | fpr
}
# value NAME FILE: the value of a "name value" line
value() { sed -n "s/^$1 //p" "$2"; }
# snapshot DIR: names, modes, sizes and contents of everything in DIR
snapshot() {
	(cd "$1" && find . -printf '%p %m %s\n' | sort &&
	    find . -type f -exec sha256sum {} + | sort)
}
# nothing_made DIR: neither DIR nor a DIR.tmp-* exists
nothing_made() {
	[ ! -e "$1" ] && [ -z "$(ls -d "$1".tmp-* 2>/dev/null)" ]
}

"$A" init "$D" runetest >"$H/out" 2>"$H/err"
ok $? "init makes a domain"
diag "$H/err"
is "$(stat -c %a "$D/secret/server.key")" 600 "secret/server.key is 0600"
is "$(stat -c %a "$D/tls/key.pem")" 600 "tls/key.pem is 0600"
for d in "" /secret /tls /keys /store; do
	is "$(stat -c %a "$D$d")" 700 "${d:-/} is 0700"
done
is "$(ls -A "$D/keys" "$D/store" | grep -c .)" 2 "keys/ and store/ are empty"
is "$(stat -c %s "$D/secret/server.key")" 64 "server.key is 64 octets"
is "$(cat "$D/control/domain")" runetest "control/domain"
is "$(cat "$D/control/welcome")" "welcome to runetest" "control/welcome default"
is "$(cat "$D/control/registration")" invite "control/registration default"
openssl x509 -in "$D/tls/cert.pem" -noout 2>/dev/null
ok $? "tls/cert.pem parses"
openssl x509 -in "$D/tls/cert.pem" -noout -text | grep -q 'NIST CURVE: P-256'
ok $? "the certificate's key is P-256"
is "$(openssl x509 -in "$D/tls/cert.pem" -noout -subject)" \
    "subject=CN = runetest" "its subject is CN=runetest"
openssl x509 -in "$D/tls/cert.pem" -noout \
    -checkend $((9 * 365 * 86400)) >/dev/null
ok $? "it is valid for about 10 years"
openssl pkey -in "$D/tls/key.pem" -pubout -outform DER | fpr >"$H/kf"
is "$(cat "$H/kf")" "$(tls_fpr "$D/tls/cert.pem")" \
    "tls/key.pem belongs to the certificate"

# fingerprints against an independent computation
is "$(value tls-key-fingerprint "$H/out")" "$(tls_fpr "$D/tls/cert.pem")" \
    "TLS key fingerprint matches openssl + b2sum"
is "$(value server-key-fingerprint "$H/out")" \
    "$(tail -c 32 "$D/secret/server.key" | fpr)" \
    "server key fingerprint matches b2sum"
is "$(value server-key "$H/out")" \
    "ed25519:$(tail -c 32 "$D/secret/server.key" | base64 -w0)" \
    "server key text is its public half"
is "$(value domain "$H/out")" runetest "init prints the domain"
"$A" fingerprint --root "$D" >"$H/fp" 2>"$H/err"
ok $? "fingerprint --root runs"
cmp -s "$H/out" "$H/fp"
ok $? "fingerprint --root prints what init printed"
RUNE_ROOT=$D "$A" fingerprint >"$H/fp2" 2>"$H/err"
cmp -s "$H/out" "$H/fp2"
ok $? "fingerprint with RUNE_ROOT prints the same"
"$A" fingerprint --root "$H/none" >/dev/null 2>&1
[ $? != 0 ]
ok $? "fingerprint of no domain fails"

# refusals: exit 100, nothing changed
snapshot "$D" >"$H/before"
"$A" init "$D" runetest >/dev/null 2>"$H/err"
is $? 100 "a second init is refused with 100"
grep -q 'refusing to overwrite' "$H/err"
ok $? "with a clear message"
snapshot "$D" >"$H/after"
cmp -s "$H/before" "$H/after"
ok $? "and changes nothing"
[ -z "$(ls -d "$D".tmp-* 2>/dev/null)" ]
ok $? "and leaves no tmp directory"
mkdir "$H/full" && echo x >"$H/full/f"
"$A" init "$H/full" runetest >/dev/null 2>&1
is $? 100 "a non-empty directory is refused"
is "$(ls -A "$H/full")" f "and left alone"
echo x >"$H/file"
"$A" init "$H/file" runetest >/dev/null 2>&1
is $? 100 "a file is refused"
mkdir "$H/empty"
"$A" init "$H/empty/" runetest >/dev/null 2>&1
ok $? "an empty directory is filled"
[ -f "$H/empty/secret/server.key" ]
ok $? "in place"

for bad in rune.example a.bc ab "" ru-ne \
    abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijk; do
	"$A" init "$H/bad" "$bad" >/dev/null 2>&1
	is $? 100 "domain '$bad' refused"
	nothing_made "$H/bad"
	ok $? "and nothing created"
done
"$A" init "$H/bad" runetest --registration sometimes >/dev/null 2>&1
is $? 100 "a bad --registration is refused"
"$A" init "$H/bad" runetest --welcome "$(printf 'a\tb')" >/dev/null 2>&1
is $? 100 "a --welcome with a control character is refused"
"$A" init "$H/bad" >/dev/null 2>&1
is $? 100 "init without a domain is a usage error"
"$A" init "$H/bad" runetest --cert x.pem >/dev/null 2>&1
is $? 100 "--cert without --key is a usage error"
"$A" >/dev/null 2>&1
is $? 100 "no command is a usage error"
"$A" frobnicate >/dev/null 2>&1
is $? 100 "an unknown command is refused"
nothing_made "$H/bad"
ok $? "none of them created anything"

# a failure midway removes what was made
RUNE_OPENSSL=/nonexistent/openssl "$A" init "$H/mid" runetest >/dev/null 2>&1
is $? 111 "init without openssl fails with 111"
nothing_made "$H/mid"
ok $? "and leaves nothing behind"

# options
"$A" init "$H/o" RuneTest --welcome "hello there" --registration both \
    >/dev/null 2>&1
ok $? "init with --welcome and --registration"
is "$(cat "$H/o/control/domain")" runetest "the domain is stored lowercase"
is "$(cat "$H/o/control/welcome")" "hello there" "control/welcome set"
is "$(cat "$H/o/control/registration")" both "control/registration set"

# the administrator's own RSA certificate
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$H/rsa.key" \
    -out "$H/rsa.crt" -days 30 -subj /CN=runetest >/dev/null 2>&1
ok $? "made an RSA certificate"
"$A" init "$H/r" runetest --cert "$H/rsa.crt" --key "$H/rsa.key" \
    >"$H/rout" 2>"$H/err"
ok $? "init --cert --key with RSA"
diag "$H/err"
cmp -s "$H/rsa.crt" "$H/r/tls/cert.pem"
ok $? "the certificate is copied"
cmp -s "$H/rsa.key" "$H/r/tls/key.pem"
ok $? "the key is copied"
is "$(stat -c %a "$H/r/tls/key.pem")" 600 "the copied key is 0600"
is "$(value tls-key-fingerprint "$H/rout")" "$(tls_fpr "$H/rsa.crt")" \
    "its fingerprint matches openssl + b2sum"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$H/rsa2.key" \
    -out "$H/rsa2.crt" -days 30 -subj /CN=runetest >/dev/null 2>&1
"$A" init "$H/r2" runetest --cert "$H/rsa.crt" --key "$H/rsa2.key" \
    >/dev/null 2>&1
is $? 100 "a key of another certificate is refused with 100"
nothing_made "$H/r2"
ok $? "and nothing created"
openssl ecparam -name secp384r1 -genkey -noout -out "$H/p384.key" &&
    openssl req -x509 -key "$H/p384.key" -out "$H/p384.crt" -days 30 \
    -subj /CN=runetest >/dev/null 2>&1
"$A" init "$H/r3" runetest --cert "$H/p384.crt" --key "$H/p384.key" \
    >/dev/null 2>&1
is $? 100 "a P-384 key is refused with 100"
nothing_made "$H/r3"
ok $? "and nothing created"

done_testing
