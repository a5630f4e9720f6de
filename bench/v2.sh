#!/bin/sh
# v2.sh BUILD_DIR: protocol v2's PREKEYS beside v1, measured in one run
# (run.sh calls it): server CPU per session (tcpserver, the sessions and
# both daemons in one cpuacct cgroup) of a v1 SEND session (TLS + LOGIN +
# SEND 4 KiB + QUIT), a v2 one (TLS + LOGIN + PREKEY + SEND 4 KiB ... 2 +
# QUIT), LOGIN alone and LOGIN + PREKEY, the last also with no rune-keys
# daemon (an exec of rune-keys prekeys per session).  Never a test.
# Env: N (default 300), REPS (default 3).
set -u
B=${1:?usage: v2.sh BUILD_DIR}
TOP=$(cd "$(dirname "$0")/.." && pwd)
N=${N:-300}
REPS=${REPS:-3}
PY=/usr/bin/python3
. "$TOP/bench/lib.sh"
v2_setup v2
v2_serve
# one-time prekeys enough for every PREKEY below; then L only, which costs
# the same minus a file write: so PREKEY here is the dearer kind
need=$(( (N * REPS + 20) * 4 ))
[ $need -gt 10000 ] && need=10000
PYTHONPATH=$TOP/t/lib UPLOAD=$need DOMAIN=runebench $PY "$TOP/bench/session.py" "$p" 0 1 ||
    { echo "v2: setup failed"; exit 1; }
# measure NAME V2 SIZE: server CPU per session, median of REPS runs of N
measure() {
	V2=$2 DOMAIN=runebench $PY "$TOP/bench/session.py" "$p" 20 1 "$3" >/dev/null
	cpu=
	for r in $(seq "$REPS"); do
		c0=$(cg_ns)
		V2=$2 DOMAIN=runebench $PY "$TOP/bench/session.py" "$p" "$N" 1 "$3" >/dev/null
		c1=$(cg_ns)
		cpu="$cpu $(( (c1 - c0) / N / 1000 ))"
	done
	m=$(echo $cpu | median)
	echo "v2 bench, $1: server CPU per session median $m us [$cpu ]"
}
measure "v1 SEND session (4 KiB)" 0 4096; V1=$m
measure "v2 SEND session (PREKEY + SEND 4 KiB 2)" 1 4096; V2S=$m
measure "LOGIN alone" 0 0; LG=$m
measure "LOGIN + PREKEY (rune-keys daemon)" 1 0; LP=$m
kill "$kpid"; wait "$kpid" 2>/dev/null
measure "LOGIN + PREKEY (exec of rune-keys prekeys)" 1 0; LPX=$m
[ -n "$g" ] || echo "v2 bench: no cpuacct cgroup: the figures above are 0"
[ "$V1" -gt 0 ] 2>/dev/null && [ "$LG" -gt 0 ] && {
	echo "v2 SEND session / v1 SEND session: $(echo "scale=2; $V2S / $V1" | bc)"
	echo "PREKEY's cost (daemon): $((LP - LG)) us; (exec): $((LPX - LG)) us"
}
