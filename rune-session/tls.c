/* tls.c: the session's TLS 1.2 server: ECDHE with AES-GCM or
 * ChaCha20-Poly1305 only, no renegotiation; its own I/O loop, so that an
 * idle deadline leaves the engine able to send 421.  It polls only when
 * a read or write would block (MSG_DONTWAIT), and a write waits while
 * the client keeps taking octets (tls_write_idle).  The certificate
 * chain and key come from tls.bin (lib/tlsbin.c) when it is the PEM
 * files' as they are, else from the PEM files (lib/tlspem.c). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <linux/sockios.h>
#include <time.h>
#include <unistd.h>

#include <bearssl.h>
#include <sodium.h>

#include "clock.h"
#include "die.h"
#include "sio.h"
#include "tls.h"
#include "tlsbin.h"
#include "tlspem.h"

struct tls {
	br_ssl_server_context sc;
	br_skey_decoder_context skey;	/* the key from key.pem, or */
	struct tlsbin_key bkey;		/* from tls.bin (lib/tlsbin.c) */
	struct tlspem_chain chain;	/* lib/tlspem.c or lib/tlsbin.c */
	int dead;			/* the socket failed or closed */
	int nosock;			/* fds 0 and 1 are not a socket */
	int ready;			/* the last read was whole: the
					 * peer's next octets are likely
					 * there, so read before polling */
	long long deadline;		/* CLOCK_MONOTONIC milliseconds */
	long long widle, wend;		/* tls_write_idle's */
	long long wlast;		/* when the peer last took octets */
	int wq;				/* octets in the socket's send queue
					 * at the last look, -1 unknown */
	unsigned char iobuf[BR_SSL_BUFSIZE_BIDI];
};

static struct tls tls_the;	/* one connection per process */

static uint16_t const suites_ec[] = {
	BR_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
	BR_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
	BR_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
};
static uint16_t const suites_rsa[] = {
	BR_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
	BR_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
	BR_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
};

int
tls_init(struct tls **tp, char const *certfile, char const *keyfile,
    char const *binfile)
{
	struct tls *t = &tls_the;
	br_ssl_engine_context *eng = &t->sc.eng;
	br_ec_private_key const *ec;
	br_rsa_private_key const *rsa;
	char const *why = "";
	unsigned char seed[32];
	int type, r;

	r = tlsbin_load(&t->chain, &t->bkey, binfile, certfile, keyfile,
	    &why);
	if (r == 1) {
		type = t->bkey.type;
		ec = &t->bkey.ec;
		rsa = &t->bkey.rsa;
	} else {
		if (r < 0)
			warn("%s is %s; decoding the PEM files instead (run "
			    "rune-admin setup to write it again)", binfile,
			    why);
		if (!tlspem_chain(&t->chain, certfile) ||
		    !tlspem_key(&t->skey, keyfile))
			return 0;
		type = br_skey_decoder_key_type(&t->skey);
		ec = br_skey_decoder_get_ec(&t->skey);
		rsa = br_skey_decoder_get_rsa(&t->skey);
	}
	if (type == BR_KEYTYPE_EC) {
		br_ssl_server_init_full_ec(&t->sc, t->chain.cert, t->chain.n,
		    BR_KEYTYPE_EC, ec);
		br_ssl_engine_set_suites(eng, suites_ec,
		    sizeof suites_ec / sizeof suites_ec[0]);
	} else if (type == BR_KEYTYPE_RSA) {
		br_ssl_server_init_full_rsa(&t->sc, t->chain.cert, t->chain.n,
		    rsa);
		br_ssl_engine_set_suites(eng, suites_rsa,
		    sizeof suites_rsa / sizeof suites_rsa[0]);
	} else {
		warn("%s: key type %d not supported", keyfile, type);
		return 0;
	}
	br_ssl_engine_set_versions(eng, BR_TLS12, BR_TLS12);
	br_ssl_engine_add_flags(eng, BR_OPT_NO_RENEGOTIATION |
	    BR_OPT_ENFORCE_SERVER_PREFERENCES);
	br_ssl_engine_set_buffer(eng, t->iobuf, sizeof t->iobuf, 1);
	randombytes_buf(seed, sizeof seed);
	br_ssl_engine_inject_entropy(eng, seed, sizeof seed);
	sodium_memzero(seed, sizeof seed);
	if (!br_ssl_server_reset(&t->sc)) {
		warn("TLS engine reset failed: %d", br_ssl_engine_last_error(eng));
		return 0;
	}
	*tp = t;
	return 1;
}

static int
remaining_ms(long long deadline)
{
	long long left = deadline - clock_ms();

	return left <= 0 ? 0 : left > 3600000 ? 3600000 : (int)left;
}

/* waits for fd to be ready for events; 1 ready, 0 deadline, -1 error */
static int
wait_fd(int fd, short events, long long deadline)
{
	struct pollfd p = { .fd = fd, .events = events };

	for (;;) {
		int ms = remaining_ms(deadline), r;

		if (ms <= 0)
			return 0;
		r = poll(&p, 1, ms);
		if (r > 0)
			return 1;
		if (r < 0 && errno != EINTR)
			return -1;
	}
}

/* one send or recv on fd without blocking (MSG_DONTWAIT, which leaves
 * the socket's flags as tcpserver gave them); on a descriptor that is
 * not a socket (ENOTSOCK), a poll and then read or write, as before */
static ssize_t
io_try(struct tls *t, int fd, unsigned char *buf, size_t len)
{
	ssize_t n;

	if (!t->nosock) {
		n = fd == 1 ? send(1, buf, len, MSG_DONTWAIT) :
		    recv(0, buf, len, MSG_DONTWAIT);
		if (n >= 0 || errno != ENOTSOCK)
			return n;
		t->nosock = 1;
	}
	errno = EAGAIN;
	return -1;
}

/* while a write waits: the peer took octets since the last look when
 * the socket's send queue shrank (SIOCOUTQ); not a socket, never */
static void
outq_look(struct tls *t)
{
	int q;

	if (ioctl(1, SIOCOUTQ, &q) < 0)
		return;
	if (t->wq >= 0 && q < t->wq)
		t->wlast = clock_ms();
	t->wq = q;
}

/* moves len octets of buf to or from fd (1 write, 0 read), polling
 * only when the socket is not ready: a write to a socket with room and
 * the second half of a record that came in one segment go without a
 * poll; a read that waits for the peer's next message polls first;
 * 1 moved (*moved set), 0 deadline, -1 closed or failed */
static int
io_move(struct tls *t, int fd, unsigned char *buf, size_t len, size_t *moved)
{
	short ev = fd == 1 ? POLLOUT : POLLIN;
	int tried = 0, w;
	long long dl;
	ssize_t n;

	for (;;) {
		/* a write waits while the peer keeps taking octets
		 * (tls_write_idle); the deadline holds for a peer that keeps
		 * the socket ready as for one that is slow */
		dl = t->deadline;
		if (fd == 1 && t->widle > 0 && t->wlast > 0) {
			long long p = t->wlast + t->widle;

			if (p > t->wend)
				p = t->wend;
			if (p > dl)
				dl = p;
		}
		if (remaining_ms(dl) <= 0)
			return 0;
		if (fd == 1 || t->ready || tried) {
			n = tried && t->nosock ? (fd == 1 ? write(1, buf, len) :
			    read(0, buf, len)) : io_try(t, fd, buf, len);
			if (n > 0) {
				*moved = (size_t)n;
				t->ready = fd == 0 && (size_t)n == len;
				if (fd == 1 && t->widle > 0) {
					t->wlast = clock_ms();
					t->wq = -1;
				}
				return 1;
			}
			if (n == 0 || (errno != EINTR && errno != EAGAIN &&
			    errno != EWOULDBLOCK))
				return -1;
			if (errno == EINTR)
				continue;
		}
		t->ready = 0;
		if (fd == 1 && t->widle > 0) {
			/* the kernel wakes a writer only once half its queue
			 * is gone; a slow reader is seen by the queue
			 * shrinking, looked at twice a second */
			long long tick = clock_ms() + 500;

			w = wait_fd(1, POLLOUT, tick < dl ? tick : dl);
			if (w == 0) {
				outq_look(t);
				continue;
			}
		} else
			w = wait_fd(fd, ev, dl);
		if (w <= 0)
			return w == 0 ? 0 : -1;
		tried = 1;
	}
}

/* drives the engine until one of the states in target is reached;
 * 1 reached, 0 closed or failed, -1 deadline (engine intact) */
static int
run_until(struct tls *t, unsigned target)
{
	br_ssl_engine_context *eng = &t->sc.eng;

	for (;;) {
		unsigned st = br_ssl_engine_current_state(eng);
		unsigned char *buf;
		size_t len, n;
		int r;

		if ((st & BR_SSL_CLOSED) || t->dead)
			return 0;
		if (st & BR_SSL_SENDREC) {
			buf = br_ssl_engine_sendrec_buf(eng, &len);
			r = io_move(t, 1, buf, len, &n);
			if (r == 0)
				return -1;
			if (r < 0) {
				t->dead = 1;
				return 0;
			}
			br_ssl_engine_sendrec_ack(eng, n);
			continue;
		}
		if (st & target)
			return 1;
		if (st & BR_SSL_RECVAPP)
			return 0;	/* cannot happen with a bidi buffer */
		if (st & BR_SSL_RECVREC) {
			buf = br_ssl_engine_recvrec_buf(eng, &len);
			r = io_move(t, 0, buf, len, &n);
			if (r == 0)
				return -1;
			if (r < 0) {
				t->dead = 1;
				return 0;
			}
			br_ssl_engine_recvrec_ack(eng, n);
			continue;
		}
		br_ssl_engine_flush(eng, 0);
		if (!(br_ssl_engine_current_state(eng) & BR_SSL_SENDREC))
			return 0;
	}
}

int
tls_handshake(struct tls *t, long long deadline, int *err)
{
	int r;

	t->deadline = deadline;
	r = run_until(t, BR_SSL_SENDAPP | BR_SSL_RECVAPP);
	*err = r < 0 ? -1 : br_ssl_engine_last_error(&t->sc.eng);
	return r == 1;
}

void
tls_deadline(struct tls *t, long long deadline)
{
	t->deadline = deadline;
}

void
tls_write_idle(struct tls *t, long long idle_ms, long long end)
{
	t->widle = idle_ms;
	t->wend = end;
	t->wq = -1;
}

long
tls_read(void *ctx, unsigned char *buf, size_t len)
{
	struct tls *t = ctx;
	br_ssl_engine_context *eng = &t->sc.eng;
	unsigned char *app;
	size_t alen;
	int r;

	/* replies queued so far leave before we wait for more input */
	if (!(br_ssl_engine_current_state(eng) & BR_SSL_RECVAPP) &&
	    !tls_flush(t))
		return -1;
	r = run_until(t, BR_SSL_RECVAPP);
	if (r < 0) {
		errno = ETIMEDOUT;
		return -1;
	}
	if (r == 0)
		return br_ssl_engine_last_error(eng) == BR_ERR_OK && !t->dead ?
		    0 : -1;
	app = br_ssl_engine_recvapp_buf(eng, &alen);
	if (alen > len)
		alen = len;
	memcpy(buf, app, alen);
	br_ssl_engine_recvapp_ack(eng, alen);
	return (long)alen;
}

int
tls_write(struct tls *t, void const *buf, size_t len)
{
	br_ssl_engine_context *eng = &t->sc.eng;
	unsigned char const *p = buf;

	while (len > 0) {
		unsigned char *app;
		size_t alen;

		if (run_until(t, BR_SSL_SENDAPP) != 1)
			return 0;
		app = br_ssl_engine_sendapp_buf(eng, &alen);
		if (alen > len)
			alen = len;
		memcpy(app, p, alen);
		br_ssl_engine_sendapp_ack(eng, alen);
		p += alen;
		len -= alen;
	}
	return 1;
}

int
tls_flush(struct tls *t)
{
	br_ssl_engine_context *eng = &t->sc.eng;

	br_ssl_engine_flush(eng, 0);
	return run_until(t, BR_SSL_SENDAPP | BR_SSL_RECVAPP) == 1 ||
	    (br_ssl_engine_current_state(eng) & BR_SSL_SENDREC) == 0;
}

int
tls_close(struct tls *t)
{
	br_ssl_engine_context *eng = &t->sc.eng;

	if (!tls_flush(t))
		return 0;
	br_ssl_engine_close(eng);
	/* send the close_notify; do not wait for the peer's */
	while (br_ssl_engine_current_state(eng) & BR_SSL_SENDREC)
		if (run_until(t, BR_SSL_CLOSED | BR_SSL_RECVREC) != 1)
			break;
	return 1;
}

static int
sio_write(void *ctx, void const *buf, size_t len)
{
	return tls_write(ctx, buf, len);
}

static int
sio_flush(void *ctx)
{
	return tls_flush(ctx);
}

static void
sio_deadline(void *ctx, long long deadline)
{
	tls_deadline(ctx, deadline);
}

void
tls_sio(struct tls *t, struct sio *io)
{
	io->ctx = t;
	io->read = tls_read;
	io->write = sio_write;
	io->flush = sio_flush;
	io->deadline = sio_deadline;
}

int
tls_last_error(struct tls const *t)
{
	return br_ssl_engine_last_error(&t->sc.eng);
}
