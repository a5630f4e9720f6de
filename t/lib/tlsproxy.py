#!/usr/bin/python3
"""tlsproxy.py CERT KEY PORT PORTFILE LOG: a logging TLS proxy for the
client tests (t/120).  It serves TLS 1.2 with the server's own
certificate and key (so the client's TLS pin is the server's), forwards
every connection over TLS to 127.0.0.1:PORT, and appends each command
line the client sends (up to its first blank, the verb only, one per
line) to LOG.  Octets after a 340 (a SEND's blob) are forwarded, not
logged.  One connection after another until killed."""
import sys
sys.dont_write_bytecode = True
import proxybase as pb

cert, key, port, portfile, log = sys.argv[1:6]
ctxs, seen = pb.tls_contexts(cert, key), pb.verb_log(log)
pb.serve_forever(pb.listen(portfile),
                 lambda c, n: pb.tls_relay(c, ctxs, int(port), seen))
