#!/bin/sh
# rune-admin expire: messages older than expire_days go, newer ones and
# stale temporary files are handled by rune-store (the only writer);
# the usage hint is dropped with them.
. t/lib/harness.sh
h_domain
export RUNE_ROOT
M=$("$RUNE_BUILD/rune-store" name bob@runetest) &&
    M2=$("$RUNE_BUILD/rune-store" name bob@runetest)
ok $? "rune-store names a mailbox"
is "$M" "$M2" "the same name twice"
put() {	# put N: a message of 1294+N octets for bob (into his mailbox)
	{ printf 'put bob@runetest %d\n' $((1294 + $1)); head -c $((1294 + $1)) /dev/urandom; } |
	    "$RUNE_BUILD/rune-store" >>"$H/put.out"
}
# rune-store stores only for an active address
echo ed25519:Kay64UG8yvCyLhqU000LxzYeUm0L/hLIl5S8kyKWbdc= |
    "$RUNE_BUILD/rune-keys" register bob@runetest &&
    put 1 && put 2 && put 3
ok $? "three messages stored"
cur=$RUNE_ROOT/store/$M/cur
is "$(ls "$cur" | wc -l)" 3 "three files in cur/"
is "$(cut -d" " -f1-3 "$RUNE_ROOT/store/$M/usage")" "rune-usage-1 3 $((1295 + 1296 + 1297))" \
    "the usage hint counts them"
# age the first one: its name carries the arrival time (ns, 16 hex digits)
old=$(ls "$cur" | head -1)
aged=$(printf '%016x' $(( ($(date +%s) - 31 * 86400) * 1000000000 )))${old#????????????????}
mv "$cur/$old" "$cur/$aged"
: >"$RUNE_ROOT/store/$M/tmp/999999999.deadbeef"
touch -d '2 hours ago' "$RUNE_ROOT/store/$M/tmp/999999999.deadbeef"
"$RUNE_BUILD/rune-admin" expire --root "$RUNE_ROOT" >"$H/exp.out" 2>&1
ok $? "rune-admin expire exits 0" || diag "$H/exp.out"
is "$(ls "$cur" | wc -l)" 2 "the 31-day-old message is gone, the others stay"
[ ! -e "$cur/$aged" ]
ok $? "and it is the old one"
is "$(ls -A "$RUNE_ROOT/store/$M/tmp" | wc -l)" 0 "the stale tmp file is gone"
[ ! -e "$RUNE_ROOT/store/$M/usage" ]
ok $? "expiry removed the usage hint (the next reader scans cur/)"
"$RUNE_BUILD/rune-admin" expire --root "$RUNE_ROOT" extra >/dev/null 2>&1
is $? 100 "bad usage exits 100"
"$RUNE_BUILD/rune-admin" expire --root "$H/nonexistent" >/dev/null 2>&1
[ $? -ne 0 ]
ok $? "a missing domain fails"
is "$(ls "$cur" | wc -l)" 2 "and changed nothing"
done_testing
