/* msg2stream.h: the blob2 of msg2_make (msg2.h) for a payload that is
 * never in memory whole (a MAXSIZE message in a temporary file): read
 * through src three times (the two passes of Ed25519's ssig2, then the
 * encryption), the blob handed to a writer in pieces of at most
 * MSG2STREAM_CHUNK octets as it is made.  For the same e the octets are
 * msg2_make's (t/177). */
#ifndef MSG2STREAM_H
#define MSG2STREAM_H

#include <stddef.h>
#include <stdint.h>

#include "msg2.h"
#include "rune.h"

#define MSG2STREAM_CHUNK	32768

/* the payload: n octets, read at offset off into p[0..k); 1 ok, 0 an
 * error (errno set) */
struct msg2src {
	uint64_t n;
	int (*read)(void *arg, uint64_t off, unsigned char *p, size_t k);
	void *arg;
};

/* Ed25519's signature (crypto_sign_detached's, RFC 8032) over hdr[0..h)
 * || the payload, made with lib/edstream.c in its two passes, each
 * reading src whole in pieces of buf; 1 ok, 0 src's failure (errno its).
 * What both streamed blobs sign: msg2stream's ssig2, msgstream's ssig */
int msg2src_sign(unsigned char sig[RUNE_SIG_LEN],
    unsigned char const sk[RUNE_SK_LEN], unsigned char const *hdr, size_t h,
    struct msg2src const *src, unsigned char buf[MSG2STREAM_CHUNK]);

/* the next piece of an inner (ihdr[0..hl) || the payload read through
 * src || zeros up to ilen octets) from its octet *q into buf, *q
 * advanced past it: its length (1 to MSG2STREAM_CHUNK; *q < ilen), 0 on
 * src's failure (errno its).  What both streamed blobs encrypt */
size_t msg2src_inner(unsigned char buf[MSG2STREAM_CHUNK],
    struct msg2src const *src, unsigned char const *ihdr, size_t hl,
    uint64_t ilen, uint64_t *q);

/* receives the blob in order; 1 ok, 0 stop (errno set) */
typedef int msg2_writer(void *arg, unsigned char const *p, size_t k);

struct msg2stream {
	unsigned char head[RUNE2_HEAD_LEN];	/* 0x02 E SPK OPK */
	unsigned char ihdr[RUNE2_INNER_HDR];	/* 0x02 ssig2 scert mode
						 * tkh len */
	unsigned char okm[RUNE2_OKM_LEN];	/* key, nonce: secret */
	uint64_t n, ilen;
	uint64_t bsize;		/* the blob's octets (SEND's size) */
};

/* ssig2 over the payload (two reads of src), the keys of to; s->bsize
 * then says the blob's size.  e as msg2_make's (NULL: fresh).  1 ok; 0
 * with errno EMSGSIZE (larger than blobmax, or the payload beyond
 * 2^32 - 1), EINVAL (a key does not convert, a DH result is zero), or
 * src's */
int msg2stream_begin(struct msg2stream *s, struct msg2src const *src,
    uint64_t blobmax, struct msg2_from const *from,
    struct msg2_to const *to, unsigned char const e[RUNE2_X_LEN]);

/* the blob: src read a third time, each piece to wr as it is made; 1
 * ok, 0 src's or wr's failure (errno theirs).  Wipes s either way. */
int msg2stream_write(struct msg2stream *s, struct msg2src const *src,
    msg2_writer *wr, void *warg);

/* a source over p[0..n) in memory: arg is p */
int msg2src_mem(void *arg, uint64_t off, unsigned char *p, size_t k);

#endif
