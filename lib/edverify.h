/* edverify.h: an Ed25519 signature (RFC 8032) checked over a message
 * that is never in memory whole, in one pass over it:
 *
 *   edverify_begin(sig, pk), every chunk to edverify_update, then
 *   edverify_end: 1 the signature verifies, 0 not.
 *
 * Its verdicts are crypto_sign_verify_detached's for every key this
 * project accepts (crypto_core_ed25519_is_valid_point: canonical, not of
 * small order, in the prime-order subgroup): S must be canonical (below
 * L), R not of small order, and [S]B = R + [k]A with k = SHA-512(R || A
 * || M) mod L, R compared as its encoding.  A key outside that subgroup
 * (which libsodium's check would still take) is refused here. */
#ifndef EDVERIFY_H
#define EDVERIFY_H

#include <stddef.h>

#include <sodium.h>

struct edverify {
	crypto_hash_sha512_state h;
	unsigned char sig[64];
	unsigned char pk[32];
};

void edverify_begin(struct edverify *v, unsigned char const sig[64],
    unsigned char const pk[32]);
void edverify_update(struct edverify *v, unsigned char const *p, size_t n);
int edverify_end(struct edverify *v);

#endif
