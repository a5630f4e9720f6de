# maxsize.sh: the setup of the client tests that send the largest
# message MAXSIZE (10 MiB) takes (t/178, t/210, t/211, t/214), sourced
# after harness.sh: a domain whose quota holds them, the server started,
# and clientpair.sh's S, rune(), A, B and registered users.  MS_V1=1: a
# v1 server (no control/prekeys) with carol registered too, and bob pins
# alice's key; else a v2 one sending anonymously at once (prekeys,
# anonsend on, anonwait 0) where bob logs in (his prekeys), pins alice's
# key, and alice logs in (tokens, sender certificate).  Then:
#   ms_big_sizes   the sizes of the stored files above 9,000 KiB, sorted
#   ms_near_max    tests that there are two of them, each above
#                  10,000,000 octets and at most MAXSIZE + the server's 222
#   ms_tmp_left    how many files $H/tmpd and alice's tmp/ hold
h_domain
echo 1000000000 >"$RUNE_ROOT/control/quota_bytes"
if [ "${MS_V1:-0}" = 1 ]; then
	CP_USERS="alice bob carol"
	CP_HOW="a v1 server: no PREKEYS"
else
	echo 0 >"$RUNE_ROOT/control/anonwait"
	echo 200 >"$RUNE_ROOT/control/prekeys"
	echo on >"$RUNE_ROOT/control/anonsend"
fi
h_start
. t/lib/clientpair.sh
if [ "${MS_V1:-0}" != 1 ]; then
	rune $B fetch --maildir "$H/bmail" >/dev/null 2>"$H/bfetch.err"
	ok $? "bob logs in (his prekeys uploaded)" || diag "$H/bfetch.err"
fi
rune $B key alice@runetest >"$H/bkey.out" 2>&1
ok $? "bob pins alice's key" || diag "$H/bkey.out"
if [ "${MS_V1:-0}" != 1 ]; then
	rune $A fetch --maildir "$H/amail" >/dev/null 2>"$H/afetch.err"
	ok $? "alice logs in (tokens, sender certificate)" ||
	    diag "$H/afetch.err"
fi

ms_big_sizes() {
	find "$RUNE_ROOT/store" -path '*/cur/*' -type f -size +9000k \
	    -exec stat -c %s {} + | sort -n | tr '\n' ' '
}

ms_near_max() {
	_ms=$(ms_big_sizes)
	is "$(echo $_ms | wc -w)" 2 "two stored files above 9,000 KiB ($_ms)"
	for _s in $_ms; do
		[ "$_s" -gt 10000000 ] && [ "$_s" -le $((10485760 + 222)) ]
		ok $? "$_s octets: above 10,000,000, at most MAXSIZE + the server's 222"
	done
}

ms_tmp_left() {
	ls -A "$H/tmpd" "$H/alice/tmp" 2>/dev/null | grep -vc ':$\|^$'
}
