# pyparts.sh: sourced after harness.sh (and h_domain) by tests whose parts
# are Python.
#
# py_tap NAME PRELUDE ARG...: runs the file PRELUDE followed by the
#   Python on stdin, with ARGs; its "T ok X" / "T nok X" lines become TAP
#   lines, the rest comments; then the test NAME: that it ran to its end.
# py: py_tap with t/lib/identity.py (t/23, t/24) against $PORT.
SPK=$("$RUNE_BUILD/rune-admin" fingerprint | sed -n 's/^server-key //p')
export SPK
export RUNE_VECTORS="${RUNE_VECTORS:-$PWD/t/data/vectors.json}"
py_tap() {
	py_name=$1
	py_pre=$2
	shift 2
	cat "$py_pre" - | /usr/bin/python3 - "$@" >"$H/py.out" 2>"$H/py.err"
	py_rc=$?
	while IFS= read -r l; do
		case $l in
		"T ok "*) ok 0 "${l#T ok }" ;;
		"T nok "*) ok 1 "${l#T nok }" ;;
		*) echo "# $l" ;;
		esac
	done <"$H/py.out"
	[ ! -s "$H/py.err" ] || diag "$H/py.err"
	ok $py_rc "$py_name"
}
py() { py_tap "that part ran to its end" t/lib/identity.py "$PORT"; }
