#!/bin/sh
# 183-client-tokens-fake.t: what the client refuses of a server's
# ANONSEND (doc/protocol-v2.md 2.3, A3), against a fake server
# (t/lib/fakeserver.py): an ANONSEND line it cannot use (a batch of 99)
# stops the login (exit 111) and pins nothing; a token key whose ksig
# does not verify with the server's key stops it loudly (exit 100) and
# pins no key.
. t/lib/harness.sh
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$H/key.pem" -out "$H/cert.pem" -days 2 -subj /CN=fake \
    >"$H/openssl.out" 2>&1
ok $? "a self-signed certificate" || diag "$H/openssl.out"
fake() {
	rm -f "$H/port"
	/usr/bin/python3 t/lib/fakeserver.py "$1" "$H/cert.pem" "$H/key.pem" \
	    "$H/port" 2>>"$H/fake.err" &
	i=0
	while [ ! -s "$H/port" ] && [ $i -lt 200 ]; do sleep 0.1; i=$((i + 1)); done
	P=127.0.0.1:$(cat "$H/port")
}
r() { timeout -s KILL 60 "$RUNE_BUILD/rune" --home "$H/$u" --server "$P" "$@"; }

fake anonsend-bad
u=a
r init alice@fakeserver >/dev/null 2>"$H/init.err"
ok $? "rune init" || diag "$H/init.err"
r login >"$H/o" 2>"$H/e"
is $? 111 "a batch of 99 in the ANONSEND line: the login stops (111)"
grep -q "malformed ANONSEND line" "$H/e"
ok $? "and says why" || diag "$H/e"
test ! -e "$H/a/tokens"
ok $? "nothing pinned"

fake anonsend-ksig
u=b
r init alice@fakeserver >/dev/null 2>"$H/init.err"
r login >"$H/o" 2>"$H/e"
is $? 100 "a token key whose ksig does not verify: exit 100"
grep -q "TOKEN KEY .* IS NOT SIGNED BY ITS PINNED SERVER KEY" "$H/e"
ok $? "loudly" || diag "$H/e"
test -s "$H/b/tokens/anonsend" && ! ls "$H/b/tokens" | grep -q '^key\.'
ok $? "the line is pinned, no key is"
done_testing
