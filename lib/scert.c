/* scert.c: making and checking a sender certificate. */
#include <errno.h>
#include <string.h>
#include <sodium.h>

#include "frame.h"
#include "num.h"
#include "scert.h"

#define SPK_AT		RUNE_SENDER101
#define NOT_AFTER_AT	(SPK_AT + RUNE_PK_LEN)
#define CSIG_AT		(NOT_AFTER_AT + 8)

/* the frame csig covers, or 0 */
static size_t
frame(unsigned char f[FRAME2_SENDER_MAX], struct scert const *c,
    char const *domain)
{
	return frame2_sender(f, FRAME2_SENDER_MAX, domain, strlen(domain),
	    c->sender.s, c->sender.len, c->spk, c->not_after);
}

int
scert_make(unsigned char out[RUNE2_SCERT_LEN], struct scert const *c,
    char const *domain, unsigned char const server_sk[RUNE_SK_LEN])
{
	unsigned char f[FRAME2_SENDER_MAX];
	size_t n;

	n = frame(f, c, domain);
	if (n == 0 || !addr_in_domain(&c->sender, domain) ||
	    !frame_sender101(out, c->sender.s, c->sender.len)) {
		errno = EINVAL;
		return 0;
	}
	memcpy(out + SPK_AT, c->spk, RUNE_PK_LEN);
	num_pack_be8(out + NOT_AFTER_AT, c->not_after);
	if (crypto_sign_detached(out + CSIG_AT, NULL, f, n, server_sk) != 0) {
		errno = EINVAL;
		return 0;
	}
	return 1;
}

int
scert_parse(struct scert *c, unsigned char const in[RUNE2_SCERT_LEN],
    char const *domain, unsigned char const server_pk[RUNE_PK_LEN])
{
	unsigned char f[FRAME2_SENDER_MAX];
	struct scert q;
	size_t n;

	if (!frame_sender101_parse(&q.sender, in) ||
	    !addr_in_domain(&q.sender, domain))
		return 0;
	memcpy(q.spk, in + SPK_AT, RUNE_PK_LEN);
	q.not_after = num_unpack_be8(in + NOT_AFTER_AT);
	n = frame(f, &q, domain);
	if (n == 0 || crypto_sign_verify_detached(in + CSIG_AT, f, n,
	    server_pk) != 0)
		return 0;
	*c = q;
	return 1;
}
