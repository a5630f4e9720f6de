#!/bin/sh
# 77-faults-limits.t: out of file descriptors (RLIMIT_NOFILE, EMFILE) and
# out of memory (RLIMIT_AS, ENOMEM) in rune-session and in each helper
# (rune-store, rune-keys): every command gets its usual reply or a clean
# 451 (421 where the session must close), no process crashes (each
# session logs its end), nothing is half-written (no tmp file in store/
# or keys/, keys/ unchanged by a failed REGISTER), and all is well again
# without the limit.  The RLIMIT_AS parts are skipped under RUNE_SAN=1:
# ASan reserves terabytes of address space and cannot run under a small
# RLIMIT_AS.
. t/lib/harness.sh
PRLIMIT=$(command -v prlimit) || {
	echo "1..0 # SKIP no prlimit (util-linux)"
	exit 0
}
h_domain

# the helpers behind a wrapper that runs them under the prlimit options in
# $H/hlim, when that file exists (an absolute path: a helper's
# environment has no PATH)
mkdir "$H/bin" || exit 1
for p in rune-store rune-keys; do
	cat >"$H/bin/$p" <<WRAP
#!/bin/sh
if [ -f "$H/hlim" ]; then
	exec $PRLIMIT \$(cat "$H/hlim") "$RUNE_BUILD/$p" "\$@"
fi
exec "$RUNE_BUILD/$p" "\$@"
WRAP
	chmod +x "$H/bin/$p" || exit 1
done
export RUNE_BINDIR=$H/bin
. t/lib/msgparts.sh

# the files of keys/ and store/ with their contents
state() {
	(cd "$RUNE_ROOT" && find keys store -type f | sort | xargs sha256sum)
}
# every session that connected logged its end (or its failure)
ends() {
	sed -n 's/.*sid=\([0-9a-f]*\) event=connect$/\1/p' "$H/log" |
	    sort >"$H/sid.conn"
	sed -n 's/.*sid=\([0-9a-f]*\) event=\(end\|fail\) .*/\1/p' "$H/log" |
	    sort -u >"$H/sid.end"
	missing=$(comm -23 "$H/sid.conn" "$H/sid.end" | wc -l)
	is "$(wc -l <"$H/sid.conn") $missing" "$(wc -l <"$H/sid.conn") 0" \
	    "$1: every session logged its end (no crash)"
	[ "$missing" = 0 ] || diag "$H/log"
}

h_start
py setup <<'PY'
for a in ("alice@runetest", "bob@runetest"):
    eq(talk.Session(PORT).register(a, rm.seed_of(a))[0], 210, "register " + a)
c, t, _ = rm.send(login("alice@runetest"), "alice@runetest", "bob@runetest",
                  b"first")
eq(c, 250, "a message for bob")
open(H + "/first", "w").write(t[0])
PY
h_stop

# each command under a limit: its usual reply or 451 (421 only as a
# closing reply); what follows in the same session still works when the
# limit allows it.  Prints "lim: verb code" lines for the log.
cat >"$H/round.py" <<'PY'
import sys
first = open(H + "/first").read()
lim = os.environ["LIM"]
allowed = {
    "LOGIN": (230, 451), "LIST": (250, 451), "KEY": (250, 451),
    "RETRIEVE": (240, 451), "SEND": (250, 451), "SEND-BIG": (250, 451),
    "DELETE": (250, 451, 415), "NOOP": (250,), "REGISTER": (210, 451),
}
bad = []
strict = os.environ.get("STRICT")     # a limit that leaves enough
def got(verb, c):
    print("%s: %s %s" % (lim, verb, c))
    if c not in allowed[verb] or (strict and c == 451):
        bad.append((verb, c))
try:
    s = talk.Session(PORT)
    c, t = s.login("bob@runetest", rm.seed_of("bob@runetest"))
    got("LOGIN", c)
    if c == 230:
        c, l, _ = rm.listing(s)
        got("LIST", c)
        got("KEY", s.cmd("KEY alice@runetest")[0])
        c, st = rm.retrieve(s, first)
        got("RETRIEVE", c)
        if c == 240:
            eq(rm.msgid(st), first, lim + ": RETRIEVE gives the message whole")
        got("SEND", rm.send(s, "bob@runetest", "alice@runetest", b"s" * 2000)[0])
        if "as=" in lim:    # a 9 MB SEND needs memory, not descriptors
            got("SEND-BIG", rm.send(s, "bob@runetest", "alice@runetest",
                                    b"b" * 9000000)[0])
        got("NOOP", s.cmd("NOOP")[0])
    s.cmd("QUIT")
    a = "new%d@runetest" % int(time.time() * 1000 % 1000000)
    c = talk.Session(PORT).register(a, rm.seed_of(a))[0]
    got("REGISTER", c)
    if c == 210:       # undo, so that keys/ compares equal below
        print("registered " + a)
        open(H + "/registered", "a").write(a + "\n")
except talk.Closed:
    bad.append("closed without a reply")
eq(bad, [], lim + ": every reply as expected")
check(wait_idle(), lim + ": every session and helper ends")
eq(ntmp(), 0, lim + ": no tmp file in store/")
PY
# round NAME [strict]: one round of commands under the limit set
round() {
	state >"$H/state.before"
	: >"$H/registered"
	cat t/lib/msgparts.py "$H/round.py" >"$H/block.py"
	LIM="$1" STRICT="$2" /usr/bin/python3 "$H/block.py" "$PORT" "$RUNE_ROOT" "$H" \
	    "$h_pid" >"$H/py.out" 2>"$H/py.err"
	py_rc=$?
	while IFS= read -r l; do
		case $l in
		"ok - "*) ok 0 "${l#ok - }" ;;
		"not ok - "*) ok 1 "${l#not ok - }" ;;
		*) echo "# $l" ;;
		esac
	done <"$H/py.out"
	ok $py_rc "$1: the Python part ran to its end" || diag "$H/py.err"
	state >"$H/state.after"
	# what may change: bob's and alice's mailboxes (a SEND that got 250,
	# a DELETE), keys/ only by a REGISTER that got 210
	if [ -s "$H/registered" ]; then
		ok 0 "$1: (REGISTER got 210; keys/ may change)"
	else
		grep ' keys/' "$H/state.before" >"$H/k.before"
		grep ' keys/' "$H/state.after" >"$H/k.after"
		cmp -s "$H/k.before" "$H/k.after"
		ok $? "$1: keys/ unchanged, no tmp file in it"
		diff "$H/k.before" "$H/k.after" | sed 's/^/# /'
	fi
	nt=$(find "$RUNE_ROOT/keys" -name '.*tmp*' | wc -l)
	is "$nt" 0 "$1: no tmp file in keys/"
}

# session_under LIMIT VALUE...: a round each with rune-session under
# prlimit --LIMIT=VALUE (the last value is enough for all: strict)
session_under() {
	lim=$1
	shift
	for v in "$@"; do
		: >"$H/log"
		WRAP="$PRLIMIT --$lim=$v" h_start
		round "session $lim=$v" $([ "$v" != "$last" ] || echo strict)
		h_stop
		ends "session $lim=$v"
	done
}
# helpers_under LIMIT VALUE...: the same with the helpers under it
helpers_under() {
	lim=$1
	shift
	h_start
	for v in "$@"; do
		echo "--$lim=$v" >"$H/hlim"
		: >"$H/log"
		round "helpers $lim=$v" $([ "$v" != "$last" ] || echo strict)
		ends "helpers $lim=$v"
	done
	rm -f "$H/hlim"
	h_stop
}

# rune-session out of descriptors: from too few for anything but the
# greeting to enough for all
last=16 session_under nofile 4 5 8 16
# the helpers out of descriptors
last=16 helpers_under nofile 3 5 8 16

if [ -n "$RUNE_SAN" ]; then
	echo "ok $((h_n + 1)) # SKIP RLIMIT_AS: ASan cannot run under a small address space limit"
	h_n=$((h_n + 1))
else
	# rune-session out of memory: a 9 MB SEND needs two 9 MB buffers
	last=40000000 session_under as 16000000 40000000
	# the helpers out of memory: too little to start, or to work
	last=40000000 helpers_under as 1000000 2000000 4000000 40000000
fi

# without limits, all is well
: >"$H/log"
h_start
py after <<'PY'
first = open(H + "/first").read()
b = login("bob@runetest")
c, st = rm.retrieve(b, first)
eq((c, rm.msgid(st)), (240, first), "the first message is whole")
eq(rm.send(b, "bob@runetest", "alice@runetest", b"after")[0], 250, "SEND 250")
eq(talk.Session(PORT).register("zed@runetest", rm.seed_of("zed@runetest"))[0],
   210, "REGISTER 210")
PY
h_stop
done_testing
