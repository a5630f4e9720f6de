/* frame.h: the exact octets each RUNE signature covers (sections 7.3, 8,
 * 10).  Builders take addresses as given: callers pass canonical forms
 * (13.5).  Each returns the frame's length, or 0 when it would not fit in
 * max octets.  The sign/verify steps built on them are in chal.h
 * (registration), proof.h (login), envelope.h (vsig) and msg.h (ssig). */
#ifndef FRAME_H
#define FRAME_H

#include <stddef.h>
#include <stdint.h>
#include "rune.h"

#define FRAME_CHAL_C_LEN	(RUNE_NONCE_LEN + RUNE_SEAL_LEN)	/* 80 */

/* largest frames, for buffers on the stack */
#define FRAME_REGISTER_MAX	(15 + 1 + RUNE_ADDR_MAX + 1 + RUNE_PK_LEN \
				 + FRAME_CHAL_C_LEN)
#define FRAME_LOGIN_MAX		(12 + 1 + RUNE_ADDR_MAX + 1 + RUNE_PK_LEN \
				 + RUNE_NONCE_LEN)
/* "RUNE-1 message" 0x00 sender 0x00 receiver 0x00, before the payload */
#define FRAME_MESSAGE_HDR_MAX	(14 + 1 + RUNE_ADDR_MAX + 1 + RUNE_ADDR_MAX + 1)
/* "RUNE-1 envelope" 0x00 receiver 0x00 time sender101, before the blob */
#define FRAME_ENVELOPE_HDR_MAX	(15 + 1 + RUNE_ADDR_MAX + 1 + 8 \
				 + RUNE_SENDER101)

/* "RUNE-1 register" || 0x00 || addr || 0x00 || client pk || c */
size_t frame_register(unsigned char *out, size_t max, char const *addr,
    size_t alen, unsigned char const pk[RUNE_PK_LEN],
    unsigned char const c[FRAME_CHAL_C_LEN]);

/* "RUNE-1 login" || 0x00 || addr || 0x00 || server pk || n */
size_t frame_login(unsigned char *out, size_t max, char const *addr,
    size_t alen, unsigned char const server_pk[RUNE_PK_LEN],
    unsigned char const n[RUNE_NONCE_LEN]);

/* the part of the ssig frame before the payload:
 * "RUNE-1 message" || 0x00 || sender || 0x00 || receiver || 0x00 */
size_t frame_message_hdr(unsigned char *out, size_t max, char const *sender,
    size_t slen, char const *receiver, size_t rlen);

/* the part of the vsig frame before the blob:
 * "RUNE-1 envelope" || 0x00 || receiver || 0x00 || time || sender101,
 * sender101 given as its 101 raw octets */
size_t frame_envelope_hdr(unsigned char *out, size_t max,
    char const *receiver, size_t rlen, uint64_t time,
    unsigned char const sender101[RUNE_SENDER101]);

/* writes addr[0..alen) zero-padded into out[101]; 1 ok, 0 alen > 101 */
int frame_sender101(unsigned char out[RUNE_SENDER101], char const *addr,
    size_t alen);

#endif
