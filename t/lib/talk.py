#!/usr/bin/python3
"""talk.py: a RUNE test client over real TLS (Python ssl + PyNaCl).

As a program: talk.py PORT < script
  Each script line is sent as a command; after each, one complete reply
  is read and printed.  The greeting is printed first.  Lines starting
  with '!raw ' are sent without waiting for a reply; '!wait' reads one
  reply; '!close' prints what remains until the server closes.
As a module: Session(port) gives send(), reply(), readn(), and the
  protocol's crypto (register, login; register_begin, answer and
  proof_text for tests that answer otherwise) for the integration tests."""
import base64, os, socket, ssl, sys, time

import nacl.bindings as nb
import nacl.signing


def b64(b):
    return base64.b64encode(b).decode()


def keytext(pk):
    return "ed25519:" + b64(pk)


class Closed(Exception):
    pass


class Session:
    def __init__(self, port, host="127.0.0.1", timeout=20, greet=True,
                 context=None):
        ctx = context or ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        if context is None:
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
            ctx.minimum_version = ssl.TLSVersion.TLSv1_2
            ctx.maximum_version = ssl.TLSVersion.TLSv1_2
        raw = socket.create_connection((host, port), timeout=timeout)
        self.sock = ctx.wrap_socket(raw)
        self.buf = b""
        self.greeting = self.line() if greet else None

    def fill(self):
        try:
            d = self.sock.recv(65536)
        except (ssl.SSLEOFError, ConnectionResetError):
            d = b""
        if not d:
            raise Closed()
        self.buf += d

    def line(self):
        while b"\n" not in self.buf:
            self.fill()
        l, self.buf = self.buf.split(b"\n", 1)
        if not l.endswith(b"\r"):
            raise ValueError("line without CRLF: %r" % l)
        return l[:-1].decode("ascii")

    def reply(self):
        """one reply: (code, [texts])"""
        texts = []
        while True:
            l = self.line()
            code, sep, text = l[:3], l[3:4], l[4:]
            texts.append(text)
            if sep == " ":
                return int(code), texts

    def readn(self, n):
        while len(self.buf) < n:
            self.fill()
        d, self.buf = self.buf[:n], self.buf[n:]
        return d

    def send(self, line):
        if isinstance(line, str):
            line = line.encode()
        self.sock.sendall(line + b"\r\n")

    def cmd(self, line):
        self.send(line)
        return self.reply()

    def closed(self):
        """True when the server closes the connection with nothing more;
        False when it sends more, or nothing within the timeout"""
        if self.buf:
            return False
        try:
            self.fill()
            return False
        except Closed:
            return True
        except socket.timeout:
            return False
        except (ssl.SSLError, OSError):
            return True

    # the protocol's crypto, as a client does it
    def register_begin(self, address, seed, server_pk=None, token=None):
        """REGISTER (or REGISTER_INVITATION with token); on 205 checks
        the signature and opens the challenge: (code, texts, r, server
        pk); r and server pk are None when the reply is not 205"""
        sk = nacl.signing.SigningKey(seed)
        pk = bytes(sk.verify_key)
        if token:
            code, t = self.cmd("REGISTER_INVITATION %s %s %s" %
                               (address, token, keytext(pk)))
        else:
            code, t = self.cmd("REGISTER %s %s" % (address, keytext(pk)))
        if code != 205:
            return code, t, None, None
        cs_text, spk_text = t[0].split(" ")
        cs = base64.b64decode(cs_text, validate=True)
        c, s = cs[:80], cs[80:]
        spk = base64.b64decode(spk_text[8:], validate=True)
        if server_pk is not None and spk != server_pk:
            raise ValueError("server key differs")
        canon = address.lower()
        signed = (b"RUNE-1 register\0" + canon.encode() + b"\0" + pk + c)
        nacl.signing.VerifyKey(spk).verify(signed, s)
        xsk = nb.crypto_sign_ed25519_sk_to_curve25519(seed + pk)
        xpk = nb.crypto_scalarmult_base(xsk)
        r = nb.crypto_box_seal_open(c, xpk, xsk)
        return code, t, r, spk

    def register(self, address, seed, server_pk=None, token=None):
        code, t, r, spk = self.register_begin(address, seed, server_pk,
                                              token)
        if code != 205:
            return code, t
        return self.cmd("CHALLANGE_ACCEPTED " + answer(r, spk))

    def login(self, address, seed, proof=True):
        code, t = self.cmd("LOGIN " + address)
        if code != 220 or not proof:
            return code, t
        return self.cmd("PROOF " + proof_text(address, seed, t[0]))


def answer(r, spk):
    """the challenge answer: b64(seal(r, server pk))"""
    xpk = nb.crypto_sign_ed25519_pk_to_curve25519(spk)
    return b64(nb.crypto_box_seal(r, xpk))


def proof_text(address, seed, text220):
    """the PROOF argument for a 220 reply's text, signed with seed"""
    sk = nacl.signing.SigningKey(seed)
    n_text, spk_text = text220.split(" ")
    n = base64.b64decode(n_text)
    spk = base64.b64decode(spk_text[8:])
    signed = (b"RUNE-1 login\0" + address.lower().encode() + b"\0" +
              spk + n)
    return b64(sk.sign(signed).signature)


def pk_of(seed):
    return bytes(nacl.signing.SigningKey(seed).verify_key)


def main():
    s = Session(int(sys.argv[1]))
    print(s.greeting)
    try:
        for l in sys.stdin.read().split("\n"):
            if l == "":
                continue
            if l.startswith("!raw "):
                s.send(l[5:])
                continue
            if l == "!wait":
                pass
            elif l == "!empty":
                s.send("")
            elif l == "!close":
                while True:
                    print(s.line())
            else:
                s.send(l)
            code, texts = s.reply()
            for i, t in enumerate(texts):
                print("%d%s%s" % (code, " " if i == len(texts) - 1 else "-", t))
    except Closed:
        print("[closed]")
    except ssl.SSLError as e:
        print("[tls error %s]" % e.reason)


if __name__ == "__main__":
    main()
