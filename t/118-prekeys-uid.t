#!/bin/sh
# 118-prekeys-uid.t: the prekey writer under real users (doc/privsep.md,
# a real `rune-admin setup`): run by the session's user runed through the
# setuid bit, rune-keys prekeys takes its settings from control/ (not a
# hostile RUNE_PREKEYS), serves only after a login, and writes
# keys/prekeys/ as runekeys; runed cannot start rune-keys daemon, nor
# write keys/prekeys/ itself; the daemon run as runekeys makes its socket
# for group rune, and runed speaks to it.
. t/lib/harness.sh
. t/lib/setupuid.sh
echo free >"$R/control/registration"
SK=$H/bin/rune-keys
unset RUNE_ALLOW_ROOT
P=$H/prekeys.py
cat >"$P" <<'PY'
# prekeys.py MODE ROOT: records of mal@runetest (seed "a" * 32) on stdout
import base64, os, struct, sys, time
sys.path.insert(0, os.environ["TLIB"])
import nacl.bindings as nb
import rune2
sk = nb.crypto_sign_seed_keypair(b"a" * 32)[1]
def rec(kind):
    return rune2.prekey(kind, nb.crypto_scalarmult_base(os.urandom(32)),
                        int(time.time()) + 86400, "mal@runetest", sk)
n = int(sys.argv[1])
sys.stdout.buffer.write(b"".join([rec(b"L")] + [rec(b"O") for _ in range(n - 1)]))
PY
export TLIB=$PWD/t/lib
/usr/bin/python3 -c 'import base64, nacl.signing as s
print("ed25519:" + base64.b64encode(bytes(s.SigningKey(b"a" * 32).verify_key)).decode())' \
    >"$H/pk"
setuidgid runed env RUNE_ROOT="$R" "$SK" register mal@runetest <"$H/pk" \
    >"$H/receipt" 2>"$H/why"
ok $? "runed registers mal (free registration): a receipt" || diag "$H/why"
rc=$(cat "$H/receipt")

# ask LINES...: the lines to rune-keys prekeys as runed, with a hostile
# environment; the answers in $H/ans
ask() {
	{ printf '%s\n' "$@"; } >"$H/req"
	[ -z "$BODY" ] || cat "$BODY" >>"$H/req"
	setuidgid runed env RUNE_ROOT="$R" RUNE_PREKEYS=1000 \
	    RUNE_PREKEY_PERHOUR=1000000 "$SK" prekeys <"$H/req" >"$H/ans" \
	    2>"$H/why"
}
BODY=
ask "login mal@runetest $rc" count
is "$? $(head -1 "$H/ans")" "100 err 451 temporary failure" \
    "control/prekeys absent (off): refused, whatever RUNE_PREKEYS says"
echo 3 >"$R/control/prekeys"
ask count
is "$(cat "$H/ans")" "err 400 bad request" "count before a login: refused"
ask "login mal@runetest $(echo "$rc" | tr 0-9a-f 1-9a-f0)" count
is "$(cat "$H/ans")" "err 412 login proof invalid" "a wrong receipt: 412"
/usr/bin/python3 "$P" 4 >"$H/recs4"
BODY=$H/recs4
ask "login mal@runetest $rc" "upload 4"
is "$(tail -1 "$H/ans" | cut -c1-6)" "ok 3 1" "upload of L and 3 O (control/prekeys 3): ok 3 ..."
/usr/bin/python3 "$P" 5 >"$H/recs5"
BODY=$H/recs5
ask "login mal@runetest $rc" "upload 5"
is "$(tail -1 "$H/ans")" "err 400 bad request" \
    "5 records over control/prekeys + 1 (not RUNE_PREKEYS 1000): refused"
BODY=
f=$(ls "$R/keys/prekeys" | grep -E '^[0-9a-f]{32}$')
is "$(stat -c '%U:%G %a' "$R/keys/prekeys/$f")" "runekeys:rune 640" \
    "the record file is runekeys', 0640"
is "$(stat -c '%U:%G %a' "$R/keys/prekeys")" "runekeys:rune 2750" \
    "keys/prekeys/ is runekeys', 2750"
is "$(stat -c '%a' "$R/keys/prekeys/lock")" 600 "its lock is 0600"
sum=$(cksum <"$R/keys/prekeys/$f")
setuidgid runed sh -c "echo x >'$R/keys/prekeys/$f'" 2>/dev/null
[ $? != 0 ] && [ "$(cksum <"$R/keys/prekeys/$f")" = "$sum" ]
ok $? "runed cannot write a record file"
setuidgid runed sh -c "echo x >'$R/keys/prekeys/new'" 2>/dev/null
[ $? != 0 ] && [ ! -e "$R/keys/prekeys/new" ]
ok $? "runed cannot make a file in keys/prekeys/"

setuidgid runed env RUNE_ROOT="$R" "$SK" daemon 1 </dev/null >/dev/null \
    2>"$H/why"
is "$? $([ -e "$R/keys/socket" ] && echo socket)" "100 " \
    "runed cannot start rune-keys daemon"
grep -q refused "$H/why"; ok $? "and is told why" || diag "$H/why"

setuidgid runekeys env RUNE_ROOT="$R" setsid "$SK" daemon 1 2>"$H/daemon.log" &
D=$!
trap 'kill -TERM $D 2>/dev/null; wait $D 2>/dev/null; h_cleanup' EXIT
i=0
while [ ! -S "$R/keys/socket" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
is "$(stat -c '%U:%G %a' "$R/keys/socket")" "runekeys:rune 660" \
    "the daemon, as runekeys: keys/socket for group rune"
# setup again while the daemons run: their sockets are left as they are
RUNE_BINDIR=$H/bin "$H/bin/rune-admin" setup --root "$R" --domain runetest \
    --service "$H/svc" >"$H/setup2.out" 2>&1
ok $? "rune-admin setup again while rune-keys daemon runs" || diag "$H/setup2.out"
is "$(stat -c '%U:%G %a' "$R/keys/socket")" "runekeys:rune 660" \
    "and the socket is as the daemon made it"
setuidgid runed /usr/bin/python3 - "$R/keys/socket" "$rc" >"$H/sock" 2>&1 <<'PY'
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
f = s.makefile("rwb")
for l in ("login mal@runetest " + sys.argv[2], "count"):
    f.write(l.encode() + b"\n"); f.flush()
    print(f.readline().decode().strip())
PY
is "$(sed -n 1p "$H/sock") $(sed -n 2p "$H/sock" | cut -c1-4)" "ok ok 3" \
    "runed logs in on the socket and counts" || diag "$H/sock"
kill -TERM $D; wait $D
[ ! -e "$R/keys/socket" ]; ok $? "the daemon ends on TERM and removes its socket"
done_testing
