#!/bin/sh
# 153-anon-privsep.t: what a compromised session can do to the token
# writer (doc/privsep.md): on a real `rune-admin setup`, the session's uid
# (runed) cannot read an epoch key, list keys/tokens/ or create a spent
# entry, by the file system or through rune-keys (the daemon's socket or
# the setuid rune-keys prekeys): there it gets no tokens before a login
# proof, none for an address it did not prove, and spends only with a
# valid token (a garbage one spends nothing).
. t/lib/harness.sh
h_domain
. t/lib/setupuid.sh
unset RUNE_ALLOW_ROOT
echo 200 >"$R/control/prekeys"
echo on >"$R/control/anonsend"
SK=$H/bin/rune-keys
E=$(( $(date +%s) / 604800 ))

# the daemon as the owner of keys/, as the supervisor runs it
setsid env RUNE_ROOT="$R" setuidgid runekeys "$SK" daemon 2 \
    2>>"$H/daemon.log" &
D=$!
trap 'kill -TERM $D 2>/dev/null; wait $D 2>/dev/null; kill -9 -$D 2>/dev/null; h_cleanup' EXIT
i=0
while [ ! -S "$R/keys/socket" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
[ -S "$R/keys/socket" ]; ok $? "rune-keys daemon (runekeys) on keys/socket"

# runed asks for the key of E: the writer makes it
asrune() { setuidgid runed env RUNE_ROOT="$R" "$@"; }
asrune /usr/bin/python3 - "$R" "$E" >"$H/py.out" 2>&1 <<'PY'
import socket, sys, os
R, E = sys.argv[1], int(sys.argv[2])
def ask(lines, data=b""):
    s = socket.socket(socket.AF_UNIX)
    s.connect(R + "/keys/socket")
    f = s.makefile("rwb")
    out = []
    for l in lines:
        f.write(l.encode() + b"\n" + (data if l.startswith("issue") else b""))
        f.flush()
        out.append(f.readline().decode().rstrip("\n"))
    return out
print("key", ask(["key %d" % E])[0][:3])
print("issue", ask(["issue amy@runetest %d 16" % E], os.urandom(32) * 16)[0])
print("redeem", ask(["redeem amy@runetest %d %s" % (E, "A" * 86 + "==")])[0])
PY
diag "$H/py.out"
grep -q '^key ok' "$H/py.out"; ok $? "runed: key E through the socket: ok"
grep -q '^issue err 400' "$H/py.out"
ok $? "runed: issue without a login proof: refused"
grep -q '^redeem err 417' "$H/py.out"
ok $? "runed: redeem of a garbage token: 417"

is "$(stat -c '%U %a' "$R/keys/tokens")" "runekeys 2700" \
    "keys/tokens/: runekeys 0700 (setgid from keys/)"
is "$(stat -c '%U %a' "$R/keys/tokens/key/$E")" "runekeys 600" "the epoch key: runekeys 0600"
asrune cat "$R/keys/tokens/key/$E" >/dev/null 2>&1
ok $((! $?)) "runed cannot read the epoch key"
asrune ls "$R/keys/tokens" >/dev/null 2>&1
ok $((! $?)) "runed cannot list keys/tokens/"
asrune touch "$R/keys/tokens/spent/$E/$(printf '%064d' 1)" 2>/dev/null
ok $((! $?)) "runed cannot create a spent entry"
asrune ls "$R/keys/tokens/spent/$E" >/dev/null 2>&1
ok $((! $?)) "nor list the spent set"
n=$(ls "$R/keys/tokens/spent/$E" 2>/dev/null | wc -l)
is "$n" 0 "the garbage redeem spent nothing"

# the setuid helper, as the session execs it without a daemon
printf 'key %s\nredeem amy@runetest %s %s\n' "$E" "$E" "$(head -c 64 /dev/zero | base64 -w0)" |
    asrune "$SK" prekeys >"$H/h.out" 2>"$H/h.err"
is "$(awk '{print $1}' "$H/h.out" | tr '\n' ' ')" "ok err " \
    "setuid rune-keys prekeys as runed: key ok, a zero token refused"
grep -q '^err 417' "$H/h.out"; ok $? "(417)"
asrune "$SK" daemon 1 >/dev/null 2>&1
is $? 100 "runed cannot start a daemon of its own"

# rune-admin setup again (after an upgrade) mends keys/ for the group:
# never keys/tokens/
RUNE_BINDIR=$H/bin "$H/bin/rune-admin" setup --root "$R" --domain runetest \
    --port "$(h_free_port)" --service "$H/svc" >"$H/setup2.out" 2>&1
ok $? "rune-admin setup again" || diag "$H/setup2.out"
is "$(stat -c '%a' "$R/keys/tokens" "$R/keys/tokens/key" "$R/keys/tokens/key/$E" "$R/keys/tokens/salt" | tr '\n' ' ')" \
    "2700 2700 600 600 " "after it keys/tokens/ is still the writer's alone"
asrune cat "$R/keys/tokens/key/$E" >/dev/null 2>&1
ok $((! $?)) "runed still cannot read the epoch key"
done_testing
