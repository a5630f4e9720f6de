#!/bin/sh
# rune-keys and rune-store refuse to run as root unless RUNE_ALLOW_ROOT=1
# (doc/privsep.md); rune-admin, run as root, runs them as the owners of
# keys/ and store/ (t/43 checks that on a real setup).
. t/lib/harness.sh
if [ "$(id -u)" != 0 ]; then
	echo "1..0 # SKIP not root"
	exit 0
fi
h_domain
for h in rune-keys rune-store; do
	case $h in rune-keys) args=expire ;; rune-store) args=stats ;; esac
	env -u RUNE_ALLOW_ROOT RUNE_ROOT="$RUNE_ROOT" "$RUNE_BUILD/$h" $args \
	    >"$H/out" 2>&1
	is $? 100 "$h refuses root: exit 100"
	grep -q 'refusing to run as root' "$H/out"
	ok $? "$h says why" || diag "$H/out"
	env RUNE_ALLOW_ROOT=0 RUNE_ROOT="$RUNE_ROOT" "$RUNE_BUILD/$h" $args \
	    >"$H/out" 2>&1
	is $? 100 "$h: RUNE_ALLOW_ROOT other than 1 is a refusal"
	RUNE_ALLOW_ROOT=1 RUNE_ROOT="$RUNE_ROOT" "$RUNE_BUILD/$h" $args \
	    >"$H/out" 2>&1
	ok $? "$h runs with RUNE_ALLOW_ROOT=1" || diag "$H/out"
done
done_testing
