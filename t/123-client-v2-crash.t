#!/bin/sh
# 123-client-v2-crash.t: kill -9 between storing the plaintext and
# deleting the one-time secret loses neither (protocol-v2 1.6 step 10).
# rune read and rune fetch are killed (SIGKILL, by strace's fault
# injection) at the unlink of the one-time secret, just after the local
# record is written, and at the rename that writes the local record;
# each time the message reads (or is delivered) afterwards, exactly once,
# and the one-time secret is gone once it has.
. t/lib/harness.sh
command -v strace >/dev/null ||
    { echo "Bail out! strace is needed (make deps installs it)"; exit 1; }
h_domain
"$RUNE_BUILD/rune-admin" config --root "$RUNE_ROOT" prekeys 8 >/dev/null 2>&1
h_start
. t/lib/clientpair.sh
nO() { ls "$H/bob/prekeys" | grep -c '^O\.[0-9a-f]\{64\}$'; }
# kill_at CALL ARGS...: bob's rune ARGS killed at its CALL number $when
# (default the first)
kill_at() {
	c=$1
	shift
	strace -f -qq -o /dev/null -e trace="$c" \
	    -e inject="$c":signal=KILL:when="${when:-1}" "$RUNE_BUILD/rune" \
	    --server "$S" $B "$@" >/dev/null 2>&1
}
send() { echo "$1" | rune $A send bob@runetest -s "$1" 2>/dev/null; }

# bob pins alice's key first, so that later reads write no pin
id0=$(send zero) && rune $B read "$id0" >/dev/null 2>&1
ok $? "bob reads a first message"

# -- killed at the unlink of the one-time secret (after the record)
id1=$(send one)
n=$(nO)
kill_at unlink,unlinkat read "$id1"
is $? 137 "rune read killed at its first unlink"
test -s "$H/bob/cache/$id1"
ok $? "the plaintext was stored (the local record)"
is "$(nO)" "$n" "the one-time secret is still there"
rune $B read "$id1" >"$H/r1" 2>&1 && grep -qx one "$H/r1" &&
    grep -qx 'Secrecy: forward secret: yes' "$H/r1"
ok $? "read again: the message" || diag "$H/r1"
is "$(nO)" $((n - 1)) "and the one-time secret is deleted now"

# -- killed at the rename that writes the local record
id2=$(send two)
n=$(nO)
# (the first rename writes prekeys/status at login, the second the record)
when=2 kill_at rename,renameat,renameat2 read "$id2"
is $? 137 "rune read killed writing the local record"
test ! -e "$H/bob/cache/$id2" && ls -A "$H/bob/cache" | grep -q "^\.$id2\.tmp\."
ok $? "no record: only its tmp file"
is "$(nO)" "$n" "the one-time secret is kept"
rune $B read "$id2" >"$H/r2" 2>&1 && grep -qx two "$H/r2"
ok $? "read again: the message" || diag "$H/r2"
is "$(nO)" $((n - 1)) "and the one-time secret is deleted now"

# -- fetch, killed at the unlink: delivered afterwards, once
id3=$(send three)
mkdir -p "$H/md"
rune $B fetch --maildir "$H/md" >/dev/null 2>&1
ok $? "bob fetches what he read"
before=$(ls "$H/md/new" | wc -l)
id4=$(send four)
n=$(nO)
kill_at unlink,unlinkat fetch --maildir "$H/md"
is $? 137 "rune fetch killed at its first unlink"
is "$(nO)" "$n" "the one-time secret is still there"
test -s "$H/bob/cache/$id4"
ok $? "the plaintext was stored"
rune $B fetch --maildir "$H/md" >"$H/f" 2>&1
ok $? "fetch again" || diag "$H/f"
is "$(grep -c "^delivered $id4 " "$H/f")" 1 "delivers it" || diag "$H/f"
is "$(ls "$H/md/new" | wc -l)" $((before + 1)) "exactly once"
grep -qx four "$(grep -l "^X-Rune-Id: $id4" "$H"/md/new/*)"
ok $? "with its text"
is "$(nO)" $((n - 1)) "and the one-time secret is deleted"
done_testing
