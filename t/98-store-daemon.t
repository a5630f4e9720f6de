#!/bin/sh
# 98-store-daemon.t: rune-store daemon, the long-lived writer of store/
# (doc/design.md "Process layout"): sessions over TLS put, list, retrieve
# and delete through its socket with no rune-store binary they could
# start; a killed worker is replaced; concurrent senders all land; after
# the daemon stops, or dies leaving a stale socket, sessions start their
# own helper again.
. t/lib/harness.sh
h_domain
. t/lib/msgparts.sh

DAEMON=rune-store DAEMON_WORKERS=2
. t/lib/daemon.sh

d_start; ok $? "rune-store daemon listens on store/socket"
is "$(stat -c %a "$RUNE_ROOT/store/socket")" 600 \
    "the socket is 0600 where store/ is not group-readable"
is "$(d_workers)" 2 "two workers"

# a bindir with rune-keys but no rune-store: only the daemon can store
mkdir "$H/bin" && ln -s "$RUNE_BUILD/rune-keys" "$H/bin/rune-keys"
h_start RUNE_BINDIR="$H/bin"

py daemon <<'PY'
for a in ("alice", "bob"):
    s = talk.Session(PORT)
    eq(s.register(a + "@runetest", rm.seed_of(a + "@runetest"))[0], 210,
       "register " + a)
a = login("alice@runetest")
ids = []
for n in (0, 5000, 200000):
    c, t, blob = rm.send(a, "alice@runetest", "bob@runetest", b"x" * n)
    eq(c, 250, "SEND of %d octets through the daemon: 250" % n)
    ids.append(t[0])
b = login("bob@runetest")
c, l, last = rm.listing(b)
eq([x[0] for x in l], ids, "bob lists the three, in order")
c, st = rm.retrieve(b, ids[1])
eq((c, rm.msgid(st)), (240, ids[1]), "RETRIEVE gives the stored octets")
eq(b.cmd("DELETE " + ids[0]), (250, ["deleted"]), "DELETE through the daemon")
eq(b.cmd("DELETE " + ids[0]), (415, ["no such message"]), "again: 415")
eq(ours(), {k: v for k, v in ours().items() if v != "rune-store"},
   "no rune-store process under tcpserver")
PY

w=$(pgrep -P "$D" | head -1)
kill -KILL "$w"
sleep 0.3
is "$(d_workers)" 2 "a worker killed with SIGKILL is replaced"

py concurrent <<'PY'
def one(i, out):
    try:
        s = login("alice@runetest")
        c, t, blob = rm.send(s, "alice@runetest", "bob@runetest",
                             b"concurrent %d" % i)
        out.put((c, t[0]))
    except Exception as e:
        out.put((0, repr(e)))
out = queue.Queue()
th = [threading.Thread(target=one, args=(i, out)) for i in range(12)]
[t.start() for t in th]
[t.join(60) for t in th]
res = [out.get() for _ in th]
eq(sorted(c for c, _ in res), [250] * 12, "12 concurrent SENDs, 2 workers: all 250")
b = login("bob@runetest")
c, l, last = rm.listing(b)
check(set(i for _, i in res) <= set(x[0] for x in l) and len(l) == 14,
      "all 12 listed, nothing lost or doubled", (len(l),))
eq(ntmp(), 0, "no tmp file left")
PY

d_stop
[ ! -e "$RUNE_ROOT/store/socket" ]; ok $? "a stopped daemon removes its socket"
py stopped <<'PY'
a = login("alice@runetest")
c, t, blob = rm.send(a, "alice@runetest", "bob@runetest", b"no daemon")
eq(c, 451, "no daemon and no rune-store to start: 451, nothing stored")
PY
h_stop
h_start
py fallback <<'PY'
a = login("alice@runetest")
c, t, blob = rm.send(a, "alice@runetest", "bob@runetest", b"helper again")
eq(c, 250, "no daemon: the session starts its own rune-store")
PY

d_start; ok $? "the daemon again"
kill -9 -"$D"; wait "$D" 2>/dev/null; D=
[ -S "$RUNE_ROOT/store/socket" ]; ok $? "killed with SIGKILL, it leaves its socket"
py stale <<'PY'
a = login("alice@runetest")
c, t, blob = rm.send(a, "alice@runetest", "bob@runetest", b"stale socket")
eq(c, 250, "a stale socket: the session starts its own rune-store")
PY
grep -q "event=store-daemon-unavailable" "$H/log"; ok $? "and logs store-daemon-unavailable"
d_start; ok $? "a new daemon replaces the stale socket"
py again <<'PY'
a = login("alice@runetest")
c, t, blob = rm.send(a, "alice@runetest", "bob@runetest", b"daemon again")
eq(c, 250, "SEND through the new daemon")
PY
d_stop
! grep -q -e Sanitizer -e 'runtime error' "$H/daemon.log"; ok $? "no sanitizer report from the daemon"
done_testing
