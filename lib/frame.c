/* frame.c: the signed octets of sections 7.3, 8 and 10. */
#include <string.h>

#include "addr.h"
#include "frame.h"
#include "num.h"

_Static_assert(RUNE2_X_LEN == 32 && RUNE2_TOKEN_T_LEN == 32,
    "tkh, token inputs and token keys end in 32 octets");

/* appends b[0..n) at out[*pos] when it fits in max; 0 when it does not */
static int
put(unsigned char *out, size_t max, size_t *pos, void const *b, size_t n)
{
	if (n > max - *pos)
		return 0;
	if (n > 0)
		memcpy(out + *pos, b, n);
	*pos += n;
	return 1;
}

static int
put0(unsigned char *out, size_t max, size_t *pos)
{
	static unsigned char const zero = 0;

	return put(out, max, pos, &zero, 1);
}

/* label || 0x00 || a || 0x00 */
static int
head(unsigned char *out, size_t max, size_t *pos, char const *label,
    char const *a, size_t alen)
{
	return put(out, max, pos, label, strlen(label)) &&
	    put0(out, max, pos) && put(out, max, pos, a, alen) &&
	    put0(out, max, pos);
}

size_t
frame_register(unsigned char *out, size_t max, char const *addr,
    size_t alen, unsigned char const pk[RUNE_PK_LEN],
    unsigned char const c[FRAME_CHAL_C_LEN])
{
	size_t pos = 0;

	if (!head(out, max, &pos, RUNE_LABEL_REGISTER, addr, alen) ||
	    !put(out, max, &pos, pk, RUNE_PK_LEN) ||
	    !put(out, max, &pos, c, FRAME_CHAL_C_LEN))
		return 0;
	return pos;
}

size_t
frame_login(unsigned char *out, size_t max, char const *addr, size_t alen,
    unsigned char const server_pk[RUNE_PK_LEN],
    unsigned char const n[RUNE_NONCE_LEN])
{
	size_t pos = 0;

	if (!head(out, max, &pos, RUNE_LABEL_LOGIN, addr, alen) ||
	    !put(out, max, &pos, server_pk, RUNE_PK_LEN) ||
	    !put(out, max, &pos, n, RUNE_NONCE_LEN))
		return 0;
	return pos;
}

size_t
frame_message_hdr(unsigned char *out, size_t max, char const *sender,
    size_t slen, char const *receiver, size_t rlen)
{
	size_t pos = 0;

	if (!head(out, max, &pos, RUNE_LABEL_MESSAGE, sender, slen) ||
	    !put(out, max, &pos, receiver, rlen) || !put0(out, max, &pos))
		return 0;
	return pos;
}

/* label || 0x00 || receiver || 0x00 || time || sender101 */
static size_t
envelope_hdr(unsigned char *out, size_t max, char const *label,
    char const *receiver, size_t rlen, uint64_t time,
    unsigned char const sender101[RUNE_SENDER101])
{
	unsigned char t[8];
	size_t pos = 0;

	num_pack_be8(t, time);
	if (!head(out, max, &pos, label, receiver, rlen) ||
	    !put(out, max, &pos, t, sizeof t) ||
	    !put(out, max, &pos, sender101, RUNE_SENDER101))
		return 0;
	return pos;
}

size_t
frame_envelope_hdr(unsigned char *out, size_t max, char const *receiver,
    size_t rlen, uint64_t time, unsigned char const sender101[RUNE_SENDER101])
{
	return envelope_hdr(out, max, RUNE_LABEL_ENVELOPE, receiver, rlen,
	    time, sender101);
}

size_t
frame2_envelope_hdr(unsigned char *out, size_t max, char const *receiver,
    size_t rlen, uint64_t time, unsigned char const sender101[RUNE_SENDER101])
{
	return envelope_hdr(out, max, RUNE2_LABEL_ENVELOPE, receiver, rlen,
	    time, sender101);
}

size_t
frame2_prekey(unsigned char *out, size_t max, char const *addr, size_t alen,
    unsigned char kind, unsigned char const xpk[RUNE2_X_LEN],
    uint64_t not_after)
{
	unsigned char t[8];
	size_t pos = 0;

	num_pack_be8(t, not_after);
	if (!head(out, max, &pos, RUNE2_LABEL_PREKEY, addr, alen) ||
	    !put(out, max, &pos, &kind, 1) ||
	    !put(out, max, &pos, xpk, RUNE2_X_LEN) ||
	    !put(out, max, &pos, t, sizeof t))
		return 0;
	return pos;
}

size_t
frame2_sender(unsigned char *out, size_t max, char const *domain,
    size_t dlen, char const *sender, size_t slen,
    unsigned char const spk[RUNE_PK_LEN], uint64_t not_after)
{
	unsigned char t[8];
	size_t pos = 0;

	num_pack_be8(t, not_after);
	if (!head(out, max, &pos, RUNE2_LABEL_SENDER, domain, dlen) ||
	    !put(out, max, &pos, sender, slen) || !put0(out, max, &pos) ||
	    !put(out, max, &pos, spk, RUNE_PK_LEN) ||
	    !put(out, max, &pos, t, sizeof t))
		return 0;
	return pos;
}

size_t
frame2_message_hdr(unsigned char *out, size_t max, char const *sender,
    size_t slen, char const *receiver, size_t rlen,
    unsigned char const rpk[RUNE_PK_LEN],
    unsigned char const head97[RUNE2_HEAD_LEN], unsigned char mode,
    unsigned char const tkh[RUNE2_TKH_LEN],
    unsigned char const scert[RUNE2_SCERT_LEN])
{
	size_t pos = 0;

	if (!head(out, max, &pos, RUNE2_LABEL_MESSAGE, sender, slen) ||
	    !put(out, max, &pos, receiver, rlen) || !put0(out, max, &pos) ||
	    !put(out, max, &pos, rpk, RUNE_PK_LEN) ||
	    !put(out, max, &pos, head97, RUNE2_HEAD_LEN) ||
	    !put(out, max, &pos, &mode, 1) ||
	    !put(out, max, &pos, tkh, RUNE2_TKH_LEN) ||
	    !put(out, max, &pos, scert, RUNE2_SCERT_LEN))
		return 0;
	return pos;
}

size_t
frame2_fs(unsigned char *out, size_t max, char const *receiver, size_t rlen,
    unsigned char const keys[7][RUNE2_X_LEN])
{
	size_t pos = 0;
	int i;

	if (!head(out, max, &pos, RUNE2_LABEL_FS, receiver, rlen))
		return 0;
	for (i = 0; i < 7; i++)
		if (!put(out, max, &pos, keys[i], RUNE2_X_LEN))
			return 0;
	return pos;
}

/* label || 0x00 || domain || 0x00 || epoch || x (32 octets): tkh, a
 * token's input and the token key's frame share this shape */
static size_t
domain_epoch(unsigned char *out, size_t max, char const *label,
    char const *domain, size_t dlen, uint64_t epoch,
    unsigned char const x[32])
{
	unsigned char e[8];
	size_t pos = 0;

	num_pack_be8(e, epoch);
	if (!head(out, max, &pos, label, domain, dlen) ||
	    !put(out, max, &pos, e, sizeof e) || !put(out, max, &pos, x, 32))
		return 0;
	return pos;
}

size_t
frame2_tkh(unsigned char *out, size_t max, char const *domain, size_t dlen,
    uint64_t epoch, unsigned char const pkT[RUNE2_X_LEN])
{
	return domain_epoch(out, max, RUNE2_LABEL_TKH, domain, dlen, epoch,
	    pkT);
}

int
frame_sender101(unsigned char out[RUNE_SENDER101], char const *addr,
    size_t alen)
{
	if (alen > RUNE_SENDER101)
		return 0;
	memset(out, 0, RUNE_SENDER101);
	if (alen > 0)
		memcpy(out, addr, alen);
	return 1;
}

int
frame_sender101_parse(struct addr *a,
    unsigned char const s[RUNE_SENDER101])
{
	size_t n, i;

	for (n = 0; n < RUNE_SENDER101 && s[n] != 0; n++)
		;
	for (i = n; i < RUNE_SENDER101; i++)
		if (s[i] != 0)
			return 0;
	if (!addr_parse(a, (char const *)s, n))
		return 0;
	return a->len == n && memcmp(a->s, s, n) == 0;
}

int
frame_sender101_zero(unsigned char const s[RUNE_SENDER101])
{
	size_t i;

	for (i = 0; i < RUNE_SENDER101; i++)
		if (s[i] != 0)
			return 0;
	return 1;
}

size_t
frame2_token_input(unsigned char *out, size_t max, char const *domain,
    size_t dlen, uint64_t epoch, unsigned char const t[RUNE2_TOKEN_T_LEN])
{
	return domain_epoch(out, max, RUNE2_LABEL_TOKEN, domain, dlen, epoch,
	    t);
}

size_t
frame2_redeem(unsigned char *out, size_t max, char const *domain,
    size_t dlen, char const *receiver, size_t rlen, uint64_t epoch,
    unsigned char const t[RUNE2_TOKEN_T_LEN])
{
	unsigned char e[8];
	size_t pos = 0;

	num_pack_be8(e, epoch);
	if (!head(out, max, &pos, RUNE2_LABEL_REDEEM, domain, dlen) ||
	    !put(out, max, &pos, receiver, rlen) || !put0(out, max, &pos) ||
	    !put(out, max, &pos, e, sizeof e) ||
	    !put(out, max, &pos, t, RUNE2_TOKEN_T_LEN))
		return 0;
	return pos;
}

size_t
frame2_token_key(unsigned char *out, size_t max, char const *domain,
    size_t dlen, uint64_t epoch, unsigned char const pkT[RUNE2_X_LEN])
{
	return domain_epoch(out, max, RUNE2_LABEL_TOKEN_KEY, domain, dlen,
	    epoch, pkT);
}
