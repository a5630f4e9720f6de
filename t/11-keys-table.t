#!/bin/sh
# rune-keys: registrations, invitations, states, races, merges, and
# kill -9 at random moments (doc/keys.md).  The C side of the lookups is
# t/13-keys-lookup.c.
. t/lib/harness.sh
K=$RUNE_BUILD/rune-keys
A=$RUNE_BUILD/rune-admin
# the key table as rune-admin lists it (rune-keys lists nothing)
klist() { "$A" users --list; }
kinv() { "$A" invites; }
# iso SECONDS: the expiry as rune-admin invites shows it
iso() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%SZ; }
export RUNE_ROOT=$H/root
export RUNE_MERGE_PENDING=0		# no background merges unless asked
mkdir -p "$RUNE_ROOT/control" && echo runedemo >"$RUNE_ROOT/control/domain"
PK=ed25519:Kay64UG8yvCyLhqU000LxzYeUm0L/hLIl5S8kyKWbdc=
PK2=ed25519:JUO5L/EJVRFHatyDadtt3JM2ZaEZeN2hQE7hBmypVZ0=
NOW=$(date +%s)
LATER=$((NOW + 86400))

# code CMD...: runs rune-keys quietly, prints its exit code
code() { "$K" "$@" >"$H/out" 2>>"$H/err"; echo $?; }
# reg ADDRESS [KEY]: rune-keys register, prints the exit code
reg() { echo "${2:-$PK}" | code register "$1"; }
# inv ADDRESS TOKEN [KEY]: rune-keys register-invite, prints the exit code
inv() { printf '%s\n%s\n' "$2" "${3:-$PK}" | code register-invite "$1"; }
# state ADDRESS: its state as rune-admin users --list shows it, or "absent"
state() {
	s=$(klist | sed -n "s/^$1 //p")
	echo "${s:-absent}"
}
pending() { ls "$RUNE_ROOT/keys/pending" | grep -c .; }
table() { klist | sort; kinv | sort; }

is "$(reg alice@runedemo)" 0 "register: 0"
is "$(state alice@runedemo)" active "alice is active"
is "$(reg alice@runedemo "$PK2")" 101 "register again: 101"
is "$(reg ALICE@RuneDemo)" 101 "register in another case: 101"
is "$(reg bob@otherdom)" 100 "another domain: 100"
is "$(reg bo@runedemo)" 100 "bad address: 100"
is "$(echo ed25519:AAAA | code register bob@runedemo)" 100 "bad key: 100"
is "$(printf '' | code register bob@runedemo)" 100 "no key: 100"
is "$(code register)" 100 "no address: 100"
is "$(code frobnicate bob@runedemo)" 100 "unknown command: 100"
is "$(state bob@runedemo)" absent "refusals changed nothing"
is "$(env -u RUNE_ROOT "$K" merge 2>/dev/null; echo $?)" 100 "no RUNE_ROOT: 100"

# 20 sessions register one address at once: exactly one wins
i=0
while [ $i -lt 20 ]; do
	(echo "$PK" | "$K" register race@runedemo 2>/dev/null
	    echo $? >"$H/race.$i") &
	i=$((i + 1))
done
wait
is "$(cat "$H"/race.* | grep -cx 0) $(cat "$H"/race.* | grep -cx 101)" \
    "1 19" "20 racing registrations: one 0, nineteen 101"

# invitations
tok=$("$K" invite carol@runedemo $LATER)
ok $? "invite: 0"
echo "$tok" | grep -qx '[0-9a-f]\{64\}'
ok $? "the token is 64 lowercase hex digits"
! grep -rqa "$tok" "$RUNE_ROOT"
ok $? "the token is nowhere on disk"
is "$(kinv)" "carol@runedemo $(iso $LATER) valid" "invites shows it, no token"
! kinv | grep -q "$tok"
ok $? "invites never shows the token"
is "$(inv dave@runedemo "$tok")" 102 "token bound to another address: 102"
is "$(inv carol@runedemo "$(echo "$tok" | tr a-f A-F)")" 102 \
    "upper-case token: 102"
is "$(inv carol@runedemo 0123)" 102 "short token: 102"
is "$(inv carol@runedemo "$tok" ed25519:AAAA)" 100 "bad key: 100"
i=0
while [ $i -lt 20 ]; do
	(printf '%s\n%s\n' "$tok" "$PK" |
	    "$K" register-invite carol@runedemo 2>/dev/null
	    echo $? >"$H/irace.$i") &
	i=$((i + 1))
done
wait
is "$(cat "$H"/irace.* | grep -cx 0) $(cat "$H"/irace.* | grep -cx 102)" \
    "1 19" "20 racing register-invite with one token: one 0, nineteen 102"
is "$(state carol@runedemo)" active "carol registered"
is "$(kinv)" "carol@runedemo $(iso $LATER) used" "the token is used"
is "$(code invite carol@runedemo $LATER)" 101 "invite a taken address: 101"
is "$(code invite erin@runedemo -5)" 100 "invite with a bad expiry: 100"

old=$("$K" invite erin@runedemo $((NOW - 10)))
is "$(inv erin@runedemo "$old")" 103 "expired token: 103"
is "$(kinv | grep erin)" "erin@runedemo $(iso $((NOW - 10))) expired" \
    "invites shows it expired"
new=$("$K" invite erin@runedemo $LATER)
is "$(inv erin@runedemo "$old")" 102 "a new invitation revokes the old: 102"
is "$(code revoke erin@runedemo)" 0 "revoke: 0"
is "$(code revoke erin@runedemo)" 104 "revoke with none valid: 104"
is "$(inv erin@runedemo "$new")" 102 "revoked token: 102"
is "$(state erin@runedemo)" absent "erin still absent"
is "$(kinv | grep -c 'erin@runedemo .* revoked')" 2 \
    "both of erin's tokens revoked"

# states
is "$(code disable alice@runedemo)" 0 "disable: 0"
is "$(state alice@runedemo)" disabled "alice disabled"
is "$(reg alice@runedemo)" 101 "register a disabled address: 101"
is "$(code disable alice@runedemo)" 0 "disable again: 0, no change"
is "$(code enable alice@runedemo)" 0 "enable: 0"
is "$(state alice@runedemo)" active "alice active again"
is "$(code free alice@runedemo)" 104 "free an active address: 104"
is "$(code unregister alice@runedemo)" 0 "unregister: 0"
is "$(state alice@runedemo)" reserved "alice reserved"
is "$(reg alice@runedemo)" 101 "register a reserved address: 101"
is "$(code enable alice@runedemo)" 104 "enable a reserved address: 104"
is "$(code disable nobody@runedemo)" 104 "disable an absent address: 104"
is "$(code unregister nobody@runedemo)" 104 "unregister absent: 104"
is "$(code free alice@runedemo)" 0 "free: 0"
is "$(state alice@runedemo)" absent "alice absent"
is "$(reg alice@runedemo "$PK2")" 0 "register a freed address: 0"

# merge keeps everything and empties the journal
table >"$H/before"
is "$(code merge)" 0 "merge: 0"
table >"$H/after"
cmp -s "$H/before" "$H/after"
ok $? "merge keeps every record"
is "$(pending)" 0 "the journal is empty"
is "$(ls -A "$RUNE_ROOT/keys" | tr '\n' ' ')" \
    "keys.cdb lock merge.lock pending receipt.key " \
    "no temporary file left"
is "$(code unregister race@runedemo)$(code free race@runedemo)$(code merge)" \
    000 "unregister, free, merge"
is "$(state race@runedemo)" absent "a freed address is gone after a merge"
is "$(code merge)" 0 "merge with an empty journal: 0"

# a bulk load, refused whole when one address is taken
printf 'bulk1@runedemo %s\nbulk2@runedemo %s\n' "$PK" "$PK2" >"$H/load"
is "$(code load <"$H/load")" 0 "load: 0"
is "$(state bulk2@runedemo)" active "loaded"
printf 'bulk3@runedemo %s\ncarol@runedemo %s\n' "$PK" "$PK" >"$H/load"
is "$(code load <"$H/load")" 101 "load with a taken address: 101"
is "$(state bulk3@runedemo)" absent "... and nothing loaded"
printf 'bulk3@runedemo %s\nbulk3@runedemo %s\n' "$PK" "$PK" >"$H/load"
is "$(code load <"$H/load")" 100 "load with an address twice: 100"
printf 'bulk3@runedemo\n' >"$H/load"
is "$(code load <"$H/load")" 100 "load with a bad line: 100"

# the journal passing $RUNE_MERGE_PENDING starts a background merge
for u in auto1 auto2 auto3 auto4 auto5; do
	echo "$PK" | RUNE_MERGE_PENDING=4 "$K" register $u@runedemo 2>>"$H/err"
done
# (a record written while that merge runs may stay for the next one)
n=0
while [ "$(pending)" -gt 1 ] && [ $n -lt 400 ]; do
	sleep 0.05; n=$((n + 1))
done
[ "$(pending)" -le 1 ]
ok $? "a background merge emptied the journal"
is "$(klist | grep -c '^auto')" 5 "and kept the five registrations"

# kill -9 at random moments of registrations, invitations and merges
# over a table of 20000 addresses; then the table must be whole
awk -v pk="$PK" 'BEGIN { for (i = 0; i < 20000; i++)
	printf "pre%05d@runedemo %s\n", i, pk }' >"$H/load"
is "$(code load <"$H/load")" 0 "load 20000 addresses"
# a random delay of 0 to 30 ms
delay() { awk -v r="$(od -An -N2 -tu2 /dev/urandom)" \
    'BEGIN { printf "%.3f", (r % 31) / 1000 }'; }
i=0
while [ $i -lt 60 ]; do
	case $((i % 3)) in
	0) "$K" merge 2>/dev/null & ;;
	1) echo "$PK" | "$K" register kill$i@runedemo 2>/dev/null & ;;
	2) "$K" invite kill$i@runedemo $LATER >/dev/null 2>&1 & ;;
	esac
	p=$!
	sleep "$(delay)"
	kill -9 $p 2>/dev/null
	wait $p 2>/dev/null
	i=$((i + 1))
done
is "$(code merge)" 0 "merge after the kills: 0"
is "$(code merge)" 0 "and again"
is "$(pending)" 0 "the journal is empty"
is "$(ls -A "$RUNE_ROOT/keys" | tr '\n' ' ')" \
    "keys.cdb lock merge.lock pending receipt.key " \
    "no temporary file and no transaction left"
is "$(klist | grep -c '^pre')" 20000 "the 20000 loaded addresses are there"
klist >"$H/list"
bad=0
i=0
while [ $i -lt 60 ]; do
	a=kill$i@runedemo
	s=$(sed -n "s/^$a //p" "$H/list")
	case $((i % 3)),${s:-absent} in
	1,active) want=101 ;;
	*,absent) want=0 ;;
	*) want=bad ;;
	esac
	got=$(reg $a)
	[ "$got" = "$want" ] || { bad=$((bad + 1)); echo "# $a: $s, register $got"; }
	i=$((i + 1))
done
is $bad 0 "every record there or not, and lookups agree with the listing"
kinv | awk '/^kill/ && $3 != "valid" { exit 1 }'
ok $? "every invitation made is valid"

# keys/ made group-readable (rune-admin setup, doc/privsep.md): the
# session reads as the group, so files are 0640 and directories 2750
export RUNE_ROOT=$H/group
mkdir -p "$RUNE_ROOT/control" "$RUNE_ROOT/keys" &&
    echo runedemo >"$RUNE_ROOT/control/domain" && chmod 2750 "$RUNE_ROOT/keys"
(umask 077 && echo "$PK" | "$K" register grp1@runedemo && "$K" merge &&
    echo "$PK" | "$K" register grp2@runedemo) 2>>"$H/err"
is "$(cd "$RUNE_ROOT/keys" && stat -c '%n %a' keys.cdb pending pending/a-grp2@runedemo | tr '\n' ' ')" \
    "keys.cdb 640 pending 2750 pending/a-grp2@runedemo 640 " \
    "group-readable keys/: files 0640, directories 2750"

done_testing
