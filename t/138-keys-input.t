#!/bin/sh
# rune-keys reads its standard input through the bounded line reader
# (rune-keys/input.c over lib/line.c): lines ended by LF or CRLF, a last
# line without one as before (line_tail), a line over 511 octets refused
# with 100, and an unregister proof followed by anything refused (105).
. t/lib/harness.sh
K=$RUNE_BUILD/rune-keys
export RUNE_ROOT=$H/root
export RUNE_MERGE_PENDING=0
mkdir -p "$RUNE_ROOT/control" && echo runedemo >"$RUNE_ROOT/control/domain"
PK=ed25519:Kay64UG8yvCyLhqU000LxzYeUm0L/hLIl5S8kyKWbdc=
code() { "$K" "$@" >"$H/out" 2>"$H/err"; echo $?; }
state() { s=$("$RUNE_BUILD/rune-admin" users --list | sed -n "s/^$1 //p"); echo "${s:-absent}"; }

is "$(printf '%s' "$PK" | code register amy@runedemo)" 0 \
    "a key without a final LF: registered"
is "$(state amy@runedemo)" active "amy is active"
grep -qx '[0-9a-f]\{64\}' "$H/out"
ok $? "and the receipt printed"
is "$(printf '%s\r\n' "$PK" | code register bea@runedemo)" 0 \
    "a key ended by CRLF: registered"
is "$(printf '%s\n' "$PK" | code register cyd@runedemo)" 0 \
    "a key ended by LF: registered"

long=$(head -c 600 /dev/zero | tr '\0' x)
is "$(printf '%s\n' "$long" | code register dee@runedemo)" 100 \
    "a line of 600 octets: 100"
grep -q 'input too long' "$H/err"
ok $? "said: input too long" || diag "$H/err"
l511=$(head -c 511 /dev/zero | tr '\0' x)
is "$(printf '%s\n' "$l511" | code register dee@runedemo)" 100 \
    "a line of 511 octets and its LF: read, not a key: 100"
grep -q 'invalid key text' "$H/err"
ok $? "said: invalid key text" || diag "$H/err"
is "$(state dee@runedemo)" absent "nothing registered"

# unregister: a receipt and nothing after it
rc=$(printf '%s\n' "$PK" | "$K" register eve@runedemo 2>/dev/null)
is "$(printf '%s\nmore\n' "$rc" | code unregister eve@runedemo)" 105 \
    "a receipt and a line more: not a proof (105)"
is "$(state eve@runedemo)" active "eve still active"
is "$(printf '%s' "$rc" | code unregister eve@runedemo)" 0 \
    "the receipt without its LF: unregistered"
is "$(state eve@runedemo)" reserved "eve reserved"
is "$(printf '' | code unregister cyd@runedemo)" 0 \
    "no input at all: the administrator's unregister"
is "$(state cyd@runedemo)" reserved "cyd reserved"

# register-invite: the token line and the key line, the last unended
tok=$("$K" invite fay@runedemo $(( $(date +%s) + 3600 )) 2>/dev/null)
is "$(printf '%s\n%s' "$tok" "$PK" | code register-invite fay@runedemo)" \
    0 "token and an unended key line: registered"
is "$(state fay@runedemo)" active "fay is active"
is "$(printf '%s' "$PK" | code register-invite gus@runedemo)" 100 \
    "one line only: 100"
grep -q 'want a token line and a key line' "$H/err"
ok $? "said: want a token line and a key line" || diag "$H/err"
done_testing
