#!/bin/sh
# 45-limits-names.t: the longest and shortest names of spec 3 and 13.27,
# end to end through the real client (build/rune) and the real server
# over TLS: domains of 3 and of 50 characters, usernames of 50 (addresses
# of 101 octets) register (free and by invitation), log in, send,
# receive, delete and unregister; the key table's journal, its merge and
# rune-admin users take them; the raw LOGIN/PROOF and REGISTER of the
# longest address (a stack overflow in keytab_get once) end cleanly; one
# character more is refused everywhere.
. t/lib/harness.sh
u50=$(printf 'u%.0s' $(seq 50))
v50=$(printf 'V%.0s' $(seq 50))
d50=$(printf 'd%.0s' $(seq 49))Z
count() { grep -c . "$1" 2>/dev/null || true; }

# ROOTDIR DOMAIN: a domain directory, and a server for it ($PORT, $S)
domain() {
	h_stop
	"$RUNE_BUILD/rune-admin" init "$1" "$2" --registration both \
	    >"$H/init.out" 2>&1 ||
	    { diag "$H/init.out"; echo "Bail out! rune-admin init $2"; exit 1; }
	export RUNE_ROOT=$1
	h_start
	S=127.0.0.1:$PORT
	# where the server listens, for the invitations (rune-admin invite)
	echo 127.0.0.1 >"$1/control/host" && echo "$PORT" >"$1/control/port"
}
rune() { "$RUNE_BUILD/rune" --server "$S" "$@"; }
keys() { "$RUNE_BUILD/rune-keys" "$@"; }

# the whole life of two addresses through the client: init, register,
# login, send both ways, list, read (verified), delete, unregister
life() {	# DOMAIN ADDR1 ADDR2 TAG
	d=$1 a1=$2 a2=$3 tag=$4
	for a in "$a1" "$a2"; do
		rune --home "$H/$tag.$a" init "$a" >"$H/i.out" 2>&1 &&
		    rune --home "$H/$tag.$a" register >"$H/r.out" 2>&1 ||
		    { diag "$H/i.out"; diag "$H/r.out"; return 1; }
	done
	A="--home $H/$tag.$a1" B="--home $H/$tag.$a2"
	rune $A login >/dev/null 2>&1 || return 2
	echo "to the longest" | rune $A send "$a2" -s "$tag" - \
	    >"$H/s.out" 2>"$H/s.err" || { diag "$H/s.err"; return 3; }
	id=$(cat "$H/s.out")
	rune $B list --ids >"$H/l.out" 2>&1 && grep -q "^$id " "$H/l.out" || return 4
	rune $B read "$id" >"$H/rd.out" 2>"$H/rd.err" || return 5
	low=$(echo "$a1" | tr A-Z a-z)
	grep -qx "From: $low" "$H/rd.out" && grep -qx 'to the longest' \
	    "$H/rd.out" || { diag "$H/rd.out"; return 6; }
	echo back | rune $B reply "$id" - >"$H/rp.out" 2>&1 || return 7
	rune $A read "$(cat "$H/rp.out")" 2>/dev/null | grep -qx 'Verified: yes' ||
	    return 8
	rune $B delete "$id" >/dev/null 2>&1 || return 9
	[ "$(rune $B list --ids | wc -l)" = 0 ] || return 10
	return 0
}

# -- a 50-character domain serves (it was "File too large")
domain "$H/d50" "$d50"
D=$(echo "$d50" | tr A-Z a-z)
rune capabilities >"$H/cap.out" 2>&1
ok $? "a 50-character domain: rune capabilities" || diag "$H/cap.out"
grep -qx "DOMAIN $D" "$H/cap.out"
ok $? "CAPABILITIES names the 50-character domain" || diag "$H/cap.out"
! grep -q 'fatal' "$H/log"
ok $? "no fatal error in the session log" || diag "$H/log"

# -- the raw crash: LOGIN of a 101-octet address, then PROOF
out=$(talk "LOGIN $u50@$D" "PROOF x" | tail -2 | cut -c1-3)
is "$out" "220
412" "LOGIN <101 octets>, PROOF x: 220 then 412"
out=$(talk "LOGIN $v50@$D" "PROOF $(printf 'A%.0s' $(seq 86))==" |
    tail -1 | cut -c1-3)
is "$out" 412 "LOGIN <101 octets, mixed case>, a well-formed bad PROOF: 412"

# -- the longest addresses, through the client
life "$D" "$v50@$d50" "$u50@$D" d50
ok $? "101-octet addresses: register, login, send, list, read, reply, delete (rc $?)"
U=$(printf 'v%.0s' $(seq 50))@$D
ls "$H/d50/keys/pending" >"$H/pend.out" 2>&1
grep -qx "a-$U" "$H/pend.out"
ok $? "the journal file of a 101-octet address is named after it" ||
    diag "$H/pend.out"
"$RUNE_BUILD/rune-admin" users --root "$H/d50" --list >"$H/users.out" 2>&1
ok $? "rune-admin users --list reads the journal" || diag "$H/users.out"
grep -q "^$U" "$H/users.out" && grep -q "^$u50@$D" "$H/users.out"
ok $? "and names both 101-octet addresses" || diag "$H/users.out"
keys merge >"$H/merge.out" 2>&1
ok $? "rune-keys merge takes them into keys.cdb" || diag "$H/merge.out"
[ "$(ls "$H/d50/keys/pending" | wc -l)" = 0 ]
ok $? "the journal is empty after the merge"
rune --home "$H/d50.$v50@$d50" login >"$H/lg.out" 2>&1
ok $? "a 101-octet address logs in from keys.cdb" || diag "$H/lg.out"
"$RUNE_BUILD/rune-admin" users --root "$H/d50" >"$H/users2.out" 2>&1
is "$(cat "$H/users2.out")" "2 users: 2 active, 0 disabled; 0 addresses reserved" \
    "rune-admin users counts them after the merge"

# -- the administrator's commands on a 101-octet address
adm() { "$RUNE_BUILD/rune-admin" "$1" --root "$H/d50" "$2" >"$H/adm.out" 2>&1; }
adm disable "$U" && ! rune --home "$H/d50.$v50@$d50" login >/dev/null 2>&1 &&
    adm enable "$U" && rune --home "$H/d50.$v50@$d50" login >/dev/null 2>&1
ok $? "rune-admin disable, then enable, a 101-octet address" ||
    diag "$H/adm.out"
r=$(printf 'r%.0s' $(seq 50))@$D
adm invite "$r" && adm revoke "$r" &&
    "$RUNE_BUILD/rune-admin" invites --root "$H/d50" | grep -q "^$r .* revoked$"
ok $? "rune-admin invite, then revoke, a 101-octet address" ||
    diag "$H/adm.out"

# -- by invitation: the token of a 101-octet address
inv=$(printf 'w%.0s' $(seq 50))@$D
"$RUNE_BUILD/rune-admin" invite --root "$H/d50" "$inv" >"$H/inv.out" 2>&1
ok $? "rune-admin invite of a 101-octet address" || diag "$H/inv.out"
uri=$(sed -n 's/^rune:/rune:/p' "$H/inv.out" | sed "s/@127.0.0.1:[0-9]*/@$S/")
rune --home "$H/inv" init "$inv" >/dev/null 2>&1 &&
    echo "$uri" >"$H/uri" &&
    rune --home "$H/inv" register --invite-file "$H/uri" >"$H/ri.out" 2>&1
ok $? "rune register --invite-file <URI> of a 101-octet address" ||
    diag "$H/ri.out"
"$RUNE_BUILD/rune-admin" invites --root "$H/d50" >"$H/invs.out" 2>&1
grep -q "^$inv .* used$" "$H/invs.out"
ok $? "rune-admin invites: used" || diag "$H/invs.out"

# -- unregister, then the address is reserved (13.21)
rune --home "$H/d50.$u50@$D" unregister --yes >"$H/un.out" 2>&1
ok $? "a 101-octet address unregisters" || diag "$H/un.out"
out=$(talk "KEY $u50@$D" | tail -1 | cut -c1-3)
is "$out" 411 "KEY before login: 411 (the session goes on)"
rune --home "$H/d50.$v50@$d50" key "$u50@$D" >/dev/null 2>"$H/k.err"
is $? 100 "KEY of the unregistered 101-octet address: refused"
grep -q 'no such address' "$H/k.err"
ok $? "no such address" || diag "$H/k.err"
keys merge >/dev/null 2>&1 &&
    "$RUNE_BUILD/rune-admin" users --root "$H/d50" >"$H/users3.out" 2>&1
is "$(cat "$H/users3.out")" "2 users: 2 active, 0 disabled; 1 addresses reserved" \
    "after UNREGISTER and a merge: reserved"

# -- one more is refused: a 51-character domain, a 51-character user
"$RUNE_BUILD/rune-admin" init "$H/d51" "${d50}x" >"$H/i51.out" 2>&1
is $? 100 "rune-admin init of a 51-character domain: 100"
[ ! -e "$H/d51" ]
ok $? "and makes nothing"
rune --home "$H/x51" init "${u50}x@$D" >"$H/x51.out" 2>&1
is $? 100 "rune init of a 51-character user: 100"
out=$(talk "LOGIN ${u50}x@$D" "REGISTER ${u50}x@$D ed25519:AAAA" "KEY ${u50}x@$D" |
    tail -3 | cut -c1-3 | tr '\n' ' ')
is "$out" "400 400 411 " "LOGIN/REGISTER of a 102-octet address: 400"
is "$(ls "$H/d50/keys/pending" | wc -l)" 0 "nothing written for them"

# -- the shortest: a 3-character domain and 3-character users
domain "$H/d3" abc
life abc "bob@abc" "EVE@ABC" d3
ok $? "3-character domain and users: the same life (rc $?)"
keys merge >/dev/null 2>&1 && rune --home "$H/d3.bob@abc" login >/dev/null 2>&1
ok $? "and after a merge"
"$RUNE_BUILD/rune-admin" init "$H/d2" ab >/dev/null 2>&1
is $? 100 "a 2-character domain: 100"
rune --home "$H/x2" init "ab@abc" >/dev/null 2>&1
is $? 100 "a 2-character user: 100"

# -- the reported case: a 14-character domain and a 50-character user
domain "$H/d14" abcdefghijklmn
out=$(talk "LOGIN $u50@abcdefghijklmn" "PROOF x" | tail -2 | cut -c1-3)
is "$out" "220
412" "a 14-character domain: LOGIN <50>@domain, PROOF x: 220 then 412"
rune --home "$H/d14u" init "$u50@abcdefghijklmn" >/dev/null 2>&1 &&
    rune --home "$H/d14u" register >"$H/d14.out" 2>&1
ok $? "and that address registers" || diag "$H/d14.out"
rune --home "$H/d14u" login >/dev/null 2>&1
ok $? "and logs in"
"$RUNE_BUILD/rune-admin" users --root "$H/d14" >"$H/u14.out" 2>&1
is "$(cat "$H/u14.out")" "1 users: 1 active, 0 disabled; 0 addresses reserved" \
    "rune-admin users reads its journal file"
keys merge >"$H/m14.out" 2>&1
ok $? "rune-keys merge takes it" || diag "$H/m14.out"
h_stop
! grep -q 'fatal\|stack-buffer\|Sanitizer' "$H/log"
ok $? "no fatal error, no sanitizer report in any session" ||
    grep -A5 'fatal\|Sanitizer' "$H/log" | head -20 | sed 's/^/# /'
done_testing
