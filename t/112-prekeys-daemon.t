#!/bin/sh
# 112-prekeys-daemon.t: rune-keys daemon, the long-lived writer of the
# prekey records (doc/design.md "Process layout"): sessions upload and
# fetch through keys/socket with no rune-keys binary they could start;
# 50 parallel fetches get 50 distinct one-time records (PK-P6); workers
# killed with SIGKILL in the middle of a storm of fetches never make a
# one-time record come out twice; a stopped daemon, or a stale socket,
# sends the sessions back to an exec of rune-keys prekeys.
. t/lib/harness.sh
h_domain
. t/lib/msgparts.sh
"$RUNE_BUILD/rune-admin" config --root "$RUNE_ROOT" prekeys 200 >/dev/null 2>&1 &&
    "$RUNE_BUILD/rune-admin" config --root "$RUNE_ROOT" prekey_perday 100000 >/dev/null 2>&1 &&
    "$RUNE_BUILD/rune-admin" config --root "$RUNE_ROOT" prekey_perhour 100000 >/dev/null 2>&1
ok $? "prekeys on, limits out of the way"

DAEMON=rune-keys DAEMON_WORKERS=3
. t/lib/daemon.sh

d_start; ok $? "rune-keys daemon listens on keys/socket"
echo "$D" >"$H/dpid"
is "$(stat -c %a "$RUNE_ROOT/keys/socket")" 600 \
    "the socket is 0600 where keys/ is not group-readable"
is "$(d_workers)" 3 "three workers"

# registration needs rune-keys itself; then a bindir without it: only the
# daemon can serve the prekeys
h_start
py register <<'PY'
exec(open("t/lib/pkparts.py").read())
register("alice@runetest", "bob@runetest", "carol@runetest")
PY
h_stop
mkdir "$H/bin" && ln -s "$RUNE_BUILD/rune-store" "$H/bin/rune-store"
h_start RUNE_BINDIR="$H/bin"

py parallel <<'PY'
exec(open("t/lib/pkparts.py").read())
a = login("alice@runetest")
L = rec("alice@runetest", b"L")
ones = [rec("alice@runetest") for _ in range(50)]
eq(upload(a, [L] + ones)[0], 250, "upload of 50 O through the daemon")
eq(count(a)[1][0].split(" ")[0], "50", "PREKEYS 0: 50")
def one(i, out):
    try:
        s = login("bob@runetest")
        out.put(fetch(s, "alice@runetest"))
    except Exception as e:
        out.put((0, repr(e), None))
out = queue.Queue()
th = [threading.Thread(target=one, args=(i, out)) for i in range(50)]
[t.start() for t in th]
[t.join(60) for t in th]
res = [out.get() for _ in th]
eq(sorted(r[0] for r in res), [250] * 50, "50 parallel PREKEYs: 250")
got = [r[2] for r in res]
eq(sorted(x for x in got if x), sorted(ones), "50 distinct one-time records, each once (PK-P6)")
eq(count(a)[1][0].split(" ")[0], "0", "none left")
check(not os.path.exists(H + "/bin/rune-keys"),
      "all of it with no rune-keys in the sessions' bindir: the daemon served")
PY

# kill -9 of workers during a storm of fetches
py storm <<'PY'
exec(open("t/lib/pkparts.py").read())
c = login("carol@runetest")
ones = [rec("carol@runetest") for _ in range(150)]
eq(upload(c, [rec("carol@runetest", b"L")] + ones)[0], 250, "carol uploads 150 O")
D = int(open(H + "/dpid").read())
stop = time.time() + 6
kills = 0
def worker(out):
    # fetches go on (the last-resort record once the one-time ones are
    # gone) until enough workers were killed: on an idle machine the 150
    # records go in a fraction of a second
    s = None
    while time.time() < stop and kills < 8:
        try:
            if s is None:
                s = login("bob@runetest")
            r = fetch(s, "carol@runetest")
            out.put(r)
        except Exception as e:
            s = None
out = queue.Queue()
th = [threading.Thread(target=worker, args=(out,)) for i in range(4)]
[t.start() for t in th]
while any(t.is_alive() for t in th) and time.time() < stop:
    time.sleep(0.15)
    kids = os.popen("pgrep -P %d" % D).read().split()
    if kids:
        os.kill(int(random.choice(kids)), signal.SIGKILL)
        kills += 1
[t.join(30) for t in th]
res = []
while not out.empty():
    res.append(out.get())
got = [r[2] for r in res if r[0] == 250 and r[2]]
print("kills %d, fetches %d, one-time records %d, 451s %d" % (kills, len(res), len(got),
      sum(1 for r in res if r[0] == 451)))
check(kills >= 5, "workers were killed during the storm", kills)
eq(len(got), len(set(got)), "no one-time record came out twice")
check(set(got) <= set(ones), "each is one carol uploaded")
left = int(count(login("carol@runetest"))[1][0].split(" ")[0])
check(len(got) + left <= 150, "handed out + left <= uploaded", (len(got), left))
PY
is "$(d_workers)" 3 "the killed workers were replaced"

d_stop
[ ! -e "$RUNE_ROOT/keys/socket" ]; ok $? "a stopped daemon removes its socket"
py nodaemon <<'PY'
exec(open("t/lib/pkparts.py").read())
b = login("bob@runetest")
eq(fetch(b, "carol@runetest")[0], 451, "no daemon and no rune-keys to start: 451")
PY
h_stop
h_start
d_start; ok $? "the daemon again"
kill -9 -"$D"; wait "$D" 2>/dev/null; D=
[ -S "$RUNE_ROOT/keys/socket" ]; ok $? "killed with SIGKILL, it leaves its socket"
py stale <<'PY'
exec(open("t/lib/pkparts.py").read())
b = login("bob@runetest")
eq(fetch(b, "carol@runetest")[0], 250, "a stale socket: the session execs rune-keys prekeys")
PY
grep -q "event=keys-daemon-unavailable" "$H/log"; ok $? "and logs keys-daemon-unavailable"
! grep -q -e Sanitizer -e 'runtime error' "$H/daemon.log"; ok $? "no sanitizer report from the daemon"
done_testing
