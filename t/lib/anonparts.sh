# anonparts.sh: sourced after harness.sh by the ANONSEND tests (t/150-).
# apy NAME: t/lib/msgparts.py, t/lib/anonparts.py, then the Python on
#   stdin, run as msgparts.sh's py runs it.
. t/lib/msgparts.sh
apy() { py_parts "$1" t/lib/msgparts.py t/lib/anonparts.py; }
# the start of an epoch of 7 days, plus an hour: a test clock from which
# a day later is the same epoch
anon_t0() {
	echo $(( ($(date +%s) / 604800) * 604800 + 3600 ))
}
# anon_domain [clock] [on]: the domain of an ANONSEND test (h_domain),
# with control/anonwait 0 (tokens right after registering: no 24-hour
# wait here; t/197 tests it); clock: T0=$(anon_t0), E its epoch and
# RUNE_TEST_NOW=$T0 exported; on: prekeys 200 and anonsend on
anon_domain() {
	h_domain
	echo 0 >"$RUNE_ROOT/control/anonwait"
	for w; do
		case $w in
		clock)
			T0=$(anon_t0)
			E=$((T0 / 604800))
			export RUNE_TEST_NOW=$T0 ;;
		on)
			echo 200 >"$RUNE_ROOT/control/prekeys"
			echo on >"$RUNE_ROOT/control/anonsend" ;;
		*)
			echo "Bail out! anon_domain: $w?"; exit 1 ;;
		esac
	done
}
# anon_proxy ERR: t/lib/anonproxy.py in front of our server (after
# h_start), keeping each connection's verbs in $H/px, its rules in
# $H/rules, its stderr in ERR; its pid in proxy, its port in $H/pport
# once it listens
anon_proxy() {
	mkdir "$H/px"
	/usr/bin/python3 t/lib/anonproxy.py "$RUNE_ROOT/tls/cert.pem" \
	    "$RUNE_ROOT/tls/key.pem" "$PORT" "$H/pport" "$H/px" "$H/rules" \
	    2>"$1" &
	proxy=$!
}
