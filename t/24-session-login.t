#!/bin/sh
# rune-session over real TLS: LOGIN and PROOF (spec 8, 13.17-13.19,
# 13.21, 13.22), KEY and UNREGISTER (spec 10): the same 220 for every
# address, 230, 411, 412 and its closing, 400 once authenticated, KEY's
# 250/404/402/400, UNREGISTER and the reserved address, rune-admin
# disable/enable/free; the log holds no address, token, key or nonce.
. t/lib/harness.sh
h_domain
. t/lib/pyparts.sh
h_start

# the addresses: alice, bob, carol (disabled later), dave (unregistered)
py <<'PY'
for name in ("alice", "bob", "carol", "dave"):
    s = Session(PORT)
    check("%s registers" % name, s.register(name + "@runetest", seed(name)),
          (210, ["registered %s@runetest" % name]))
s = Session(PORT)
check("dave logs in", s.login("dave@runetest", seed("dave"))[0], 230)
check("dave unregisters: 221 and closed", (s.cmd("UNREGISTER")[0],
      closed(s)), (221, "closed"))
check("rune-admin disable carol", adm("disable", "carol@runetest"), 0)
PY

# 220: one shape for every address, a fresh nonce every time
py <<'PY'
nonces = set()
shapes = []
for a in ("alice@runetest", "ALICE@RuneTest", "nobody@runetest",
          "alice@otherdom", "carol@runetest", "dave@runetest") * 3:
    s = Session(PORT)
    c, t = s.cmd("LOGIN " + a)
    f = t[0].split(" ")
    try:
        n = base64.b64decode(f[0], validate=True)
    except Exception:
        n = b""
    shapes.append((a, c, len(f), len(n), b64(n) == f[0], f[-1] == SPK))
    nonces.add(n)
    check("QUIT after 220: 221 and closed (%s)" % a,
          (s.cmd("QUIT")[0], closed(s)), (221, "closed"))
check("known, mixed-case, unknown, other-domain, disabled, unregistered: "
      "220 b64(32 octets) <server key>",
      [x for x in shapes if x[1:] != (220, 2, 32, True, True)], [])
check("a fresh nonce every time", len(nonces), len(shapes))
s = Session(PORT)
check("two LOGINs in one session? the second is not PROOF: 412",
      (s.cmd("LOGIN alice@runetest")[0], s.cmd("LOGIN alice@runetest")[0],
       closed(s)), (220, 412, "closed"))
bad, n = [], 0
for a in V["address"]:
    if a["valid"] or any(c in a["text"] for c in " \t\r\n"):
        continue
    if n % 5 == 0:
        s = Session(PORT)
    n += 1
    c = s.cmd("LOGIN " + a["text"].replace("runedemo", "runetest"))[0]
    if c != 400:
        bad.append((a["name"], c))
check("%d bad addresses tried" % n, n > 20, True)
check("and the session goes on", alive(s), "open")
check("LOGIN with a bad address: 400", bad, [])
PY

# 230, 412
py <<'PY'
s = Session(PORT)
check("a good proof: 230 logged in <address>",
      s.login("alice@runetest", seed("alice")),
      (230, ["logged in alice@runetest"]))
check("the session is authenticated", s.cmd("KEY bob@runetest")[0], 250)
check("a second PROOF after 230: 412 and closed",
      (s.cmd("PROOF " + b64(bytes(64)))[0], closed(s)), (412, "closed"))
s = Session(PORT)
check("mixed-case LOGIN: 230 with the canonical address",
      s.login("Alice@RUNETEST", seed("alice")),
      (230, ["logged in alice@runetest"]))
s = Session(PORT)
c, t = s.cmd("login bob@runetest")
check("lower-case verbs: 230", s.cmd("proof " + proof_text("bob@runetest",
      seed("bob"), t[0])), (230, ["logged in bob@runetest"]))
def refused(name, address, key):
    s = Session(PORT)
    check("412 and closed: " + name, (s.login(address, seed(key))[0],
          closed(s)), (412, "closed"))
refused("the wrong key", "alice@runetest", "bob")
refused("an unknown address", "nobody@runetest", "nobody")
refused("another domain", "alice@otherdom", "alice")
refused("a disabled address", "carol@runetest", "carol")
refused("an unregistered (reserved) address", "dave@runetest", "dave")
check("rune-admin enable carol", adm("enable", "carol@runetest"), 0)
s = Session(PORT)
check("carol enabled: 230", s.login("carol@runetest", seed("carol")),
      (230, ["logged in carol@runetest"]))
def proof_line(name, f):
    s = Session(PORT)
    c, t = s.cmd("LOGIN alice@runetest")
    check("412 and closed: " + name, (s.cmd(f(t[0]))[0], closed(s)),
          (412, "closed"))
good = lambda t: "PROOF " + proof_text("alice@runetest", seed("alice"), t)
proof_line("bad b64", lambda t: "PROOF !!" + good(t)[8:])
proof_line("b64 without padding", lambda t: good(t).rstrip("="))
proof_line("63 octets", lambda t: "PROOF " + b64(base64.b64decode(
    good(t)[6:])[:63]))
proof_line("a proof with one bit flipped", lambda t: "PROOF " + b64(bytes(
    [base64.b64decode(good(t)[6:])[0] ^ 1]) + base64.b64decode(good(t)[6:])
    [1:]))
proof_line("a proof for another address's login", lambda t: "PROOF " +
           proof_text("bob@runetest", seed("alice"), t))
s1, s2 = Session(PORT), Session(PORT)
c1, t1 = s1.cmd("LOGIN alice@runetest")
c2, t2 = s2.cmd("LOGIN alice@runetest")
check("412 and closed: a proof over another session's nonce",
      (s2.cmd("PROOF " + proof_text("alice@runetest", seed("alice"),
                                    t1[0]))[0], closed(s2)), (412, "closed"))
check("the other session's proof still works",
      s1.cmd("PROOF " + proof_text("alice@runetest", seed("alice"), t1[0])),
      (230, ["logged in alice@runetest"]))
for line in ("NOOP", "CAPABILITIES", "LOGIN alice@runetest",
             "KEY bob@runetest", "REGISTER eve@runetest " +
             keytext(pk_of(seed("eve"))), "CHALLANGE_ACCEPTED AAAA",
             "LIST", "FROBNICATE", "", "PROOF", "PROOF AAAA AAAA"):
    s = Session(PORT)
    s.cmd("LOGIN alice@runetest")
    check("412 and closed for %r after 220" % line,
          (s.cmd(line)[0], closed(s)), (412, "closed"))
s = Session(PORT)
check("PROOF in state new: 411", s.cmd("PROOF " + b64(bytes(64)))[0], 411)
check("CHALLANGE_ACCEPTED in state new: 411",
      s.cmd("CHALLANGE_ACCEPTED " + b64(bytes(80)))[0], 411)
check("CHALLENGE_ACCEPTED in state new: 411",
      s.cmd("CHALLENGE_ACCEPTED " + b64(bytes(80)))[0], 411)
check("and the session goes on", alive(s), "open")
check("then a login works", s.login("alice@runetest", seed("alice"))[0], 230)
PY

# once authenticated: 400 already authenticated; KEY
py <<'PY'
t0 = table()
s = Session(PORT)
s.login("bob@runetest", seed("bob"))
tok = invite("fred@runetest")
t0 = table()
for line in ("LOGIN alice@runetest", "LOGIN bob@runetest",
             "REGISTER fred@runetest " + keytext(pk_of(seed("fred"))),
             "REGISTER_INVITATION fred@runetest %s %s" %
             (tok, keytext(pk_of(seed("fred"))))):
    c, t = s.cmd(line)
    check("%s once authenticated: 400 already authenticated" %
          line.split(" ")[0], (c, t[0]), (400, "already authenticated"))
check("the session goes on, still bob's", s.cmd("KEY bob@runetest"),
      (250, ["bob@runetest " + keytext(pk_of(seed("bob")))]))
check("nothing changed in the table, the token is still valid", table(),
      t0)
s = Session(PORT)
s.login("bob@runetest", seed("bob"))
check("KEY Alice@RUNETEST: 250 canonical address and key",
      s.cmd("KEY Alice@RUNETEST"),
      (250, ["alice@runetest " + keytext(pk_of(seed("alice")))]))
check("KEY of oneself", s.cmd("KEY bob@runetest"),
      (250, ["bob@runetest " + keytext(pk_of(seed("bob")))]))
check("KEY of an unknown address: 404", s.cmd("KEY nobody@runetest")[0],
      404)
check("KEY of an unregistered address: 404", s.cmd("KEY dave@runetest")[0],
      404)
check("KEY of another domain: 402", s.cmd("KEY alice@otherdom")[0], 402)
check("KEY of a bad address: 400", [s.cmd("KEY " + a)[0] for a in
      ("al@runetest", "alice", "alice@runetest@x", "alice+x@runetest")],
      [400] * 4)
check("after 8 refusals the session goes on", alive(s), "open")
check("rune-admin disable carol", adm("disable", "carol@runetest"), 0)
s = Session(PORT)
s.login("bob@runetest", seed("bob"))
check("KEY of a disabled address: 404", s.cmd("KEY carol@runetest")[0], 404)
check("rune-admin enable carol", adm("enable", "carol@runetest"), 0)
check("KEY of carol enabled again: 250", s.cmd("KEY carol@runetest"),
      (250, ["carol@runetest " + keytext(pk_of(seed("carol")))]))
PY

# UNREGISTER: 221 and closed; then reserved until rune-admin free
py <<'PY'
s = Session(PORT)
check("uma registers", s.register("uma@runetest", seed("uma"))[0], 210)
check("UNREGISTER right after 210: 221 and closed",
      (s.cmd("UNREGISTER"), closed(s)), ((221, ["bye"]), "closed"))
s = Session(PORT)
s.login("bob@runetest", seed("bob"))
check("then KEY of it: 404", s.cmd("KEY uma@runetest")[0], 404)
check("SEND to it: 404", s.cmd("SEND uma@runetest 2000")[0], 404)
s = Session(PORT)
c, t = s.cmd("LOGIN uma@runetest")
check("LOGIN of it: 220, then PROOF: 412 and closed",
      (c, s.cmd("PROOF " + proof_text("uma@runetest", seed("uma"), t[0]))[0],
       closed(s)), (220, 412, "closed"))
t0 = table()
s = Session(PORT)
check("REGISTER of it: 403", s.register("uma@runetest", seed("uma2"))[0],
      403)
check("and with the old key: 403",
      s.register("uma@runetest", seed("uma"))[0], 403)
check("the table did not change", table(), t0)
check("rune-admin free uma", adm("free", "uma@runetest"), 0)
check("REGISTER works again: 210",
      s.register("UMA@runetest", seed("uma2")),
      (210, ["registered uma@runetest"]))
check("KEY gives the new key", key_of("uma@runetest"),
      (250, ["uma@runetest " + keytext(pk_of(seed("uma2")))]))
s = Session(PORT)
check("the old key cannot log in: 412",
      s.login("uma@runetest", seed("uma"))[0], 412)
s = Session(PORT)
check("the new key can: 230", s.login("uma@runetest", seed("uma2"))[0], 230)

# an open session loses its rights when its address is disabled or
# unregistered elsewhere: 421 and closed at its next command of state auth
s = Session(PORT)
check("vic registers", s.register("vic@runetest", seed("vic"))[0], 210)
check("vic's session: KEY works", s.cmd("KEY vic@runetest")[0], 250)
check("rune-admin disable vic (while vic's session is open)",
      adm("disable", "vic@runetest"), 0)
check("vic's open session: LIST gets 421, closed",
      (s.cmd("LIST"), closed(s)),
      ((421, ["closing: address no longer active"]), "closed"))
check("rune-admin enable vic", adm("enable", "vic@runetest"), 0)
s = Session(PORT)
check("vic logs in again", s.login("vic@runetest", seed("vic"))[0], 230)
s2 = Session(PORT)
check("a second session of vic", s2.login("vic@runetest", seed("vic"))[0], 230)
check("UNREGISTER in the second", s2.cmd("UNREGISTER"), (221, ["bye"]))
check("the first: SEND gets 421, closed",
      (s.cmd("SEND uma@runetest 1072")[0], closed(s)), (421, "closed"))
PY
h_stop

# the log: no address, no token, no key, no nonce
[ -s "$H/log" ]
ok $? "the session log is there"
! grep -i -e '@' -e 'ed25519:' -e '[0-9a-f]\{64\}' -e '[A-Za-z0-9+/]\{43\}=' \
    "$H/log"
ok $? "the session log holds no address, token, key or nonce"
done_testing
