#!/bin/sh
# 196-keys-one-connection.t: the session's one client of rune-keys
# (rune-session/keysc.c, doc/design.md "Process layout"): one connection
# to rune-keys a session, made at the first request and kept for the
# later ones while the client keeps up, logged in once (so rune-keys checks the login proof once a
# connection), never in an anonymous session.  Seen from outside, with
# strace on the traced session only: with rune-keys daemon, the connects
# to keys/socket and the login lines written; without it, the execs of
# rune-keys.  An identified session asks TOKENKEY, TOKENS, PREKEY twice,
# PREKEYS 0; an anonymous one TOKENKEY, REDEEM, PREKEY, SEND.  A client
# that is slower than 2 s after the last answer loses the connection.
. t/lib/harness.sh
. t/lib/anonparts.sh
anon_domain clock on
DAEMON=rune-keys DAEMON_WORKERS=2
. t/lib/daemon.sh

h_start
apy setup <<'PY'
register("alice@runetest", "bob@runetest", "carol@runetest")
lastresort("bob@runetest", 2)
lastresort("carol@runetest", 1)
PY
h_stop

# one traced session: strace -f over rune-session and what it starts
ST="strace -f -qq -s 64 -e trace=execve,connect,write"
traced() {	# NAME: the Python on stdin, in one session, traced
	rm -f "$H/st"
	WRAP="$ST -o $H/st" h_start
	apy "$1"
	h_stop
	# under SAN=1, LeakSanitizer refuses to run under ptrace (in the
	# session and in the helpers it starts, which keep their own
	# options): those lines only go; any other report stays in the log
	sed -i -e '/^==[0-9]*==LeakSanitizer has encountered a fatal error\.$/d' \
	    -e '/^==[0-9]*==HINT: For debugging, try setting environment variable LSAN_OPTIONS/d' \
	    -e '/^==[0-9]*==HINT: LeakSanitizer does not work under ptrace/d' "$H/log"
}
connects() { grep -c 'connect(.*keys/socket"' "$H/st"; }
logins() { grep -c 'write([0-9]*, "login ' "$H/st"; }
execs() { grep -c 'execve("[^"]*/rune-keys"' "$H/st"; }

cat >"$H/ident.py" <<'PY'
a = login("alice@runetest")
c, t, pk = tokenkey(a)
eq(c, 250, "TOKENKEY: 250")
c, t, toks = tokens(a, pk)
check(c == 250 and toks, "TOKENS: 250, the proof verifies", t)
json.dump([[x[0].hex(), x[1].hex()] for x in toks], open(H + "/toks", "w"))
eq(fetch(a, "bob@runetest")[0], 250, "PREKEY bob: 250")
eq(fetch(a, "carol@runetest")[0], 250, "PREKEY carol: 250")
eq(a.cmd("PREKEYS 0")[0], 250, "PREKEYS 0: 250")
a.cmd("QUIT")
PY
# without a daemon: the session starts one rune-keys prekeys
traced exec <"$H/ident.py"
is "$(execs)" 1 "no daemon: one rune-keys exec for TOKENKEY, TOKENS, two PREKEYs and PREKEYS 0"
is "$(logins)" 1 "one login line: the proof checked once"

d_start; ok $? "rune-keys daemon listens"
traced ident <"$H/ident.py"
is "$(connects)" 1 "daemon: one connection to keys/socket for the five requests"
is "$(logins)" 1 "one login line on it: the proof checked once"
is "$(execs)" 0 "and no rune-keys exec"

traced anon <<'PY'
toks = [(bytes.fromhex(a), bytes.fromhex(b))
        for a, b in json.load(open(H + "/toks"))]
s = talk.Session(PORT)
c, t, pk = tokenkey(s)
eq(c, 250, "anonymous TOKENKEY: 250")
eq(redeem(s, toks[0], "bob@runetest")[0], 250, "REDEEM bob: 250 permit")
eq(redeem(s, toks[1], "carol@runetest")[0], 250, "REDEEM carol: 250 permit")
c, L, O = fetch(s, "bob@runetest")
eq(c, 250, "PREKEY bob on the permit: 250")
blob = anon_blob("alice@runetest", "bob@runetest", b"hi", pk, L, O)
eq(asend2(s, "bob@runetest", blob)[0], 250, "SEND bob … 2: 250")
eq(fetch(s, "carol@runetest")[0], 250, "PREKEY carol on the permit: 250")
s.cmd("QUIT")
PY
is "$(connects)" 1 "anonymous: one connection for TOKENKEY, two REDEEMs, two PREKEYs"
is "$(logins)" 0 "and no login on it"

# a client that thinks does not keep a worker: the connection goes 2 s
# after its last answer (NOOPs do not keep it), the next request makes
# another (and logs in again)
traced hold <<'PY'
a = login("alice@runetest")
eq(fetch(a, "bob@runetest")[0], 250, "PREKEY bob: 250")
for i in range(3):
    time.sleep(1)
    eq(a.cmd("NOOP")[0], 250, "NOOP %d s later" % (i + 1))
eq(fetch(a, "carol@runetest")[0], 250, "then PREKEY carol: 250")
eq(fetch(a, "bob@runetest")[0], 250, "and at once PREKEY bob: 250")
a.cmd("QUIT")
PY
is "$(connects)" 2 "3 s of NOOPs between two PREKEYs: a second connection"
is "$(logins)" 2 "logged in again on it"

d_stop
done_testing
