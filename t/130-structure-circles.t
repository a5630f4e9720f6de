#!/bin/sh
# issue 10's rules of the house, read from the sources by t/lib/circles.py:
# no two files of one program directory (or of lib/) call each other in a
# circle, and no file includes a header of another program's directory.
# The checker is first shown a circle and a foreign include it must find,
# and a straight line it must pass, so that it cannot pass by finding
# nothing.
. t/lib/harness.sh
C="/usr/bin/python3 t/lib/circles.py"

# a scratch house: prog/a.c calls b.c, b.c calls c.c (a straight line)
P=$H/house
mkdir -p "$P/prog" "$P/other" "$P/lib"
cat >"$P/prog/a.c" <<'X'
#include "b.h"
int
a_run(void)
{
	return b_step();	/* a_gone() in a comment is no call */
}
X
cat >"$P/prog/b.c" <<'X'
static int
helper(void)
{
	return 1;
}

int
b_step(void)
{
	return helper() + c_last();
}
X
cat >"$P/prog/c.c" <<'X'
char const *s = "a_run() in a string is no call";
int
c_last(void)
{
	return 0;
}
X
printf '/* b.h */\nint b_step(void);\n' >"$P/prog/b.h"
printf '/* o.h */\nint o(void);\n' >"$P/other/o.h"
$C "$P" prog >"$H/out" 2>&1
is "$?" 0 "a straight line of calls passes" || diag "$H/out"

# c.c now calls a.c back: a -> b -> c -> a
cat >"$P/prog/c.c" <<'X'
int a_run(void);
int
c_last(void)
{
	return a_run() > 0;
}
X
$C "$P" prog >"$H/out" 2>&1
is "$?" 1 "a circle of three files fails" || diag "$H/out"
grep -q '^circle in prog/: a.c -> b.c (b_step); b.c -> c.c (c_last); c.c -> a.c (a_run)$' "$H/out"
ok $? "and names each call of the circle" || diag "$H/out"

# a header of another program's directory
printf 'int a_run(void);\nint\nc_last(void)\n{\n\treturn 0;\n}\n' >"$P/prog/c.c"
printf '#include "o.h"\n' >>"$P/prog/b.c"
$C "$P" prog >"$H/out" 2>&1
is "$?" 1 "an include of another program's header fails" || diag "$H/out"
grep -q '^prog/b.c includes "o.h" of other/$' "$H/out"
ok $? "and names it" || diag "$H/out"
printf '#include "../other/o.h"\n' >"$P/prog/b.h"
$C "$P" prog >"$H/out" 2>&1
grep -q '^prog/b.h includes "../other/o.h" of other/$' "$H/out"
ok $? "a path into the other directory too" || diag "$H/out"

# the house itself, a directory at a time
for d in lib rune-session rune-keys rune-store rune-admin rune; do
	$C . "$d" >"$H/out" 2>&1
	is "$?" 0 "$d/: no circle of files, no other program's header" ||
	    diag "$H/out"
done

# doc/design.md's map of rune-session: a line per file, the same calls
$C --edges . rune-session >"$H/edges"
/usr/bin/python3 - "$H/edges" >"$H/map" 2>&1 <<'X'
import os, re, sys
code = {f: set() for f in os.listdir("rune-session") if f.endswith(".c")}
for l in open(sys.argv[1]):
    m = re.match(r"rune-session/(\S+) -> (\S+):", l)
    if m:
        code[m.group(1)].add(m.group(2))
doc = {}
for m in re.finditer(r"^    (\S+\.c) ->(.*)$", open("doc/design.md").read(),
                     re.M):
    doc[m.group(1)] = set(m.group(2).split())
bad = 0
for f in sorted(set(code) | set(doc)):
    if code.get(f) != doc.get(f):
        print("%s: the code calls %s, doc/design.md says %s" % (
            f, sorted(code.get(f, ["(no file)"])),
            sorted(doc.get(f, ["(no line)"]))))
        bad = 1
sys.exit(bad)
X
ok $? "doc/design.md's map of rune-session is the code's" || diag "$H/map"

done_testing
