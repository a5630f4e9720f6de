/* envelope.c: the stored blob of section 10, built in place. */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sodium.h>

#include "envelope.h"
#include "frame.h"
#include "seal.h"

size_t
envelope_prefix_room(void)
{
	return FRAME_ENVELOPE_HDR_MAX;
}

/*
 * buf:  [ .......... free .......... | blob ]
 *                       ^ room - h   ^ room
 * 1. the vsig header (label 0 receiver 0 time sender101, h octets) ends
 *    at room; vsig covers it and the blob;
 * 2. time || sender101 are also the tail of env's header, so
 *    0x01 || vsig goes in the 65 octets before them:
 *    env = buf[room - 174 .. room + bloblen).
 */
static int
make(unsigned char *stored, unsigned char id[RUNE_ID_LEN], unsigned char *buf,
    size_t room, size_t bloblen, struct addr const *receiver,
    unsigned char const receiver_pk[RUNE_PK_LEN],
    unsigned char const s101[RUNE_SENDER101], uint64_t time,
    unsigned char const server_sk[RUNE_SK_LEN], unsigned char version)
{
	unsigned char vsig[RUNE_SIG_LEN];
	unsigned char *env;
	size_t h;

	if (room < FRAME_ENVELOPE_HDR_MAX ||
	    bloblen > SIZE_MAX - RUNE_STORED_EXTRA) {
		errno = EINVAL;
		return 0;
	}
	h = sizeof RUNE_LABEL_ENVELOPE + receiver->len + 1 + 8 +
	    RUNE_SENDER101;
	if (h > FRAME_ENVELOPE_HDR_MAX ||
	    (version == RUNE_VERSION_OCTET ? frame_envelope_hdr :
	    frame2_envelope_hdr)(buf + room - h, h, receiver->s,
	    receiver->len, time, s101) != h) {
		errno = EINVAL;
		return 0;
	}
	if (crypto_sign_detached(vsig, NULL, buf + room - h, h + bloblen,
	    server_sk) != 0) {
		errno = EINVAL;
		return 0;
	}
	env = buf + room - RUNE_ENV_HDR;
	env[0] = version;
	memcpy(env + 1, vsig, RUNE_SIG_LEN);
	if (!seal_to(stored, env, RUNE_ENV_HDR + bloblen, receiver_pk))
		return 0;
	envelope_id(id, stored, bloblen + RUNE_STORED_EXTRA);
	return 1;
}

/* sender101 of sender (zeros for NULL: v2's anonymous send), then make */
static int
with_sender(unsigned char *stored, unsigned char id[RUNE_ID_LEN],
    unsigned char *buf, size_t room, size_t bloblen,
    struct addr const *receiver, unsigned char const receiver_pk[RUNE_PK_LEN],
    struct addr const *sender, uint64_t time,
    unsigned char const server_sk[RUNE_SK_LEN], unsigned char version)
{
	unsigned char s101[RUNE_SENDER101];

	if (sender == NULL && version == RUNE2_VERSION_OCTET)
		memset(s101, 0, sizeof s101);
	else if (sender == NULL ||
	    !frame_sender101(s101, sender->s, sender->len)) {
		errno = EINVAL;
		return 0;
	}
	return make(stored, id, buf, room, bloblen, receiver, receiver_pk,
	    s101, time, server_sk, version);
}

int
envelope_make(unsigned char *stored, unsigned char id[RUNE_ID_LEN],
    unsigned char *buf, size_t room, size_t bloblen,
    struct addr const *receiver, unsigned char const receiver_pk[RUNE_PK_LEN],
    struct addr const *sender, uint64_t time,
    unsigned char const server_sk[RUNE_SK_LEN])
{
	return with_sender(stored, id, buf, room, bloblen, receiver,
	    receiver_pk, sender, time, server_sk, RUNE_VERSION_OCTET);
}

int
envelope2_make(unsigned char *stored, unsigned char id[RUNE_ID_LEN],
    unsigned char *buf, size_t room, size_t bloblen,
    struct addr const *receiver, unsigned char const receiver_pk[RUNE_PK_LEN],
    struct addr const *sender, uint64_t time,
    unsigned char const server_sk[RUNE_SK_LEN])
{
	return with_sender(stored, id, buf, room, bloblen, receiver,
	    receiver_pk, sender, time, server_sk, RUNE2_VERSION_OCTET);
}

void
envelope_id(unsigned char id[RUNE_ID_LEN], unsigned char const *stored,
    size_t len)
{
	crypto_generichash(id, RUNE_ID_LEN, stored, len, NULL, 0);
}
