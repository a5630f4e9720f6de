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
