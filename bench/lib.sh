# lib.sh: sourced by the bench scripts (after PY is set): median of the
# numbers on stdin, a free loopback port, waiting for a port to listen.
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
port() { $PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
waitport() { $PY -c "
import socket,time,sys
for i in range(200):
    if socket.socket().connect_ex(('127.0.0.1',$1))==0: sys.exit(0)
    time.sleep(0.05)
sys.exit(1)"; }
# v2_setup NAME (anon.sh, v2.sh; after B and PY are set): a scratch W
# (removed at exit, with the cgroup and the servers started by serve), g
# the cpuacct cgroup (empty if none) and cg_ns its CPU in ns, serve
# CMD... (in the background, in g, its pid added to pids and in last),
# and a domain runebench in $W/root (c its control/) with quotas and
# prekey limits no bench reaches and 10000 prekeys.  The lines that add
# to control/ go between v2_setup and v2_serve.
v2_setup() {
	W=$(mktemp -d /tmp/rune-bench-$1.XXXXXX)
	CG=/sys/fs/cgroup/cpuacct
	pids=
	trap 'kill $pids 2>/dev/null; wait 2>/dev/null; rmdir "$CG"/runebench-'"$1"'-* 2>/dev/null; rm -rf "$W"' EXIT
	export RUNE_ALLOW_ROOT=1
	g=$CG/runebench-$1-$$
	mkdir -p "$g" 2>/dev/null || g=
	"$B/rune-admin" init "$W/root" runebench --registration free >/dev/null || exit 1
	c=$W/root/control
	echo 1000000 >"$c/quota_messages"; echo 100000000000 >"$c/quota_bytes"
	echo 10000 >"$c/prekeys"; echo 1000000 >"$c/prekey_perday"
	echo 1000000 >"$c/prekey_perhour"
}
cg_ns() { [ -n "$g" ] && cat "$g/cpuacct.usage" || echo 0; }
serve() { sh -c '[ -n "$0" ] && echo $$ > "$0/cgroup.procs"; exec "$@"' "$g" "$@" 2>>"$W/log" & pids="$pids $!"; last=$!; }
# v2_serve: tcpserver with rune-session on port p, rune-store daemon 2,
# rune-keys daemon 2 (kpid) and its keys/socket waited for
v2_serve() {
	p=$(port)
	serve env RUNE_ROOT="$W/root" RUNE_BINDIR="$B" \
	    tcpserver -D -HRl0 -c 200 127.0.0.1 "$p" "$B/rune-session"
	waitport "$p"
	serve env RUNE_ROOT="$W/root" "$B/rune-store" daemon 2
	serve env RUNE_ROOT="$W/root" "$B/rune-keys" daemon 2
	kpid=$last
	for i in $(seq 100); do [ -S "$W/root/keys/socket" ] && break; sleep 0.05; done
}
