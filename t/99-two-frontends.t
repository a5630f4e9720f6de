#!/bin/sh
# 99-two-frontends.t: two front ends (two tcpservers, as two machines
# would run) serve one data directory at once (doc/admin.md, "More than
# one front end"): concurrent REGISTER of the same addresses through both;
# concurrent SENDs through both, first with the rune-store daemon, then
# with each session starting its own helper; then LIST, RETRIEVE and
# DELETE crossing the front ends: every address registered once, every
# accepted message stored once, every delete seen by both, nothing left
# in tmp/.
. t/lib/harness.sh
h_domain
. t/lib/msgparts.sh

setsid "$RUNE_BUILD/rune-store" daemon 2 2>>"$H/daemon.log" &
D=$!
P2=$(h_free_port)
setsid tcpserver -D -R -H -l 0 127.0.0.1 "$P2" env RUNE_ROOT="$RUNE_ROOT" \
    RUNE_BINDIR="$RUNE_BINDIR" "$RUNE_BUILD/rune-session" 2>>"$H/log2" &
T2=$!
trap 'kill -9 -"$T2" -"$D" 2>/dev/null; wait "$T2" "$D" 2>/dev/null; h_cleanup' EXIT
h_wait_port "$P2"; ok $? "front end 2 listens"
i=0
while [ ! -S "$RUNE_ROOT/store/socket" ] && [ $i -lt 200 ]; do
	sleep 0.05; i=$((i + 1))
done
h_start
echo "$P2" >"$H/port2"

py register <<'PY'
P2 = int(open(H + "/port2").read())
names = ["user%02d" % i for i in range(10)]
res = queue.Queue()
def reg(port, a):
    try:
        s = talk.Session(port)
        res.put((a, s.register(a + "@runetest", rm.seed_of(a + "@runetest"))[0]))
    except Exception as e:
        res.put((a, repr(e)))
th = [threading.Thread(target=reg, args=(p, a)) for a in names for p in (PORT, P2)]
[t.start() for t in th]
[t.join(60) for t in th]
codes = {}
for _ in th:
    a, c = res.get()
    codes.setdefault(a, []).append(c)
eq(sorted(c for v in codes.values() for c in v if c == 210), [210] * 10,
   "20 concurrent REGISTERs of 10 addresses through 2 front ends: 10 x 210")
check(all(sorted(v)[1] != 210 for v in codes.values()),
      "no address registered twice", codes)
json.dump(names, open(H + "/names", "w"))
PY

cat >"$H/round.py" <<'PY'
P2 = int(open(H + "/port2").read())
names = json.load(open(H + "/names"))
sent = queue.Queue()
def send(port, i):
    try:
        frm = names[i % 10]
        s = talk.Session(port)
        c, t = s.login(frm + "@runetest", rm.seed_of(frm + "@runetest"))
        to = names[(i * 3 + 1) % 10]
        c, t, blob = rm.send(s, frm + "@runetest", to + "@runetest",
                             b"message %d" % i)
        sent.put((c, to, t[0] if c == 250 else t))
    except Exception as e:
        sent.put((0, None, repr(e)))
th = [threading.Thread(target=send, args=((PORT, P2)[i % 2], i)) for i in range(40)]
[t.start() for t in th]
[t.join(120) for t in th]
got = [sent.get() for _ in th]
eq(sorted(c for c, _, _ in got), [250] * 40, "40 concurrent SENDs through both: all 250")
with open(H + "/sent", "a") as f:
    for c, to, mid in got:
        f.write("%s %s\n" % (to, mid))
PY
py daemon <"$H/round.py"
kill -TERM "$D"; wait "$D" 2>/dev/null
[ ! -e "$RUNE_ROOT/store/socket" ]; ok $? "daemon stopped: sessions start their own rune-store"
py helpers <"$H/round.py"

py check <<'PY'
P2 = int(open(H + "/port2").read())
names = json.load(open(H + "/names"))
want = {}
for line in open(H + "/sent"):
    to, mid = line.split()
    want.setdefault(to, []).append(mid)
eq(sum(len(v) for v in want.values()), 80, "80 messages accepted in two rounds")
bad = []
for k, a in enumerate(names):
    s = talk.Session((PORT, P2)[k % 2])
    s.login(a + "@runetest", rm.seed_of(a + "@runetest"))
    c, l, last = rm.listing(s)
    ids = [x[0] for x in l]
    if sorted(ids) != sorted(want.get(a, [])):
        bad.append((a, len(ids), len(want.get(a, []))))
    for mid in ids:
        c, st = rm.retrieve(s, mid)
        if c != 240 or rm.msgid(st) != mid:
            bad.append((a, mid, c))
    o = talk.Session((P2, PORT)[k % 2])
    o.login(a + "@runetest", rm.seed_of(a + "@runetest"))
    for mid in ids[::2]:
        if o.cmd("DELETE " + mid) != (250, ["deleted"]):
            bad.append((a, "delete", mid))
    c, l, last = rm.listing(s)
    if sorted(x[0] for x in l) != sorted(ids[1::2]):
        bad.append((a, "after delete", len(l)))
eq(bad, [], "each message stored once, listed and retrieved through both, deletes seen by both")
eq(ntmp(), 0, "no tmp file left")
PY
! grep -q -e Sanitizer -e 'runtime error' "$H/log2" "$H/daemon.log"
ok $? "no sanitizer report from front end 2 or the daemon"
done_testing
