/* 18-lib-prekeyset: one address's prekey records on the server
 * (doc/protocol-v2.md 3.2, PK-P1, PK-P2, PK-N1, PK-N2, PK-N3): the
 * upload's all-or-nothing checks, the fetch that hands out each one-time
 * record once and the last-resort record alone when asked (A6), expiry,
 * the file round trip and hostile files. */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "addr.h"
#include "prekey.h"
#include "prekeyset.h"
#include "tap.h"

#define NOW 1800000000ULL
#define DAY 86400ULL

static unsigned char pk[32], sk[64], opk[32], osk[64];
static struct addr bob, alice;

/* a record of kind with a fresh xpk, signed by key for address a */
static void
rec(unsigned char out[RUNE2_PREKEY_LEN], unsigned char kind, uint64_t na,
    struct addr const *a, unsigned char const *key)
{
	struct prekey p;
	unsigned char x[32];

	p.kind = kind;
	randombytes_buf(x, sizeof x);
	if (crypto_scalarmult_base(p.xpk, x) != 0)
		bail("base");
	p.not_after = na;
	if (!prekey_make(out, &p, a, key))
		bail("prekey_make");
}

static int
upload(struct prekeyset *s, unsigned char const *r, size_t n, size_t maxopk)
{
	return prekeyset_upload(s, r, n, &bob, pk, NOW, maxopk);
}

int
main(void)
{
	unsigned char r[12][RUNE2_PREKEY_LEN], last[105], one[105], bad[105];
	unsigned char file[4096];
	struct prekeyset s, t;
	uint64_t lna;
	size_t n, len, i;
	int has, seen;

	if (sodium_init() < 0 || !addr_parse(&bob, "bob@runetest", 12) ||
	    !addr_parse(&alice, "alice@runetest", 14))
		bail("init");
	crypto_sign_keypair(pk, sk);
	crypto_sign_keypair(opk, osk);
	prekeyset_init(&s);

	/* PK-P1: 10 O and 1 L; PREKEYS 0 -> 10 and L's not_after */
	for (i = 0; i < 10; i++)
		rec(r[i], 'O', NOW + 30 * DAY, &bob, sk);
	rec(r[10], 'L', NOW + 14 * DAY, &bob, sk);
	is_u64((uint64_t)upload(&s, r[0], 11, 200), 0, "PK-P1: upload 10 O, 1 L");
	prekeyset_count(&s, NOW, &n, &lna);
	ok(n == 10 && lna == NOW + 14 * DAY, "PREKEYS 0: 10 and L's not_after");

	/* the file round trip */
	len = prekeyset_fmt(&s, file, sizeof file);
	is_u64(len, prekeyset_size(&s), "fmt writes prekeyset_size octets");
	prekeyset_init(&t);
	ok(prekeyset_parse(&t, file, len) == 1 && t.n == 10 && t.has_last &&
	    !t.has_prev && memcmp(t.last, r[10], 105) == 0 &&
	    memcmp(t.one, r[0], 10 * 105) == 0, "parse gives it back");
	prekeyset_free(&t);

	/* PK-P2: 10 fetches, 10 distinct O in upload order; the 11th L only */
	seen = 0;
	for (i = 0; i < 10; i++)
		if (prekeyset_take(&s, NOW, 0, last, one, &has) == 0 && has &&
		    memcmp(one, r[i], 105) == 0 && memcmp(last, r[10], 105) == 0)
			seen++;
	is_u64((uint64_t)seen, 10, "PK-P2: 10 fetches, each O once, in order");
	ok(prekeyset_take(&s, NOW, 0, last, one, &has) == 0 && !has,
	    "the 11th gets L only");

	/* A6: a rate limit reached: L only, the O stays */
	rec(r[0], 'O', NOW + 30 * DAY, &bob, sk);
	is_u64((uint64_t)upload(&s, r[0], 1, 200), 0, "upload one more O");
	ok(prekeyset_take(&s, NOW, 1, last, one, &has) == 0 && !has &&
	    s.n == 1, "over a limit: L only, the O kept (A6)");

	/* PK-N1: every bad record refuses the whole upload */
	prekeyset_count(&s, NOW, &n, &lna);
	rec(r[1], 'O', NOW + DAY, &bob, sk);
	memcpy(bad, r[1], 105);
	bad[104] ^= 1;
	memcpy(r[2], bad, 105);
	is_u64((uint64_t)upload(&s, r[1], 2, 200), 409, "PK-N1: a bad psig");
	rec(r[2], 'O', NOW + DAY, &bob, osk);
	is_u64((uint64_t)upload(&s, r[1], 2, 200), 409, "psig by another key");
	rec(r[2], 'O', NOW + DAY, &alice, sk);
	is_u64((uint64_t)upload(&s, r[1], 2, 200), 409, "psig for another address");
	rec(r[2], 'O', NOW, &bob, sk);
	is_u64((uint64_t)upload(&s, r[1], 2, 200), 409, "not_after = now (expired)");
	rec(r[2], 'O', NOW + 60 * DAY + 1, &bob, sk);
	is_u64((uint64_t)upload(&s, r[1], 2, 200), 409, "not_after past 60 days");
	rec(r[2], 'O', NOW + 60 * DAY, &bob, sk);
	is_u64((uint64_t)upload(&s, r[2], 1, 200), 0, "not_after exactly 60 days: ok");
	memcpy(r[3], r[1], 105);
	is_u64((uint64_t)upload(&s, r[1], 3, 200), 409, "a duplicate in one upload");
	is_u64((uint64_t)upload(&s, r[2], 1, 200), 409, "a duplicate of a stored key");
	memcpy(bad, r[1], 105);
	bad[0] = 'X';
	is_u64((uint64_t)upload(&s, bad, 1, 200), 409, "kind X");
	is_u64((uint64_t)upload(&s, r[1], 0, 200), 409, "no record");
	{
		size_t n2;
		uint64_t l2;

		prekeyset_count(&s, NOW, &n2, &l2);
		is_u64(n2, n + 1, "nothing of the refused uploads stored");
	}

	/* PK-N2: over maxopk -> 420; two L -> 409 */
	rec(r[4], 'O', NOW + DAY, &bob, sk);
	rec(r[5], 'O', NOW + DAY, &bob, sk);
	is_u64((uint64_t)upload(&s, r[4], 2, s.n + 1), 420, "PK-N2: over maxopk: 420");
	is_u64((uint64_t)upload(&s, r[4], 2, s.n + 2), 0, "exactly maxopk: ok");
	rec(r[6], 'L', NOW + DAY, &bob, sk);
	rec(r[7], 'L', NOW + DAY, &bob, sk);
	is_u64((uint64_t)upload(&s, r[6], 2, 200), 409, "two L in one upload");

	/* a new L: the old one kept as previous until its not_after */
	is_u64((uint64_t)upload(&s, r[6], 1, 200), 0, "a new L");
	ok(s.has_prev && memcmp(s.prev, r[10], 105) == 0 &&
	    memcmp(s.last, r[6], 105) == 0, "the old L is the previous one");
	ok(prekeyset_take(&s, NOW, 1, last, one, &has) == 0 &&
	    memcmp(last, r[6], 105) == 0, "only the newest L is handed out");

	/* expiry: past the new L's not_after -> 418 (PK-N3) */
	ok(prekeyset_take(&s, NOW + DAY, 0, last, one, &has) == 418,
	    "PK-N3: no valid L: 418");
	prekeyset_count(&s, NOW + DAY, &n, &lna);
	ok(lna == 0, "PREKEYS 0 says 0 for L");
	{
		struct prekeyset e;

		prekeyset_init(&e);
		ok(prekeyset_take(&e, NOW, 0, last, one, &has) == 418,
		    "no records at all: 418");
		prekeyset_free(&e);
	}

	/* hostile files */
	len = prekeyset_fmt(&s, file, sizeof file);
	ok(prekeyset_fmt(&s, file, len - 1) == 0, "fmt into too little room: 0");
	for (i = 0; i < len; i++) {
		prekeyset_init(&t);
		if (prekeyset_parse(&t, file, i) == 1 && i % 105 != 2) {
			prekeyset_free(&t);
			break;
		}
		prekeyset_free(&t);
	}
	ok(i == len, "no cut of the file parses, except at a record boundary");
	file[0] = 1;
	prekeyset_init(&t);
	ok(prekeyset_parse(&t, file, len) == 0, "version 1: refused");
	file[0] = 2;
	file[1] = 2;
	ok(prekeyset_parse(&t, file, len) == 0, "a previous L without a current one");
	file[1] = 8;
	ok(prekeyset_parse(&t, file, len) == 0, "an unknown flag");
	prekeyset_free(&t);
	prekeyset_free(&s);
	return done();
}
