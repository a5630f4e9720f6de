#!/bin/sh
# 27-session-privacy.t: what a seized server holds (spec 1): after real
# deliveries, no sender address, receiver address, subject or body text
# anywhere in the domain directory but the key table, no file or key table
# record pairing sender and receiver, and none of them nor a client IP in
# the session log (at the most verbose level).
. t/lib/harness.sh
h_domain
h_start RUNE_VERBOSE=2

S=zqxsender77@runetest		# the sender, distinctive
R=wvreceiver55@runetest		# the receiver
G=ghostrcpt99@runetest		# never registered
SUBJ=SUBJ-QUINCE-4411
BODY=BODY-MARKER-PLUM-9317

/usr/bin/python3 - "$PORT" "$RUNE_ROOT" "$S" "$R" "$G" "$SUBJ" "$BODY" \
    >"$H/py.out" 2>&1 <<'PY'
import sys
sys.path.insert(0, "t/lib")
import talk, runemsg as rm
port, root, S, R, G, subj, body = sys.argv[1:8]
port = int(port)
def do(what, got, want):
    print("%s: %s" % (what, "yes" if got == want else "NO %r" % (got,)))
for a in (R, S, "bystander@runetest"):
    s = talk.Session(port)
    do("register", s.register(a.upper(), rm.seed_of(a))[0], 210)
s = talk.Session(port)
do("login", s.login(S.upper(), rm.seed_of(S))[0], 230)
do("key", s.cmd("KEY " + R)[0], 250)
do("unknown", s.cmd("KEY " + G)[0], 404)
do("send to unknown", s.cmd("SEND %s 2000" % G)[0], 404)
sent = []
for i in range(3):
    payload = ("From: %s\r\nTo: %s\r\nSubject: %s %d\r\n\r\n%s\r\n" %
               (S, R, subj, i, body * (1 + 500 * i))).encode()
    c, t, blob = rm.send(s, S, R.upper(), payload)
    do("send", c, 250)
    sent.append((t[0], payload))
r = talk.Session(port)
do("receiver login", r.login(R, rm.seed_of(R))[0], 230)
do("list", r.cmd("LIST")[1][-1], "3 messages")
for mid, payload in sent:
    c, st = rm.retrieve(r, mid)
    m = rm.open_stored(st, R, rm.seed_of(R), rm.server_pk(root),
                       rm.pk_of(rm.seed_of(S)))
    do("opens with sender, subject and body", (m["sender"], m["payload"]),
       (S, payload))
do("delete", r.cmd("DELETE " + sent[0][0])[0], 250)
r.cmd("QUIT")
s.cmd("QUIT")
PY
is "$(grep -c ': yes$' "$H/py.out")/$(wc -l <"$H/py.out")" "16/16" \
    "deliveries with the markers: registered, sent, retrieved, opened"
grep -v ': yes$' "$H/py.out" | sed 's/^/# /'

# the key table is folded into keys/keys.cdb, so both its forms are seen
"$RUNE_BUILD/rune-keys" merge >"$H/merge.out" 2>&1
ok $? "rune-keys merge"
[ -f "$RUNE_ROOT/keys/keys.cdb" ]
ok $? "the key table is in keys/keys.cdb now"
h_stop

# positive controls: the searches below can find what they look for
grep -r -a -i -q -F "${R%@*}" "$RUNE_ROOT/keys"
ok $? "control: the receiver's address is found in the key table"
grep -q 'event=send' "$H/log"
ok $? "control: the deliveries are in the session log"

# hits WHERE PATTERN...: files under WHERE (names or contents) holding a
# pattern, case-insensitively, the key table left out
hits() {
	w=$1
	shift
	for p in "$@"; do
		grep -r -a -i -l -F --exclude-dir=keys -e "$p" "$w"
		find "$w" -path "$w/keys" -prune -o -print | grep -i -F -e "$p"
	done | sort -u
}
out=$(hits "$RUNE_ROOT" "${S%@*}")
is "$out" "" "the sender's name is nowhere outside keys/ (names, contents)"
out=$(hits "$RUNE_ROOT" "${R%@*}")
is "$out" "" "the receiver's name is nowhere outside keys/"
out=$(grep -r -a -i -l -F -e "$SUBJ" -e "$BODY" -e "${G%@*}" "$RUNE_ROOT";
    find "$RUNE_ROOT" | grep -i -F -e "$SUBJ" -e "$BODY" -e "${G%@*}")
is "$out" "" "subject, body and the unknown receiver are nowhere, keys/ too"

# no file pairs sender and receiver; in keys.cdb, no record does
/usr/bin/python3 - "$RUNE_ROOT" "${S%@*}" "${R%@*}" >"$H/pairs" 2>&1 <<'PY'
import os, struct, sys
root, s, r = sys.argv[1], sys.argv[2].encode(), sys.argv[3].encode()
def cdb_records(d):
    end = min(struct.unpack("<I", d[i:i + 4])[0] for i in range(0, 2048, 8))
    p = 2048
    while p < end:
        kl, dl = struct.unpack("<II", d[p:p + 8])
        yield d[p + 8:p + 8 + kl + dl]
        p += 8 + kl + dl
for top, dirs, files in os.walk(root):
    for f in files:
        path = os.path.join(top, f)
        d = open(path, "rb").read()
        both = lambda x: s in x.lower() and r in x.lower()
        if path == os.path.join(root, "keys", "keys.cdb"):
            n = sum(1 for x in cdb_records(d) if s in x.lower())
            print("the sender is in keys.cdb: %s" % ("yes" if n else "no"))
            if any(both(x) for x in cdb_records(d)):
                print("pair in a record of " + path)
        elif both(d) or both(path.encode()):
            print("pair in " + path)
PY
is "$(cat "$H/pairs")" "the sender is in keys.cdb: yes" \
    "no file, and no key table record, holds sender and receiver together"

out=$(grep -i -F -e "${S%@*}" -e "${R%@*}" -e "${G%@*}" -e "$SUBJ" \
    -e "$BODY" -e 127.0.0.1 "$H/log")
is "$out" "" "the log holds no address, subject, body or client IP"
done_testing
