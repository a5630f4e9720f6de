# clientpair.sh: sourced after h_start by the client tests: S, rune()
# (build/rune against our server), A and B (the options of alice's and
# bob's homes), and alice@runetest and bob@runetest made and registered
# through the real client.  A test may set before: CP_S, the server if
# not ours directly (a proxy in front of it); CP_USERS, who registers
# (default "alice bob"; each u as u@runetest, home $H/u); CP_HOW, how
# they register, said in the ok line; CP_KILL, the pids to kill if they
# cannot.
S=${CP_S:-127.0.0.1:$PORT}
rune() { "$RUNE_BUILD/rune" --server "$S" "$@"; }
A="--home $H/alice"
B="--home $H/bob"
CP_USERS=${CP_USERS:-alice bob}
for u in $CP_USERS; do
	rune --home "$H/$u" init "$u@runetest" >/dev/null 2>&1 &&
	    rune --home "$H/$u" register >/dev/null 2>&1 ||
	    { echo "Bail out! $u could not register"; ${CP_KILL:+kill $CP_KILL}; exit 1; }
done
# "alice and bob", "alice, bob and carol"
CP_WHO=
for u in $CP_USERS; do CP_WHO="${CP_WHO:+$CP_WHO, }$u"; done
CP_WHO=$(echo "$CP_WHO" | sed 's/\(.*\), /\1 and /')
ok 0 "$CP_WHO registered${CP_HOW:+ ($CP_HOW)}"
