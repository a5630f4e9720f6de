#!/bin/sh
# 129-client-v2-caps.t: the client ignores CAPABILITIES lines it does
# not know (protocol-v2 1.1): against a fake server whose CAPABILITIES
# holds unknown lines (FUTURE, PREKEYSX, a long X-LONG) and no PREKEYS,
# rune login works as against a v1 server and asks no PREKEYS; rune
# capabilities shows every line.
. t/lib/harness.sh
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$H/key.pem" -out "$H/cert.pem" -days 2 -subj /CN=fake \
    >"$H/openssl.out" 2>&1
ok $? "a self-signed certificate" || diag "$H/openssl.out"
rm -f "$H/port"
/usr/bin/python3 t/lib/fakeserver.py caps-unknown "$H/cert.pem" "$H/key.pem" \
    "$H/port" 2>>"$H/fake.err" &
h_pid=$!
i=0
while [ ! -s "$H/port" ] && [ $i -lt 200 ]; do sleep 0.1; i=$((i + 1)); done
P=127.0.0.1:$(cat "$H/port")
r() { timeout -s KILL 60 "$RUNE_BUILD/rune" --home "$H/home" --server "$P" "$@"; }
r init alice@fakeserver >/dev/null 2>"$H/init.err"
ok $? "rune init" || diag "$H/init.err"
r login >"$H/login.out" 2>"$H/login.err"
ok $? "rune login against unknown CAPABILITIES lines" || diag "$H/login.err"
grep -qx 'logged in alice@fakeserver' "$H/login.out"
ok $? "logged in" || diag "$H/login.out"
test ! -e "$H/home/prekeys" && test ! -e "$H/home/pins/server/$P/prekeys" &&
    ! grep -qi prekeys "$H/login.err"
ok $? "no PREKEYS asked (the fake answers anything: a PREKEYS 0 would warn), none made, no line pinned" || diag "$H/login.err"
r capabilities >"$H/caps.out" 2>&1
grep -qx 'FUTURE 1 2 3' "$H/caps.out" && grep -qx 'PREKEYSX 8' "$H/caps.out"
ok $? "rune capabilities shows the unknown lines" || diag "$H/caps.out"
done_testing
