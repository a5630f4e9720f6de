#!/bin/sh
# The client's identities against the server: init, free registration,
# login, KEY between two users, the server's RUNE key pinned and checked,
# a changed address key refused loudly, unregister, and the reply codes
# turned into messages and exit codes.
. t/lib/harness.sh
h_domain
h_start
S=127.0.0.1:$PORT
rune() { "$RUNE_BUILD/rune" --server "$S" "$@"; }
A="--home $H/alice"
B="--home $H/bob"

rune $A init Alice@RuneTest >"$H/init.out" 2>&1
ok $? "init alice"
grep -qx 'address alice@runetest' "$H/init.out" &&
    grep -qx "server $S" "$H/init.out" &&
    grep -q '^key ed25519:' "$H/init.out" &&
    grep -q '^fingerprint [0-9a-f]\{4\}\( [0-9a-f]\{4\}\)\{7\}$' "$H/init.out"
ok $? "init prints canonical address, server, key, fingerprint" ||
    diag "$H/init.out"
[ "$(stat -c '%a %s' "$H/alice/secret.key")" = "600 64" ]
ok $? "secret.key: 64 octets, mode 0600"
is "$(cat "$H/alice/config/address")" alice@runetest "config/address"
is "$(cat "$H/alice/config/server")" "$S" "config/server"
cp "$H/alice/secret.key" "$H/alice.key"
rune $A init alice@runetest 2>"$H/init2.err"
is $? 100 "init again without --force: exit 100"
cmp -s "$H/alice/secret.key" "$H/alice.key"
ok $? "init again without --force: the key is kept"

rune $A register >"$H/reg.out" 2>"$H/reg.err"
ok $? "register alice" || diag "$H/reg.err"
is "$(cat "$H/reg.out")" "registered alice@runetest" "register prints it"
grep -q 'pinned its RUNE key' "$H/reg.err"
ok $? "register pins the server's RUNE key on first use"
skey=$("$RUNE_BUILD/rune-admin" fingerprint --root "$H/root" |
    sed -n 's/^server-key //p')
grep -q " $skey\$" "$H/alice/pins/server/$S/rune" 2>/dev/null ||
    [ "$(cat "$H/alice/pins/server/$S/rune")" = "$skey" ]
ok $? "the RUNE pin is the server's key"
rune $A register >/dev/null 2>"$H/reg2.err"
is $? 100 "register again: exit 100"
grep -q '403' "$H/reg2.err"
ok $? "register again: 403 explained" || diag "$H/reg2.err"

rune $A login >"$H/login.out" 2>&1
ok $? "login alice"
is "$(cat "$H/login.out")" "logged in alice@runetest" "login prints it"

rune $B init bob@runetest >/dev/null && rune $B register >/dev/null 2>&1
ok $? "init and register bob"
rune $B key ALICE@runetest >"$H/key.out" 2>"$H/key.err"
ok $? "bob asks for alice's key" || diag "$H/key.err"
akey=$(sed -n 's/^key //p' "$H/init.out")
grep -qx "key $akey" "$H/key.out" && grep -qx 'address alice@runetest' \
    "$H/key.out"
ok $? "KEY gives the key alice made" || diag "$H/key.out"
grep -q 'first use: pinned the key of alice@runetest' "$H/key.err"
ok $? "alice's key pinned on first use"
is "$(cat "$H/bob/pins/key/alice@runetest")" "$akey" "pins/key/ADDRESS"
rune $B key alice@runetest >/dev/null 2>"$H/key2.err"
ok $? "KEY again: the pin matches"
! grep -q pinned "$H/key2.err"
ok $? "KEY again: nothing pinned anew"
rune $B key nobody@runetest 2>"$H/k404.err"
is $? 100 "KEY of an unknown address: exit 100"
grep -q 'no such address (404' "$H/k404.err"
ok $? "404 explained"
rune $B key bob@elsewhere 2>"$H/k402.err"
is $? 100 "KEY of another domain: exit 100"
grep -q '402' "$H/k402.err"
ok $? "402 explained"

# alice's address changes hands: unregistered, freed, registered anew
# setsid: no controlling terminal, even when the tests run in one
setsid -w "$RUNE_BUILD/rune" --server "$S" $A unregister >/dev/null 2>&1 \
    </dev/null
is $? 100 "unregister without a terminal and without --yes: refused"
rune $A login >/dev/null 2>&1
ok $? "... and alice is still registered"
rune $A unregister --yes >"$H/unreg.out" 2>&1
ok $? "unregister --yes"
is "$(cat "$H/unreg.out")" "unregistered alice@runetest" "unregister prints it"
rune $A login 2>"$H/l412.err"
is $? 100 "login after unregister: exit 100"
grep -q '412' "$H/l412.err"
ok $? "412 explained"
RUNE_ROOT=$H/root "$RUNE_BUILD/rune-keys" free alice@runetest >/dev/null 2>&1
ok $? "the administrator frees alice@runetest"
rune $A init alice@runetest --force >"$H/init3.out" 2>&1 &&
    rune $A register >/dev/null 2>&1
ok $? "alice registers again with a new key"
rune $B key alice@runetest >"$H/kc.out" 2>"$H/kc.err"
is $? 100 "bob: alice's key changed: exit 100"
old=$(sed -n 's/^fingerprint //p' "$H/init.out")
new=$(sed -n 's/^fingerprint //p' "$H/init3.out")
grep -q 'THE KEY OF ADDRESS alice@runetest HAS CHANGED' "$H/kc.err" &&
    grep -q "pinned fingerprint: $old" "$H/kc.err" &&
    grep -q "seen fingerprint: *$new" "$H/kc.err" &&
    grep -q 'rune pin --replace alice@runetest' "$H/kc.err"
ok $? "changed key: loud, both fingerprints, how to re-pin" ||
    diag "$H/kc.err"
! grep -q '^key ' "$H/kc.out"
ok $? "changed key: not printed as alice's key"
rune $B pin --replace alice@runetest >/dev/null &&
    rune $B key alice@runetest >"$H/kn.out" 2>/dev/null
ok $? "re-pinned, KEY is taken again"
grep -qx "fingerprint $new" "$H/kn.out"
ok $? "the new key is pinned"

# the server's RUNE key is not the pinned one
cp "$H/bob/pins/server/$S/rune" "$H/rune.pin"
echo "$akey" >"$H/bob/pins/server/$S/rune"
rune $B login >"$H/rk.out" 2>"$H/rk.err"
is $? 100 "server RUNE key differs from the pin: exit 100"
grep -q "THE RUNE KEY OF SERVER $S HAS CHANGED" "$H/rk.err" &&
    grep -q "pinned fingerprint: $old" "$H/rk.err" &&
    grep -q 'pin --replace server-key' "$H/rk.err"
ok $? "RUNE key mismatch: loud, with the fingerprints" || diag "$H/rk.err"
[ ! -s "$H/rk.out" ]
ok $? "RUNE key mismatch: not logged in"
cp "$H/rune.pin" "$H/bob/pins/server/$S/rune"

# registration refused: bad domain, free registration off
rune --home "$H/eve" init eve@otherdomain >/dev/null &&
    rune --home "$H/eve" register 2>"$H/r402.err"
is $? 100 "register in another domain: exit 100"
grep -q '402' "$H/r402.err"
ok $? "402 explained"
echo invite >"$H/root/control/registration"
rune --home "$H/dave" init dave@runetest >/dev/null &&
    rune --home "$H/dave" register 2>"$H/r405.err"
is $? 100 "free registration off: exit 100"
grep -q 'does not offer free registration' "$H/r405.err"
ok $? "405 explained" || diag "$H/r405.err"
done_testing
