#!/bin/sh
# 79-faults-register-invite-full.t: REGISTER_INVITATION when the disk
# fills up in the middle of rune-keys' transaction (the address record
# and the token record, doc/keys.md): with room for keys/txn and nothing
# more, or for keys/txn and the address record but not the token record,
# the client gets 451 and the change is undone: keys/ as it was, the
# address not registered, not now and not later (when the next writer
# would finish a transaction left behind), and the same invitation works
# once there is room.  Needs a small tmpfs, so root.
. t/lib/harness.sh
FS=$H/fs
mkdir "$FS" || exit 1
if ! mount -t tmpfs -o size=2m,mode=0755 rune-t79 "$FS" 2>/dev/null; then
	echo "1..0 # SKIP cannot mount a tmpfs (not root, or not allowed)"
	exit 0
fi
trap 'h_stop; umount "$FS"; h_cleanup' EXIT
"$RUNE_BUILD/rune-admin" init "$FS/root" runetest --registration both \
    >"$H/init.out" 2>&1 || { diag "$H/init.out"; echo "Bail out! init"; exit 1; }
export RUNE_ROOT=$FS/root
h_start
. t/lib/msgparts.sh

keys_state() {
	# receipt.key: the domain's key for registration receipts, made once
	# by the first registration (doc/privsep.md), not a record
	(cd "$RUNE_ROOT/keys" && find . -type f ! -name receipt.key | sort |
	    xargs sha256sum)
}
# room N: the disk full but for N pages of 4 KiB (tmpfs counts pages)
room() {
	rm -f "$FS"/filler "$FS"/slot*
	for k in $(seq "$1"); do
		head -c 4096 /dev/zero >"$FS/slot$k" || return 1
	done
	dd if=/dev/zero of="$FS/filler" bs=4k 2>/dev/null
	[ "$(df --output=avail "$FS" | tail -1)" -eq 0 ] || return 1
	rm -f "$FS"/slot*
}

for pages in 1 2; do
	a=carol$pages@runetest
	tok=$("$RUNE_BUILD/rune-admin" invite "$a" --token-only 2>"$H/inv.err") ||
	    { diag "$H/inv.err"; exit 1; }
	keys_state >"$H/keys.before"
	room $pages
	ok $? "$pages page(s) free"
	A=$a TOK=$tok py "full-$pages" <<'PY'
a, tok = os.environ["A"], os.environ["TOK"]
eq(talk.Session(PORT).register(a, rm.seed_of(a), token=tok),
   (451, ["temporary failure"]), "REGISTER_INVITATION: 451")
PY
	keys_state >"$H/keys.after"
	cmp -s "$H/keys.before" "$H/keys.after"
	ok $? "$pages page(s): keys/ as it was (no keys/txn, no record)"
	diff "$H/keys.before" "$H/keys.after" | sed 's/^/# /'
	rm -f "$FS/filler"
	# a write of another address runs the recovery of keys/txn, if any
	A=$a TOK=$tok N=$pages py "room-$pages" <<'PY'
a, tok, n = os.environ["A"], os.environ["TOK"], os.environ["N"]
x = "other%s@runetest" % n
eq(talk.Session(PORT).register(x, rm.seed_of(x))[0], 210,
   "room: another REGISTER (a writer of the key table) 210")
eq(talk.Session(PORT).login(a, rm.seed_of(a))[0], 412,
   "the address was not registered: LOGIN fails")
b = login(x)
eq(b.cmd("KEY " + a)[0], 404, "KEY: 404")
eq(talk.Session(PORT).register(a, rm.seed_of(a), token=tok)[0], 210,
   "the same invitation now: 210")
eq(talk.Session(PORT).login(a, rm.seed_of(a))[0], 230, "and LOGIN: 230")
PY
done
h_stop
done_testing
