#!/bin/sh
# rune-admin's key subcommands: invite (URI, fingerprints, host/port,
# --expires, --token-only), invites, revoke, users, disable, enable, free,
# registration, merge; bad input exits non-zero and changes nothing.
. t/lib/harness.sh
A=$RUNE_BUILD/rune-admin
K=$RUNE_BUILD/rune-keys
h_domain
export RUNE_MERGE_PENDING=0
PK=ed25519:Kay64UG8yvCyLhqU000LxzYeUm0L/hLIl5S8kyKWbdc=

# code CMD...: runs rune-admin quietly, prints its exit code
code() { "$A" "$@" >"$H/out" 2>"$H/err"; echo $?; }
# snapshot: every file of keys/ and control/ with its contents
snapshot() {
	(cd "$RUNE_ROOT" && find keys control -type f | sort |
	    while read f; do echo "$f"; od -An -c "$f"; done)
}
fpr_hex() { "$A" fingerprint | sed -n "s/^$1 //p" | tr -d ' '; }

is "$(code invite alice@runetest --force)" 0 "invite --force: 0"
uri=$(tail -n 1 "$H/out")
tls=$(fpr_hex tls-key-fingerprint)
key=$(fpr_hex server-key-fingerprint)
echo "$uri" | grep -qx "rune://[0-9a-f]\{64\}@127\.0\.0\.1:7863/alice@runetest?tls=$tls&key=$key"
ok $? "the URI, alone on the last line, with both fingerprints"
echo "$tls$key" | grep -qx '[0-9a-f]\{64\}'
ok $? "fingerprints are 32 lowercase hex digits each"
tok=$(echo "$uri" | sed 's|^rune://\([0-9a-f]*\)@.*|\1|')
printf '%s\n%s\n' "$tok" "$PK" | "$K" register-invite alice@runetest 2>/dev/null
ok $? "the token of the URI registers alice"

echo rune.example.org >"$RUNE_ROOT/control/host"
echo 17863 >"$RUNE_ROOT/control/port"
is "$(code invite bob@runetest --expires 12h)" 0 "invite --expires 12h: 0"
tail -n 1 "$H/out" | grep -q '^rune://[0-9a-f]\{64\}@rune\.example\.org:17863/bob@runetest?'
ok $? "host and port from control/host and control/port"
is "$(code invite carol@runetest --token-only)" 0 "invite --token-only: 0"
grep -qx '[0-9a-f]\{64\}' "$H/out" && [ "$(wc -l <"$H/out")" = 1 ]
ok $? "--token-only prints the bare token"
ctok=$(cat "$H/out")
is "$(code invites)" 0 "invites: 0"
is "$(grep -c . "$H/out")" 3 "three invitations listed"
grep -q "^carol@runetest .* valid$" "$H/out" &&
    grep -q "^alice@runetest .* used$" "$H/out"
ok $? "with their states"
! grep -q "$ctok" "$H/out"
ok $? "never a token"

# bad input: a message, a non-zero exit, nothing changed
snapshot >"$H/before"
for args in "invite" "invite bad" "invite dave@elsewhere" \
    "invite dave@runetest --expires 0d" "invite dave@runetest --expires 7" \
    "invite dave@runetest --expires 7w" "invite dave@runetest --expires 99999d" \
    "invite dave@runetest --bogus" "invite alice@runetest" \
    "revoke" "revoke dave@runetest" "disable dave@runetest" \
    "enable alice@runetest x" "free alice@runetest" "free bad" \
    "registration free both" "registration sometimes" "users --bogus" \
    "invites x" "merge x"; do
	c=$(code $args)
	[ "$c" != 0 ] && [ -s "$H/err" ]
	ok $? "rune-admin $args: refused ($c) with a message"
done
snapshot >"$H/after"
cmp -s "$H/before" "$H/after"
ok $? "the refusals changed nothing"
echo "x" >"$RUNE_ROOT/control/port"
is "$(code invite dave@runetest)" 100 "a bad control/port: 100"
echo 17863 >"$RUNE_ROOT/control/port"
snapshot >"$H/after"
cmp -s "$H/before" "$H/after"
ok $? "... and no token made"

is "$(code revoke carol@runetest)" 0 "revoke: 0"
printf '%s\n%s\n' "$ctok" "$PK" | "$K" register-invite carol@runetest 2>/dev/null
is $? 102 "a revoked token: 102"
is "$(code disable alice@runetest)" 0 "disable: 0"
is "$(code users)" 0 "users: 0"
is "$(cat "$H/out")" "1 users: 0 active, 1 disabled; 0 addresses reserved" \
    "users counts"
is "$(code users --list)" 0 "users --list: 0"
is "$(cat "$H/out")" "alice@runetest disabled" "users --list lists"
is "$(code enable alice@runetest)" 0 "enable: 0"
"$K" unregister alice@runetest 2>/dev/null
is "$(code users --list) $(cat "$H/out")" "0 alice@runetest reserved" \
    "unregistered: reserved"
is "$(code free alice@runetest)" 0 "free: 0"
is "$(code users --list) $(cat "$H/out")" "0 " "freed: absent"
is "$(code merge)" 0 "merge: 0"
is "$(ls "$RUNE_ROOT/keys/pending" | grep -c .)" 0 "the journal is empty"
is "$(code invites)" 0 "invites after the merge"
is "$(grep -c . "$H/out")" 3 "... still three"

for m in free invite both off; do
	is "$(code registration $m) $(cat "$RUNE_ROOT/control/registration")" \
	    "0 $m" "registration $m"
done
is "$(ls -A "$RUNE_ROOT/control" | grep -c tmp)" 0 "no temporary file in control/"

# rune-keys found beside rune-admin when $RUNE_BINDIR is not set
is "$(env -u RUNE_BINDIR "$A" invite erin@runetest --token-only 2>/dev/null |
    grep -c '^[0-9a-f]\{64\}$')" 1 "rune-keys beside rune-admin"
done_testing
