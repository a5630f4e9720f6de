#!/bin/sh
# 29-session-hostile.t: hostile input to rune-session over real TLS
# (spec 3-5, 10, 13): random bytes in each state, every verb with junk
# arguments, SEND sizes at and past the limits, cut and overlong SEND
# bodies, bad message ids, broken handshakes, a burst of connections.
# After each: a fresh session's NOOP gets 250 and every reply line was a
# coded reply or the greeting.  Last, the log: one key=value event a
# line, no IP, address, key or junk.  Inputs from random.Random(12345+n).
. t/lib/harness.sh
h_domain
. t/lib/pyparts.sh
h_start RUNE_VERBOSE=2
export H

cat >"$H/pre.py" <<'PY'
import hashlib, os, random, re, socket, ssl, sys
sys.path.insert(0, "t/lib")
import talk
from talk import Closed
PORT, PART, H = int(sys.argv[1]), int(sys.argv[2]), os.environ["H"]
R = random.Random(12345 + PART)
BAD, HANGS, ABRUPT, CTX = [], [], [], ["start"]
CLOSING = (221, 407, 408, 410, 412, 414, 421)
CODED = re.compile(rb"[0-9]{3}[ -][\x20-\x7e]*\r\n\Z")
MAXSIZE = 10485760

class Hang(Exception):
    pass

def check(name, cond, got=None):
    print("T %s %s" % ("ok" if cond else "nok", name))
    if not cond:
        print("got: %r" % (got,))
    sys.stdout.flush()

class S(talk.Session):
    """a session that records every reply line that is not well-formed"""
    def __init__(self):
        self.first = True
        super().__init__(PORT, timeout=15)
    def fill(self):
        try:
            d = self.sock.recv(65536)
        except socket.timeout:
            raise Hang()
        except OSError:
            d = b""
        if not d:
            raise Closed()
        self.buf += d
    def line(self):
        while b"\n" not in self.buf:
            self.fill()
        l, self.buf = self.buf.split(b"\n", 1)
        l += b"\n"
        if self.first:
            good = re.match(rb"HOWDY [\x20-\x7e]*\r\n\Z", l)
        else:
            good = CODED.match(l)
        self.first = False
        if not good:
            BAD.append((CTX[0], l[:120]))
        return l[:-2].decode("latin-1")
    def reply(self):
        texts, code = [], None
        while True:
            l = self.line()
            if code is None:
                code = l[:3]
            elif l[:3] != code:
                BAD.append((CTX[0], "code changed within a reply: " + l))
            texts.append(l[4:])
            if l[3:4] != "-":
                return int(code) if code.isdigit() else -1, texts
    def raw(self, b):
        try:
            self.sock.sendall(b)
            return True
        except socket.timeout:
            raise Hang()
        except OSError:
            return False

def seed(name):
    return hashlib.blake2b(name.encode(), digest_size=32).digest()

def login(name):
    s = S()
    c = s.login(name + "@runetest", seed(name))
    if c[0] != 230:
        raise RuntimeError("login %s: %r" % (name, c))
    return s

def until_marker(s, codes):
    """replies until the marker NOOP's 250 ok: 'marker', or 'closed'"""
    while True:
        c, t = s.reply()
        codes.append(c)
        if (c, t) == (250, ["ok"]):
            return "marker"

def run(what, opener, lines, codes, ends):
    """each line then a marker NOOP; a closed session is opened again;
    ends collects how each line ended ('marker', 'closed'); a close
    with no closing reply before it is ABRUPT; the first hang stops"""
    s = None
    for i, l in enumerate(lines):
        CTX[0] = "%s #%d %r" % (what, i, l[:48])
        n = len(codes)
        try:
            if s is None:
                s = opener()
            s.raw(l + b"NOOP\r\n")
            ends.append(until_marker(s, codes))
        except Closed:
            ends.append("closed")
            s = None
            if len(codes) == n or codes[-1] not in CLOSING:
                ABRUPT.append((CTX[0], codes[n:]))
        except Hang:
            HANGS.append(CTX[0])
            return

def chunk(r):
    k = r.randrange(7)
    n = r.randint(0, 300)
    if k == 0:
        return bytes(r.randint(0x20, 0x7e) for _ in range(n))
    if k == 1:
        return r.randbytes(n)
    if k == 2:
        return bytes(r.randint(0x80, 0xff) for _ in range(n))
    if k == 3:
        return bytes(r.choice(b"\0\0ABC ~") for _ in range(n))
    if k == 4:
        return bytes(r.choice(b"\r\n\r\nab z!") for _ in range(n))
    if k == 5:
        return bytes(r.choice(b"\0\x01\x1b\t\x7f") for _ in range(n))
    n = r.randint(1000, 5000)
    if r.randrange(2):
        return bytes([r.randint(0x21, 0x7e)]) * n
    return bytes(r.randint(0x21, 0x7e) for _ in range(n))

def item(r):
    """one random line: a chunk ended by CRLF or LF, or two chunks"""
    end = r.choice([b"\r\n", b"\n", b""])
    l = chunk(r) + end
    if not end:
        l += chunk(r) + r.choice([b"\r\n", b"\n"])
    with open(H + "/junk", "a") as f:
        for run_ in re.findall(rb"[\x21-\x7e]{10,}", l):
            f.write(run_[:40].hex() + "\n")
    return l

def after(what):
    """a fresh session's NOOP, and the reply lines so far"""
    try:
        got = S().cmd("NOOP")
    except (Closed, Hang, OSError) as e:
        got = repr(e)
    check(what + ": a fresh session's NOOP gets 250 ok", got == (250, ["ok"]),
          got)
    check(what + ": every reply line is well-formed", not BAD, BAD[:5])
    check(what + ": no hang (each reply within 15 s)", not HANGS, HANGS[:5])
    check(what + ": no close without a closing reply", not ABRUPT, ABRUPT[:5])
    del BAD[:], HANGS[:], ABRUPT[:]

def log_ends(still=0):
    """polls (bounded) until each connect in the log but the still open
    ones has its end: (connects - still, ends)"""
    import time
    end = time.time() + 30
    while True:
        t = open(H + "/log", "rb").read()
        c, e = t.count(b" event=connect") - still, t.count(b" event=end ")
        if c == e or time.time() > end:
            return c, e
        time.sleep(0.05)
PY

# part N: the prelude, then the Python on stdin (t/lib/pyparts.sh)
part() { py_tap "part $1 ran to its end" "$H/pre.py" "$PORT" "$1"; }

part 0 <<'PY'
for n in ("alice", "bob"):
    s = S()
    check("register " + n, s.register(n + "@runetest", seed(n))[0] == 210)
PY

part 1 <<'PY'
for what, opener in (("new", S), ("authenticated", lambda: login("alice"))):
    codes, ends = [], []
    run(what, opener, [item(R) for _ in range(200)], codes, ends)
    print("%s: codes %s" % (what, sorted(set(codes))))
    check(what + ": 200 random lines, no 5xx reply",
          not [c for c in codes if c >= 500], sorted(set(codes)))
    after("200 random lines in state " + what)
PY

part 2 <<'PY'
# each random line closes these sessions: 60 lines (sessions) each
def pending():
    s = S()
    if s.register_begin("pending@runetest", seed("pending"))[0] != 205:
        raise RuntimeError("no 205")
    return s
def after220():
    s = S()
    if s.cmd("LOGIN alice@runetest")[0] != 220:
        raise RuntimeError("no 220")
    return s
for what, opener, want in (("challenge pending", pending, 410),
                           ("after 220", after220, 412)):
    codes, ends = [], []
    run(what, opener, [item(R) for _ in range(60)], codes, ends)
    print("%s: codes %s" % (what, sorted(set(codes))))
    check(what + ": 60 random lines, each session closes",
          ends == ["closed"] * 60, [i for i, e in enumerate(ends)
                                    if e != "closed"])
    check(what + ": replies are %d (414 for a long line)" % want,
          set(codes) <= {want, 414}, sorted(set(codes)))
    after("random lines " + what)
PY

part 3 <<'PY'
VERBS = ("REGISTER", "REGISTER_INVITATION", "CHALLANGE_ACCEPTED",
         "CHALLENGE_ACCEPTED", "LOGIN", "PROOF", "KEY", "SEND", "LIST",
         "RETRIEVE", "DELETE", "UNREGISTER", "CAPABILITIES", "NOOP", "QUIT")
def arg(r):
    return "".join(chr(r.randint(0x21, 0x7e)) for _ in range(r.randint(1, 20)))
def mix(r, v):
    return "".join(c.lower() if r.randrange(2) else c for c in v)
for what, opener in (("new", S), ("authenticated", lambda: login("alice"))):
    lines = []
    for v in VERBS:
        for n in (0, 1, 2, 3, 4, 40):
            if n == 0 and v == "UNREGISTER" and what != "new":
                continue        # that one would really unregister alice
            lines.append((mix(R, v) + "".join(" " + arg(R)
                          for _ in range(n)) + "\r\n").encode())
    codes, ends = [], []
    run("verbs " + what, opener, lines, codes, ends)
    print("%s: codes %s" % (what, sorted(set(codes))))
    check("every verb with 0-4 and 40 junk arguments in state %s "
          "(%d lines): no 5xx" % (what, len(lines)),
          not [c for c in codes if c >= 500], sorted(set(codes)))
    after("verbs with junk arguments in state " + what)
PY

part 4 <<'PY'
a = login("alice")
got = []
for size, want in ((0, 400), (1071, 400), (MAXSIZE + 1, 413),
                   (2**63, 413), (2**64 - 1, 400), (2**64, 400),
                   (9999999999999999999, 413), (1072, 340)):
    CTX[0] = "SEND size %d" % size
    got.append((size, a.cmd("SEND bob@runetest %d" % size)[0], want))
a.raw(R.randbytes(1072))
c, t = a.reply()
check("SEND sizes 0, 1071, MAXSIZE+1, 2^63, 2^64-1, 2^64, 9999999999999999999"
      ", 1072: 400 400 413 413 400 400 413 340",
      [x[1] for x in got] == [x[2] for x in got], got)
check("1072 random octets: 250 <id>", c == 250 and len(t[0]) == 64, (c, t))
CTX[0] = "SEND MAXSIZE"
check("SEND of MAXSIZE: 340", a.cmd("SEND bob@runetest %d" % MAXSIZE)[0] ==
      340)
a.raw(R.randbytes(MAXSIZE))
c, t = a.reply()
check("MAXSIZE random octets: 250 <id>", c == 250 and len(t[0]) == 64, (c, t))
after("SEND sizes")

# cut bodies: the session closes after a random number of octets
a.sock.close()
b = login("bob")
before = b.cmd("LIST")
cuts = []
for i in range(6):
    size = R.choice([1072, R.randint(1073, 300000), MAXSIZE])
    cut = R.choice([0, 1, size - 1, R.randrange(size)])
    CTX[0] = "SEND %d cut at %d" % (size, cut)
    s = login("alice")
    c = s.cmd("SEND bob@runetest %d" % size)[0]
    s.raw(R.randbytes(cut))
    s.sock.close()
    cuts.append((size, cut, c))
print("cut bodies (size, octets sent, code): %r" % cuts)
check("6 cut SEND bodies: 340 each", [x[2] for x in cuts] == [340] * 6, cuts)
c, e = log_ends(1)
check("the cut sessions end", c == e, (c, e))
check("the receiver's LIST is unchanged", b.cmd("LIST") == before,
      (before, b.cmd("LIST")))
after("cut SEND bodies")

# overlong bodies: the octets past the size are command lines
codes, ends = [], []
for i in range(10):
    extra = item(R)
    CTX[0] = "SEND 1072 + %r" % extra[:48]
    got = []
    try:
        s = login("alice")
        c1 = s.cmd("SEND bob@runetest 1072")[0]
        s.raw(R.randbytes(1072) + extra + b"NOOP\r\n")
        c2 = s.reply()[0]
        codes.append((c1, c2))
        until_marker(s, got)
        ends.append("marker")
    except Closed:
        ends.append("closed")
        if not got or got[-1] not in CLOSING:
            ABRUPT.append((CTX[0], got))
    except Hang:
        HANGS.append(CTX[0])
check("10 SENDs with octets past the size: 340 then 250 each",
      codes == [(340, 250)] * 10, codes)
print("overlong: %r" % ends)
after("SEND with more octets than announced")
n = len(b.cmd("LIST")[1]) - 1
check("bob's LIST: the 2 + 10 stored, none of the cut", n == 12, n)
PY

part 5 <<'PY'
b = login("bob")
mid = b.cmd("LIST")[1][0].split(" ")[0]
ids = [("63 hex", mid[:63], 400), ("65 hex", mid + "0", 400),
       ("uppercase hex of a stored one", mid.upper(), 400),
       ("one uppercase digit", "A" + mid[1:], 400),
       ("non-hex", "g" * 64, 400), ("hex with a space", mid[:32], 400),
       ("64 hex, unknown", "0" * 64, 415), ("0x prefix", "0x" + mid[2:], 400),
       ("random junk", R.randbytes(64).hex()[:64].replace("a", "z"), 400)]
got, want = [], []
for verb in ("RETRIEVE", "DELETE"):
    for i, (why, arg, code) in enumerate(ids):
        if i % 5 == 0:
            b = login("bob")
        if why == "hex with a space":
            arg = mid[:32] + " " + mid[32:]
        CTX[0] = "%s %s" % (verb, arg)
        got.append((verb, why, b.cmd("%s %s" % (verb, arg))[0]))
        want.append((verb, why, code))
check("RETRIEVE/DELETE with bad ids: 400, 415 for an unknown one",
      got == want, [(g, w[2]) for g, w in zip(got, want) if g != w])
check("the stored message is still listed", mid in login("bob").cmd("LIST")
      [1][0], mid)
after("RETRIEVE/DELETE ids")
PY

part 6 <<'PY'
def hello():
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname, ctx.verify_mode = False, ssl.CERT_NONE
    ctx.maximum_version = ssl.TLSVersion.TLSv1_2
    inc, out = ssl.MemoryBIO(), ssl.MemoryBIO()
    o = ctx.wrap_bio(inc, out)
    try:
        o.do_handshake()
    except ssl.SSLWantReadError:
        pass
    return o, inc, out, out.read()
def conn():
    return socket.create_connection(("127.0.0.1", PORT), timeout=15)
def eof(s):
    """reads until the server closes; False on a hang"""
    try:
        while s.recv(65536):
            pass
    except socket.timeout:
        return False
    except OSError:
        pass
    s.close()
    return True
hung = []
for i in range(6):      # ClientHello, then random bytes
    s = conn()
    s.sendall(hello()[3] + R.randbytes(R.choice([1, 5, 100, 5000])))
    s.shutdown(socket.SHUT_WR)
    eof(s) or hung.append(("hello+random", i))
for i in range(6):      # random bytes, some looking like a TLS record
    s = conn()
    head = R.choice([b"", b"\x16\x03\x03\xff\xff", b"\x16\x03\x01\x00\x05"])
    s.sendall(head + R.randbytes(R.choice([1, 5, 100, 5000])))
    s.shutdown(socket.SHUT_WR)
    eof(s) or hung.append(("random", i))
for i in range(4):      # close in the middle of the handshake
    o, inc, out, h = hello()
    s = conn()
    s.sendall(h)
    if i >= 2:          # answer the server's flight in part
        try:
            while not out.pending:
                inc.write(s.recv(65536))
                try:
                    o.do_handshake()
                except ssl.SSLWantReadError:
                    pass
            d = out.read()
            s.sendall(d[:len(d) // (i + 1)])
        except (OSError, ssl.SSLError) as e:
            hung.append(("mid-handshake", i, repr(e)))
    elif i == 1:
        s.recv(10)
    s.close()
check("hello + random, random, half handshakes: the server closes each",
      not hung, hung)
c, e = log_ends()
check("every connection so far has ended in the log", c == e, (c, e))
after("broken handshakes")
socks = [conn() for _ in range(20)]
h = hello()[3]
for i, s in enumerate(socks):
    if i % 3:
        s.sendall(h[:len(h) // i])
for s in socks:
    s.close()
c, e = log_ends()
check("20 connections opened and closed at once: each ended", c == e, (c, e))
after("20 connections at once")
PY

part 7 <<'PY'
c, e = log_ends()
t = open(H + "/log", "rb").read()
lines = t.split(b"\n")[:-1]
check("control: the log holds the sessions", t.count(b"event=connect") > 100,
      t.count(b"event=connect"))
fmt = re.compile(rb"rune-session: (info|warning|fatal): sid=[0-9a-f]{16} "
                 rb"event=|rune-(keys|store): ")
bad = [l for l in lines if not fmt.match(l)]
check("every log line is a rune-session event or a helper's", not bad,
      bad[:5])
sid = lambda ev: set(re.findall(rb"sid=([0-9a-f]{16}) event=" + ev, t))
lost = sid(b"connect") - sid(b"end ")
check("each of the %d sessions logged its end (none crashed or hangs)" % c,
      c == e and not lost, [l for l in lines if any(x in l for x in lost)][:9])
fail = [l for l in lines if b"event=fail" in l]
check("no session failed (event=fail)", not fail, fail[:5])
check("no client IP in the log", b"127.0.0.1" not in t)
addr = re.findall(rb"[A-Za-z0-9]{3,50}@[A-Za-z0-9]{3,50}", t)
check("no address in the log", not addr and b"alice" not in t.lower() and
      b"bob" not in t.lower(), addr[:5])
pk = talk.keytext(talk.pk_of(seed("alice"))).encode()
check("no key text in the log", b"ed25519:" not in t and pk[8:] not in t)
junk = set(bytes.fromhex(x) for x in open(H + "/junk").read().split())
found = [j for j in junk if j in t]
check("no junk line in the log (%d printable runs)" % len(junk),
      not found and len(junk) > 50, found[:5])
PY

h_stop
done_testing
