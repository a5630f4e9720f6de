/* msgbuf.h: the in-place layouts msg.c and msgopen.c share (internal). */
#ifndef MSGBUF_H
#define MSGBUF_H

#include <stddef.h>
#include "addr.h"
#include "frame.h"

/* inner buffers keep this much room in front of inner, so that the ssig
 * frame's header can be written to end where the payload starts */
#define MSG_IROOM	(FRAME_MESSAGE_HDR_MAX - RUNE_INNER_HDR)	/* 150 */
#define MSG_PAYLOAD_AT	FRAME_MESSAGE_HDR_MAX			/* 219 */

/* the same for inner2 and ssig2's frame (version 2) */
#define MSG2_IROOM	(FRAME2_MESSAGE_HDR_MAX - RUNE2_INNER_HDR)
#define MSG2_PAYLOAD_AT	FRAME2_MESSAGE_HDR_MAX

/* env buffers keep this much room in front of env, so that the vsig
 * frame's header can be written to end where the blob starts */
#define MSG_EROOM	(FRAME_ENVELOPE_HDR_MAX - RUNE_ENV_HDR)		/* 53 */

/* length of the ssig frame's header for these canonical addresses */
static inline size_t
msgbuf_hdr_len(struct addr const *sender, struct addr const *receiver)
{
	return sizeof RUNE_LABEL_MESSAGE + sender->len + 1 + receiver->len + 1;
}

#endif
