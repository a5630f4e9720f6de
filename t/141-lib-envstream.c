/* 141-lib-envstream: the stored blob built in passes (lib/envstream.c) is
 * one envelope_make (envelope2_make for version 2, with a sender or
 * anonymous) could have made: opened with the receiver's key, its
 * env is envelope_make's octet for octet (Ed25519 is deterministic), for
 * blob sizes around the chunk and keystream block edges and chunks of
 * every awkward size; a tampered byte does not open. */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "addr.h"
#include "envelope.h"
#include "envstream.h"
#include "seal.h"
#include "tap.h"

static struct addr rcpt, from;
static unsigned char ssk[64], spk[32], rsk[64], rpk[32];

/* feeds blob[0..n) to fn in chunks of the sizes in steps, cycling */
static void
feed(struct envstream *e, unsigned char const *blob, size_t n,
    size_t const *steps, size_t nsteps, int pass, unsigned char *out)
{
	size_t i = 0, at = 0;

	while (at < n) {
		size_t k = steps[i++ % nsteps];

		if (k > n - at)
			k = n - at;
		if (pass == 1)
			envstream_nonce(e, blob + at, k);
		else if (pass == 2)
			envstream_hram(e, blob + at, k);
		else if (pass == 3)
			envstream_crypt(e, out, blob + at, k);
		else {
			memcpy(out + at, blob + at, k);
			envstream_crypt(e, out + at, out + at, k);
		}
		at += k;
	}
}

/* version 1 from "from", or 2 from "from" or (anon) from no one */
static void
one(unsigned char version, int anon, size_t n, size_t const *steps,
    size_t nsteps)
{
	size_t room = envelope_prefix_room(), slen = n + RUNE_STORED_EXTRA;
	unsigned char *buf = malloc(room + n), *blob = malloc(n);
	unsigned char *s1 = malloc(slen), *s2 = malloc(slen);
	unsigned char *o1 = malloc(slen), *o2 = malloc(slen);
	unsigned char *scratch = malloc(n + 1), id1[32], id2[32];
	struct envstream e;
	uint64_t t = 1764892800;

	if (!buf || !blob || !s1 || !s2 || !o1 || !o2 || !scratch)
		bail("out of memory");
	randombytes_buf(blob, n);
	blob[0] = version;
	memcpy(buf + room, blob, n);
	if (version == RUNE_VERSION_OCTET)
		ok(envelope_make(s1, id1, buf, room, n, &rcpt, rpk, &from, t,
		    ssk), "v1, %zu octets: envelope_make", n);
	else
		ok(envelope2_make(s1, id1, buf, room, n, &rcpt, rpk,
		    anon ? NULL : &from, t, ssk),
		    "v2%s, %zu octets: envelope2_make", anon ? " anon" : "", n);
	ok(envstream_begin(&e, version, &rcpt, anon ? NULL : &from, t, ssk),
	    "%zu: begin", n);
	feed(&e, blob, n, steps, nsteps, 1, NULL);
	envstream_hram_begin(&e);
	feed(&e, blob, n, steps, nsteps, 2, NULL);
	envstream_sign_end(&e);
	ok(envstream_seal_begin(&e, rpk), "%zu: seal_begin", n);
	envstream_crypt_begin(&e, 1, NULL);
	feed(&e, blob, n, steps, nsteps, 3, scratch);
	envstream_mac_end(&e);
	envstream_crypt_begin(&e, 0, s2);
	feed(&e, blob, n, steps, nsteps, 4, s2 + RUNE_STORED_HDR);
	envstream_wipe(&e);
	envelope_id(id2, s2, slen);
	ok(seal_open(o1, s1, slen, rsk), "%zu: envelope_make's opens", n);
	ok(seal_open(o2, s2, slen, rsk), "%zu: the streamed one opens", n);
	is_bytes(o2, slen - RUNE_SEAL_LEN, o1, slen - RUNE_SEAL_LEN,
	    "%zu: the same env, vsig included", n);
	ok(o2[0] == version, "%zu: the env's version octet is %d", n, version);
	ok(memcmp(id1, id2, 32) != 0, "%zu: another seal (another id)", n);
	s2[slen / 2] ^= 1;
	ok(!seal_open(o2, s2, slen, rsk), "%zu: a flipped bit: no open", n);
	free(buf);
	free(blob);
	free(s1);
	free(s2);
	free(o1);
	free(o2);
	free(scratch);
}

int
main(void)
{
	static size_t const big[] = { 65536 };
	static size_t const odd[] = { 1, 63, 64, 65, 31, 33, 4096, 127, 7 };
	static size_t const sizes[] = { 1072, 1073, 1103, 1104, 1105, 4096,
	    65535, 65536, 65537, 200003 };
	size_t i;

	if (sodium_init() < 0)
		bail("sodium_init");
	if (!addr_parse(&rcpt, "bob@runetest", 12) ||
	    !addr_parse(&from, "alice@runetest", 14))
		bail("addr_parse");
	crypto_sign_keypair(spk, ssk);
	crypto_sign_keypair(rpk, rsk);
	for (i = 0; i < sizeof sizes / sizeof *sizes; i++) {
		one(RUNE_VERSION_OCTET, 0, sizes[i], big, 1);
		one(RUNE_VERSION_OCTET, 0, sizes[i], odd,
		    sizeof odd / sizeof *odd);
		one(RUNE2_VERSION_OCTET, 0, sizes[i], big, 1);
		one(RUNE2_VERSION_OCTET, 1, sizes[i], odd,
		    sizeof odd / sizeof *odd);
	}
	/* what begin refuses: another version; no sender in version 1 */
	{
		struct envstream e;

		ok(!envstream_begin(&e, 3, &rcpt, &from, 1, ssk),
		    "version 3: refused");
		ok(!envstream_begin(&e, RUNE_VERSION_OCTET, &rcpt, NULL, 1,
		    ssk), "version 1 with no sender: refused");
		envstream_wipe(&e);
	}
	return done();
}
