#!/bin/sh
# 140-store-usage-exact.t: the usage hint is authoritative (doc/store.md,
# "The usage hint"): a put into a mailbox whose hint is true reads no
# entry of cur/, and the quota stays exact, in rune-store and in the
# session's check before 340, after deletes, expiry, a crash between a
# message's rename and its hint, and a hint tampered with or stale.
. t/lib/harness.sh
h_domain
. t/lib/msgparts.sh
command -v strace >/dev/null ||
    { echo "Bail out! strace is needed (make deps installs it)"; exit 1; }
S=$RUNE_BUILD/rune-store
R=$RUNE_ROOT
T=$H/t140
mkdir -p "$T/b" || exit 1
echo 3 >"$R/control/quota_messages"

body() { head -c "$2" /dev/urandom >"$T/b/$1"; }
put() { printf 'put %s %s\n' "$1" "$(wc -c <"$T/b/$2")"; cat "$T/b/$2"; }
idof() { b2sum -l 256 "$1" | cut -c1-64; }
# st [PRE...]: rune-store (behind PRE, e.g. strace) on $T/req into $T/ans
st() { "$@" "$S" <"$T/req" >"$T/ans" 2>"$T/err"; }
codes() { awk '{ printf "%s ", $1 == "err" ? $1 " " $2 : $1 }' "$T/ans"; }
hint() { cut -d' ' -f1-3 "$R/store/$M/usage" 2>/dev/null; }
ncur() { ls "$R/store/$M/cur" | wc -l; }
is_() { [ "$1" = "$2" ] && ok 0 "$3" || { echo "#   got '$1' want '$2'"; ok 1 "$3"; }; }

A=quota@runetest
echo ed25519:Kay64UG8yvCyLhqU000LxzYeUm0L/hLIl5S8kyKWbdc= |
    "$RUNE_BUILD/rune-keys" register $A >/dev/null
ok $? "the receiver is registered"
M=$("$S" name $A)
for i in 1 2 3 4 5 6 7; do body p$i $((1294 + i)); done

{ put $A p1; put $A p2; put $A p3; } >"$T/req"; st
is_ "$(codes)" "ok ok ok " "three puts under a quota of 3: ok"
is_ "$(hint)" "rune-usage-1 3 $((3 * 1294 + 6))" "the hint counts them"

# a put with a true hint: no directory entry of cur/ is read
put $A p4 >"$T/req"; st strace -f -qq -y -e trace=getdents64 -o "$T/trace"
is_ "$(codes)" "err 416 " "a 4th: 416, from the hint"
grep -q '/cur>' "$T/trace"
ok $((! $?)) "... and rune-store read no entry of cur/"
is_ "$(ncur)" 3 "... nothing stored"

# deletes: the hint follows, the quota is exact
printf 'del %s %s\n' "$M" "$(idof "$T/b/p2")" >"$T/req"; st
is_ "$(codes)$(hint)" "ok rune-usage-1 2 $((2 * 1294 + 4))" \
    "a delete: ok, the hint counts 2"
{ put $A p4; put $A p5; } >"$T/req"; st strace -f -qq -y -e trace=getdents64 -o "$T/trace"
is_ "$(codes)" "ok err 416 " "after it one more fits, the next is 416"
grep -q '/cur>' "$T/trace"
ok $((! $?)) "... neither put read cur/"

# a crash between the rename into cur/ and the hint: SIGKILL at the
# hint's rename (the put's second); the hint is stale, not trusted
printf 'del %s %s\n' "$M" "$(idof "$T/b/p4")" >"$T/req"; st
cp "$R/store/$M/usage" "$T/old-hint"
put $A p5 >"$T/req"
st strace -f -qq -o /dev/null -e trace=rename,renameat,renameat2 \
    -e inject=rename,renameat,renameat2:signal=KILL:when=2
is_ "$(ncur) $(cut -d' ' -f2 "$R/store/$M/usage")" "3 2" \
    "killed after the rename, before the hint: 3 in cur/, the hint says 2"
put $A p6 >"$T/req"; st
is_ "$(codes)$(ncur)" "err 416 3" "the next put: 416, nothing stored (exact)"
is_ "$(hint)" "rune-usage-1 3 $((3 * 1294 + 9))" "... and the hint is true again"

# a stale hint put back (an older true one) and a tampered one
cp "$T/old-hint" "$R/store/$M/usage"
put $A p6 >"$T/req"; st
is_ "$(codes)$(ncur)" "err 416 3" "an older hint put back: 416 (it is stale)"
sed 's/^rune-usage-1 3 /rune-usage-1 0 /' "$R/store/$M/usage" >"$T/h" &&
    cat "$T/h" >"$R/store/$M/usage"
put $A p6 >"$T/req"; st
is_ "$(codes)$(ncur)" "err 416 3" "a hint whose count was edited to 0: 416"
printf '0 0\n' >"$R/store/$M/usage"
put $A p6 >"$T/req"; st
is_ "$(codes)$(ncur)" "err 416 3" "a hint of the old format saying 0: 416"

# expiry: the oldest message's name moved 31 days back, expire removes it
old=$(ls "$R/store/$M/cur" | head -1)
t=$(printf '%016x' $(( ($(date +%s) - 31 * 86400) * 1000000000 )))
mv "$R/store/$M/cur/$old" "$R/store/$M/cur/$t.${old#*.}"
"$S" expire 2>/dev/null
is_ "$? $(ncur)" "0 2" "expire removes the old one"
{ put $A p6; put $A p7; } >"$T/req"; st
is_ "$(codes)$(ncur)" "ok err 416 3" "after expiry one fits, then 416"

# the session's check before 340 trusts only a true hint
export M
h_start RUNE_QUOTA_MESSAGES=3
printf 'rune-usage-1 0 0 0 - 1 1 1 1 %064d\n' 0 >"$R/store/$M/usage"
py session <<'PY'
s = talk.Session(PORT)
eq(s.register("sender@runetest", rm.seed_of("sender@runetest"))[0], 210,
   "a sender registers")
a = login("sender@runetest")
eq(a.cmd("SEND quota@runetest 1072")[0], 416,
   "a forged hint saying 0: the session answers 416 before 340")
open(ROOT + "/store/" + os.environ["M"] + "/usage", "w").write("0 0\n")
b = login("sender@runetest")
eq(b.cmd("SEND quota@runetest 1072")[0], 416,
   "an old-format hint saying 0: 416 before 340")
PY
done_testing
