#!/bin/sh
# 182-client-tokens-proof.t: AS-N10 (doc/protocol-v2.md 2.4, 2.11), real
# client and server over TLS with a proxy (t/lib/tokproxy.py) standing in
# for a server whose TOKENS answer lies: a proof that does not verify, or
# an evaluated element changed under a good proof: the client drops the
# batch (no token file), says the server misbehaved, asks no second batch
# in that run nor again that day, and the login itself succeeds; the
# next day, through the honest proxy, the batch comes.
. t/lib/harness.sh
. t/lib/anonparts.sh
anon_domain clock
"$RUNE_BUILD/rune-admin" config --root "$RUNE_ROOT" prekeys 200 >/dev/null 2>&1 &&
    echo on >"$RUNE_ROOT/control/anonsend"
ok $? "prekeys and anonsend on"
h_start
proxy() {
	rm -f "$H/pport"
	/usr/bin/python3 t/lib/tokproxy.py "$RUNE_ROOT/tls/cert.pem" \
	    "$RUNE_ROOT/tls/key.pem" "$PORT" "$H/pport" "$H/rules" \
	    "$H/plog" 2>>"$H/proxy.err" &
	for i in $(seq 1 50); do [ -s "$H/pport" ] && break; sleep 0.2; done
	PP=127.0.0.1:$(cat "$H/pport")
}
proxy
via() { "$RUNE_BUILD/rune" --server "$PP" "$@"; }
ntok() { ls "$H/$1/tokens/$E" 2>/dev/null | grep -c '^[0-9a-f]\{64\}$'; }
ntokens() { grep -c '^TOKENS$' "$H/plog"; }

echo proof >"$H/rules"
via --home "$H/carol" init carol@runetest >/dev/null 2>&1
via --home "$H/carol" register >"$H/o" 2>"$H/e"
ok $? "carol registers through a server whose TOKENS proof is bad" ||
    diag "$H/e"
grep -q "proof of .* batch of tokens does not verify: the server misbehaved" "$H/e"
ok $? "she is told the server misbehaved" || diag "$H/e"
is "$(grep -c tokens "$H/e")" 1 "in one line" || diag "$H/e"
test -s "$H/carol/tokens/key.$E" && ! test -e "$H/carol/tokens/$E"
ok $? "the key is pinned, and no token file is kept (the batch dropped)"
is "$(ntokens)" 1 "one TOKENS asked in that run: no retry"
via --home "$H/carol" login >"$H/o" 2>"$H/e"
ok $? "carol logs in again the same day" || diag "$H/e"
is "$(ntokens):$(ntok carol)" "1:0" "no TOKENS asked again that day"

echo z >"$H/rules"
via --home "$H/dave" init dave@runetest >/dev/null 2>&1
via --home "$H/dave" register >"$H/o" 2>"$H/e"
ok $? "dave registers through a server that changes an evaluated element" ||
    diag "$H/e"
grep -q "does not verify: the server misbehaved" "$H/e"
ok $? "he is told the server misbehaved" || diag "$H/e"
is "$(ntokens):$(ntok dave)" "2:0" "one TOKENS, no token file kept"

# the next day, the honest proxy: the batch comes (so the lies above were
# what dropped it)
h_stop
export RUNE_TEST_NOW=$((T0 + 86400))
h_start
: >"$H/rules"
proxy
via --home "$H/carol" login >"$H/o" 2>"$H/e"
ok $? "the next day carol logs in through an honest proxy" || diag "$H/e"
is "$(ntok carol)" 16 "and gets her batch of 16"
via --home "$H/erin" init erin@runetest >/dev/null 2>&1
via --home "$H/erin" register >"$H/o" 2>"$H/e"
ok $? "erin registers through the honest proxy" || diag "$H/e"
is "$(ntok erin)" 16 "and has her batch of 16 at once"
done_testing
