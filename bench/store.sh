#!/bin/sh
# bench/store.sh: figures of the store (not a test: nothing fails on a
# figure).  Puts per second through one rune-store, each put with its
# fsyncs, into an empty mailbox and into one of 10,000 messages; the time
# to list a mailbox of 10,000 messages (one readdir and a sort), through
# rune-store stats.  Usage: sh bench/store.sh BUILD_DIR
# Env: N (puts per run, default 500), SIZE (stored octets, default 4318:
# a 4 KiB client blob + 222), REPS (default 3).
set -u
B=${1:?usage: store.sh BUILD_DIR}
N=${N:-500}
SIZE=${SIZE:-4318}
REPS=${REPS:-3}
PY=/usr/bin/python3
W=$(mktemp -d "${TMPDIR:-/tmp}/rune-bench-store.XXXXXX") || exit 1
trap 'rm -rf "$W"' EXIT INT TERM
mkdir -p "$W/root/control" && echo runebench >"$W/root/control/domain"
# rune-store reads its settings from control/ only
echo 100000000 >"$W/root/control/quota_messages"
echo 1000000000000 >"$W/root/control/quota_bytes"
export RUNE_ROOT="$W/root" RUNE_ALLOW_ROOT=1
"$B/rune-store" init || exit 1

# puts ADDRESS COUNT FILE: a request stream of COUNT puts of SIZE random
# octets for ADDRESS, registered first (rune-store stores only for an
# active address)
puts() {
	echo ed25519:Kay64UG8yvCyLhqU000LxzYeUm0L/hLIl5S8kyKWbdc= |
	    "$B/rune-keys" register "$1" >/dev/null 2>&1
	$PY -c '
import os, sys
box, n, size, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
with open(out, "wb") as f:
    for i in range(n):
        f.write(b"put %s %d\n" % (box.encode(), size) + os.urandom(size))
' "$1" "$2" "$SIZE" "$3"
}
# timed CMD...: runs CMD (stdin from $W/in, stdout to $W/out), prints ms;
# the CMD's CPU time (user + system, ms) in $W/cpu
timed() {
	$PY -c '
import resource, subprocess, sys, time
t = time.monotonic()
with open(sys.argv[1], "rb") as i, open(sys.argv[2], "wb") as o:
    r = subprocess.call(sys.argv[4:], stdin=i, stdout=o)
ms = (time.monotonic() - t) * 1000
u = resource.getrusage(resource.RUSAGE_CHILDREN)
open(sys.argv[3], "w").write("%.1f\n" % ((u.ru_utime + u.ru_stime) * 1000))
print("%.1f" % ms if r == 0 else "failed")' "$W/in" "$W/out" "$W/cpu" "$@"
}
. "$(dirname "$0")/lib.sh"

# fill ADDRESS COUNT: COUNT messages written straight into the mailbox
# of ADDRESS (as rune-store names them; no usage hint: the first put
# scans cur/ once and writes it)
fill() {
	$PY -c '
import hashlib, os, sys
box, n = sys.argv[1], int(sys.argv[2])
cur = box + "/cur"
os.makedirs(cur, 0o700, exist_ok=True)
os.makedirs(box + "/tmp", 0o700, exist_ok=True)
open(box + "/lock", "a").close()
t = 0x18000000000000000 >> 4
for i in range(n):
    b = os.urandom(1294)
    h = hashlib.blake2b(b, digest_size=32).hexdigest()
    with open("%s/%016x.%s.%d" % (cur, t + i * 1000003, h, len(b)), "wb") as f:
        f.write(b)
' "$W/root/store/$("$B/rune-store" name "$1")" "$2"
}

# 1. puts per second, into an empty mailbox and into one of 10,000
#    messages (target: >= 0.9 x: a put does not scan cur/)
cpus=
for base in 0 ${BIG:-10000}; do
	rates=
	for r in $(seq "$REPS"); do
		box=bench${base}r$r@runebench
		puts "$box" "$N" "$W/in"
		if [ "$base" -gt 0 ]; then
			fill "$box" "$base"
			# one put first, untimed: it scans the filled cur/
			# once and writes the usage hint the timed puts trust
			puts "$box" 1 "$W/one"
			"$B/rune-store" <"$W/one" >/dev/null || exit 1
		fi
		ms=$(timed "$B/rune-store")
		[ "$(grep -c '^ok ' "$W/out")" = "$N" ] || ms=failed
		[ "$ms" = failed ] && { echo "store: puts failed"; exit 1; }
		rates="$rates $(echo "scale=0; $N * 1000 / $ms" | bc)"
		cpus="$cpus $(echo "scale=0; $(cat "$W/cpu") * 1000 / $N" | bc)"
	done
	echo "store: puts/s of $SIZE octets with fsync, into a mailbox of" \
	    "$base: median $(echo $rates | median) [$rates ]; rune-store CPU" \
	    "per put median $(echo $cpus | median) us [$cpus ]"
	eval "P$base=$(echo $rates | median) C$base=$(echo $cpus | median)"
	cpus=
done
big=${BIG:-10000}
echo "store: puts/s into $big / into 0: $(echo "scale=2; \
    $(eval echo \$P$big) / $P0" | bc) (target >= 0.9); CPU per put into" \
    "0 / into $big: $(echo "scale=2; $C0 / $(eval echo \$C$big)" | bc)" \
    "(the same target, as a rate: under load the wall clock is noise)"

# 1b. the same, counted in instructions (callgrind: they hold under
#     load): 50 puts into an empty mailbox and into one of 10,000
if command -v valgrind >/dev/null; then
	for base in 0 ${BIG:-10000}; do
		box=cg$base@runebench
		puts "$box" 50 "$W/in"
		if [ "$base" -gt 0 ]; then
			fill "$box" "$base"
			puts "$box" 1 "$W/one"
			"$B/rune-store" <"$W/one" >/dev/null || exit 1
		fi
		valgrind --tool=callgrind --callgrind-out-file="$W/cg" \
		    "$B/rune-store" <"$W/in" >/dev/null 2>&1
		ir=$(sed -n 's/^summary: //p' "$W/cg")
		echo "store: instructions per put (callgrind, 50 puts with" \
		    "process start) into a mailbox of $base: $((ir / 50))"
		eval "I$base=$ir"
	done
	echo "store: instructions per put into ${BIG:-10000} / into 0:" \
	    "$(echo "scale=2; $(eval echo \$I${BIG:-10000}) / $I0" | bc)"
else
	echo "store: valgrind not installed: no instruction counts"
fi

# 2. LIST of 10,000 messages: one mailbox alone in a fresh store
rm -rf "$W/root/store"
"$B/rune-store" init || exit 1
box=$("$B/rune-store" name list10k@runebench)
$PY -c '
import hashlib, os, sys
cur = sys.argv[1]
os.makedirs(cur, 0o700); os.makedirs(cur + "/../tmp", 0o700)
open(cur + "/../lock", "w").close()
t = 0x18000000000000000 >> 4
for i in range(10000):
    b = os.urandom(1294 + i % 4000)
    h = hashlib.blake2b(b, digest_size=32).hexdigest()
    with open("%s/%016x.%s.%d" % (cur, t + i * 1000003, h, len(b)), "wb") as f:
        f.write(b)
' "$W/root/store/$box/cur"
: >"$W/in"
timed "$B/rune-store" stats >/dev/null
times=
for r in $(seq 5); do times="$times $(timed "$B/rune-store" stats)"; done
grep -q '^messages 10000$' "$W/out" || { echo "store: list failed"; exit 1; }
echo "store: list of 10000 messages (rune-store stats, warm cache, with" \
    "process start): median $(echo $times | median) ms [$times ]"
