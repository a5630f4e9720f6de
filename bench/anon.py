#!/usr/bin/python3
"""anon.py PORT MODE N [FILE]: the client side of bench/anon.sh (never a
test).  Addresses and seeds are bench/session.py's (alice, bob, writer).
  tokens N FILE   writer logs in and fetches N tokens (batches of 16,
                  proofs verified), kept in FILE (uncounted setup)
  anon N FILE     N anonymous SEND sessions: fresh TCP and TLS, REDEEM
                  bob with the next unused token of FILE, PREKEY bob,
                  SEND bob 4096 2, QUIT (FILE's first line counts the
                  tokens used)
  tokprekey N     N identified sessions: LOGIN alice, TOKENS of 16,
                  PREKEY bob, QUIT (two rune-keys requests on a login)
Prints "sessions=N secs=S"."""
import base64, json, os, sys, time
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "t", "lib"))
import talk, voprfc

A = bytes(range(32))
W = bytes(range(4, 36))
DOMAIN = os.environ.get("DOMAIN", "runebench")
E = int(time.time()) // (7 * 86400)


def b64(b):
    return base64.b64encode(b).decode()


def batch(s, pk):
    bl = []
    for _ in range(16):
        t = os.urandom(32)
        x = voprfc.token_input(DOMAIN, E, t)
        r, B = voprfc.blind(x)
        bl.append((t, x, r, B))
    code, txt = s.cmd("TOKENS %d %s" % (E, b64(b"".join(b[3] for b in bl))))
    assert code == 250, (code, txt)
    zs, proof = (base64.b64decode(x) for x in txt[0].split(" "))
    Zs = [zs[i:i + 32] for i in range(0, len(zs), 32)]
    assert voprfc.verify(pk, [b[3] for b in bl], Zs, proof)
    return [(b[0], voprfc.finalize(b[1], b[2], z)) for b, z in zip(bl, Zs)]


def tokenkey(s):
    code, t = s.cmd("TOKENKEY")
    assert code == 250, (code, t)
    return base64.b64decode(t[0].split(" ")[1])


def main():
    port, mode, n = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    blob = b"\x02" + os.urandom(4095)   # the server checks its first octet
    bob = "bob@" + DOMAIN
    t0 = time.time()
    if mode == "tokens":
        s = talk.Session(port)
        code, t = s.login("writer@" + DOMAIN, W)
        assert code == 230, (code, t)
        pk = tokenkey(s)
        toks = []
        while len(toks) < n:
            toks += batch(s, pk)
        s.cmd("QUIT")
        json.dump([[a.hex(), b.hex()] for a, b in toks], open(sys.argv[4], "w"))
    elif mode == "anon":
        toks = json.load(open(sys.argv[4]))
        used_f = sys.argv[4] + ".used"
        used = int(open(used_f).read()) if os.path.exists(used_f) else 0
        assert used + n <= len(toks), "not enough tokens"
        for i in range(used, used + n):
            t, y = (bytes.fromhex(x) for x in toks[i])
            mac = voprfc.redeem_mac(y, DOMAIN, bob, E, t)
            s = talk.Session(port)
            code, txt = s.cmd("REDEEM %s %d %s" % (bob, E, b64(t + mac)))
            assert code == 250, (code, txt)
            code, txt = s.cmd("PREKEY " + bob)
            assert code == 250, (code, txt)
            code, txt = s.cmd("SEND %s %d 2" % (bob, len(blob)))
            assert code == 340, (code, txt)
            s.sock.sendall(blob)
            code, txt = s.reply()
            assert code == 250, (code, txt)
            s.cmd("QUIT")
            s.sock.close()
        open(used_f, "w").write(str(used + n))
    elif mode == "tokprekey":
        for _ in range(n):
            s = talk.Session(port)
            code, t = s.login("alice@" + DOMAIN, A)
            assert code == 230, (code, t)
            batch(s, tokenkey(s))
            code, t = s.cmd("PREKEY " + bob)
            assert code == 250, (code, t)
            s.cmd("QUIT")
            s.sock.close()
    print("sessions=%d secs=%.3f" % (n, time.time() - t0))


if __name__ == "__main__":
    main()
