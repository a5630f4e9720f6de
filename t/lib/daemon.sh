# daemon.sh: one helper daemon in a test (after t/lib/harness.sh and
# h_domain).  Set DAEMON (rune-store or rune-keys) and DAEMON_WORKERS,
# and DAEMON_TRIES (of 0.05 s, 200 unless set) before sourcing it.
# d_start starts "$DAEMON daemon $DAEMON_WORKERS" in a session of its own
# ($D its pid, its log in $H/daemon.log) and waits for its socket; d_stop
# ends it and, should one be left, its workers; d_workers counts them.
# The EXIT trap stops it and cleans up, so nothing outlives the test.
case $DAEMON in
rune-store) D_SOCKET=$RUNE_ROOT/store/socket ;;
rune-keys) D_SOCKET=$RUNE_ROOT/keys/socket ;;
*) echo "Bail out! daemon.sh: DAEMON is rune-store or rune-keys"; exit 1 ;;
esac
D=
d_start() {
	setsid "$RUNE_BUILD/$DAEMON" daemon "$DAEMON_WORKERS" \
	    2>>"$H/daemon.log" &
	D=$!
	i=0
	while [ ! -S "$D_SOCKET" ] && [ $i -lt "${DAEMON_TRIES:-200}" ]; do
		sleep 0.05; i=$((i + 1))
	done
	[ -S "$D_SOCKET" ]
}
d_stop() {
	[ -n "$D" ] || return 0
	kill -TERM "$D" 2>/dev/null
	wait "$D" 2>/dev/null
	kill -9 -"$D" 2>/dev/null	# its workers, should one be left
	D=
}
d_workers() { pgrep -P "$D" | wc -l; }
trap 'd_stop; h_cleanup' EXIT
