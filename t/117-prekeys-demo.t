#!/bin/sh
# 117-prekeys-demo.t: `make run`'s demo (rune-admin/run-demo.sh) has
# PREKEYS on and runs rune-keys daemon beside rune-store daemon: the
# capability line is there, and a PREKEYS upload, a count and a PREKEY go
# through keys/socket with no exec of rune-keys; rune-admin shows the
# setting (config and status); Ctrl-C (INT to the group) ends both daemons.
. t/lib/harness.sh
. t/lib/msgparts.sh
. t/lib/demo.sh
RUNE_ROOT=$H/demo/var/runedemo
i=0
while [ ! -S "$RUNE_ROOT/keys/socket" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
[ -S "$RUNE_ROOT/keys/socket" ]; ok $? "the demo runs rune-keys daemon on keys/socket"
is "$("$RUNE_BUILD/rune-admin" config --root "$RUNE_ROOT" prekeys)" 200 \
    "rune-admin config prekeys: 200"
"$RUNE_BUILD/rune-admin" config --root "$RUNE_ROOT" >"$H/config"
grep -q '^prekeys  *200  *control/prekeys$' "$H/config" &&
    grep -q '^prekey_perday  *200  *default$' "$H/config" &&
    grep -q '^prekey_perhour  *60  *default$' "$H/config"
ok $? "rune-admin config lists the three settings and their sources" || diag "$H/config"
"$RUNE_BUILD/rune-admin" status --root "$RUNE_ROOT" 2>&1 | grep -qx 'prekeys 200'
ok $? "rune-admin status: prekeys 200"
h_pid=$demo
# the tests of msgparts.py look for processes under this pid
py demo <<'PY'
exec(open("t/lib/pkparts.py").read())
for a in ("alice@runedemo", "bob@runedemo"):
    eq(talk.Session(PORT).register(a, rm.seed_of(a))[0], 210, "register " + a)
a = login("alice@runedemo")
c, t = a.cmd("CAPABILITIES")
check("PREKEYS 200" in t, "CAPABILITIES: PREKEYS 200", t)
check("ANONSEND 16 4 7" in t, "CAPABILITIES: ANONSEND 16 4 7 (make run turns it on)", t)
eq(upload(a, [rec("alice@runedemo", b"L"), rec("alice@runedemo")])[0], 250, "upload")
eq(count(a)[1][0].split(" ")[0], "1", "count")
c, l, o = fetch(login("bob@runedemo"), "alice@runedemo")
check(c == 250 and o, "PREKEY: L and O")
PY
h_pid=
grep -q "rune-keys: info: serving .*keys/socket with 2 workers" "$H/log"
ok $? "the daemon said it serves" || diag "$H/log"
! grep -q "keys-daemon-unavailable" "$H/log"
ok $? "every session reached the daemon"
kill -INT -"$demo"
i=0
while kill -0 "$demo" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
[ ! -e "$RUNE_ROOT/keys/socket" ]; ok $? "stopped, the daemon removed its socket"
done_testing
