#!/bin/sh
# rune-keys does for the session's user only what a client may ask
# (doc/privsep.md): register (as control/registration allows), and
# unregister of an address whose client signed a login (the PROOF,
# checked again by rune-keys) or that this session registered (rune-keys'
# receipt).  Every administrative command is refused.  The first part
# runs as any user (one uid: the proofs); the second, as root, makes the
# users and the setuid helpers with rune-admin setup (as t/43 does) and
# runs rune-keys as runed with a hostile environment and arguments.
. t/lib/harness.sh
PY=/usr/bin/python3
h_domain
K=$RUNE_BUILD/rune-keys
export RUNE_MERGE_PENDING=0

# pk SEED: the key text of the client key of the 32-octet seed SEED*32
pk() {
	$PY -c 'import sys, base64, nacl.signing as s
k = s.SigningKey(sys.argv[1].encode() * 32).verify_key
print("ed25519:" + base64.b64encode(bytes(k)).decode())' "$1"
}
# proof ADDRESS SEED: a login proof as the session passes it (b64(n),
# the server key text, b64(signature)), for a random n and server key
proof() {
	$PY -c 'import os, sys, base64, nacl.signing as s
b = lambda x: base64.b64encode(x).decode()
n, spk = os.urandom(32), bytes(s.SigningKey(os.urandom(32)).verify_key)
sig = s.SigningKey(sys.argv[2].encode() * 32).sign(b"RUNE-1 login\0" +
    sys.argv[1].encode() + b"\0" + spk + n).signature
print(b(n)); print("ed25519:" + b(spk)); print(b(sig))' "$1" "$2"
}
# state ADDRESS: its state as rune-admin users --list shows it, or "absent"
state() {
	RUNE_ALLOW_ROOT=1 "$RUNE_BUILD/rune-admin" users --list | awk -v a="$1" '$1 == a { s = $2 }
	    END { print s ? s : "absent" }'
}

# -- one uid: the proofs
pk a >"$H/pk.a" && pk b >"$H/pk.b" ||
    { echo "Bail out! no python3-nacl"; exit 1; }
"$K" register ann@runetest <"$H/pk.a" >"$H/rc.ann" 2>"$H/err"
ok $? "register ann"
grep -qx '[0-9a-f]\{64\}' "$H/rc.ann"
ok $? "register prints a receipt: 64 hex digits" || diag "$H/rc.ann"
"$K" register bea@runetest <"$H/pk.b" >"$H/rc.bea" 2>>"$H/err"
proof ann@runetest b >"$H/forged"
"$K" unregister ann@runetest <"$H/forged" 2>>"$H/err"
is "$? $(state ann@runetest)" "105 active" \
    "unregister with a proof signed by another key: 105, still active"
proof bea@runetest b >"$H/bea.proof"
"$K" unregister ann@runetest <"$H/bea.proof" 2>>"$H/err"
is "$? $(state ann@runetest)" "105 active" \
    "unregister with bea's valid proof for ann: 105, still active"
"$K" unregister ann@runetest <"$H/rc.bea" 2>>"$H/err"
is "$? $(state ann@runetest)" "105 active" \
    "unregister with the receipt of bea's registration: 105"
printf 'x\ny\n' | "$K" unregister ann@runetest 2>>"$H/err"
is "$? $(state ann@runetest)" "105 active" "unregister with junk: 105"
"$K" unregister ann@runetest <"$H/rc.ann" 2>>"$H/err"
is "$? $(state ann@runetest)" "0 reserved" \
    "unregister with ann's own receipt: 0, reserved"
proof bea@runetest b >"$H/bea.proof"
"$K" unregister bea@runetest <"$H/bea.proof" 2>>"$H/err"
is "$? $(state bea@runetest)" "0 reserved" \
    "unregister with bea's login proof: 0, reserved"
RUNE_DOMAIN=evil "$K" register cat@evil <"$H/pk.a" >/dev/null 2>>"$H/err"
is $? 100 "RUNE_DOMAIN in the environment is ignored: cat@evil refused"

# -- the session's uid, on a real setup
. t/lib/setupuid.sh
SK=$H/bin/rune-keys
# as root, the owner's view (rune-keys as runekeys, not setuid)
lst() {
	setuidgid runekeys env RUNE_ROOT="$R" "$RUNE_BUILD/rune-admin" users \
	    --list 2>/dev/null
}
sstate() {
	lst | awk -v a="$1" '$1 == a { s = $2 } END { print s ? s : "absent" }'
}
setuidgid runekeys env RUNE_ROOT="$R" "$SK" register dan@runetest \
    <"$H/pk.a" >/dev/null 2>>"$H/err" &&
    setuidgid runekeys env RUNE_ROOT="$R" "$SK" register eve@runetest \
    <"$H/pk.b" >/dev/null 2>>"$H/err" &&
    setuidgid runekeys env RUNE_ROOT="$R" "$SK" disable eve@runetest \
    2>>"$H/err"
ok $? "the owner registers dan and eve, disables eve"
# as runed: the session's uid, with a hostile environment
HOSTILE="RUNE_ROOT=$R RUNE_ALLOW_ROOT=1 RUNE_MERGE_PENDING=1
    RUNE_REGISTRATION=free RUNE_MAXSIZE=99999999999"
asrun() { setuidgid runed env $HOSTILE "$SK" "$@"; }
lst >"$H/before"
: >"$H/admin"
for c in "disable dan@runetest" "enable eve@runetest" "free dan@runetest" \
    "revoke dan@runetest" "invite mal@runetest 4000000000" "merge" "load" \
    "unregister dan@runetest"; do
	asrun $c </dev/null >"$H/out" 2>"$H/why"
	r=$?
	[ $r = 100 ] && grep -q refused "$H/why" && [ ! -s "$H/out" ] ||
	    echo "$c: exit $r $(cat "$H/why")" >>"$H/admin"
done
lst | diff "$H/before" - >>"$H/admin"
[ ! -s "$H/admin" ]
ok $? "as runed: disable, enable, free, revoke, invite, merge, load, \
unregister without a proof: refused, table unchanged" ||
    diag "$H/admin"
echo invite >"$R/control/registration"
proof dan@runetest b >"$H/forged"
asrun unregister dan@runetest <"$H/forged" 2>/dev/null
is "$? $(sstate dan@runetest)" "105 active" \
    "as runed: unregister with a forged proof: 105, still active"
asrun register mal@runetest <"$H/pk.b" >/dev/null 2>&1
is "$? $(sstate mal@runetest)" "100 absent" \
    "as runed: register while control/ says invite only: refused"
asrun register-invite mal@runetest </dev/null >/dev/null 2>&1
is "$? $(sstate mal@runetest)" "100 absent" \
    "as runed: register-invite without a token: refused"
proof dan@runetest a >"$H/dan.proof"
asrun unregister dan@runetest <"$H/dan.proof" 2>>"$H/err"
is "$? $(sstate dan@runetest)" "0 reserved" \
    "as runed: unregister with dan's own login proof: done (what PROOF allows)"
proof eve@runetest b >"$H/eve.proof"
asrun unregister eve@runetest <"$H/eve.proof" 2>/dev/null
is "$? $(sstate eve@runetest)" "105 disabled" \
    "as runed: a disabled address (no login possible): 105, still disabled"
echo free >"$R/control/registration"
asrun register fay@runetest <"$H/pk.a" >"$H/rc.fay" 2>>"$H/err"
is "$? $(sstate fay@runetest)" "0 active" \
    "as runed: register while control/ says free: done"
asrun unregister fay@runetest <"$H/rc.fay" 2>>"$H/err"
is "$? $(sstate fay@runetest)" "0 reserved" \
    "as runed: unregister with the receipt of that registration: done"
find "$R/keys" ! -user runekeys >"$H/notkeys"
[ ! -s "$H/notkeys" ] && [ "$(stat -c %a "$R/keys/receipt.key")" = 600 ]
ok $? "keys/ all runekeys'; receipt.key 0600 (runed cannot read it)" ||
    diag "$H/notkeys"
done_testing
