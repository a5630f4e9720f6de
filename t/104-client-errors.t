#!/bin/sh
# 104-client-errors.t: errors that say what to do: an unknown command
# (the nearest suggested, rune help, rune --version), another domain's
# address and a bare user name (send), a server that does not speak TLS,
# a server of another domain, a disabled address, the attachment budget
# said before anything is uploaded.
. t/lib/harness.sh
h_domain
h_start RUNE_MAXSIZE=20000
. t/lib/clientpair.sh
code() { "$@" >"$H/o" 2>"$H/e"; echo $?; }

is "$(code rune fecth)" 100 "a misspelt command: 100"
grep -q 'unknown command: fecth; did you mean rune fetch?' "$H/e"
ok $? "the nearest command suggested" || diag "$H/e"
is "$(code rune xyzzy)" 100 "an unknown word: 100"
grep -q 'rune help lists the commands; rune --version' "$H/e"
ok $? "rune help and rune --version named" || diag "$H/e"
is "$(code rune help)" 0 "rune help: 0"
grep -q '^  sendmail' "$H/o" && grep -q '^commands:' "$H/o"
ok $? "rune help lists the commands"
is "$(code rune --version)" 0 "rune --version: 0"
grep -q '^rune [0-9]' "$H/o"
ok $? "rune --version names it" || diag "$H/o"

echo x >"$H/x"
is "$(code rune $A send bob@example.com "$H/x")" 100 "another domain: 100"
grep -q 'bob@example.com is not an address of runetest: RUNE carries mail within one domain' "$H/e"
ok $? "another domain: said so" || diag "$H/e"
is "$(code rune $A send bob "$H/x")" 100 "a bare user name: 100"
grep -q 'did you mean bob@runetest?' "$H/e"
ok $? "a bare user name: the full address suggested" || diag "$H/e"

# the attachment budget, before anything is uploaded
head -c 30000 /dev/urandom >"$H/big.bin"
is "$(code rune $A send bob@runetest -a "$H/big.bin" "$H/x")" 100 \
    "attachments over MAXSIZE: 100"
grep -q 'takes at most 20000, which leaves [0-9]* octets for the message: about [0-9]* octets of attachments; nothing sent' "$H/e"
ok $? "the budget said" || diag "$H/e"
is "$(rune --home "$H/bob" list --ids | wc -l)" 0 "nothing arrived"

# a disabled address
"$RUNE_BUILD/rune-admin" disable bob@runetest >/dev/null 2>&1
is "$(code rune --home "$H/bob" login)" 100 "login of a disabled address: 100"
grep -q 'the administrator disabled it' "$H/e"
ok $? "the sentence names the administrator's disabling" || diag "$H/e"

# a server of another domain
rune --home "$H/other" init carol@otherdomain >/dev/null 2>&1
is "$(code rune --home "$H/other" register)" 100 "register at another domain's server: 100"
grep -q "RUNE carries mail within one domain: this server serves another" "$H/e"
ok $? "said so" || diag "$H/e"

# a server that does not speak TLS (a plain-text greeting)
/usr/bin/python3 - "$H/plain.port" <<'PY' &
import socket, sys
s = socket.socket()
s.bind(("127.0.0.1", 0)); s.listen(1)
open(sys.argv[1] + ".tmp", "w").write("%d\n" % s.getsockname()[1])
import os; os.rename(sys.argv[1] + ".tmp", sys.argv[1])
s.settimeout(20)
c, _ = s.accept()
c.sendall(b"220 hello, plain text here\r\n" * 20)
c.settimeout(5)
try:
    c.recv(100)
except Exception:
    pass
c.close()
PY
py=$!
i=0; while [ ! -s "$H/plain.port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done
is "$(code "$RUNE_BUILD/rune" --home "$H/alice" --timeout 5 --server \
    "127.0.0.1:$(cat "$H/plain.port")" login)" 111 "a plain-text server: 111"
grep -q 'does the server speak TLS 1.2?' "$H/e"
ok $? "the sentence asks whether it speaks TLS" || diag "$H/e"
wait $py

done_testing
