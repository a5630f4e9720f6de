#!/bin/sh
# run-demo.sh BUILDDIR: the demo server of `make run`.
# Makes the domain "runedemo" in ./var/runedemo once (free registration
# and invitations), sets its control/host and control/port to where it
# listens (for the URIs of rune-admin invite) and turns protocol v2's
# PREKEYS on (control/prekeys 200) and ANONSEND (control/anonsend on,
# unless the file says otherwise), then runs the rune-store and
# rune-keys daemons and rune-session under tcpserver on
# 127.0.0.1:$RUNE_PORT (7863) in the foreground, the log on stderr, until
# Ctrl-C.
set -u
b=${1:-build}
case $b in /*) ;; *) b=$(pwd)/$b ;; esac
root=$(pwd)/var/runedemo
port=${RUNE_PORT:-7863}
me=run-demo

for p in rune-admin rune-session rune-store rune-keys; do
	[ -x "$b/$p" ] || { echo "$me: fatal: $b/$p missing: run make" >&2; exit 100; }
done
case $port in
''|*[!0-9]*) echo "$me: fatal: invalid \$RUNE_PORT" >&2; exit 100 ;;
esac

if [ ! -d "$root/control" ]; then
	mkdir -p "$(pwd)/var" || exit 111
	"$b/rune-admin" init "$root" runedemo --registration both \
	    --welcome "welcome to the RUNE demo" >/dev/null || exit $?
fi
"$b/rune-admin" config --root "$root" host 127.0.0.1 2>/dev/null &&
    "$b/rune-admin" config --root "$root" port "$port" 2>/dev/null &&
    "$b/rune-admin" config --root "$root" prekeys 200 2>/dev/null || exit $?
[ -f "$root/control/anonsend" ] ||
    "$b/rune-admin" config --root "$root" anonsend on >/dev/null || exit $?
# a demo's users try an anonymous send at once: no 24-hour wait for tokens
[ -f "$root/control/anonwait" ] ||
    "$b/rune-admin" config --root "$root" anonwait 0 >/dev/null || exit $?

# as root (a fresh Debian box), rune-session wants to be told it is fine
allow=
[ "$(id -u)" = 0 ] && allow=RUNE_ALLOW_ROOT=1

echo "RUNE demo: domain runedemo in $root"
"$b/rune-admin" fingerprint --root "$root" | sed 's/^/  /' || exit $?
cat <<EOF
Listening on 127.0.0.1:$port; Ctrl-C stops it.  Try, in another terminal:
  $b/rune --server 127.0.0.1:$port capabilities
  openssl s_client -connect 127.0.0.1:$port -tls1_2 -quiet
rune-session's log follows.
EOF

# tcpserver: -D no Nagle delay; -R no ident lookup; -H no DNS lookup;
# -l 0 no local name lookup; -c 100 connections at most.  It stays at its
# default verbosity (-Q: errors only), so it never logs a client address
# (-v would: "ok PID local:IP:port remote:IP:port").
# tcpserver runs in the foreground of this shell: Ctrl-C reaches it (and
# rune-session) through the terminal's process group; the trap keeps this
# shell alive to end quietly with status 0.
stopped=
trap 'stopped=1' INT
# the environment is tcpserver's, as an envdir gives it in a run script:
# no exec of env(1) per connection
# the long-lived writer of the mailboxes (doc/design.md, "Process
# layout"): sessions put through its socket, with no exec of rune-store
/usr/bin/env RUNE_ROOT="$root" $allow "$b/rune-store" daemon 2 &
store=$!
# and of the key material: the prekey records, the token keys and the
# spent tokens, with no exec of rune-keys
/usr/bin/env RUNE_ROOT="$root" $allow "$b/rune-keys" daemon 2 &
keysd=$!
/usr/bin/env RUNE_ROOT="$root" RUNE_BINDIR="$b" $allow \
    tcpserver -Q -D -R -H -l 0 -c 100 127.0.0.1 "$port" "$b/rune-session"
st=$?
kill "$store" "$keysd" 2>/dev/null
wait "$store" "$keysd" 2>/dev/null
if [ -n "$stopped" ] || [ $st = 130 ]; then
	echo "RUNE demo: stopped" >&2
	exit 0
fi
exit $st
