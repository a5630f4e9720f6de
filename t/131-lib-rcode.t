#!/bin/sh
# lib/rcode.c, the one table of reply codes that the session and the client
# use, against the spec's own tables (doc/protocol.md section 4 and
# doc/protocol-v2.md): every code the spec names is there with the same
# "closes", every row of it is a code the spec names, and the refusals
# (4xx but 421) carry the spec's text to the letter.
. t/lib/harness.sh
/usr/bin/python3 - >"$H/out" 2>&1 <<'X'
import re
spec = {}
for doc in ("doc/protocol.md", "doc/protocol-v2.md"):
    for m in re.finditer(r"^\| ([2-5]\d\d) \| (.*?) \| *(yes|no|) *\|$",
                         open(doc).read(), re.M):
        spec[int(m.group(1))] = (m.group(2), m.group(3) == "yes")
rows = {}
for m in re.finditer(r'^\t\{ (\d+), "((?:[^"\\]|\\.)*)", ([01]) \},$',
                     open("lib/rcode.c").read(), re.M):
    rows[int(m.group(1))] = (m.group(2), m.group(3) == "1")
bad = 0
v1 = [c for c in spec if c < 417 or c in (421, 451)]
if len(v1) < 27 or len(rows) < 27:
    print("tables not read: %d spec codes, %d rows" % (len(v1), len(rows)))
    bad += 1
for c in sorted(v1):
    if c not in rows:
        print("%d: not in lib/rcode.c" % c); bad += 1
for c, (text, closes) in sorted(rows.items()):
    if c not in spec:
        print("%d: not a code of the spec" % c); bad += 1
        continue
    if closes != spec[c][1]:
        print("%d: closes %s, the spec says %s" % (c, closes, spec[c][1]))
        bad += 1
    if 400 <= c < 500 and c != 421 and text != spec[c][0]:
        print("%d: text %r, the spec says %r" % (c, text, spec[c][0]))
        bad += 1
print("%d codes, %d differences" % (len(rows), bad))
raise SystemExit(1 if bad else 0)
X
is "$?" 0 "lib/rcode.c is the spec's table of reply codes" || diag "$H/out"

# the session and the client decide "closes" by it, and by nothing else
n=$(grep -l 'rcode_closes' rune-session/*.c rune/*.c | wc -l)
is "$n" 2 "rune-session and the client both ask rcode_closes"
! grep -n -E 'code (==|!=) 221 (&&|\|\|) code (==|!=) 407' rune-session/*.c rune/*.c >"$H/own"
ok $? "no program keeps its own set of closing codes" || diag "$H/own"

done_testing
