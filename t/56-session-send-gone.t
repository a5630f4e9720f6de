#!/bin/sh
# 56-session-send-gone.t: a SEND whose receiver stops being active while
# its body is on the way (spec 10 SEND, UNREGISTER).  The receiver is
# checked before 340 and again by rune-store, under the mailbox lock,
# before the message moves in: when the receiver unregistered (and its
# mailbox was purged) or was disabled meanwhile, the reply is 404, nothing
# is stored, and no mailbox is made again.
. t/lib/harness.sh
h_domain
h_start
. t/lib/msgparts.sh

cat >"$H/gone.py" <<'PY'
import subprocess
env = dict(os.environ, RUNE_ROOT=ROOT, RUNE_ALLOW_ROOT="1")
BUILD = os.environ["RUNE_BUILD"]
def mbox(a):
    return subprocess.run([BUILD + "/rune-store", "name", a], env=env,
                          capture_output=True, text=True,
                          check=True).stdout.strip()
def there(a):
    return os.path.exists(ROOT + "/store/" + mbox(a))
def mailboxes():
    return sorted(n for n in os.listdir(ROOT + "/store")
                  if len(n) == 64 and not n.startswith("."))
def admin(*args):
    return subprocess.run([BUILD + "/rune-admin", args[0], "--root", ROOT] +
                          list(args[1:]), env=env, capture_output=True,
                          text=True).returncode
def begin(s, rcpt, payload):
    """SEND up to half its body; returns the rest"""
    blob = rm.make_blob("alice@runetest", rm.seed_of("alice@runetest"),
                        rcpt, rm.pk_of(rm.seed_of(rcpt)), payload)
    c, t = s.cmd("SEND %s %d" % (rcpt, len(blob)))
    eq(c, 340, "SEND to %s: 340" % rcpt)
    half = len(blob) // 2
    s.sock.sendall(blob[:half])
    return blob[half:]
def midway(s, rcpt, payload, meanwhile, none_made=None):
    """SEND to rcpt, meanwhile() while half its body is on the way; the
    rest gets 404 and (none_made: the check's name) no mailbox is made"""
    rest = begin(s, rcpt, payload)
    meanwhile()
    s.sock.sendall(rest)
    eq(s.reply(), (404, ["no such address"]), "the body ends: 404")
    if none_made:
        check(not there(rcpt), none_made)
def unregisters(who, then=lambda: None):
    def act():
        eq(login(who).cmd("UNREGISTER"), (221, ["bye"]),
           who.split("@")[0] + " unregisters meanwhile")
        then()
    return act
def disables(who, name):
    return lambda: eq(admin("disable", who), 0, name)

PY
cat "$H/gone.py" - >"$H/part1.py" <<'PY'
for a in ("alice@runetest", "bob@runetest", "carol@runetest",
          "dave@runetest"):
    eq(talk.Session(PORT).register(a, rm.seed_of(a))[0], 210, "register " + a)
a = login("alice@runetest")

# bob has a mailbox with a message; he unregisters while alice sends
c, t, _ = rm.send(a, "alice@runetest", "bob@runetest", b"before")
eq(c, 250, "a first message to bob: 250")
check(there("bob@runetest"), "bob has a mailbox")
midway(a, "bob@runetest", b"x" * 3000, unregisters(
    "bob@runetest", lambda: check(not there("bob@runetest"),
                                  "his mailbox is purged")),
    "no mailbox is made again for bob")
eq(mailboxes(), [], "no mailbox at all in store/")
eq(ncur() + ntmp(), 0, "no message file anywhere")
eq(a.cmd("NOOP"), (250, ["ok"]), "the session goes on")
eq(rm.send(a, "alice@runetest", "bob@runetest", b"after")[0], 404,
   "a SEND to bob now: 404 before 340")

# carol never had a mailbox; she unregisters while alice sends
midway(a, "carol@runetest", b"y" * 5000, unregisters("carol@runetest"),
       "no mailbox is made for carol")

# dave is disabled by the admin while alice sends; his mailbox is kept
midway(a, "dave@runetest", b"z" * 2000,
       disables("dave@runetest", "rune-admin disable dave"),
       "no mailbox is made for dave")
eq(mailboxes(), [], "still no mailbox in store/")
c, t, _ = rm.send(a, "alice@runetest", "dave@runetest", b"first")
eq(c, 404, "a SEND to disabled dave: 404")
eq(admin("enable", "dave@runetest"), 0, "rune-admin enable dave")
c, t, _ = rm.send(a, "alice@runetest", "dave@runetest", b"first")
eq(c, 250, "enabled again: a SEND to dave gets 250")
first = t[0]
midway(a, "dave@runetest", b"w" * 2000,
       disables("dave@runetest", "rune-admin disable dave again"))
eq(admin("enable", "dave@runetest"), 0, "rune-admin enable dave again")
d = login("dave@runetest")
eq(rm.listing(d)[1], [(first, rm.blob_size(5) + 222)],
   "dave's mailbox holds only the message sent while he was active")
eq(ntmp(), 0, "no tmp file left")
PY
py gone <"$H/part1.py"
h_stop

# the same through rune-store daemon, the long-lived writer whose workers
# share one store_open: a bindir without rune-store, so only it stores
DAEMON=rune-store DAEMON_WORKERS=2 DAEMON_TRIES=400
. t/lib/daemon.sh
d_start
ok $? "rune-store daemon listens"
mkdir "$H/bin" && ln -s "$RUNE_BUILD/rune-keys" "$H/bin/rune-keys"
h_start RUNE_BINDIR="$H/bin"
cat "$H/gone.py" - >"$H/part2.py" <<'PY'
for a in ("erin@runetest", "frank@runetest"):
    eq(talk.Session(PORT).register(a, rm.seed_of(a))[0], 210, "register " + a)
a = login("alice@runetest")
c, t, _ = rm.send(a, "alice@runetest", "erin@runetest", b"before")
eq(c, 250, "a first message to erin: 250")
midway(a, "erin@runetest", b"x" * 3000, unregisters("erin@runetest"),
       "no mailbox is made again for erin")
midway(a, "frank@runetest", b"z" * 2000,
       disables("frank@runetest", "rune-admin disable frank"),
       "no mailbox is made for frank")
eq(ncur() + ntmp(), 1, "only dave's message is stored")
eq(ours(), {k: v for k, v in ours().items() if v != "rune-store"},
   "no rune-store process under tcpserver")
PY
py daemon <"$H/part2.py"
h_stop
d_stop
done_testing
