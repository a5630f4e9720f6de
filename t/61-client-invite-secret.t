#!/bin/sh
# 61-client-invite-secret.t: an invitation is a live secret, so rune
# register never takes it from argv (where ps, /proc/PID/cmdline and the
# shell's history show it): a token or URI after --invite is refused
# with a message naming the ways that work, and nothing is sent; it is
# read from standard input, from --invite-file, or asked for on a
# terminal without echo.
. t/lib/harness.sh
h_domain
h_start
S=127.0.0.1:$PORT
rune() { "$RUNE_BUILD/rune" --server "$S" "$@"; }
invite() {
	RUNE_ROOT=$H/root "$RUNE_BUILD/rune-keys" invite "$1" \
	    "$(( $(date +%s) + 3600 ))"
}
fprs=$("$RUNE_BUILD/rune-admin" fingerprint --root "$H/root")
TLS=$(echo "$fprs" | sed -n 's/^tls-key-fingerprint //p' | tr -d ' ')
KEY=$(echo "$fprs" | sed -n 's/^server-key-fingerprint //p' | tr -d ' ')

tok=$(invite alice@runetest)
rune --home "$H/a" init alice@runetest >/dev/null
rune --home "$H/a" register --invite "$tok" >"$H/a1.out" 2>"$H/a1.err"
is $? 100 "a token in argv: exit 100"
grep -q 'command line' "$H/a1.err" && grep -q -- '--invite-file' "$H/a1.err"
ok $? "a token in argv: the message names stdin and --invite-file" ||
    diag "$H/a1.err"
! grep -q "$tok" "$H/a1.err" "$H/a1.out"
ok $? "a token in argv: not repeated"
rune --home "$H/a" register "--invite=rune://$tok@$S/?tls=$TLS&key=$KEY" \
    >/dev/null 2>"$H/a2.err"
is $? 100 "--invite=URI in argv: exit 100"
[ ! -d "$H/a/pins" ]
ok $? "a refused argv invitation pinned nothing, connected nowhere"

# the token was not used: stdin registers with it
printf '%s\n' "$tok" | rune --home "$H/a" register --invite >"$H/a3.out" \
    2>"$H/a3.err"
ok $? "the same token on stdin registers" || diag "$H/a3.err"
is "$(cat "$H/a3.out")" "registered alice@runetest" "registered"

# --invite-file, with the URI
tok=$(invite bob@runetest)
rune --home "$H/b" init bob@runetest >/dev/null
echo "rune://$tok@$S/?tls=$TLS&key=$KEY" >"$H/inv"
chmod 600 "$H/inv"
rune --home "$H/b" register --invite-file "$H/inv" >"$H/b.out" 2>"$H/b.err"
ok $? "--invite-file FILE with a URI registers" || diag "$H/b.err"
grep -q 'from the invitation' "$H/b.err"
ok $? "--invite-file: the URI's pins are used"

# refusals of what is read
rune --home "$H/b" register --invite-file "$H/none" 2>"$H/n.err"
is $? 100 "--invite-file of a missing file: exit 100"
printf 'x%.0s' $(seq 1 1100) | rune --home "$H/b" register --invite \
    2>"$H/l.err"
is $? 100 "more than 1024 octets: exit 100"
printf '%s\n%s\n' "$tok" "$tok" | rune --home "$H/b" register --invite \
    2>/dev/null
is $? 100 "two lines: exit 100"
rune --home "$H/b" register --invite </dev/null 2>/dev/null
is $? 100 "nothing on stdin: exit 100"

# on a terminal: a prompt, no echo
tok=$(invite carol@runetest)
rune --home "$H/c" init carol@runetest >/dev/null
/usr/bin/python3 - "$RUNE_BUILD/rune" "$S" "$H/c" "$tok" >"$H/tty.out" \
    2>"$H/tty.err" <<'PY'
import os, pty, sys, select, time
rune, srv, home, tok = sys.argv[1:5]
pid, fd = pty.fork()
if pid == 0:
    os.execv(rune, [rune, "--server", srv, "--home", home, "register",
                    "--invite"])
out, sent, end = b"", False, time.time() + 60
cmdline_ok = True
while time.time() < end:
    r, _, _ = select.select([fd], [], [], 0.2)
    if fd in r:
        try:
            b = os.read(fd, 65536)
        except OSError:
            break
        if not b:
            break
        out += b
    if not sent and b"not echoed" in out:
        time.sleep(0.3)		# the echo is turned off after the prompt
        cmd = open("/proc/%d/cmdline" % pid, "rb").read()
        cmdline_ok = tok.encode() not in cmd
        os.write(fd, tok.encode() + b"\n")
        sent = True
_, st = os.waitpid(pid, 0)
sys.stdout.buffer.write(out.replace(b"\r\n", b"\n"))
print("cmdline-ok" if cmdline_ok else "cmdline-has-token")
sys.exit(os.WEXITSTATUS(st) if os.WIFEXITED(st) else 1)
PY
ok $? "on a terminal: --invite asks and registers" || diag "$H/tty.out"
grep -q 'invitation (token or rune:// URI; not echoed):' "$H/tty.out"
ok $? "on a terminal: the prompt"
grep -q 'registered carol@runetest' "$H/tty.out"
ok $? "on a terminal: registered"
! grep -q "$tok" "$H/tty.out"
ok $? "on a terminal: the token is not echoed" || diag "$H/tty.out"
grep -q cmdline-ok "$H/tty.out"
ok $? "the token is not in /proc/PID/cmdline"
done_testing
