# harness.sh: sourced by the integration tests (t/2*.t and others).
# Gives a scratch directory, a domain, a tcpserver on a free loopback
# port running rune-session, TAP helpers, and cleanup on exit.
# Nothing a test starts outlives it: the test runs as the leader of a
# process group of its own (re-executed under setsid when it is not one),
# tcpserver in another (setsid); on exit, failure or a signal h_cleanup
# ends both groups.  Source it first, before the test does anything.
#
#   . t/lib/harness.sh
#   h_domain [init options]     make $H/root (domain "runetest")
#   h_start [VAR=value ...]     start tcpserver; sets $PORT
#   h_stop                      stop it: tcpserver and every session and
#                               helper it started (its process group)
#   ok COND-EXIT-CODE NAME      (use: cmd; ok $? "name")
#   done_testing                last: the plan, and the exit status

# the test's own process group, so that h_cleanup can end whatever the
# test started in the background without touching prove or make
if [ "$(sed 's/.*) //' /proc/$$/stat | cut -d' ' -f3)" != $$ ]; then
	[ -z "$H_REEXEC" ] || { echo "Bail out! harness: setsid did not" \
	    "make a process group"; exit 1; }
	H_REEXEC=1 exec setsid "$0" "$@"
fi
unset H_REEXEC
: "${RUNE_BUILD:=$PWD/build}"
export RUNE_BUILD
H=$(mktemp -d "${TMPDIR:-/tmp}/rune-test.XXXXXX") || exit 1
export RUNE_BINDIR=$RUNE_BUILD
export RUNE_ALLOW_ROOT=1
# the client's default home (and every tool's ~) is the test's own: a
# `rune` without --home never reads or writes the user's ~/.rune, whose
# pins of 127.0.0.1:PORT from an earlier test, or from a test running at
# the same time, made t/45's first rune see a "changed" key
mkdir -m 700 "$H/userhome" || exit 1
export HOME=$H/userhome
unset RUNE_HOME
TALK="/usr/bin/python3 $PWD/t/lib/talk.py"
h_n=0
h_fail=0
h_pid=

# h_alive SID: 0 while a process of session SID (tcpserver's, see h_start)
# lives; zombies do not count
h_alive() {
	ps -o stat= -s "$1" 2>/dev/null | grep -q '^[^Z]'
}

h_cleanup() {
	h_stop
	# the rest of the test's own group (background clients, helpers):
	# everything but this shell, which ignores the TERM
	trap '' TERM
	kill -TERM "-$$" 2>/dev/null
	[ -n "$KEEP" ] || rm -rf "$H"
}
trap h_cleanup EXIT
trap 'exit 1' HUP INT TERM

# ok STATUS NAME: one TAP line; returns non-zero when it is "not ok", so
# that "ok $? NAME || diag FILE" shows FILE and "|| exit 1" stops
ok() {
	h_n=$((h_n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $h_n - $2"
	else
		h_fail=$((h_fail + 1))
		echo "not ok $h_n - $2"
		return 1
	fi
}
# is GOT WANT NAME
is() {
	if [ "$1" = "$2" ]; then ok 0 "$3"; else
		ok 1 "$3"
		# on stderr too, so that a CI log (prove without -v) shows it
		printf '# got:  %s\n# want: %s\n' "$1" "$2" | sed 's/^/# /' |
		    tee /dev/stderr
	fi
}
# diag FILE: show a file as TAP comments, on stderr, so that prove shows
# them without -v too (a CI log)
diag() { sed 's/^/# /' "$1" >&2; }
# done_testing: the sanitizers' reports in the session log fail the test;
# then the plan, and the exit status
done_testing() {
	if [ -f "$H/log" ]; then
		! grep -q -e 'Sanitizer' -e 'runtime error:' -e 'LeakSanitizer' "$H/log"
		ok $? "no sanitizer report in the session log"
		grep -e 'Sanitizer' -e 'runtime error:' -A20 "$H/log" | sed 's/^/# /' | head -40
	fi
	echo "1..$h_n"
	[ $h_fail = 0 ]
	exit $?
}

h_domain() {
	"$RUNE_BUILD/rune-admin" init "$H/root" runetest \
	    --registration both "$@" >"$H/init.out" 2>&1 ||
	    { diag "$H/init.out"; echo "Bail out! rune-admin init failed"; exit 1; }
	export RUNE_ROOT=$H/root
}

h_free_port() {
	/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# waits (bounded) until something listens on $PORT
h_wait_port() {
	/usr/bin/python3 - "$1" <<'PY'
import socket, sys, time
end = time.time() + 20
while time.time() < end:
    s = socket.socket()
    if s.connect_ex(("127.0.0.1", int(sys.argv[1]))) == 0:
        sys.exit(0)
    s.close()
    time.sleep(0.02)
sys.exit(1)
PY
}

# h_start [VAR=value ...]: rune-session under tcpserver; its stderr in
# $H/log.  $WRAP (e.g. "valgrind ...") goes in front of rune-session.
# tcpserver leads a process group of its own (setsid, which does not fork
# here: a background child of a script is no group leader), so $h_pid is
# also the group that h_stop ends, sessions and helpers included.
h_start() {
	PORT=$(h_free_port)
	setsid tcpserver -D -R -H -l 0 127.0.0.1 "$PORT" \
	    env RUNE_ROOT="$RUNE_ROOT" RUNE_BINDIR="$RUNE_BINDIR" "$@" \
	    $WRAP "$RUNE_BUILD/rune-session" 2>>"$H/log" &
	h_pid=$!
	h_wait_port "$PORT" || { echo "Bail out! tcpserver did not start"; exit 1; }
}

# h_stop: ends tcpserver's group: tcpserver, its sessions, their helpers
h_stop() {
	[ -n "$h_pid" ] || return 0
	# a test that set h_pid itself to a process that leads no group: that
	# process alone (the rest of the test's group goes in h_cleanup)
	if ! kill -TERM "-$h_pid" 2>/dev/null; then
		kill -TERM "$h_pid" 2>/dev/null
		wait "$h_pid" 2>/dev/null
		h_pid=
		return 0
	fi
	wait "$h_pid" 2>/dev/null
	# the sessions and helpers: TERM is theirs to die of; what is left
	# after 5 s (e.g. a process stuck in the sanitizers) gets KILL
	h_i=0
	while h_alive "$h_pid" && [ $h_i -lt 100 ]; do
		sleep 0.05
		h_i=$((h_i + 1))
	done
	kill -KILL "-$h_pid" 2>/dev/null
	h_pid=
	return 0
}

# talk SCRIPT-LINES...: one session; prints the transcript
talk() { printf '%s\n' "$@" | $TALK "$PORT"; }
