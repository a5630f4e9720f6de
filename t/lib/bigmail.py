#!/usr/bin/python3
# bigmail.py OUT BIN SUBJECT [EXTRA-HEADER-OCTETS]: an RFC 5322 message
# (LF line ends) to bob@runetest, with a Bcc field, a text part and the
# file BIN as a base64 attachment, written to OUT; EXTRA-HEADER-OCTETS
# of X-Filler fields make the header that long (the t/210 tests).
import base64, sys
out, binf, subj = sys.argv[1:4]
extra = int(sys.argv[4]) if len(sys.argv) > 4 else 0
data = open(binf, "rb").read()
b64 = base64.encodebytes(data)
h = [b"To: bob@runetest", b"Bcc: bob@runetest", b"Subject: " + subj.encode(),
     b"MIME-Version: 1.0",
     b'Content-Type: multipart/mixed; boundary="=-=b=-="']
while extra > 0:
    line = b"X-Filler: " + b"f" * 70
    h.append(line)
    extra -= len(line) + 1
body = (b"--=-=b=-=\nContent-Type: text/plain; charset=utf-8\n\n"
        b"the text of " + subj.encode() + b"\n\n--=-=b=-=\n"
        b"Content-Type: application/octet-stream\n"
        b"Content-Disposition: attachment; filename=\"" + binf.rsplit("/", 1)[-1].encode() +
        b"\"\nContent-Transfer-Encoding: base64\n\n" + b64 + b"\n--=-=b=-=--\n")
open(out, "wb").write(b"\n".join(h) + b"\n\n" + body)
