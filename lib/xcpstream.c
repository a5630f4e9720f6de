/* xcpstream.c: XChaCha20-Poly1305 (IETF) in pieces (xcpstream.h), as
 * libsodium builds it: the subkey HChaCha20(key, nonce[0..16]), the
 * ChaCha20 (IETF) nonce 0^4 || nonce[16..24], the Poly1305 key the first
 * 32 octets of block 0, the plaintext under blocks 1 on, the MAC over
 * ad || pad16 || ct || pad16 || le64(adlen) || le64(ctlen). */
#include <string.h>

#include "xcpstream.h"

static unsigned char const zeros[16];

void
xcpstream_begin(struct xcpstream *s, unsigned char const key[32],
    unsigned char const nonce[24], unsigned char const *ad, size_t adlen)
{
	unsigned char blk[64];

	memset(s, 0, sizeof *s);
	(void)crypto_core_hchacha20(s->key, nonce, key, NULL);
	memcpy(s->nonce + 4, nonce + 16, 8);
	memset(blk, 0, sizeof blk);
	(void)crypto_stream_chacha20_ietf_xor_ic(blk, blk, sizeof blk,
	    s->nonce, 0, s->key);
	(void)crypto_onetimeauth_poly1305_init(&s->p, blk);
	sodium_memzero(blk, sizeof blk);
	(void)crypto_onetimeauth_poly1305_update(&s->p, ad, adlen);
	(void)crypto_onetimeauth_poly1305_update(&s->p, zeros,
	    (0x10 - adlen) & 0xf);
	s->pos = 0;
	s->adlen = adlen;
}

void
xcpstream_crypt(struct xcpstream *s, unsigned char *out,
    unsigned char const *p, size_t n)
{
	unsigned char blk[64];
	unsigned char *o = out;
	size_t left = n;

	while (left > 0) {
		uint64_t b = 1 + s->pos / 64;
		size_t off = (size_t)(s->pos % 64), k;

		if (off != 0 || left < 64) {
			k = 64 - off < left ? 64 - off : left;
			memset(blk, 0, sizeof blk);
			memcpy(blk + off, p, k);
			(void)crypto_stream_chacha20_ietf_xor_ic(blk, blk,
			    sizeof blk, s->nonce, (uint32_t)b, s->key);
			memcpy(o, blk + off, k);
		} else {
			k = left - left % 64;
			(void)crypto_stream_chacha20_ietf_xor_ic(o, p, k,
			    s->nonce, (uint32_t)b, s->key);
		}
		s->pos += k;
		o += k;
		p += k;
		left -= k;
	}
	sodium_memzero(blk, sizeof blk);
	(void)crypto_onetimeauth_poly1305_update(&s->p, out, n);
}

void
xcpstream_end(struct xcpstream *s, unsigned char tag[16])
{
	unsigned char len[16];
	uint64_t v[2] = { s->adlen, s->pos };
	int i, j;

	(void)crypto_onetimeauth_poly1305_update(&s->p, zeros,
	    (0x10 - (size_t)(s->pos & 0xf)) & 0xf);
	for (i = 0; i < 2; i++)
		for (j = 0; j < 8; j++)
			len[8 * i + j] = (unsigned char)(v[i] >> (8 * j));
	(void)crypto_onetimeauth_poly1305_update(&s->p, len, sizeof len);
	(void)crypto_onetimeauth_poly1305_final(&s->p, tag);
	sodium_memzero(s, sizeof *s);
}
