#!/usr/bin/python3
"""mimemix.py DIR: writes into DIR the payloads of t/203, each large
(over 256 KiB) so that rune read walks it in its file: mixed.eml (a
multipart/mixed: a quoted-printable ISO-8859-1 text with CRLF line
ends, a base64 attachment, a nested multipart/alternative whose HTML
comes before its plain text, a base64 UTF-8 text with an escape
sequence and a lone CR, a multipart with no closing delimiter),
latin1.eml (a large 8bit ISO-8859-1 text/plain, CRLF) and plain.eml
(no MIME at all, LF, control octets)."""
import base64, os, sys
d = sys.argv[1]
rnd = os.urandom(300000)
qp_line = b"caf=E9 cr=E8me br=FBl=E9e, a soft break here =\r\nand on\r\n"
b64text = base64.encodebytes(
    ("na\u00efve \u2603 snow\n" * 3000 + "esc \x1b[31mred\x1b[0m lone\rcr\n")
    .encode("utf-8"))
mixed = (b"From: Alice <alice@runetest>\r\nTo: bob@runetest\r\n"
         b"Subject: =?iso-8859-1?q?caf=E9?= mixed\r\n"
         b"Message-ID: <mixed.1@runetest>\r\nMIME-Version: 1.0\r\n"
         b"Content-Type: multipart/mixed; boundary=\"XX\"\r\n\r\n"
         b"preamble\r\n--XX\r\n"
         b"Content-Type: text/plain; charset=iso-8859-1\r\n"
         b"Content-Transfer-Encoding: quoted-printable\r\n\r\n" +
         qp_line * 4000 + b"last line without CRLF=E9"
         b"\r\n--XX\r\nContent-Type: application/octet-stream; name=r.bin\r\n"
         b"Content-Disposition: attachment; filename=\"r\xe9.bin\"\r\n"
         b"Content-Transfer-Encoding: base64\r\n\r\n" +
         base64.encodebytes(rnd).replace(b"\n", b"\r\n") +
         b"\r\n--XX\r\nContent-Type: multipart/alternative; boundary=YY\r\n\r\n"
         b"--YY\r\nContent-Type: text/html\r\n\r\n<p>html</p>\r\n"
         b"--YY\r\nContent-Type: text/plain\r\n\r\nthe plain alternative\r\n"
         b"--YY--\r\n"
         b"--XX\r\nContent-Type: text/plain; charset=utf-8\r\n"
         b"Content-Transfer-Encoding: base64\r\n\r\n" + b64text +
         b"\r\n--XX\r\nContent-Type: multipart/mixed; boundary=ZZ\r\n\r\n"
         b"--ZZ\r\nContent-Type: text/plain\r\n\r\nunclosed inner\r\n"
         b"--XX--\r\nepilogue\r\n")
open(d + "/mixed.eml", "wb").write(mixed)
latin = (b"Subject: latin\r\nMIME-Version: 1.0\r\n"
         b"Content-Type: text/plain; charset=ISO-8859-1\r\n"
         b"Content-Transfer-Encoding: 8bit\r\n\r\n" +
         b"d\xe9j\xe0 vu, \xa9 \xbd\r\n" * 30000 + b"end\xe9")
open(d + "/latin1.eml", "wb").write(latin)
plain = (b"Subject: plain\n\n" + b"a line with \x07 bell and \x1b esc\n" * 12000
         + b"tail")
open(d + "/plain.eml", "wb").write(plain)
