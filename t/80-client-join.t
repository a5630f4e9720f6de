#!/bin/sh
# 80-client-join.t: first contact in one step.  rune-admin invite prints
# a URI that names the address, the server (control/host and port) and
# both pins, and refuses to name 127.0.0.1 by default; rune join reads it
# from standard input or a file (never argv), makes the key, pins the
# server from it and registers.
. t/lib/harness.sh
h_domain --registration invite
h_start
A=$RUNE_BUILD/rune-admin
R() { "$RUNE_BUILD/rune" "$@"; }

# the default host: refused unless --force
"$A" invite carol@runetest >"$H/i0.out" 2>"$H/i0.err"
is $? 100 "invite with control/host unset: exit 100"
grep -q 'control/host is not set.*127.0.0.1' "$H/i0.err" &&
    grep -q 'rune-admin config host' "$H/i0.err"
ok $? "... says why and how to set it" || diag "$H/i0.err"
[ ! -s "$H/i0.out" ] && [ "$("$A" invites | grep -c .)" = 0 ]
ok $? "... and printed and made no invitation"
"$A" invite carol@runetest --force >"$H/i1.out" 2>/dev/null
ok $? "invite --force: exit 0"
tail -n 1 "$H/i1.out" | grep -q '^rune://[0-9a-f]\{64\}@127\.0\.0\.1:7863/carol@runetest?tls=[0-9a-f]\{32\}&key=[0-9a-f]\{32\}$'
ok $? "the URI names the address after the server" || diag "$H/i1.out"
"$A" revoke carol@runetest 2>/dev/null

# the host and port clients use, by rune-admin config
"$A" config host 127.0.0.1 2>/dev/null && "$A" config port "$PORT" 2>/dev/null
ok $? "config host and port"
# options anywhere on the line
"$A" invite --expires 1h alice@runetest --root "$RUNE_ROOT" >"$H/a.inv" 2>/dev/null
ok $? "invite: --root after the other arguments"
grep -q "^rune://.*@127.0.0.1:$PORT/alice@runetest?" "$H/a.inv"
ok $? "the URI names the configured host and port"

# join from standard input: the whole output of invite is fine
R --home "$H/alice" join <"$H/a.inv" >"$H/j.out" 2>"$H/j.err"
ok $? "join from stdin: exit 0" || diag "$H/j.err"
grep -qx 'address alice@runetest' "$H/j.out" &&
    grep -qx "server 127.0.0.1:$PORT" "$H/j.out" &&
    grep -q '^fingerprint ' "$H/j.out" &&
    [ "$(tail -n 1 "$H/j.out")" = "registered alice@runetest" ]
ok $? "join prints the identity, then registered" || diag "$H/j.out"
grep -q 'pinned the TLS key of .* from the invitation' "$H/j.err" &&
    grep -q 'pinned the RUNE key of .* from the invitation' "$H/j.err" &&
    ! grep -q 'first contact' "$H/j.err"
ok $? "the server pinned from the invitation, no blind first contact" ||
    diag "$H/j.err"
is "$(cat "$H/alice/config/address") $(cat "$H/alice/config/server")" \
    "alice@runetest 127.0.0.1:$PORT" "config/address and config/server"
[ "$(stat -c %a "$H/alice/secret.key")" = 600 ]
ok $? "secret.key 0600"
R --home "$H/alice" login >/dev/null 2>&1
ok $? "alice logs in"
! grep -rq "$(sed -n 's|^rune://\([0-9a-f]*\)@.*|\1|p' "$H/a.inv")" "$H/alice"
ok $? "the token is nowhere in the home"

# join from a file; again into the same home: the token is used up, the
# key kept
"$A" invite bob@runetest >"$H/b.inv" 2>/dev/null
R --home "$H/bob" join "$H/b.inv" >"$H/jb.out" 2>"$H/jb.err"
ok $? "join FILE: exit 0" || diag "$H/jb.err"
is "$(tail -n 1 "$H/jb.out")" "registered bob@runetest" "bob registered"
key=$(cat "$H/bob/secret.key" | od -An -tx1 | tr -d ' \n')
R --home "$H/bob" join - <"$H/b.inv" >/dev/null 2>"$H/jb2.err"
is $? 100 "the same invitation again: exit 100 (the token is used)"
is "$(od -An -tx1 "$H/bob/secret.key" | tr -d ' \n')" "$key" \
    "a second join into the home keeps its key"

# refusals
"$A" invite dave@runetest >"$H/d.inv" 2>/dev/null
uri=$(tail -n 1 "$H/d.inv")
R --home "$H/d1" join "$uri" >/dev/null 2>"$H/argv.err"
is $? 100 "a URI in argv is refused"
grep -q 'never on the command line' "$H/argv.err" &&
    ! grep -q "$(echo "$uri" | sed 's|^rune://\([0-9a-f]*\)@.*|\1|')" "$H/argv.err"
ok $? "... saying why, without echoing the token" || diag "$H/argv.err"
[ ! -e "$H/d1/secret.key" ]
ok $? "... and made nothing"
echo "$uri" | sed 's|/dave@runetest?|/?|' |
    R --home "$H/d2" join >/dev/null 2>"$H/noaddr.err"
is $? 100 "a URI without an address: exit 100"
grep -q 'names no address' "$H/noaddr.err"
ok $? "... says so" || diag "$H/noaddr.err"
echo "nothing here" | R --home "$H/d3" join >/dev/null 2>"$H/none.err"
is $? 100 "no URI on stdin: exit 100"
{ cat "$H/d.inv"; cat "$H/d.inv"; } | R --home "$H/d5" join >/dev/null 2>&1
is $? 100 "two URIs on stdin: exit 100"
echo "$uri" | R --home "$H/alice" join >/dev/null 2>"$H/other.err"
is $? 100 "join into a home holding another address: exit 100"
grep -q 'holds a key for another address' "$H/other.err"
ok $? "... says so and names --force" || diag "$H/other.err"
echo "$uri" | R --server 127.0.0.2:$PORT --home "$H/d4" join \
    >/dev/null 2>"$H/srv.err"
is $? 100 "--server naming another server than the URI: exit 100"
echo "$uri" | R --home "$H/dave" join >"$H/jd.out" 2>"$H/jd.err"
ok $? "the refusals did not use dave's token up" || diag "$H/jd.err"
echo "$uri" | R --home "$H/dave" register --invite >/dev/null 2>&1
is $? 100 "register --invite with a URI for this address: used, 100"
"$A" invite erin@runetest >"$H/e.inv" 2>/dev/null
R --home "$H/dave" register --invite-file "$H/e.inv" \
    >/dev/null 2>"$H/reg.err"
is $? 100 "register --invite with a URI for another address: 100"
grep -q 'the invitation is for erin@runetest' "$H/reg.err"
ok $? "... says whose it is" || diag "$H/reg.err"

done_testing
