/* keys.h: the parts of rune-keys, the only writer of the key table
 * (doc/keys.md, rune-keys(8)). */
#ifndef KEYS_H
#define KEYS_H

#include <stddef.h>
#include <sys/types.h>
#include "addr.h"
#include "keyexit.h"
#include "conf.h"
#include "keyrec.h"
#include "keyset.h"
#include "line.h"
#include "rune.h"

#define KEYS_MERGE_AT_DEFAULT	1000	/* journal records before a merge */

/* one record to write: a CDB key and its value */
struct jrec {
	unsigned char k[KEYREC_KEY_MAX];
	unsigned char v[KEYREC_VAL_MAX];
	size_t klen, vlen;
};

/* the writer's hold on keys/lock */
struct jour {
	char const *root;
	int fd;
};

/* the mode of the table's files: 0640 when keys/ is group-readable
 * (rune-admin setup: 2750, the session reads as the group), else 0600 */
mode_t jour_mode(char const *root);

/* creates keys/ and keys/pending/ when missing, takes the exclusive lock
 * on keys/lock and finishes a transaction a crash interrupted; 1 done,
 * 0 error (errno) */
int jour_lock(struct jour *j, char const *root);

/* releases the lock */
void jour_unlock(struct jour *j);

/* writes the n records into the journal as one transaction: all of them
 * or (after a crash) none; the lock must be held; 1 done, 0 error */
int jour_commit(struct jour *j, struct jrec const *r, size_t n);

/* the number of journal records, counting at most max */
size_t jour_count(char const *root, size_t max);

/* merges the journal into keys/keys.cdb (doc/keys.md); wait 0: return at
 * once when another merge runs; returns an exit code, 0 or 111 */
int merge_run(char const *root, int wait);

/* adds the sorted set of new address records to the table in one
 * rebuild; returns 0, KEYEXIT_TAKEN when one is in the table already
 * (nothing changed), or 111 */
int merge_load(char const *root, struct keyset const *add);

/* starts a merge in a background process when the journal holds
 * $RUNE_MERGE_PENDING records or more */
void merge_maybe(char const *root);

#define RECEIPT_LEN	32	/* octets of a registration receipt */

/* what the session passes with unregister (doc/privsep.md): the
 * client's login proof (spec section 8: the nonce n, the server key and
 * the signature), or the receipt of the registration it made */
struct keys_proof {
	int receipt;				/* 1: rc is set, not the rest */
	unsigned char n[RUNE_NONCE_LEN];
	unsigned char server_pk[RUNE_PK_LEN];
	unsigned char sig[RUNE_SIG_LEN];
	unsigned char rc[RECEIPT_LEN];
};

#define KEYS_PROOF_NONE	0	/* no input at all */
#define KEYS_PROOF_OK	1
#define KEYS_PROOF_BAD	2	/* input, but not a proof */

/* reads a proof from in: three lines b64(n), the server key text,
 * b64(signature); or one line, a receipt in hex; and nothing after
 * them.  Returns a KEYS_PROOF_ value, or -1 on a read error or a line
 * too long (said) */
int keys_proof_read(struct keys_proof *p, struct line *in);

/* the receipt of registering pk for a into out (receipt.c) */
void receipt_make(char const *root, struct addr const *a,
    unsigned char const pk[RUNE_PK_LEN], unsigned char out[RECEIPT_LEN]);

/* 1 when in is the receipt of registering pk for a; 0 otherwise */
int receipt_check(char const *root, struct addr const *a,
    unsigned char const pk[RUNE_PK_LEN],
    unsigned char const in[RECEIPT_LEN]);

/* the commands; each returns its exit code */
int keys_register(char const *root, struct addr const *a);
int keys_register_invite(char const *root, struct addr const *a);
/* proof NULL or the login proof, which must verify with the address's
 * active key (else exit KEYEXIT_PROOF) */
int keys_setstate(char const *root, struct addr const *a, char const *cmd,
    struct keys_proof const *proof);
int keys_invite(char const *root, struct addr const *a, char const *expires);
int keys_revoke(char const *root, struct addr const *a);

/* marks expired (KEYREC_EXPIRED) the valid token of a, or of every
 * address when a is 0, whose time has passed by clock_now(); exit code */
int keys_expire(char const *root, struct addr const *a);
/* load.c */
int keys_load(char const *root, char const *domain);

/* the prekey protocol on fds 0 and 1 for one caller (prekeys.c,
 * rune-keys(8)); returns an exit code */
int prekeys_serve(struct conf const *c);

/* 1: a has a last-resort prekey valid at now; 0 none; -1 unreadable
 * (REDEEM's step 4, tokens.c) */
int prekeys_lastresort(char const *root, struct addr const *a,
    uint64_t now);

/* rune-keys daemon [WORKERS]: prekeys_serve for every connection on
 * keys/socket (daemon.c); returns an exit code */
int keys_daemon(struct conf const *c, char const *workers);

/* the octets of a line of stdin, its ending included (input.c) */
#define KEYS_INPUT_MAX	512

/* sets l up to read stdin */
void input_init(struct line *l);

/* the next line of stdin (LF or CRLF ended, or an unended rest) into
 * *s, *n, valid until the next call; 1 a line, 0 none left, -1 a line
 * too long or a read error (said) */
int input_line(struct line *l, char **s, size_t *n);

/* wipes what l holds */
void input_wipe(struct line *l);

#endif
