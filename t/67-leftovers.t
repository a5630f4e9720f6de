#!/bin/sh
# t/lib/leftovers.py, which `make test` runs after each pass: it fails
# when a process whose executable or whose argument lies under the
# checkout's build directories is still alive, names it, and passes when
# there is none (or one that ends within its grace), whatever runs from
# another checkout.
. t/lib/harness.sh
L="/usr/bin/python3 t/lib/leftovers.py"
# a leak is a leak at once here; the grace case below sets its own
export RUNE_LEFTOVERS_GRACE=0.3
C=$H/co
mkdir -p "$C/build" "$C/build-san" "$H/co2/build" "$C/buildx" &&
    cp /bin/sleep "$C/build/rune-session" &&
    cp /bin/sleep "$H/co2/build/rune-session" &&
    cp /bin/sleep "$C/buildx/rune-session"
ok $? "two checkouts with builds"

# another checkout's process, and one of a name that only starts alike
"$H/co2/build/rune-session" 300 &
other=$!
"$C/buildx/rune-session" 300 &
alike=$!
$L "$C/build" "$C/build-san" 2>"$H/err0"
is "$?" 0 "nothing of this checkout alive: passes"
[ ! -s "$H/err0" ]
ok $? "and says nothing" || diag "$H/err0"

# a leaked process, by its executable
"$C/build/rune-session" 300 &
leak=$!
$L "$C/build" "$C/build-san" 2>"$H/err1"
is "$?" 1 "a leaked build/rune-session: fails"
grep -q "pid $leak exe $C/build/rune-session" "$H/err1"
ok $? "and names it" || diag "$H/err1"
! grep -q -e "pid $other " -e "pid $alike " "$H/err1"
ok $? "not the other checkout's, not buildx's" || diag "$H/err1"
kill $leak; wait $leak 2>/dev/null

# by an argument only: a shell whose $0 lies under build-san
sh -c 'sleep 300' "$C/build-san/x" &
leak2=$!
$L "$C/build" "$C/build-san" 2>"$H/err2"
is "$?" 1 "a process with an argument under build-san: fails"
grep -q "pid $leak2 .*argv sh -c sleep 300 $C/build-san/x" "$H/err2"
ok $? "and names it" || diag "$H/err2"
kill $leak2; wait $leak2 2>/dev/null

# one on its way out within the grace: passes
"$C/build/rune-session" 1 &
short=$!
RUNE_LEFTOVERS_GRACE=3 $L "$C/build" "$C/build-san" 2>"$H/err3"
is "$?" 0 "a process that ends within the grace: passes"
wait $short

$L build 2>/dev/null
is "$?" 100 "a relative directory is a usage error"

kill $other $alike; wait $other $alike 2>/dev/null
done_testing
