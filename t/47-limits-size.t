#!/bin/sh
# 47-limits-size.t: MAXSIZE and the mailbox quota (spec 12, 13.9, 13.11)
# exactly and one more, through the real client (build/rune) where a
# client can reach them, and by the raw protocol where only a raw client
# can: the default MAXSIZE exactly (the largest payload, 10223547 octets,
# makes a 10485760-octet blob) is stored and read back by build/rune, one
# octet more is 413; a configured MAXSIZE equal to a message's blob lets
# the client send it, one less and the client refuses locally (the
# server says 413 to a raw SEND); the quota of messages and of bytes
# (stored sizes) filled exactly, then one more gets 416 and the client
# says the mailbox is full.  Between 101-octet addresses.
. t/lib/harness.sh
d50=$(printf 'd%.0s' $(seq 50))
"$RUNE_BUILD/rune-admin" init "$H/root" "$d50" --registration both \
    >"$H/init.out" 2>&1 || { diag "$H/init.out"; exit 1; }
export RUNE_ROOT=$H/root
h_start
S=127.0.0.1:$PORT
rune() { "$RUNE_BUILD/rune" --server "$S" "$@"; }
A1=$(printf 'a%.0s' $(seq 50))@$d50
B1=$(printf 'b%.0s' $(seq 50))@$d50
M1=$(printf 'm%.0s' $(seq 50))@$d50
A="--home $H/a"
B="--home $H/b"
rune $A init "$A1" >/dev/null 2>&1 && rune $A register >/dev/null 2>&1 &&
    rune $B init "$B1" >/dev/null 2>&1 && rune $B register >/dev/null 2>&1
ok $? "two 101-octet addresses registered by the client"
bobpk=$(od -An -v -tx1 -j32 -N32 "$H/b/secret.key" | tr -d ' \n')
restart() { h_stop; h_start "$@"; S=127.0.0.1:$PORT; }
empty() {	# deletes every message of bob
	for i in $(rune $B list --ids 2>/dev/null | cut -d' ' -f1); do
		rune $B delete "$i" >/dev/null 2>&1 || return 1
	done
	[ "$(rune $B list --ids 2>/dev/null | wc -l)" = 0 ]
}
# raw PY: a raw client (mallory, 101 octets) on $PORT; prints T lines
raw() {
	H=$H PORT=$PORT BOBPK=$bobpk B1=$B1 M1=$M1 PYTHONPATH=t/lib \
	    /usr/bin/python3 - >"$H/py.out" 2>&1
	echo "exit $?" >>"$H/py.out"
	while IFS= read -r l; do
		case $l in
		"T ok "*) ok 0 "${l#T ok }" ;;
		"T nok "*) ok 1 "${l#T nok }" ;;
		"exit 0") ;;
		*) echo "# $l" ;;
		esac
	done <"$H/py.out"
	grep -qx 'exit 0' "$H/py.out"
	ok $? "the raw part ran to its end"
}
PRE='import os, talk, runemsg as rm
port, bobpk = int(os.environ["PORT"]), bytes.fromhex(os.environ["BOBPK"])
b1, m1 = os.environ["B1"], os.environ["M1"]
def check(c, name):
    print(("T ok " if c else "T nok ") + name, flush=True)
def login():
    s = talk.Session(port)
    c = s.login(m1, rm.seed_of(m1))[0]
    if c != 230:	# 412 closed: not registered yet
        s = talk.Session(port)
        c = s.register(m1, rm.seed_of(m1))[0]
    assert c in (210, 230), c
    return s
'

# -- the default MAXSIZE (13.11): the largest payload, 10223547 octets,
# makes a blob of 10223664 (Padme); one octet more makes 10485808, over
# MAXSIZE; the server takes exactly 10485760 octets (it cannot open them)
raw <<PY
$PRE
hdr = b"Subject: the largest\r\n\r\n"
p = hdr + b"x" * (10223547 - len(hdr))
blob = rm.make_blob(m1, rm.seed_of(m1), b1, bobpk, p)
check(len(blob) == 10223664, "payload 10223547: a blob of 10223664 octets")
s = login()
code, t, _ = rm.send(s, m1, b1, None, blob)
check(code == 250, "SEND of the largest payload: 250")
open(os.environ["H"] + "/bigid", "w").write(t[0] + "\n")
check(rm.blob_size(10223548) == 10485808, "one octet more: 10485808")
check(s.cmd("SEND %s 10485808" % b1)[0] == 413, "SEND of that: 413")
code, t, _ = rm.send(s, m1, b1, None, b"\1" * 10485760)
check(code == 250, "SEND of exactly MAXSIZE (10485760 octets): 250")
open(os.environ["H"] + "/maxid", "w").write(t[0] + "\n")
code, t = s.cmd("SEND %s 10485761" % b1)
check(code == 413, "SEND of MAXSIZE + 1: 413")
code, t = s.cmd("NOOP")
check(code == 250, "and the session goes on")
PY
id=$(cat "$H/bigid")
rune $B read "$id" >"$H/big.out" 2>"$H/big.err"
ok $? "build/rune reads the largest message" || diag "$H/big.err"
grep -qx "From: $M1" "$H/big.out" &&
    [ "$(tail -1 "$H/big.out" | tr -d '\n' | wc -c)" = $((10223547 - 24)) ]
ok $? "from the 101-octet sender, the whole text" ||
    head -c 600 "$H/big.out" | diag /dev/stdin
is "$(rune $B list --ids 2>/dev/null | sed -n "s/^$id //p")" $((10223664 + 222)) \
    "LIST: its stored size, blob + 222"
is "$(rune $B list --ids 2>/dev/null | sed -n "s/^$(cat "$H/maxid") //p")" $((10485760 + 222)) \
    "LIST: MAXSIZE + 222 for the one of exactly MAXSIZE"

# -- a configured MAXSIZE: the client's own message at the limit
empty && head -c 5000 /dev/zero | tr '\0' x >"$H/5k"
rune $A send "$B1" -s five "$H/5k" >"$H/s1.out" 2>"$H/s1.err"
ok $? "a 5000-octet text" || diag "$H/s1.err"
st=$(rune $B list --ids 2>/dev/null | sed -n "s/^$(cat "$H/s1.out") //p")
blob=$((st - 222))
restart RUNE_MAXSIZE=$blob
rune capabilities 2>/dev/null | grep -qx "MAXSIZE $blob"
ok $? "CAPABILITIES: MAXSIZE $blob"
rune $A send "$B1" -s five "$H/5k" >"$H/s2.out" 2>"$H/s2.err"
ok $? "MAXSIZE = the blob's size: the client sends it" || diag "$H/s2.err"
restart RUNE_MAXSIZE=$((blob - 1))
rune $A send "$B1" -s five "$H/5k" >"$H/s3.out" 2>"$H/s3.err"
is $? 100 "MAXSIZE = the blob's size - 1: exit 100"
grep -q "message too large: .* takes at most $((blob - 1)), .*nothing sent" \
    "$H/s3.err"
ok $? "refused locally, saying why" || diag "$H/s3.err"
raw <<PY
$PRE
s = login()
check(s.cmd("SEND %s %d" % (b1, $blob))[0] == 413,
      "raw SEND of MAXSIZE + 1 ($blob): 413")
check(s.cmd("SEND %s %d" % (b1, $blob - 1))[0] == 340,
      "raw SEND of MAXSIZE exactly: 340")
PY
is "$(rune $B list --ids 2>/dev/null | wc -l)" 2 "bob has the two that went"

# -- the quota of messages: exactly, then one more
empty
restart RUNE_QUOTA_MESSAGES=3
n=0
for i in 1 2 3; do
	echo "m$i" | rune $A send "$B1" - >/dev/null 2>&1 && n=$((n + 1))
done
is "$n" 3 "quota 3 messages: three go"
echo m4 | rune $A send "$B1" - >"$H/q4.out" 2>"$H/q4.err"
is $? 100 "the fourth: exit 100"
grep -q 'the mailbox is full' "$H/q4.err"
ok $? "the mailbox is full" || diag "$H/q4.err"
is "$(rune $B list --ids 2>/dev/null | wc -l)" 3 "three in the mailbox"
rune $B delete "$(rune $B list --ids 2>/dev/null | head -1 | cut -d' ' -f1)" >/dev/null 2>&1 &&
    echo m5 | rune $A send "$B1" - >/dev/null 2>&1
ok $? "one deleted: one more goes"

# -- the quota of bytes (stored sizes, 13.9): exactly, then one more
empty
echo x | rune $A send "$B1" - >/dev/null 2>&1
one=$(rune $B list --ids 2>/dev/null | cut -d' ' -f2)
is "$one" 1294 "a short text is stored as 1072 + 222 octets"
empty
restart RUNE_QUOTA_BYTES=$((2 * one))
echo q1 | rune $A send "$B1" - >/dev/null 2>&1 &&
    echo q2 | rune $A send "$B1" - >/dev/null 2>&1
ok $? "quota of 2 x 1294 octets: two go (exactly full)"
echo q3 | rune $A send "$B1" - >/dev/null 2>"$H/q3.err"
is $? 100 "one octet over: exit 100"
grep -q 'the mailbox is full' "$H/q3.err"
ok $? "the mailbox is full" || diag "$H/q3.err"
empty
restart RUNE_QUOTA_BYTES=$((2 * one - 1))
echo r1 | rune $A send "$B1" - >/dev/null 2>&1
ok $? "quota of 2 x 1294 - 1: the first goes"
echo r2 | rune $A send "$B1" - >/dev/null 2>"$H/r2.err"
is $? 100 "the second would be one octet over: exit 100"
raw <<PY
$PRE
s = login()
code, t, _ = rm.send(s, m1, b1, b"Subject: raw\r\n\r\nover\r\n")
check(code == 416, "raw SEND one octet over the byte quota: 416 (%d)" % code)
PY
is "$(rune $B list --ids 2>/dev/null | wc -l)" 1 "only the first is stored"
done_testing
