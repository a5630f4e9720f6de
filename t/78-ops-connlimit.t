#!/bin/sh
# 78-ops-connlimit.t: connection exhaustion.  The shipped service files
# limit connections per client address where the superserver can
# (systemd's MaxConnectionsPerSource in rune.socket, checked with
# systemd-analyze verify; s6-tcpserver's -C in service/s6/run, tried with
# a real s6-tcpserver when one is installed); doc/admin.md says what to do
# for tcpserver, which has no such limit.  And with tcpserver's total
# limit (-c) taken up by clients that keep sending NOOPs, the session
# lifetime (control/sessionmax) frees the slots: a waiting client is
# served.
. t/lib/harness.sh
h_domain

skip() {
	h_n=$((h_n + 1))
	echo "ok $h_n # SKIP $1"
}

# -- systemd
SA=$(command -v systemd-analyze)
if [ -n "$SA" ]; then
	mkdir "$H/units" || exit 1
	for u in rune.socket rune@.service rune.service; do
		sed "s|/usr/local/bin/rune-session|$RUNE_BUILD/rune-session|" \
		    "service/systemd/$u" >"$H/units/$u" || exit 1
	done
	(cd "$H/units" && "$SA" verify --man=no ./rune.socket \
	    ./rune@.service ./rune.service) >"$H/verify.out" 2>&1
	rc=$?
	is "$rc,$(wc -c <"$H/verify.out")" "0,0" \
	    "systemd-analyze verify: the units, no warning"
	diag "$H/verify.out"
else
	skip "systemd-analyze not installed (package systemd)"
fi
n=$(sed -n 's/^MaxConnectionsPerSource=\([0-9]*\)$/\1/p' \
    service/systemd/rune.socket)
m=$(sed -n 's/^MaxConnections=\([0-9]*\)$/\1/p' service/systemd/rune.socket)
[ -n "$n" ] && [ -n "$m" ] && [ "$n" -ge 1 ] && [ "$n" -lt "$m" ]
ok $? "rune.socket: MaxConnectionsPerSource ($n) below MaxConnections ($m)"
r=$(sed -n 's/^RuntimeMaxSec=\([0-9]*\)$/\1/p' service/systemd/rune@.service)
[ -n "$r" ] && [ "$r" -gt 3600 ]
ok $? "rune@.service: RuntimeMaxSec ($r) a backstop above sessionmax 3600"

# -- s6-tcpserver: the -C of service/s6/run, for real
C=$(sed -n 's/.*s6-tcpserver .*-C \([0-9]*\) .*/\1/p' service/s6/run)
[ -n "$C" ] && [ "$C" -ge 1 ] && grep -q 's6-tcpserver -q ' service/s6/run
ok $? "service/s6/run: s6-tcpserver -q (no client address logged), -C $C"
S6=$(command -v s6-tcpserver)
if [ -n "$S6" ]; then
	PORT=$(h_free_port)
	setsid "$S6" -q -c 100 -C "$C" 127.0.0.1 "$PORT" \
	    env RUNE_ROOT="$RUNE_ROOT" RUNE_BINDIR="$RUNE_BINDIR" \
	    "$RUNE_BUILD/rune-session" 2>>"$H/log" &
	h_pid=$!
	h_wait_port "$PORT" || { echo "Bail out! s6-tcpserver did not start"; exit 1; }
	# h_wait_port's probe connection may still count: wait it out
	C=$C /usr/bin/python3 - "$PORT" >"$H/s6.out" 2>&1 <<'PY'
import os, socket, ssl, sys, time
sys.path.insert(0, "t/lib")
import talk
port, c = int(sys.argv[1]), int(os.environ["C"])
def greeted():
    try:
        s = talk.Session(port, timeout=10)
        return s if s.greeting.startswith("HOWDY") else None
    except (talk.Closed, OSError, ssl.SSLError, ValueError):
        return None
held = []
end = time.time() + 20
while len(held) < c and time.time() < end:
    s = greeted()
    if s:
        held.append(s)
print("held %d" % len(held))
print("extra %s" % ("greeted" if greeted() else "refused"))
held.pop().sock.close()
end, again = time.time() + 20, None
while again is None and time.time() < end:
    again = greeted()
    time.sleep(0.05)
print("after one closed %s" % ("greeted" if again else "refused"))
PY
	diag "$H/s6.out"
	grep -qx "held $C" "$H/s6.out"
	ok $? "s6-tcpserver -C $C: $C sessions from one address are greeted"
	grep -qx "extra refused" "$H/s6.out"
	ok $? "s6-tcpserver -C $C: one more is refused"
	grep -qx "after one closed greeted" "$H/s6.out"
	ok $? "s6-tcpserver -C $C: once one has closed, a new one is greeted"
	h_stop
	! grep -q "127\.0\.0\.1" "$H/log"
	ok $? "s6-tcpserver -q: no client address in the log"
	grep "127\.0\.0\.1" "$H/log" | sed "s/^/# /"
	! grep -q 'deny 127' "$H/log" || echo "# s6-networking before 2.6" \
	    "logs each refused client's address even with -q: upgrade it"
else
	for t in "-C: the limit holds" "-C: one more is refused" \
	    "-C: a slot frees" "-q: no client address logged"; do
		skip "s6-tcpserver $t: s6-tcpserver not installed (it is in s6-networking, not in Debian's s6 package)"
	done
fi

# -- tcpserver: no per-address limit; doc/admin.md says what instead
grep -q '^## Connection limits' doc/admin.md &&
    sed -n '/^## Connection limits/,/^## /p' doc/admin.md >"$H/cl.md" &&
    grep -q 'connlimit' "$H/cl.md" && grep -q 'MaxConnectionsPerSource' "$H/cl.md" &&
    grep -q -- '-C' "$H/cl.md" && grep -q 'sessionmax' "$H/cl.md"
ok $? "doc/admin.md: Connection limits, for tcpserver, systemd and s6"

# -- tcpserver -c 2 held by two clients that keep sending NOOPs: the
# lifetime (3 s here) frees the slots, and a third client is served
PORT=$(h_free_port)
setsid tcpserver -D -R -H -l 0 -c 2 127.0.0.1 "$PORT" \
    env RUNE_ROOT="$RUNE_ROOT" RUNE_BINDIR="$RUNE_BINDIR" RUNE_SESSIONMAX=3 \
    RUNE_IDLE=600 $WRAP "$RUNE_BUILD/rune-session" 2>>"$H/log" &
h_pid=$!
h_wait_port "$PORT" || { echo "Bail out! tcpserver did not start"; exit 1; }
/usr/bin/python3 - "$PORT" >"$H/hold.out" 2>&1 <<'PY'
import sys, threading, time
sys.path.insert(0, "t/lib")
import talk
port = int(sys.argv[1])
ends = []
def hold(s):
    """NOOPs every 0.2 s for at most 40 s, then QUIT"""
    end = time.time() + 40
    while time.time() < end:
        c, t = s.cmd("NOOP")
        if c != 250:
            ends.append((c, t[0]))
            return
        time.sleep(0.2)
    s.cmd("QUIT")
    ends.append("quit")
holders = []
for i in range(2):
    s = talk.Session(port)
    th = threading.Thread(target=hold, args=(s,))
    th.start()
    holders.append(th)
try:
    third = talk.Session(port, timeout=25)   # waits for a free slot
    print("third: %s" % third.greeting.split(" ")[0])
except Exception as e:
    print("third: %r" % e)
for th in holders:
    th.join()
for e in ends:
    print("holder: %r" % (e,))
PY
diag "$H/hold.out"
grep -qx "third: HOWDY" "$H/hold.out"
ok $? "tcpserver -c 2 taken by NOOPing clients: a third one is served"
is "$(grep -c "^holder: (421, 'closing: session time limit')" "$H/hold.out")" 2 \
    "the two holders got 421 at the lifetime"
h_stop
done_testing
