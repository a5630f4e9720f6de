#!/bin/sh
# bench/keys.sh BUILD: the cost of a registration and of a lookup in the
# key table at 100 and at 1,000,000 addresses (doc/keys.md).  Not a test:
# it prints figures.  Called by bench/run.sh (make bench).
TOP=$(cd "$(dirname "$0")/.." && pwd)
B=${1:-$TOP/build}
K=$B/rune-keys
[ -x "$K" ] || { echo "bench/keys.sh: no $K (make first)" >&2; exit 100; }
W=$(mktemp -d "${TMPDIR:-/tmp}/rune-bench-keys.XXXXXX") || exit 111
trap 'rm -rf "$W"' EXIT
trap 'exit 1' INT TERM
PK=ed25519:Kay64UG8yvCyLhqU000LxzYeUm0L/hLIl5S8kyKWbdc=
# the helpers refuse root unless told (lib/noroot.c)
[ "$(id -u)" = 0 ] && export RUNE_ALLOW_ROOT=1
REGS=${RUNE_BENCH_REGS:-200}
LOOKUPS=${RUNE_BENCH_LOOKUPS:-100000}

# the lookup timer, linked with librune
L=$W/keys-lookup
${CC:-cc} -std=c11 -O2 -D_DEFAULT_SOURCE -D_GNU_SOURCE -I"$TOP/lib" \
    -o "$L" "$TOP/bench/keys-lookup.c" "$B/librune.a" -lsodium -lcdb ||
    { echo "bench/keys.sh: unable to build the lookup timer" >&2; exit 111; }

now() { date +%s.%N; }
ms() { awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN { printf "%.3f", (b - a) * 1000 / n }'; }

one() {
	size=$1
	export RUNE_ROOT=$W/root$size RUNE_MERGE_PENDING=0
	mkdir -p "$RUNE_ROOT/control" && echo bench >"$RUNE_ROOT/control/domain"
	t0=$(now)
	awk -v n="$size" -v pk="$PK" 'BEGIN { for (i = 0; i < n; i++)
		printf "pre%07d@bench %s\n", i, pk }' | "$K" load || exit 111
	t1=$(now)
	echo "keys: $size addresses: load $(ms "$t0" "$t1" 1) ms," \
	    "keys.cdb $(stat -c %s "$RUNE_ROOT/keys/keys.cdb") octets"
	# registrations: one rune-keys process each, journal only
	t0=$(now)
	i=0
	while [ $i -lt "$REGS" ]; do
		echo "$PK" | "$K" register new$i@bench >/dev/null || exit 111
		i=$((i + 1))
	done
	t1=$(now)
	echo "keys: $size addresses: register $(ms "$t0" "$t1" "$REGS") ms" \
	    "each (process, lock, lookup, write, 2 fsyncs)"
	set -- $("$L" "$RUNE_ROOT" "$LOOKUPS" pre "$size" bench) || exit 111
	echo "keys: $size addresses: lookup $1 us each, in process" \
	    "(journal miss + cdb; $2 of $LOOKUPS found)"
	t0=$(now)
	"$K" merge || exit 111
	t1=$(now)
	echo "keys: $size addresses: merge of $REGS journal records" \
	    "$(ms "$t0" "$t1" 1) ms (registrations wait only for its ends)"
	t0=$(now)
	i=0
	while [ $i -lt "$REGS" ]; do
		echo "$PK" | "$K" register more$i@bench >/dev/null || exit 111
		i=$((i + 1))
	done
	t1=$(now)
	echo "keys: $size addresses: register after merge" \
	    "$(ms "$t0" "$t1" "$REGS") ms each"
	rm -rf "$RUNE_ROOT"
}

one 100
one 1000000
