#!/bin/sh
# 76-faults-disk-full.t: a full disk under SEND, REGISTER and the
# client's fetch --maildir.  SEND: 451, nothing partial (no tmp file, no
# half message in LIST), what got 250 stays readable, SEND works again
# once there is room.  REGISTER: 451, keys/ (table and journal) unchanged,
# the address not registered, and REGISTER works again.  fetch: a clear
# error and exit 111, nothing deleted that was not delivered, and the next
# fetch delivers the rest, once.
# The disk is a small tmpfs when this test may mount one (root); the
# REGISTER and fetch parts also run with a file size limit
# (RLIMIT_FSIZE, as t/28 does for SEND), which is all a non-root run has.
. t/lib/harness.sh

FS=$H/fs MD=$H/mdfs
mkdir "$FS" "$MD" || exit 1
t76_cleanup() {
	h_stop
	[ -z "$mounted" ] || umount "$FS" "$MD" 2>/dev/null
	h_cleanup
}
mounted=
if [ -z "$T76_NO_TMPFS" ] &&
    mount -t tmpfs -o size=4m,mode=0755 rune-t76 "$FS" 2>/dev/null; then
	if mount -t tmpfs -o size=512k,mode=0755 rune-t76md "$MD"; then
		mounted=1
	else
		umount "$FS"
	fi
fi
trap t76_cleanup EXIT
[ -n "$mounted" ] ||
    echo "# no tmpfs (not root, or no mount allowed): file size limits only"
"$RUNE_BUILD/rune-admin" init "$FS/root" runetest --registration both \
    >"$H/init.out" 2>&1 || { diag "$H/init.out"; echo "Bail out! init"; exit 1; }
export RUNE_ROOT=$FS/root

# the helpers behind a wrapper that sets the file size limit named in
# $H/fsize, when that file exists
mkdir "$H/bin" || exit 1
for p in rune-store rune-keys; do
	cat >"$H/bin/$p" <<WRAP
#!/bin/sh
if [ -f "$H/fsize" ]; then ulimit -f "\$(cat "$H/fsize")" || exit 111; fi
exec "$RUNE_BUILD/$p" "\$@"
WRAP
	chmod +x "$H/bin/$p" || exit 1
done
h_start RUNE_BINDIR="$H/bin"
. t/lib/msgparts.sh

# full MODE / room: the disk of the domain full, or room again
full() {
	if [ "$1" = tmpfs ]; then
		dd if=/dev/zero of="$FS/filler" bs=64k 2>/dev/null
		[ "$(df --output=avail "$FS" | tail -1)" -lt 64 ]
	else
		echo 0 >"$H/fsize"
	fi
}
room() { rm -f "$FS/filler" "$H/fsize"; }
# the files of keys/ with their contents
keys_state() {
	(cd "$RUNE_ROOT/keys" && find . -type f | sort | xargs sha256sum)
}

py setup <<'PY'
for a in ("alice@runetest", "bob@runetest"):
    eq(talk.Session(PORT).register(a, rm.seed_of(a))[0], 210, "register " + a)
PY

if [ -n "$mounted" ]; then
	py send-before <<'PY'
a = login("alice@runetest")
c, t, blob = rm.send(a, "alice@runetest", "bob@runetest", b"before" * 1000)
eq(c, 250, "a SEND while there is room: 250")
open(H + "/acked", "w").write(t[0] + " %d\n" % (len(blob) + 222))
PY
	full tmpfs
	ok $? "the domain's disk is full"
	py send-full <<'PY'
acked, size = open(H + "/acked").read().split()
a = login("alice@runetest")
for n in (1100, 200000):
    c, t, _ = rm.send(a, "alice@runetest", "bob@runetest", b"F" * n)
    eq((c, t), (451, ["temporary failure, nothing stored"]),
       "a SEND of %d octets on a full disk: 451" % n)
eq(a.cmd("NOOP"), (250, ["ok"]), "the session goes on")
b = login("bob@runetest")
eq(rm.listing(b)[1], [(acked, int(size))], "LIST shows only what got 250")
c, st = rm.retrieve(b, acked)
eq((c, rm.msgid(st)), (240, acked), "what got 250 is still readable, whole")
eq((ncur(), ntmp()), (1, 0), "one message file in cur/, nothing in tmp/")
PY
	room tmpfs
	py send-room <<'PY'
acked = open(H + "/acked").read().split()[0]
a = login("alice@runetest")
c, t, _ = rm.send(a, "alice@runetest", "bob@runetest", b"after" * 1000)
eq(c, 250, "room again: SEND 250")
b = login("bob@runetest")
eq([x[0] for x in rm.listing(b)[1]], [acked, t[0]], "LIST: the two stored")
eq(ntmp(), 0, "nothing in tmp/")
PY
fi

# REGISTER, in each mode
modes="fsize"
[ -z "$mounted" ] || modes="tmpfs fsize"
for m in $modes; do
	keys_state >"$H/keys.before"
	full $m
	ok $? "$m: the disk is full"
	M=$m py "register-full-$m" <<'PY'
a = "carol%s@runetest" % os.environ["M"]
s = talk.Session(PORT)
eq(s.register(a, rm.seed_of(a)), (451, ["temporary failure"]),
   "REGISTER on a full disk: 451")
eq(s.cmd("NOOP"), (250, ["ok"]), "the session goes on")
eq(s.cmd("LIST")[0], 411, "not logged in")
b = login("bob@runetest")
eq(b.cmd("KEY " + a)[0], 404, "the address is not registered")
eq(talk.Session(PORT).login(a, rm.seed_of(a))[0], 412,
   "a login as the address fails")
PY
	keys_state >"$H/keys.after"
	cmp -s "$H/keys.before" "$H/keys.after"
	ok $? "$m: keys/ (table and journal) unchanged, no tmp file"
	diff "$H/keys.before" "$H/keys.after" | sed 's/^/# /'
	room $m
	M=$m py "register-room-$m" <<'PY'
a = "carol%s@runetest" % os.environ["M"]
eq(talk.Session(PORT).register(a, rm.seed_of(a))[0], 210,
   "room again: REGISTER 210")
b = login("bob@runetest")
eq(b.cmd("KEY " + a)[0], 250, "the address is registered")
PY
done

# fetch --maildir into a full Maildir, in each mode.  Three messages for
# erin: two small, then one of 400 KB, which does not fit (tmpfs: 512 KiB
# with 256 KiB taken; fsize: files up to 100 KiB).
rune() { "$RUNE_BUILD/rune" --server "127.0.0.1:$PORT" "$@"; }
for u in dave erin; do
	rune --home "$H/$u" init "$u@runetest" >/dev/null 2>&1 &&
	    rune --home "$H/$u" register >/dev/null 2>&1 || exit 1
done
ok 0 "dave and erin registered with the client"
for m in $modes; do
	md=$MD/$m
	[ $m = tmpfs ] || md=$H/md-$m
	head -c 1000 /dev/urandom | base64 >"$H/small"
	head -c 300000 /dev/urandom | base64 >"$H/big"
	for f in small small big; do
		rune --home "$H/dave" send erin@runetest "$H/$f" \
		    >>"$H/ids-$m" 2>"$H/send.err" || { diag "$H/send.err"; exit 1; }
	done
	ok 0 "$m: three messages sent"
	if [ $m = tmpfs ]; then
		head -c 256k /dev/zero >"$MD/filler" || exit 1
	fi
	if [ $m = tmpfs ]; then
		rune --home "$H/erin" fetch --maildir "$md" --delete \
		    >"$H/f1.out" 2>"$H/f1.err"
	else
		(ulimit -f 200 && exec "$RUNE_BUILD/rune" --server \
		    "127.0.0.1:$PORT" --home "$H/erin" fetch --maildir "$md" \
		    --delete) >"$H/f1.out" 2>"$H/f1.err"
	fi
	is $? 111 "$m: fetch into a full Maildir: exit 111"
	big=$(sed -n 3p "$H/ids-$m")
	# the file it could not write: the Maildir, or under a file size
	# limit first the local cache in the home, or the temporary file
	# that a message over 256 KiB is received into (each is named)
	grep -q -e "rune: fatal: unable to deliver into $md" \
	    -e "rune: fatal: unable to write $H/erin/cache/" \
	    -e "rune: fatal: unable to write a temporary file in $H/erin/tmp: File too large" \
	    -e "rune: fatal: unable to write a temporary file in ${TMPDIR:-/nonexistent}: File too large" \
	    "$H/f1.err"
	ok $? "$m: a clear error naming what it could not write"
	diag "$H/f1.err"
	is "$(grep -c '^delivered' "$H/f1.out")" 2 "$m: the two small ones delivered"
	is "$(ls "$md/new" | wc -l),$(ls "$md/tmp" | wc -l)" "2,0" \
	    "$m: two files in new/, nothing in tmp/"
	rune --home "$H/erin" list --ids >"$H/list.out" 2>&1
	is "$(cut -d' ' -f1 "$H/list.out")" "$big" \
	    "$m: only the undelivered one is left on the server"
	# room: the reader moves the delivered ones away
	rm -f "$MD/filler"
	mkdir -p "$H/read-$m" || exit 1
	for f in "$md"/new/*; do
		[ ! -e "$f" ] || mv "$f" "$H/read-$m/" || exit 1
	done
	rune --home "$H/erin" fetch --maildir "$md" --delete \
	    >"$H/f2.out" 2>"$H/f2.err"
	ok $? "$m: room again: fetch exits 0"
	diag "$H/f2.err"
	is "$(grep -c '^delivered' "$H/f2.out")" 1 "$m: it delivers one message"
	grep -qx "X-Rune-Id: $big" "$md"/new/*
	ok $? "$m: the one that did not fit"
	ids=$(cat "$H/read-$m"/* "$md"/new/* | sed -n 's/^X-Rune-Id: //p' | sort)
	is "$ids" "$(sort "$H/ids-$m")" "$m: each message delivered once"
	rune --home "$H/erin" list --ids >"$H/list.out" 2>&1
	is "$(wc -c <"$H/list.out")" 0 "$m: nothing left on the server"
done
h_stop
done_testing
