#!/bin/sh
# A daemontools service directory (run, env/, log/run) under supervise:
# tcpserver runs rune-session, multilog keeps the log; a session works,
# the log holds the session's lines and no client address, and
# svc -dx stops it all cleanly.  s6-supervise runs the same directory.
. t/lib/harness.sh
for p in supervise svc svok multilog envdir softlimit; do
	command -v $p >/dev/null || {
		echo "1..0 # SKIP $p not installed (package daemontools)"
		exit 0
	}
done
h_domain
PORT=$(h_free_port)
S=$H/svc
# ASan reserves terabytes of address space: no softlimit under it
LIMIT="softlimit -m 64000000"
[ -n "$RUNE_SAN" ] && LIMIT=
mkdir -p "$S/env" "$S/log" &&
    printf '%s\n' "$RUNE_ROOT" >"$S/env/RUNE_ROOT" &&
    printf '%s\n' "$RUNE_BINDIR" >"$S/env/RUNE_BINDIR" &&
    printf '1\n' >"$S/env/RUNE_ALLOW_ROOT" &&
    printf '%s\n' '#!/bin/sh' 'exec 2>&1' \
    "exec envdir ./env $LIMIT \\" \
    "	tcpserver -c 100 -D -R -H -l 0 127.0.0.1 $PORT \\" \
    "	$RUNE_BUILD/rune-session" >"$S/run" &&
    printf '#!/bin/sh\nexec multilog t ./main\n' >"$S/log/run" &&
    chmod 755 "$S/run" "$S/log/run"
ok $? "a service directory: run, env/, log/run"

# polls (bounded: 20 s) until "$@" succeeds
poll() {
	i=0
	while [ $i -lt 400 ]; do
		"$@" && return 0
		i=$((i + 1))
		sleep 0.05
	done
	return 1
}
# 0 when nothing listens on port $1
port_closed() {
	/usr/bin/python3 -c 'import socket, sys
s = socket.socket()
sys.exit(s.connect_ex(("127.0.0.1", int(sys.argv[1]))) == 0)' "$1"
}

# on any exit, nothing left running (svc and s6-svc both speak to a
# supervise/control fifo)
trap 'svc -dx "$S" "$S/log" 2>/dev/null; h_cleanup' EXIT
# what svscan does for a service with a log/: one pipe between the two
(supervise "$S" | supervise "$S/log") 2>>"$H/sup.err" &
sup=$!
h_wait_port "$PORT"
ok $? "supervise started tcpserver" || diag "$H/sup.err"

out=$(talk CAPABILITIES QUIT | sed -n '1p;$p')
is "$out" "HOWDY welcome to runetest
221 bye" "a session through the supervised tcpserver"
out=$(talk "KEY alice@runetest" NOOP QUIT | tail -n 1)
is "$out" "221 bye" "a second session"
svok "$S" && svok "$S/log"
ok $? "svok: both supervised"

svc -dx "$S" && svc -dx "$S/log"
ok $? "svc -dx both"
poll eval '! kill -0 $sup 2>/dev/null'
ok $? "both supervise processes exited"
wait $sup
! svok "$S" 2>/dev/null && ! svok "$S/log" 2>/dev/null
ok $? "svok: neither supervised"
port_closed "$PORT"
ok $? "tcpserver is gone"

L=$S/log/main/current
grep -q 'rune-session: info: sid=[0-9a-f]* event=connect' "$L" &&
    grep -q 'event=end' "$L"
ok $? "multilog kept rune-session's lines" || diag "$S/log/main/current"
[ "$(grep -c '^@[0-9a-f]\{24\} ' "$L")" = "$(wc -l <"$L")" ]
ok $? "every line has a tai64n stamp"
! grep -q '127\.0\.0\.1' "$L" && ! grep -q "$PORT" "$L"
ok $? "no client address or port in the log" || diag "$L"

# the same directory under s6-supervise
if command -v s6-supervise >/dev/null && command -v s6-svc >/dev/null; then
	rm -rf "$S/supervise" "$S/log/supervise"
	(s6-supervise "$S" | s6-supervise "$S/log") 2>>"$H/sup.err" &
	sup=$!
	h_wait_port "$PORT"
	ok $? "s6-supervise started tcpserver" || diag "$H/sup.err"
	out=$(talk NOOP QUIT | tail -n 1)
	is "$out" "221 bye" "a session under s6-supervise"
	s6-svc -xd "$S" && s6-svc -xd "$S/log"
	ok $? "s6-svc -xd both"
	poll eval '! kill -0 $sup 2>/dev/null'
	ok $? "s6-supervise exited"
	wait $sup
	port_closed "$PORT"
	ok $? "tcpserver is gone"
else
	echo "# s6 not installed: s6-supervise not tried"
fi
done_testing
