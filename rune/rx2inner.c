/* rx2inner.c: blob2's inner part in passes (rx2inner.h).  The AEAD is
 * libsodium's XChaCha20-Poly1305 (IETF): the subkey HChaCha20(key,
 * nonce[0..16]), ChaCha20 (IETF) under it with 0^4 || nonce[16..24],
 * block 0 the Poly1305 key, the ciphertext from block 1; the tag over ad
 * || pad16 || ct || pad16 || le64(|ad|) || le64(|ct|). */
#include <string.h>

#include <sodium.h>

#include "die.h"
#include "edverify.h"
#include "frame.h"
#include "rx2inner.h"
#include "xsxor.h"

struct aead {
	unsigned char sub[32];
	unsigned char n12[12];
};

void
rx2s_env_read(struct rx2s *x, uint64_t off, unsigned char *p, size_t n)
{
	if (!paytmp_read(x->st, RUNE_SEAL_LEN + off, p, n))
		die_sys(RUNE_EXIT_TEMP, "unable to read a temporary file");
	xsxor(p, p, n, 32 + off, x->nonce, x->key);
}

static void
le8(unsigned char *b, uint64_t n)
{
	int i;

	for (i = 0; i < 8; i++)
		b[i] = (unsigned char)(n >> (8 * i));
}

static void
aead_init(struct aead *a, unsigned char const okm[RUNE2_OKM_LEN])
{
	(void)crypto_core_hchacha20(a->sub, okm + 32, okm, NULL);
	memset(a->n12, 0, 4);
	memcpy(a->n12 + 4, okm + 32 + 16, 8);
}

/* the tag over head2 and the ciphertext (ct octets from env offset at) */
static int
tag_ok(struct rx2s *x, struct msg_rx const *m, struct aead const *a,
    uint64_t at, uint64_t ct)
{
	static unsigned char const zero[16];
	unsigned char blk[64] = { 0 }, p[RX2S_PIECE], tag[16], mine[16];
	crypto_onetimeauth_poly1305_state st;
	uint64_t done;
	size_t k;

	(void)crypto_stream_chacha20_ietf(blk, sizeof blk, a->n12, a->sub);
	(void)crypto_onetimeauth_poly1305_init(&st, blk);
	sodium_memzero(blk, sizeof blk);
	(void)crypto_onetimeauth_poly1305_update(&st, m->head2,
	    RUNE2_HEAD_LEN);
	(void)crypto_onetimeauth_poly1305_update(&st, zero,
	    (16 - RUNE2_HEAD_LEN % 16) % 16);
	for (done = 0; done < ct; done += k) {
		k = ct - done < sizeof p ? (size_t)(ct - done) : sizeof p;
		rx2s_env_read(x, at + done, p, k);
		(void)crypto_onetimeauth_poly1305_update(&st, p, k);
	}
	(void)crypto_onetimeauth_poly1305_update(&st, zero,
	    (size_t)((16 - ct % 16) % 16));
	le8(blk, RUNE2_HEAD_LEN);
	le8(blk + 8, ct);
	(void)crypto_onetimeauth_poly1305_update(&st, blk, 16);
	(void)crypto_onetimeauth_poly1305_final(&st, mine);
	rx2s_env_read(x, at + ct, tag, sizeof tag);
	return crypto_verify_16(mine, tag) == 0;
}

int
rx2s_ssig_ok(struct rx2s *x, struct msg_rx const *m,
    unsigned char const pk[RUNE_PK_LEN], unsigned char const *hdr, size_t h,
    uint64_t off)
{
	unsigned char p[RX2S_PIECE];
	struct edverify e;
	uint64_t done;
	size_t k;

	edverify_begin(&e, m->ssig, pk);
	edverify_update(&e, hdr, h);
	for (done = 0; done < m->paylen; done += k) {
		k = m->paylen - done < sizeof p ? (size_t)(m->paylen - done) :
		    sizeof p;
		if (!paytmp_read(&x->plain, off + done, p, k))
			die_sys(RUNE_EXIT_TEMP, "unable to read a temporary "
			    "file");
		edverify_update(&e, p, k);
	}
	sodium_memzero(p, sizeof p);
	return edverify_end(&e);
}

enum msg_verdict
rx2s_plain(struct rx2s *x, struct msg_rx *m, uint64_t at, uint64_t ilen,
    struct rx2s_inner const *in)
{
	unsigned char p[RX2S_PIECE];
	enum msg_verdict v = MSG_OK;
	uint64_t done, i, end = ilen;
	uint32_t n = 0;
	size_t k;

	if (ilen < in->hdr)
		return MSG_INNER_SHORT;
	paytmp_open(&x->plain, x->home);
	for (done = 0; done < ilen; done += k) {
		k = ilen - done < sizeof p ? (size_t)(ilen - done) : sizeof p;
		rx2s_env_read(x, at + done, p, k);
		in->xor(in->key, p, k, done);
		if (done == 0) {	/* k >= in->hdr */
			v = in->head(m, p, ilen, &n);
			if (v != MSG_OK)
				break;
			end = in->hdr + (uint64_t)n;
		}
		for (i = end > done ? end - done : 0; i < k; i++)
			if (p[i] != 0)
				v = MSG_PADDING_NONZERO;
		if (v != MSG_OK)
			break;
		paytmp_put(&x->plain, p, k);
	}
	sodium_memzero(p, sizeof p);
	m->paylen = n;
	m->ilen = (size_t)ilen;
	return v;
}

/* inner2's keystream: ChaCha20 from block 1 (done is a multiple of 64) */
static void
aead_xor(void const *key, unsigned char *p, size_t k, uint64_t done)
{
	struct aead const *a = key;

	(void)crypto_stream_chacha20_ietf_xor_ic(p, p, k, a->n12,
	    (uint32_t)(1 + done / 64), a->sub);
}

enum msg_verdict
rx2inner_open(struct rx2s *x, struct msg_rx *m,
    unsigned char const sk[RUNE_SK_LEN],
    unsigned char const lsec[RUNE2_X_LEN], unsigned char const *osec)
{
	unsigned char okm[RUNE2_OKM_LEN];
	struct aead a;
	uint64_t at = RUNE_ENV_HDR + RUNE2_HEAD_LEN;
	uint64_t ct = x->envlen - RUNE_ENV_HDR - RUNE2_BLOB_EXTRA;
	enum msg_verdict v;

	v = msg2_rx_okm(m, sk, lsec, osec, okm);
	if (v == MSG_OK) {
		aead_init(&a, okm);
		/* nothing of the plaintext before the whole tag verified */
		if (!tag_ok(x, m, &a, at, ct))
			v = MSG_BLOB_NOT_OPEN;
		else {
			struct rx2s_inner const in = { RUNE2_INNER_HDR,
			    aead_xor, &a, msg2_inner_head };

			v = rx2s_plain(x, m, at, ct, &in);
		}
		sodium_memzero(&a, sizeof a);
	}
	sodium_memzero(okm, sizeof okm);
	if (v == MSG_OK)
		m->step = 2;
	return v;
}

enum msg_verdict
rx2inner_check(struct rx2s *x, struct msg_rx *m, char const *domain,
    unsigned char const server_pk[RUNE_PK_LEN])
{
	unsigned char hdr[FRAME2_MESSAGE_HDR_MAX];
	enum msg_verdict v = msg2_check_head(m, domain, server_pk);
	size_t h;

	if (v != MSG_OK)
		return v;
	h = frame2_message_hdr(hdr, sizeof hdr, m->cert.sender.s,
	    m->cert.sender.len, m->me.s, m->me.len, m->rpk, m->head2,
	    m->mode, m->tkh, m->scert_raw);
	if (h == 0)
		return MSG_SSIG_BAD;
	if (!rx2s_ssig_ok(x, m, m->cert.spk, hdr, h, RUNE2_INNER_HDR))
		return MSG_SSIG_BAD;
	m->sender = m->cert.sender;
	return MSG_OK;
}
