/* tls.c: the client's TLS 1.2 connection over BearSSL.  The server's
 * certificate is not checked against a CA: its public key is pinned
 * (spec 9, 13.4) by the X.509 engine of tlspin.c. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bearssl.h>
#include <sodium.h>

#include "fdio.h"
#include "tls.h"
#include "tlspin.h"

struct tls {
	br_ssl_client_context cc;
	struct tlspin px;		/* the pinning X.509 engine */
	br_sslio_context io;
	unsigned char iobuf[BR_SSL_BUFSIZE_BIDI];
	struct fdio f;			/* the socket under the engine */
	char why[160];
};

static uint16_t const suites[] = {
	BR_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
	BR_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
	BR_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
	BR_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
	BR_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
	BR_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
};

/* fills t->why from the transport flags or the engine's error */
static void
explain(struct tls *t, char const *what)
{
	int err = br_ssl_engine_last_error(&t->cc.eng);

	if (t->f.timedout && t->f.at_cap)
		snprintf(t->why, sizeof t->why, "%s: the answer was not "
		    "complete within %u s", what, t->f.capsecs);
	else if (t->f.timedout)
		snprintf(t->why, sizeof t->why, "%s: timed out after %u s",
		    what, t->f.timeout);
	else if (t->f.sys != 0)
		snprintf(t->why, sizeof t->why, "%s: %s", what,
		    strerror(t->f.sys));
	else if (t->f.eof)	/* BearSSL says BR_ERR_IO: no TLS fault */
		snprintf(t->why, sizeof t->why, "%s: connection closed", what);
	else if (err != 0)
		snprintf(t->why, sizeof t->why, "%s: TLS error %d (does the "
		    "server speak TLS 1.2? a plain-text server or another "
		    "protocol on that port gives this)", what, err);
	else
		snprintf(t->why, sizeof t->why, "%s: failed", what);
}

static void
engine_init(struct tls *t)
{
	br_ssl_client_context *cc = &t->cc;
	br_ssl_engine_context *eng = &cc->eng;

	br_ssl_client_zero(cc);
	br_ssl_engine_set_versions(eng, BR_TLS12, BR_TLS12);
	br_ssl_engine_set_suites(eng, suites, sizeof suites / sizeof suites[0]);
	br_ssl_engine_set_all_flags(eng, BR_OPT_NO_RENEGOTIATION);
	br_ssl_engine_set_hash(eng, br_sha256_ID, &br_sha256_vtable);
	br_ssl_engine_set_hash(eng, br_sha384_ID, &br_sha384_vtable);
	br_ssl_engine_set_hash(eng, br_sha512_ID, &br_sha512_vtable);
	br_ssl_engine_set_prf_sha256(eng, &br_tls12_sha256_prf);
	br_ssl_engine_set_prf_sha384(eng, &br_tls12_sha384_prf);
	br_ssl_engine_set_default_aes_gcm(eng);
	br_ssl_engine_set_default_chapol(eng);
	br_ssl_engine_set_default_ec(eng);
	br_ssl_engine_set_default_ecdsa(eng);
	br_ssl_engine_set_default_rsavrfy(eng);
	br_ssl_engine_set_x509(eng, &t->px.vtable);
	br_ssl_engine_set_buffer(eng, t->iobuf, sizeof t->iobuf, 1);
}

enum tls_result
tls_open(struct tls **tp, int fd, char const *sni, unsigned char const *pin,
    unsigned timeout, unsigned char seen[RUNE_FPR_LEN])
{
	unsigned char seed[32];
	struct tls *t;

	*tp = t = calloc(1, sizeof *t);
	if (t == NULL) {
		close(fd);
		return TLS_FAIL;
	}
	t->f.fd = fd;
	t->f.timeout = timeout;
	tlspin_init(&t->px, pin);
	engine_init(t);
	randombytes_buf(seed, sizeof seed);
	br_ssl_engine_inject_entropy(&t->cc.eng, seed, sizeof seed);
	sodium_memzero(seed, sizeof seed);
	/* no session is ever offered for resumption: no session
	 * parameters are set and reset is asked not to resume, so every
	 * ClientHello has an empty session id, and BearSSL sends no
	 * session ticket extension (doc/protocol-v2.md 2.6 (4): an
	 * anonymous connection must not be linkable to an earlier one;
	 * t/185 checks the ClientHello, AS-N12) */
	if (!br_ssl_client_reset(&t->cc, sni, 0)) {
		explain(t, "TLS setup");
		return TLS_FAIL;
	}
	br_sslio_init(&t->io, &t->cc.eng, fdio_read, &t->f, fdio_write,
	    &t->f);
	fdio_arm(&t->f);
	/* flushing nothing runs the engine until the handshake is done */
	if (br_sslio_flush(&t->io) < 0 ||
	    (br_ssl_engine_current_state(&t->cc.eng) & BR_SSL_CLOSED)) {
		if (t->px.have_seen)
			memcpy(seen, t->px.seen, RUNE_FPR_LEN);
		if (t->px.mismatch) {
			snprintf(t->why, sizeof t->why,
			    "TLS handshake: server key is not the pinned one");
			return TLS_MISMATCH;
		}
		explain(t, "TLS handshake");
		return TLS_FAIL;
	}
	memcpy(seen, t->px.seen, RUNE_FPR_LEN);
	return TLS_OK;
}

long
tls_read(void *ctx, unsigned char *buf, size_t len)
{
	struct tls *t = ctx;
	int r;

	fdio_arm(&t->f);
	r = br_sslio_read(&t->io, buf, len);
	if (r > 0)
		return r;
	if (br_ssl_engine_last_error(&t->cc.eng) == BR_ERR_OK &&
	    !t->f.timedout && t->f.sys == 0)
		return 0;	/* close_notify, or the peer closed */
	explain(t, "read");
	errno = t->f.timedout ? ETIMEDOUT : t->f.sys != 0 ? t->f.sys :
	    EPROTO;
	return -1;
}

void
tls_cap(struct tls *t, unsigned seconds)
{
	fdio_cap(&t->f, seconds);
}

void
tls_cap_more(struct tls *t, unsigned seconds)
{
	fdio_cap_more(&t->f, seconds);
}

int
tls_write(struct tls *t, void const *buf, size_t len)
{
	t->f.capped = 0;	/* a request: the next answer sets its own */
	fdio_arm(&t->f);
	if (br_sslio_write_all(&t->io, buf, len) < 0 ||
	    br_sslio_flush(&t->io) < 0) {
		explain(t, "write");
		return 0;
	}
	return 1;
}

char const *
tls_why(struct tls const *t)
{
	return t == NULL ? "out of memory" : t->why;
}

void
tls_close(struct tls *t)
{
	if (t == NULL)
		return;
	if (!(br_ssl_engine_current_state(&t->cc.eng) & BR_SSL_CLOSED)) {
		t->f.timeout = t->f.timeout < 5 ? t->f.timeout : 5;
		t->f.capped = 0;
		fdio_arm(&t->f);
		(void)br_sslio_close(&t->io);
	}
	(void)close(t->f.fd);
	sodium_memzero(t, sizeof *t);
	free(t);
}
