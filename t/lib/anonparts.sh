# anonparts.sh: sourced after harness.sh by the ANONSEND tests (t/150-).
# apy NAME: t/lib/msgparts.py, t/lib/anonparts.py, then the Python on
#   stdin, run as msgparts.sh's py runs it.
. t/lib/msgparts.sh
apy() {
	cat t/lib/msgparts.py t/lib/anonparts.py - >"$H/ablock.py"
	/usr/bin/python3 "$H/ablock.py" "$PORT" "$RUNE_ROOT" "$H" "$h_pid" \
	    >"$H/py.out" 2>"$H/py.err"
	py_rc=$?
	while IFS= read -r l; do
		case $l in
		"ok - "*) ok 0 "$1: ${l#ok - }" ;;
		"not ok - "*) ok 1 "$1: ${l#not ok - }" ;;
		*) echo "# $l" ;;
		esac
	done <"$H/py.out"
	[ $py_rc = 0 ] || { ok 1 "$1: the Python block ran to its end"; diag "$H/py.err"; }
}
# the start of an epoch of 7 days, plus an hour: a test clock from which
# a day later is the same epoch
anon_t0() {
	echo $(( ($(date +%s) / 604800) * 604800 + 3600 ))
}
