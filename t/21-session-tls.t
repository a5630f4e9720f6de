#!/bin/sh
# TLS policy of spec section 2, checked with openssl s_client: TLS 1.2
# only, ECDHE with AES-GCM or ChaCha20-Poly1305 only, no renegotiation;
# with the default P-256 certificate and with an admin's RSA one.
. t/lib/harness.sh
h_domain
h_start

# s_client OPTIONS...: sends NOOP and QUIT, prints the session's output
# until the server closes
s_client() {
	printf 'NOOP\nQUIT\n' | timeout 20 openssl s_client \
	    -connect "127.0.0.1:$PORT" -quiet -ign_eof "$@" 2>&1
}
accepts() { s_client "$@" | grep -q '^250 ok'; }

accepts -tls1_2
ok $? "TLS 1.2 is accepted"
accepts -tls1_2 -cipher ECDHE-ECDSA-AES128-GCM-SHA256
ok $? "ECDHE-ECDSA-AES128-GCM-SHA256 is accepted"
accepts -tls1_2 -cipher ECDHE-ECDSA-AES256-GCM-SHA384
ok $? "ECDHE-ECDSA-AES256-GCM-SHA384 is accepted"
accepts -tls1_2 -cipher ECDHE-ECDSA-CHACHA20-POLY1305
ok $? "ECDHE-ECDSA-CHACHA20-POLY1305 is accepted"
! accepts -tls1_1 -cipher 'ALL:@SECLEVEL=0'
ok $? "TLS 1.1 is refused"
! accepts -tls1 -cipher 'ALL:@SECLEVEL=0'
ok $? "TLS 1.0 is refused"
! accepts -tls1_3
ok $? "TLS 1.3 alone is refused (BearSSL speaks 1.2)"
! accepts -tls1_2 -cipher 'ECDHE-ECDSA-AES128-SHA256:ECDHE-ECDSA-AES256-SHA384:ECDHE-ECDSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA'
ok $? "a CBC-only client is refused"
! accepts -tls1_2 -cipher 'AES128-GCM-SHA256:AES256-GCM-SHA384:AES128-SHA256'
ok $? "an RSA-key-exchange-only client is refused"

# renegotiation: s_client renegotiates on a line "R" (without -quiet)
{ sleep 1; echo R; sleep 1; echo NOOP; sleep 1; } |
    timeout 10 openssl s_client -connect "127.0.0.1:$PORT" -tls1_2 >"$H/reneg" 2>&1
grep -q RENEGOTIATING "$H/reneg" && ! grep -q '^250 ok' "$H/reneg"
ok $? "renegotiation is refused" || diag "$H/reneg"

# an admin's own RSA certificate
h_stop
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$H/rsa.key" \
    -out "$H/rsa.pem" -days 30 -subj /CN=runetest >/dev/null 2>&1
"$RUNE_BUILD/rune-admin" init "$H/rsa" runetest --cert "$H/rsa.pem" \
    --key "$H/rsa.key" >/dev/null 2>&1
ok $? "rune-admin init with an RSA certificate"
RUNE_ROOT=$H/rsa
h_start
accepts -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256
ok $? "ECDHE-RSA-AES128-GCM-SHA256 with an RSA certificate"
accepts -tls1_2 -cipher ECDHE-RSA-CHACHA20-POLY1305
ok $? "ECDHE-RSA-CHACHA20-POLY1305 with an RSA certificate"
! accepts -tls1_2 -cipher 'ECDHE-RSA-AES128-SHA256:ECDHE-RSA-AES128-SHA'
ok $? "CBC refused with an RSA certificate"
! accepts -tls1_2 -cipher 'AES128-GCM-SHA256'
ok $? "RSA key exchange refused with an RSA certificate"
done_testing
