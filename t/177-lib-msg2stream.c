/* 177-lib-msg2stream: the blob2 built in passes over its payload
 * (lib/msg2stream.c) is msg2_make's octet for octet for the same
 * ephemeral key, identified (mode 0x00, tkh zeros) and anonymous (0x01
 * with a tkh), with and without a one-time key, for payloads of 0 and 1
 * octets, around the chunk edges and of the largest size a 10 MiB
 * MAXSIZE takes; its parts (lib/edstream.c against crypto_sign_detached,
 * lib/xcpstream.c against the one-shot AEAD) for chunks of every awkward
 * size; a failing source or writer stops it with its errno. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "addr.h"
#include "edstream.h"
#include "msg2.h"
#include "msg2stream.h"
#include "padme.h"
#include "tap.h"
#include "blobtest.h"
#include "xcpstream.h"

#define MAXSIZE 10485760

static struct addr rcpt, from;
static unsigned char ssk[64], rpk[32], rsk[64], spk[32], opk[32];
static unsigned char scert[RUNE2_SCERT_LEN], tkh[RUNE2_TKH_LEN];

static void
one(size_t n, int anon, int onetime)
{
	unsigned char *pay = malloc(n + 1), *b1 = malloc(MAXSIZE);
	unsigned char e[RUNE2_X_LEN], zero[RUNE2_TKH_LEN] = { 0 };
	unsigned char noopk[32] = { 0 };
	struct msg2_from f = { &from, ssk, scert, anon ? RUNE2_MODE_ANONYMOUS
	    : RUNE2_MODE_IDENTIFIED, anon ? tkh : zero };
	struct msg2_to t = { &rcpt, rpk, spk, onetime ? opk : noopk };
	struct msg2src src = { n, msg2src_mem, pay };
	struct sink sk = { malloc(MAXSIZE), 0, MAXSIZE, 0, 0 };
	struct msg2stream s;
	size_t l1 = 0;
	char const *m = anon ? "anonymous" : "identified";

	if (pay == NULL || b1 == NULL || sk.p == NULL)
		bail("out of memory");
	randombytes_buf(pay, n);
	randombytes_buf(e, sizeof e);
	ok(msg2_make(b1, MAXSIZE, &l1, pay, n, &f, &t, e),
	    "%s, %zu octets%s: msg2_make", m, n, onetime ? "" : ", no OPK");
	ok(msg2stream_begin(&s, &src, MAXSIZE, &f, &t, e), "%zu: begin", n);
	is_u64(s.bsize, l1, "%zu: the size is msg2_make's", n);
	ok(msg2stream_write(&s, &src, collect, &sk), "%zu: write", n);
	is_bytes(sk.p, sk.len, b1, l1, "%s, %zu octets: the same blob2", m, n);
	free(pay);
	free(b1);
	free(sk.p);
}

/* edstream and xcpstream fed in chunks of the sizes in steps, cycling */
static void
parts(size_t n, size_t const *steps, size_t nsteps)
{
	unsigned char *m = malloc(n + 1), *c1 = malloc(n + 16);
	unsigned char *c2 = malloc(n + 16), sig1[64], sig2[64], key[32];
	unsigned char nonce[24], ad[97];
	struct edstream ed;
	struct xcpstream x;
	size_t at, i, k, adlen = n % 98;
	int pass;

	if (m == NULL || c1 == NULL || c2 == NULL)
		bail("out of memory");
	randombytes_buf(m, n);
	randombytes_buf(key, sizeof key);
	randombytes_buf(nonce, sizeof nonce);
	randombytes_buf(ad, sizeof ad);
	crypto_sign_detached(sig1, NULL, m, n, ssk);
	edstream_begin(&ed, ssk);
	for (pass = 0; pass < 2; pass++) {
		if (pass == 1)
			edstream_hram_begin(&ed);
		for (at = 0, i = pass; at < n; at += k) {
			k = steps[i++ % nsteps];
			k = k < n - at ? k : n - at;
			edstream_update(&ed, m + at, k);
		}
	}
	edstream_end(&ed, sig2);
	is_bytes(sig2, 64, sig1, 64, "edstream, %zu octets: "
	    "crypto_sign_detached's signature", n);
	(void)crypto_aead_xchacha20poly1305_ietf_encrypt(c1, NULL, m, n, ad,
	    adlen, NULL, nonce, key);
	xcpstream_begin(&x, key, nonce, ad, adlen);
	for (at = 0, i = 0; at < n; at += k) {
		k = steps[i++ % nsteps];
		k = k < n - at ? k : n - at;
		memcpy(c2 + at, m + at, k);
		xcpstream_crypt(&x, c2 + at, c2 + at, k);
	}
	xcpstream_end(&x, c2 + n);
	is_bytes(c2, n + 16, c1, n + 16, "xcpstream, %zu octets, ad %zu: "
	    "the one-shot AEAD's octets and tag", n, adlen);
	free(m);
	free(c1);
	free(c2);
}

int
main(void)
{
	static size_t const odd[] = { 1, 63, 64, 65, 31, 33, 4096, 127, 7 };
	static size_t const big[] = { 65536 };
	size_t const C = MSG2STREAM_CHUNK, H = RUNE2_INNER_HDR;
	size_t sizes[] = { 0, 1, 2, C - H - 1, C - H, C - H + 1, C - 1, C,
	    C + 1, 2 * C - H, 2 * C - H + 1, 100003, 0 };
	size_t i, nmax;

	if (sodium_init() < 0)
		bail("sodium_init");
	if (!addr_parse(&rcpt, "bob@runetest", 12) ||
	    !addr_parse(&from, "alice@runetest", 14))
		bail("addr_parse");
	crypto_sign_keypair(rpk, rsk);
	crypto_sign_keypair(spk, ssk);	/* spk: any 32 octets will do */
	randombytes_buf(opk, sizeof opk);
	crypto_scalarmult_base(opk, opk);
	crypto_scalarmult_base(spk, ssk);
	randombytes_buf(scert, sizeof scert);
	randombytes_buf(tkh, sizeof tkh);
	/* the largest payload whose blob2 MAXSIZE takes */
	nmax = largest_payload(padme_blob2_size, MAXSIZE);
	sizes[sizeof sizes / sizeof *sizes - 1] = nmax;
	diag("the largest payload for MAXSIZE %d: %zu octets (blob2 %llu)",
	    MAXSIZE, nmax, (unsigned long long)padme_blob2_size(nmax));
	for (i = 0; i < sizeof sizes / sizeof *sizes; i++) {
		one(sizes[i], 0, 1);
		one(sizes[i], 1, 1);
	}
	one(1000, 0, 0);
	one(1000, 1, 0);
	for (i = 0; i < 12; i++) {
		size_t n = i < 6 ? i * 31 : 64 * i + i % 3;

		parts(n, odd, sizeof odd / sizeof *odd);
	}
	parts(200003, odd, sizeof odd / sizeof *odd);
	parts(200003, big, 1);
	/* what stops it */
	{
		unsigned char pay[100] = { 0 }, zero[32] = { 0 };
		struct msg2_from f = { &from, ssk, scert,
		    RUNE2_MODE_IDENTIFIED, zero };
		struct msg2_to t = { &rcpt, rpk, spk, opk };
		struct msg2src src = { sizeof pay, msg2src_mem, pay };
		struct msg2src bad = { sizeof pay, badread, NULL };
		struct sink sk = { malloc(MAXSIZE), 0, MAXSIZE, 0, 2 };
		struct msg2stream s;

		if (sk.p == NULL)
			bail("out of memory");
		errno = 0;
		ok(!msg2stream_begin(&s, &src, padme_blob2_size(100) - 1, &f,
		    &t, NULL) && errno == EMSGSIZE, "one octet over blobmax: "
		    "EMSGSIZE");
		errno = 0;
		ok(!msg2stream_begin(&s, &bad, MAXSIZE, &f, &t, NULL) &&
		    errno == EIO, "a source that fails in the signing: its "
		    "errno");
		ok(msg2stream_begin(&s, &src, MAXSIZE, &f, &t, NULL),
		    "begin");
		errno = 0;
		ok(!msg2stream_write(&s, &src, collect, &sk) && errno == EPIPE,
		    "a writer that fails: its errno");
		ok(msg2stream_begin(&s, &src, MAXSIZE, &f, &t, NULL),
		    "begin");
		errno = 0;
		ok(!msg2stream_write(&s, &bad, collect, &sk) && errno == EIO,
		    "a source that fails in the encryption: its errno");
		memset(rpk, 0, sizeof rpk);	/* not a point */
		rpk[0] = 2;
		ok(!msg2stream_begin(&s, &src, MAXSIZE, &f, &t, NULL) &&
		    errno == EINVAL, "a receiver key that does not convert: "
		    "EINVAL");
		free(sk.p);
	}
	return done();
}
