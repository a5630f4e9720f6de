# identity.py: the prelude of the Python parts of t/23 and t/24 (see
# t/lib/pyparts.sh): check() prints "T ok NAME" or "T nok NAME" and
# comments; table() is the key table as rune-keys lists it; adm() is
# rune-admin's subcommand, or rune-keys' while rune-admin lacks it.
import base64, hashlib, json, os, subprocess, sys, threading, time
sys.path.insert(0, "t/lib")
from talk import Session, Closed, b64, keytext, pk_of, answer, proof_text
import nacl.bindings as nb
PORT = int(sys.argv[1])
BUILD = os.environ["RUNE_BUILD"]
KEYS, ADMIN = BUILD + "/rune-keys", BUILD + "/rune-admin"
SPK = os.environ["SPK"]
V = json.load(open(os.environ["RUNE_VECTORS"]))

def check(name, got, want):
    print("T %s %s" % ("ok" if got == want else "nok", name))
    if got != want:
        print("got:  %r\nwant: %r" % (got, want))
    sys.stdout.flush()

def run(argv, data=""):
    return subprocess.run(argv, input=data, capture_output=True, text=True)

def table():
    out = []
    for c in (["users", "--list"], ["invites"]):
        p = run([ADMIN] + c)
        out += sorted(p.stdout.splitlines()) + ["exit %d" % p.returncode]
    return out

HAS_ADMIN = "unknown command" not in run([ADMIN, "invite"]).stderr

def adm(*args):
    return run([ADMIN if HAS_ADMIN else KEYS] + list(args)).returncode

def invite(address, expires=None):
    if HAS_ADMIN and expires is None:
        p = run([ADMIN, "invite", address, "--token-only"])
    else:
        if expires is None:
            expires = int(time.time()) + 7 * 86400
        p = run([KEYS, "invite", address, str(expires)])
    if p.returncode != 0:
        raise RuntimeError("invite %s: %s" % (address, p.stderr))
    return p.stdout.strip()

def seed(name):
    return hashlib.blake2b(name.encode(), digest_size=32).digest()

def closed(s):
    s.sock.settimeout(5)        # a closing reply closes at once
    return "closed" if s.closed() else "open"

def alive(s):
    try:
        return "open" if s.cmd("NOOP") == (250, ["ok"]) else "odd"
    except Closed:
        return "closed"

def key_of(address):
    """KEY from a session logged in as the first registered address"""
    s = Session(PORT)
    c, t = s.login("alice@runetest", seed("alice"))
    if c != 230:
        return (c, t)
    return s.cmd("KEY " + address)
