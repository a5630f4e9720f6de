#!/bin/sh
# rss.sh BUILD_DIR: peak RSS at MAXSIZE (10 MiB) in every process that
# touches the message (run.sh calls it; issue 11: <= 4 MiB each): the
# session of a v1 SEND and of a v2 SEND (SEND ... 2, after PREKEY), the
# session of a RETRIEVE of a MAXSIZE message (rune-store takes no part in
# RETRIEVE: the session reads the file), and the client `rune` sending
# (rune send; rune sendmail with it on stdin; send --sent; send --v1;
# send of a large text and of a large text attachment), fetching the
# largest message MAXSIZE allows, reading it (rune read: retrieved, from
# the cache, --raw; the v1 one) and replying to it.  Session figures are
# the rss_kb of the session's end line; the client's are /usr/bin/time's
# %M.  Never a test.
set -u
B=${1:?usage: rss.sh BUILD_DIR}
case $B in /*) ;; *) B=$(pwd)/$B ;; esac
TOP=$(cd "$(dirname "$0")/.." && pwd)
W=$(mktemp -d /tmp/rune-bench-rss.XXXXXX)
PY=/usr/bin/python3
pids=
trap 'kill $pids 2>/dev/null; wait 2>/dev/null; rm -rf "$W"' EXIT
export RUNE_ALLOW_ROOT=1
. "$TOP/bench/lib.sh"
MAX=10485760

"$B/rune-admin" init "$W/root" runebench --registration free >/dev/null || exit 1
c=$W/root/control
echo 1000000 >"$c/quota_messages"; echo 100000000000 >"$c/quota_bytes"
echo 200 >"$c/prekeys"
p=$(port)
env RUNE_ROOT="$W/root" RUNE_BINDIR="$B" TMPDIR="$W" \
    tcpserver -D -HRl0 -c 20 127.0.0.1 "$p" "$B/rune-session" 2>"$W/log" &
pids="$pids $!"
waitport "$p" || { echo "rss: no server"; exit 1; }
# the rss_kb of the last session that ended
last() { sleep 1; grep -o 'rss_kb=[0-9]*' "$W/log" | tail -1 | cut -d= -f2; }
PYTHONPATH=$TOP/t/lib UPLOAD=4 DOMAIN=runebench $PY "$TOP/bench/session.py" "$p" 0 1 ||
    { echo "rss: setup failed"; exit 1; }
DOMAIN=runebench $PY "$TOP/bench/session.py" "$p" 1 1 4096 >/dev/null
echo "rss: rune-session, v1 SEND 4 KiB: $(last) KiB (target <= 2048)"
DOMAIN=runebench $PY "$TOP/bench/session.py" "$p" 1 1 $MAX >/dev/null
echo "rss: rune-session, v1 SEND of MAXSIZE: $(last) KiB (target <= 4096)"
V2=1 DOMAIN=runebench $PY "$TOP/bench/session.py" "$p" 1 1 $MAX >/dev/null
echo "rss: rune-session, v2 SEND ... 2 of MAXSIZE: $(last) KiB (target <= 4096)"
# bob RETRIEVEs the largest message in his mailbox (MAXSIZE + 222)
$PY - "$p" "$TOP" <<'PY' || echo "rss: RETRIEVE failed"
import sys; sys.path.insert(0, sys.argv[2] + "/t/lib"); import talk
s = talk.Session(int(sys.argv[1]))
code, t = s.login("bob@runebench", bytes(range(1, 33)))
assert code == 230, (code, t)
code, t = s.cmd("LIST")
mid, size = max((x.split(" ") for x in t[:-1]), key=lambda x: int(x[1]))
code, t = s.cmd("RETRIEVE " + mid)
assert code == 240 and len(s.readn(int(t[0]))) == int(size) == 10485760 + 222
s.cmd("QUIT")
PY
echo "rss: rune-session, RETRIEVE of MAXSIZE + 222: $(last) KiB (target <= 4096)"
# the client: carol sends dave the largest message MAXSIZE allows (an
# attachment of 7,400,000 octets: base64 and the blob2's padding fill
# the rest), dave fetches it
for u in carol dave; do
	"$B/rune" --server "127.0.0.1:$p" --home "$W/$u" init "$u@runebench" >/dev/null 2>&1 &&
	"$B/rune" --server "127.0.0.1:$p" --home "$W/$u" register >/dev/null 2>&1 ||
	    { echo "rss: client $u setup failed"; exit 1; }
done
head -c 7400000 /dev/urandom >"$W/att"
echo hello >"$W/text"
/usr/bin/time -f %M -o "$W/t.send" "$B/rune" --server "127.0.0.1:$p" \
    --home "$W/carol" send dave@runebench -a "$W/att" "$W/text" >/dev/null 2>"$W/send.err" ||
    { echo "rss: rune send failed:"; cat "$W/send.err"; }
size=$(ls -l "$W"/root/store/*/cur/ | awk '{print $5}' | sort -n | tail -1)
echo "rss: rune send, a 7,400,000-octet attachment (stored $size octets): $(tail -1 "$W/t.send") KiB (target <= 4096)"
cp -a "$W/dave" "$W/dave2"	# reads it before any fetch (below)
/usr/bin/time -f %M -o "$W/t.fetch" "$B/rune" --server "127.0.0.1:$p" \
    --home "$W/dave" fetch --maildir "$W/maildir" >/dev/null 2>"$W/fetch.err" ||
    { echo "rss: rune fetch failed:"; cat "$W/fetch.err"; }
got=$(find "$W/maildir" -type f -size +7000k | wc -l)
echo "rss: rune fetch --maildir of it ($got large message in the maildir): $(tail -1 "$W/t.fetch") KiB (target <= 4096)"
# a large text: 9,000,000 octets of UTF-8 (2-, 3- and 4-octet
# characters, quoted-printable) as the message's text, and 7,000,000 as
# a text/plain attachment (rune/textsrc.c)
$PY - "$W" <<'PY'
import sys
w = sys.argv[1]
def text(n):
    out, i, size = [], 0, 0
    while size < n:
        line = ("line %d " % i).encode() + b"x" * (40 + i % 37)
        if i % 4 == 0:
            line += "caf\u00e9 \u20ac \U0001F600".encode()
        line += b"\n"
        out.append(line)
        size += len(line)
        i += 1
    return b"".join(out)[:n - 1] + b"\n"
open(w + "/body.txt", "wb").write(text(9000000))
open(w + "/big.txt", "wb").write(text(7000000))
PY
/usr/bin/time -f %M -o "$W/t.text" "$B/rune" --server "127.0.0.1:$p" \
    --home "$W/carol" send dave@runebench "$W/body.txt" >/dev/null 2>"$W/text.err" ||
    { echo "rss: rune send of a large text failed:"; cat "$W/text.err"; }
echo "rss: rune send, a 9,000,000-octet UTF-8 text as the message's text: $(tail -1 "$W/t.text") KiB (target <= 4096)"
/usr/bin/time -f %M -o "$W/t.tatt" "$B/rune" --server "127.0.0.1:$p" \
    --home "$W/carol" send dave@runebench -a "$W/big.txt" "$W/text" >/dev/null 2>"$W/tatt.err" ||
    { echo "rss: rune send of a large text attachment failed:"; cat "$W/tatt.err"; }
echo "rss: rune send, a 7,000,000-octet text/plain attachment: $(tail -1 "$W/t.tatt") KiB (target <= 4096)"
# the other sends of the same message: rune sendmail with it on stdin
# (an RFC 5322 message with the attachment in base64, t/lib/bigmail.py),
# rune send --sent (the copy into a Maildir), and a v1 send (--v1 to erin,
# registered while the server offered no PREKEYS: no RUNE-2 keys)
$PY "$TOP/t/lib/bigmail.py" "$W/m.eml" "$W/att" big
/usr/bin/time -f %M -o "$W/t.sm" "$B/rune" --server "127.0.0.1:$p" \
    --home "$W/carol" sendmail dave@runebench <"$W/m.eml" >/dev/null 2>"$W/sm.err" ||
    { echo "rss: rune sendmail failed:"; cat "$W/sm.err"; }
echo "rss: rune sendmail, $(wc -c <"$W/m.eml") octets on stdin: $(tail -1 "$W/t.sm") KiB (target <= 4096)"
/usr/bin/time -f %M -o "$W/t.sent" "$B/rune" --server "127.0.0.1:$p" \
    --home "$W/carol" send --sent "$W/Sent" dave@runebench -a "$W/att" "$W/text" >/dev/null 2>"$W/sent.err" ||
    { echo "rss: rune send --sent failed:"; cat "$W/sent.err"; }
got=$(find "$W/Sent" -type f -size +7000k | wc -l)
echo "rss: rune send --sent MAILDIR, the same ($got copy): $(tail -1 "$W/t.sent") KiB (target <= 4096)"
rm -f "$c/prekeys"
"$B/rune" --server "127.0.0.1:$p" --home "$W/erin" init erin@runebench >/dev/null 2>&1 &&
"$B/rune" --server "127.0.0.1:$p" --home "$W/erin" register >/dev/null 2>&1 ||
    { echo "rss: client erin setup failed"; exit 1; }
echo 200 >"$c/prekeys"
/usr/bin/time -f %M -o "$W/t.v1" "$B/rune" --server "127.0.0.1:$p" \
    --home "$W/carol" send --v1 erin@runebench -a "$W/att" "$W/text" >/dev/null 2>"$W/v1.err" ||
    { echo "rss: rune send --v1 failed:"; cat "$W/v1.err"; }
echo "rss: rune send --v1 (a v1 message), the same: $(tail -1 "$W/t.v1") KiB (target <= 4096)"
# rune read and rune reply of the large message: dave's copy retrieves
# it (read), dave reads it from the local record fetch left in his cache,
# and replies to it (its text quoted); erin reads the v1 one
bigid=$(ls -S "$W/dave/cache" | head -1)
/usr/bin/time -f %M -o "$W/t.read1" "$B/rune" --server "127.0.0.1:$p" \
    --home "$W/dave2" read "$bigid" >"$W/read1.out" 2>"$W/read1.err" ||
    { echo "rss: rune read (retrieved) failed:"; cat "$W/read1.err"; }
echo "rss: rune read of it, retrieved ($(grep -c 'application/octet-stream' "$W/read1.out") attachment listed): $(tail -1 "$W/t.read1") KiB (target <= 4096)"
/usr/bin/time -f %M -o "$W/t.read2" "$B/rune" --server "127.0.0.1:$p" \
    --home "$W/dave" read "$bigid" >/dev/null 2>"$W/read2.err" ||
    { echo "rss: rune read (cached) failed:"; cat "$W/read2.err"; }
echo "rss: rune read of it, from the cache: $(tail -1 "$W/t.read2") KiB (target <= 4096)"
/usr/bin/time -f %M -o "$W/t.raw" "$B/rune" --server "127.0.0.1:$p" \
    --home "$W/dave" read --raw "$bigid" >/dev/null 2>"$W/raw.err" ||
    { echo "rss: rune read --raw failed:"; cat "$W/raw.err"; }
echo "rss: rune read --raw of it: $(tail -1 "$W/t.raw") KiB (target <= 4096)"
/usr/bin/time -f %M -o "$W/t.reply" "$B/rune" --server "127.0.0.1:$p" \
    --home "$W/dave" reply "$bigid" "$W/text" >/dev/null 2>"$W/reply.err" ||
    { echo "rss: rune reply failed:"; cat "$W/reply.err"; }
echo "rss: rune reply to it: $(tail -1 "$W/t.reply") KiB (target <= 4096)"
v1id=$("$B/rune" --server "127.0.0.1:$p" --home "$W/erin" list --ids 2>/dev/null |
    sort -k2 -n | tail -1 | cut -d' ' -f1)
/usr/bin/time -f %M -o "$W/t.read3" "$B/rune" --server "127.0.0.1:$p" \
    --home "$W/erin" read "$v1id" >/dev/null 2>"$W/read3.err" ||
    { echo "rss: rune read (v1) failed:"; cat "$W/read3.err"; }
echo "rss: rune read of the v1 one, retrieved: $(tail -1 "$W/t.read3") KiB (target <= 4096)"
