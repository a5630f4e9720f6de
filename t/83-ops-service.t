#!/bin/sh
# 83-ops-service.t: the service files of service/: every systemd unit
# passes systemd-analyze verify; the users and groups they name are ones
# rune-admin setup creates; their paths are setup's default root and make
# install's bin directory; an expire timer ships (systemd timer and cron
# line) and its command works; the daemontools/s6 directory uses Debian's
# /etc/service; make install installs the doc/ files the man pages name.
# Where systemd is PID 1 the units are started too; elsewhere (a
# container) that is skipped, saying so.
. t/lib/harness.sh
h_domain
U=service/systemd

# what rune-admin setup makes: its users, the group rune, its root
users=$(sed -n '/^static char const \*const users\[SETUP_NUSERS\] = {/,/};/p' \
    rune-admin/setup.c | grep -o '"[a-z]*"' | tr -d '"' | tr '\n' ' ')
root=$(sed -n 's/^	s->root = "\(.*\)";$/\1/p' rune-admin/setup.c)
[ "$(echo $users | wc -w)" = 4 ] && [ -n "$root" ]
ok $? "setup's users ($users) and default root ($root)"
groups="rune runelog"	# groupadd rune; runelog's --user-group
grep -q '"/usr/sbin/groupadd", "--system", "rune"' rune-admin/setup.c &&
    grep -q -- '"--user-group", av\[8\] = users\[i\]' rune-admin/setup.c
ok $? "setup's groups: rune, and runelog's own"

ls $U/rune.service $U/rune.socket $U/rune@.service $U/rune-expire.service \
    $U/rune-expire.timer service/cron/rune-expire >/dev/null
ok $? "the units and the cron file ship, an expire timer among them"

# systemd-analyze verify: the units as installed, with /usr/local/bin
# (make install's default) standing for the built programs
if command -v systemd-analyze >/dev/null; then
	mkdir "$H/units"
	for f in $U/*; do
		sed "s|/usr/local/bin/|$RUNE_BUILD/|g" "$f" >"$H/units/${f##*/}"
	done
	(cd "$H/units" && systemd-analyze verify ./*.service ./*.socket \
	    ./*.timer) >"$H/verify" 2>&1
	c=$?
	[ $c = 0 ] && [ ! -s "$H/verify" ]
	ok $? "systemd-analyze verify: every unit, no complaint" || diag "$H/verify"
else
	echo "ok $((h_n += 1)) # SKIP systemd-analyze not installed"
fi

# every user and group a unit or run script names is setup's
: >"$H/bad"
for f in $U/* service/daemontools*/run service/daemontools*/log/run; do
	for u in $(sed -n 's/^User=//p' "$f") \
	    $(grep -o 'envuidgid [a-z]*' "$f" | sed 's/.* //') \
	    $(grep -o 'setuidgid [a-z]*' "$f" | sed 's/.* //'); do
		case " $users " in *" $u "*) ;; *) echo "$f: user $u" ;; esac
	done
	for g in $(sed -n 's/^Group=//p' "$f"); do
		case " $groups " in *" $g "*) ;; *) echo "$f: group $g" ;; esac
	done
done >"$H/bad"
[ ! -s "$H/bad" ]
ok $? "every User=, Group=, envuidgid and setuidgid names one setup creates" ||
    diag "$H/bad"
grep -q '^Group=rune$' $U/rune@.service
ok $? "rune@.service: Group=rune, runed's group"

# paths: setup's default root, make install's bin directory
: >"$H/bad"
for f in $U/* service/cron/rune-expire service/daemontools*/env/RUNE_ROOT; do
	grep -o 'RUNE_ROOT=[^ ]*\|--root [^ ]*' "$f" |
	    sed 's/RUNE_ROOT=//; s/--root //' | while read -r r; do
		[ "$r" = "$root" ] || echo "$f: root $r"
	done
done >"$H/bad"
for e in service/daemontools*/env/RUNE_ROOT; do
	[ "$(cat "$e")" = "$root" ] || echo "$e" >>"$H/bad"
done
[ ! -s "$H/bad" ]
ok $? "every root in service/ is setup's default, $root" || diag "$H/bad"
grep -h -o '/[a-z/]*/bin/rune[a-z-]*' $U/* service/cron/* service/daemontools*/run |
    grep -v '^/usr/local/bin/' >"$H/bad"
[ ! -s "$H/bad" ]
ok $? "every program path is make install's /usr/local/bin" || diag "$H/bad"

# the expire timer's commands work (on a scratch domain)
cmd=$(sed -n 's/^ExecStart=//p' $U/rune-expire.service |
    sed "s|/usr/local/bin/|$RUNE_BUILD/|; s|--root $root|--root $RUNE_ROOT|")
[ -n "$cmd" ] && $cmd >"$H/x1" 2>&1
ok $? "rune-expire.service's ExecStart runs: $cmd" || diag "$H/x1"
grep -q '^OnCalendar=daily$' $U/rune-expire.timer &&
    grep -q '^WantedBy=timers.target$' $U/rune-expire.timer
ok $? "rune-expire.timer: daily, enabled under timers.target"
line=$(grep -v -e '^#' -e '^[A-Z]*=' -e '^$' service/cron/rune-expire)
set -f
set -- $line
set +f
[ $# -ge 7 ] && [ "$6" = root ]
ok $? "cron/rune-expire: one /etc/cron.d line (5 time fields, user root)"
shift 6
cmd=$(echo "$*" | sed "s|/usr/local/bin/|$RUNE_BUILD/|; s|--root $root|--root $RUNE_ROOT|")
[ -n "$cmd" ] && $cmd >"$H/x2" 2>&1
ok $? "... and its command runs: $cmd" || diag "$H/x2"

# daemontools and s6: Debian's /etc/service
grep -q '/etc/service' service/daemontools/run &&
    grep -q 'ln -s %s /etc/service/rune' rune-admin/setup.c &&
    ! grep -rq -e ' /service/' -e '^/service' rune-admin/ doc/admin.md doc/rune-admin.8
ok $? "the daemontools/s6 directory is linked into /etc/service"

# make install: the doc/ files the man pages point to
D=$H/dest
san=
[ -n "$RUNE_SAN" ] && san=SAN=1
make -s install B="$RUNE_BUILD" $san DESTDIR="$D" PREFIX=/usr/local \
    >"$H/make.out" 2>&1
ok $? "make install" || diag "$H/make.out"
grep -h -o 'doc/[a-z]*\.md' doc/*.[1578] | sort -u >"$H/named"
: >"$H/bad"
while read -r d; do
	cmp -s "$d" "$D/usr/local/share/doc/rune/${d#doc/}" || echo "$d" >>"$H/bad"
done <"$H/named"
[ -s "$H/named" ] && [ ! -s "$H/bad" ]
ok $? "every doc/ file a man page names is installed in share/doc/rune" ||
    diag "$H/bad"
[ -f "$D/usr/local/share/rune/systemd/rune-expire.timer" ] &&
    [ -f "$D/usr/local/share/rune/cron/rune-expire" ]
ok $? "the expire timer and cron file are installed"
make -s uninstall DESTDIR="$D" PREFIX=/usr/local >/dev/null 2>&1
[ -z "$(find "$D" -type f)" ]
ok $? "make uninstall removes them"

# systemd itself: only where it is PID 1
if [ -d /run/systemd/system ] && command -v systemctl >/dev/null &&
    [ "$(id -u)" = 0 ] && getent passwd runed >/dev/null; then
	u=rune-t83-$$
	sed -e "s|/usr/local/bin/|$RUNE_BUILD/|g" \
	    -e "s|--root $root|--root $RUNE_ROOT|" $U/rune-expire.service \
	    >/run/systemd/system/$u.service
	systemctl daemon-reload && systemctl start $u.service
	ok $? "systemd runs rune-expire.service"
	rm -f /run/systemd/system/$u.service
	systemctl daemon-reload
else
	echo "ok $((h_n += 1)) # SKIP systemd is not PID 1 here (systemctl is-system-running: $(systemctl is-system-running 2>/dev/null)): units verified, not started"
fi
done_testing
