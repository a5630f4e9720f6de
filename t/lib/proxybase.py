"""proxybase.py: the plumbing the test proxies share (tlsproxy.py,
pkproxy.py, tokproxy.py, anonproxy.py, socks5.py).

  listen(portfile)        a socket on a free loopback port, the port
                          written to PORTFILE atomically (tmp, rename)
  serve_forever(ls, fn)   fn(conn, n) in a thread per connection, n = 1, 2,
                          ... in the order they came; until killed
  tls_contexts(cert, key) the TLS 1.2 server side toward the client (with
                          the server's own certificate and key, so the
                          client's pin is the server's) and the client side
                          toward the server (no verification)
  tls_pair(c, ...)        c wrapped in TLS and a TLS connection to the
                          server, or None (c closed) if either fails
  relay(c, u, up, down)   up(c, u) here and down(u, c) in a thread; when
                          both have ended, both sockets are closed
  tls_relay(c, ...)       tls_pair, then relay_commands with a hook up
                          and down (pump, or relay_lines with a hook)
  verb_log(path)          a relay_commands hook appending each verb to path
  pump                    octets as they come
  relay_commands          client to server line by line, a hook per
                          command line, a SEND's or PREKEYS' blob passed on
  relay_lines             server to client line by line, a hook per line

Nothing a test starts may outlive it: a proxy dies with SIGTERM (the
harness ends the test's process group so) and also when the shell that
started it dies (PR_SET_PDEATHSIG), however that shell ended."""
import ctypes, os, signal, socket, ssl, threading


def _die_with_parent():
    ppid = os.getppid()
    try:
        ctypes.CDLL(None).prctl(1, signal.SIGTERM, 0, 0, 0)  # PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != ppid:    # the parent died before prctl
        os._exit(1)


def listen(portfile, backlog=8, reuse=True):
    ls = socket.socket()
    if reuse:
        ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(("127.0.0.1", 0))
    ls.listen(backlog)
    with open(portfile + ".tmp", "w") as f:
        f.write("%d\n" % ls.getsockname()[1])
    os.rename(portfile + ".tmp", portfile)
    return ls


def serve_forever(ls, serve):
    _die_with_parent()
    n = 0
    while True:
        c, _ = ls.accept()
        n += 1
        threading.Thread(target=serve, args=(c, n), daemon=True).start()


def tls_contexts(cert, key):
    sctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    sctx.minimum_version = sctx.maximum_version = ssl.TLSVersion.TLSv1_2
    sctx.load_cert_chain(cert, key)
    cctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    cctx.check_hostname = False
    cctx.verify_mode = ssl.CERT_NONE
    cctx.minimum_version = cctx.maximum_version = ssl.TLSVersion.TLSv1_2
    return sctx, cctx


def tls_pair(c, ctxs, port):
    sctx, cctx = ctxs
    try:
        c = sctx.wrap_socket(c, server_side=True)
        u = cctx.wrap_socket(socket.create_connection(("127.0.0.1", port)))
    except OSError:
        close(c)
        return None
    return c, u


def shut(*ss):
    for s in ss:
        try:
            s.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def close(*ss):
    for s in ss:
        try:
            s.close()
        except OSError:
            pass


def relay(c, u, up, down):
    t = threading.Thread(target=down, args=(u, c), daemon=True)
    t.start()
    up(c, u)
    t.join()
    close(c, u)


def tls_relay(c, ctxs, port, up, down=None, **kw):
    """c relayed over TLS to the server: command lines through the hook
    up; the server's lines through the hook down (relay_lines' raw and
    spill in kw), or its octets as they come if down is None"""
    p = tls_pair(c, ctxs, port)
    if not p:
        return
    if down is None:
        relay(*p, lambda c, u: relay_commands(c, u, up), pump)
    else:
        relay(*p, lambda c, u: relay_commands(c, u, up),
              lambda u, c: relay_lines(u, c, down, **kw))


def verb_log(path):
    lock = threading.Lock()

    def seen(line, w):
        with lock, open(path, "ab") as f:
            f.write(w[0] + b"\n")
        return line
    return seen


def pump(src, dst, seen=None):
    """src to dst as it comes (seen(octets) first, if given)"""
    try:
        while True:
            b = src.recv(65536)
            if not b:
                break
            if seen:
                seen(b)
            dst.sendall(b)
    except OSError:
        pass
    shut(src, dst)


def blob(w):
    """the octets that follow a command line's words w, unread as lines:
    a SEND's message ("SEND a n [2]", once the server said 340, which is
    taken on trust) or a PREKEYS upload (n records of 105 octets)"""
    if w[0] in (b"SEND", b"PREKEYS") and len(w) >= 3 and w[2].isdigit():
        return int(w[2])
    if w[0] == b"PREKEYS" and len(w) == 2 and w[1].isdigit():
        return 105 * int(w[1])
    return 0


def relay_commands(c, u, hook):
    """client to server: each command line (without its CRLF) goes to
    hook(line, words), which returns what to forward in its place (None:
    nothing) and may raise OSError to end the connection; a blob is
    forwarded as it comes"""
    buf, skip = b"", 0
    try:
        while True:
            b = c.recv(65536)
            if not b:
                break
            buf += b
            while buf:
                if skip:
                    k = min(skip, len(buf))
                    u.sendall(buf[:k])
                    skip -= k
                    buf = buf[k:]
                    continue
                i = buf.find(b"\r\n")
                if i < 0:
                    break
                line, buf = buf[:i], buf[i + 2:]
                w = line.split(b" ")
                fwd = hook(line, w)
                if fwd is not None:
                    u.sendall(fwd + b"\r\n")
                    skip = blob(w)
    except OSError:
        pass
    shut(c, u)


def relay_lines(src, dst, hook, raw=None, spill=None):
    """server to client: each line (without its CRLF) goes to hook(line),
    which returns what to send in its place (None: nothing); while raw()
    is true the octets pass as they come, and a partial line longer than
    spill octets is no line traffic: it passes too"""
    buf = b""
    try:
        while True:
            b = src.recv(65536)
            if not b:
                break
            buf += b
            out = b""
            while buf:
                if raw and raw():
                    out, buf = out + buf, b""
                    break
                i = buf.find(b"\r\n")
                if i < 0:
                    break
                line, buf = buf[:i], buf[i + 2:]
                r = hook(line)
                if r is not None:
                    out += r + b"\r\n"
            if spill is not None and len(buf) > spill:
                out, buf = out + buf, b""
            if out:
                dst.sendall(out)
    except OSError:
        pass
    shut(src, dst)
