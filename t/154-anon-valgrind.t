#!/bin/sh
# 154-anon-valgrind.t: the session's ANONSEND code under valgrind (as t/22
# runs v1's): TOKENKEY, TOKENS, the refusals of REDEEM, a REDEEM, PREKEY
# and SEND … 2 on the permit, the anonymous state's refusals; no error,
# no leak, in any session.
. t/lib/harness.sh
if [ -n "$RUNE_SAN" ]; then
	echo "1..0 # SKIP valgrind does not run sanitized binaries"
	exit 0
fi
command -v valgrind >/dev/null || {
	echo "1..0 # SKIP valgrind not installed"
	exit 0
}
h_domain
# tokens right after registering: no 24-hour wait here (t/197 tests it)
echo 0 >"$RUNE_ROOT/control/anonwait"
. t/lib/anonparts.sh
echo 200 >"$RUNE_ROOT/control/prekeys"
echo on >"$RUNE_ROOT/control/anonsend"
ln -s "$RUNE_BUILD/dyn/rune-session" "$H/rune-session"
WRAP="valgrind -q --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all --error-exitcode=99 --log-file=$H/vg.%p"
RUNE_BUILD_SAVED=$RUNE_BUILD
RUNE_BUILD=$H h_start
RUNE_BUILD=$RUNE_BUILD_SAVED

apy flow <<'PY'
register("alice@runetest", "bob@runetest")
lastresort("bob@runetest", 1)
a = login("alice@runetest")
c, t, pk = tokenkey(a)
c, t, toks = tokens(a, pk)
check(c == 250 and toks, "TOKENS under valgrind", t)
eq(a.cmd("TOKENS %d !!" % E)[0], 400, "a bad TOKENS")
a.cmd("QUIT")
s = talk.Session(PORT)
eq(s.cmd("REDEEM bob@runetest %d %s" % (E, b64(os.urandom(64))))[0], 417,
   "a garbage token: 417")
eq(redeem(s, toks[1], "nobody@runetest")[0], 404, "an unknown receiver: 404")
eq(redeem(s, toks[0], "bob@runetest")[0], 250, "REDEEM: 250")
c, L, O = fetch(s, "bob@runetest")
eq(c, 250, "PREKEY on the permit")
eq(s.cmd("LOGIN alice@runetest")[0], 400, "LOGIN: 400")
blob = anon_blob("alice@runetest", "bob@runetest", b"x" * 3000, pk, L, O)
eq(asend2(s, "bob@runetest", blob)[0], 250, "SEND … 2: 250")
eq(asend2(s, "bob@runetest", blob)[0], 411, "again: 411")
s.cmd("QUIT")
PY
h_stop
n=$(ls "$H"/vg.* 2>/dev/null | wc -l)
[ "$n" -ge 5 ]; ok $? "the sessions ran under valgrind ($n)"
# valgrind's own notes on a syscall it does not know (pidfd_open, 434:
# helper_wait's deadline) are not reports about the program
cat "$H"/vg.* 2>/dev/null | grep -v -e '^--[0-9]*-- ' >"$H/vg.all"
[ ! -s "$H/vg.all" ]
ok $? "valgrind reports nothing" || diag "$H/vg.all"
done_testing
