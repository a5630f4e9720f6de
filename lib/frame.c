/* frame.c: the signed octets of sections 7.3, 8 and 10. */
#include <string.h>

#include "frame.h"
#include "num.h"

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

size_t
frame_envelope_hdr(unsigned char *out, size_t max, char const *receiver,
    size_t rlen, uint64_t time, unsigned char const sender101[RUNE_SENDER101])
{
	unsigned char t[8];
	size_t pos = 0;

	num_pack_be8(t, time);
	if (!head(out, max, &pos, RUNE_LABEL_ENVELOPE, receiver, rlen) ||
	    !put(out, max, &pos, t, sizeof t) ||
	    !put(out, max, &pos, sender101, RUNE_SENDER101))
		return 0;
	return pos;
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
