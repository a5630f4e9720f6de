/* voprf.h: RFC 9497's VOPRF (mode 0x01) with the ristretto255-SHA512
 * suite, on libsodium, for protocol v2's blind tokens (doc/protocol-v2.md
 * 2.3-2.5).  Elements and scalars are 32 octets, little-endian scalars
 * as in libsodium and the RFC; outputs 64 octets.  Every element and
 * scalar that comes from outside goes through voprf_element_ok and
 * voprf_scalar_ok (voprf-notes: libsodium 1.0.18 accepts the identity,
 * ignores the top bit and reduces scalars silently). */
#ifndef VOPRF_H
#define VOPRF_H

#include <stddef.h>

#define VOPRF_ELEM	32
#define VOPRF_SCALAR	32
#define VOPRF_PROOF	64	/* c || s */
#define VOPRF_OUT	64	/* Finalize's SHA-512 */
#define VOPRF_BATCH_MAX	16	/* RUNE's batch bound (A3) */

/* 1: e is a canonical ristretto255 encoding, top bit clear, not the
 * identity; 0 otherwise */
int voprf_element_ok(unsigned char const e[VOPRF_ELEM]);

/* 1: s is below the group order L; 0 otherwise */
int voprf_scalar_ok(unsigned char const s[VOPRF_SCALAR]);

/* a uniformly random non-zero scalar */
void voprf_random_scalar(unsigned char r[VOPRF_SCALAR]);

/* DeriveKeyPair(seed, info) of RFC 9497 3.2.1; 1 ok, 0 failed */
int voprf_derive_key(unsigned char sk[VOPRF_SCALAR],
    unsigned char pk[VOPRF_ELEM], unsigned char const seed[32],
    unsigned char const *info, size_t infolen);

/* Blind(x) with the blind r (from voprf_random_scalar, or a test
 * vector's): B = r * HashToGroup(x).  1 ok; 0 x maps to the identity or r
 * is zero */
int voprf_blind(unsigned char B[VOPRF_ELEM],
    unsigned char const r[VOPRF_SCALAR], unsigned char const *x,
    size_t xlen);

/* BlindEvaluate with one batched proof: Z[i] = sk * B[i] for i < n, proof
 * = GenerateProof(sk, G, pk, B, Z) with the random scalar rp (NULL: a
 * fresh one, always except for test vectors).  The B[i] must have passed
 * voprf_element_ok.  1 ok, 0 n out of range or a group operation failed */
int voprf_blind_evaluate(unsigned char Z[][VOPRF_ELEM],
    unsigned char proof[VOPRF_PROOF], unsigned char const sk[VOPRF_SCALAR],
    unsigned char const pk[VOPRF_ELEM], unsigned char const B[][VOPRF_ELEM],
    size_t n, unsigned char const *rp);

/* VerifyProof(G, pk, B, Z, proof) for a batch of n; checks pk, every Z[i]
 * and both scalars of the proof strictly first.  1 the proof holds, 0
 * otherwise */
int voprf_verify(unsigned char const pk[VOPRF_ELEM],
    unsigned char const B[][VOPRF_ELEM], unsigned char const Z[][VOPRF_ELEM],
    size_t n, unsigned char const proof[VOPRF_PROOF]);

/* Finalize: N = r^-1 * Z, y = SHA-512(len(x) || x || 32 || N ||
 * "Finalize"); N is also returned when N_out is not NULL.  1 ok, 0 r is
 * zero or Z is not a valid element */
int voprf_finalize(unsigned char y[VOPRF_OUT], unsigned char *N_out,
    unsigned char const *x, size_t xlen, unsigned char const r[VOPRF_SCALAR],
    unsigned char const Z[VOPRF_ELEM]);

/* the server's direct evaluation of x (for a token being redeemed):
 * y' = SHA-512(len(x) || x || 32 || sk * HashToGroup(x) || "Finalize");
 * 1 ok, 0 x maps to the identity */
int voprf_evaluate(unsigned char y[VOPRF_OUT],
    unsigned char const sk[VOPRF_SCALAR], unsigned char const *x,
    size_t xlen);

#endif
