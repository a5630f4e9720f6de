/* prekeys.h: the receiver's prekey secrets in the home (doc/protocol-v2.md
 * 3.3, 3.4, A2, A10; doc/client.md "Prekeys"): prekeys/L.XPK and
 * prekeys/O.XPK, each the 32-octet X25519 secret and its 8-octet
 * not_after, 0600, written whole before the public record leaves the
 * client; prekeys/seen/SPK/HASH, the blob2 hashes of messages that used
 * no one-time key, kept while SPK's secret is. */
#ifndef PREKEYS_H
#define PREKEYS_H

#include <stddef.h>
#include <stdint.h>
#include "rune.h"
#include "addr.h"
#include "home.h"

#define PREKEYS_L_DAYS		14	/* an L's not_after: creation + 14 d */
#define PREKEYS_L_ROTATE_DAYS	7	/* a new L when the newest is 7 d old */
#define PREKEYS_O_DAYS		30	/* a one-time key's not_after */

/* a fresh key pair of kind (RUNE2_KIND_*): its secret is stored first,
 * then rec holds its record signed by sk for me; exits 111 when the
 * secret cannot be stored */
void prekeys_make(struct home const *h, unsigned char kind,
    uint64_t not_after, struct addr const *me,
    unsigned char const sk[RUNE_SK_LEN], unsigned char rec[RUNE2_PREKEY_LEN]);

/* 1: the secret of xpk of kind is held (secret, *not_after set); 0 not
 * held; exits 111 when unreadable, 100 when damaged */
int prekeys_secret(struct home const *h, unsigned char kind,
    unsigned char const xpk[RUNE2_X_LEN], unsigned char secret[RUNE2_X_LEN],
    uint64_t *not_after);

/* deletes the secret of xpk of kind, and for an L its replay list;
 * 1 deleted, 0 not held; exits 111 on failure */
int prekeys_forget(struct home const *h, unsigned char kind,
    unsigned char const xpk[RUNE2_X_LEN]);

/* the secrets of kind held with not_after ahead of now; *newest the
 * largest not_after among them (0 for none) */
size_t prekeys_count(struct home const *h, unsigned char kind, uint64_t now,
    uint64_t *newest);

/* deletes every secret whose not_after + expire_days + 1 day has passed
 * (A10: whether used or not); returns how many */
size_t prekeys_expire(struct home const *h, uint64_t now,
    uint64_t expire_days);

/* A2: 1 when a message with this blob2 hash under spk was seen before;
 * else records it and returns 0; exits 111 on failure */
int prekeys_replayed(struct home const *h,
    unsigned char const spk[RUNE2_X_LEN], unsigned char const hash[32]);

/* what to upload at login: *want_last 1 when no L is held or the newest
 * will pass within PREKEYS_L_ROTATE_DAYS; *ones the one-time keys to add
 * when the server holds fewer than maxopk / 4 (server_ones), up to
 * maxopk */
void prekeys_plan(struct home const *h, uint64_t now, size_t maxopk,
    size_t server_ones, int *want_last, size_t *ones);

#endif
