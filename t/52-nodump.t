#!/bin/sh
# Every program that holds a secret turns core files and ptrace off first
# thing (lib/nodump.c, doc/privsep.md): rune-session, rune-keys,
# rune-store, rune-admin and the client rune.  Each is caught while it
# waits (for a TLS client, for stdin, for openssl, for a server) and
# /proc shows its core limit (0, soft and hard) and whether it is
# dumpable: /proc/PID/status belongs to root when it is not.  That needs the
# program to run as a uid other than root: as root the test runs them as
# nobody (setpriv); otherwise as the user running the test.
. t/lib/harness.sh
pids=
trap 'for p in $pids; do kill $p 2>/dev/null; done; h_cleanup' EXIT

if [ "$(id -u)" = 0 ]; then
	command -v setpriv >/dev/null || {
		echo "1..0 # SKIP as root, setpriv is needed to run as nobody"
		exit 0
	}
	U=65534
	AS="setpriv --reuid=$U --regid=$U --clear-groups"
else
	U=$(id -u)
	AS=
fi
# a core limit for the programs to lower (the old code kept this one)
ulimit -c unlimited 2>/dev/null || ulimit -S -c "$(ulimit -H -c)"
if [ "$(ulimit -c)" = 0 ]; then
	echo "1..0 # SKIP the hard core limit is 0 already: nothing to lower"
	exit 0
fi

chmod 755 "$H"
h_domain
[ "$U" = "$(id -u)" ] || chown -R "$U:$U" "$RUNE_ROOT"
mkfifo "$H/fifo" && exec 3<>"$H/fifo"
unset RUNE_ALLOW_ROOT

# caught NAME PID: waits (bounded) until PID runs NAME, then checks it
caught() {
	i=0
	while [ "$(cut -d' ' -f2 "/proc/$2/stat" 2>/dev/null)" != "($1)" ]; do
		i=$((i + 1))
		if [ $i -gt 400 ] || ! kill -0 "$2" 2>/dev/null; then
			ok 1 "$1 started and waits"
			ok 1 "$1: no core file"
			ok 1 "$1: not dumpable"
			return
		fi
		sleep 0.05
	done
	ok 0 "$1 started and waits"
	# it may still be before nodump(): give it a moment to get there
	sleep 0.2
	is "$(awk '/^Max core file size/ { print $5, $6 }' "/proc/$2/limits")" \
	    "0 0" "$1: no core file (RLIMIT_CORE 0, soft and hard)"
	is "$(stat -c %u "/proc/$2/status")" 0 \
	    "$1: not dumpable (/proc/PID/status is root's, not uid $U's)"
}

# stop PID: ends it and waits for it
stop() {
	kill "$1" 2>/dev/null
	wait "$1" 2>/dev/null
}

# rune-session: waits for the client's TLS hello on stdin
$AS env RUNE_ROOT="$RUNE_ROOT" "$RUNE_BUILD/rune-session" <"$H/fifo" \
    >/dev/null 2>>"$H/err" &
p=$!; pids="$pids $p"
caught rune-session $p
stop $p

# rune-keys register: waits for the key on stdin
$AS env RUNE_ROOT="$RUNE_ROOT" "$RUNE_BUILD/rune-keys" register \
    ann@runetest <"$H/fifo" >/dev/null 2>>"$H/err" &
p=$!; pids="$pids $p"
caught rune-keys $p
stop $p

# rune-store: waits for a request on stdin
$AS env RUNE_ROOT="$RUNE_ROOT" "$RUNE_BUILD/rune-store" <"$H/fifo" \
    >/dev/null 2>>"$H/err" &
p=$!; pids="$pids $p"
caught rune-store $p
stop $p

# rune-admin init: waits for openssl (a script that sleeps, and says
# where it is so that it can be stopped)
mkdir -m 755 "$H/adm" && chown "$U" "$H/adm"
printf '#!/bin/sh\necho $$ >%s/slow.pid\nexec sleep 30\n' "$H/adm" \
    >"$H/slow" && chmod 755 "$H/slow"
$AS env RUNE_OPENSSL="$H/slow" "$RUNE_BUILD/rune-admin" init \
    "$H/adm/root" runetest >/dev/null 2>>"$H/err" &
p=$!; pids="$pids $p"
caught rune-admin $p
i=0
while [ ! -s "$H/adm/slow.pid" ] && [ $i -lt 100 ]; do
	i=$((i + 1))
	sleep 0.05
done
[ -s "$H/adm/slow.pid" ] && pids="$pids $(cat "$H/adm/slow.pid")"
stop $p

# rune: waits for a server that accepts the connection and says nothing
PORT=$(h_free_port)
/usr/bin/python3 -c '
import socket, sys, time
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1])))
s.listen(5)
time.sleep(60)' "$PORT" &
mute=$!; pids="$pids $mute"
h_wait_port "$PORT"
mkdir -m 700 "$H/home" && chown "$U" "$H/home"
$AS "$RUNE_BUILD/rune" --home "$H/home" --server "127.0.0.1:$PORT" \
    capabilities >/dev/null 2>>"$H/err" &
p=$!; pids="$pids $p"
caught rune $p
stop $p
stop $mute
done_testing
