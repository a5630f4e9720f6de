#!/bin/sh
# the fuzz targets (fuzz/, doc/fuzzing.md) replay their corpora
# t/fuzz/NAME/ through fuzz/driver.c, built by make with the normal
# compiler (under make test: plain, then ASan+UBSan): every seed, every
# input libFuzzer kept, every crash found and fixed.  Each target has a
# corpus; the driver fails on a missing corpus and takes single files.
. t/lib/harness.sh

n=0
for src in fuzz/*.c; do
	t=${src#fuzz/}
	t=${t%.c}
	case $t in driver|util|die) continue ;; esac
	n=$((n + 1))
	bin=$RUNE_BUILD/fuzz/$t
	if [ ! -x "$bin" ] || [ ! -d "t/fuzz/$t" ]; then
		ok 1 "$t: built and has a corpus"
		continue
	fi
	count=$(ls "t/fuzz/$t" | wc -l)
	# scratch domains under $H, removed with it even after a crash
	TMPDIR=$H "$bin" "t/fuzz/$t" >"$H/$t.out" 2>"$H/$t.err"
	rc=$?
	[ $rc = 0 ] || diag "$H/$t.err"
	is "$rc $(cat "$H/$t.out")" "0 $bin: $count inputs" \
	    "$t replays its $count inputs"
done
[ $n -ge 9 ]
ok $? "all targets found ($n)"

# t/fuzz/pending/NAME/: inputs that crash on defects other changes fix
# (doc/fuzzing.md), as TODO tests under the sanitizers (a plain build
# may not notice a stack overflow): prove reports one that passes
for f in t/fuzz/pending/*/*; do
	[ -f "$f" ] || continue
	t=$(basename "$(dirname "$f")")
	h_n=$((h_n + 1))
	if [ "$RUNE_SAN" != 1 ]; then
		echo "ok $h_n # skip $f: pending inputs run under the sanitizers"
		continue
	fi
	TMPDIR=$H "$RUNE_BUILD/fuzz/$t" "$f" >/dev/null 2>&1
	if [ $? = 0 ]; then r=ok; else r="not ok"; fi
	echo "$r $h_n - $t: $f # TODO fixed elsewhere, then moved to t/fuzz/$t"
done

# the driver: a missing corpus fails; a file is one input
"$RUNE_BUILD/fuzz/line" "$H/nothing" >/dev/null 2>&1
[ $? != 0 ]
ok $? "the driver fails on a missing corpus"
printf '\0' >"$H/one"
"$RUNE_BUILD/fuzz/line" "$H/one" >"$H/one.out" 2>&1
is "$?" 0 "one input file"
done_testing
