/* msg2stream.c: building a blob2 (doc/protocol-v2.md 1.5) in passes over
 * its payload (msg2stream.h): ssig2 with lib/edstream.c, the AEAD with
 * lib/xcpstream.c; the keys and frames as lib/msg2.c makes them. */
#include <errno.h>
#include <string.h>

#include <sodium.h>

#include "edstream.h"
#include "frame.h"
#include "msg2stream.h"
#include "num.h"
#include "padme.h"
#include "xcpstream.h"

int
msg2src_mem(void *arg, uint64_t off, unsigned char *p, size_t k)
{
	memcpy(p, (unsigned char const *)arg + off, k);
	return 1;
}

/* every octet of the payload to the signer */
static int
sign_pass(struct edstream *ed, struct msg2src const *src, unsigned char *buf)
{
	uint64_t at;
	size_t k;

	for (at = 0; at < src->n; at += k) {
		k = src->n - at < MSG2STREAM_CHUNK ? (size_t)(src->n - at) :
		    MSG2STREAM_CHUNK;
		if (!src->read(src->arg, at, buf, k))
			return 0;
		edstream_update(ed, buf, k);
	}
	return 1;
}

int
msg2src_sign(unsigned char sig[RUNE_SIG_LEN],
    unsigned char const sk[RUNE_SK_LEN], unsigned char const *hdr, size_t h,
    struct msg2src const *src, unsigned char buf[MSG2STREAM_CHUNK])
{
	struct edstream ed;
	int err;

	edstream_begin(&ed, sk);
	edstream_update(&ed, hdr, h);
	if (!sign_pass(&ed, src, buf))
		goto fail;
	edstream_hram_begin(&ed);
	edstream_update(&ed, hdr, h);
	if (!sign_pass(&ed, src, buf))
		goto fail;
	edstream_end(&ed, sig);
	return 1;
fail:
	err = errno;
	sodium_memzero(&ed, sizeof ed);
	errno = err;
	return 0;
}

size_t
msg2src_inner(unsigned char buf[MSG2STREAM_CHUNK], struct msg2src const *src,
    unsigned char const *ihdr, size_t hl, uint64_t ilen, uint64_t *q)
{
	size_t f = 0, k;

	while (f < MSG2STREAM_CHUNK && *q < ilen) {
		if (*q < hl) {
			k = hl - (size_t)*q;
			if (k > MSG2STREAM_CHUNK - f)
				k = MSG2STREAM_CHUNK - f;
			memcpy(buf + f, ihdr + *q, k);
		} else if (*q < hl + src->n) {
			uint64_t off = *q - hl;

			k = src->n - off < MSG2STREAM_CHUNK - f ?
			    (size_t)(src->n - off) : MSG2STREAM_CHUNK - f;
			if (!src->read(src->arg, off, buf + f, k))
				return 0;
		} else {
			k = ilen - *q < MSG2STREAM_CHUNK - f ?
			    (size_t)(ilen - *q) : MSG2STREAM_CHUNK - f;
			memset(buf + f, 0, k);
		}
		f += k;
		*q += k;
	}
	return f;
}

int
msg2stream_begin(struct msg2stream *s, struct msg2src const *src,
    uint64_t blobmax, struct msg2_from const *from,
    struct msg2_to const *to, unsigned char const e_in[RUNE2_X_LEN])
{
	unsigned char k[7][RUNE2_X_LEN], e[RUNE2_X_LEN];
	unsigned char hdr[FRAME2_MESSAGE_HDR_MAX], buf[MSG2STREAM_CHUNK];
	unsigned char ssig[RUNE_SIG_LEN];
	size_t h;
	int ok = 0, err = EINVAL;

	memset(s, 0, sizeof *s);
	s->bsize = src->n <= UINT32_MAX ? padme_blob2_size(src->n) : 0;
	if (s->bsize == 0 || s->bsize > blobmax) {
		errno = EMSGSIZE;
		return 0;
	}
	s->n = src->n;
	s->ilen = s->bsize - RUNE2_BLOB_EXTRA;
	if (e_in != NULL)
		memcpy(e, e_in, sizeof e);
	else
		randombytes_buf(e, sizeof e);
	if (!msg2_agree(k, e, to))
		goto out;
	s->head[0] = RUNE2_VERSION_OCTET;
	memcpy(s->head + 1, k[0], RUNE2_X_LEN);
	memcpy(s->head + 1 + RUNE2_X_LEN, to->spk, RUNE2_X_LEN);
	memcpy(s->head + 1 + 2 * RUNE2_X_LEN, to->opk, RUNE2_X_LEN);
	h = frame2_message_hdr(hdr, sizeof hdr, from->sender->s,
	    from->sender->len, to->receiver->s, to->receiver->len, to->rpk,
	    s->head, from->mode, from->tkh, from->scert);
	if (h == 0 || !msg2_okm(s->okm, to->receiver, k))
		goto out;
	if (!msg2src_sign(ssig, from->sk, hdr, h, src, buf)) {
		err = errno;
		goto out;
	}
	msg2_inner_hdr(s->ihdr, ssig, from, s->n);
	ok = 1;
out:
	sodium_memzero(e, sizeof e);
	sodium_memzero(k, sizeof k);
	sodium_memzero(buf, sizeof buf);
	if (!ok) {
		sodium_memzero(s, sizeof *s);
		errno = err;
	}
	return ok;
}

int
msg2stream_write(struct msg2stream *s, struct msg2src const *src,
    msg2_writer *wr, void *warg)
{
	unsigned char buf[MSG2STREAM_CHUNK], tag[16];
	struct xcpstream x;
	uint64_t q = 0;		/* of inner2: ihdr || payload || zeros */
	int ok = 0, err = 0;

	if (!wr(warg, s->head, sizeof s->head)) {
		err = errno;
		goto out;
	}
	xcpstream_begin(&x, s->okm, s->okm + 32, s->head, sizeof s->head);
	while (q < s->ilen) {
		size_t f = msg2src_inner(buf, src, s->ihdr, sizeof s->ihdr,
		    s->ilen, &q);

		if (f == 0) {
			err = errno;
			goto out;
		}
		xcpstream_crypt(&x, buf, buf, f);
		if (!wr(warg, buf, f)) {
			err = errno;
			goto out;
		}
	}
	xcpstream_end(&x, tag);
	if (!wr(warg, tag, sizeof tag)) {
		err = errno;
		goto out;
	}
	ok = 1;
out:
	sodium_memzero(&x, sizeof x);
	sodium_memzero(buf, sizeof buf);
	sodium_memzero(s, sizeof *s);
	if (!ok)
		errno = err;
	return ok;
}
