/* msgstream.h: the v1 client blob of msg_make (msg.h, doc/protocol.md
 * section 10) for a payload that is never in memory whole (a MAXSIZE
 * message in a temporary file): read through src four times (the two
 * passes of Ed25519's ssig, lib/edstream.c; then the sealed box's
 * Poly1305 tag, which precedes the ciphertext; then the encryption as
 * the blob is written), the blob handed to a writer in pieces of at most
 * MSG2STREAM_CHUNK octets.  The seal is libsodium's crypto_box_seal made
 * in pieces: X25519 with a fresh ephemeral key, the nonce BLAKE2b(epk ||
 * pk), XSalsa20 from keystream octet 32 (crypto_stream_xsalsa20_xor_ic)
 * and Poly1305 keyed by the keystream's first 32 octets.  For the same
 * ephemeral key the octets are msg_make's (t/213). */
#ifndef MSGSTREAM_H
#define MSGSTREAM_H

#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "msg2stream.h"
#include "rune.h"

struct msgstream {
	unsigned char ihdr[RUNE_INNER_HDR];	/* 0x01 ssig len */
	unsigned char epk[32];			/* the seal's ephemeral key */
	unsigned char nonce[24];		/* BLAKE2b(epk || pk) */
	unsigned char k[32];			/* crypto_box_beforenm: secret */
	unsigned char mac[16];			/* Poly1305 of the ciphertext */
	uint64_t n, ilen;
	uint64_t bsize;		/* the blob's octets (SEND's size) */
};

/* ssig over the payload (two reads of src), the seal's keys, its tag (a
 * third read); s->bsize then says the blob's size.  esk: the ephemeral
 * X25519 secret key (NULL: fresh from crypto_box_keypair, as
 * crypto_box_seal draws it).  1 ok; 0 with errno EMSGSIZE (larger than
 * blobmax, or the payload beyond 2^32 - 1), EINVAL (receiver_pk does not
 * convert, a zero DH result), or src's */
int msgstream_begin(struct msgstream *s, struct msg2src const *src,
    uint64_t blobmax, struct addr const *sender,
    unsigned char const sender_sk[RUNE_SK_LEN], struct addr const *receiver,
    unsigned char const receiver_pk[RUNE_PK_LEN],
    unsigned char const esk[32]);

/* the blob: epk, the tag, then src read a fourth time, each piece
 * encrypted and handed to wr as it is made; 1 ok, 0 src's or wr's
 * failure (errno theirs).  Wipes s either way. */
int msgstream_write(struct msgstream *s, struct msg2src const *src,
    msg2_writer *wr, void *warg);

#endif
