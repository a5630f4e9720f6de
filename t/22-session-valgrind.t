#!/bin/sh
# One whole session under valgrind memcheck: no errors, no leaks.
. t/lib/harness.sh
if [ -n "$RUNE_SAN" ]; then
	echo "1..0 # SKIP valgrind does not run sanitized binaries"
	exit 0
fi
h_domain
# rune-session's dynamic twin (build/dyn): valgrind follows its malloc
ln -s "$RUNE_BUILD/dyn/rune-session" "$H/rune-session"
WRAP="valgrind -q --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all --error-exitcode=99 --log-file=$H/vg.%p"
RUNE_BUILD_SAVED=$RUNE_BUILD
RUNE_BUILD=$H h_start
RUNE_BUILD=$RUNE_BUILD_SAVED

out=$(talk CAPABILITIES FOO "KEY x" NOOP QUIT | tail -3)
is "$out" "411 authentication required
250 ok
221 bye" "a session under valgrind"
h_stop
n=$(ls "$H"/vg.* 2>/dev/null | wc -l)
[ "$n" -ge 1 ]
ok $? "valgrind ran ($n log)"
cat "$H"/vg.* >"$H/vg.all" 2>/dev/null
[ ! -s "$H/vg.all" ]
ok $? "valgrind reports nothing" || diag "$H/vg.all"
done_testing
