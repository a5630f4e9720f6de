/* rune.h: the numbers the RUNE protocol fixes, in one place. */
#ifndef RUNE_H
#define RUNE_H

#define RUNE_PORT		7863
#define RUNE_LINE_MAX		1024	/* octets, with the ending */
#define RUNE_ARGS_MAX		4	/* verb and at most 3 arguments */
#define RUNE_ADDR_PART_MIN	3
#define RUNE_ADDR_PART_MAX	50
#define RUNE_ADDR_MAX		101	/* 50 + '@' + 50 */
#define RUNE_NUM_DIGITS_MAX	19

#define RUNE_KEY_PREFIX		"ed25519:"
#define RUNE_KEY_PREFIX_LEN	8
#define RUNE_KEY_TEXT_LEN	52	/* prefix + 44 base64 characters */
#define RUNE_PK_LEN		32
#define RUNE_SK_LEN		64
#define RUNE_SIG_LEN		64
#define RUNE_SEAL_LEN		48	/* crypto_box_SEALBYTES */
#define RUNE_NONCE_LEN		32	/* challenge r and login n */
#define RUNE_ID_LEN		32	/* BLAKE2b-256 message id */
#define RUNE_ID_HEX_LEN		64
#define RUNE_FPR_LEN		16	/* octets of a fingerprint */
#define RUNE_FPR_TEXT_LEN	39	/* 8 groups of 4 hex, 7 spaces */

#define RUNE_VERSION_OCTET	0x01
#define RUNE_INNER_HDR		69	/* version 1 + ssig 64 + len 4 */
#define RUNE_PADME_FLOOR	1024
#define RUNE_SENDER101		101
#define RUNE_ENV_HDR		174	/* version 1 + vsig 64 + time 8 + sender101 */
#define RUNE_STORED_EXTRA	222	/* env header 174 + seal 48 */
#define RUNE_BLOB_MIN		1072	/* P(69) + 48 */

#define RUNE_LABEL_REGISTER	"RUNE-1 register"
#define RUNE_LABEL_LOGIN	"RUNE-1 login"
#define RUNE_LABEL_MESSAGE	"RUNE-1 message"
#define RUNE_LABEL_ENVELOPE	"RUNE-1 envelope"

/* protocol version 2 (doc/protocol-v2.md): the v2 message, prekey
 * records and sender certificates */
#define RUNE2_VERSION_OCTET	0x02
#define RUNE2_X_LEN		32	/* an X25519 key or DH result */
#define RUNE2_TKH_LEN		32
#define RUNE2_HEAD_LEN		97	/* blob2[0..97): 0x02 E SPK OPK */
#define RUNE2_AEAD_TAG		16
#define RUNE2_BLOB_EXTRA	113	/* head 97 + AEAD tag 16 */
#define RUNE2_SCERT_LEN		205	/* sender101 spk not_after csig */
#define RUNE2_INNER_HDR		307	/* 1 + 64 + 205 + 1 + 32 + 4 */
#define RUNE2_BLOB_MIN		1137	/* P(307) + 113 */
#define RUNE2_PREKEY_LEN	105	/* kind xpk not_after psig */
#define RUNE2_KIND_LASTRESORT	0x4C	/* 'L' */
#define RUNE2_KIND_ONETIME	0x4F	/* 'O' */
#define RUNE2_MODE_IDENTIFIED	0x00
#define RUNE2_MODE_ANONYMOUS	0x01
#define RUNE2_OKM_LEN		56	/* key 32 + nonce 24 */

#define RUNE2_LABEL_SENDER	"RUNE-2 sender"
#define RUNE2_LABEL_MESSAGE	"RUNE-2 message"
#define RUNE2_LABEL_FS		"RUNE-2 fs"
#define RUNE2_LABEL_ENVELOPE	"RUNE-2 envelope"
#define RUNE2_LABEL_PREKEY	"RUNE-2 prekey"
#define RUNE2_LABEL_TKH		"RUNE-2 tkh"
#define RUNE2_LABEL_TOKEN	"RUNE-2 token"
#define RUNE2_LABEL_TOKEN_KEY	"RUNE-2 token key"
#define RUNE2_LABEL_REDEEM	"RUNE-2 redeem"
#define RUNE2_TOKEN_T_LEN	32	/* t, the token's random octets */
#define RUNE2_TOKEN_MAC_LEN	32


/* defaults of section 12 */
#define RUNE_MAXSIZE_DEFAULT	10485760ULL
#define RUNE_QUOTA_MSGS_DEFAULT	1000ULL
#define RUNE_QUOTA_BYTES_DEFAULT (256ULL * 1024 * 1024)
#define RUNE_IDLE_DEFAULT	60
#define RUNE_REFUSALS_DEFAULT	10
#define RUNE_EXPIRE_DAYS_DEFAULT 30
#define RUNE_INVITE_DAYS_DEFAULT 7
#define RUNE_HANDSHAKE_DEFAULT	10	/* seconds for the TLS handshake */
#define RUNE_SESSIONMAX_DEFAULT	3600	/* seconds a session may last */
#define RUNE2_PREKEYS_MAX	10000	/* control/prekeys at most */
#define RUNE2_PREKEY_PERDAY_DEFAULT	200	/* PREKEY per requester a day */
#define RUNE2_PREKEY_PERHOUR_DEFAULT	60	/* PREKEY per receiver an hour */
#define RUNE2_SCERT_SECONDS	86400	/* a sender certificate lives (A9) */

/* djb exit codes */
#define RUNE_EXIT_OK		0
#define RUNE_EXIT_PERM		100
#define RUNE_EXIT_TEMP		111

#endif
