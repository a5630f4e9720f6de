# msgparts.sh: sourced after harness.sh by t/26 and t/28.
# py NAME: runs t/lib/msgparts.py, then the Python on stdin, against $PORT
#   and $RUNE_ROOT; its "ok - X" and "not ok - X" lines become the tests
#   "NAME: X", other lines comments; a part that fails to run to its end
#   is a failed test.
py() { py_parts "$1" t/lib/msgparts.py; }
# py_parts NAME FILE...: as py, with the FILEs before the Python on stdin
#   (t/lib/anonparts.sh's apy)
py_parts() {
	py_name=$1
	shift
	cat "$@" - >"$H/block.py"
	/usr/bin/python3 "$H/block.py" "$PORT" "$RUNE_ROOT" "$H" "$h_pid" \
	    >"$H/py.out" 2>"$H/py.err"
	py_rc=$?
	while IFS= read -r l; do
		case $l in
		"ok - "*) ok 0 "$py_name: ${l#ok - }" ;;
		"not ok - "*) ok 1 "$py_name: ${l#not ok - }" ;;
		*) echo "# $l" ;;
		esac
	done <"$H/py.out"
	[ $py_rc = 0 ] || { ok 1 "$py_name: the Python block ran to its end"; diag "$H/py.err"; }
}
