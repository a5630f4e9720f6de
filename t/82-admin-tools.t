#!/bin/sh
# 82-admin-tools.t: rune-admin as postconf/doveadm are: config shows every
# setting, its value and its source, and checks a value before setting
# it; options anywhere; --help on every command; registration alone
# prints the mode; the helpers found in $RUNE_BINDIR, else beside
# rune-admin, in every command (rune-session's order); as root, no RUNE_ALLOW_ROOT needed;
# rune-session run as root refuses at start with one log line.
. t/lib/harness.sh
h_domain --registration invite
A=$RUNE_BUILD/rune-admin

# config: every setting of lib/conf.c, with value and source
"$A" config >"$H/all" 2>"$H/all.err"
ok $? "config: exit 0" || diag "$H/all.err"
{
	echo domain; echo welcome; echo registration; echo host; echo anonsend
	grep -o 'number(c, "[a-z_]*"' lib/conf.c | sed 's/.*"\(.*\)"/\1/'
} | sort >"$H/want"
awk '{print $1}' "$H/all" | sort >"$H/got"
diff "$H/want" "$H/got" >"$H/d" && [ "$(wc -l <"$H/want")" -ge 12 ]
ok $? "config lists every setting lib/conf.c reads" || diag "$H/d"
grep -q '^registration *invite *control/registration$' "$H/all" &&
    grep -q '^maxsize *10485760 *default$' "$H/all" &&
    grep -q '^domain *runetest *control/domain$' "$H/all"
ok $? "each with its value and where it comes from" || diag "$H/all"
RUNE_IDLE=33 "$A" config | grep -q '^idle *33 *\$RUNE_IDLE$'
ok $? "a variable set in the environment is named as the source"
is "$("$A" config maxsize)" 10485760 "config NAME: the value alone"

"$A" config maxsize 2000000 2>/dev/null
ok $? "config NAME VALUE: exit 0"
is "$(cat "$RUNE_ROOT/control/maxsize")" 2000000 "control/maxsize written"
"$A" config | grep -q '^maxsize *2000000 *control/maxsize$'
ok $? "... and shown as from control/"
for bad in "maxsize 5" "maxsize x" "idle 0" "port 70000" "host a/b" \
    "registration sometimes" "idle -1" "nosuch 1" "domain other"; do
	"$A" config $bad >/dev/null 2>"$H/bad.err"
	c=$?
	[ "$c" = 100 ] && [ -s "$H/bad.err" ]
	ok $? "config $bad: refused with a message ($c)"
done
is "$(cat "$RUNE_ROOT/control/maxsize")" 2000000 "the refusals changed nothing"
grep -q 'want 1..65535' "$H/bad.err" 2>/dev/null || "$A" config port 70000 2>&1 |
    grep -q 'want 1..65535'
ok $? "a bad value: the message says what is wanted"
ls /tmp | grep -q "^rune-config\." && ls -d /tmp/rune-config.* >"$H/left"
[ ! -s "$H/left" ]
ok $? "no scratch directory left behind"
"$A" config maxsize --default 2>/dev/null && [ ! -e "$RUNE_ROOT/control/maxsize" ]
ok $? "config NAME --default removes control/NAME"
ls -A "$RUNE_ROOT/control" | grep -q tmp
is $? 1 "no temporary file in control/"

# registration alone prints the mode
is "$("$A" registration)" invite "registration alone prints the mode"

# options anywhere; --root before the command too
unset RUNE_ROOT
"$A" --root "$H/root" config registration >"$H/o1" 2>&1 &&
    "$A" config --root "$H/root" registration >"$H/o2" 2>&1 &&
    "$A" config registration --root="$H/root" >"$H/o3" 2>&1 &&
    "$A" --root="$H/root" users --list >/dev/null 2>&1 &&
    "$A" users --list --root "$H/root" >/dev/null 2>&1 &&
    "$A" registration --root "$H/root" >/dev/null 2>&1
ok $? "--root before the command, after it, after other arguments"
is "$(cat "$H/o1" "$H/o2" "$H/o3" | sort -u)" invite "... the same answer"
export RUNE_ROOT=$H/root

# --help on every command: exit 0, its usage, nothing done
cmds=$("$A" --help | sed -n 's/^  \([a-z]*\) .*/\1/p')
[ "$(echo $cmds | wc -w)" -ge 15 ]
ok $? "rune-admin --help lists the commands"
: >"$H/nohelp"
for c in $cmds; do
	"$A" $c --help >"$H/h" 2>&1 && grep -q "^usage: rune-admin $c " "$H/h" ||
	    echo "$c" >>"$H/nohelp"
	"$A" $c x -h >"$H/h" 2>&1 && grep -q "^usage: rune-admin $c " "$H/h" ||
	    echo "$c -h" >>"$H/nohelp"
done
[ ! -s "$H/nohelp" ]
ok $? "--help (and -h, anywhere) on every command" || diag "$H/nohelp"
"$A" init "$H/x" --help >/dev/null 2>&1 && [ ! -e "$H/x" ]
ok $? "init --help makes nothing"

# the helpers: in $RUNE_BINDIR when set, else beside rune-admin, in every
# command (lib/bindir.c, as rune-session finds them)
mkdir "$H/bin" && cp "$A" "$RUNE_BUILD/rune-keys" "$RUNE_BUILD/rune-store" \
    "$H/bin/"
env -u RUNE_BINDIR "$H/bin/rune-admin" invite --force bob@runetest \
    >/dev/null 2>"$H/b1" &&
    env -u RUNE_BINDIR "$H/bin/rune-admin" status >/dev/null 2>>"$H/b1" &&
    env -u RUNE_BINDIR "$H/bin/rune-admin" expire >/dev/null 2>>"$H/b1"
ok $? "invite, status, expire: the helpers beside rune-admin" || diag "$H/b1"
RUNE_BINDIR=/nonexistent "$H/bin/rune-admin" status >/dev/null 2>"$H/b2"
is $? 111 "\$RUNE_BINDIR comes before beside rune-admin: a wrong one is 111"
grep -q 'unable to find rune-store in \$RUNE_BINDIR (/nonexistent)' "$H/b2"
ok $? "... naming it" || diag "$H/b2"
mkdir "$H/only" && cp "$A" "$H/only/"
RUNE_BINDIR=$RUNE_BUILD "$H/only/rune-admin" status >/dev/null 2>"$H/b3" &&
    RUNE_BINDIR=$RUNE_BUILD "$H/only/rune-admin" expire >/dev/null 2>>"$H/b3" &&
    RUNE_BINDIR=$RUNE_BUILD "$H/only/rune-admin" invite --force cindy@runetest \
    >/dev/null 2>>"$H/b3"
ok $? "in \$RUNE_BINDIR, for rune-store as for rune-keys" || diag "$H/b3"
env -u RUNE_BINDIR "$H/only/rune-admin" status >/dev/null 2>"$H/b4"
is $? 111 "no helper anywhere: exit 111"
grep -q 'unable to find rune-store beside rune-admin (in .*/only), \$RUNE_BINDIR not set' "$H/b4"
ok $? "... naming where it looked" || diag "$H/b4"

if [ "$(id -u)" = 0 ]; then
	# root, no RUNE_ALLOW_ROOT, on a domain root owns
	env -u RUNE_ALLOW_ROOT "$A" invite --force dave@runetest >/dev/null 2>"$H/r1" &&
	    env -u RUNE_ALLOW_ROOT "$A" status >/dev/null 2>>"$H/r1" &&
	    env -u RUNE_ALLOW_ROOT "$A" expire >/dev/null 2>>"$H/r1" &&
	    env -u RUNE_ALLOW_ROOT "$A" revoke dave@runetest >/dev/null 2>>"$H/r1"
	ok $? "as root without RUNE_ALLOW_ROOT: invite, status, expire, revoke" ||
	    diag "$H/r1"
	# rune-session as root: refused at start, one line, before any TLS
	env -u RUNE_ALLOW_ROOT RUNE_ROOT="$RUNE_ROOT" \
	    "$RUNE_BUILD/rune-session" </dev/null >"$H/s.out" 2>"$H/s.err"
	is $? 100 "rune-session as root: exit 100 at start"
	[ "$(wc -l <"$H/s.err")" = 1 ] && grep -q 'refusing to run as root' "$H/s.err" &&
	    [ ! -s "$H/s.out" ]
	ok $? "... with one clear log line" || diag "$H/s.err"
	RUNE_ALLOW_ROOT=1 RUNE_ROOT="$RUNE_ROOT" "$RUNE_BUILD/rune-session" \
	    </dev/null >/dev/null 2>"$H/s2.err"
	! grep -q 'refusing' "$H/s2.err"
	ok $? "rune-session with RUNE_ALLOW_ROOT=1 starts"
else
	for i in 1 2 3 4; do echo "ok $((h_n += 1)) # SKIP not root"; done
fi
done_testing
