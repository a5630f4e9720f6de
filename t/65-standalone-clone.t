#!/bin/sh
# The checkout stands alone: a fresh clone in a directory with nothing
# beside it (no ../shared) holds the protocol (doc/protocol.md) and its
# vectors (t/data/), no file of it refers to ../shared except bench/
# (make bench may use the peer benchmarks there), and the vector tests
# pass there with no $RUNE_VECTORS.  The same grep runs over this working
# tree, uncommitted files included.
. t/lib/harness.sh
TOP=$PWD

# refs DIR: the files under DIR (a checkout) that name ../shared or the
# shared spec; bench/ may, t/data/ holds the vectors verbatim (their
# "about" names the spec's old home), and this test names what it seeks
refs() {
	(cd "$1" && git ls-files -co --exclude-standard -z |
	    xargs -0 grep -l -I -e '\.\./shared' -e 'shared/spec' \
	        -e 'shared/bench-peers' -- 2>/dev/null |
	    grep -v -e '^bench/' -e '^t/data/' -e '^t/65-standalone-clone\.t$')
}

if ! git -C "$TOP" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	echo "1..0 # SKIP not a git checkout: nothing to clone"
	exit 0
fi
is "$(refs "$TOP")" "" "this tree: no file outside bench/ refers to ../shared"

mkdir "$H/alone" &&
    git clone -q "$TOP" "$H/alone/rune" >"$H/clone.out" 2>&1
ok $? "a fresh clone" || diag "$H/clone.out"
is "$(ls -A "$H/alone")" "rune" "nothing beside it: no shared/"
C=$H/alone/rune
is "$(refs "$C")" "" "the clone: no file outside bench/ refers to ../shared"
[ -s "$C/doc/protocol.md" ] && [ -s "$C/t/data/vectors.json" ] &&
    [ -s "$C/t/data/vectors-v2.json" ] &&
    [ -s "$C/t/data/voprf-ristretto255-sha512.json" ]
ok $? "it carries doc/protocol.md and the vectors in t/data/"
cmp -s "$C/t/data/vectors.json" "$TOP/t/data/vectors.json"
ok $? "the same vectors as this tree"
grep -q 'doc/protocol.md' "$C/README.md" && grep -q 'doc/protocol.md' "$C/doc/rune-protocol.7"
ok $? "README and rune-protocol(7) point to doc/protocol.md"

# the vector tests (built here) read the clone's t/data from its top
for t in 91-vec-register 92-vec-login 93-vec-message 94-vec-message-hostile; do
	(cd "$C" && unset RUNE_VECTORS && "$RUNE_BUILD/t/$t.t") >"$H/$t.out" 2>&1
	ok $? "$t passes in the clone with its own t/data" ||
	    grep -v '^ok' "$H/$t.out" | head -5 | sed 's/^/# /'
done
done_testing
