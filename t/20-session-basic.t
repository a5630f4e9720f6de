#!/bin/sh
# rune-session over real TLS under tcpserver: greeting, CAPABILITIES,
# NOOP, QUIT, case-insensitive verbs, bare LF, 401, 411, 400, 414,
# 10 refusals -> 421, idle timeout, bad bytes (spec sections 3-5, 11, 13).
. t/lib/harness.sh
h_domain --welcome "welcome to the test domain"
h_start RUNE_IDLE=2

out=$(talk CAPABILITIES NOOP QUIT)
is "$out" "HOWDY welcome to the test domain
250-RUNE 1
250-DOMAIN runetest
250-REGISTER
250-REGISTER_INVITATION
250-MAXSIZE 10485760
250 ok
250 ok
221 bye" "greeting, CAPABILITIES framing, NOOP, QUIT"

out=$(talk capabilities nOoP quit | sed -n '8,9p')
is "$out" "250 ok
221 bye" "verbs are case-insensitive"

out=$(talk FROBNICATE "KEY alice@runetest" "SEND alice@runetest 2000" LIST \
    "RETRIEVE x" "DELETE x" UNREGISTER "PROOF x" "CHALLANGE_ACCEPTED x" LIST \
    NOOP | tail -n +2)
is "$out" "401 unknown command
411 authentication required
411 authentication required
411 authentication required
411 authentication required
411 authentication required
411 authentication required
411 authentication required
411 authentication required
411 authentication required
421 closing: too many refused commands" "401, 411 in state new; the 10th refusal is followed by 421"

out=$(talk "NOOP extra" "!empty" "CAPABILITIES x" NOOP | tail -n +2)
is "$out" "400 syntax error: wrong number of arguments
400 syntax error: empty line
400 syntax error: wrong number of arguments
250 ok" "400 for wrong arguments; the session goes on"

/usr/bin/python3 - "$PORT" >"$H/out" <<'PY'
import sys; sys.path.insert(0, "t/lib")
import talk
s = talk.Session(int(sys.argv[1]))
s.sock.sendall(b"NOOP\n")                       # bare LF
print(s.reply())
s.sock.sendall(b"noop\nNOOP\r\nNoOp\n")          # pipelined, in order
print(s.reply(), s.reply(), s.reply())
s.sock.sendall(b"NOOP\x00\r\n")                  # NUL in a line
print(s.reply())
s.sock.sendall(b"NOOP \xff\xfe\r\n")             # binary bytes
print(s.reply())
s.sock.sendall(b"NOOP\tx\r\n")                   # control byte
print(s.reply())
s.sock.sendall(b"N" * 1022 + b"\r\n")            # 1024 with CRLF: a line
print(s.reply())
s.sock.sendall(b"N" * 1023 + b"\n")              # 1024 with LF: a line
print(s.reply())
s.sock.sendall(b"N" * 1024)                      # 1024 without LF
print(s.reply(), "closed" if s.closed() else "open")
PY
is "$(cat "$H/out")" "(250, ['ok'])
(250, ['ok']) (250, ['ok']) (250, ['ok'])
(400, ['syntax error'])
(400, ['syntax error'])
(400, ['syntax error'])
(401, ['unknown command'])
(401, ['unknown command'])
(414, ['line too long']) closed" "bare LF, pipelining, NUL, binary, 1024-octet limit, 414 closes"

out=$(talk '!wait')
is "$out" "HOWDY welcome to the test domain
421 closing: idle timeout" "idle timeout gives 421 (configured 2 s)"

# a connection dropped mid-line, garbage instead of a handshake, a half
# handshake: each ends cleanly, and the server still answers
/usr/bin/python3 - "$PORT" <<'PY'
import socket, sys, ssl
sys.path.insert(0, "t/lib")
import talk
port = int(sys.argv[1])
s = talk.Session(port); s.sock.sendall(b"NOO"); s.sock.close()
r = socket.create_connection(("127.0.0.1", port)); r.sendall(b"GET / HTTP/1.0\r\n\r\n" + bytes(range(256)))
try:
    r.recv(100)
except OSError:
    pass
r.close()
r = socket.create_connection(("127.0.0.1", port)); r.sendall(b"\x16\x03\x01\x00\x50\x01\x00\x00"); r.close()
PY
is "$(talk NOOP | tail -1)" "250 ok" "the server answers after garbage, a half handshake and a dropped line"

h_stop
! grep -v -e '^rune-session: info: sid=[0-9a-f]\{16\} event=[a-z]\{1,\}\( [a-z_]\{1,\}=[A-Za-z0-9_.-]\{1,\}\)*$' "$H/log"
ok $? "every log line is one key=value event"
! grep -q -e 127.0.0.1 -e NOOP -e HTTP "$H/log"
ok $? "no IP address or command text in the log"
grep -q 'reason=timeout' "$H/log"
ok $? "the timeout is logged"
done_testing
