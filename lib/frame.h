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

/* 13.8: 1 when s holds a canonical address followed by zero octets only,
 * then in *a; 0 otherwise */
struct addr;
int frame_sender101_parse(struct addr *a,
    unsigned char const s[RUNE_SENDER101]);

/* 1 when s is 101 zero octets (v2's anonymous flag) */
int frame_sender101_zero(unsigned char const s[RUNE_SENDER101]);

/* version 2 (doc/protocol-v2.md 1.5, 3.2); largest frames first */
#define FRAME2_PREKEY_MAX	(13 + 1 + RUNE_ADDR_MAX + 1 + 1 + RUNE2_X_LEN \
				 + 8)
#define FRAME2_SENDER_MAX	(13 + 1 + RUNE_ADDR_PART_MAX + 1 \
				 + RUNE_ADDR_MAX + 1 + RUNE_PK_LEN + 8)
/* the ssig2 frame before the payload */
#define FRAME2_MESSAGE_HDR_MAX	(14 + 1 + RUNE_ADDR_MAX + 1 + RUNE_ADDR_MAX \
				 + 1 + RUNE_PK_LEN + RUNE2_HEAD_LEN + 1 \
				 + RUNE2_TKH_LEN + RUNE2_SCERT_LEN)
#define FRAME2_FS_MAX		(9 + 1 + RUNE_ADDR_MAX + 1 + 7 * RUNE2_X_LEN)
#define FRAME2_TKH_MAX		(10 + 1 + RUNE_ADDR_PART_MAX + 1 + 8 \
				 + RUNE2_X_LEN)

/* "RUNE-2 envelope" || 0x00 || receiver || 0x00 || time || sender101 */
size_t frame2_envelope_hdr(unsigned char *out, size_t max,
    char const *receiver, size_t rlen, uint64_t time,
    unsigned char const sender101[RUNE_SENDER101]);

/* psig's frame: "RUNE-2 prekey" || 0x00 || addr || 0x00 || kind || xpk
 * || not_after */
size_t frame2_prekey(unsigned char *out, size_t max, char const *addr,
    size_t alen, unsigned char kind, unsigned char const xpk[RUNE2_X_LEN],
    uint64_t not_after);

/* csig's frame: "RUNE-2 sender" || 0x00 || domain || 0x00 || sender
 * || 0x00 || spk || not_after */
size_t frame2_sender(unsigned char *out, size_t max, char const *domain,
    size_t dlen, char const *sender, size_t slen,
    unsigned char const spk[RUNE_PK_LEN], uint64_t not_after);

/* ssig2's frame before the payload: "RUNE-2 message" || 0x00 || sender
 * || 0x00 || receiver || 0x00 || rpk || blob2[0..97) || mode || tkh
 * || scert */
size_t frame2_message_hdr(unsigned char *out, size_t max,
    char const *sender, size_t slen, char const *receiver, size_t rlen,
    unsigned char const rpk[RUNE_PK_LEN],
    unsigned char const head97[RUNE2_HEAD_LEN], unsigned char mode,
    unsigned char const tkh[RUNE2_TKH_LEN],
    unsigned char const scert[RUNE2_SCERT_LEN]);

/* okm's input: "RUNE-2 fs" || 0x00 || receiver || 0x00 || keys[0..7),
 * the keys being E, IK, SPK, OPK, DH1, DH2, DH3 */
size_t frame2_fs(unsigned char *out, size_t max, char const *receiver,
    size_t rlen, unsigned char const keys[7][RUNE2_X_LEN]);

/* tkh's input: "RUNE-2 tkh" || 0x00 || domain || 0x00 || epoch || pkT */
size_t frame2_tkh(unsigned char *out, size_t max, char const *domain,
    size_t dlen, uint64_t epoch, unsigned char const pkT[RUNE2_X_LEN]);

#define FRAME2_TOKEN_INPUT_MAX	(12 + 1 + RUNE_ADDR_PART_MAX + 1 + 8 \
				 + RUNE2_TOKEN_T_LEN)
#define FRAME2_REDEEM_MAX	(13 + 1 + RUNE_ADDR_PART_MAX + 1 \
				 + RUNE_ADDR_MAX + 1 + 8 + RUNE2_TOKEN_T_LEN)
#define FRAME2_TOKEN_KEY_MAX	(16 + 1 + RUNE_ADDR_PART_MAX + 1 + 8 \
				 + RUNE2_X_LEN)

/* a token's VOPRF input x (A3): "RUNE-2 token" || 0x00 || domain || 0x00
 * || epoch || t */
size_t frame2_token_input(unsigned char *out, size_t max, char const *domain,
    size_t dlen, uint64_t epoch, unsigned char const t[RUNE2_TOKEN_T_LEN]);

/* the REDEEM mac's input: "RUNE-2 redeem" || 0x00 || domain || 0x00 ||
 * receiver || 0x00 || epoch || t */
size_t frame2_redeem(unsigned char *out, size_t max, char const *domain,
    size_t dlen, char const *receiver, size_t rlen, uint64_t epoch,
    unsigned char const t[RUNE2_TOKEN_T_LEN]);

/* ksig's frame: "RUNE-2 token key" || 0x00 || domain || 0x00 || epoch ||
 * pkT */
size_t frame2_token_key(unsigned char *out, size_t max, char const *domain,
    size_t dlen, uint64_t epoch, unsigned char const pkT[RUNE2_X_LEN]);

#endif
