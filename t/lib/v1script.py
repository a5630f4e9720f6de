# v1script.py: the transcript of t/116: a v1 client's session, and the
# v2 commands a v1 server does not know, with the random parts (nonces,
# challenges, message ids) masked; exec'd after msgparts.py.
import re
def transcript():
    out = []
    def say(s, line, data=None):
        s.send(line)
        if data is not None:
            c, t = s.reply()
            out.append("C: " + line)
            for x in t:
                out.append("S: %d %s" % (c, x))
            if c != 340:
                return c, t
            s.sock.sendall(data)
            line = "<%d octets>" % len(data)
        c, t = s.reply()
        out.append("C: " + (line if not line.startswith("PROOF ") else "PROOF <b64>"))
        for x in t:
            out.append("S: %d %s" % (c, mask(x)))
        return c, t
    def mask(x):
        x = re.sub(r"[0-9a-f]{64}", "<id>", x)
        return re.sub(r"[A-Za-z0-9+/]{40,}={0,2}", "<b64>", x)
    s = talk.Session(PORT)
    out.append("S: " + s.greeting)
    for line in ("CAPABILITIES", "NOOP", "PREKEYS 0", "PREKEY bob@runetest",
                 "SENDERCERT", "SEND bob@runetest 2000 2", "FOO"):
        say(s, line)
    c, t = say(s, "LOGIN alice@runetest")
    say(s, "PROOF " + talk.proof_text("alice@runetest", rm.seed_of("alice@runetest"), t[0]))
    for line in ("CAPABILITIES", "PREKEYS 0", "PREKEYS 100000", "PREKEY bob@runetest",
                 "SENDERCERT", "SEND bob@runetest 1000 2", "SEND bob@runetest 2000 3",
                 "KEY bob@runetest", "SEND bob@runetest 10"):
        say(s, line)
    blob = rm.make_blob("alice@runetest", rm.seed_of("alice@runetest"), "bob@runetest",
                        rm.pk_of(rm.seed_of("bob@runetest")), b"v1 as ever")
    say(s, "SEND bob@runetest %d" % len(blob), blob)
    say(s, "LIST")
    say(s, "QUIT")
    return out
