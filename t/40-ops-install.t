#!/bin/sh
# make install into a DESTDIR, then the installed programs end to end:
# rune-admin init, rune-session under tcpserver with its helpers from the
# installed bin directory, a client that registers and logs in; then make
# uninstall leaves no file behind.
. t/lib/harness.sh
D=$H/dest
P=/usr/local
BIN=$D$P/bin
san=
[ -n "$RUNE_SAN" ] && san=SAN=1
make -s install B="$RUNE_BUILD" $san DESTDIR="$D" PREFIX=$P \
    >"$H/make.out" 2>&1
ok $? "make install DESTDIR PREFIX" || diag "$H/make.out"

for p in rune-session rune-keys rune-store rune-admin rune; do
	[ -f "$BIN/$p" ] && [ -x "$BIN/$p" ] || echo "$p" >>"$H/missing"
done
[ ! -s "$H/missing" ]
ok $? "the five programs are in \$PREFIX/bin, executable" ||
    diag "$H/missing"
cmp -s "$BIN/rune-session" "$RUNE_BUILD/rune-session"
ok $? "installed rune-session is the built one"
n=0
for m in doc/*.[1578]; do
	[ -f "$m" ] || continue
	s=${m##*.}
	cmp -s "$m" "$D$P/share/man/man$s/${m#doc/}" || echo "$m" >>"$H/badman"
	n=$((n + 1))
done
[ $n -gt 0 ] && [ ! -s "$H/badman" ]
ok $? "every man page doc/*.[1578] in share/man/manN ($n)" ||
    diag "$H/badman"
[ -x "$D$P/share/rune/daemontools/run" ] &&
    [ -x "$D$P/share/rune/daemontools/log/run" ] &&
    [ -f "$D$P/share/rune/systemd/rune.service" ] &&
    [ -f "$D$P/share/rune/systemd/rune@.service" ]
ok $? "example service files in share/rune"

# the installed programs, end to end
"$BIN/rune-admin" init "$H/root" runetest --registration free \
    >"$H/init.out" 2>&1
ok $? "installed rune-admin init" || diag "$H/init.out"
export RUNE_ROOT=$H/root RUNE_BINDIR=$BIN
RUNE_BUILD=$BIN h_start
RUNE="$BIN/rune --home $H/home --server 127.0.0.1:$PORT"
$RUNE init alice@runetest >"$H/c.out" 2>&1 &&
    $RUNE register >>"$H/c.out" 2>&1 &&
    $RUNE login >>"$H/c.out" 2>&1
ok $? "installed client: init, register, login" || diag "$H/c.out"
"$BIN/rune-admin" users --list >"$H/list" 2>"$H/list.err"
grep -q 'alice@runetest' "$H/list"
ok $? "the installed rune-admin lists alice" || diag "$H/list.err"
h_stop
"$BIN/rune-admin" status >"$H/status" 2>"$H/status.err"
ok $? "installed rune-admin status" || diag "$H/status.err"
grep -qx 'domain runetest' "$H/status" &&
    grep -qx 'registration free' "$H/status" &&
    grep -qx 'addresses_active 1' "$H/status" &&
    grep -qx 'store_messages 0' "$H/status" &&
    grep -q '^disk_free_bytes [1-9][0-9]*$' "$H/status" &&
    ! grep -q alice "$H/status"
ok $? "status: aggregates, no address" || diag "$H/status"

make -s uninstall DESTDIR="$D" PREFIX=$P >"$H/un.out" 2>&1
ok $? "make uninstall" || diag "$H/un.out"
find "$D" ! -type d >"$H/left"
[ ! -s "$H/left" ]
ok $? "uninstall leaves no file" || diag "$H/left"
done_testing
