# pyparts.sh: sourced after harness.sh by tests whose parts are Python.
# py: runs t/lib/identity.py followed by the Python on stdin against
# $PORT; its "T ok NAME" / "T nok NAME" lines become TAP lines, the rest
# comments; then one more test: that the part ran to its end.
SPK=$("$RUNE_BUILD/rune-admin" fingerprint | sed -n 's/^server-key //p')
export RUNE_VECTORS="${RUNE_VECTORS:-$PWD/../shared/spec/vectors.json}"
py() {
	cat t/lib/identity.py - | SPK=$SPK /usr/bin/python3 - "$PORT" \
	    >"$H/py.out" 2>"$H/py.err"
	py_rc=$?
	while IFS= read -r l; do
		case $l in
		"T ok "*) ok 0 "${l#T ok }" ;;
		"T nok "*) ok 1 "${l#T nok }" ;;
		*) echo "# $l" ;;
		esac
	done <"$H/py.out"
	[ ! -s "$H/py.err" ] || diag "$H/py.err"
	ok $py_rc "that part ran to its end"
}
