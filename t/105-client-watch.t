#!/bin/sh
# 105-client-watch.t: fetch --watch SECONDS polls until stopped and runs
# --exec CMD for each new message (RUNE_ID, RUNE_FROM, RUNE_FILE); a
# failed round (the server gone) does not end the watch; SIGTERM does.
# list warns of unread messages that expire within 3 days.
. t/lib/harness.sh
h_domain
h_start
. t/lib/clientpair.sh

# -- the expiry warning
echo hi | rune $A send bob@runetest -s first - >/dev/null 2>&1
rune $B list >/dev/null 2>"$H/w0"
! grep -q expire "$H/w0"
ok $? "list: no warning for a fresh message (30 days)" || diag "$H/w0"
echo 2 >"$H/bob/config/expire-days"
rune $B list >/dev/null 2>"$H/w1"
grep -q 'warning: 1 unread message expires within 3 days (the server keeps messages 2 days)' "$H/w1"
ok $? "list: an unread message that expires within 3 days is warned of" ||
    diag "$H/w1"
rune $B read 1 >/dev/null 2>&1
rune $B list >/dev/null 2>"$H/w2"
! grep -q expire "$H/w2"
ok $? "list: once read, no warning" || diag "$H/w2"
rm "$H/bob/config/expire-days"

# -- fetch --watch 1 --exec
printf '#!/bin/sh\necho "$RUNE_ID $RUNE_FROM $RUNE_FILE" >>"%s/notified"\n' \
    "$H" >"$H/notify" && chmod +x "$H/notify"
"$RUNE_BUILD/rune" --server "$S" $B fetch --maildir "$H/md" --watch 1 --exec "$H/notify" \
    >"$H/watch.out" 2>"$H/watch.err" &
w=$!
trap 'kill $w 2>/dev/null; h_cleanup' EXIT
waitlines() {	# N: until notified has N lines (20 s at most)
	i=0
	while [ "$(cat "$H/notified" 2>/dev/null | wc -l)" -lt "$1" ] &&
	    [ $i -lt 200 ]; do sleep 0.1; i=$((i + 1)); done
	[ "$(cat "$H/notified" 2>/dev/null | wc -l)" -ge "$1" ]
}
waitlines 1
ok $? "the waiting message: --exec ran" || diag "$H/watch.err"
echo 'second' | rune $A send bob@runetest -s second - >"$H/id2" 2>/dev/null
waitlines 2
ok $? "a new message while watching: --exec ran again" || diag "$H/watch.err"
set -- $(sed -n 2p "$H/notified")
[ "$1" = "$(cat "$H/id2")" ] && [ "$2" = alice@runetest ] && [ -f "$3" ] &&
    grep -qx 'second' "$3"
ok $? "--exec got RUNE_ID, RUNE_FROM and RUNE_FILE (the Maildir file)" ||
    diag "$H/notified"
sleep 2
is "$(wc -l <"$H/notified")" 2 "nothing delivered twice"

h_stop
sleep 3
kill -0 $w 2>/dev/null
ok $? "the server gone: the watch goes on"
grep -q 'fetch round failed (exit 111); trying again in 1 s' "$H/watch.err"
ok $? "and says the round failed" || diag "$H/watch.err"
kill -TERM $w
i=0; while kill -0 $w 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done
! kill -0 $w 2>/dev/null
ok $? "SIGTERM ends the watch"
wait $w
is $? 0 "exit 0"
rune $B fetch --maildir "$H/md" --watch 0 2>/dev/null
is $? 100 "--watch 0: 100"

done_testing
