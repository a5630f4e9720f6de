#!/bin/sh
# The client over TLS (spec 2, 9, 13.4): capabilities without rune init,
# the TLS key pinned on first use and equal to what the administrator
# and openssl compute, a changed key stopped loudly with both
# fingerprints, re-pinning, an RSA certificate, and the deadlines.
. t/lib/harness.sh
h_domain
h_start
RUNE="$RUNE_BUILD/rune --home $H/home --server 127.0.0.1:$PORT"

$RUNE capabilities >"$H/caps" 2>"$H/caps.err"
ok $? "capabilities without rune init" || diag "$H/caps.err"
grep -qx 'RUNE 1' "$H/caps" && grep -qx 'DOMAIN runetest' "$H/caps" &&
    grep -qx 'REGISTER' "$H/caps" && ! grep -q '^250' "$H/caps" &&
    ! grep -qx 'ok' "$H/caps"
ok $? "capability lines printed without codes or the final ok" ||
    diag "$H/caps"
grep -q 'first contact with 127.0.0.1:'"$PORT"': pinned its TLS key' \
    "$H/caps.err"
ok $? "first contact: says the TLS key was pinned"

pinned=$(cat "$H/home/pins/server/127.0.0.1:$PORT/tls")
admin=$("$RUNE_BUILD/rune-admin" fingerprint --root "$H/root" |
    sed -n 's/^tls-key-fingerprint //p')
is "$pinned" "$admin" "the pin is rune-admin's TLS fingerprint"
ssl=$(openssl x509 -pubkey -noout -in "$H/root/tls/cert.pem" |
    openssl pkey -pubin -outform DER | b2sum -l 256 | cut -c1-32)
is "$(echo "$pinned" | tr -d ' ')" "$ssl" "the pin is openssl's SPKI BLAKE2b"
[ "$(stat -c %a "$H/home")" = 700 ] &&
    [ "$(stat -c %a "$H/home/pins/server/127.0.0.1:$PORT/tls")" = 600 ]
ok $? "home 0700, pin file 0600"

$RUNE capabilities >/dev/null 2>"$H/caps2.err"
ok $? "second contact with the same key"
! grep -q 'pinned' "$H/caps2.err"
ok $? "second contact: nothing pinned anew"
$RUNE pins >"$H/pins"
grep -qx "server 127.0.0.1:$PORT tls $pinned" "$H/pins"
ok $? "rune pins lists the TLS pin" || diag "$H/pins"

# the server's certificate and key are replaced: a changed TLS key
cp "$H/root/tls/cert.pem" "$H/cert.orig"
cp "$H/root/tls/key.pem" "$H/key.orig"
openssl req -x509 -nodes -days 2 -subj /CN=runetest -newkey ec \
    -pkeyopt ec_paramgen_curve:P-256 -keyout "$H/root/tls/key.pem" \
    -out "$H/root/tls/cert.pem" >/dev/null 2>&1
chmod 600 "$H/root/tls/key.pem"
new=$("$RUNE_BUILD/rune" --home "$H/x" fingerprint-cert "$H/root/tls/cert.pem")
$RUNE capabilities >"$H/mm.out" 2>"$H/mm.err"
is $? 100 "changed TLS key: exit 100"
[ ! -s "$H/mm.out" ]
ok $? "changed TLS key: no capabilities printed"
grep -q "THE TLS KEY OF SERVER 127.0.0.1:$PORT HAS CHANGED" "$H/mm.err" &&
    grep -q "pinned fingerprint: $pinned" "$H/mm.err" &&
    grep -q "seen fingerprint: *$new" "$H/mm.err" &&
    grep -q "pin --replace server-tls" "$H/mm.err"
ok $? "changed TLS key: loud, both fingerprints, how to re-pin" ||
    diag "$H/mm.err"
is "$(cat "$H/home/pins/server/127.0.0.1:$PORT/tls")" "$pinned" \
    "changed TLS key: the pin is kept"

$RUNE pin --replace server-tls >"$H/rp.out"
ok $? "pin --replace server-tls"
grep -q "removed the pin of the TLS key of 127.0.0.1:$PORT: $pinned" \
    "$H/rp.out"
ok $? "pin --replace names the fingerprint it removed" || diag "$H/rp.out"
$RUNE capabilities >/dev/null 2>&1
ok $? "after re-pinning the new key is taken"
is "$(cat "$H/home/pins/server/127.0.0.1:$PORT/tls")" "$new" \
    "the new key is pinned"

# an RSA certificate: ECDHE_RSA, and the pin still matches openssl
openssl req -x509 -nodes -days 2 -subj /CN=runetest -newkey rsa:2048 \
    -keyout "$H/root/tls/key.pem" -out "$H/root/tls/cert.pem" >/dev/null 2>&1
chmod 600 "$H/root/tls/key.pem"
$RUNE pin --replace server >/dev/null
ok $? "pin --replace server"
$RUNE capabilities >/dev/null 2>&1
ok $? "capabilities with an RSA certificate"
ssl=$(openssl x509 -pubkey -noout -in "$H/root/tls/cert.pem" |
    openssl pkey -pubin -outform DER | b2sum -l 256 | cut -c1-32)
is "$(tr -d ' ' <"$H/home/pins/server/127.0.0.1:$PORT/tls")" "$ssl" \
    "RSA: the pin is openssl's SPKI BLAKE2b"
cp "$H/cert.orig" "$H/root/tls/cert.pem"
cp "$H/key.orig" "$H/root/tls/key.pem"

# a server that is a different host:port has its own pins
$RUNE_BUILD/rune --home "$H/home" --server "localhost:$PORT" capabilities \
    >/dev/null 2>"$H/lh.err"
ok $? "another name for the server: its own first contact"
[ -f "$H/home/pins/server/localhost:$PORT/tls" ]
ok $? "pins are per HOST:PORT"

# deadlines: a listener that never speaks, and a closed port
SILENT=$(h_free_port)
/usr/bin/python3 - "$SILENT" <<'PY' &
import socket, sys, time
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1])))
s.listen(5)
s.settimeout(30)
try:
    c, _ = s.accept()
    c.recv(1)   # holds the connection open and says nothing
    time.sleep(10)
except Exception:
    pass
PY
spid=$!
h_wait_port "$SILENT"
"$RUNE_BUILD/rune" --home "$H/home" --server "127.0.0.1:$SILENT" \
    --timeout 1 capabilities >/dev/null 2>"$H/to.err"
is $? 111 "a silent server: exit 111 after --timeout"
grep -q 'timed out' "$H/to.err"
ok $? "a silent server: says it timed out" || diag "$H/to.err"
kill "$spid" 2>/dev/null
wait "$spid" 2>/dev/null
"$RUNE_BUILD/rune" --home "$H/home" --server "127.0.0.1:$SILENT" \
    capabilities >/dev/null 2>"$H/cl.err"
is $? 111 "a closed port: exit 111"

# bad usage
$RUNE_BUILD/rune --home "$H/home" --server 'a/b:1' capabilities 2>/dev/null
is $? 100 "--server with a slash: exit 100"
$RUNE_BUILD/rune --home "$H/home" --server 'host:70000' capabilities \
    2>/dev/null
is $? 100 "--server with port 70000: exit 100"
$RUNE_BUILD/rune --home "$H/empty" capabilities 2>/dev/null
is $? 100 "no server configured: exit 100"
$RUNE nosuchcommand 2>/dev/null
is $? 100 "unknown command: exit 100"
done_testing
