/* envstream.c: envelope_make's stored blob in passes over the client blob
 * (envstream.h).  Ed25519 as libsodium signs (RFC 8032):
 *   az = SHA-512(seed); r = SHA-512(az[32..64] || M) mod L; R = rB;
 *   k = SHA-512(R || A || M) mod L; S = k * clamp(az[0..32]) + r mod L;
 * with M = the vsig frame's head || the client blob (the vsig2 frame's
 * for version 2).  The seal as
 * crypto_box_seal: epk || MAC || XSalsa20(env) with the key
 * crypto_box_beforenm(receiver, esk), the nonce BLAKE2b-192(epk ||
 * receiver), the Poly1305 key the keystream's first 32 octets. */
#include <errno.h>
#include <string.h>

#include "envstream.h"

int
envstream_begin(struct envstream *e, unsigned char version,
    struct addr const *receiver, struct addr const *sender, uint64_t time,
    unsigned char const server_sk[RUNE_SK_LEN])
{
	unsigned char s101[RUNE_SENDER101];
	int v2 = version == RUNE2_VERSION_OCTET;

	memset(e, 0, sizeof *e);
	e->version = version;
	/* both labels are 15 octets: "RUNE-1 envelope", "RUNE-2 envelope" */
	e->hlen = sizeof RUNE_LABEL_ENVELOPE + receiver->len + 1 + 8 +
	    RUNE_SENDER101;
	if (sender == NULL && v2)
		memset(s101, 0, sizeof s101);
	else if ((!v2 && version != RUNE_VERSION_OCTET) || sender == NULL ||
	    !frame_sender101(s101, sender->s, sender->len)) {
		errno = EINVAL;
		return 0;
	}
	if (e->hlen > sizeof e->hdr ||
	    (v2 ? frame2_envelope_hdr : frame_envelope_hdr)(e->hdr, e->hlen,
	    receiver->s, receiver->len, time, s101) != e->hlen) {
		errno = EINVAL;
		return 0;
	}
	edstream_begin(&e->sig, server_sk);
	edstream_update(&e->sig, e->hdr, e->hlen);
	return 1;
}

void
envstream_nonce(struct envstream *e, unsigned char const *p, size_t n)
{
	edstream_update(&e->sig, p, n);
}

void
envstream_hram_begin(struct envstream *e)
{
	edstream_hram_begin(&e->sig);
	edstream_update(&e->sig, e->hdr, e->hlen);
}

void
envstream_hram(struct envstream *e, unsigned char const *p, size_t n)
{
	edstream_update(&e->sig, p, n);
}

void
envstream_sign_end(struct envstream *e)
{
	edstream_end(&e->sig, e->env + 1);
	e->env[0] = e->version;
	/* time || sender101: the tail of the frame's head */
	memcpy(e->env + 1 + RUNE_SIG_LEN, e->hdr + e->hlen - 8 -
	    RUNE_SENDER101, 8 + RUNE_SENDER101);
}

int
envstream_seal_begin(struct envstream *e,
    unsigned char const receiver_pk[RUNE_PK_LEN])
{
	unsigned char xpk[32], esk[32], k[32];
	crypto_generichash_state g;
	int r = 1;

	if (crypto_sign_ed25519_pk_to_curve25519(xpk, receiver_pk) != 0) {
		errno = EINVAL;
		return 0;
	}
	(void)crypto_box_keypair(e->epk, esk);
	(void)crypto_generichash_init(&g, NULL, 0, sizeof e->nonce);
	(void)crypto_generichash_update(&g, e->epk, sizeof e->epk);
	(void)crypto_generichash_update(&g, xpk, sizeof xpk);
	(void)crypto_generichash_final(&g, e->nonce, sizeof e->nonce);
	if (crypto_box_beforenm(k, xpk, esk) != 0) {
		errno = EINVAL;
		r = 0;
	} else	/* XSalsa20's subkey: the keystream is Salsa20's under it */
		(void)crypto_core_hsalsa20(e->key, e->nonce, k, NULL);
	sodium_memzero(esk, sizeof esk);
	sodium_memzero(k, sizeof k);
	return r;
}

/* out = p XOR the keystream from e->pos; advances it */
static void
ks_xor(struct envstream *e, unsigned char *out, unsigned char const *p,
    size_t n)
{
	unsigned char blk[64];

	while (n > 0) {
		uint64_t b = e->pos / 64;
		size_t off = (size_t)(e->pos % 64), k;

		if (off != 0 || n < 64) {
			k = 64 - off < n ? 64 - off : n;
			memset(blk, 0, sizeof blk);
			memcpy(blk + off, p, k);
			(void)crypto_stream_salsa20_xor_ic(blk, blk, sizeof blk,
			    e->nonce + 16, b, e->key);
			memcpy(out, blk + off, k);
		} else {
			k = n - n % 64;
			(void)crypto_stream_salsa20_xor_ic(out, p, k,
			    e->nonce + 16, b, e->key);
		}
		e->pos += k;
		out += k;
		p += k;
		n -= k;
	}
	sodium_memzero(blk, sizeof blk);
}

void
envstream_crypt_begin(struct envstream *e, int mac_only,
    unsigned char out[RUNE_STORED_HDR])
{
	unsigned char pk[32] = { 0 }, hdr[RUNE_ENV_HDR];

	e->pos = 0;
	ks_xor(e, pk, pk, sizeof pk);	/* the Poly1305 key */
	e->mac_only = mac_only;
	if (mac_only)
		(void)crypto_onetimeauth_poly1305_init(&e->p, pk);
	sodium_memzero(pk, sizeof pk);
	envstream_crypt(e, hdr, e->env, sizeof hdr);
	if (!mac_only) {
		memcpy(out, e->epk, 32);
		memcpy(out + 32, e->mac, 16);
		memcpy(out + 48, hdr, sizeof hdr);
	}
}

void
envstream_crypt(struct envstream *e, unsigned char *out,
    unsigned char const *p, size_t n)
{
	ks_xor(e, out, p, n);
	if (e->mac_only)
		(void)crypto_onetimeauth_poly1305_update(&e->p, out, n);
}

void
envstream_mac_end(struct envstream *e)
{
	(void)crypto_onetimeauth_poly1305_final(&e->p, e->mac);
}

void
envstream_wipe(struct envstream *e)
{
	sodium_memzero(e, sizeof *e);
}
