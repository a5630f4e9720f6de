#!/bin/sh
# Nothing a test starts outlives it (t/lib/harness.sh): h_stop ends
# tcpserver and the sessions it started, idle ones included; a test that
# fails half-way still ends its tcpserver, its sessions and whatever it
# started in the background; a test runs as a process group of its own.
. t/lib/harness.sh
h_domain

# state PID: its state letter, empty when gone
state() { sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1; }
# gone PID...: 0 when each is gone or a zombie
gone() {
	for p in "$@"; do
		case $(state "$p") in ''|Z) ;; *) return 1 ;; esac
	done
}
# waitfile FILE: bounded wait until FILE exists
waitfile() {
	i=0
	while [ ! -s "$1" ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i + 1)); done
	[ -s "$1" ]
}

h_start
/usr/bin/python3 t/lib/idle.py "$PORT" "$H/ready" 2>"$H/idle.err" &
cl=$!
waitfile "$H/ready"
ok $? "an idle session is open" || diag "$H/idle.err"
sess=$(ps -o pid= --ppid "$h_pid" | tr -d ' ')
[ -n "$sess" ] && [ "$(ps -o comm= -p "$sess")" = rune-session ]
ok $? "tcpserver runs its rune-session ($sess)"
h_stop
gone $sess
ok $? "h_stop ended the idle rune-session too, not only tcpserver"
kill "$cl" 2>/dev/null
wait "$cl" 2>/dev/null

# a test that fails half-way (exit 1, no done_testing): afterwards none of
# its tcpserver, its session, its background process is left
cat >"$H/inner.t" <<'SH'
#!/bin/sh
. t/lib/harness.sh
h_domain
h_start
/usr/bin/python3 t/lib/idle.py "$PORT" "$H/ready" &
echo "client $!" >>"$OUT"
sleep 300 &
echo "sleeper $!" >>"$OUT"
i=0
while [ ! -s "$H/ready" ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i + 1)); done
echo "tcpserver $h_pid" >>"$OUT"
echo "session $(ps -o pid= --ppid "$h_pid" | tr -d ' ')" >>"$OUT"
echo "group $(ps -o pgid= -p $$ | tr -d ' ') $$" >>"$OUT"
exit 1
SH
chmod +x "$H/inner.t"
OUT=$H/inner.out "$H/inner.t" >/dev/null 2>&1
is "$?" 1 "the failing test exits 1"
grep -q '^group \([0-9]*\) \1$' "$H/inner.out"
ok $? "it ran as the leader of a process group of its own" || diag "$H/inner.out"
pids=$(sed -n 's/^\(client\|sleeper\|tcpserver\|session\) \([0-9][0-9]*\)$/\2/p' "$H/inner.out")
is "$(echo $pids | wc -w)" 4 "it started a client, a sleeper, tcpserver, a session"
gone $pids
ok $? "none of them is left after it failed" ||
    ps -o pid,ppid,pgid,stat,args -p "$(echo $pids | tr ' ' ,)" | sed 's/^/# /'
for p in $pids; do gone $p || kill -9 $p 2>/dev/null; done
done_testing
