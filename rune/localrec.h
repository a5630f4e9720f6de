/* localrec.h: the local record of a v2 message read (v2recv.c's head
 * comment has its layout), made in memory or, for a large message, in
 * passes over the payload's temporary file: the same octets for the same
 * nonce (t/201). */
#ifndef LOCALREC_H
#define LOCALREC_H

#include <stddef.h>
#include <stdint.h>

#include <sodium.h>

#include "buf.h"
#include "home.h"
#include "paytmp.h"
#include "received.h"

#define LOCALREC_MAGIC		"RUNE-2 local"
#define LOCALREC_MAGIC_LEN	13	/* with its NUL */
#define LOCALREC_NONCE		crypto_secretbox_NONCEBYTES
#define LOCALREC_MAC		crypto_secretbox_MACBYTES
#define LOCALREC_PLAIN_HDR	(3 + 8 + RUNE_SENDER101 + RUNE_PK_LEN + \
				    2 * RUNE2_X_LEN + RUNE_ID_LEN)
#define LOCALREC_FS_V1		0
#define LOCALREC_FS_YES		1
#define LOCALREC_FS_DELAYED	2
#define LOCALREC_ANON_NO	0	/* the anonymous octet */
#define LOCALREC_ANON_CHECKED	1	/* tkh named a pinned token key */
#define LOCALREC_ANON_UNCHECKED	2	/* no token key to check tkh with */

/* the record's key from the own secret key */
void localrec_key(unsigned char key[crypto_secretbox_KEYBYTES],
    unsigned char const sk[RUNE_SK_LEN]);

/* plain's head for r (its fields but the payload) */
void localrec_hdr(unsigned char out[LOCALREC_PLAIN_HDR],
    struct received const *r);

/* the record of r (payload r->m.payload) into out, sealed with nonce */
void localrec_make(struct received const *r,
    unsigned char const sk[RUNE_SK_LEN],
    unsigned char const nonce[LOCALREC_NONCE], struct buf *out);

/* the record of r, its payload the n octets of src from off, written
 * atomically as cache/id (0600) without the payload in memory whole;
 * exits 111 on failure */
void localrec_put_fd(struct home const *h, char const *id,
    struct received const *r, unsigned char const sk[RUNE_SK_LEN],
    unsigned char const nonce[LOCALREC_NONCE], struct paytmp *src,
    uint64_t off, uint64_t n);

/* opens the record rec (an open file, rec->n octets) with the own
 * secret key sk in two passes: its tag over the whole ciphertext, then
 * plain decrypted into a new temporary file *plain (from octet 0, its
 * head also into hdr): 1, or 0 (not a record, or it does not open:
 * *plain closed) */
int localrec_open_fd(struct home const *h, struct paytmp *rec,
    unsigned char const sk[RUNE_SK_LEN], struct paytmp *plain,
    unsigned char hdr[LOCALREC_PLAIN_HDR]);

#endif
