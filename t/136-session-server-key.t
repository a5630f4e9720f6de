#!/bin/sh
# secret/server.key holds the seed and its public half; the session and
# rune-admin load it in one place (lib/serverkey.c), which checks that
# the seed makes that public half.  A key whose halves disagree would
# sign with one key while clients pin the other: the session refuses to
# start, with a log line that says why.
. t/lib/harness.sh
h_domain
K=$RUNE_ROOT/secret/server.key
cp "$K" "$H/good.key"

# run the session on a closed input: it loads its keys, then the TLS
# handshake ends at once
session() {
	env RUNE_ROOT="$RUNE_ROOT" RUNE_BINDIR="$RUNE_BINDIR" \
	    $WRAP "$RUNE_BUILD/rune-session" </dev/null >/dev/null 2>"$H/log"
}
# flip OFFSET: the key file with the octet at OFFSET changed
flip() {
	/usr/bin/python3 - "$H/good.key" "$K" "$1" <<'PY'
import sys
b = bytearray(open(sys.argv[1], "rb").read())
b[int(sys.argv[3])] ^= 1
open(sys.argv[2], "wb").write(bytes(b))
PY
}

session
is "$?" 0 "a good key: the session starts"
grep -q 'event=connect' "$H/log"
ok $? "and gets as far as the connection" || diag "$H/log"

flip 40
session
is "$?" 100 "the public half changed: the session refuses to start (100)"
grep -q 'server.key is damaged (its public half does not match its seed)' \
    "$H/log"
ok $? "with a log line that says why" || diag "$H/log"
! grep -q 'event=connect' "$H/log"
ok $? "before any connection is served" || diag "$H/log"
"$RUNE_BUILD/rune-admin" fingerprint >/dev/null 2>"$H/fp"
is "$?" 111 "rune-admin fingerprint refuses it too"
grep -q 'is damaged (its public half does not match its seed)' "$H/fp"
ok $? "with the same words" || diag "$H/fp"

flip 3
session
is "$?" 100 "the seed changed: the session refuses to start"

head -c 63 "$H/good.key" >"$K"
session
is "$?" 100 "63 octets: refused"
grep -q 'is not a server key (not 64 octets)' "$H/log"
ok $? "as not a server key" || diag "$H/log"

rm -f "$K"
session
is "$?" 111 "no key: 111"

cp "$H/good.key" "$K"
session
is "$?" 0 "the good key again: it starts"
done_testing
