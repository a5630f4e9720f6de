/* msgopen.c: fuzz target: the client's stored-message opener (spec 13.7,
 * lib/msgopen.c) with the envelope and frame code under it.  So that the
 * fuzzer gets past decryption and the signatures, the harness seals (and
 * signs) the input itself, as octet 0 picks:
 *   0  the input is the stored blob;
 *   1  the input is env, sealed to the receiver;
 *   2  the input is time(8) || sender101 || blob: the harness signs vsig
 *      with the server key and seals env (reaches sender101, the blob);
 *   3  the input is inner, sealed to the receiver as the blob, in an env
 *      from alice signed by the server (reaches len, Padme, padding,
 *      ssig);
 *   4  the input is a payload: msg_make and envelope_make build a true
 *      message, which must open to the same payload (round trip);
 *   5  the input is a blob2 (protocol v2; made at least RUNE2_BLOB_MIN
 *      long, first octet 0x02): envelope2_make puts it in an env2 from
 *      alice (octet 1 odd: anonymous), which is opened, then its inner
 *      part with fixed prekey secrets (reaches E, the DH results, the
 *      AEAD; no fuzzer forges the AEAD, so msg2_check is not reached). */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "addr.h"
#include "envelope.h"
#include "frame.h"
#include "fuzz.h"
#include "msg.h"
#include "num.h"
#include "padme.h"
#include "seal.h"

static unsigned char srv_pk[32], srv_sk[64], me_pk[32], me_sk[64];
static unsigned char al_pk[32], al_sk[64];
static struct addr me, alice;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (sodium_init() < 0 ||
	    !addr_parse(&me, "bob@fuzztest", strlen("bob@fuzztest")) ||
	    !addr_parse(&alice, "alice@fuzztest", strlen("alice@fuzztest")))
		abort();
	fuzz_keypair(1, srv_pk, srv_sk);
	fuzz_keypair(2, me_pk, me_sk);
	fuzz_keypair(3, al_pk, al_sk);
	return 0;
}

static void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		abort();
	return p;
}

/* opens stored[0..len) as bob and goes as far as it opens */
static enum msg_verdict
open_all(unsigned char const *stored, size_t len, unsigned char const **pay,
    size_t *paylen, struct msg_rx *m)
{
	enum msg_verdict v;

	msg_rx_init(m);
	v = msg_open_envelope(m, stored, len, &me, me_sk, srv_pk);
	if (v == MSG_OK)
		v = msg_open_inner(m, me_sk);
	if (v == MSG_OK) {
		*pay = m->payload;
		*paylen = m->paylen;
		v = msg_check_ssig(m, al_pk);
	}
	return v;
}

/* env = 0x01 || vsig || time || s101 || blob[0..n), vsig by the server,
 * sealed to bob into a new stored blob; returns its length */
static size_t
make_env(unsigned char **stored, unsigned char const t8[8],
    unsigned char const s101[RUNE_SENDER101], unsigned char const *blob,
    size_t n)
{
	unsigned char hdr[FRAME_ENVELOPE_HDR_MAX], *env, *signed_;
	size_t h;

	h = frame_envelope_hdr(hdr, sizeof hdr, me.s, me.len,
	    num_unpack_be8(t8), s101);
	if (h == 0)
		abort();
	signed_ = xmalloc(h + n);
	memcpy(signed_, hdr, h);
	memcpy(signed_ + h, blob, n);
	env = xmalloc(RUNE_ENV_HDR + n);
	env[0] = RUNE_VERSION_OCTET;
	crypto_sign_detached(env + 1, NULL, signed_, h + n, srv_sk);
	memcpy(env + 1 + RUNE_SIG_LEN, t8, 8);
	memcpy(env + 1 + RUNE_SIG_LEN + 8, s101, RUNE_SENDER101);
	memcpy(env + RUNE_ENV_HDR, blob, n);
	*stored = xmalloc(RUNE_ENV_HDR + n + RUNE_SEAL_LEN);
	if (!seal_to(*stored, env, RUNE_ENV_HDR + n, me_pk))
		abort();
	free(signed_);
	free(env);
	return RUNE_ENV_HDR + n + RUNE_SEAL_LEN;
}

static void
version2(uint8_t const *p, size_t n)
{
	size_t room = envelope_prefix_room(), len, paylen = 0;
	size_t bloblen = n < RUNE2_BLOB_MIN ? RUNE2_BLOB_MIN : n;
	unsigned char *buf, *stored, id[RUNE_ID_LEN], spk[RUNE2_X_LEN];
	unsigned char const *pay = NULL;
	struct msg_rx m;

	buf = xmalloc(room + bloblen);
	memset(buf + room, 0, bloblen);
	memcpy(buf + room, p, n);
	buf[room] = 0x02;
	stored = xmalloc(bloblen + RUNE_STORED_EXTRA);
	if (!envelope2_make(stored, id, buf, room, bloblen, &me, me_pk,
	    n > 1 && (p[1] & 1) ? NULL : &alice, 1700000000, srv_sk))
		abort();
	len = bloblen + RUNE_STORED_EXTRA;
	msg_rx_init(&m);
	if (msg_open_envelope(&m, stored, len, &me, me_sk, srv_pk) ==
	    MSG_OK) {
		if (m.version != 2)
			__builtin_trap();
		memset(spk, 0x42, sizeof spk);
		if (msg2_open_inner(&m, me_sk, spk, n > 2 && (p[2] & 1) ?
		    spk : NULL) == MSG_OK) {
			pay = m.payload;
			paylen = m.paylen;
			(void)msg2_check(&m, "fuzztest", srv_pk);
		}
	}
	(void)pay;
	(void)paylen;
	msg_rx_free(&m);
	free(stored);
	free(buf);
}

static void
round_trip(uint8_t const *p, size_t n)
{
	size_t bloblen, room = envelope_prefix_room(), paylen = 0;
	unsigned char *buf, *stored, id[RUNE_ID_LEN];
	unsigned char const *pay = NULL;
	struct msg_rx m;
	size_t max = padme_blob_size(n);

	buf = xmalloc(room + max);
	if (!msg_make(buf + room, max, &bloblen, p, n, &alice, al_sk, &me,
	    me_pk))
		abort();
	stored = xmalloc(bloblen + RUNE_STORED_EXTRA);
	if (!envelope_make(stored, id, buf, room, bloblen, &me, me_pk,
	    &alice, 1700000000, srv_sk))
		abort();
	if (open_all(stored, bloblen + RUNE_STORED_EXTRA, &pay, &paylen,
	    &m) != MSG_OK || paylen != n || memcmp(pay, p, n) != 0 ||
	    strcmp(m.sender.s, alice.s) != 0)
		__builtin_trap();
	msg_rx_free(&m);
	free(stored);
	free(buf);
}

int
LLVMFuzzerTestOneInput(uint8_t const *data, size_t size)
{
	unsigned char t8[8] = { 0, 0, 0, 0, 0x65, 0x53, 0xf1, 0x00 };
	unsigned char s101[RUNE_SENDER101] = { 0 };
	unsigned char *stored = NULL, *blob;
	unsigned char const *pay;
	uint8_t const *p = data + 1;
	size_t n = size - 1, len, paylen;
	struct msg_rx m;

	if (size < 1)
		return 0;
	switch (data[0] % 6) {
	case 0:
		stored = xmalloc(n);
		memcpy(stored, p, n);
		len = n;
		break;
	case 1:
		stored = xmalloc(n + RUNE_SEAL_LEN);
		if (!seal_to(stored, p, n, me_pk))
			abort();
		len = n + RUNE_SEAL_LEN;
		break;
	case 2:
		if (n < 8 + RUNE_SENDER101)
			return 0;
		len = make_env(&stored, p, p + 8, p + 8 + RUNE_SENDER101,
		    n - 8 - RUNE_SENDER101);
		break;
	case 3:
		memcpy(s101, alice.s, alice.len);
		blob = xmalloc(n + RUNE_SEAL_LEN);
		if (!seal_to(blob, p, n, me_pk))
			abort();
		len = make_env(&stored, t8, s101, blob, n + RUNE_SEAL_LEN);
		free(blob);
		break;
	case 4:
		round_trip(p, n);
		return 0;
	default:
		version2(p, n);
		return 0;
	}
	(void)open_all(stored, len, &pay, &paylen, &m);
	(void)msg_reason(MSG_OK);
	msg_rx_free(&m);
	free(stored);
	return 0;
}
