#!/bin/sh
# anon.sh BUILD_DIR: protocol v2's anonymous SEND session against an
# identified one, measured in one run (run.sh calls it; never a test):
# server CPU per session (tcpserver, the sessions and both daemons in one
# cpuacct cgroup) of
#   anonymous: fresh TLS, REDEEM, PREKEY, SEND 4 KiB 2, QUIT (bench/anon.py)
#   identified: TLS, LOGIN, PREKEY, SEND 4 KiB 2, QUIT (bench/session.py V2=1)
# and their ratio; then a LOGIN + TOKENS + PREKEY session (two rune-keys
# requests that need the login: one connection and one login check a
# session since keysc.c).  The tokens the anonymous sessions spend are
# fetched beforehand, uncounted.  Env: N (default 300), REPS (default 3).
set -u
B=${1:?usage: anon.sh BUILD_DIR}
TOP=$(cd "$(dirname "$0")/.." && pwd)
N=${N:-300}
REPS=${REPS:-3}
PY=/usr/bin/python3
. "$TOP/bench/lib.sh"
v2_setup anon
echo "16 1000 7" >"$c/anonsend"; echo 1000000 >"$c/anoncap"
echo 0 >"$c/anonwait"
v2_serve
need=$(( (N * REPS + 20) * 2 ))
[ $need -gt 10000 ] && need=10000
PYTHONPATH=$TOP/t/lib UPLOAD=$need DOMAIN=runebench $PY "$TOP/bench/session.py" "$p" 0 1 ||
    { echo "anon: setup failed"; exit 1; }
DOMAIN=runebench $PY "$TOP/bench/anon.py" "$p" tokens $((N * REPS + 20)) "$W/toks" >/dev/null ||
    { echo "anon: tokens failed"; exit 1; }
# the CPU of rune-keys daemon's workers, ns (schedstat: on-CPU time)
keys_ns() {
	t=0
	for w in $(pgrep -P "$kpid"); do
		t=$((t + $(cut -d' ' -f1 "/proc/$w/schedstat" 2>/dev/null || echo 0)))
	done
	echo $t
}
# run NAME CMD...: server CPU per session, median of REPS runs of N; and
# the rune-keys daemon's part of it
run() {
	name=$1; shift
	"$@" 20 >/dev/null || { echo "anon bench, $name: failed"; return 1; }
	cpu= kcpu=
	for r in $(seq "$REPS"); do
		c0=$(cg_ns); k0=$(keys_ns)
		"$@" "$N" >/dev/null || { echo "anon bench, $name: failed"; return 1; }
		c1=$(cg_ns); k1=$(keys_ns)
		cpu="$cpu $(( (c1 - c0) / N / 1000 ))"
		kcpu="$kcpu $(( (k1 - k0) / N / 1000 ))"
	done
	m=$(echo $cpu | median)
	km=$(echo $kcpu | median)
	echo "anon bench, $name: server CPU per session median $m us [$cpu ]; rune-keys daemon's part $km us [$kcpu ]"
}
anon() { DOMAIN=runebench $PY "$TOP/bench/anon.py" "$p" anon "$1" "$W/toks"; }
ident() { V2=1 DOMAIN=runebench $PY "$TOP/bench/session.py" "$p" "$1" 1 4096; }
tokpk() { DOMAIN=runebench $PY "$TOP/bench/anon.py" "$p" tokprekey "$1"; }
run "anonymous SEND session (TLS, REDEEM, PREKEY, SEND 4 KiB 2)" anon; AN=$m
run "identified v2 SEND session (TLS, LOGIN, PREKEY, SEND 4 KiB 2)" ident; ID=$m
run "LOGIN + TOKENS of 16 + PREKEY" tokpk
[ -n "$g" ] || echo "anon bench: no cpuacct cgroup: the figures above are 0"
[ "$ID" -gt 0 ] 2>/dev/null &&
	echo "anonymous / identified v2 SEND session, server CPU: $(echo "scale=2; $AN / $ID" | bc)"
