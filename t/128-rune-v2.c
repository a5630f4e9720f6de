/* 128-rune-v2: the client's v2 pieces without a server (rune/v2recv.c,
 * rune/v2keys.c; doc/decisions.md "The forward-secret client"): the
 * local record of a read v2 message, built here from its documented
 * layout, opens with the own seed and gives every field back; one under
 * another seed, with a bit flipped, cut short or with an unknown fs
 * octet is refused; a record whose one-time secret is still held (a
 * crash) deletes it when opened; the withholding test of 3.3 at its
 * bounds (U <= t <= T, C > 0). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "addr.h"
#include "num.h"
#include "prekeys.h"
#include "received.h"
#include "tap.h"
#include "v2.h"

#define MAGIC "RUNE-2 local"
#define HDR (3 + 8 + 101 + 32 + 32 + 32 + 32)

/* a local record of payload under seed, as doc/decisions.md says */
static size_t
record(unsigned char *out, unsigned char const seed[32], int fs,
    unsigned char const opk[32], char const *payload)
{
	unsigned char key[32], plain[HDR + 64], *p = plain;
	size_t n = HDR + strlen(payload);

	memset(plain, 0, sizeof plain);
	*p++ = (unsigned char)fs;
	*p++ = 0;
	*p++ = 0;
	num_pack_be8(p, 1800000000ULL);
	p += 8;
	memcpy(p, "alice@runetest", 14);
	p += 101;
	memset(p, 0x11, 32);	/* scert's key */
	p += 32;
	memset(p, 0x22, 32);	/* spk */
	p += 32;
	memcpy(p, opk, 32);
	p += 32;
	memset(p, 0x33, 32);	/* the blob2's hash */
	p += 32;
	memcpy(p, payload, strlen(payload));
	crypto_generichash(key, 32, (unsigned char const *)"RUNE-2 local cache",
	    18, seed, 32);
	memcpy(out, MAGIC, 13);
	randombytes_buf(out + 13, 24);
	crypto_secretbox_easy(out + 37, plain, n, out + 13, key);
	return 37 + 16 + n;
}

/* rx2_local over rec[0..len) */
static enum received_status
open_rec(struct received *r, struct home const *h, unsigned char const *rec,
    size_t len, unsigned char const sk[64])
{
	received_init(r);
	buf_room(&r->stored, len);
	memcpy(r->stored.s, rec, len);
	r->stored.len = len;
	return rx2_local(r, h, sk);
}

static void
status(struct home const *h, char const *line)
{
	char dir[HOME_PATH_MAX];
	FILE *f;

	home_mkdirs(h, "prekeys");
	home_path(dir, h, "prekeys/status");
	if ((f = fopen(dir, "w")) == NULL || fputs(line, f) < 0 ||
	    fclose(f) != 0)
		bail("status");
}

int
main(void)
{
	char dir[] = "/tmp/rune-v2.XXXXXX", cmd[200];
	unsigned char pk[32], sk[64], sk2[64], pk2[32], rec[400], zero[32];
	unsigned char orec[105], sec[32];
	struct received r;
	struct home h;
	struct addr me;
	uint64_t na;
	size_t n;

	if (sodium_init() < 0 || mkdtemp(dir) == NULL ||
	    !addr_parse(&me, "bob@runetest", 12))
		bail("init");
	home_init(&h, dir);
	crypto_sign_keypair(pk, sk);
	crypto_sign_keypair(pk2, sk2);
	memset(zero, 0, sizeof zero);

	n = record(rec, sk, 2, zero, "hello");
	ok(rx2_is_local(rec, n), "a record is recognised by its magic");
	ok(!rx2_is_local(rec, 40), "not when cut short");
	ok(open_rec(&r, &h, rec, n, sk) == RECEIVED_NOKEY,
	    "it opens (no pin of the sender: unverified)");
	ok(r.fs == 2 && r.m.version == 2 && r.m.time == 1800000000ULL &&
	    strcmp(r.m.sender.s, "alice@runetest") == 0 &&
	    r.m.paylen == 5 && memcmp(r.m.payload, "hello", 5) == 0,
	    "every field back: delayed, time, sender, text");
	is_str(received_secrecy(&r), "forward secret: delayed (last-resort key)",
	    "what read shows");
	received_free(&r);
	ok(open_rec(&r, &h, rec, n, sk2) == RECEIVED_REJECTED &&
	    r.verdict == MSG_STORED_NOT_OPEN, "under another seed: refused");
	received_free(&r);
	rec[n - 1] ^= 1;
	ok(open_rec(&r, &h, rec, n, sk) == RECEIVED_REJECTED,
	    "a bit flipped: refused");
	received_free(&r);
	n = record(rec, sk, 0, zero, "hello");
	ok(open_rec(&r, &h, rec, n, sk) == RECEIVED_REJECTED,
	    "an fs octet that is not 1 or 2: refused");
	received_free(&r);

	/* a crash after the record: the one-time secret goes at the open */
	prekeys_make(&h, RUNE2_KIND_ONETIME, 1900000000ULL, &me, sk, orec);
	ok(prekeys_secret(&h, RUNE2_KIND_ONETIME, orec + 1, sec, &na),
	    "a one-time secret is held");
	n = record(rec, sk, 1, orec + 1, "with O");
	ok(open_rec(&r, &h, rec, n, sk) == RECEIVED_NOKEY && r.fs == 1,
	    "its record opens: forward secret");
	is_str(received_secrecy(&r), "forward secret: yes", "what read shows");
	received_free(&r);
	ok(!prekeys_secret(&h, RUNE2_KIND_ONETIME, orec + 1, sec, &na),
	    "and the secret is deleted");

	/* 3.3: T C U */
	ok(!v2_withheld(&h, 100), "no status: no warning");
	status(&h, "200 5 100\n");
	ok(v2_withheld(&h, 100), "t = U: warned");
	ok(v2_withheld(&h, 150), "U < t < T: warned");
	ok(v2_withheld(&h, 200), "t = T: warned");
	ok(!v2_withheld(&h, 99), "t before the upload: not");
	ok(!v2_withheld(&h, 201), "t after the count: not");
	status(&h, "200 0 100\n");
	ok(!v2_withheld(&h, 150), "the count was 0: not");
	status(&h, "200 5\n");
	ok(!v2_withheld(&h, 150), "a damaged status: not");

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		bail("rm");
	return done();
}
