#!/bin/sh
# 46-limits-line.t: the 1024-octet line (spec 3, 13.10) at the limit and
# one octet over, for every ending, by the raw protocol (t/lib/talk.py):
# 1022 + CRLF and 1023 + LF are commands; 1023 + CRLF, 1024 + LF and 1024
# octets with no LF get 414 and the connection closes.  The longest
# commands a client makes (LOGIN and SEND of a 101-octet address, PROOF)
# fit with room to spare, padded to the limit with spaces.
. t/lib/harness.sh
d50=$(printf 'd%.0s' $(seq 50))
"$RUNE_BUILD/rune-admin" init "$H/root" "$d50" --registration both \
    >"$H/init.out" 2>&1 || { diag "$H/init.out"; exit 1; }
export RUNE_ROOT=$H/root
h_start
export PORT d50
PYTHONPATH=t/lib /usr/bin/python3 - >"$H/py.out" 2>&1 <<'PY'
import os, socket, ssl, talk
port, d = int(os.environ["PORT"]), os.environ["d50"]
a = "u" * 50 + "@" + d

def check(c, name):
    print(("T ok " if c else "T nok ") + name)

def pad(verb, arg, total, ending):
    """verb, spaces, arg: total octets with the ending"""
    n = total - len(ending) - len(verb) - len(arg)
    return (verb + " " * n + arg).encode() + ending

def one(line, name, want, closes):
    s = talk.Session(port)
    s.sock.sendall(line)
    try:
        code, t = s.reply()
    except talk.Closed:
        code = None
    if code is None:
        shut = True
    elif closes:
        shut = s.closed()
    else:	# still there: QUIT answers
        shut = s.cmd("QUIT")[0] != 221
    check((code, shut) == (want, closes),
          "%s: %s%s (got %s%s)" % (name, want, ", closed" if closes else "",
                                   code, ", closed" if shut else ""))

one(pad("LOGIN", a, 1024, b"\r\n"), "1022 + CRLF", 220, False)
one(pad("LOGIN", a, 1024, b"\n"), "1023 + LF", 220, False)
one(pad("NOOP", "", 1024, b"\r\n"), "NOOP and spaces, 1024 with CRLF", 250,
    False)
one(pad("LOGIN", a, 1025, b"\r\n"), "1023 + CRLF (1025 octets)", 414, True)
one(pad("LOGIN", a, 1025, b"\n"), "1024 + LF", 414, True)
one(b"NOOP" + b" " * 1020, "1024 octets, no LF yet", 414, True)
one(pad("NOOP", "", 4096, b"\r\n"), "4096 octets", 414, True)

# the session goes on after the longest line: a 101-octet login, PROOF
s = talk.Session(port)
code, t = s.cmd(pad("LOGIN", a, 1022, b"").decode())
check(code == 220, "the longest LOGIN: 220")
code, t = s.cmd("PROOF " + talk.proof_text(a, b"\1" * 32, t[0]))
check(code == 412, "then a PROOF of no key: 412")
# the longest REGISTER with its key, padded to 1022 + CRLF
s = talk.Session(port)
seed = b"\2" * 32
code, t, r, spk = s.register_begin(a, seed)
check(code == 205, "REGISTER <101 octets> <key>: 205")
code, t = s.cmd("CHALLANGE_ACCEPTED " + talk.answer(r, spk))
check((code, t[0]) == (210, "registered " + a), "210 registered <101 octets>")
code, t = s.cmd(pad("SEND", "%s 1072" % a, 1022, b"").decode())
check(code == 340, "SEND <101 octets> 1072, padded to the limit: 340")
PY
while IFS= read -r l; do
	case $l in
	"T ok "*) ok 0 "${l#T ok }" ;;
	"T nok "*) ok 1 "${l#T nok }" ;;
	*) echo "# $l" ;;
	esac
done <"$H/py.out"
[ "$(grep -c '^T ' "$H/py.out")" = 12 ]
ok $? "every part ran" || diag "$H/py.out"
done_testing
