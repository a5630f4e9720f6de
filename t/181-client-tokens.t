#!/bin/sh
# 181-client-tokens.t: the client's tokens at login (doc/protocol-v2.md
# 2.3, 2.4, 2.7 C3, A3, A4; rune/tok*.c), real client and server over
# TLS: with ANONSEND off nothing under tokens/; on, the next login pins
# the line and the epoch's key and fetches one batch of 16 token files
# (0600, 96 octets); a second login the same day fetches none (the
# server's counter unchanged), also with tokens spent meanwhile; a day
# later one batch again; two epochs later the old epoch's tokens and key
# pin are gone; a second signed token key for one epoch stops the login
# (exit 100) and keeps the evidence; the token helper failing (451) is
# a warning, not a failed login; the pinned ANONSEND line gone stops
# it too (C3), until the user re-pins; rune pins lists the pins.
. t/lib/harness.sh
. t/lib/anonparts.sh
anon_domain clock
"$RUNE_BUILD/rune-admin" config --root "$RUNE_ROOT" prekeys 200 >/dev/null 2>&1
ok $? "prekeys on, anonsend off"
h_start
. t/lib/clientpair.sh
restart() {
	h_stop
	export RUNE_TEST_NOW=$1
	h_start
	S=127.0.0.1:$PORT
}
ntok() { ls "$H/$1/tokens/$2" 2>/dev/null | grep -c '^[0-9a-f]\{64\}$'; }
nday() { ls "$RUNE_ROOT/keys/tokens/day/$1" 2>/dev/null | wc -l; }

rune $A login >"$H/o" 2>"$H/e"
ok $? "alice logs in (fetch)" || diag "$H/e"
test ! -e "$H/alice/tokens" && test ! -e "$H/bob/tokens"
ok $? "ANONSEND off: nothing under tokens/ (register and login)"

echo on >"$RUNE_ROOT/control/anonsend"
mkdir -p "$H/md/cur" "$H/md/new" "$H/md/tmp"
rune $A fetch --maildir "$H/md" >"$H/o" 2>"$H/e"
ok $? "ANONSEND on: alice fetches (a login)" || diag "$H/e"
! grep -qi token "$H/e"
ok $? "quietly" || diag "$H/e"
is "$(cat "$H/alice/tokens/anonsend" 2>&1)" "ANONSEND 16 4 7" \
    "the line pinned in tokens/anonsend"
is "$(ntok alice $E)" 16 "one batch: 16 token files under tokens/$E"
is "$(stat -c '%a %s' "$H"/alice/tokens/$E/* | sort -u)" "600 96" \
    "each 0600, t || y: 96 octets"
is "$(stat -c %a "$H/alice/tokens" "$H/alice/tokens/$E" | sort -u)" 700 \
    "tokens/ and tokens/$E are 0700"
is "$(stat -c %a "$H/alice/tokens/key.$E" 2>&1)" 600 \
    "the epoch's key pinned in tokens/key.$E, 0600"
set -- $(cat "$H/alice/tokens/key.$E")
is "$1" "$E" "the pin names the epoch"
/usr/bin/python3 - "$H/alice/pins/server/$S/rune" "$E" "$2" "$3" <<'PY'
import base64, sys
sys.path.insert(0, "t/lib")
import voprfc
from nacl.signing import VerifyKey
pin, e, pk, ksig = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
spk = [w for w in open(pin).read().split() if w.startswith("ed25519:")][0]
VerifyKey(base64.b64decode(spk[8:])).verify(
    voprfc.token_key_frame("runetest", e, base64.b64decode(pk)),
    base64.b64decode(ksig))
PY
ok $? "the pinned line's ksig verifies with the server's key"
h_day=$((T0 / 86400))
is "$(nday $h_day)" 1 "the server counted one batch today"
rune $A login >"$H/o" 2>"$H/e"
ok $? "alice logs in again the same day" || diag "$H/e"
is "$(ntok alice $E)" 16 "still 16 tokens"
is "$(nday $h_day)" 1 "the server's counter unchanged: no TOKENS"
ls "$H"/alice/tokens/$E/* | head -3 | xargs rm -f
rune $A login >"$H/o" 2>"$H/e"
is "$(ntok alice $E):$(nday $h_day)" "13:1" \
    "three spent, the same day: no second batch (one a day)"

restart $((T0 + 86400))
rune $A login >"$H/o" 2>"$H/e"
ok $? "a day later alice logs in" || diag "$H/e"
is "$(ntok alice $E)" 29 "fewer than a batch held: one batch more (13 + 16)"
is "$(nday $((h_day + 1)))" 1 "one batch counted that day"
rune $A login >"$H/o" 2>"$H/e"
is "$(ntok alice $E):$(nday $((h_day + 1)))" "29:1" \
    "29 held: none the second time"

restart $((T0 + 14 * 86400))
rune $A login >"$H/o" 2>"$H/e"
ok $? "two epochs later alice logs in" || diag "$H/e"
test ! -e "$H/alice/tokens/$E" && test ! -e "$H/alice/tokens/key.$E"
ok $? "the tokens and key pin of epoch $E are gone"
E2=$((E + 2))
is "$(ntok alice $E2)" 16 "a batch of epoch $E2"
test -s "$H/alice/tokens/key.$E2"
ok $? "its key pinned"

# the server's token key for E2 replaced: the server now signs a second
# key for the same epoch (as a server tagging its users would)
cp "$H/alice/tokens/key.$E2" "$H/key.before"
/usr/bin/python3 -c 'import os, sys; sys.stdout.buffer.write(os.urandom(31) + b"\x05")' \
    >"$RUNE_ROOT/keys/tokens/key/$E2"
rune $A login >"$H/o" 2>"$H/e"
is $? 100 "a second signed token key for one epoch: exit 100"
grep -q "SECOND, DIFFERENT TOKEN KEY FOR EPOCH $E2" "$H/e"
ok $? "loudly" || diag "$H/e"
cmp -s "$H/key.before" "$H/alice/tokens/key.$E2"
ok $? "the first key's pin is kept"
set -- $(cat "$H/alice/tokens/conflict.$E2.1" 2>/dev/null)
test "$1" = "$E2" && test -n "$2" && test -n "$3" &&
    ! grep -q "$2" "$H/key.before"
ok $? "the second signed key is kept as evidence (conflict.$E2.1)"
is "$(stat -c %a "$H/alice/tokens/conflict.$E2.1" 2>&1)" 600 "0600"
is "$(ntok alice $E2)" 16 "no tokens fetched under it"
rune $A pins >"$H/pins" 2>&1
grep -qx "anonsend 16 4 7" "$H/pins" &&
    grep -qx "tokenkey $E2 [0-9a-f ]\{39\}" "$H/pins" &&
    grep -qx "tokenkey $E2 [0-9a-f ]\{39\} conflict" "$H/pins"
ok $? "rune pins lists the line, the key and the conflicting key" ||
    diag "$H/pins"
rune $A pin --replace server-tokenkey >"$H/o" 2>&1
ok $? "alice re-pins: pin --replace server-tokenkey" || diag "$H/o"
rune $A login >"$H/o" 2>"$H/e"
ok $? "then she logs in" || diag "$H/e"
test -e "$H/alice/tokens/conflict.$E2.1"
ok $? "the evidence stays"

# the server's token helper failing (an unusable key file: 451) is one
# warning, not a failed login
cp "$RUNE_ROOT/keys/tokens/key/$E2" "$H/skey"
/usr/bin/python3 -c 'import sys; sys.stdout.buffer.write(b"\xff" * 32)' \
    >"$RUNE_ROOT/keys/tokens/key/$E2"
rune $A login >"$H/o" 2>"$H/e"
ok $? "TOKENKEY refused (451): alice still logs in" || diag "$H/e"
is "$(grep -c . "$H/e")" 1 "with one line on stderr" || diag "$H/e"
grep -q "tokens: .* refused TOKENKEY (451" "$H/e"
ok $? "that says so" || diag "$H/e"
cp "$H/skey" "$RUNE_ROOT/keys/tokens/key/$E2"

# C3: the pinned ANONSEND line disappears
echo off >"$RUNE_ROOT/control/anonsend"
rune $A login >"$H/o" 2>"$H/e"
is $? 100 "ANONSEND gone: alice's login stops, exit 100"
grep -q "NO LONGER OFFERS ANONSEND.*pin --replace server-anonsend" "$H/e"
ok $? "loudly, with the command to accept it" || diag "$H/e"
test ! -s "$H/o"
ok $? "and nothing fetched"
rune $A pin --replace server-anonsend >"$H/o" 2>&1
ok $? "alice accepts: pin --replace server-anonsend" || diag "$H/o"
rune $A login >"$H/o" 2>"$H/e"
ok $? "then she logs in" || diag "$H/e"
test ! -e "$H/alice/tokens/anonsend"
ok $? "with nothing pinned"
echo "8 4 7" >"$RUNE_ROOT/control/anonsend"
rune $A login >/dev/null 2>&1
is "$(cat "$H/alice/tokens/anonsend")" "ANONSEND 8 4 7" "on again: pinned anew"
echo "16 4 7" >"$RUNE_ROOT/control/anonsend"
rune $A login >"$H/o" 2>"$H/e"
is $? 100 "the line changed (8 to 16): exit 100"
grep -q "ANONSEND LINE CHANGED" "$H/e"
ok $? "loudly" || diag "$H/e"
done_testing
