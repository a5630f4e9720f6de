# fakeserver.py MODE CERT KEY PORTFILE: a hostile RUNE server over TLS
# (python3's ssl module) for the client's bounds (t/62).  It answers
# LOGIN and PROOF as a server would (any proof is taken), then misbehaves
# at the MODE's command; one connection after another until killed.
#   caps-endless   CAPABILITIES: "250-" lines that never end
#   list-endless   LIST: 300000 entries at full speed, then one a second
#   list-dribble   LIST: "250-" then one octet every 0.3 s
#   list-longline  LIST: 5000 octets without a line end
#   retrieve-huge  RETRIEVE: "240 99999999999999", then 16 MiB, then
#                  silence
#   caps-unknown   CAPABILITIES: lines no client knows among the known
#                  ones, PREKEYS absent (t/129); every other command of a
#                  v1 client answered as a server would
#   anonsend-bad   CAPABILITIES: "ANONSEND 99 4 7" (a batch above 16) (t/183)
#   anonsend-ksig  CAPABILITIES: ANONSEND 16 4 7; TOKENKEY E: a valid
#                  element with a signature of random octets (t/183)
import base64, os, socket, ssl, sys, time

mode, cert, key, portfile = sys.argv[1:5]
# the Ed25519 base point: a valid key text
SKEY = "ed25519:" + base64.b64encode(bytes([0x58] + [0x66] * 31)).decode()
ID = "ab" * 32

ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.minimum_version = ctx.maximum_version = ssl.TLSVersion.TLSv1_2
ctx.load_cert_chain(cert, key)
ls = socket.socket()
ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
ls.bind(("127.0.0.1", 0))
ls.listen(4)
with open(portfile + ".tmp", "w") as f:
    f.write("%d\n" % ls.getsockname()[1])
os.rename(portfile + ".tmp", portfile)


def misbehave(c, cmd):
    if mode == "caps-endless" and cmd == "CAPABILITIES":
        while True:
            c.sendall(b"250-X\r\n" * 100)
    if mode == "list-endless" and cmd == "LIST":
        line = ("250-%s 1234\r\n" % ID).encode()
        for _ in range(3000):
            c.sendall(line * 100)
        while True:
            c.sendall(line)
            time.sleep(1)
    if mode == "list-dribble" and cmd == "LIST":
        c.sendall(b"250-")
        while True:
            c.sendall(b"a")
            time.sleep(0.3)
    if mode == "list-longline" and cmd == "LIST":
        c.sendall(b"250-" + b"x" * 5000)
        while True:
            time.sleep(1)
    if mode == "retrieve-huge" and cmd.startswith("RETRIEVE "):
        c.sendall(b"240 99999999999999\r\n")
        block = os.urandom(65536)
        for _ in range(256):
            c.sendall(block)
        while True:
            time.sleep(1)
    if mode == "caps-unknown" and cmd == "CAPABILITIES":
        c.sendall(b"250-RUNE 1\r\n250-DOMAIN fakeserver\r\n"
                  b"250-FUTURE 1 2 3\r\n250-PREKEYSX 8\r\n"
                  b"250-MAXSIZE 10485760\r\n250-X-LONG " + b"y" * 900 +
                  b"\r\n250 ok\r\n")
        return True
    if mode.startswith("anonsend-") and cmd == "CAPABILITIES":
        c.sendall(b"250-RUNE 1\r\n250-DOMAIN fakeserver\r\n"
                  b"250-MAXSIZE 10485760\r\n250-ANONSEND " +
                  (b"99" if mode == "anonsend-bad" else b"16") +
                  b" 4 7\r\n250 ok\r\n")
        return True
    if mode == "anonsend-ksig" and cmd.startswith("TOKENKEY "):
        # the ristretto255 base point: a valid element
        pk = bytes.fromhex("e2f2ae0a6abc4e71a884a961c500515f"
                           "58e30b6aa582dd8db6a65945e08d2d76")
        c.sendall(("250 %s %s %s\r\n" % (cmd.split(" ")[1],
                   base64.b64encode(pk).decode(),
                   base64.b64encode(os.urandom(64)).decode())).encode())
        return True
    return False


def serve(c):
    c.sendall(b"HOWDY fake\r\n")
    buf = b""
    while True:
        while b"\n" not in buf:
            d = c.recv(4096)
            if not d:
                return
            buf += d
        line, buf = buf.split(b"\n", 1)
        cmd = line.rstrip(b"\r").decode()
        if misbehave(c, cmd):
            continue
        if cmd.startswith("LOGIN "):
            n = base64.b64encode(os.urandom(32)).decode()
            c.sendall(("220 %s %s\r\n" % (n, SKEY)).encode())
        elif cmd.startswith("PROOF "):
            c.sendall(b"230 welcome\r\n")
        elif cmd == "QUIT":
            c.sendall(b"221 bye\r\n")
            return
        else:
            c.sendall(b"250 ok\r\n")


while True:
    s, _ = ls.accept()
    try:
        c = ctx.wrap_socket(s, server_side=True)
        serve(c)
    except (OSError, ssl.SSLError):
        pass
    try:
        s.close()
    except OSError:
        pass
