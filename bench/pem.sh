#!/bin/sh
# pem.sh BUILD_DIR: the cost per session of decoding the TLS chain and
# key from PEM (bench/pem.c), for the P-256 key and self-signed
# certificate rune-admin setup makes and for an RSA-2048 key with a chain
# of three certificates as a public CA's would be (made with openssl
# when it is there).  Run by run.sh; never a test.
set -u
B=${1:?usage: pem.sh BUILD_DIR}
case $B in /*) ;; *) B=$(pwd)/$B ;; esac
TOP=$(cd "$(dirname "$0")/.." && pwd)
W=$(mktemp -d /tmp/rune-bench-pem.XXXXXX)
trap 'rm -rf "$W"' EXIT
N=${PEM_N:-20000}
${CC:-cc} -std=c11 -O2 -D_DEFAULT_SOURCE -D_GNU_SOURCE -I"$TOP/lib" \
    -I/usr/include/bearssl -o "$W/pem" "$TOP/bench/pem.c" "$B/librune.a" \
    -lbearssl -lsodium ||
    { echo "bench/pem.sh: unable to build the timer" >&2; exit 111; }
RUNE_ALLOW_ROOT=1 "$B/rune-admin" init "$W/root" runebench \
    --registration free >/dev/null 2>&1 || exit 1
echo "pem: rune-admin's P-256: $("$W/pem" "$W/root/tls/cert.pem" "$W/root/tls/key.pem" "$N")"
command -v openssl >/dev/null || { echo "pem: no openssl: RSA skipped"; exit 0; }
o() { openssl "$@" >/dev/null 2>&1; }
o req -x509 -newkey rsa:2048 -nodes -keyout "$W/ca.key" -out "$W/ca.pem" \
    -subj /CN=root -days 2 &&
o req -newkey rsa:2048 -nodes -keyout "$W/im.key" -out "$W/im.csr" -subj /CN=im &&
o x509 -req -in "$W/im.csr" -CA "$W/ca.pem" -CAkey "$W/ca.key" \
    -CAcreateserial -out "$W/im.pem" -days 2 &&
o req -newkey rsa:2048 -nodes -keyout "$W/leaf.key" -out "$W/leaf.csr" \
    -subj /CN=runebench &&
o x509 -req -in "$W/leaf.csr" -CA "$W/im.pem" -CAkey "$W/im.key" \
    -CAcreateserial -out "$W/leaf.pem" -days 2 ||
    { echo "pem: openssl failed: RSA skipped"; exit 0; }
cat "$W/leaf.pem" "$W/im.pem" "$W/ca.pem" >"$W/chain.pem"
echo "pem: RSA-2048, a chain of 3: $("$W/pem" "$W/chain.pem" "$W/leaf.key" "$N")"
