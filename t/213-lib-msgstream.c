/* 213-lib-msgstream: the v1 client blob built in passes over its
 * payload (lib/msgstream.c) is msg_make's octet for octet: the same
 * randomness given to both (a deterministic randombytes implementation,
 * rewound before each), so that crypto_box_seal's ephemeral key inside
 * msg_make is the one msgstream_begin draws, and with the ephemeral key
 * given; for payloads of 0, 1 and 2 octets, around the chunk edges
 * (32 KiB pieces of inner, the keystream starting at its octet 32) and
 * of the largest size a 10 MiB MAXSIZE takes; the blob opens
 * (seal_open) to the inner msg_make made; a failing source or writer
 * stops it with its errno; too large is EMSGSIZE; a receiver key that
 * does not convert is EINVAL. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "addr.h"
#include "msg.h"
#include "msgstream.h"
#include "padme.h"
#include "seal.h"
#include "tap.h"
#include "blobtest.h"

#define MAXSIZE 10485760

static struct addr rcpt, from;
static unsigned char ssk[64], rpk[32], rsk[64];

/* the randomness: ChaCha20 under a fixed key, from a counter that the
 * test rewinds */
static unsigned char rkey[crypto_stream_chacha20_KEYBYTES] = { 7 };
static uint64_t rctr;

static void
rbuf(void * const p, size_t const n)
{
	unsigned char nonce[crypto_stream_chacha20_NONCEBYTES] = { 0 };
	size_t i;

	for (i = 0; i < 8; i++)
		nonce[i] = (unsigned char)(rctr >> (8 * i));
	rctr++;
	(void)crypto_stream_chacha20(p, n, nonce, rkey);
}

static uint32_t
rrandom(void)
{
	uint32_t v;

	rbuf(&v, sizeof v);
	return v;
}

static char const *
rname(void)
{
	return "t213";
}

static void
rstir(void)
{
}

static int
rclose(void)
{
	return 0;
}

static struct randombytes_implementation rimpl = {
	rname, rrandom, rstir, NULL, rbuf, rclose
};

static void
one(size_t n)
{
	unsigned char *pay = malloc(n + 1), *b1 = malloc(MAXSIZE);
	unsigned char *in1 = malloc(MAXSIZE), *in2 = malloc(MAXSIZE);
	unsigned char esk[32];
	struct msg2src src = { n, msg2src_mem, pay };
	struct sink sk = { malloc(MAXSIZE), 0, MAXSIZE, 0, 0 };
	struct msgstream s;
	uint64_t at;
	size_t l1 = 0;

	if (pay == NULL || b1 == NULL || sk.p == NULL || in1 == NULL ||
	    in2 == NULL)
		bail("out of memory");
	randombytes_buf(pay, n);
	at = rctr;
	ok(msg_make(b1, MAXSIZE, &l1, pay, n, &from, ssk, &rcpt, rpk),
	    "%zu octets: msg_make", n);
	rctr = at;	/* the same ephemeral key drawn */
	ok(msgstream_begin(&s, &src, MAXSIZE, &from, ssk, &rcpt, rpk, NULL),
	    "%zu: begin", n);
	is_u64(s.bsize, l1, "%zu: the size is msg_make's", n);
	ok(msgstream_write(&s, &src, collect, &sk), "%zu: write", n);
	is_bytes(sk.p, sk.len, b1, l1, "%zu octets: msg_make's blob", n);
	/* the ephemeral key given: the key msg_make drew */
	rctr = at;
	randombytes_buf(esk, sizeof esk);
	sk.len = 0;
	ok(msgstream_begin(&s, &src, MAXSIZE, &from, ssk, &rcpt, rpk, esk) &&
	    msgstream_write(&s, &src, collect, &sk), "%zu: with esk", n);
	is_bytes(sk.p, sk.len, b1, l1, "%zu octets, esk given: msg_make's "
	    "blob", n);
	ok(l1 >= 48 && seal_open(in1, b1, l1, rsk) &&
	    seal_open(in2, sk.p, sk.len, rsk) &&
	    memcmp(in1, in2, l1 - 48) == 0 && in2[0] == 1,
	    "%zu: it opens to msg_make's inner", n);
	free(pay);
	free(b1);
	free(in1);
	free(in2);
	free(sk.p);
}

int
main(void)
{
	size_t const C = MSG2STREAM_CHUNK, H = RUNE_INNER_HDR;
	size_t sizes[] = { 0, 1, 2, 31, 32, 33, C - H - 32, C - H - 1, C - H,
	    C - H + 1, C - 1, C, C + 1, 2 * C - H, 2 * C - H + 1, 100003, 0 };
	size_t i, nmax;

	if (randombytes_set_implementation(&rimpl) != 0 || sodium_init() < 0)
		bail("sodium_init");
	if (!addr_parse(&rcpt, "bob@runetest", 12) ||
	    !addr_parse(&from, "alice@runetest", 14))
		bail("addr_parse");
	crypto_sign_keypair(rpk, rsk);
	{
		unsigned char spk[32];

		crypto_sign_keypair(spk, ssk);
	}
	/* the largest payload whose blob MAXSIZE takes */
	nmax = largest_payload(padme_blob_size, MAXSIZE);
	sizes[sizeof sizes / sizeof *sizes - 1] = nmax;
	diag("the largest payload for MAXSIZE %d: %zu octets (blob %llu)",
	    MAXSIZE, nmax, (unsigned long long)padme_blob_size(nmax));
	for (i = 0; i < sizeof sizes / sizeof *sizes; i++)
		one(sizes[i]);
	/* what stops it */
	{
		unsigned char pay[100] = { 0 };
		struct msg2src src = { sizeof pay, msg2src_mem, pay };
		struct msg2src bad = { sizeof pay, badread, NULL };
		struct sink sk = { malloc(MAXSIZE), 0, MAXSIZE, 0, 2 };
		struct msgstream s;

		if (sk.p == NULL)
			bail("out of memory");
		errno = 0;
		ok(!msgstream_begin(&s, &src, padme_blob_size(100) - 1, &from,
		    ssk, &rcpt, rpk, NULL) && errno == EMSGSIZE,
		    "one octet over blobmax: EMSGSIZE");
		errno = 0;
		ok(!msgstream_begin(&s, &bad, MAXSIZE, &from, ssk, &rcpt, rpk,
		    NULL) && errno == EIO, "a source that fails in the "
		    "signing: its errno");
		ok(msgstream_begin(&s, &src, MAXSIZE, &from, ssk, &rcpt, rpk,
		    NULL), "begin");
		errno = 0;
		ok(!msgstream_write(&s, &src, collect, &sk) && errno == EPIPE,
		    "a writer that fails: its errno");
		ok(msgstream_begin(&s, &src, MAXSIZE, &from, ssk, &rcpt, rpk,
		    NULL), "begin");
		errno = 0;
		ok(!msgstream_write(&s, &bad, collect, &sk) && errno == EIO,
		    "a source that fails in the encryption: its errno");
		memset(rpk, 0, sizeof rpk);	/* not a point */
		rpk[0] = 2;
		errno = 0;
		ok(!msgstream_begin(&s, &src, MAXSIZE, &from, ssk, &rcpt, rpk,
		    NULL) && errno == EINVAL, "a receiver key that does not "
		    "convert: EINVAL");
		free(sk.p);
	}
	return done();
}
