/* chal.h: the registration challenge of section 7.3, both sides. */
#ifndef CHAL_H
#define CHAL_H

#include <stddef.h>
#include "rune.h"
#include "addr.h"
#include "b64.h"
#include "frame.h"

#define CHAL_CS_LEN	(FRAME_CHAL_C_LEN + RUNE_SIG_LEN)	/* c || s: 144 */
#define CHAL_TEXT_MAX	B64_LEN(CHAL_CS_LEN)	/* b64(c || s) and NUL */
#define CHAL_ANSWER_LEN	(RUNE_NONCE_LEN + RUNE_SEAL_LEN)	/* 80 */

/* the server's pending challenge; r is secret: chal_wipe it */
struct chal {
	unsigned char r[RUNE_NONCE_LEN];
	unsigned char cs[CHAL_CS_LEN];		/* c || s */
};

/* server: copies r (32 octets the caller drew with randombytes_buf) into
 * ch, makes c = seal(r, client pk) and s over the register frame of the
 * canonical address a; 1 ok, 0 client pk does not convert */
int chal_make(struct chal *ch, unsigned char const r[RUNE_NONCE_LEN],
    struct addr const *a, unsigned char const client_pk[RUNE_PK_LEN],
    unsigned char const server_sk[RUNE_SK_LEN]);

/* server: writes b64(c || s) and a NUL into text (the 205 argument);
 * returns its length */
size_t chal_text(char text[CHAL_TEXT_MAX], struct chal const *ch);

/* server: 1 iff ans[0..len) (the decoded CHALLANGE_ACCEPTED argument)
 * opens with the server key to r (constant-time compare); 0 otherwise */
int chal_check(struct chal const *ch, unsigned char const *ans, size_t len,
    unsigned char const server_sk[RUNE_SK_LEN]);

/* wipes r */
void chal_wipe(struct chal *ch);

/* client: given the two arguments of the 205 line (b64 of c || s, and the
 * server key text), checks the key text names pinned_pk, checks s with
 * pinned_pk over the register frame of the canonical address a and the
 * client pk, opens c with client_sk, and writes seal(r, pinned_pk) into
 * ans (b64 it after CHALLANGE_ACCEPTED).  1 ok; 0 the client must refuse
 * (bad text, other key, bad s, c does not open), errno EPROTO */
int chal_answer(unsigned char ans[CHAL_ANSWER_LEN], char const *cs_b64,
    size_t cs_len, char const *key_text, size_t key_len,
    struct addr const *a, unsigned char const client_pk[RUNE_PK_LEN],
    unsigned char const client_sk[RUNE_SK_LEN],
    unsigned char const pinned_pk[RUNE_PK_LEN]);

#endif
