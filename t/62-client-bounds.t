#!/bin/sh
# 62-client-bounds.t: the client bounds every answer it reads from a
# server: a multi-line reply that never ends, a LIST that never ends, a
# LIST line dribbled an octet at a time (each read is quick, the answer
# never completes), an overlong line, and a RETRIEVE size far beyond
# what it takes.  Each fails with a clear message and exit 111, soon,
# against a fake server (t/lib/fakeserver.py: python3's ssl module and a
# self-signed certificate made with openssl, pinned as usual).
. t/lib/harness.sh
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$H/key.pem" -out "$H/cert.pem" -days 2 -subj /CN=fake \
    >"$H/openssl.out" 2>&1
ok $? "a self-signed certificate" || diag "$H/openssl.out"

# fake MODE: starts the fake server; sets PORT (stopped by h_stop)
fake() {
	rm -f "$H/port"
	/usr/bin/python3 t/lib/fakeserver.py "$1" "$H/cert.pem" "$H/key.pem" \
	    "$H/port" 2>>"$H/fake.err" &
	h_pid=$!
	i=0
	while [ ! -s "$H/port" ] && [ $i -lt 200 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	PORT=$(cat "$H/port")
}
# run NAME CMD...: rune with --timeout 3, bounded by a 60 s watchdog
# (the old client never ended); the exit code in $rc, the seconds in $secs
run() {
	name=$1
	shift
	t0=$(date +%s)
	timeout -s KILL 60 "$RUNE_BUILD/rune" --home "$H/home" \
	    --server "127.0.0.1:$PORT" --timeout 3 "$@" \
	    >"$H/$name.out" 2>"$H/$name.err"
	rc=$?
	secs=$(( $(date +%s) - t0 ))
}

fake caps-endless
"$RUNE_BUILD/rune" --home "$H/home" init alice@fakeserver --server "127.0.0.1:$PORT" \
    >/dev/null 2>"$H/init.err"
ok $? "rune init" || diag "$H/init.err"
run caps capabilities
is $rc 111 "a reply that never ends: exit 111"
grep -q 'malformed reply .*more than 1000 lines' "$H/caps.err"
ok $? "a reply that never ends: said so" || diag "$H/caps.err"
[ -s "$H/home/pins/server/127.0.0.1:$PORT/tls" ]
ok $? "the fake server's TLS key was pinned on first use"
h_stop

fake list-endless
run listx list
is $rc 111 "a LIST that never ends: exit 111"
grep -q 'lists more than 100000 messages' "$H/listx.err"
ok $? "a LIST that never ends: said so" || diag "$H/listx.err"
h_stop

fake list-dribble
run drib list
is $rc 111 "a LIST dribbled an octet at a time: exit 111"
grep -q 'no complete reply within 3 s\|not complete within 3 s' "$H/drib.err"
ok $? "a dribbled LIST: the deadline of the whole answer" ||
    diag "$H/drib.err"
[ "$secs" -le 10 ]
ok $? "a dribbled LIST: stopped within 10 s (took $secs s)"
h_stop

fake list-longline
run long list
is $rc 111 "an overlong line: exit 111"
grep -q 'a line too long' "$H/long.err"
ok $? "an overlong line: said so" || diag "$H/long.err"
h_stop

fake retrieve-huge
run huge read "$(printf 'ab%.0s' $(seq 1 32))"
is $rc 111 "a RETRIEVE of 99999999999999 octets: exit 111"
grep -q 'as 99999999999999 octets, more than this client takes' \
    "$H/huge.err"
ok $? "a huge RETRIEVE: refused before reading" || diag "$H/huge.err"
[ "$secs" -le 10 ]
ok $? "a huge RETRIEVE: at once (took $secs s)"
h_stop

! grep -q Sanitizer "$H"/*.err
ok $? "no sanitizer report"
done_testing
