#!/bin/sh
# t/25's killer (t/lib/killer.py) kills only what it means: a rune-session
# whose parent is our tcpserver, a rune-keys of one, or that rune-keys's
# merge; never a look-alike by name, such as the tracer task LeakSanitizer
# clones (with its parent's name) at a process's exit, nor a rune-session
# that is not tcpserver's child.  Killing the tracer left the session
# spinning at 100 % CPU after `make test`.  The tree is t/lib/fakeproc.py.
. t/lib/harness.sh

# tree: starts fakeproc; sets $TOP and the pids S1 T1 K1 T2 M1 X S2
tree() {
	rm -f "$H/map"
	/usr/bin/python3 t/lib/fakeproc.py "$H/map" &
	fp=$!
	i=0
	while [ ! -f "$H/map" ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i + 1)); done
	[ -f "$H/map" ] || { echo "Bail out! fakeproc did not start"; exit 1; }
	eval "$(sed 's/^\([A-Za-z0-9]*\) \([0-9]*\)$/\1=\2/' "$H/map")"
	TOP=$top
}
untree() {
	kill "$fp" 2>/dev/null
	wait "$fp" 2>/dev/null
	kill -9 "$M1" 2>/dev/null  # in a session of its own, as a merge is
}
# victim: the first of the tree's processes (parents before children)
# that is gone or a zombie: the one killed, as its descendants die after
# it (PR_SET_PDEATHSIG)
victim() {
	for t in S1 T1 K1 T2 M1 X S2; do
		eval "p=\$$t"
		s=$(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | cut -d' ' -f1)
		case $s in ''|Z) echo "$t"; return ;; esac
	done
}

# the choice itself, deterministic
tree
got=$(/usr/bin/python3 - "$TOP" "$H/map" <<'PY'
import sys
sys.path.insert(0, "t/lib")
import killer
top = int(sys.argv[1])
ps = killer.procs()
names = {int(l.split()[1]): l.split()[0] for l in open(sys.argv[2])}
for mode in ("any", "keys"):
    print(mode, " ".join(sorted(names[p] for p in killer.targets(ps, top, mode))))
PY
)
is "$got" "any K1 M1 S1
keys K1 M1" "targets: tcpserver's rune-session, its rune-keys and their merge only"
untree

# the killer for real, again and again: never a look-alike (the old one,
# which chose by name under the tree, took one in half its kills)
bad=
for i in 1 2 3 4 5 6; do
	tree
	mode=any
	[ $((i % 3)) = 0 ] && mode=keys
	out=$(/usr/bin/python3 t/lib/killer.py "$TOP" "$TOP" $mode 0)
	j=0
	while [ -z "$(victim)" ] && [ $j -lt 100 ]; do sleep 0.02; j=$((j + 1)); done
	d=$(victim)
	echo "# $mode: killed $d ($out)"
	case "$mode $d" in
	"any S1"|"any K1"|"any M1"|"keys K1"|"keys M1") ;;
	*) bad="$bad [$mode: ${d:-none}]" ;;
	esac
	untree
done
is "$bad" "" "six kills: each took a target (and what died with it), never a look-alike"
done_testing
