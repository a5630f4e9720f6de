/* msgstream.c: building a v1 client blob (section 10) in passes over
 * its payload (msgstream.h): ssig and the inner read as msg2stream.c's
 * (msg2src_sign, msg2src_inner), the seal as
 * libsodium's crypto_box_seal computes it, in pieces. */
#include <errno.h>
#include <string.h>

#include <sodium.h>

#include "frame.h"
#include "msgbuf.h"
#include "msgstream.h"
#include "num.h"
#include "padme.h"

/* p[0..f) (inner's octets from q) encrypted in place: XSalsa20's
 * keystream from its octet 32 + q (the first 32 key Poly1305) */
static void
xs_xor(struct msgstream const *s, unsigned char *p, size_t f, uint64_t q)
{
	static unsigned char const zero[64];
	unsigned char blk[64];
	uint64_t ks = q + 32;
	size_t o, m, i;

	if (ks % 64 != 0 && f > 0) {
		/* the block ks falls in, the rest of it */
		(void)crypto_stream_xsalsa20_xor_ic(blk, zero, sizeof blk,
		    s->nonce, ks / 64, s->k);
		o = (size_t)(ks % 64);
		m = 64 - o < f ? 64 - o : f;
		for (i = 0; i < m; i++)
			p[i] ^= blk[o + i];
		sodium_memzero(blk, sizeof blk);
		p += m;
		f -= m;
		ks += m;
	}
	if (f > 0)
		(void)crypto_stream_xsalsa20_xor_ic(p, p, f, s->nonce, ks / 64,
		    s->k);
}

/* inner (ihdr || payload || zeros) read through src, encrypted, in
 * pieces: each to the tag (st) when wr is NULL, else to wr */
static int
crypt_pass(struct msgstream const *s, struct msg2src const *src,
    unsigned char *buf, crypto_onetimeauth_poly1305_state *st,
    msg2_writer *wr, void *warg)
{
	uint64_t q = 0;

	while (q < s->ilen) {
		uint64_t q0 = q;
		size_t f = msg2src_inner(buf, src, s->ihdr, sizeof s->ihdr,
		    s->ilen, &q);

		if (f == 0)
			return 0;
		xs_xor(s, buf, f, q0);
		if (wr == NULL)
			(void)crypto_onetimeauth_poly1305_update(st, buf, f);
		else if (!wr(warg, buf, f))
			return 0;
	}
	return 1;
}

int
msgstream_begin(struct msgstream *s, struct msg2src const *src,
    uint64_t blobmax, struct addr const *sender,
    unsigned char const sender_sk[RUNE_SK_LEN], struct addr const *receiver,
    unsigned char const receiver_pk[RUNE_PK_LEN],
    unsigned char const esk_in[32])
{
	unsigned char hdr[FRAME_MESSAGE_HDR_MAX], buf[MSG2STREAM_CHUNK];
	unsigned char ssig[RUNE_SIG_LEN], xpk[crypto_box_PUBLICKEYBYTES];
	unsigned char esk[crypto_box_SECRETKEYBYTES], pkey[32];
	crypto_onetimeauth_poly1305_state st;
	crypto_generichash_state gh;
	size_t h;
	int ok = 0, err = EINVAL;

	memset(s, 0, sizeof *s);
	s->bsize = src->n <= UINT32_MAX ? padme_blob_size(src->n) : 0;
	if (s->bsize == 0 || s->bsize > blobmax) {
		errno = EMSGSIZE;
		return 0;
	}
	s->n = src->n;
	s->ilen = s->bsize - RUNE_SEAL_LEN;
	h = frame_message_hdr(hdr, sizeof hdr, sender->s, sender->len,
	    receiver->s, receiver->len);
	if (h != msgbuf_hdr_len(sender, receiver))
		goto out;
	/* ssig: as msg_make's crypto_sign_detached over hdr || payload */
	if (!msg2src_sign(ssig, sender_sk, hdr, h, src, buf)) {
		err = errno;
		goto out;
	}
	s->ihdr[0] = RUNE_VERSION_OCTET;
	memcpy(s->ihdr + 1, ssig, RUNE_SIG_LEN);
	num_pack_be4(s->ihdr + 1 + RUNE_SIG_LEN, (uint32_t)s->n);
	/* the seal's keys, as crypto_box_seal: a fresh ephemeral pair
	 * (drawn after the signature, as in msg_make), the nonce, the
	 * shared key */
	if (crypto_sign_ed25519_pk_to_curve25519(xpk, receiver_pk) != 0)
		goto out;
	if (esk_in != NULL) {
		memcpy(esk, esk_in, sizeof esk);
		if (crypto_scalarmult_base(s->epk, esk) != 0)
			goto out;
	} else if (crypto_box_keypair(s->epk, esk) != 0) {
		goto out;
	}
	if (crypto_generichash_init(&gh, NULL, 0, sizeof s->nonce) != 0 ||
	    crypto_generichash_update(&gh, s->epk, sizeof s->epk) != 0 ||
	    crypto_generichash_update(&gh, xpk, sizeof xpk) != 0 ||
	    crypto_generichash_final(&gh, s->nonce, sizeof s->nonce) != 0 ||
	    crypto_box_beforenm(s->k, xpk, esk) != 0)
		goto out;
	/* the tag: Poly1305 keyed by keystream octets 0..31, over the
	 * ciphertext (the payload's third read) */
	if (crypto_stream_xsalsa20(pkey, sizeof pkey, s->nonce, s->k) != 0 ||
	    crypto_onetimeauth_poly1305_init(&st, pkey) != 0)
		goto out;
	if (!crypt_pass(s, src, buf, &st, NULL, NULL)) {
		err = errno;
		goto out;
	}
	(void)crypto_onetimeauth_poly1305_final(&st, s->mac);
	ok = 1;
out:
	sodium_memzero(esk, sizeof esk);
	sodium_memzero(pkey, sizeof pkey);
	sodium_memzero(&st, sizeof st);
	sodium_memzero(ssig, sizeof ssig);
	sodium_memzero(buf, sizeof buf);
	if (!ok) {
		sodium_memzero(s, sizeof *s);
		errno = err;
	}
	return ok;
}

int
msgstream_write(struct msgstream *s, struct msg2src const *src,
    msg2_writer *wr, void *warg)
{
	unsigned char buf[MSG2STREAM_CHUNK];
	int ok = 0, err = 0;

	if (!wr(warg, s->epk, sizeof s->epk) ||
	    !wr(warg, s->mac, sizeof s->mac) ||
	    !crypt_pass(s, src, buf, NULL, wr, warg))
		err = errno;
	else
		ok = 1;
	sodium_memzero(buf, sizeof buf);
	sodium_memzero(s, sizeof *s);
	if (!ok)
		errno = err;
	return ok;
}
