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
