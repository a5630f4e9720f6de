#!/bin/sh
# rune-session started by systemd's socket activation in inetd mode (one
# process a connection, the socket on fds 0 and 1, as rune.socket with
# Accept=yes does): greeting, CAPABILITIES, QUIT.
. t/lib/harness.sh
SA=$(command -v systemd-socket-activate)
if [ -z "$SA" ]; then
	echo "1..0 # SKIP systemd-socket-activate not installed (package systemd)"
	exit 0
fi
h_domain
PORT=$(h_free_port)
# in a process group of its own, as h_start does, for h_stop to end
setsid "$SA" --inetd -a -l "127.0.0.1:$PORT" \
    env RUNE_ROOT="$RUNE_ROOT" RUNE_BINDIR="$RUNE_BINDIR" \
    RUNE_ALLOW_ROOT=1 "$RUNE_BUILD/rune-session" 2>>"$H/log" &
h_pid=$!
h_wait_port "$PORT"
ok $? "systemd-socket-activate listens"

out=$(talk CAPABILITIES QUIT)
is "$out" "HOWDY welcome to runetest
250-RUNE 1
250-DOMAIN runetest
250-REGISTER
250-REGISTER_INVITATION
250-MAXSIZE 10485760
250 ok
221 bye" "greeting, CAPABILITIES, QUIT over socket activation"

out=$(talk NOOP QUIT | tail -n 2)
is "$out" "250 ok
221 bye" "a second connection gets a fresh session"
grep -q 'rune-session: info: sid=[0-9a-f]* event=' "$H/log"
ok $? "the session logs key=value lines on stderr" || diag "$H/log"
# systemd-socket-activate itself prints "Connection from ADDRESS": a
# tool for trying socket activation, not for production (doc/privsep.md)
grep '^rune-session:' "$H/log" >"$H/slog"
[ -s "$H/slog" ] && ! grep -q '127\.0\.0\.1' "$H/slog"
ok $? "no client address in rune-session's lines" || diag "$H/slog"
done_testing
