#!/bin/sh
# 48-limits-clock.t: the invitation lifetime and the message expiry
# (spec 12) exactly and one second more, and the clock moved back and
# forward across both, with the test clock $RUNE_TEST_NOW (lib/clock.c)
# given to the server, rune-admin and (not setuid here) the helpers;
# through the real client (build/rune) over TLS, between 101-octet
# addresses of a 50-character domain.  No early expiry, no resurrection,
# no crash.
. t/lib/harness.sh
d50=$(printf 'd%.0s' $(seq 50))
"$RUNE_BUILD/rune-admin" init "$H/root" "$d50" --registration both \
    >"$H/init.out" 2>&1 || { diag "$H/init.out"; exit 1; }
# invitations name a host (rune-admin invite); the port is each test's
echo 127.0.0.1 >"$H/root/control/host"
export RUNE_ROOT=$H/root
u() { printf "$1%.0s" $(seq 50); printf '@%s' "$d50"; }
at() { h_stop; h_start RUNE_TEST_NOW="$1"; S=127.0.0.1:$PORT; }
rune() { "$RUNE_BUILD/rune" --server "$S" "$@"; }
admin() { RUNE_TEST_NOW=$1 "$RUNE_BUILD/rune-admin" "$2" --root "$H/root" \
    ${3+"$3"}; }
W=604800	# the invitation lifetime, 7 days
X=2592000	# the message expiry, 30 days
# the invitation URI for ADDRESS made at time T (host:port left open:
# each clock is a new server on a new port)
invite() {	# T ADDRESS
	admin "$1" invite "$2" >"$H/inv.out" 2>&1 || return 1
	sed -n 's/^rune:/rune:/p' "$H/inv.out" | sed "s/@127.0.0.1:[0-9]*/@HP/"
}
reg() {	# HOME ADDRESS URI: registers with the client; its exit code
	rune --home "$H/$1" init "$2" --force >/dev/null 2>&1 &&
	    echo "$3" | sed "s/@HP/@$S/" >"$H/uri" &&
	    rune --home "$H/$1" register --invite-file "$H/uri" >"$H/reg.out" 2>&1
}
state() { admin "$1" invites | sed -n "s/^$2 [^ ]* //p"; }

# T0 is in the real past: a helper that took the system's clock instead
# of the test clock would find every token expired
T0=1500000000
at $T0
uri1=$(invite $T0 "$(u a)") && uri2=$(invite $T0 "$(u b)") &&
    uri3=$(invite $T0 "$(u c)") && uri4=$(invite $T0 "$(u e)")
ok $? "four invitations made at T0"
is "$(state $T0 "$(u a)")" valid "rune-admin invites at T0: valid"
is "$(state $((T0 + W)) "$(u a)")" expired "at T0 + 7 days: expired"

# -- the lifetime exactly: the last second works, the next one does not
at $((T0 + W - 1))
reg a "$(u a)" "$uri1"
ok $? "T0 + 7 days - 1 s: the client registers (session and rune-keys)" ||
    diag "$H/reg.out"
at $((T0 + W))
reg b "$(u b)" "$uri2"
is $? 100 "T0 + 7 days: refused, exit 100"
grep -q 'invitation token has expired' "$H/reg.out"
ok $? "the invitation token has expired" || diag "$H/reg.out"
is "$(state $((T0 + 10)) "$(u b)")" expired \
    "the expiry is recorded: expired even at T0 + 10 s"

# -- the clock set back: the refused token stays refused (no resurrection)
at $((T0 + 10))
reg b "$(u b)" "$uri2"
is $? 100 "clock back to T0 + 10 s: still refused"
grep -q 'invitation token has expired' "$H/reg.out"
ok $? "still 408, expired" || diag "$H/reg.out"

# -- the clock set back before the invitation was made: no early expiry
at $((T0 - 86400))
reg c "$(u c)" "$uri3"
ok $? "clock back to a day before T0: a valid token works" ||
    diag "$H/reg.out"

# -- the clock jumps past the expiry, rune-admin expire runs, the clock
# comes back: the token stays expired
admin $((T0 + W + 3600)) expire >"$H/exp1.out" 2>&1
ok $? "rune-admin expire with the clock an hour past the lifetime" ||
    diag "$H/exp1.out"
is "$(state $((T0 + 5)) "$(u e)")" expired "rune-admin invites: recorded"
at $((T0 + 5))
reg e "$(u e)" "$uri4"
is $? 100 "clock back to T0 + 5 s: that token stays refused"
# a new invitation replaces an expired one and works
uri5=$(invite $((T0 + 5)) "$(u e)") && reg e "$(u e)" "$uri5"
ok $? "a new invitation for that address works" || diag "$H/reg.out"
is "$(admin $((T0 + 5)) invites | grep -c "^$(u e) .* revoked$")" 1 \
    "the expired token was replaced (revoked)"

# -- messages: the envelope time and the expiry (30 days) exactly
T1=1700000000
at $T1
A="--home $H/a" B="--home $H/c"
echo one | rune $A send "$(u c)" -s one - >"$H/m1" 2>"$H/m1.err"
ok $? "at T1 a message goes" || diag "$H/m1.err"
m1=$(cat "$H/m1")
rune $B read "$m1" >"$H/r1.out" 2>&1
grep -qx "Date: $(LC_ALL=C date -u -d @$T1 '+%a, %d %b %Y %H:%M:%S +0000')" \
    "$H/r1.out"
ok $? "its Date is the server's clock, T1" || diag "$H/r1.out"
admin $((T1 + X)) expire >/dev/null 2>&1 &&
    rune $B list --ids 2>/dev/null | grep -q "^$m1 "
ok $? "expire at T1 + 30 days exactly: it stays"
admin $((T1 + X + 1)) expire >/dev/null 2>&1 &&
    ! rune $B list --ids 2>/dev/null | grep -q "^$m1 "
ok $? "expire at T1 + 30 days + 1 s: it is gone"
at $T1
rune $B list --ids >"$H/l1.out" 2>/dev/null && ! grep -q "^$m1 " "$H/l1.out"
ok $? "the clock back to T1: it does not come back"
# (bob's local cache keeps what he read: a client without it asks the
# server)
rm -rf "$H/c/cache"
rune $B read "$m1" >/dev/null 2>"$H/r415.err"
is $? 100 "reading it: exit 100"
grep -q 'no such message' "$H/r415.err"
ok $? "no such message" || diag "$H/r415.err"

# -- a message stored while the clock was 100 days ahead, then the clock
# back: expire does not take it early, nor does a clock at 0
at $((T1 + 100 * 86400))
echo ahead | rune $A send "$(u c)" - >"$H/m2" 2>/dev/null
ok $? "a message sent with the clock 100 days ahead"
m2=$(cat "$H/m2")
at $((T1 + 50 * 86400))
echo later | rune $A send "$(u c)" - >"$H/m3" 2>/dev/null
ok $? "then one with the clock back at T1 + 50 days"
m3=$(cat "$H/m3")
admin $((T1 + 79 * 86400)) expire >/dev/null 2>&1
ok $? "expire at T1 + 79 days"
rune $B list --ids >"$H/l2.out" 2>/dev/null
grep -q "^$m2 " "$H/l2.out" && grep -q "^$m3 " "$H/l2.out"
ok $? "both stay (neither is 30 days old by its arrival)" || diag "$H/l2.out"
admin 0 expire >"$H/exp0.out" 2>&1
ok $? "expire with the clock at 0 (1970): no crash" || diag "$H/exp0.out"
is "$(rune $B list --ids 2>/dev/null | wc -l)" 2 "and nothing removed"
rune $B list --ids 2>/dev/null | cut -d' ' -f1 | tr '\n' ' ' >"$H/order"
is "$(cat "$H/order")" "$m2 $m3 " "LIST: in the order they arrived"
# rune-store keeps a mailbox's arrival times increasing (put.c): the one
# that came after the clock went back takes the time of the one before
# + 1 ns, so it cannot expire before it (nor be listed before it)
admin $((T1 + 80 * 86400 + 1)) expire >/dev/null 2>&1
is "$(rune $B list --ids 2>/dev/null | wc -l)" 2 \
    "T1 + 80 days + 1 s: both stay (the later one keeps the arrival order)"
admin $((T1 + 130 * 86400)) expire >/dev/null 2>&1
is "$(rune $B list --ids 2>/dev/null | wc -l)" 2 "T1 + 130 days: both stay"
admin $((T1 + 130 * 86400 + 1)) expire >/dev/null 2>&1
is "$(rune $B list --ids 2>/dev/null | wc -l)" 0 \
    "T1 + 130 days + 1 s: 30 days after the first's arrival, both go"

# -- an invalid test clock is refused, never taken as 0
RUNE_TEST_NOW=12x "$RUNE_BUILD/rune-admin" invite --root "$H/root" "$(u z)" \
    >/dev/null 2>"$H/bad.err"
is $? 100 "RUNE_TEST_NOW=12x: exit 100"
grep -q 'invalid \$RUNE_TEST_NOW' "$H/bad.err"
ok $? "invalid \$RUNE_TEST_NOW" || diag "$H/bad.err"
h_stop
! grep -q 'fatal' "$H/log"
ok $? "no fatal error in the session log" || diag "$H/log"
done_testing
