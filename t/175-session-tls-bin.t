#!/bin/sh
# 175-session-tls-bin.t: tls/tls.bin, the TLS chain and key pre-decoded
# (lib/tlsbin.h): rune-admin init writes it 0600 from the PEM files, for
# its own P-256 pair and an RSA-2048 chain of two given with --cert
# --key; a session serves the chain tls.bin holds when its check is the
# PEM files' (computed here in Python from tlsbin.h's description: a
# tls.bin of another domain given this domain's check is served, so the
# session does read it and does not decode the PEM); when the PEM files
# changed the session serves the new PEM and says tls.bin is stale; a
# malformed tls.bin, likewise; with none it serves the PEM silently.
. t/lib/harness.sh
command -v openssl >/dev/null || { echo "1..0 # SKIP no openssl"; exit 0; }
h_domain
T=$RUNE_ROOT/tls

# served CERT-PEM: is the leaf the session serves that of CERT-PEM?
served() {
	/usr/bin/python3 - "$PORT" "$1" <<'PY'
import socket, ssl, sys
c = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
c.check_hostname = False
c.verify_mode = ssl.CERT_NONE
with socket.create_connection(("127.0.0.1", int(sys.argv[1])), 10) as s:
    with c.wrap_socket(s) as t:
        got = t.getpeercert(binary_form=True)
        t.recv(100)     # HOWDY
want = ssl.PEM_cert_to_DER_cert(open(sys.argv[2]).read())
sys.exit(0 if got == want else 1)
PY
}
# check DIR: tlsbin.h's check of DIR's cert.pem and key.pem, in hex
check() {
	/usr/bin/python3 - "$1" <<'PY'
import hashlib, struct, sys
h = hashlib.blake2b(digest_size=32)
h.update(b"RUNE tls.bin 1")
for f in ("cert.pem", "key.pem"):
    b = open(sys.argv[1] + "/" + f, "rb").read()
    h.update(struct.pack(">Q", len(b)) + b)
print(h.hexdigest())
PY
}
head8() { head -c 8 "$1"; }
tlswarn() { grep -c "tls.bin is" "$H/log"; }

is "$(stat -c %a "$T/tls.bin")" 600 "init writes tls/tls.bin, mode 0600"
is "$(head8 "$T/tls.bin")" RUNETLS1 "it starts RUNETLS1"
is "$(od -An -tx1 -j8 -N32 "$T/tls.bin" | tr -d ' \n')" "$(check "$T")" \
    "its check is BLAKE2b-256 of the label and the two PEM files"
h_start
served "$T/cert.pem"
ok $? "the session serves cert.pem's certificate"
is "$(talk QUIT | sed -n 1p)" "HOWDY welcome to runetest" "a session"
is "$(tlswarn)" 0 "no word of tls.bin in the log"

# another domain's tls.bin given this domain's check: served as it is
"$RUNE_BUILD/rune-admin" init "$H/other" othertest >/dev/null 2>&1
ok $? "another domain"
cp "$T/tls.bin" "$H/mine.bin"
/usr/bin/python3 - "$H/other/tls/tls.bin" "$(check "$T")" "$T/tls.bin" <<'PY'
import sys
b = open(sys.argv[1], "rb").read()
open(sys.argv[3] + ".new", "wb").write(b[:8] + bytes.fromhex(sys.argv[2]) + b[40:])
PY
mv "$T/tls.bin.new" "$T/tls.bin"
served "$H/other/tls/cert.pem"
ok $? "a tls.bin with this domain's check is what the session serves"
is "$(tlswarn)" 0 "and it says nothing"

# the PEM files replaced (a renewal): the new PEM, and a word in the log
cp "$H/mine.bin" "$T/tls.bin"
cp "$T/cert.pem" "$H/cert.old"
cp "$H/other/tls/cert.pem" "$H/other/tls/key.pem" "$T/"
served "$H/other/tls/cert.pem"
ok $? "new PEM files, tls.bin not made again: the new certificate is served"
grep -q "tls.bin is stale: the PEM files changed since it was made; decoding the PEM files instead (run rune-admin setup to write it again)" "$H/log"
ok $? "the log says tls.bin is stale and what to do" || diag "$H/log"
# a malformed one (its check right, cut short)
/usr/bin/python3 - "$H/other/tls/tls.bin" "$(check "$T")" "$T/tls.bin" <<'PY'
import sys
b = open(sys.argv[1], "rb").read()
open(sys.argv[3], "wb").write(b[:8] + bytes.fromhex(sys.argv[2]) + b[40:-3])
PY
: >"$H/log"
served "$H/other/tls/cert.pem"
ok $? "a malformed tls.bin: the PEM is served"
grep -q "tls.bin is malformed" "$H/log"
ok $? "and the log says so" || diag "$H/log"
rm "$T/tls.bin"
: >"$H/log"
served "$H/other/tls/cert.pem"
ok $? "no tls.bin: the PEM is served"
is "$(tlswarn)" 0 "silently"
h_stop

# RSA-2048, a chain of two, given to init
o() { openssl "$@" >/dev/null 2>&1; }
o req -x509 -newkey rsa:2048 -nodes -keyout "$H/ca.key" -out "$H/ca.pem" \
    -subj /CN=ca -days 2 -addext basicConstraints=critical,CA:TRUE &&
o req -newkey rsa:2048 -nodes -keyout "$H/leaf.key" -out "$H/leaf.csr" \
    -subj /CN=rsatest &&
o x509 -req -in "$H/leaf.csr" -CA "$H/ca.pem" -CAkey "$H/ca.key" \
    -CAcreateserial -out "$H/leaf.pem" -days 2
ok $? "an RSA chain made by openssl"
cat "$H/leaf.pem" "$H/ca.pem" >"$H/chain.pem"
"$RUNE_BUILD/rune-admin" init "$H/rsa" rsatest --cert "$H/chain.pem" \
    --key "$H/leaf.key" >"$H/rsa.out" 2>&1
ok $? "init --cert --key with it" || diag "$H/rsa.out"
is "$(stat -c %a "$H/rsa/tls/tls.bin" 2>&1)" 600 "tls.bin written, 0600"
export RUNE_ROOT=$H/rsa
h_start
served "$H/leaf.pem"
ok $? "RSA: the leaf is served"
is "$(talk QUIT | sed -n 1p)" "HOWDY welcome to rsatest" "RSA: a session"
is "$(tlswarn)" 0 "RSA: no word of tls.bin (it was loaded)"
done_testing
