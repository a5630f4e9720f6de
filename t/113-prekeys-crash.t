#!/bin/sh
# 113-prekeys-crash.t: a one-time record is removed durably before
# PREKEY's reply, so it is handed out once even across a crash (PK-P5).
# rune-keys prekeys is killed (SIGKILL, by strace's fault injection) in
# the take: at the rename that removes the record (before it: the record
# stays and is handed out later), and at the directory's fsync after it
# (the record is gone and was never answered: it never appears again).
# Either way the client gets 451, the next fetch works, nothing comes out
# twice, and the tmp file a crash leaves is not a record.
. t/lib/harness.sh
command -v strace >/dev/null ||
    { echo "Bail out! strace is needed (make deps installs it)"; exit 1; }
h_domain
. t/lib/msgparts.sh
"$RUNE_BUILD/rune-admin" config --root "$RUNE_ROOT" prekeys 200 >/dev/null 2>&1
ok $? "prekeys on"
# rune-keys prekeys under strace when $H/crash says "CALL WHEN"
mkdir "$H/bin" && ln -s "$RUNE_BUILD/rune-store" "$H/bin/rune-store"
cat >"$H/bin/rune-keys" <<EOS
#!/bin/sh
if [ "\$1" = prekeys ] && [ -s "$H/crash" ]; then
	read c w <"$H/crash"
	exec /usr/bin/strace -f -qq -o /dev/null -e trace=\$c \
	    -e inject=\$c:signal=KILL:when=\$w "$RUNE_BUILD/rune-keys" "\$@"
fi
exec "$RUNE_BUILD/rune-keys" "\$@"
EOS
chmod +x "$H/bin/rune-keys"
h_start RUNE_BINDIR="$H/bin"

py crash <<'PY'
exec(open("t/lib/pkparts.py").read())
register("alice@runetest", "bob@runetest")
a = login("alice@runetest")
L = rec("alice@runetest", b"L")
ones = [rec("alice@runetest") for _ in range(6)]
eq(upload(a, [L] + ones)[0], 250, "alice uploads L and 6 O, oldest first")
def crash(call, when):
    with open(H + "/crash", "w") as f:
        f.write("%s %d\n" % (call, when) if call else "")
def left():
    return int(count(login("alice@runetest"))[1][0].split(" ")[0])

# killed at the rename: the record was not removed, so not handed out
crash("rename", 1)
b = login("bob@runetest")
eq(fetch(b, "alice@runetest")[:2], (451, ["temporary failure"]), "killed at the rename: 451")
crash(None, 0)
eq(left(), 6, "the record is still there")
eq(fetch(b, "alice@runetest"), (250, L, ones[0]), "the next fetch gets it (it never went out)")

# killed at the directory's fsync, after the rename: the record is gone
crash("fsync", 2)
b = login("bob@runetest")
eq(fetch(b, "alice@runetest")[:2], (451, ["temporary failure"]), "killed after the rename: 451")
crash(None, 0)
eq(left(), 4, "the record is gone, never answered")
rest = [fetch(b, "alice@runetest")[2] for _ in range(5)]
eq(rest, ones[2:] + [None], "the others come out in order, once each; ones[1] never")
eq(len(pkfiles()), 1, "one record file (a tmp file is not one)")
PY
done_testing
