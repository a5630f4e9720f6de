#!/bin/sh
# 161-client-watch-expiry-once.t: fetch --watch warns of a held-back
# message that expires soon once per run, not on every round while it
# stays; a second such message is warned of (once) when it comes, and
# the warning comes again when it changes (here the expiry days).
. t/lib/harness.sh
h_domain
h_start
. t/lib/clientpair.sh

# bob pins alice's first key; alice comes back with a new one and writes
rune $B key alice@runetest >/dev/null 2>&1
rune $A unregister --yes >/dev/null 2>&1 &&
    rune $A init alice@runetest --force >/dev/null 2>&1 &&
    "$RUNE_BUILD/rune-admin" free alice@runetest >/dev/null 2>&1 &&
    rune $A register >/dev/null 2>&1
ok $? "alice has a new key" || exit 1
echo one | rune $A send bob@runetest -s one - >/dev/null 2>&1
ok $? "alice writes bob (held back: her key changed)"
echo 2 >"$H/bob/config/expire-days"

"$RUNE_BUILD/rune" --server "$S" $B fetch --maildir "$H/md" --watch 1 \
    >"$H/w.out" 2>"$H/w.err" &
w=$!
trap 'kill $w 2>/dev/null; h_cleanup' EXIT
rounds() { grep -c '^held back' "$H/w.out"; }
warned() { grep -c 'warning: .* expire' "$H/w.err"; }
until_rounds() {	# N: until N held-back lines were printed (30 s at most)
	i=0
	while [ "$(rounds)" -lt "$1" ] && [ $i -lt 300 ]; do
		sleep 0.1; i=$((i + 1))
	done
	[ "$(rounds)" -ge "$1" ]
}
until_rounds 4
ok $? "four rounds held the message back" || diag "$H/w.err"
is "$(warned)" 1 "... and warned of it once" || diag "$H/w.err"
grep -q 'warning: 1 held-back message expires within 3 days (the server keeps messages 2 days)' \
    "$H/w.err"
ok $? "... in the sentence of fetch" || diag "$H/w.err"

echo two | rune $A send bob@runetest -s two - >/dev/null 2>&1
n=$(rounds)
until_rounds $((n + 6))
ok $? "three more rounds, two messages held back each" || diag "$H/w.err"
is "$(warned)" 2 "the second message warned of once" || diag "$H/w.err"
[ "$(grep 'warning: .* expire' "$H/w.err" | sed -n 2p | cut -d' ' -f3)" = 1 ]
ok $? "... alone (1 held-back message)" || diag "$H/w.err"

echo 1 >"$H/bob/config/expire-days"
n=$(rounds)
until_rounds $((n + 6))
ok $? "three more rounds after the expiry days changed" || diag "$H/w.err"
is "$(warned)" 3 "the changed warning given once" || diag "$H/w.err"
grep -q 'warning: 2 held-back messages expire within 3 days (the server keeps messages 1 days)' \
    "$H/w.err"
ok $? "... for both messages" || diag "$H/w.err"

kill -TERM $w
i=0; while kill -0 $w 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done
! kill -0 $w 2>/dev/null
ok $? "SIGTERM ends the watch"
wait $w 2>/dev/null
trap h_cleanup EXIT

# a run is a run: a plain fetch warns again
rune $B fetch --maildir "$H/md" >/dev/null 2>"$H/f.err"
grep -q 'warning: 2 held-back messages expire' "$H/f.err"
ok $? "a new run warns again" || diag "$H/f.err"

done_testing
