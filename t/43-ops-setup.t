#!/bin/sh
# rune-admin setup as root: the system users, the owners and modes of
# every file of the domain (doc/privsep.md), the helpers setuid to their
# users, the service directory; then the service under supervise, with
# no RUNE_ALLOW_ROOT: sessions as runed, helpers as runekeys/runestore.
# The system users stay on the machine afterwards (see doc/privsep.md).
. t/lib/harness.sh
if [ "$(id -u)" != 0 ]; then
	echo "1..0 # SKIP not root: setup makes system users"
	exit 0
fi
for p in useradd groupadd supervise svc envuidgid setuidgid multilog; do
	command -v $p >/dev/null || {
		echo "1..0 # SKIP $p not installed"
		exit 0
	}
done
# runed must reach the domain: a world-searchable scratch directory, and
# a bin directory of our own for the setuid helpers
chmod 755 "$H"
mkdir -m 755 "$H/bin" &&
    cp "$RUNE_BUILD/rune-session" "$RUNE_BUILD/rune-keys" \
    "$RUNE_BUILD/rune-store" "$RUNE_BUILD/rune-admin" "$H/bin/"
R=$H/root
S=$H/svc
PORT=$(h_free_port)
export RUNE_BINDIR=$H/bin
"$H/bin/rune-admin" setup --root "$R" --domain runetest --port "$PORT" \
    --host rune.example.org --service "$S" >"$H/setup.out" 2>&1
ok $? "rune-admin setup" || diag "$H/setup.out"
is "$(cat "$R/control/host" "$R/control/port" | tr '\n' ' ')" \
    "rune.example.org $PORT " "setup --host --port: control/host and control/port"
grep -q '^tls-key-fingerprint ' "$H/setup.out"
ok $? "setup made the domain and printed its fingerprints"
for u in runed runekeys runestore runelog; do
	getent passwd $u >/dev/null || echo "no user $u"
	case $(getent passwd $u | cut -d: -f7) in
	*/nologin|*/false) ;;
	*) echo "$u has a login shell" ;;
	esac
done >"$H/users"
for u in runed runekeys runestore; do
	[ "$(id -gn $u)" = rune ] || echo "$u: primary group not rune"
done >>"$H/users"
id -nG runelog | grep -qw rune && echo "runelog in group rune" >>"$H/users"
[ ! -s "$H/users" ]
ok $? "users runed, runekeys, runestore (group rune), runelog; no login shell" ||
    diag "$H/users"

# every file setup made: mode, owner, group
( cd "$R" && find . -print | sort | while read -r f; do
	stat -c "%n %a %U %G" "$f"
done ) >"$H/modes"
cat >"$H/modes.want" <<'EOF'
. 750 root rune
./control 755 root root
./control/domain 644 root root
./control/host 644 root root
./control/port 644 root root
./control/registration 644 root root
./control/welcome 644 root root
./keys 2750 runekeys rune
./secret 750 root rune
./secret/server.key 600 runed rune
./store 2750 runestore rune
./tls 750 root rune
./tls/cert.pem 644 root root
./tls/key.pem 600 runed rune
./tls/tls.bin 600 runed rune
EOF
diff "$H/modes.want" "$H/modes" >"$H/modes.diff"
ok $? "the domain's owners and modes" || diag "$H/modes.diff"
is "$(stat -c '%a %U %G' "$H/bin/rune-keys" "$H/bin/rune-store" | tr '\n' ' ')" \
    "4710 runekeys rune 4710 runestore rune " \
    "helpers setuid to their users, run by the group rune only"
( cd "$S" && find . -print | sort | while read -r f; do
	stat -c "%n %a %U" "$f"
done ) >"$H/svc.modes"
cat >"$H/svc.want" <<'EOF'
. 755 root
./env 755 root
./env/RUNE_BINDIR 644 root
./env/RUNE_ROOT 644 root
./log 755 root
./log/main 700 runelog
./log/run 755 root
./run 755 root
EOF
diff "$H/svc.want" "$H/svc.modes" >"$H/svc.diff"
ok $? "the service directory's files" || diag "$H/svc.diff"
is "$(cat "$S/env/RUNE_ROOT")" "$R" "env/RUNE_ROOT"
grep -q "tcpserver -c 100 -D -R -H -l 0 -U 0 $PORT" "$S/run" &&
    grep -q 'envuidgid runed' "$S/run" && ! grep -q -- ' -v' "$S/run" &&
    grep -q 'setuidgid runelog multilog t ./main' "$S/log/run"
ok $? "run: tcpserver as runed without -v; log/run: multilog as runelog" ||
    diag "$S/run"

# what each user may do
setuidgid runed cat "$R/secret/server.key" "$R/tls/key.pem" \
    "$R/tls/tls.bin" >/dev/null
ok $? "runed reads the server key and the TLS key (PEM and tls.bin)"
! setuidgid runekeys cat "$R/secret/server.key" >/dev/null 2>&1 &&
    ! setuidgid runestore cat "$R/tls/key.pem" >/dev/null 2>&1 &&
    ! setuidgid runekeys cat "$R/tls/tls.bin" >/dev/null 2>&1 &&
    ! setuidgid runestore cat "$R/tls/tls.bin" >/dev/null 2>&1
ok $? "runekeys and runestore cannot read the secrets"
! setuidgid runed touch "$R/keys/x" 2>/dev/null &&
    ! setuidgid runed touch "$R/store/x" 2>/dev/null &&
    ! setuidgid runed touch "$R/control/x" 2>/dev/null
ok $? "runed cannot write keys/, store/ or control/"

"$H/bin/rune-admin" setup --root "$R" --port "$PORT" --service "$S" \
    >"$H/setup2.out" 2>&1
ok $? "setup again: no --domain needed, exit 0" || diag "$H/setup2.out"
( cd "$R" && find . -print | sort | while read -r f; do
	stat -c "%n %a %U %G" "$f"
done ) | diff "$H/modes.want" - >/dev/null
ok $? "setup again: the same owners and modes"
"$H/bin/rune-admin" registration --root "$R" free >/dev/null 2>&1

# the service, as a supervisor would run it, with nothing allowing root
# (ASan reserves terabytes of address space: no softlimit under it)
[ -n "$RUNE_SAN" ] && sed -i 's/softlimit -m [0-9]* //' "$S/run"
unset RUNE_ALLOW_ROOT
trap 'svc -dx "$S" "$S/log" 2>/dev/null; h_cleanup' EXIT
(supervise "$S" | supervise "$S/log") 2>>"$H/sup.err" &
sup=$!
h_wait_port "$PORT"
ok $? "supervise started the service" || diag "$H/sup.err"
out=$(talk CAPABILITIES QUIT | sed -n '1p;$p')
is "$out" "HOWDY welcome to runetest
221 bye" "a session as runed"
sleep 1	# multilog writes what the session said
! grep -h "tls.bin" "$S/log/main/current" >"$H/tlsbin.log" 2>/dev/null
ok $? "the session (runed) loads tls/tls.bin: no word of it in the log" ||
    diag "$H/tlsbin.log"
RUNE="$RUNE_BUILD/rune --home $H/home --server 127.0.0.1:$PORT"
$RUNE init bob@runetest >"$H/c.out" 2>&1 && $RUNE register >>"$H/c.out" 2>&1
ok $? "register: the session runs rune-keys (setuid runekeys)" ||
    diag "$H/c.out"
find "$R/keys" ! -user runekeys >"$H/notkeys"
[ -n "$(find "$R/keys" -type f)" ] && [ ! -s "$H/notkeys" ]
ok $? "every file of keys/ belongs to runekeys" || diag "$H/notkeys"
$RUNE login >"$H/l.out" 2>&1
ok $? "login: runed reads the key table rune-keys wrote" || diag "$H/l.out"
ALICE="$RUNE_BUILD/rune --home $H/alice --server 127.0.0.1:$PORT"
$ALICE init alice@runetest >"$H/a.out" 2>&1 &&
    $ALICE register >>"$H/a.out" 2>&1
ok $? "a second user registers" || diag "$H/a.out"

# a message from alice to bob: rune-store (setuid runestore) writes it,
# the session (runed) lists and reads it in process
echo 'hello from alice' >"$H/text"
$ALICE send bob@runetest "$H/text" >"$H/send.out" 2>"$H/send.err"
ok $? "SEND: the session runs rune-store (setuid runestore)" ||
    diag "$H/send.err"
id=$(cat "$H/send.out")
mb=$(cd "$R/store" && find . -mindepth 1 -maxdepth 1 -type d | sed 's|^\./||')
expr "$id" : '[0-9a-f]\{64\}$' >/dev/null &&
    expr "$mb" : '[0-9a-f]\{64\}$' >/dev/null
ok $? "one mailbox in store/ (bob's)"
# what rune-store made under a group-readable store/: files 0640 (the
# usage hint too),
# directories 2750 (setgid: group rune), the locks (store/lock and the
# mailbox's) 0600
( cd "$R/store" && find . -mindepth 1 -print | sort | while read -r f; do
	stat -c "%n %a %U %G" "$f"
done | sed "s|/$mb|/MBOX|; s|/cur/[0-9a-f]*\.$id\.[0-9]*|/cur/MSG|" \
    ) >"$H/store.modes"
printf '%s\n' "./MBOX 2750 runestore rune" "./MBOX/cur 2750 runestore rune" \
    "./MBOX/cur/MSG 640 runestore rune" "./MBOX/lock 600 runestore rune" \
    "./MBOX/tmp 2750 runestore rune" "./MBOX/usage 640 runestore rune" \
    "./lock 600 runestore rune" "./salt 640 runestore rune" \
    >"$H/store.want"
diff "$H/store.want" "$H/store.modes" >"$H/store.diff"
ok $? "store/: salt and message 640, directories 2750, locks 600" ||
    diag "$H/store.diff"
find "$R/keys" "$R/store" -perm /0022 >"$H/gw"
[ ! -s "$H/gw" ]
ok $? "nothing in keys/ or store/ is group- or world-writable" ||
    diag "$H/gw"

$RUNE list --ids >"$H/list.out" 2>"$H/list.err"
ok $? "LIST as runed" || diag "$H/list.err"
set -- $(cat "$H/list.out")
[ "$1" = "$id" ] && [ $# = 2 ]
ok $? "LIST: the message alice sent" || diag "$H/list.out"
$RUNE read "$id" >"$H/read.out" 2>"$H/read.err"
ok $? "RETRIEVE as runed" || diag "$H/read.err"
grep -qx 'From: alice@runetest' "$H/read.out" &&
    grep -qx 'hello from alice' "$H/read.out"
ok $? "RETRIEVE: the message, from alice" || diag "$H/read.out"

# runed reads keys/ and store/ and writes neither
find "$R/keys" "$R/store" -type f ! -name lock ! -name txn \
    ! -name receipt.key >"$H/readable"
r=0
while read -r f; do
	setuidgid runed cat "$f" >/dev/null || r=1
done <"$H/readable"
[ $r = 0 ] && grep -q /salt "$H/readable" && grep -q /cur/ "$H/readable" &&
    grep -q /keys/ "$H/readable" &&
    setuidgid runed ls "$R/keys/pending" "$R/store/$mb/cur" >/dev/null
ok $? "runed reads the key table, the salt and the message" ||
    diag "$H/readable"
: >"$H/writable"
for d in "$R/keys" "$R/keys/pending" "$R/store" "$R/store/$mb" \
    "$R/store/$mb/cur" "$R/store/$mb/tmp"; do
	setuidgid runed touch "$d/x" 2>/dev/null && echo "$d" >>"$H/writable"
	setuidgid runed mkdir "$d/y" 2>/dev/null && echo "$d" >>"$H/writable"
done
while read -r f; do
	setuidgid runed sh -c ': >>"$1"' - "$f" 2>/dev/null &&
	    echo "$f" >>"$H/writable"
done <"$H/readable"
setuidgid runed cat "$R/store/$mb/lock" >/dev/null 2>&1 &&
    echo "$R/store/$mb/lock" >>"$H/writable"
[ ! -s "$H/writable" ] && [ -s "$H/readable" ]
ok $? "runed cannot write in keys/ or store/, nor open a lock" ||
    diag "$H/writable"

$RUNE delete "$id" >"$H/del.out" 2>&1 &&
    [ -z "$(ls "$R/store/$mb/cur")" ]
ok $? "DELETE: rune-store removed the message" || diag "$H/del.out"
$RUNE list --ids >"$H/list2.out" 2>&1 && [ ! -s "$H/list2.out" ]
ok $? "LIST after DELETE: empty" || diag "$H/list2.out"
$RUNE unregister --yes >"$H/unreg.out" 2>&1
ok $? "UNREGISTER" || diag "$H/unreg.out"
[ -d "$R/store" ] && [ ! -e "$R/store/$mb" ]
ok $? "UNREGISTER: rune-store purged the mailbox"
$RUNE login >/dev/null 2>&1
is $? 100 "login after UNREGISTER: refused"
$ALICE login >"$H/l2.out" 2>&1
ok $? "the other user still logs in" || diag "$H/l2.out"
"$H/bin/rune-admin" status --root "$R" >"$H/status" 2>&1
ok $? "status as root (rune-store runs as runestore)" || diag "$H/status"

# files of a domain made by init (0600, 0700) become readable by the
# group when setup runs again; locks stay private
j=$(find "$R/keys/pending" -type f | sed -n 1p)
[ -n "$j" ] && chmod 600 "$R/store/salt" "$j" &&
    chmod 700 "$R/keys/pending" && chmod 644 "$R/keys/lock"
ok $? "modes as init makes them"
"$H/bin/rune-admin" setup --root "$R" --port "$PORT" --service "$S" \
    >"$H/setup3.out" 2>&1
ok $? "setup on private files" || diag "$H/setup3.out"
is "$(stat -c '%a %U %G' "$R/store/salt" "$j" \
    "$R/keys/pending" "$R/keys/lock" | tr '\n' ' ')" \
    "640 runestore rune 640 runekeys rune 2750 runekeys rune 600 runekeys rune " \
    "setup: files 640, directories 2750, locks 600 in keys/ and store/"
$ALICE login >"$H/l3.out" 2>&1
ok $? "login after setup mended the modes" || diag "$H/l3.out"
svc -dx "$S" "$S/log"
i=0
while kill -0 $sup 2>/dev/null && [ $i -lt 400 ]; do
	i=$((i + 1))
	sleep 0.05
done
! kill -0 $sup 2>/dev/null
ok $? "svc -dx stopped the service"
grep -q 'rune-session: info: sid=' "$S/log/main/current" &&
    ! grep -q '127\.0\.0\.1' "$S/log/main/current"
ok $? "multilog as runelog kept the session's lines, no address" ||
    diag "$S/log/main/current"
done_testing
