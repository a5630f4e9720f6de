#!/bin/sh
# 115-prekeys-privsep.t: what a compromised session can ask of the writer
# of the prekey records (doc/privsep.md): talking to rune-keys daemon's
# socket directly, with the session's uid, it can do nothing before a
# login proof; a proof of one address does not log in as another; logged
# in, it uploads only records that verify with its own address's key,
# never another's, and takes another address's one-time records no faster
# than the per-receiver limit.
. t/lib/harness.sh
h_domain
. t/lib/msgparts.sh
cfg() { "$RUNE_BUILD/rune-admin" config --root "$RUNE_ROOT" "$@" >/dev/null 2>&1; }
cfg prekeys 200 && cfg prekey_perhour 5
ok $? "prekeys on, 5 an hour per receiver"
setsid "$RUNE_BUILD/rune-keys" daemon 2 2>>"$H/daemon.log" &
D=$!
trap 'kill -TERM $D 2>/dev/null; wait $D 2>/dev/null; kill -9 -$D 2>/dev/null; h_cleanup' EXIT
i=0
while [ ! -S "$RUNE_ROOT/keys/socket" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
h_start

py direct <<'PY'
exec(open("t/lib/pkparts.py").read())
import socket
register("alice@runetest", "bob@runetest")
bob = login("bob@runetest")
eq(upload(bob, [rec("bob@runetest", b"L")] + [rec("bob@runetest") for _ in range(20)])[0],
   250, "bob uploads L and 20 O through a session")
class Direct:
    def __init__(self):
        self.s = socket.socket(socket.AF_UNIX)
        self.s.connect(ROOT + "/keys/socket")
        self.f = self.s.makefile("rwb")
    def ask(self, line, data=b""):
        self.f.write(line.encode() + b"\n" + data)
        self.f.flush()
        return self.f.readline().decode().rstrip("\n")
    def closed(self):
        return self.f.readline() == b""
for req in ("count", "upload 1", "take bob@runetest"):
    d = Direct()
    eq(d.ask(req), "err 400 bad request", "%s before a login: refused" % req)
    check(d.closed(), "and the connection is closed")
# a real login proof of alice, as a session sees it
s = talk.Session(PORT)
c, t = s.login("alice@runetest", rm.seed_of("alice@runetest"), proof=False)
n_text, spk_text = t[0].split(" ")
sig = talk.proof_text("alice@runetest", rm.seed_of("alice@runetest"), t[0])
d = Direct()
eq(d.ask("login bob@runetest %s %s %s" % (n_text, spk_text, sig)),
   "err 412 login proof invalid", "alice's proof claimed for bob: 412")
check(d.closed(), "and the connection is closed")
d = Direct()
eq(d.ask("login bob@runetest " + "ab" * 32), "err 412 login proof invalid",
   "a made-up receipt for bob: 412")
d = Direct()
eq(d.ask("login alice@runetest %s %s %s" % (n_text, spk_text, sig)), "ok",
   "alice's own proof: logged in as alice")
r = rec("bob@runetest", b"O")
eq(d.ask("upload 1", r), "err 409 invalid prekey",
   "a record of bob, signed by bob, uploaded in alice's login: 409")
r = rec("bob@runetest", b"O", signer="alice@runetest")
eq(d.ask("upload 1", r), "err 409 invalid prekey", "one for bob signed by alice: 409")
eq(bob.cmd("PREKEYS 0")[1][0].split(" ")[0], "20", "bob's records are untouched")
# draining bob: the per-receiver limit holds whoever asks
got = [d.ask("take bob@runetest").split(" ") for _ in range(8)]
eq([len(g) for g in got], [3] * 5 + [2] * 3,
   "takes 1 to 5 of the hour: L and O; then L only")
eq(bob.cmd("PREKEYS 0")[1][0].split(" ")[0], "15", "bob lost 5, the hour's limit")
eq(d.ask("take nobody@runetest"), "err 404 no such address", "take of an unknown address: 404")
eq(d.ask("take bob@elsewhere"), "err 400 bad request", "another domain: refused")
PY
done_testing
