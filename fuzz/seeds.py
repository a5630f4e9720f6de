#!/usr/bin/python3
"""seeds.py: writes the seed inputs of the fuzz targets into t/fuzz/NAME/
(seed-*), from the spec's vectors and a scratch domain made with the
built programs.  Run once by hand: `python3 fuzz/seeds.py VECTORS BUILD`;
the seeds it writes are committed (doc/fuzzing.md)."""
import hashlib, json, os, shutil, subprocess, sys, tempfile

vec = json.load(open(sys.argv[1]))
build = os.path.abspath(sys.argv[2])
out = "t/fuzz"
TOKEN = "0123456789abcdef" * 4
MBOX = "a" * 64
D = "fuzzdomain" + "0123456789" * 4   # FUZZ_DOMAIN of fuzz/fuzz.h
AL = "alice@" + D
LONG = "u" * 50 + "@" + D


# seeds that crash the code as it is now, on a defect another change
# fixes (doc/fuzzing.md): kept in t/fuzz/pending/NAME/, not replayed
def put(target, name, data, pending=False):
    d = os.path.join(out, "pending", target) if pending else \
        os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("latin-1")
    with open(os.path.join(d, "seed-" + name), "wb") as f:
        f.write(data)


def h(s):
    return bytes.fromhex(s)


# the keys of fuzz_keypair(i): a seed of 32 octets i
def pk_text(i):
    from nacl.signing import SigningKey
    import base64
    vk = SigningKey(bytes([i]) * 32).verify_key.encode()
    return "ed25519:" + base64.b64encode(vk).decode()


# line reader and tokenizer
lines = []
for v in vec["register_challenge"]:
    lines += [v["register_line"], v["accept_line"]]
for v in vec["login"]:
    lines += [v["login_line"], v["proof_line"]]
for v in vec["message"]:
    lines.append(v["send_line"])
put("line", "commands", b"\x00\x00" + "\r\n".join(lines).encode() + b"\r\n")
put("line", "bytewise", b"\x00\x00NOOP\nQUIT\r\n  a  b c  \r\n")
put("line", "chunks", b"\x07\x80" + b"SEND x 12\r\n=\x03\r\n" + b"z" * 12 +
    b"LIST\r\n" + b"A" * 1100 + b"\n")
put("line", "long", b"\xff\x01" + b"B" * 1030 + b"\r\n")

# values: address, number, key, b64, ids, key table names
for i, v in enumerate(vec["address"]):
    put("values", "addr-%02d" % i, b"\x00" + v["text"].encode("utf-8"))
for i, v in enumerate(vec["numbers"]):
    put("values", "num-%02d" % i, b"\x01" + v["text"].encode("utf-8"))
for i, v in enumerate(vec["pubkey_text"]):
    put("values", "key-%02d" % i, b"\x02" + v["text"].encode("utf-8"))
for i, v in enumerate(vec["b64"]):
    put("values", "b64-%02d" % i, b"\x03" + v["text"].encode("utf-8"))
for i, v in enumerate(vec["message"][:3]):
    put("values", "id-%02d" % i, b"\x04" + v["message_id"].encode())
put("values", "ent-0", b"\x04" + b"17a3b2c4d5e6f708." +
    vec["message"][0]["message_id"].encode() + b".1294")
for i, v in enumerate(vec["address"]):
    if v["valid"]:
        put("values", "reckey-%02d" % i, b"\x05a" + v["canonical"].encode(),
            len(v["canonical"]) > 64)
put("values", "name-a", b"\x05a-" + AL.encode())
put("values", "name-i", b"\x05i-" + AL.encode())
put("values", "name-t", b"\x05t-" + TOKEN.encode())
put("values", "tok", b"\x05" + TOKEN.encode())

# the client's reply parser
for i, v in enumerate(vec["replies"]):
    put("reply", "wire-%02d" % i, b"\x00" + v["wire"].encode("latin-1"))
put("reply", "list", b"\x03250-" + vec["message"][0]["list_line"].encode() +
    b"\r\n250 1\r\n")
put("reply", "c205", b"\x00" + vec["register_challenge"][0]["reply_205"]
    .encode() + b"\r\n")

# the stored-message opener
for i, v in enumerate(vec["message"]):
    put("msgopen", "stored-%02d" % i, b"\x00" + h(v["stored"]))
    put("msgopen", "env-%02d" % i, b"\x01" + h(v["env"]))
    put("msgopen", "s101-%02d" % i, b"\x02" + h(v["time_be8"]) +
        h(v["sender101"]) + h(v["blob"]))
    put("msgopen", "inner-%02d" % i, b"\x03" + h(v["inner"]))
    put("msgopen", "payload-%02d" % i, b"\x04" + h(v["payload"])[:4096])

v2 = json.load(open(os.path.join(os.path.dirname(sys.argv[1]),
                            "vectors-v2.json")))
n2 = 0
def blobs2(o):
    if isinstance(o, dict):
        for k, v in o.items():
            if k in ("blob2", "blob") and isinstance(v, str) and \
                    v.startswith("02") and len(v) >= 2 * 1137:
                yield v
            else:
                yield from blobs2(v)
    elif isinstance(o, list):
        for v in o:
            yield from blobs2(v)
for b in blobs2(v2):
    put("msgopen", "blob2-%02d" % n2, b"\x05" + h(b))
    n2 += 1
    if n2 == 8:
        break

# the invitation URI
f0 = vec["fingerprint"][0]["blake2b256"][:32]
f1 = vec["fingerprint"][1]["blake2b256"][:32]
put("invite", "token", TOKEN)
put("invite", "uri", "rune://%s@rune.example.org:17863/?tls=%s&key=%s" %
    (TOKEN, f0, f1))
put("invite", "uri-v6", "rune://%s@[::1]/?tls=%s&key=%s" % (TOKEN, f0, f1))
put("invite", "uri-ip", "rune://%s@127.0.0.1:7863/?key=%s&tls=%s" %
    (TOKEN, f1, f0))

# the client's MIME and header reading
for i, v in enumerate(vec["message"][:6]):
    put("mime", "payload-%02d" % i, b"\x10" + h(v["payload"])[:4096])
put("mime", "folded", b"\x23From: Alice <alice@fuzztest>\r\nSubject: a\r\n"
    b" folded\tline\r\nReferences: <a@b>\r\n <c@d>\r\n\r\nbody\xc3\xa9\r\n")

# the session
a3, b4 = pk_text(3), pk_text(4)
blob = h(vec["message"][0]["blob"])
put("session", "new", b"\x00CAPABILITIES\r\nNOOP\r\nREGISTER newbie@" + D.encode() + b" "
    + pk_text(9).encode() + b"\r\nCHALLENGE_ACCEPTED AAAA\r\n")
put("session", "invite", b"\x00REGISTER_INVITATION carol@" + D.encode() + b" " +
    TOKEN.encode() + b" " + pk_text(8).encode() + b"\r\nQUIT\r\n")
put("session", "login", b"\x00LOGIN alice@" + D.encode() + b"\r\nPROOF AAAA\r\n")
put("session", "bad", b"\x00KEY x\r\nFOO\r\n\r\nLOGIN a b c d e\r\nNOOP\x01\r\n")
put("session", "auth", b"\x01CAPABILITIES\r\nKEY bob@" + D.encode() + b"\r\nKEY "
    b"dave@" + D.encode() + b"\r\nKEY nobody@" + D.encode() + b"\r\nLIST\r\nRETRIEVE " +
    b"0" * 64 + b"\r\nDELETE " + b"0" * 64 + b"\r\nQUIT\r\n")
put("session", "send", b"\x01SEND bob@" + D.encode() + b" %d\r\n" % len(blob) + blob +
    b"SEND alice@" + D.encode() + b" %d\r\n" % len(blob) + blob + b"LIST\r\n")
put("session", "unregister", b"\x01UNREGISTER\r\nLIST\r\n")
# the longest addresses (50 + @ + 50)
put("session", "long-login", b"\x00LOGIN " + LONG.encode() + b"\r\n")
put("session", "long-register", b"\x00REGISTER " + LONG.encode() + b" " +
    pk_text(9).encode() + b"\r\n", True)
put("session", "long-key", b"\x01KEY " + LONG.encode() + b"\r\nSEND " +
    LONG.encode() + b" 1072\r\n", True)
put("session", "slow", b"\x02NOOP\r\nNOOP\r\nQUIT\r\n")

# rune-store's requests and file names
stored = h(vec["message"][0]["stored"])
sid = hashlib.blake2b(stored, digest_size=32).hexdigest()
put("store", "put", b"\x00init\nput %s %d\n" % (MBOX.encode(), len(stored)) +
    stored + b"del %s %s\npurge %s\n" % (MBOX.encode(), sid.encode(),
                                        MBOX.encode()))
put("store", "bad", b"\x00put %s 99999999\n" % MBOX.encode())
put("store", "names", b"\x01" + ("17a3b2c4d5e6f708.%s.1294\n"
    "0000000000000001.%s.2000\njunk\n.hidden\n" % (sid, "b" * 64)).encode())
put("store", "tmp", b"\x03" + ("17a3b2c4d5e6f708.%s.1294\nx.tmp\n" % sid)
    .encode())

# rune-keys: requests, and records from a real table
put("keys", "register", b"\x00register bob@" + D.encode() + b"\n" + b4.encode() + b"\n")
put("keys", "invite", b"\x00register-invite carol@" + D.encode() + b"\n" +
    TOKEN.encode() + b"\n" + pk_text(8).encode() + b"\n")
put("keys", "long-register", b"\x00register " + LONG.encode() + b"\n" +
    b4.encode() + b"\n", True)
put("keys", "long-invite", b"\x00invite " + LONG.encode() + b" 4000000000\n",
    True)
for i, cmd in enumerate(["invite bob@" + D + " 4000000000",
                         "revoke carol@" + D + "", "unregister " + AL,
                         "disable " + AL, "enable dave@" + D + "",
                         "free erin@" + D + "", "list", "invites", "merge"]):
    put("keys", "cmd-%d" % i, b"\x00" + cmd.encode() + b"\n")
tmp = tempfile.mkdtemp()
try:
    root = os.path.join(tmp, "root")
    env = dict(os.environ, RUNE_ROOT=root, RUNE_ALLOW_ROOT="1",
               RUNE_BINDIR=build)
    subprocess.run([build + "/rune-admin", "init", root, D],
                   env=env, check=True, capture_output=True)
    # a 50-octet domain and its LF do not fit lib/conf.c's buffer (the
    # limits work fixes it): the name alone
    open(os.path.join(root, "control/domain"), "w").write(D)
    subprocess.run([build + "/rune-keys", "register", AL], env=env,
                   input=(a3 + "\n").encode(), check=True)
    subprocess.run([build + "/rune-keys", "invite", "carol@" + D + "",
                    "4000000000"], env=env, check=True, capture_output=True)
    pend = os.path.join(root, "keys/pending")
    rec, txn = b"", b""
    for n in sorted(os.listdir(pend)):
        v = open(os.path.join(pend, n), "rb").read()
        rec += bytes([len(n)]) + n.encode() + bytes([len(v)]) + v
        k = n[0].encode() + (n[2:].encode() if n[0] != "t"
                             else bytes.fromhex(n[2:]))
        txn += bytes([len(k)]) + k + bytes([len(v)]) + v
    put("keys", "journal", b"\x02" + rec)
    put("keys", "txn", b"\x03" + txn)
    subprocess.run([build + "/rune-keys", "merge"], env=env, check=True)
    put("keys", "cdb", b"\x01" + open(os.path.join(root, "keys/keys.cdb"),
                                      "rb").read())
finally:
    shutil.rmtree(tmp)
