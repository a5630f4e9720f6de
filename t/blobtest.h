/* blobtest.h: what the tests of the streamed blobs share (t/177,
 * lib/msg2stream.c; t/213, lib/msgstream.c): a writer that collects the
 * blob and can fail, a source that fails, and the largest payload a
 * MAXSIZE takes.  Header-only, as tap.h (one test is one translation
 * unit); include after tap.h. */
#ifndef BLOBTEST_H
#define BLOBTEST_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "msg2stream.h"

/* the blob collected into p[0..len) of max; the failat-th call fails
 * with EPIPE (0: none) */
struct sink {
	unsigned char *p;
	size_t len, max, calls, failat;
};

/* a msg2_writer into a struct sink; bails on a piece larger than
 * MSG2STREAM_CHUNK or than the room left */
static inline int
collect(void *arg, unsigned char const *p, size_t k)
{
	struct sink *s = arg;

	if (++s->calls == s->failat) {
		errno = EPIPE;
		return 0;
	}
	if (k > MSG2STREAM_CHUNK || k > s->max - s->len)
		bail("writer: a piece of %zu octets, %zu left", k,
		    s->max - s->len);
	memcpy(s->p + s->len, p, k);
	s->len += k;
	return 1;
}

/* a msg2src read that fails with EIO */
static inline int
badread(void *arg, uint64_t off, unsigned char *p, size_t k)
{
	(void)arg;
	(void)off;
	(void)p;
	(void)k;
	errno = EIO;
	return 0;
}

/* the largest payload whose blob (size: padme_blob_size or
 * padme_blob2_size) max takes */
static inline size_t
largest_payload(uint64_t (*size)(uint64_t), size_t max)
{
	size_t lo = 0, hi = max;

	while (lo < hi) {
		size_t mid = lo + (hi - lo + 1) / 2;

		if (size(mid) != 0 && size(mid) <= max)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

#endif
