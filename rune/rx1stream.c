/* rx1stream.c: a large v1 message's inner part in passes
 * (rx1stream.h).  blob = epk || tag || XSalsa20(inner), as the
 * envelope's seal, under crypto_box_beforenm(epk, own X25519 secret)
 * and the nonce BLAKE2b-192(epk || own X25519 key); blob's octets come
 * through the envelope's keystream (rx2s_env_read). */
#include <string.h>

#include <sodium.h>

#include "die.h"
#include "frame.h"
#include "msgbuf.h"
#include "rx1stream.h"
#include "xsxor.h"

struct box {
	unsigned char nonce[24];
	unsigned char key[32];
};

/* the inner seal's key and its tag over the blob's ciphertext (ct
 * octets from env offset at): 1 good */
static int
box_check(struct rx2s *x, struct box *b, unsigned char const sk[RUNE_SK_LEN],
    uint64_t at, uint64_t ct)
{
	unsigned char xsk[32], xpk[32], epk[32], tag[16], mine[16];
	unsigned char pk[32] = { 0 }, p[RX2S_PIECE];
	crypto_onetimeauth_poly1305_state st;
	crypto_generichash_state g;
	uint64_t done;
	size_t k;
	int ok;

	rx2s_env_read(x, at - RUNE_SEAL_LEN, epk, sizeof epk);
	rx2s_env_read(x, at - 16, tag, sizeof tag);
	ok = crypto_sign_ed25519_sk_to_curve25519(xsk, sk) == 0 &&
	    crypto_scalarmult_base(xpk, xsk) == 0 &&
	    crypto_box_beforenm(b->key, epk, xsk) == 0;
	sodium_memzero(xsk, sizeof xsk);
	if (!ok)
		return 0;
	(void)crypto_generichash_init(&g, NULL, 0, sizeof b->nonce);
	(void)crypto_generichash_update(&g, epk, sizeof epk);
	(void)crypto_generichash_update(&g, xpk, sizeof xpk);
	(void)crypto_generichash_final(&g, b->nonce, sizeof b->nonce);
	xsxor(pk, pk, sizeof pk, 0, b->nonce, b->key);
	(void)crypto_onetimeauth_poly1305_init(&st, pk);
	sodium_memzero(pk, sizeof pk);
	for (done = 0; done < ct; done += k) {
		k = ct - done < sizeof p ? (size_t)(ct - done) : sizeof p;
		rx2s_env_read(x, at + done, p, k);
		(void)crypto_onetimeauth_poly1305_update(&st, p, k);
	}
	(void)crypto_onetimeauth_poly1305_final(&st, mine);
	return crypto_verify_16(mine, tag) == 0;
}

/* the inner seal's keystream: XSalsa20 from its octet 32 */
static void
box_xor(void const *key, unsigned char *p, size_t k, uint64_t done)
{
	struct box const *b = key;

	xsxor(p, p, k, 32 + done, b->nonce, b->key);
}

enum msg_verdict
rx1stream_open(struct rx2s *x, struct msg_rx *m,
    unsigned char const sk[RUNE_SK_LEN])
{
	uint64_t at = RUNE_ENV_HDR + RUNE_SEAL_LEN;
	uint64_t ilen = x->envlen - at;	/* envlen >= RUNE_ENV_HDR + 48 */
	enum msg_verdict v;
	struct box b;

	if (m->step != 1 || m->version != 1)
		return MSG_STEP;
	if (!box_check(x, &b, sk, at, ilen))
		v = MSG_BLOB_NOT_OPEN;
	else {
		struct rx2s_inner const in = { RUNE_INNER_HDR, box_xor, &b,
		    msg_inner_head };

		v = rx2s_plain(x, m, at, ilen, &in);
	}
	sodium_memzero(&b, sizeof b);
	if (v == MSG_OK)
		m->step = 2;
	return v;
}

enum msg_verdict
rx1stream_ssig(struct rx2s *x, struct msg_rx *m,
    unsigned char const sender_pk[RUNE_PK_LEN])
{
	unsigned char hdr[FRAME_MESSAGE_HDR_MAX];
	size_t h;

	if (m->step != 2)
		return MSG_STEP;
	h = frame_message_hdr(hdr, sizeof hdr, m->sender.s, m->sender.len,
	    m->me.s, m->me.len);
	if (h == 0)
		return MSG_SSIG_BAD;
	return rx2s_ssig_ok(x, m, sender_pk, hdr, h, RUNE_INNER_HDR) ? MSG_OK :
	    MSG_SSIG_BAD;
}
