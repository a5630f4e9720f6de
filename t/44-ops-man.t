#!/bin/sh
# The man pages: every page in doc/ lints clean (mandoc -T lint -W
# warning); every option a program's usage shows, every subcommand of
# rune-admin, and every setting of rune-session is in its page.
. t/lib/harness.sh
command -v mandoc >/dev/null || {
	echo "1..0 # SKIP mandoc not installed (package mandoc)"
	exit 0
}
h_domain
n=0
for m in doc/*.[1578]; do
	[ -f "$m" ] || continue
	mandoc -T lint -W warning "$m" >"$H/lint" 2>&1 && [ ! -s "$H/lint" ]
	ok $? "mandoc lint: $m" || diag "$H/lint"
	n=$((n + 1))
done

# page PROGRAM SECTION: the rendered page in $H/PROGRAM.txt; 1 if missing
page() {
	[ -f "doc/$1.$2" ] || return 1
	mandoc -T ascii "doc/$1.$2" | col -b >"$H/$1.txt"
}
# options FILE: every --option in FILE, one a line
options() { grep -o -- '--[a-z][a-z-]*' "$1" | sort -u; }
# covers PROGRAM HELPFILE: every option of HELPFILE is in PROGRAM's page
covers() {
	options "$2" >"$H/opts"
	: >"$H/missing"
	while read -r o; do
		grep -q -- "$o" "$H/$1.txt" || echo "$o" >>"$H/missing"
	done <"$H/opts"
	[ -s "$H/opts" ] && [ ! -s "$H/missing" ]
}
B=$RUNE_BUILD

# rune(1): its --help
"$B/rune" --help >"$H/help" 2>&1
if page rune 1; then
	covers rune "$H/help"
	ok $? "rune(1) shows every option of rune --help" || diag "$H/missing"
else
	echo "not ok $((h_n += 1)) - rune(1) exists # TODO page missing"
fi

# rune-admin(8): the usage of every subcommand, and every subcommand
"$B/rune-admin" --help >"$H/cmds" 2>&1
cmds=$(sed -n 's/^  \([a-z]*\) .*/\1/p' "$H/cmds")
[ -n "$cmds" ]
ok $? "rune-admin --help names its subcommands" || diag "$H/cmds"
: >"$H/help"
for c in $cmds; do
	"$B/rune-admin" "$c" x y z w v >>"$H/help" 2>&1
done
grep -c 'usage: rune-admin' "$H/help" >"$H/nusage"
cat "$H/cmds" >>"$H/help"
is "$(cat "$H/nusage")" "$(echo $cmds | wc -w)" \
    "rune-admin CMD (too many arguments): a usage line for every subcommand"
page rune-admin 8
covers rune-admin "$H/help"
ok $? "rune-admin(8) shows every option of every subcommand" ||
    diag "$H/missing"
: >"$H/missing"
for c in $cmds; do
	grep -qw -- "$c" "$H/rune-admin.txt" || echo "$c" >>"$H/missing"
done
[ ! -s "$H/missing" ]
ok $? "rune-admin(8) shows every subcommand" || diag "$H/missing"

# rune-keys(8) and rune-store(8): their usage lines name commands, and
# every command is in the page
"$B/rune-keys" >"$H/keys.help" 2>&1
RUNE_ALLOW_ROOT=1 "$B/rune-store" --help >"$H/store.help" 2>&1
for p in keys store; do
	if page rune-$p 8; then
		sed -n 's/.*usage: rune-[a-z]* //p' "$H/$p.help" |
		    tr -c 'a-z-\n' ' ' | tr ' ' '\n' | grep '^[a-z][a-z-]*$' |
		    grep -v '^[A-Z]' | sort -u >"$H/words"
		: >"$H/missing"
		while read -r w; do
			grep -q -- "$w" "$H/rune-$p.txt" || echo "$w" >>"$H/missing"
		done <"$H/words"
		[ -s "$H/words" ] && [ ! -s "$H/missing" ]
		ok $? "rune-$p(8) shows every command of its usage" ||
		    diag "$H/missing"
	else
		echo "not ok $((h_n += 1)) - rune-$p(8) exists # TODO page missing"
	fi
done

# rune-session(8): every setting (control/NAME and RUNE_NAME) and every
# variable it reads
page rune-session 8
{
	echo domain; echo welcome; echo registration
	grep -o 'number(c, "[a-z_]*"' lib/conf.c | sed 's/.*"\(.*\)"/\1/'
} >"$H/settings"
: >"$H/missing"
while read -r s; do
	u=$(echo "RUNE_$s" | tr a-z A-Z)
	grep -q "control/$s" "$H/rune-session.txt" || echo "control/$s" >>"$H/missing"
	grep -q "$u" "$H/rune-session.txt" || echo "$u" >>"$H/missing"
done <"$H/settings"
grep -oh 'getenv("RUNE_[A-Z_]*")' rune-session/*.c lib/conf.c |
    sed 's/.*"\(.*\)".*/\1/' | sort -u >"$H/vars"
while read -r v; do
	grep -q "$v" "$H/rune-session.txt" || echo "$v" >>"$H/missing"
done <"$H/vars"
[ "$(wc -l <"$H/settings")" -ge 10 ] && [ -s "$H/vars" ] &&
    [ ! -s "$H/missing" ]
ok $? "rune-session(8) shows every setting and variable" || diag "$H/missing"
for s in NAME SYNOPSIS DESCRIPTION ENVIRONMENT FILES 'EXIT STATUS' \
    'SEE ALSO'; do
	grep -q "^$s\$" "$H/rune-session.txt" || echo "$s" >>"$H/nosec"
	grep -q "^$s\$" "$H/rune-admin.txt" || echo "$s" >>"$H/nosec"
done
[ ! -s "$H/nosec" ]
ok $? "rune-session(8), rune-admin(8): every section" || diag "$H/nosec"
done_testing
