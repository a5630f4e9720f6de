#!/bin/sh
# 202-client-fetch-large.t: rune fetch of large messages, received into
# a temporary file and checked in passes (rune/rx2stream.c, rx2inner.c,
# rx1stream.c), over tcpserver and TLS with the real client and server:
#   - the same messages (a small v2 one; large v2 ones identified and
#     anonymous and a large text with CRLF and lone CRs; a large and a
#     small v1 one from a raw sender, t/lib/v1send.py) fetched by three
#     copies of bob's home: as shipped (large ones streamed), everything
#     streamed ($RUNE_TEST_RXSTREAM_MIN=0) and everything in memory
#     (its threshold above MAXSIZE) give the same Maildir files octet for
#     octet, the same rune read from the cache (the local records open),
#     the same one-time secrets used up, and no temporary file left;
#   - a stored message, v2 or v1, damaged anywhere (the seal; the
#     envelope: vsig, its last octet; the inner ciphertext at its start,
#     middle and end, its tag; the signature, the payload, the padding:
#     t/lib/tamper2.py with the server's key and bob's home) is held
#     back with the same reason large as small, delivers nothing, and
#     keeps its one-time secret;
#   - a 5,000,000-octet v2 attachment and v1 message are fetched within
#     16000 KiB of address space, the v2 one also from its local record
#     after rune read (not under the sanitizers); a fourth copy that
#     reads every message first fetches the same files from its cache.
. t/lib/harness.sh
h_domain
echo 0 >"$RUNE_ROOT/control/anonwait"
echo 200 >"$RUNE_ROOT/control/prekeys"
echo on >"$RUNE_ROOT/control/anonsend"
echo 1000000000 >"$RUNE_ROOT/control/quota_bytes"
h_start
. t/lib/clientpair.sh
nO() { ls "$1/prekeys" | grep -c '^O\.[0-9a-f]\{64\}$'; }
rune $B fetch --maildir "$H/m0" >/dev/null 2>"$H/e" &&
    rune $B key alice@runetest >/dev/null 2>>"$H/e" &&
    rune $A fetch --maildir "$H/am" >/dev/null 2>>"$H/e"
ok $? "bob logs in and pins alice; alice logs in" || diag "$H/e"

head -c 600000 /dev/urandom >"$H/att.bin"
/usr/bin/python3 -c '
import sys
l = b"a line ending CRLF\r\nanother with a lone \r in it\n"
sys.stdout.buffer.write(l * 8000 + b"the end, a lone CR\r")' >"$H/crlf.txt"
echo "small and plain" >"$H/small.txt"
echo "with an attachment" >"$H/text"
rune $A send --identified bob@runetest -s small "$H/small.txt" >"$H/ids" 2>"$H/e" &&
    rune $A send --identified bob@runetest -s big -a "$H/att.bin" \
    "$H/text" >>"$H/ids" 2>>"$H/e" &&
    rune $A send --now bob@runetest -s anon -a "$H/att.bin" "$H/text" \
    >>"$H/ids" 2>>"$H/e" &&
    rune $A send --identified bob@runetest -s crlf "$H/crlf.txt" \
    >>"$H/ids" 2>>"$H/e" &&
    PYTHONPATH=t/lib /usr/bin/python3 t/lib/v1send.py "$PORT" \
    "$H/alice/secret.key" "$H/bob/secret.key" v1big 500000 v1small 100 \
    >"$H/v1ids" 2>>"$H/e" && awk '{ print $2 }' "$H/v1ids" >>"$H/ids"
ok $? "alice sends bob a small and three large v2 messages, and a large and a small v1" ||
    diag "$H/e"
is "$(find "$RUNE_ROOT/store" -path '*/cur/*' -type f -size +300k | wc -l)" 4 \
    "four of them stored above 300 KiB (the threshold is 256 KiB)"
cp -a "$H/bob" "$H/bob2" && cp -a "$H/bob" "$H/bob3" &&
    cp -a "$H/bob" "$H/bob6"
n0=$(nO "$H/bob")
rune $B fetch --maildir "$H/m1" >"$H/f1" 2>&1
ok $? "bob fetches them (large ones streamed)" || diag "$H/f1"
RUNE_TEST_RXSTREAM_MIN=0 rune --home "$H/bob2" fetch --maildir "$H/m2" \
    >"$H/f2" 2>&1
ok $? "bob's copy fetches them, all streamed" || diag "$H/f2"
RUNE_TEST_RXSTREAM_MIN=100000000 rune --home "$H/bob3" fetch \
    --maildir "$H/m3" >"$H/f3" 2>&1
ok $? "another copy fetches them, all in memory" || diag "$H/f3"
for id in $(cat "$H/ids"); do
	rune --home "$H/bob6" read "$id" >/dev/null 2>>"$H/f6.err"
done
rune --home "$H/bob6" fetch --maildir "$H/m6" >"$H/f6" 2>&1
ok $? "a fourth copy reads them first (their local records made), then fetches them from its cache" ||
    diag "$H/f6"
/usr/bin/python3 - "$H" <<'PY' >"$H/cmp" 2>&1
import glob, sys
h = sys.argv[1]
def files(d):
    out = {}
    for f in glob.glob(h + "/" + d + "/new/*"):
        b = open(f, "rb").read()
        i = b.index(b"X-Rune-Id: ")
        out[b[i + 11:i + 75]] = b
    return out
a, b, c, d = files("m1"), files("m2"), files("m3"), files("m6")
print(len(a), len(b), len(c), len(d),
      "same" if a == b == c == d else "DIFFERENT")
PY
is "$(cat "$H/cmp")" "6 6 6 6 same" \
    "the four Maildirs hold the same six files, octet for octet"
grep -rlq "the end, a lone CR" "$H/m1/new"
ok $? "the CRLF text is there"
same=0
for id in $(cat "$H/ids"); do
	for k in "" 2 3; do
		rune --home "$H/bob$k" read "$id" >"$H/read$k" 2>&1 ||
		    echo "read $k $id failed" >>"$H/read.err"
	done
	cmp -s "$H/read" "$H/read2" && cmp -s "$H/read" "$H/read3" &&
	    same=$((same + 1))
done
is "$same" 6 "rune read of each from the three caches says the same" ||
    diag "$H/read.err"
is "$(nO "$H/bob") $(nO "$H/bob2") $(nO "$H/bob3")" \
    "$((n0 - 4)) $((n0 - 4)) $((n0 - 4))" \
    "each used up the same four one-time secrets"
is "$(ls -A "$H/bob/tmp" "$H/bob2/tmp" 2>/dev/null | grep -vc ':$\|^$')" 0 \
    "no temporary file left in the homes' tmp/"
mode=$(stat -c %a "$H/bob/cache/$(sed -n 2p "$H/ids")")
is "$mode" 600 "a large one's local record is 0600"

# damaged ones: each kind small and large
kinds="seal vsig envtail ctstart ctmid ctend tag ssig payload padding"
: >"$H/tids"
v1args=
for k in $kinds; do
	echo "small $k" >"$H/t.txt"
	rune $A send --identified bob@runetest -s "small $k" "$H/t.txt" \
	    >"$H/id" 2>>"$H/e" || echo "send small $k failed" >>"$H/e"
	echo "$k small $(cat "$H/id")" >>"$H/tids"
	echo "large $k" >"$H/t.txt"
	rune $A send --identified bob@runetest -s "large $k" -a "$H/att.bin" \
	    "$H/t.txt" >"$H/id" 2>>"$H/e" || echo "send large $k failed" >>"$H/e"
	echo "$k large $(cat "$H/id")" >>"$H/tids"
	v1args="$v1args v1.small.$k 100 v1.large.$k 400000"
done
PYTHONPATH=t/lib /usr/bin/python3 t/lib/v1send.py "$PORT" \
    "$H/alice/secret.key" "$H/bob/secret.key" $v1args 2>>"$H/e" |
    sed 's/^v1\.\([a-z]*\)\.\([a-z]*\) /\2 v1\1 /' >>"$H/tids"
is "$(wc -l <"$H/tids")" 40 \
    "alice sends bob ten small and ten large, v2 and v1" || diag "$H/e"
: >"$H/tnew"
while read k size id; do
	f=$(ls "$RUNE_ROOT"/store/*/cur/*."$id".* 2>/dev/null | head -1)
	nid=$(/usr/bin/python3 t/lib/tamper2.py "$H/bob" "$f" \
	    "$RUNE_ROOT/secret/server.key" "$k" 2>>"$H/tamper.err")
	echo "$k $size $nid" >>"$H/tnew"
done <"$H/tids"
is "$(awk 'length($3) == 64' "$H/tnew" | wc -l)" 40 \
    "each damaged in its place" || diag "$H/tamper.err"
n1=$(nO "$H/bob")
rune $B fetch --maildir "$H/m1" >"$H/ft" 2>&1
is "$?" 100 "bob's fetch holds them back (exit 100)"
ls "$H/m1/new" | wc -l >"$H/cnt"
is "$(cat "$H/cnt")" 6 "nothing more delivered"
! grep -rq "^Subject: .*\(small\|large\)[ .]" "$H/m1/new"
ok $? "none of the damaged ones in the Maildir"
is "$(nO "$H/bob")" "$n1" "every one-time secret of theirs kept"
expect() {
	case $1 in
	seal) echo stored-does-not-open ;;
	vsig|envtail) echo vsig-bad ;;
	ctstart|ctmid|ctend|tag) echo blob-does-not-open ;;
	ssig|payload) echo ssig-bad ;;
	padding) echo padding-nonzero ;;
	esac
}
for k in $kinds; do
	s=$(awk -v k="$k" '$1 == k && $2 == "small" { print $3 }' "$H/tnew")
	l=$(awk -v k="$k" '$1 == k && $2 == "large" { print $3 }' "$H/tnew")
	rs=$(grep "^held back $s" "$H/ft" | sed 's/.*(\([a-z0-9-]*\))$/\1/')
	rl=$(grep "^held back $l" "$H/ft" | sed 's/.*(\([a-z0-9-]*\))$/\1/')
	is "$rs $rl" "$(expect $k) $(expect $k)" \
	    "damaged at $k: held back, the same reason small and large"
	s=$(awk -v k="$k" '$1 == k && $2 == "v1small" { print $3 }' "$H/tnew")
	l=$(awk -v k="$k" '$1 == k && $2 == "v1large" { print $3 }' "$H/tnew")
	rs=$(grep "^held back $s" "$H/ft" | sed 's/.*(\([a-z0-9-]*\))$/\1/')
	rl=$(grep "^held back $l" "$H/ft" | sed 's/.*(\([a-z0-9-]*\))$/\1/')
	is "$rs $rl" "$(expect $k) $(expect $k)" \
	    "v1 damaged at $k: held back, the same reason small and large"
done

# bounded: a 5,000,000-octet attachment (stored near 6.7 MB) and a v1
# message of 5,000,000 octets fetched
# under a limit of address space the in-memory path (five copies of it
# at once) cannot live in; not under the sanitizers, whose shadow memory
# is address space
if [ -n "${RUNE_SAN:-}" ]; then
	ok 0 "# SKIP the address-space limit (sanitizers)"
else
	head -c 5000000 /dev/urandom >"$H/att5.bin"
	rune $A send --identified bob@runetest -s five -a "$H/att5.bin" \
	    "$H/text" >"$H/id5" 2>"$H/e"
	PYTHONPATH=t/lib /usr/bin/python3 t/lib/v1send.py "$PORT" \
	    "$H/alice/secret.key" "$H/bob/secret.key" five1 5000000 \
	    2>>"$H/e" | awk '{ print $2 }' >"$H/id51"
	cp -a "$H/bob" "$H/bob4" && cp -a "$H/bob" "$H/bob5"
	(ulimit -v ${T202_VLIMIT:-16000}; exec "$RUNE_BUILD/rune" --server "$S" \
	    --home "$H/bob4" fetch --maildir "$H/m4") >"$H/f4" 2>&1
	grep -q "^delivered $(cat "$H/id5") " "$H/f4" &&
	    grep -q "^delivered $(cat "$H/id51") " "$H/f4"
	ok $? "within ${T202_VLIMIT:-16000} KiB of address space, it and a v1 message of 5,000,000 octets are delivered" ||
	    diag "$H/f4"
	rune --home "$H/bob5" read "$(cat "$H/id5")" >/dev/null 2>"$H/f5.err"
	(ulimit -v ${T202_VLIMIT:-16000}; exec "$RUNE_BUILD/rune" --server "$S" \
	    --home "$H/bob5" fetch --maildir "$H/m5") >"$H/f5" 2>&1
	grep -q "^delivered $(cat "$H/id5") " "$H/f5" &&
	    cmp -s "$(grep -l "^X-Rune-Id: $(cat "$H/id5")" "$H"/m4/new/*)" \
	    "$(grep -l "^X-Rune-Id: $(cat "$H/id5")" "$H"/m5/new/*)"
	ok $? "read first (its local record in the cache), it is delivered from the cache within the same limit, the same file" ||
	    diag "$H/f5"
fi
done_testing
