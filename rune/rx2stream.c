/* rx2stream.c: a large v2 message checked in passes (rx2stream.h).
 * The stored blob is crypto_box_seal(env): epk || tag || XSalsa20(env)
 * under crypto_box_beforenm(epk, own X25519 secret) and the nonce
 * BLAKE2b-192(epk || own X25519 key); env's octets are read through
 * that keystream (env_read), never kept. */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "die.h"
#include "edverify.h"
#include "frame.h"
#include "localrec.h"
#include "num.h"
#include "rx2inner.h"
#include "rx2stream.h"
#include "v2.h"
#include "xsxor.h"

/* the seal's key and nonce, and its tag over the whole file: 1 opens */
static int
seal_check(struct rx2s *x, unsigned char const sk[RUNE_SK_LEN])
{
	unsigned char xsk[32], xpk[32], epk[32], tag[16], mine[16];
	unsigned char pk[32] = { 0 }, p[RX2S_PIECE];
	crypto_onetimeauth_poly1305_state st;
	crypto_generichash_state g;
	uint64_t done, n;
	size_t k;
	int ok;

	if (x->st->n < RUNE_SEAL_LEN || !paytmp_read(x->st, 0, epk, 32) ||
	    !paytmp_read(x->st, 32, tag, 16))
		return 0;
	ok = crypto_sign_ed25519_sk_to_curve25519(xsk, sk) == 0 &&
	    crypto_scalarmult_base(xpk, xsk) == 0 &&
	    crypto_box_beforenm(x->key, epk, xsk) == 0;
	sodium_memzero(xsk, sizeof xsk);
	if (!ok)
		return 0;
	(void)crypto_generichash_init(&g, NULL, 0, sizeof x->nonce);
	(void)crypto_generichash_update(&g, epk, sizeof epk);
	(void)crypto_generichash_update(&g, xpk, sizeof xpk);
	(void)crypto_generichash_final(&g, x->nonce, sizeof x->nonce);
	xsxor(pk, pk, sizeof pk, 0, x->nonce, x->key);
	(void)crypto_onetimeauth_poly1305_init(&st, pk);
	sodium_memzero(pk, sizeof pk);
	n = x->st->n - RUNE_SEAL_LEN;
	for (done = 0; done < n; done += k) {
		k = n - done < sizeof p ? (size_t)(n - done) : sizeof p;
		if (!paytmp_read(x->st, RUNE_SEAL_LEN + done, p, k))
			die_sys(RUNE_EXIT_TEMP, "unable to read a temporary "
			    "file");
		(void)crypto_onetimeauth_poly1305_update(&st, p, k);
	}
	(void)crypto_onetimeauth_poly1305_final(&st, mine);
	x->envlen = n;
	return crypto_verify_16(mine, tag) == 0;
}

/* vsig2 over the frame's head and blob2, and BLAKE2b(blob2): 1 good */
static int
vsig_pass(struct rx2s *x, struct msg_rx *m, unsigned char const *hdr,
    size_t h, unsigned char const vsig[RUNE_SIG_LEN],
    unsigned char const spk[RUNE_PK_LEN])
{
	unsigned char p[RX2S_PIECE];
	crypto_generichash_state g;
	struct edverify v;
	uint64_t done, n = x->envlen - RUNE_ENV_HDR;
	size_t k;

	edverify_begin(&v, vsig, spk);
	edverify_update(&v, hdr, h);
	(void)crypto_generichash_init(&g, NULL, 0, sizeof m->blobhash);
	for (done = 0; done < n; done += k) {
		k = n - done < sizeof p ? (size_t)(n - done) : sizeof p;
		rx2s_env_read(x, RUNE_ENV_HDR + done, p, k);
		if (done == 0)	/* k >= RUNE2_BLOB_MIN: the head is here */
			memcpy(m->head2, p, RUNE2_HEAD_LEN);
		edverify_update(&v, p, k);
		(void)crypto_generichash_update(&g, p, k);
	}
	(void)crypto_generichash_final(&g, m->blobhash, sizeof m->blobhash);
	return edverify_end(&v);
}

/* msg_open_envelope's checks in its order, both versions */
static enum msg_verdict
envelope(struct rx2s *x, struct msg_rx *m, struct addr const *me,
    unsigned char const sk[RUNE_SK_LEN],
    unsigned char const spk[RUNE_PK_LEN])
{
	unsigned char e[RUNE_ENV_HDR], hdr[FRAME_ENVELOPE_HDR_MAX];
	unsigned char const *s101 = e + 1 + RUNE_SIG_LEN + 8;
	size_t h;

	if (!seal_check(x, sk))
		return MSG_STORED_NOT_OPEN;
	if (x->envlen < RUNE_ENV_HDR + RUNE_SEAL_LEN)
		return MSG_ENV_SHORT;
	rx2s_env_read(x, 0, e, sizeof e);
	if (e[0] == RUNE2_VERSION_OCTET &&
	    x->envlen < RUNE_ENV_HDR + RUNE2_BLOB_MIN)
		return MSG_ENV_VERSION;
	if (e[0] != RUNE_VERSION_OCTET && e[0] != RUNE2_VERSION_OCTET)
		return MSG_ENV_VERSION;
	m->version = e[0];
	m->me = *me;
	m->time = num_unpack_be8(e + 1 + RUNE_SIG_LEN);
	h = sizeof RUNE2_LABEL_ENVELOPE + me->len + 1 + 8 + RUNE_SENDER101;
	if (h > sizeof hdr || (e[0] == RUNE_VERSION_OCTET ? frame_envelope_hdr :
	    frame2_envelope_hdr)(hdr, h, me->s, me->len, m->time, s101) != h ||
	    !vsig_pass(x, m, hdr, h, e + 1, spk))
		return MSG_VSIG_BAD;
	if (e[0] == RUNE2_VERSION_OCTET && frame_sender101_zero(s101))
		m->anonymous = 1;
	else if (!frame_sender101_parse(&m->sender, s101))
		return MSG_SENDER101_BAD;
	if (e[0] == RUNE2_VERSION_OCTET) {
		memcpy(m->spk, m->head2 + 1 + RUNE2_X_LEN, RUNE2_X_LEN);
		memcpy(m->opk, m->head2 + 1 + 2 * RUNE2_X_LEN, RUNE2_X_LEN);
	}
	m->step = 1;
	return MSG_OK;
}

static enum msg_verdict
s_open(struct received *r, void *arg, unsigned char const sk[RUNE_SK_LEN],
    unsigned char const lsec[RUNE2_X_LEN], unsigned char const *osec)
{
	return rx2inner_open(arg, &r->m, sk, lsec, osec);
}

static enum msg_verdict
s_check(struct received *r, void *arg, char const *domain,
    unsigned char const server_pk[RUNE_PK_LEN])
{
	return rx2inner_check(arg, &r->m, domain, server_pk);
}

static void
s_keep(struct received *r, void *arg, struct home const *h,
    unsigned char const sk[RUNE_SK_LEN])
{
	struct rx2s *x = arg;
	unsigned char nonce[LOCALREC_NONCE];

	randombytes_buf(nonce, sizeof nonce);
	localrec_put_fd(h, x->id, r, sk, nonce, &x->plain, RUNE2_INNER_HDR,
	    r->m.paylen);
}

enum msg_verdict
rx2stream_envelope(struct rx2s *x, struct received *r, struct conn *cn,
    char const *id, struct addr const *me,
    unsigned char const sk[RUNE_SK_LEN],
    unsigned char const spk[RUNE_PK_LEN], struct paytmp *st)
{
	memset(x, 0, sizeof *x);
	x->st = st;
	x->home = cn->home;
	x->plain.fd = -1;
	snprintf(x->id, sizeof x->id, "%s", id);
	return envelope(x, &r->m, me, sk, spk);
}

enum received_status
rx2stream_check(struct rx2s *x, struct received *r, struct conn *cn,
    struct addr const *me, unsigned char const sk[RUNE_SK_LEN],
    unsigned char const spk[RUNE_PK_LEN])
{
	static struct rx2ops const ops = { s_open, s_check, s_keep };

	return rx2_check_ops(r, cn, cn->home, me, sk, spk, &ops, x);
}

void
rx2stream_end(struct rx2s *x, struct received *r)
{
	sodium_memzero(x->key, sizeof x->key);
	if (x->plain.fd >= 0 && (r->status == RECEIVED_VERIFIED ||
	    r->status == RECEIVED_NEWKEY || r->status == RECEIVED_NOKEY ||
	    r->status == RECEIVED_OLDKEY)) {
		r->big = 1;
		r->body = x->plain;
		r->boff = r->m.version == 2 ? RUNE2_INNER_HDR : RUNE_INNER_HDR;
	} else
		paytmp_close(&x->plain);
	x->plain.fd = -1;
}
