#!/bin/sh
# 152-anon-daemon.t: the token writer as a long-lived service, the same
# rune-keys daemon that serves the prekeys (keys/socket, lib/svc.c;
# doc/design.md "Process layout"): TOKENS, REDEEM, PREKEY on a permit and
# an anonymous SEND through it with no rune-keys exec for them; exactly one of 20 concurrent sessions
# spending one token wins (AS-N1); a token of epoch E-1 redeems and
# TOKENKEY E-1 answers (AS-P3); keys and spent directories removed at
# E >= epoch + 2, and no key made for an epoch at or below the highest
# (A11, a clock set back); privacy (AS-P4): no file or log line written
# after alice's TOKENS holds her address or anything derived from it,
# and the anonymous session logs no LOGIN at RUNE_VERBOSE=2.
. t/lib/harness.sh
. t/lib/anonparts.sh
anon_domain clock on
E0=$E

DAEMON=rune-keys DAEMON_WORKERS=2
. t/lib/daemon.sh

# a bindir whose rune-keys notes every exec: the token and prekey writer
# must never be one (REGISTER's rune-keys register still execs)
mkdir "$H/bin"
ln -s "$RUNE_BUILD/rune-store" "$H/bin/rune-store"
cat >"$H/bin/rune-keys" <<EOS
#!/bin/sh
echo "\$*" >>"$H/keys-argv"
exec "$RUNE_BUILD/rune-keys" "\$@"
EOS
chmod +x "$H/bin/rune-keys"

d_start; ok $? "rune-keys daemon listens on keys/socket"
is "$(stat -c %a "$RUNE_ROOT/keys/socket")" 600 \
    "the socket is 0600 where keys/ is not group-readable"
h_start RUNE_BINDIR="$H/bin" RUNE_VERBOSE=2

apy daemon <<'PY'
register("alice@runetest", "bob@runetest")
lastresort("bob@runetest", 1)
a = login("alice@runetest")
c, t, pk = tokenkey(a)
c, t, toks = tokens(a, pk)
check(c == 250 and toks, "TOKENS of 16 through the daemon, proof verified", t)
json.dump({"pk": pk.hex(), "toks": [[x[0].hex(), x[1].hex()] for x in toks]},
          open(H + "/toks", "w"))
a.cmd("QUIT")
PY
# everything after this point is after alice's TOKENS
sleep 1.1
touch "$H/mark"
log_lines=$(wc -l <"$H/log")
dlog_lines=$(wc -l <"$H/daemon.log")

apy spend <<'PY'
d = json.load(open(H + "/toks"))
pk = bytes.fromhex(d["pk"])
toks = [(bytes.fromhex(a), bytes.fromhex(b)) for a, b in d["toks"]]
s = talk.Session(PORT)
eq(tokenkey(s)[2], pk, "TOKENKEY on the anonymous connection: the same key")
eq(redeem(s, toks[0], "bob@runetest"), (250, ["permit bob@runetest"]),
   "REDEEM through the daemon: 250 permit")
c, L, O = fetch(s, "bob@runetest")
eq((c, O is not None), (250, True), "PREKEY on the permit through the daemon")
blob = anon_blob("alice@runetest", "bob@runetest", b"from nobody", pk, L, O)
c, t = asend2(s, "bob@runetest", blob)
eq(c, 250, "the anonymous SEND … 2: 250")
s.cmd("QUIT")
def one(i, out):
    try:
        s = talk.Session(PORT)
        out.put(redeem(s, toks[1], "bob@runetest")[0])
        s.cmd("QUIT")
    except Exception as e:
        out.put(repr(e))
out = queue.Queue()
th = [threading.Thread(target=one, args=(i, out)) for i in range(20)]
[x.start() for x in th]
[x.join(60) for x in th]
got = sorted(out.get() for i in range(out.qsize()))
eq(got, [250] + [417] * 19,
   "20 concurrent sessions spend one token: exactly one 250, 19 417")
PY

keys_argv=$(cat "$H/keys-argv" 2>/dev/null | grep -c prekeys)
is "$keys_argv" 0 "no session started a rune-keys prekeys (the daemon served)"
grep -q register "$H/keys-argv"; ok $? "(the wrapper notes execs: REGISTER's)"

# AS-P4: what was written after TOKENS
alice_mbox=$("$RUNE_BUILD/rune-store" name alice@runetest)
alice_day=$(/usr/bin/python3 -c '
import hashlib, sys
salt = open(sys.argv[1] + "/keys/tokens/salt", "rb").read()
print(hashlib.blake2b(b"day\0alice@runetest", digest_size=16, key=salt).hexdigest())' "$RUNE_ROOT")
alice_pk=$(/usr/bin/python3 -c '
import hashlib
print(hashlib.blake2b(b"RUNE-2 prekeys\0alice@runetest", digest_size=16).hexdigest())')
[ -n "$alice_mbox" ] && [ ${#alice_day} = 32 ] && [ ${#alice_pk} = 32 ]
ok $? "alice's mailbox name, her day counter's and her prekey files' names are known"
ls "$RUNE_ROOT/keys/tokens/day/$((T0 / 86400))" | grep -q "^$alice_day\\."
ok $? "(her counter is named so: the check below can fail)"
find "$RUNE_ROOT" -newer "$H/mark" -type f >"$H/newer"
[ -s "$H/newer" ]; ok $? "files were written after TOKENS (the message, spent/)"
tail -n +$((log_lines + 1)) "$H/log" >"$H/log.after"
tail -n +$((dlog_lines + 1)) "$H/daemon.log" >"$H/dlog.after"
leak=0
while IFS= read -r f; do
	grep -qaiF -e alice -e "$alice_mbox" -e "$alice_day" -e "$alice_pk" "$f" && {
		echo "# $f holds alice or something of hers"; leak=1; }
	case $f in *"$alice_mbox"*|*"$alice_day"*|*"$alice_pk"*) leak=1 ;; esac
done <"$H/newer"
is $leak 0 "no file written after TOKENS holds alice's address, mailbox name or counter name"
grep -aiF -e alice -e "$alice_mbox" -e "$alice_day" -e "$alice_pk" "$H/log.after" "$H/dlog.after"
ok $((! $?)) "no log line after TOKENS holds them"
grep -q 'event=login' "$H/log.after"
ok $((! $?)) "RUNE_VERBOSE=2: no LOGIN in the sessions that spent"
grep -q 'event=send code=250' "$H/log.after"
ok $? "(the log after TOKENS is there: the anonymous SEND's v1 line)"

# AS-P3: a week later, E-1's token redeems
h_stop; d_stop
export RUNE_TEST_NOW=$((T0 + 604800))
d_start; h_start RUNE_BINDIR="$H/bin"
apy nextepoch <<'PY'
d = json.load(open(H + "/toks"))
pk = bytes.fromhex(d["pk"])
toks = [(bytes.fromhex(a), bytes.fromhex(b)) for a, b in d["toks"]]
E0 = E - 1
s = talk.Session(PORT)
eq(tokenkey(s, E0)[2], pk, "TOKENKEY E-1 answers the old key (AS-P3)")
check(tokenkey(s)[2] not in (None, pk), "TOKENKEY E: a new key")
eq(redeem(s, toks[2], "bob@runetest", E0)[0], 250,
   "a token of epoch E-1 redeems (AS-P3)")
a = login("alice@runetest")
eq(a.cmd("TOKENS %d %s" % (E0, b64(b"".join(b[3] for b in blinds(16, E0)))))[0],
   417, "TOKENS under E-1: 417 (issued only under E)")
PY
[ -e "$RUNE_ROOT/keys/tokens/key/$E0" ] && [ -d "$RUNE_ROOT/keys/tokens/spent/$E0" ]
ok $? "E-1's key and spent set are kept"

h_stop; d_stop
export RUNE_TEST_NOW=$((T0 + 2 * 604800))
d_start; h_start RUNE_BINDIR="$H/bin"
apy twoepochs <<'PY'
d = json.load(open(H + "/toks"))
toks = [(bytes.fromhex(a), bytes.fromhex(b)) for a, b in d["toks"]]
s = talk.Session(PORT)
eq(tokenkey(s)[0], 250, "two epochs later: TOKENKEY E")
eq(tokenkey(s, E - 2)[0], 417, "TOKENKEY E-2: 417")
eq(redeem(s, toks[3], "bob@runetest", E - 2)[0], 417, "a token of E-2: 417")
PY
[ ! -e "$RUNE_ROOT/keys/tokens/key/$E0" ] && [ ! -e "$RUNE_ROOT/keys/tokens/spent/$E0" ]
ok $? "at E = E0 + 2 the key of E0 and its spent set are gone (2.8, A11)"

h_stop; d_stop
export RUNE_TEST_NOW=$T0
d_start; h_start RUNE_BINDIR="$H/bin"
apy clockback <<'PY'
s = talk.Session(PORT)
eq(s.cmd("TOKENKEY"), (417, ["unknown token epoch"]),
   "the clock set back two epochs: no key made for E0 again (A11): 417")
PY
[ ! -e "$RUNE_ROOT/keys/tokens/key/$E0" ]
ok $? "and no key file for E0"
grep -q 'clock set back' "$H/daemon.log"
ok $? "the daemon says why"

h_stop; d_stop
! grep -q -e 'Sanitizer' -e 'runtime error:' "$H/daemon.log"
ok $? "no sanitizer report in the daemon's log"
done_testing
