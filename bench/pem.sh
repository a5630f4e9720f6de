#!/bin/sh
# pem.sh BUILD_DIR: the cost per session of decoding the TLS chain and
# key from PEM (bench/pem.c), for the P-256 key and self-signed
# certificate rune-admin setup makes and for an RSA-2048 key with a chain
# of three certificates as a public CA's would be (made with openssl
# when it is there); then whole LOGIN sessions under tcpserver with
# tls/tls.bin and without it, interleaved (needs a cpuacct cgroup).
# Env: PEM_N, SESS_N, SESS_REPS.  Run by run.sh; never a test.
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
rsa() {
command -v openssl >/dev/null || { echo "pem: no openssl: RSA skipped"; return; }
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
    { echo "pem: openssl failed: RSA skipped"; return; }
cat "$W/leaf.pem" "$W/im.pem" "$W/ca.pem" >"$W/chain.pem"
echo "pem: RSA-2048, a chain of 3: $("$W/pem" "$W/chain.pem" "$W/leaf.key" "$N")"
}
rsa
# sessions: TLS + LOGIN + PROOF + QUIT with tls.bin and without (PEM
# decoded), interleaved A B A B..., server CPU per session from a cpuacct
# cgroup holding tcpserver and its sessions (SESS_N sessions, SESS_REPS
# pairs)
CG=/sys/fs/cgroup/cpuacct
g=$CG/runebench-pem-$$
mkdir "$g" 2>/dev/null || { echo "pem: no cpuacct cgroup: sessions skipped"; exit 0; }
PY=/usr/bin/python3
. "$TOP/bench/lib.sh"
p=$(port)
sh -c 'echo $$ >"$0/cgroup.procs"; exec "$@"' "$g" env RUNE_ROOT="$W/root" \
    RUNE_BINDIR="$B" RUNE_ALLOW_ROOT=1 tcpserver -D -HRl0 -c 20 127.0.0.1 \
    "$p" "$B/rune-session" 2>"$W/log" &
spid=$!
trap 'kill $spid 2>/dev/null; wait 2>/dev/null; rmdir "$g" 2>/dev/null; rm -rf "$W"' EXIT
waitport "$p"
DOMAIN=runebench $PY "$TOP/bench/session.py" "$p" 0 1
SN=${SESS_N:-100}
cp "$W/root/tls/tls.bin" "$W/tls.bin" || exit 1
a= b=
for r in $(seq "${SESS_REPS:-3}"); do
	for mode in bin pem; do
		if [ $mode = bin ]; then cp "$W/tls.bin" "$W/root/tls/tls.bin"
		else rm -f "$W/root/tls/tls.bin"; fi
		c0=$(cat "$g/cpuacct.usage")
		DOMAIN=runebench $PY "$TOP/bench/session.py" "$p" "$SN" 1 0 >/dev/null
		c1=$(cat "$g/cpuacct.usage")
		us=$(( (c1 - c0) / SN / 1000 ))
		if [ $mode = bin ]; then a="$a $us"; else b="$b $us"; fi
	done
done
echo "pem: LOGIN session (TLS, LOGIN, PROOF, QUIT), P-256, server CPU: with tls.bin median $(echo $a | median) us [$a ], PEM decoded median $(echo $b | median) us [$b ]"
