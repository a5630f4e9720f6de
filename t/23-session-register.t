#!/bin/sh
# rune-session over real TLS: REGISTER, REGISTER_INVITATION and the
# challenge (spec 7.1-7.3, 13.17-13.20): every reply code, the closing
# ones, invitation tokens, races for one address and one token; the table
# is unchanged after each refusal; the log holds no address and no token.
. t/lib/harness.sh
h_domain
. t/lib/pyparts.sh
key=$(/usr/bin/python3 -c 'import base64, sys
print("ed25519:" + base64.b64encode(open(sys.argv[1], "rb").read()[32:]).decode())' \
    "$RUNE_ROOT/secret/server.key")
is "$SPK" "$key" "rune-admin fingerprint shows the key of secret/server.key"
"$RUNE_BUILD/rune-admin" invite 2>&1 | grep -q 'unknown command' &&
    echo "# rune-admin has no invite yet: the tests use rune-keys"

# registration=invite: REGISTER refused, REGISTER_INVITATION works
h_start RUNE_REGISTRATION=invite
py <<'PY'
t0 = table()
s = Session(PORT)
check("invite only: REGISTER gets 405",
      s.register("nora@runetest", seed("nora"))[0], 405)
check("405 leaves the session open", alive(s), "open")
check("405 changed nothing in the table", table(), t0)
tok = invite("ivy@runetest")
check("invite only: REGISTER_INVITATION gets 210",
      s.register("ivy@runetest", seed("ivy"), token=tok),
      (210, ["registered ivy@runetest"]))
PY
h_stop

# registration=free: REGISTER_INVITATION refused, REGISTER works
h_start RUNE_REGISTRATION=free
py <<'PY'
tok = invite("jack@runetest")
t0 = table()
s = Session(PORT)
check("free only: REGISTER_INVITATION with a valid token gets 406",
      s.register("jack@runetest", seed("jack"), token=tok)[0], 406)
check("406 leaves the session open", alive(s), "open")
check("406 changed nothing, the token is still valid", table(), t0)
check("free only: REGISTER gets 210", s.register("alice@runetest",
      seed("alice")), (210, ["registered alice@runetest"]))
PY
h_stop

h_start
py <<'PY'
# every invalid address vector that has no space: 400; every valid one
# of another domain: 402 (a few commands a session, under the limit)
t0 = table()
good = keytext(pk_of(seed("x")))
got400, got402, n, s = [], [], 0, None
for a in V["address"]:
    text = a["text"].replace("runedemo", "runetest")
    if any(c in text for c in " \t\r\n") or text.endswith("@runetest") \
            and a["valid"]:
        continue
    if n % 5 == 0:
        s = Session(PORT)
    n += 1
    c = s.cmd("REGISTER %s %s" % (text, good))[0]
    (got400 if not a["valid"] else got402).append((a["name"], c))
check("every invalid address gets 400",
      [x for x in got400 if x[1] != 400], [])
check("every address of another domain gets 402",
      [x for x in got402 if x[1] != 402], [])
check("%d + %d addresses tried" % (len(got400), len(got402)),
      len(got400) > 20 and len(got402) > 5, True)
check("400 and 402 leave the session open", alive(s), "open")
# every invalid key vector that has no whitespace: 409
got, n = [], 0
for k in V["pubkey_text"]:
    if k["valid"] or any(c in k["text"] for c in " \t\r\n"):
        continue
    if n % 5 == 0:
        s = Session(PORT)
    n += 1
    got.append((k["name"], s.cmd("REGISTER keytest@runetest " +
                                 k["text"])[0]))
check("every invalid key gets 409 (%d keys: prefix, b64, 31 and 33 "
      "octets, small order, non-canonical, off curve, mixed order)" %
      len(got), [x for x in got if x[1] != 409], [])
check("409 leaves the session open", alive(s), "open")
check("400, 402, 409 changed nothing in the table", table(), t0)
PY

# the challenge, 205 and 210, both spellings, any case
py <<'PY'
s = Session(PORT)
c, t, r, spk = s.register_begin("bob@runetest", seed("bob"))
check("REGISTER gets 205", c, 205)
f = t[0].split(" ")
check("205 has the challenge and the server key", len(f), 2)
check("the 205 key text is the server key", f[1], SPK)
cs = base64.b64decode(f[0], validate=True)
check("the challenge is 80 + 64 octets, strict b64",
      (len(cs), b64(cs) == f[0]), (144, True))
check("c opens to 32 octets (s verified with the server key)", len(r), 32)
s2 = Session(PORT)
c2, t2, r2, spk2 = s2.register_begin("bob@runetest", seed("bob"))
check("another session gets another challenge",
      (c2, t2[0] != t[0], r2 != r), (205, True, True))
check("CHALLANGE_ACCEPTED gets 210 registered <address>",
      s.cmd("CHALLANGE_ACCEPTED " + answer(r, spk)),
      (210, ["registered bob@runetest"]))
check("210 authenticates: KEY works", s.cmd("KEY bob@runetest"),
      (250, ["bob@runetest " + keytext(pk_of(seed("bob")))]))
check("the other session, late with a good answer, gets 403",
      s2.cmd("CHALLANGE_ACCEPTED " + answer(r2, spk2))[0], 403)
for name, verb in (("carol", "challenge_accepted"),
                   ("dave", "CHALLENGE_ACCEPTED"),
                   ("erin", "Challange_Accepted")):
    s = Session(PORT)
    c, t, r, spk = s.register_begin(name + "@runetest", seed(name))
    check("%s: 210 for %s" % (name, verb), s.cmd(verb + " " + answer(r, spk)),
          (210, ["registered %s@runetest" % name]))
s = Session(PORT)
check("Mixed@RuneTest: signed in canonical form, 210 canonical",
      s.register("Mixed@RuneTest", seed("mixed")),
      (210, ["registered mixed@runetest"]))
check("KEY of bob from a session of alice", key_of("bob@runetest"),
      (250, ["bob@runetest " + keytext(pk_of(seed("bob")))]))
PY

# 403: taken, taken in another case, reserved, disabled
py <<'PY'
s = Session(PORT)
t0 = table()
check("REGISTER of a taken address gets 403",
      s.register("bob@runetest", seed("bob2"))[0], 403)
check("and in another case", s.register("BOB@RuneTest", seed("bob2"))[0],
      403)
check("403 leaves the session open", alive(s), "open")
check("403 changed nothing in the table", table(), t0)
check("bob keeps his key", key_of("bob@runetest"),
      (250, ["bob@runetest " + keytext(pk_of(seed("bob")))]))
u = Session(PORT)
check("dave logs in", u.login("dave@runetest", seed("dave"))[0], 230)
check("UNREGISTER gets 221 and closes", (u.cmd("UNREGISTER")[0], closed(u)),
      (221, "closed"))
t0 = table()
check("REGISTER of an unregistered (reserved) address gets 403",
      s.register("dave@runetest", seed("dave2"))[0], 403)
check("and with the old key", s.register("dave@runetest", seed("dave"))[0],
      403)
check("403 for reserved changed nothing", table(), t0)
check("rune-admin disable erin", adm("disable", "erin@runetest"), 0)
t0 = table()
s = Session(PORT)
check("REGISTER of a disabled address gets 403",
      s.register("erin@runetest", seed("erin2"))[0], 403)
check("403 for disabled changed nothing", table(), t0)
check("rune-admin enable erin", adm("enable", "erin@runetest"), 0)
check("KEY of erin: her old key", key_of("erin@runetest"),
      (250, ["erin@runetest " + keytext(pk_of(seed("erin")))]))
PY

# 410: wrong answers and other commands while the challenge is pending
py <<'PY'
t0 = table()
A = "frank@runetest"
def pending():
    s = Session(PORT)
    c, t, r, spk = s.register_begin(A, seed("frank"))
    if c != 205:
        raise RuntimeError("no 205: %r" % ((c, t),))
    return s, r, spk
cases = [
    ("a seal of a wrong r", lambda r, spk: answer(os.urandom(32), spk)),
    ("r sealed to the client's own key",
     lambda r, spk: answer(r, pk_of(seed("frank")))),
    ("r in clear", lambda r, spk: b64(r)),
    ("31 octets of r sealed", lambda r, spk: answer(r[:31], spk)),
    ("r and one more octet sealed", lambda r, spk: answer(r + b"x", spk)),
    ("bad b64", lambda r, spk: "!!" + answer(r, spk)[2:]),
    ("b64 without its padding", lambda r, spk: answer(r, spk).rstrip("=")),
]
for name, f in cases:
    s, r, spk = pending()
    check("410 and closed for %s" % name,
          (s.cmd("CHALLANGE_ACCEPTED " + f(r, spk))[0], closed(s)),
          (410, "closed"))
s1, r1, spk1 = pending()
s2, r2, spk2 = pending()
check("410 for the answer to another session's challenge",
      (s1.cmd("CHALLANGE_ACCEPTED " + answer(r2, spk2))[0], closed(s1)),
      (410, "closed"))
for line in ("NOOP", "CAPABILITIES", "KEY bob@runetest",
             "REGISTER %s %s" % (A, keytext(pk_of(seed("frank")))),
             "LOGIN bob@runetest", "PROOF AAAA", "LIST", "FROBNICATE", "",
             "CHALLANGE_ACCEPTED", "CHALLANGE_ACCEPTED AAAA AAAA"):
    s, r, spk = pending()
    check("410 and closed for %r while a challenge is pending" % line,
          (s.cmd(line)[0], closed(s)), (410, "closed"))
s, r, spk = pending()
check("QUIT while a challenge is pending gets 221 and closes",
      (s.cmd("QUIT")[0], closed(s)), (221, "closed"))
check("410 and QUIT changed nothing in the table", table(), t0)
s = Session(PORT)
check("and frank is still free: 210",
      s.register(A, seed("frank")), (210, ["registered " + A]))
PY

# invitations: 407, 408, consumed only on success
py <<'PY'
tok = invite("gina@runetest")
check("a token is 64 lowercase hex digits",
      len(tok) == 64 and all(c in "0123456789abcdef" for c in tok), True)
t0 = table()
def try_inv(address, token, name, want, key="gina"):
    s = Session(PORT)
    c = s.register(address, seed(key), token=token)[0]
    check(name, (c, closed(s)), (want, "closed"))
    check("that changed nothing in the table", table(), t0)
try_inv("gina@runetest", os.urandom(32).hex(), "407 for an unknown token",
        407)
try_inv("gina@runetest", "xyz", "407 for a token of a bad shape", 407)
try_inv("gina@runetest", tok.upper(), "407 for the token in upper case", 407)
try_inv("hank@runetest", tok, "407 for a token bound to another address",
        407)
try_inv("gina@runetest", "a" * 500, "407 for a 500-octet token", 407)
for line, want, name in (
        ("gi@runetest %s ed25519:AAAA" % os.urandom(32).hex(), 407,
         "an unknown token with a bad address and key"),
        ("gina@otherdom %s ed25519:AAAA" % os.urandom(32).hex(), 407,
         "an unknown token for another domain"),
        ("gi@runetest %s %s" % (tok, keytext(pk_of(seed("gina")))), 407,
         "gina's token with a bad address")):
    s = Session(PORT)
    check("the token first: 407 and closed for " + name,
          (s.cmd("REGISTER_INVITATION " + line)[0], closed(s)),
          (want, "closed"))
    check("that changed nothing in the table", table(), t0)
tok_old = invite("olga@runetest", int(time.time()) - 10)
t0 = table()
try_inv("olga@runetest", tok_old, "408 for an expired token", 408)
s = Session(PORT)
check("the token first: 408 and closed for an expired token and a bad key",
      (s.cmd("REGISTER_INVITATION olga@runetest %s ed25519:AAAA" %
             tok_old)[0], closed(s)), (408, "closed"))
tok_rev = invite("rita@runetest")
check("rune-admin revoke", adm("revoke", "rita@runetest"), 0)
t0 = table()
try_inv("rita@runetest", tok_rev, "407 for a revoked token", 407)
# 409 with a good token: the session goes on, the token stays
s = Session(PORT)
check("409 for a bad key with a valid token",
      s.cmd("REGISTER_INVITATION gina@runetest %s ed25519:AAAA" % tok)[0],
      409)
check("409 leaves the session open", alive(s), "open")
check("409 with a token changed nothing", table(), t0)
# a failed challenge leaves the token usable
s = Session(PORT)
c, t, r, spk = s.register_begin("gina@runetest", seed("gina"), token=tok)
check("a valid token gets 205", c, 205)
check("a bad answer gets 410",
      s.cmd("CHALLANGE_ACCEPTED " + answer(os.urandom(32), spk))[0], 410)
check("the failed challenge changed nothing", table(), t0)
s = Session(PORT)
check("the token still works: 210 (mixed case address)",
      s.register("Gina@RUNETEST", seed("gina"), token=tok),
      (210, ["registered gina@runetest"]))
check("the session is authenticated", s.cmd("KEY gina@runetest"),
      (250, ["gina@runetest " + keytext(pk_of(seed("gina")))]))
t0 = table()
try_inv("gina@runetest", tok, "407 for a token used already", 407,
        key="gina2")
check("gina keeps her key", key_of("gina@runetest"),
      (250, ["gina@runetest " + keytext(pk_of(seed("gina")))]))
# a valid token for an address registered meanwhile: 403
tok = invite("lena@runetest")
s = Session(PORT)
check("lena registers freely", s.register("lena@runetest", seed("lena"))[0],
      210)
t0 = table()
s = Session(PORT)
check("a valid token for a taken address gets 403",
      s.register("lena@runetest", seed("lena2"), token=tok)[0], 403)
check("403 with a token changed nothing", table(), t0)
PY

# races: 20 sessions get 205 for one address, then all answer at once
py <<'PY'
def race(address, token=None):
    ss, ans = [], []
    for i in range(20):
        s = Session(PORT)
        c, t, r, spk = s.register_begin(address, seed("%s%d" % (address, i)),
                                        token=token)
        if c != 205:
            raise RuntimeError("racer %d: %r" % (i, (c, t)))
        ss.append(s)
        ans.append("CHALLANGE_ACCEPTED " + answer(r, spk))
    go = threading.Barrier(20)
    codes = [None] * 20
    def one(i):
        go.wait()
        try:
            codes[i] = ss[i].cmd(ans[i])[0]
        except Closed:
            codes[i] = "closed"
    th = [threading.Thread(target=one, args=(i,)) for i in range(20)]
    for x in th:
        x.start()
    for x in th:
        x.join()
    win = [i for i in range(20) if codes[i] == 210]
    return codes, win, ss
codes, win, ss = race("race@runetest")
check("20 racing REGISTER: one 210, nineteen 403",
      (codes.count(210), codes.count(403)), (1, 19))
if win:
    check("the winner's key is in the table", key_of("race@runetest"),
          (250, ["race@runetest " + keytext(pk_of(seed("race@runetest%d" %
                                                        win[0])))]))
check("a loser's session goes on", alive(ss[1 if win == [0] else 0]),
      "open")
tok = invite("tokrace@runetest")
codes, win, ss = race("tokrace@runetest", tok)
check("20 racing REGISTER_INVITATION with one token: one 210, "
      "nineteen 407", (codes.count(210), codes.count(407)), (1, 19))
check("the losers are closed",
      [closed(ss[i]) for i in range(20) if codes[i] == 407],
      ["closed"] * codes.count(407))
if win:
    check("the token winner's key is in the table",
          key_of("tokrace@runetest"),
          (250, ["tokrace@runetest " +
                 keytext(pk_of(seed("tokrace@runetest%d" % win[0])))]))
PY
h_stop

# the log: no address, no token, no key text
[ -s "$H/log" ]
ok $? "the session log is there"
! grep -i -e '@runetest' -e 'ed25519:' -e '[0-9a-f]\{64\}' -e '[A-Za-z0-9+/]\{43\}=' \
    "$H/log"
ok $? "the session log holds no address, token or key"
done_testing
