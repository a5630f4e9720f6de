#!/bin/sh
# make bench: RUNE's figures beside the floor of ../shared/bench-peers,
# measured in one run on this machine.  Never a test: nothing here fails
# on a figure.  Usage: sh bench/run.sh BUILD_DIR
# Env: N (sessions per run, default 300), REPS (default 3),
#      PEERS (default ../shared/bench-peers), POSTFIX=1 to run 2a too,
#      DOVECOT=1 to run 2b too (both install their server when root).
set -u
B=${1:?usage: run.sh BUILD_DIR}
TOP=$(cd "$(dirname "$0")/.." && pwd)
PEERS=${PEERS:-$TOP/../shared/bench-peers}
N=${N:-300}
REPS=${REPS:-3}
W=$(mktemp -d /tmp/rune-bench.XXXXXX)
PY=/usr/bin/python3
CG=/sys/fs/cgroup/cpuacct
trap 'kill $spid 2>/dev/null; rmdir "$CG"/runebench-* 2>/dev/null; rm -rf "$W"' EXIT
export RUNE_ALLOW_ROOT=1

. "$TOP/bench/lib.sh"
cg_new() { d=$CG/runebench-$1-$$; mkdir -p "$d" 2>/dev/null && echo "$d" || echo ""; }
cg_ns() { [ -n "$1" ] && cat "$1/cpuacct.usage" || echo 0; }
# serve CGROUP CMD...: runs CMD in the background inside CGROUP
serve() { g=$1; shift; sh -c '[ -n "$0" ] && echo $$ > "$0/cgroup.procs"; exec "$@"' "$g" "$@" & spid=$!; }

echo "== make bench $(date -u +%FT%TZ) on $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

# 1. the floor: tcpserver -D + BearSSL handshake + one request/reply
if make -C "$PEERS" >/dev/null 2>&1 && [ -x "$PEERS/bin/brtls" ]; then
	sh "$PEERS/mkcert.sh" "$W/tls" >/dev/null 2>&1
	g=$(cg_new floor); p=$(port)
	serve "$g" tcpserver -D -HRl0 -c 200 127.0.0.1 "$p" "$PEERS/bin/brtls" server "$W/tls/cert.der" "$W/tls/key.der" default
	waitport "$p"
	"$PEERS/bin/brtls" client 127.0.0.1 "$p" 50 1 "$W/tls/cert.der" default >/dev/null
	for procs in 1 2; do
		cpu= rate=
		for r in $(seq "$REPS"); do
			c0=$(cg_ns "$g")
			out=$("$PEERS/bin/brtls" client 127.0.0.1 "$p" "$N" "$procs" "$W/tls/cert.der" default)
			c1=$(cg_ns "$g")
			cpu="$cpu $(( (c1 - c0) / N / 1000 ))"
			rate="$rate $(echo "$out" | sed -n 's/.*rate=\([0-9.]*\).*/\1/p')"
		done
		echo "floor tcpserver+brtls ($procs client): server CPU per session median $(echo $cpu | median) us [$cpu ]; sessions/s median $(echo $rate | median) [$rate ]"
		[ $procs = 1 ] && FLOOR=$(echo $cpu | median)
	done
	kill $spid; wait $spid 2>/dev/null
else
	echo "floor: $PEERS not built (needs its Makefile's packages); skipped"
	FLOOR=
fi

# 2. RUNE: TLS + LOGIN + SEND 4 KiB (fsync) + QUIT under tcpserver
"$B/rune-admin" init "$W/root" runebench --registration free >/dev/null || exit 1
# the quotas in control/: rune-store reads its settings there only
echo 1000000 >"$W/root/control/quota_messages"
echo 100000000000 >"$W/root/control/quota_bytes"
g=$(cg_new rune); p=$(port)
# the environment is tcpserver's, as a run script's envdir gives it: no
# exec of env(1) per connection
serve "$g" env RUNE_ROOT="$W/root" RUNE_BINDIR="$B" RUNE_ALLOW_ROOT=1 \
    tcpserver -D -HRl0 -c 200 127.0.0.1 "$p" "$B/rune-session" 2>"$W/log"
waitport "$p"
DOMAIN=runebench $PY "$TOP/bench/session.py" "$p" 0 1
DOMAIN=runebench $PY "$TOP/bench/session.py" "$p" 20 1 >/dev/null
for procs in 1 2; do
	cpu= rate=
	for r in $(seq "$REPS"); do
		c0=$(cg_ns "$g")
		out=$(DOMAIN=runebench $PY "$TOP/bench/session.py" "$p" "$N" "$procs" 4096)
		c1=$(cg_ns "$g")
		cpu="$cpu $(( (c1 - c0) / N / 1000 ))"
		rate="$rate $(echo "$out" | sed -n 's/.*rate=\([0-9.]*\).*/\1/p')"
	done
	echo "rune full session ($procs client): server CPU per session median $(echo $cpu | median) us [$cpu ]; sessions/s median $(echo $rate | median) [$rate ]"
	[ $procs = 1 ] && RUNE=$(echo $cpu | median)
done
[ -n "$FLOOR" ] && echo "rune / floor server CPU ratio (1 client): $(echo "scale=2; $RUNE / $FLOOR" | bc) (target <= 1.15)"
# the same sessions with the rune-store daemon (doc/design.md, "Process
# layout") in the same cgroup: its CPU counts, its exec per session goes
tpid=$spid
serve "$g" env RUNE_ROOT="$W/root" RUNE_ALLOW_ROOT=1 \
    RUNE_QUOTA_MESSAGES=1000000 RUNE_QUOTA_BYTES=100000000000 \
    "$B/rune-store" daemon 2 2>>"$W/log"
dpid=$spid spid=$tpid
for i in $(seq 100); do [ -S "$W/root/store/socket" ] && break; sleep 0.05; done
DOMAIN=runebench $PY "$TOP/bench/session.py" "$p" 20 1 >/dev/null
cpu= rate=
for r in $(seq "$REPS"); do
	c0=$(cg_ns "$g")
	out=$(DOMAIN=runebench $PY "$TOP/bench/session.py" "$p" "$N" 1 4096)
	c1=$(cg_ns "$g")
	cpu="$cpu $(( (c1 - c0) / N / 1000 ))"
	rate="$rate $(echo "$out" | sed -n 's/.*rate=\([0-9.]*\).*/\1/p')"
done
RUNED=$(echo $cpu | median)
echo "rune full session, rune-store daemon (1 client): server CPU per session median $RUNED us [$cpu ]; sessions/s median $(echo $rate | median) [$rate ]"
echo "rune with daemon / without (1 client): $(echo "scale=2; $RUNED / $RUNE" | bc)"
[ -n "$FLOOR" ] && echo "rune with daemon / floor server CPU ratio (1 client): $(echo "scale=2; $RUNED / $FLOOR" | bc) (target <= 1.15)"
# 100 concurrent clients sending and reading for a minute (LOAD_SECS),
# the store daemon running: failures, throughput, p50/p99 latency
out=$(DOMAIN=runebench $PY "$TOP/bench/load.py" "$p" 100 "${LOAD_SECS:-60}")
echo "rune under load, 100 concurrent clients, ${LOAD_SECS:-60} s: $out"
# a retrieval session (TLS, LOGIN, LIST, RETRIEVE 4 KiB, DELETE, QUIT)
# of a mailbox holding that one message, as Dovecot's peer fetches one:
# each after an uncounted SEND session that puts it there (needs the
# cgroup)
RUNER=
if [ -n "$g" ]; then
	cpu=
	for r in $(seq "$REPS"); do
		out=$(CG=$g MODE=retrieve DOMAIN=runebench $PY "$TOP/bench/session.py" "$p" "$N" 1)
		ns=$(echo "$out" | sed -n 's/.*server_ns=\([0-9]*\).*/\1/p')
		cpu="$cpu $(( ns / N / 1000 ))"
	done
	RUNER=$(echo $cpu | median)
	echo "rune retrieval session (1 client, a mailbox of one message): server CPU per session median $RUNER us [$cpu ]"
else
	echo "rune retrieval session: needs a cpuacct cgroup; skipped"
fi
sleep 1
rss4=$(grep -o 'rss_kb=[0-9]*' "$W/log" | tail -1 | cut -d= -f2)
echo "rune-session peak RSS, 4 KiB message: $rss4 KiB (target <= 2048)"
# peak RSS of a MAXSIZE (10 MiB) message: the session that takes it, the
# daemon's workers (VmHWM: their peak over every session above), and a
# rune-store started for one put of it (target <= 4096 KiB each)
DOMAIN=runebench $PY "$TOP/bench/session.py" "$p" 1 1 10485760 >/dev/null
sleep 1		# the session's last log line comes after its QUIT
rss10=$(grep -o 'rss_kb=[0-9]*' "$W/log" | tail -1 | cut -d= -f2)
echo "rune-session peak RSS, 10 MiB message: $rss10 KiB (target <= 4096)"
for w in $(ps -o pid= --ppid "$dpid"); do
	echo "rune-store daemon worker $w peak RSS (VmHWM): $(sed -n 's/^VmHWM: *//p' /proc/$w/status)"
done
kill $dpid; wait $dpid 2>/dev/null
$PY -c "
import os, sys
sys.stdout.buffer.write(b'put bob@runebench 10485982\n' + os.urandom(10485982))" >"$W/put10"
/usr/bin/time -f '%M' -o "$W/rss" env RUNE_ROOT="$W/root" "$B/rune-store" <"$W/put10" >/dev/null
echo "rune-store (one process, one put of 10 MiB + 222) peak RSS: $(cat "$W/rss") KiB (target <= 4096)"
rm -f "$W/put10"
# LIST over TLS of a mailbox of 10,000 messages (carol's, filled by
# rune-store directly: 10,000 fsynced puts)
$PY - "$p" "$TOP" <<'PY'
import sys; sys.path.insert(0, sys.argv[2] + "/t/lib"); import talk
s = talk.Session(int(sys.argv[1]))
code, t = s.register("carol@runebench", bytes(range(2, 34)))
assert code == 210, (code, t)
PY
m=carol@runebench
$PY -c "
import os, sys
blob = os.urandom(1294)
out = sys.stdout.buffer
for i in range(10000):
    out.write(b'put $m 1294\n' + blob[:-4] + i.to_bytes(4, 'big'))
" | RUNE_ROOT="$W/root" "$B/rune-store" >/dev/null
echo "rune LIST of 10,000 messages over TLS: $($PY "$TOP/bench/list.py" "$p" carol@runebench 02030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f2021 5)"
kill $spid; wait $spid 2>/dev/null

# 3. LOGIN over TLS (TLS + LOGIN + PROOF + QUIT) with 100 and with
#    1,000,000 addresses in the table: server CPU per session
for size in 100 1000000; do
	"$B/rune-admin" init "$W/l$size" runebench --registration free >/dev/null || exit 1
	awk -v n="$size" 'BEGIN { for (i = 0; i < n; i++)
	    printf "pre%07d@runebench ed25519:Kay64UG8yvCyLhqU000LxzYeUm0L/hLIl5S8kyKWbdc=\n", i }' |
	    RUNE_ROOT="$W/l$size" "$B/rune-keys" load || exit 1
	g=$(cg_new login$size); p=$(port)
	serve "$g" env RUNE_ROOT="$W/l$size" RUNE_BINDIR="$B" RUNE_ALLOW_ROOT=1 \
	    tcpserver -D -HRl0 -c 200 127.0.0.1 "$p" "$B/rune-session" 2>/dev/null
	waitport "$p"
	DOMAIN=runebench $PY "$TOP/bench/session.py" "$p" 0 1
	DOMAIN=runebench $PY "$TOP/bench/session.py" "$p" 20 1 0 >/dev/null
	cpu=
	for r in $(seq "$REPS"); do
		c0=$(cg_ns "$g")
		DOMAIN=runebench $PY "$TOP/bench/session.py" "$p" "$N" 1 0 >/dev/null
		c1=$(cg_ns "$g")
		cpu="$cpu $(( (c1 - c0) / N / 1000 ))"
	done
	echo "rune LOGIN session at $size addresses: server CPU per session median $(echo $cpu | median) us [$cpu ]"
	eval "L$size=$(echo $cpu | median)"
	kill $spid; wait $spid 2>/dev/null
done
echo "LOGIN at 1,000,000 / at 100: $(echo "scale=2; $L1000000 / $L100" | bc) (target <= 1.2)"

# 4. the key table and the store at scale (their own scripts)
[ -f "$TOP/bench/keys.sh" ] && sh "$TOP/bench/keys.sh" "$B"
[ -f "$TOP/bench/store.sh" ] && sh "$TOP/bench/store.sh" "$B"
# protocol v2's PREKEYS: a v2 SEND session beside a v1 one, and PREKEY
[ -f "$TOP/bench/v2.sh" ] && sh "$TOP/bench/v2.sh" "$B"
# peak RSS at MAXSIZE: v1 and v2 SEND, RETRIEVE, the client's send and fetch
[ -f "$TOP/bench/rss.sh" ] && sh "$TOP/bench/rss.sh" "$B"
# the TLS pair per session: PEM decoded against tls/tls.bin
[ -f "$TOP/bench/pem.sh" ] && sh "$TOP/bench/pem.sh" "$B"
# ANONSEND: an anonymous SEND session against an identified v2 one
[ -f "$TOP/bench/anon.sh" ] && sh "$TOP/bench/anon.sh" "$B"

# 4b. the token writer of ANONSEND (rune-keys daemon): TOKENS of 16 and
# REDEEM, the writer's CPU per request (bench/tokens.py)
"$B/rune-admin" init "$W/tok" benchdom --registration both >/dev/null 2>&1 &&
    echo 200 >"$W/tok/control/prekeys" &&
    echo "16 1000 7" >"$W/tok/control/anonsend" &&
    echo 1000000 >"$W/tok/control/anoncap" &&
    echo 0 >"$W/tok/control/anonwait" &&
    TOKEN_N=${TOKEN_N:-200} $PY "$TOP/bench/tokens.py" "$W/tok" "$B"
# what one rune-keys connection a session saves the daemon (keysc.c)
"$B/rune-admin" init "$W/kc" benchdom --registration both >/dev/null 2>&1 &&
    echo 200 >"$W/kc/control/prekeys" &&
    echo "16 1000 7" >"$W/kc/control/anonsend" &&
    echo 1000000 >"$W/kc/control/anoncap" &&
    echo 0 >"$W/kc/control/anonwait" &&
    echo 1000000 >"$W/kc/control/prekey_perhour" &&
    echo 1000000 >"$W/kc/control/prekey_perday" &&
    KEYSCONN_N=${KEYSCONN_N:-200} $PY "$TOP/bench/keysconn.py" "$W/kc" "$B"

# 5. Postfix, the peer an admin would pick (installs postfix: opt in)
if [ "${POSTFIX:-0}" = 1 ]; then
	if [ ! -x /usr/lib/postfix/sbin/master ] && [ "$(id -u)" = 0 ]; then
		echo "postfix postfix/main_mailer_type select No configuration" |
		    debconf-set-selections
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		    --no-install-recommends postfix libssl-dev >/dev/null
	fi
	N=400 bash "$PEERS/2a-postfix.sh" 2>&1 | grep '^2a' | tee "$W/2a"
	PF=$(sed -n 's/^2a postfix server CPU per message.*1 client proc(s): median \([0-9.]*\).*/\1/p' "$W/2a" | head -1)
	[ -n "$PF" ] && echo "rune (with the daemon) / postfix server CPU per message: $(echo "scale=2; $RUNED / $PF" | bc) (target <= 1.0; 0.8 the stretch)"
else
	echo "postfix: POSTFIX=1 runs ../shared/bench-peers/2a-postfix.sh (installs postfix)"
fi

# 6. Dovecot, the retrieval peer (installs dovecot-imapd: opt in); the
#    tuned variant (long-lived login processes, imap reuse)
if [ "${DOVECOT:-0}" = 1 ]; then
	if ! command -v dovecot >/dev/null && [ "$(id -u)" = 0 ]; then
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		    --no-install-recommends dovecot-imapd libssl-dev >/dev/null
	fi
	N=150 VARIANTS=${DOVECOT_VARIANTS:-reuse:CRYPT} bash "$PEERS/2b-dovecot.sh" 2>&1 | grep '^2b' | tee "$W/2b"
	DV=$(sed -n 's/^2b dovecot server CPU per session.*1 client proc(s): median \([0-9.]*\).*/\1/p' "$W/2b" | head -1)
	[ -n "$DV" ] && [ -n "$RUNER" ] && echo "rune retrieval / dovecot (tuned) server CPU per session: $(echo "scale=2; $RUNER / $DV" | bc) (target <= 0.5)"
else
	echo "dovecot: DOVECOT=1 runs ../shared/bench-peers/2b-dovecot.sh (installs dovecot-imapd)"
fi

# 7. group commit: concurrent puts into one directory sharing its fsync
mkdir -p "$W/gc" && $PY "$TOP/bench/groupcommit.py" "$W/gc" 200 1 2 4 8
