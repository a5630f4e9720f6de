#!/bin/sh
# 55-crash-create.t: files made whole or not at all (afile_create: tmp,
# fsync, link, fsync the directory).  rune-store is killed (SIGKILL, by
# strace's fault injection) at its first write, fsync and link while it
# makes store/salt, and the client at its first write while it makes
# secret.key: afterwards SEND and LIST work and the client's home is fine.
# The tmp files a crash leaves are ignored, and removed once stale.
# Salts and secret keys left empty by older versions are replaced.
. t/lib/harness.sh
command -v strace >/dev/null ||
    { echo "Bail out! strace is needed (make deps installs it)"; exit 1; }
h_domain
S=$RUNE_BUILD/rune-store
store=$RUNE_ROOT/store

# crash CALL CMD...: CMD killed with SIGKILL at its first CALL syscall
crash() {
	c=$1
	shift
	strace -f -qq -o /dev/null -e trace="$c" \
	    -e inject="$c":signal=KILL:when=1 "$@" >/dev/null 2>&1
}
# sendlist: alice sends to bob, bob lists one more message than before
sendlist() {
	before=$(rune $B list --ids 2>/dev/null | grep -c '^[0-9a-f]\{64\} ')
	echo "hello $1" | rune $A send bob@runetest -s "$1" - \
	    >"$H/send.out" 2>&1 || { diag "$H/send.out"; return 1; }
	after=$(rune $B list --ids 2>"$H/list.err" | grep -c '^[0-9a-f]\{64\} ')
	[ "$after" = $((before + 1)) ] ||
	    { echo "# list: $before then $after"; diag "$H/list.err"; return 1; }
}
salt_ok() { [ "$(stat -c %s "$store/salt" 2>/dev/null)" = 32 ]; }
ntmp() { ls -A "$1" | grep -c "^\.$2\.tmp\."; }

h_start
P=127.0.0.1:$PORT
rune() { "$RUNE_BUILD/rune" --server "$P" "$@"; }
A="--home $H/alice"
B="--home $H/bob"

# -- the salt: rune-store killed at its first write, then its first fsync
# (the old code had made store/salt, empty, at the first)
crash write "$S" init
is "$?" 137 "rune-store killed at its first write (making the salt)"
[ ! -e "$store/salt" ] || salt_ok
ok $? "store/salt is absent or whole, never empty"
is "$(ntmp "$store" salt)" 1 "one tmp file left by the crash"
rune $A init alice@runetest >/dev/null 2>&1 &&
    rune $A register >/dev/null 2>&1 &&
    rune $B init bob@runetest >/dev/null 2>&1 &&
    rune $B register >/dev/null 2>&1
ok $? "alice and bob register"
sendlist first
ok $? "after the crash: SEND 250 and LIST shows it"
salt_ok
ok $? "the salt is 32 octets"
cp "$store/salt" "$H/salt"
for c in fsync link; do
	rm -rf "$H/root2" && cp -a "$RUNE_ROOT" "$H/root2" &&
	    rm -f "$H/root2/store/salt"
	RUNE_ROOT=$H/root2 crash $c "$S" init
	is "$?" 137 "a second domain: rune-store killed at its first $c"
	[ ! -e "$H/root2/store/salt" ] ||
	    [ "$(stat -c %s "$H/root2/store/salt")" = 32 ]
	ok $? "... its salt is absent or whole"
	RUNE_ROOT=$H/root2 "$S" name bob@runetest >/dev/null 2>&1 &&
	    [ "$(stat -c %s "$H/root2/store/salt")" = 32 ]
	ok $? "... and the next rune-store makes a whole one and uses it"
done

# the tmp file of a crash is ignored, and removed by expire once stale
"$S" expire >/dev/null 2>&1
is "$(ntmp "$store" salt)" 1 "expire keeps a tmp file younger than an hour"
touch -d '2 hours ago' "$store"/.salt.tmp.*
"$S" expire >"$H/expire.out" 2>&1
ok $? "expire exits 0"
is "$(ntmp "$store" salt)" 0 "expire removes the stale tmp file"
grep -q 'removed 1 tmp files' "$H/expire.out"
ok $? "expire counts it" || diag "$H/expire.out"
cmp -s "$store/salt" "$H/salt"
ok $? "the salt is never replaced"

# -- a salt left empty by an older rune-store: replaced, as no mailbox was
# ever named with it (mbox_name refuses it)
h_stop
rm -rf "$store" && mkdir "$store" && : >"$store/salt"
h_start
P=127.0.0.1:$PORT
sendlist second
ok $? "an empty salt: SEND 250 and LIST shows it"
salt_ok
ok $? "the empty salt was replaced by a whole one"

# -- two dozen rune-stores making the salt at once: one salt, one name
rm -rf "$H/root3" && cp -a "$RUNE_ROOT" "$H/root3" &&
    rm -rf "$H/root3/store" && mkdir "$H/root3/store" || exit 1
i=0
pids=
while [ $i -lt 24 ]; do
	RUNE_ROOT=$H/root3 "$S" name bob@runetest >"$H/race.$i" 2>&1 &
	pids="$pids $!"
	i=$((i + 1))
done
wait $pids
is "$(cat "$H"/race.* | sort -u | wc -l)" 1 \
    "24 racing rune-stores: all print the same mailbox name"
is "$(RUNE_ROOT=$H/root3 "$S" name bob@runetest)" "$(cat "$H/race.0")" \
    "... the name of the salt that stayed"
is "$(ls -A "$H/root3/store" | tr '\n' ' ')" "lock salt " \
    "... and no tmp file is left"

# -- the client's secret.key: killed at its first write
crash write "$RUNE_BUILD/rune" --home "$H/carol" --server "$P" init \
    carol@runetest
is "$?" 137 "rune init killed at its first write (the secret key)"
[ ! -e "$H/carol/secret.key" ] ||
    [ "$(stat -c %s "$H/carol/secret.key")" = 64 ]
ok $? "secret.key is absent or whole, never empty"
is "$(ntmp "$H/carol" secret.key)" 1 "one tmp file left by the crash"
rune --home "$H/carol" init carol@runetest >/dev/null 2>"$H/c.err" &&
    rune --home "$H/carol" register >/dev/null 2>>"$H/c.err" &&
    rune --home "$H/carol" login >/dev/null 2>>"$H/c.err"
ok $? "after the crash: init, register and login work" || diag "$H/c.err"
[ "$(stat -c '%a %s' "$H/carol/secret.key")" = "600 64" ]
ok $? "secret.key: 64 octets, 0600"
crash fsync "$RUNE_BUILD/rune" --home "$H/dave" --server "$P" init \
    dave@runetest
is "$?" 137 "rune init killed at its first fsync"
if [ -e "$H/dave/secret.key" ]; then
	is "$(stat -c %s "$H/dave/secret.key")" 64 "... the key is whole"
else
	rune --home "$H/dave" init dave@runetest >/dev/null 2>"$H/d.err"
	ok $? "... no key: init works" || diag "$H/d.err"
fi
touch -d '2 hours ago' "$H/carol"/.secret.key.tmp.*
rune --home "$H/carol" init --force carol@runetest >/dev/null 2>&1
ok $? "init --force"
is "$(ntmp "$H/carol" secret.key)" 0 "init removes a stale tmp file"

# a secret.key left empty by an older client: no key, and init makes one
mkdir -m 700 "$H/erin" && : >"$H/erin/secret.key"
rune --home "$H/erin" login >/dev/null 2>"$H/e.err"
is "$?" 100 "login with an empty secret.key: 100"
! grep -q 'damaged' "$H/e.err"
ok $? "an empty secret.key is not called damaged" || diag "$H/e.err"
rune --home "$H/erin" init erin@runetest >/dev/null 2>"$H/e.err" &&
    rune --home "$H/erin" register >/dev/null 2>>"$H/e.err"
ok $? "init over an empty secret.key works without --force" ||
    diag "$H/e.err"

h_stop
done_testing
