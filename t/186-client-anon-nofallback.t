#!/bin/sh
# 186-client-anon-nofallback.t: no silent fallback (doc/protocol-v2.md
# 2.7 C2, C3; 2.11 AS-N9) with the real client against a fake server
# (t/lib/anonproxy.py in front of ours): it answers 417, 418, 421, 411,
# 420 or 554 to REDEEM, or closes the connection without a reply, or
# drops ANONSEND from CAPABILITIES.  Each time rune send --now
# exits non-zero, says why, the message stays in the outbox with that
# reason, and no connection's transcript shows LOGIN or SEND for it; a
# later rune send or rune fetch does not send it identified either; a
# server offering ANONSEND that the client has not pinned gets no
# identified send (C1).
# rune sendmail (mutt) queues anonymously and exits EX_OK (0); -O now
# sends at once.
. t/lib/harness.sh
. t/lib/anonparts.sh
anon_domain on
h_start
anon_proxy "$H/proxy.err"
for i in $(seq 50); do [ -s "$H/pport" ] && break; sleep 0.1; done
CP_S=127.0.0.1:$(cat "$H/pport") CP_HOW="through the fake server"
. t/lib/clientpair.sh
nconn() { ls "$H/px" | grep -c '^verbs\.'; }
since() { n=$(nconn); i=$(($1 + 1)); while [ $i -le $n ]; do
	echo "== $i"; cat "$H/px/verbs.$i"; i=$((i + 1)); done; }
rune $B fetch --maildir "$H/bmail" >/dev/null 2>&1
ok $? "bob logs in (his prekeys uploaded)"
rune $A fetch --maildir "$H/amail" >/dev/null 2>"$H/afetch.err"
ok $? "alice's rune fetch (tokens, sender certificate)" || diag "$H/afetch.err"
[ -n "$(find "$H/alice/tokens" -mindepth 2 -type f 2>/dev/null)" ]
ok $? "she holds tokens" || diag "$H/afetch.err"

# refused CODE STATE WORDS [PAT]: the fake server answers REDEEM with
# CODE (drop: it closes the connection without a word); PAT, "(CODE " if
# not given, is what the error and the outbox's reason must hold
refused() {
	pat=${4:-"($1 "}
	echo "redeem $1" >"$H/rules"
	c0=$(nconn)
	echo "to bob, $1" | rune $A send --now bob@runetest >"$H/r$1.out" \
	    2>"$H/r$1.err"
	rc=$?
	[ $rc != 0 ]
	ok $? "REDEEM answered $1: rune send --now exits non-zero ($rc)"
	[ ! -s "$H/r$1.out" ]
	ok $? "$1: no message id"
	grep -qF "$pat" "$H/r$1.err" && grep -q "$3" "$H/r$1.err" &&
	    grep -q 'stays in the outbox' "$H/r$1.err"
	ok $? "$1: it says why, and that the message stays in the outbox" ||
	    diag "$H/r$1.err"
	since "$c0" >"$H/c$1"
	grep -qx REDEEM "$H/c$1" && ! grep -Eqx 'LOGIN|PROOF|SEND' "$H/c$1"
	ok $? "$1: no connection shows LOGIN or SEND for it (AS-N9)" ||
	    diag "$H/c$1"
	rune $A outbox >"$H/l$1" 2>&1
	grep "bob@runetest $2" "$H/l$1" | grep -qF "$pat"
	ok $? "$1: rune outbox lists it $2, with the reason" || diag "$H/l$1"
	: >"$H/rules"
	# a later send or fetch does not send it identified
	c0=$(nconn)
	rune $A fetch --maildir "$H/amail" >/dev/null 2>&1
	since "$c0" >"$H/f$1"
	! grep -qx SEND "$H/f$1"
	ok $? "$1: a later rune fetch sends nothing identified" || diag "$H/f$1"
	for id in $(ls "$H/alice/outbox"); do
		rune $A outbox --drop "$id" 2>/dev/null
	done
}
refused 417 held 'refused the token'
refused 418 held 'has no current RUNE-2 keys'
refused 421 failed 'closed the connection'
refused 411 held 'authentication required'
refused 420 held 'a limit of the server is reached'
refused 554 failed 'the server failed; try again later'
refused drop failed 'connection lost' 'connection lost waiting for the reply'
! grep -q 'TLS error' "$H/rdrop.err"
ok $? "drop: said as a closed connection, not as a TLS error of a server that does not speak TLS" ||
    diag "$H/rdrop.err"

# a failed try is tried again after a new random delay of 1..anondelay
# seconds, never at once (A4): with anondelay 1, four failures (421)
# each leave their entry due exactly one second after the failure
echo 1 >"$H/alice/config/anondelay"
echo "redeem 421" >"$H/rules"
bad=0
for i in 1 2 3 4; do
	t0=$(date +%s)
	echo "retry $i" | rune $A send --now bob@runetest >/dev/null 2>&1
	t1=$(date +%s)
	nb=$(sed -n 's/^notbefore //p' "$H/alice/outbox/"* | head -n 1)
	{ [ -n "$nb" ] && [ "$nb" -ge $((t0 + 1)) ] &&
	    [ "$nb" -le $((t1 + 1)) ]; } || bad="$bad $i:$t0-$t1:$nb"
	for id in $(ls "$H/alice/outbox"); do
		rune $A outbox --drop "$id" 2>/dev/null
	done
done
is "$bad" 0 "a failed try is due again 1..anondelay s after it, never at once (four tries)"
: >"$H/rules"
rm -f "$H/alice/config/anondelay"

# C3: the ANONSEND line dropped from CAPABILITIES
echo noanon >"$H/rules"
c0=$(nconn)
ntok=$(find "$H/alice/tokens" -mindepth 2 -type f | wc -l)
echo "no anonsend" | rune $A send --now bob@runetest >"$H/na.out" \
    2>"$H/na.err"
rc=$?
[ $rc != 0 ]
ok $? "ANONSEND dropped: rune send --now exits non-zero ($rc)"
grep -q 'NO LONGER OFFERS ANONSEND' "$H/na.err" &&
    grep -q 'stays in the outbox' "$H/na.err"
ok $? "it stops loudly (C3), and the message stays in the outbox" ||
    diag "$H/na.err"
since "$c0" >"$H/cna"
grep -qx CAPABILITIES "$H/cna" && ! grep -Eqx 'LOGIN|PROOF|SEND|REDEEM' "$H/cna"
ok $? "no connection shows LOGIN, REDEEM or SEND for it (AS-N9)" ||
    diag "$H/cna"
[ -n "$(ls "$H/alice/outbox")" ]
ok $? "the entry is there"
is "$(find "$H/alice/tokens" -mindepth 2 -type f | wc -l)" "$ntok" \
    "and no token was used up by the stop"
: >"$H/rules"
rune $A outbox --send "$(ls "$H/alice/outbox")" >"$H/na2.out" 2>"$H/na2.err"
ok $? "with the line back, rune outbox --send ID sends it anonymously" ||
    diag "$H/na2.err"

# rune sendmail: queued anonymously, EX_OK; -O now at once
c0=$(nconn)
printf 'To: bob@runetest\nSubject: from mutt\n\nhi\n' |
    rune $A sendmail -t >"$H/sm.out" 2>"$H/sm.err"
is "$?" 0 "rune sendmail -t: EX_OK (0): queued, as sendmail's queue"
grep -q 'queued for an anonymous send' "$H/sm.err"
ok $? "it says it is queued" || diag "$H/sm.err"
is "$(nconn)" "$c0" "no connection opened"
is "$(ls "$H/alice/outbox" | wc -l)" 1 "one entry in the outbox"
rune $A outbox --drop "$(ls "$H/alice/outbox")" 2>/dev/null
printf 'To: bob@runetest\nSubject: from mutt\n\nhi\n' |
    rune $A sendmail -O now -t >"$H/sm2.out" 2>"$H/sm2.err"
is "$?" 0 "rune sendmail -O now: sent, EX_OK" || diag "$H/sm2.err"
grep -qF "sent at once, without the random delay (--now): the server can link an anonymous message spent seconds after a login or a token fetch from the same IP address to it; a proxy or Tor hides the address (doc/client.md)" "$H/sm2.err"
ok $? "with --now's warning (A4), the proxy/Tor advice included" ||
    diag "$H/sm2.err"
echo "redeem 418" >"$H/rules"
printf 'To: bob@runetest\nSubject: from mutt\n\nhi\n' |
    rune $A sendmail -O now -t >"$H/sm3.out" 2>"$H/sm3.err"
is "$?" 69 "sendmail -O now, refused (418): EX_UNAVAILABLE (69)"
: >"$H/rules"

# C1: a server that offers ANONSEND which the client has not pinned
# (here: the pin forgotten) gets no identified send the user did not ask
rune $A pin --replace server-anonsend >/dev/null 2>&1
[ ! -e "$H/alice/tokens/anonsend" ]
ok $? "alice forgets the ANONSEND pin"
c0=$(nconn)
echo "unpinned" | rune $A send bob@runetest >"$H/up.out" 2>"$H/up.err"
is "$?" 100 "rune send to a server offering ANONSEND, not pinned: exit 100"
grep -q 'offers anonymous sending, which this client had not seen before (now pinned): nothing sent' "$H/up.err" &&
    grep -q -- '--identified' "$H/up.err"
ok $? "it says why, and names --identified" || diag "$H/up.err"
since "$c0" >"$H/cup"
! grep -Eqx 'LOGIN|SEND' "$H/cup"
ok $? "no LOGIN and no SEND" || diag "$H/cup"
[ -s "$H/alice/tokens/anonsend" ]
ok $? "the line is pinned now"
echo "pinned" | rune $A send bob@runetest >/dev/null 2>"$H/up2.err"
grep -q 'queued for an anonymous send' "$H/up2.err"
ok $? "the next rune send queues it for an anonymous send" || diag "$H/up2.err"

kill "$proxy" 2>/dev/null
! grep -l -e Sanitizer -e 'runtime error:' "$H"/*.err
ok $? "no sanitizer report from the client"
done_testing
