/* envstream.h: the stored blob of section 10 (as envelope_make makes it,
 * or envelope2_make for version 2)
 * built from a client blob that is never in memory whole: the caller
 * keeps the blob elsewhere (a spool file) and feeds it in chunks, once
 * per pass:
 *
 *   1. envstream_begin, then every chunk to envstream_nonce (r of
 *      Ed25519, hashed over the vsig frame);
 *   2. envstream_hram_begin, every chunk to envstream_hram, then
 *      envstream_sign_end (k and S: vsig; the env header);
 *   3. envstream_seal_begin (an ephemeral key: the seal's nonce and key),
 *      envstream_crypt_begin(e, 1), every chunk to envstream_crypt (the
 *      ciphertext goes only into the MAC), envstream_mac_end;
 *   4. envstream_crypt_begin(e, 0), whose out[RUNE_STORED_HDR] is the
 *      start of the stored blob (epk, MAC, the env header encrypted), then
 *      every chunk through envstream_crypt, whose output follows it.
 *
 * Ed25519 here is libsodium's deterministic signature computed from its
 * parts (t/141 checks it against crypto_sign_detached), the seal is
 * crypto_box_seal's construction (X25519, XSalsa20-Poly1305, the nonce
 * BLAKE2b(epk || pk)), so a stored blob made here is one envelope_make
 * (envelope2_make) could have made: same env, another ephemeral key. */
#ifndef ENVSTREAM_H
#define ENVSTREAM_H

#include <stddef.h>
#include <stdint.h>

#include <sodium.h>

#include "addr.h"
#include "edstream.h"
#include "frame.h"
#include "rune.h"

/* octets of the stored blob before the encrypted client blob: epk, MAC
 * and the env header encrypted */
#define RUNE_STORED_HDR	(32 + 16 + RUNE_ENV_HDR)

struct envstream {
	struct edstream sig;	/* vsig, in two passes: secret */
	unsigned char hdr[FRAME_ENVELOPE_HDR_MAX];	/* the vsig frame's head */
	size_t hlen;
	unsigned char env[RUNE_ENV_HDR];	/* version vsig time sender101 */
	unsigned char version;	/* RUNE_VERSION_OCTET or RUNE2_VERSION_OCTET */
	unsigned char epk[32], key[32], nonce[24], mac[16];
	crypto_onetimeauth_poly1305_state p;
	uint64_t pos;		/* of the keystream */
	int mac_only;
};

/* pass 1 starts: version RUNE_VERSION_OCTET (an env, under "RUNE-1
 * envelope", as envelope_make) or RUNE2_VERSION_OCTET (an env2, under
 * "RUNE-2 envelope", as envelope2_make: sender NULL for an anonymous
 * send, sender101 all zeros); receiver and sender canonical; 1 ok, 0 an
 * address too long for its frame, another version, or a NULL sender in
 * version 1 (errno EINVAL) */
int envstream_begin(struct envstream *e, unsigned char version,
    struct addr const *receiver, struct addr const *sender, uint64_t time,
    unsigned char const server_sk[RUNE_SK_LEN]);
void envstream_nonce(struct envstream *e, unsigned char const *p, size_t n);

/* pass 2 */
void envstream_hram_begin(struct envstream *e);
void envstream_hram(struct envstream *e, unsigned char const *p, size_t n);
void envstream_sign_end(struct envstream *e);

/* pass 3: 1 ok, 0 receiver_pk does not convert (errno EINVAL) */
int envstream_seal_begin(struct envstream *e,
    unsigned char const receiver_pk[RUNE_PK_LEN]);
/* passes 3 (mac_only 1) and 4; in pass 4 out gets the stored blob's
 * first RUNE_STORED_HDR octets */
void envstream_crypt_begin(struct envstream *e, int mac_only,
    unsigned char out[RUNE_STORED_HDR]);
/* out[0..n) = the chunk p[0..n) encrypted (out may be p) */
void envstream_crypt(struct envstream *e, unsigned char *out,
    unsigned char const *p, size_t n);
void envstream_mac_end(struct envstream *e);

/* wipes what e holds */
void envstream_wipe(struct envstream *e);

#endif
