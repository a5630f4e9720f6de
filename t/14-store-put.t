#!/bin/sh
# 14-store-put.t: rune-store driven over its pipes (doc/rune-store.8):
# put/del/purge, ids, order, quotas, size bounds, refused requests, short
# input, a full disk, expiry, stale tmp files, kill -9 during puts.
B=${RUNE_BUILD:-$PWD/build}
S=$B/rune-store
T=$(mktemp -d "${TMPDIR:-/tmp}/rune-t14.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT INT TERM
R=$T/root
mkdir -p "$R/control" "$T/b" && echo runedemo >"$R/control/domain" || exit 1
export RUNE_ROOT="$R" RUNE_ALLOW_ROOT=1
unset RUNE_MAXSIZE RUNE_QUOTA_MESSAGES RUNE_QUOTA_BYTES RUNE_EXPIRE_DAYS

n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); echo "not ok $n - $1"; }
# check DESC CMD...: one test, passing when CMD succeeds
check() { d=$1; shift; if "$@"; then ok "$d"; else nok "$d"; fi; }

# body NAME SIZE: a random body in $T/b/NAME
body() { head -c "$2" /dev/urandom >"$T/b/$1"; }
# put ADDRESS NAME: a put request for body NAME on stdout
put() { printf 'put %s %s\n' "$1" "$(wc -c <"$T/b/$2")"; cat "$T/b/$2"; }
idof() { b2sum -l 256 "$1" | cut -c1-64; }
# run [NAME=VALUE...]: rune-store on $T/req, answers in $T/ans, exit code
# in $rc; each setting (RUNE_MAXSIZE=2000) in control/ (maxsize) for this
# run only: rune-store reads its settings there, never from $RUNE_*
run() {
	for v in "$@"; do
		f=$(echo "${v%%=*}" | sed 's/^RUNE_//' | tr A-Z a-z)
		echo "${v#*=}" >"$R/control/$f"
	done
	"$S" <"$T/req" >"$T/ans" 2>"$T/err"; rc=$?
	for v in "$@"; do
		rm -f "$R/control/$(echo "${v%%=*}" | sed 's/^RUNE_//' |
		    tr A-Z a-z)"
	done
}
# codes: the answers as "ok" or "err NNN", each followed by a space
codes() { awk '{ printf "%s ", $1 == "err" ? $1 " " $2 : $1 }' "$T/ans"; }
ans() { sed -n "${1}p" "$T/ans"; }
# ncur MBOX / ntmp MBOX: files in cur/ and tmp/
ncur() { ls "$R/store/$1/cur" 2>/dev/null | wc -l; }
ntmp() { ls -A "$R/store/$1/tmp" 2>/dev/null | wc -l; }
eq() { [ "$1" = "$2" ] || { echo "#   got '$1' want '$2'"; return 1; }; }

# reg ADDRESS...: registers them in the key table (rune-keys)
reg() {
	for a; do
		echo ed25519:Kay64UG8yvCyLhqU000LxzYeUm0L/hLIl5S8kyKWbdc= |
		    "$B/rune-keys" register "$a" || return 1
	done
}

# -- root, init, names
if [ "$(id -u)" = 0 ]; then
	env -u RUNE_ALLOW_ROOT "$S" init 2>/dev/null
	check "refuses to run as root without RUNE_ALLOW_ROOT=1" eq $? 100
else
	ok "refuses root # SKIP not root"
fi
"$S" init
check "init exits 0" eq $? 0
check "salt: 32 octets, mode 600" eq \
    "$(stat -c '%s %a' "$R/store/salt")" "32 600"
M=$("$S" name alice@runedemo)
check "a mailbox name is 64 lowercase hex" \
    eval 'echo "$M" | grep -qx "[0-9a-f]\{64\}"'
check "names use the canonical address" \
    eq "$("$S" name AlIcE@RuneDemo)" "$M"
N=$("$S" name bob@runedemo)
check "two addresses, two names" eval '[ "$N" != "$M" ]'
"$S" name no-address >/dev/null 2>&1
check "name: a bad address exits 100" eq $? 100

# -- put, ids, order, the files
MA=alice@runedemo QA=quota@runedemo EA=expiry@runedemo CA=crash@runedemo
check "the addresses are registered" reg $MA $QA $EA $CA
body m1 1294; body m2 5000; body m3 200000
{ put "$MA" m1; put "$MA" m2; put "$MA" m3; } >"$T/req"; run
check "three puts: exit 0" eq "$rc" 0
check "put answers ok and the BLAKE2b-256 of the blob" eq "$(cat "$T/ans")" \
    "$(printf 'ok %s\nok %s\nok %s' "$(idof "$T/b/m1")" \
    "$(idof "$T/b/m2")" "$(idof "$T/b/m3")")"
check "cur/ names sort oldest first" eq \
    "$(ls "$R/store/$M/cur" | cut -d. -f2 | tr '\n' ' ')" \
    "$(idof "$T/b/m1") $(idof "$T/b/m2") $(idof "$T/b/m3") "
ok=0
for f in "$R/store/$M/cur"/*; do
	nm=${f##*/}
	[ "$(idof "$f").$(wc -c <"$f")" = "${nm#*.}" ] || ok=1
done
check "every stored file is TIME.ID.SIZE of its content" eq $ok 0
check "the blobs are stored unchanged" \
    cmp -s "$T/b/m3" "$R/store/$M/cur/"*".$(idof "$T/b/m3").200000"
check "no tmp file left" eq "$(ntmp "$M")" 0
check "mailbox and files are private" eq "$(stat -c %a "$R/store/$M" \
    "$R/store/$M/cur/"*".$(idof "$T/b/m1").1294" | tr '\n' ' ')" "700 600 "
check "no address in the store" eval '! ls -R "$R/store" | grep -qi alice'
# a replay of the newest put (a caller retrying): the usage hint knows its
# id, so no scan of cur/ is needed to see it (doc/store.md)
put "$MA" m3 >"$T/req"; run
check "the newest blob again: ok, stored once" eq "$(ans 1) $(ncur "$M")" \
    "ok $(idof "$T/b/m3") 3"

# -- del
I2=$(idof "$T/b/m2")
printf 'del %s %s\ndel %s %s\ndel %s %s\n' "$M" "$I2" "$M" "$I2" \
    "$N" "$I2" >"$T/req"; run
check "del: ok, then 415, 415 in a mailbox never used" \
    eq "$(cat "$T/ans" | tr '\n' ' ')" \
    "ok err 415 no such message err 415 no such message "
check "del removed one file" eq "$(ncur "$M")" 2

# -- only for an active address: 404 otherwise, nothing stored, no
# mailbox made, served on
nbox() { ls "$R/store" | grep -c '^[0-9a-f]\{64\}$'; }
boxes=$(nbox)
{ put nobody@runedemo m2; put bob@otherdom m2; echo init; } >"$T/req"; run
check "put for an address not in the table, or of another domain: 404, \
404, then served on" eq "$rc $(codes)" "0 err 404 err 404 ok "
check "404 reads 'no such address'" eq "$(ans 1)" "err 404 no such address"
check "... no mailbox made" eq "$(nbox)" "$boxes"
D=$("$S" name dis@runedemo)
reg dis@runedemo && put dis@runedemo m1 >"$T/req" && run &&
    "$B/rune-keys" disable dis@runedemo && put dis@runedemo m2 >"$T/req" &&
    run
check "disabled: 404, its mailbox kept as it was" eq \
    "$rc $(codes)$(ncur "$D")" "0 err 404 1"
"$B/rune-keys" enable dis@runedemo && put dis@runedemo m2 >"$T/req" && run
check "enabled again: ok" eq "$(codes)$(ncur "$D")" "ok 2"
"$B/rune-keys" unregister dis@runedemo && "$S" purge "$D" &&
    put dis@runedemo m3 >"$T/req" && run
check "unregistered and purged: 404, no mailbox made again" eq \
    "$rc $(codes)$(ls -A "$R/store" | grep -c "$D")" "0 err 404 0"

# -- refused requests: answer err 400 (413), exit 100, nothing stored
refused() {
	before="$(ls "$R/store" | wc -l) $(ncur "$M")"
	printf '%s\n' "$1" >"$T/req"; cat "$T/b/m1" >>"$T/req"; run
	check "refused: $2" eq "$rc $(codes)$(ls "$R/store" | wc -l) \
$(ncur "$M")" "100 ${3:-err 400} $before"
}
I1=$(idof "$T/b/m1")
refused "put $MA 1293" "size below 1072 + 222"
refused "put $MA 01294" "size with a leading zero"
refused "put $MA 10485983" "size over MAXSIZE + 222" "err 413"
refused "put $MA 99999999999999999999" "20 digits"
refused "put $M 1294" "a mailbox name for an address"
refused "put al@runedemo 1294" "an address part of 2 characters"
refused "put alice@runedemo@x 1294" "two @"
refused "put ../../../../etc/x 1294" "a path for an address"
refused "put  $MA 1294" "two spaces"
refused "PUT $MA 1294" "verb in capitals"
refused "put $MA 1294$(printf '\r')" "CR before LF"
refused "del $M $(echo "$I1" | tr a-f A-F)" "uppercase id"
refused "del $M ${I1}0" "65 hex digits"
refused "frob $M" "unknown verb"
refused "$(head -c 300 /dev/zero | tr '\0' x)" "a line too long"
refused "" "an empty line"
body big 2222
put "$MA" big >"$T/req"; run RUNE_MAXSIZE=2000
check "RUNE_MAXSIZE=2000: 2222 octets stored" eq "$(ans 1)" \
    "ok $(idof "$T/b/big")"
body big1 2223
put "$MA" big1 >"$T/req"; run RUNE_MAXSIZE=2000
check "RUNE_MAXSIZE=2000: 2223 octets refused 413" eq "$rc $(ans 1)" \
    "100 err 413 message too large"

# -- quotas
Q=$("$S" name quota@runedemo)
body q1 2000; body q2 2001; body q3 3000
{ put "$QA" q1; put "$QA" q2; put "$QA" q3; echo init; } >"$T/req"
run RUNE_QUOTA_MESSAGES=2
check "quota by count: ok, ok, 416, then served on" eq "$rc $(codes)" \
    "0 ok ok err 416 ok "
check "quota by count: 416 reads 'mailbox full', 2 stored, no tmp" eq \
    "$(ans 3) $(ncur "$Q") $(ntmp "$Q")" "err 416 mailbox full 2 0"
"$S" purge "$Q"
{ put "$QA" q3; put "$QA" q2; put "$QA" q1; } >"$T/req"
run RUNE_QUOTA_BYTES=5000
check "quota by bytes: 3000 ok, 2001 over 5000, 2000 fills it" eq \
    "$(codes)$(ncur "$Q") $(ntmp "$Q")" "ok err 416 ok 2 0"

# -- input ending inside a put: nothing stored, nothing left
body s1 5000
{ printf 'put %s 5000\n' "$MA"; head -c 4000 "$T/b/s1"; } >"$T/req"; run
check "short put: exit 111, nothing stored, no tmp file" eq \
    "$rc $(ncur "$M") $(ntmp "$M")" "111 3 0"

# -- a full disk (RLIMIT_FSIZE of 2 blocks): 451, nothing visible, served on
body f1 40000
{ put "$MA" f1; echo init; } >"$T/req"
(ulimit -f 2 && "$S" <"$T/req" >"$T/ans" 2>"$T/err"); rc=$?
check "disk full: 451 then ok, exit 0" eq "$rc $(codes)" "0 err 451 ok "
check "disk full: nothing visible, no tmp file" eq \
    "$(ncur "$M") $(ntmp "$M")" "3 0"

# -- expiry: by the arrival time in the name (doc/store.md)
E=$("$S" name expiry@runedemo)
body e1 3000; body e2 3000
{ put "$EA" e1; put "$EA" e2; } >"$T/req"; run
old=$(( ($(date +%s) - 31 * 86400) * 1000000000 ))
f=$(ls "$R/store/$E/cur" | head -1)
mv "$R/store/$E/cur/$f" "$R/store/$E/cur/$(printf %016x "$old").${f#*.}"
touch -d '1 day ago' "$R/store/$E/cur/"*".$(idof "$T/b/e2").3000"
: >"$R/store/$E/tmp/$$.0123456789abcdef"
: >"$R/store/$E/tmp/$$.fedcba9876543210"
touch -d '2 hours ago' "$R/store/$E/tmp/$$.fedcba9876543210"
sh -c 'exit 0' & dead=$!; wait $dead
: >"$R/store/$E/tmp/$dead.0123456789abcdef"
"$S" expire 2>"$T/err"
check "expire exits 0" eq $? 0
check "expire: the message of 31 days ago is gone, the new one stays" eq \
    "$(ls "$R/store/$E/cur" | cut -d. -f2)" "$(idof "$T/b/e2")"
check "expire: a live writer's fresh tmp file stays, stale ones go" eq \
    "$(ls -A "$R/store/$E/tmp")" "$$.0123456789abcdef"
echo 1 >"$R/control/expire_days"
"$S" expire 2>/dev/null
rm -f "$R/control/expire_days"
check "mtime does not matter: still there" eq "$(ncur "$E")" 1
sh -c 'exit 0' & dead=$!; wait $dead
: >"$R/store/$E/tmp/$dead.0123456789abcdef"
put "$EA" e1 >"$T/req"; run
check "the next put removes a dead writer's tmp file" eq \
    "$(ls -A "$R/store/$E/tmp")" "$$.0123456789abcdef"

# -- purge, stats
Z=$("$S" name zzz@runedemo)
printf 'purge %s\npurge %s\n' "$E" "$Z" >"$T/req"; run
check "purge: ok, ok for a mailbox never used" eq "$rc $(codes)" "0 ok ok "
check "purge: the mailbox is gone, no remains" eval \
    '[ ! -e "$R/store/$E" ] && ! ls -A "$R/store" | grep -q purge'
"$S" purge "$Q"
check "purge as a command" eval '[ $? = 0 ] && [ ! -e "$R/store/$Q" ]'
"$S" purge "../x" 2>/dev/null
check "purge: a bad name exits 100" eq $? 100
mkdir -p "$R/store/.purge.0000000000000000/cur"
: >"$R/store/.purge.0000000000000000/cur/x"
"$S" expire 2>/dev/null
check "expire finishes an interrupted purge" \
    eval '[ ! -e "$R/store/.purge.0000000000000000" ]'
bytes=0
for f in "$R/store/$M/cur"/*; do bytes=$((bytes + $(wc -c <"$f"))); done
check "stats: aggregates" eq "$("$S" stats | head -3 | tr '\n' ' ')" \
    "mailboxes 1 messages 3 bytes $bytes "

# -- kill -9 at random moments during puts (12 runs of 6 puts each): every
# put answered ok is there and intact; cur/ holds only whole messages we
# sent, at most one unanswered per run; a later put cleans tmp/
C=$("$S" name crash@runedemo)
: >"$T/sent"; : >"$T/oks"; runs=0
while [ $runs -lt 12 ]; do
	runs=$((runs + 1))
	# 6 puts of random sizes into $T/req; their ids appended to sent;
	# the count of answers to wait for before the kill on stdout
	k=$(python3 -c '
import hashlib, os, random, sys
box, req, sent = sys.argv[1:4]
with open(req, "wb") as r, open(sent, "a") as s:
    for i in range(6):
        b = os.urandom(random.randint(1294, 1500000))
        r.write(b"put %s %d\n" % (box.encode(), len(b)) + b)
        s.write(hashlib.blake2b(b, digest_size=32).hexdigest() + "\n")
print(random.randint(0, 6))' "$CA" "$T/req" "$T/sent") || break
	"$S" <"$T/req" >"$T/ans" 2>/dev/null & pid=$!
	tries=0
	while [ "$(wc -l <"$T/ans")" -lt "$k" ] && [ $tries -lt 3000 ]; do
		tries=$((tries + 1))
	done
	kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
	grep '^ok ' "$T/ans" | cut -c4- >>"$T/oks"
done
check "kill -9: 12 runs made" eq $runs 12
(cd "$R/store/$C/cur" && b2sum -l 256 -- *) | awk '{ split($2, n, ".")
	if (n[2] != $1) bad = 1; print $1 } END { exit bad }' | sort >"$T/have"
check "kill -9: every file in cur/ is whole (hashes to its id)" eq $? 0
sort -u "$T/oks" >"$T/oks.s"; sort -u "$T/sent" >"$T/sent.s"
check "kill -9: every put answered ok is there" \
    eq "$(comm -23 "$T/oks.s" "$T/have" | wc -l)" 0
check "kill -9: cur/ holds only messages that were sent" \
    eq "$(comm -23 "$T/have" "$T/sent.s" | wc -l)" 0
check "kill -9: at most one unanswered message per run" eval \
    '[ "$(wc -l <"$T/have")" -le $(( $(wc -l <"$T/oks.s") + runs )) ]'
echo "# $(wc -l <"$T/oks.s") answered ok, $(wc -l <"$T/have") stored," \
    "$(ntmp "$C") tmp files left"
body c 2000; put "$CA" c >"$T/req"; run
check "a later put leaves no tmp file behind" eq "$(ntmp "$C")" 0

echo "1..$n"
