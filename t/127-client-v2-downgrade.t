#!/bin/sh
# 127-client-v2-downgrade.t: the PREKEYS line is pinned per server
# (protocol-v2 1.1): when a server that offered forward secrecy stops
# listing PREKEYS, the client stops loudly (send and read alike) instead
# of falling back to v1 in silence; the user re-pins explicitly with
# rune pin --replace server-prekeys, after which v1 works; the line seen
# again is pinned again.  rune pins lists the pin.
. t/lib/harness.sh
h_domain
cfg() { "$RUNE_BUILD/rune-admin" config --root "$RUNE_ROOT" prekeys "$1" >/dev/null 2>&1; }
cfg 8
ok $? "prekeys on"
h_start
. t/lib/clientpair.sh
echo one | rune $A send bob@runetest >"$H/id1" 2>/dev/null
ok $? "alice sends bob a v2 message"
rune $A pins >"$H/pins" 2>&1
grep -qx "server $S prekeys" "$H/pins"
ok $? "rune pins lists the PREKEYS pin" || diag "$H/pins"
cfg 0
ok $? "the server stops offering PREKEYS (each session reads the setting)"
echo two | rune $A send bob@runetest >"$H/o" 2>"$H/e"
is $? 100 "alice's send stops"
grep -q "WARNING: SERVER $S NO LONGER OFFERS PREKEYS.*pin --replace server-prekeys" "$H/e"
ok $? "loudly, with the command to accept it" || diag "$H/e"
test ! -s "$H/o"
ok $? "nothing sent"
rune $B list >/dev/null 2>"$H/e"
is $? 100 "bob's list stops too"
rune $A pin --replace server-prekeys >"$H/p" 2>&1
ok $? "alice accepts: pin --replace server-prekeys" || diag "$H/p"
echo three | rune $A send bob@runetest >"$H/id3" 2>"$H/e"
ok $? "now alice sends (v1)" || diag "$H/e"
cfg 8
echo four | rune $A send bob@runetest >"$H/id4" 2>"$H/e"
ok $? "the server offers PREKEYS again: alice sends" || diag "$H/e"
rune $A pins | grep -qx "server $S prekeys"
ok $? "and the line is pinned again"
rune $B pin --replace server-prekeys >/dev/null 2>&1
rune $B read "$(cat "$H/id4")" >"$H/r4" 2>&1 &&
    grep -qx 'Secrecy: forward secret: yes' "$H/r4"
ok $? "bob reads the last one: forward secret" || diag "$H/r4"
rune $B read "$(cat "$H/id3")" >"$H/r3" 2>&1 &&
    grep -qx 'Secrecy: not forward secret (v1)' "$H/r3"
ok $? "and the one sent while it was off: not forward secret (v1)" || diag "$H/r3"
done_testing
