#!/bin/sh
# The helpers take their settings from control/ only, never from their
# caller's environment, and rune-session passes them none; setuid, a
# helper uses the domain directory of $RUNE_ROOT only when root or its
# owner made it (lib/ownroot.c, doc/privsep.md).  The first part runs as
# any user; the second, as root, makes the users and the setuid helpers
# with rune-admin setup (as t/43 does) and runs the helpers as runed.
. t/lib/harness.sh
h_domain
S=$RUNE_BUILD/rune-store
HOSTILE="RUNE_MAXSIZE=99999999 RUNE_QUOTA_MESSAGES=1000
    RUNE_QUOTA_BYTES=999999999 RUNE_EXPIRE_DAYS=36500 RUNE_DOMAIN=evil"

# put ADDRESS SIZE: a put request of SIZE random octets on stdout
put() { printf 'put %s %s\n' "$1" "$2"; head -c "$2" /dev/urandom; }
# codes: rune-store's answers in $H/ans as "ok" or "err NNN"
codes() { awk '{ printf "%s ", $1 == "err" ? $1 " " $2 : $1 }' "$H/ans"; }

# -- one uid: the environment is not a setting
M=$("$S" name amy@runetest) || echo "Bail out! rune-store name"
# a put stores only for an active receiver (rune-store checks keys/)
echo ed25519:Kay64UG8yvCyLhqU000LxzYeUm0L/hLIl5S8kyKWbdc= |
    "$RUNE_BUILD/rune-keys" register amy@runetest >/dev/null ||
    echo "Bail out! rune-keys register"
echo 2000 >"$RUNE_ROOT/control/maxsize"
echo 1 >"$RUNE_ROOT/control/quota_messages"
put amy@runetest 2223 >"$H/req"
env $HOSTILE "$S" <"$H/req" >"$H/ans" 2>"$H/err"
is "$? $(codes)" "100 err 413 " \
    "rune-store: control/maxsize 2000 holds against RUNE_MAXSIZE: 413"
{ put amy@runetest 2000; put amy@runetest 2000; } >"$H/req"
env $HOSTILE "$S" <"$H/req" >"$H/ans" 2>"$H/err"
is "$(codes)" "ok err 416 " \
    "rune-store: control/quota_messages 1 holds against RUNE_QUOTA_MESSAGES"
rm -f "$RUNE_ROOT/control/maxsize" "$RUNE_ROOT/control/quota_messages"
"$S" purge "$M"

# rune-session: what reaches rune-keys (a stand-in that writes down its
# environment and answers as rune-keys register does)
mkdir "$H/fake" && ln -s "$RUNE_BUILD/rune-store" "$H/fake/rune-store" &&
    printf '#!/bin/sh\nenv | grep ^RUNE_ | sort >%s/keys.env\ncat >/dev/null\necho %s\n' \
    "$H" "$(printf '%064d' 0)" >"$H/fake/rune-keys" &&
    chmod 755 "$H/fake/rune-keys"
RUNE_BINDIR=$H/fake h_start $HOSTILE RUNE_DOMAIN=runetest
RUNE="$RUNE_BUILD/rune --home $H/home --server 127.0.0.1:$PORT"
$RUNE init ann@runetest >"$H/c.out" 2>&1 && $RUNE register >>"$H/c.out" 2>&1
ok $? "a registration through the session" || diag "$H/c.out"
h_stop
printf 'RUNE_ALLOW_ROOT=1\nRUNE_ROOT=%s\n' "$RUNE_ROOT" >"$H/keys.want"
diff "$H/keys.want" "$H/keys.env" >"$H/keys.diff"
ok $? "rune-session passes RUNE_ROOT and RUNE_ALLOW_ROOT, no setting" ||
    diag "$H/keys.diff"

# -- setuid helpers run by the session's uid
. t/lib/setupuid.sh
echo free >"$R/control/registration"
echo 2000 >"$R/control/maxsize"
SK=$H/bin/rune-keys
SS=$H/bin/rune-store
unset RUNE_ALLOW_ROOT
# a domain runed made: its own control/, the real keys/ and store/
mkdir -m 755 "$H/evil" && cp -r "$R/control" "$H/evil/" &&
    echo 99999999 >"$H/evil/control/maxsize" &&
    ln -s "$R/keys" "$H/evil/keys" && ln -s "$R/store" "$H/evil/store" &&
    chown -R runed "$H/evil"
/usr/bin/python3 -c 'import base64, nacl.signing as s
print("ed25519:" + base64.b64encode(bytes(s.SigningKey(b"a" * 32).verify_key)).decode())' \
    >"$H/pk"
setuidgid runed env RUNE_ROOT="$H/evil" "$SK" register mal@runetest \
    <"$H/pk" >/dev/null 2>"$H/why"
r=$?
setuidgid runekeys env RUNE_ROOT="$R" "$RUNE_BUILD/rune-admin" users --list \
    >"$H/list" 2>&1
is "$r $(grep -c mal@ "$H/list")" "100 0" \
    "rune-keys as runed, RUNE_ROOT a directory of runed's: refused"
grep -q 'untrusted RUNE_ROOT' "$H/why"
ok $? "rune-keys says why" || diag "$H/why"
mm=$(setuidgid runestore env RUNE_ROOT="$R" "$SS" name mal@runetest)
put mal@runetest 2223 >"$H/req"
setuidgid runed env RUNE_ROOT="$H/evil" "$SS" <"$H/req" >"$H/ans" 2>"$H/why"
is "$? $(ls "$R/store/$mm/cur" 2>/dev/null | wc -l)" "100 0" \
    "rune-store as runed, RUNE_ROOT runed's with a larger maxsize: refused"
setuidgid runed env RUNE_ROOT=sroot sh -c "cd '$H' && exec '$SS' stats" \
    >/dev/null 2>&1
is $? 100 "rune-store as runed, RUNE_ROOT relative: refused"
chown runed "$R/control/maxsize"
setuidgid runed env RUNE_ROOT="$R" "$SS" <"$H/req" >"$H/ans" 2>"$H/why"
is "$? $(ls "$R/store/$mm/cur" 2>/dev/null | wc -l)" "100 0" \
    "rune-store as runed, a control/ file of runed's: refused"
chown root "$R/control/maxsize"
setuidgid runed env RUNE_ROOT="$R" $HOSTILE "$SS" <"$H/req" >"$H/ans" \
    2>"$H/why"
is "$? $(codes)" "100 err 413 " \
    "rune-store as runed, hostile RUNE_MAXSIZE: control/maxsize holds (413)"
setuidgid runed env RUNE_ROOT="$R" $HOSTILE "$SK" register mal@evil \
    <"$H/pk" >/dev/null 2>&1
is $? 100 "rune-keys as runed, hostile RUNE_DOMAIN: mal@evil refused"
: >"$H/cmds"
# (daemon 0: a pool the old code refused before listening, so that a
# rune-store without this check cannot leave a daemon behind)
for c in "daemon 0" expire stats "purge $mm" init "name mal@runetest"; do
	setuidgid runed env RUNE_ROOT="$R" "$SS" $c </dev/null >"$H/out" \
	    2>"$H/why"
	r=$?
	[ $r = 100 ] && grep -q refused "$H/why" ||
	    echo "$c: exit $r $(cat "$H/why")" >>"$H/cmds"
done
[ ! -e "$R/store/socket" ] || echo "store/socket made" >>"$H/cmds"
[ ! -s "$H/cmds" ]
ok $? "rune-store as runed: daemon, expire, stats, purge, init, name: refused" ||
    diag "$H/cmds"
ln -s "$R" "$H/link" && chown -h runed "$H/link"
setuidgid runed env RUNE_ROOT="$H/link" "$SK" register mal@runetest \
    <"$H/pk" >/dev/null 2>"$H/why"
ok $? "RUNE_ROOT a link of runed's to the real domain: resolved, used" ||
    diag "$H/why"
done_testing
