/* store.h: the parts of rune-store, the only writer of $RUNE_ROOT/store
 * (doc/store.md, doc/rune-store.8). */
#ifndef STORE_H
#define STORE_H

#include <stdint.h>
#include <sys/stat.h>
#include <time.h>

#include "addr.h"
#include "conf.h"
#include "line.h"
#include "mbox.h"

#define STORE_TMP_AGE	3600	/* seconds: an idle tmp file is stale */
#define STORE_CHUNK	65536	/* octets read and written at a time */
#define STORE_LOCK	"lock"	/* store/lock: making and purging mailboxes */

/* answers of a request (doc/rune-store.8) */
#define STORE_OK	0
#define STORE_BAD	400	/* malformed request; the helper exits */
#define STORE_GONE	404	/* the receiver is not active */
#define STORE_TOOBIG	413	/* SIZE over MAXSIZE + 222; exits */
#define STORE_NOMSG	415
#define STORE_FULL	416
#define STORE_TEMP	451
#define STORE_EOF	(-1)	/* input ended inside a put; exits */

struct store {
	struct conf c;
	int fd;			/* the directory root/store */
	int lock;		/* store/lock while held, else -1 */
	mode_t fmode;		/* of the files made: 0640 or 0600 */
	mode_t dmode;		/* of the directories made: 02750 or 0700 */
	unsigned char salt[MBOX_SALT_LEN];	/* store/salt */
};

/* an open mailbox: its directory, cur/, tmp/ and lock file */
struct mb {
	int dir, cur, tmp, lock;
	struct stat st;		/* of dir, to see a purge that came first */
};

/* calls fn(st, name, ctx) for every entry of store/ (mailboxes, the
 * salt, purged mailboxes, "." and ".."); 1 done, 0 the listing failed
 * (errno set) */
int store_each(struct store *st, void (*fn)(struct store *, char const *,
    void *), void *ctx);

/* under the lock of mailbox m: what its cur/ holds, from its usage hint
 * when that is true (1; *dup set when want, an id's hex or NULL, is the
 * newest message's), else from a scan (0; *dup set when want is there);
 * -1 error (errno set) */
int usage_load(struct store const *st, struct mb *m, char const *want,
    struct mbox_usage *u, int *dup);

/* writes *u as the usage hint of mailbox m, under its lock, right after
 * the change to cur/ it counts; on failure removes the hint (usage.c) */
void usage_write(struct store const *st, struct mb *m,
    struct mbox_usage const *u);

/* removes the usage hint of mailbox m (under its lock) */
void usage_forget(struct mb *m);

/* takes (exits 111 when it can't) and releases the store lock,
 * store/lock: a mailbox is made (when its address is active) and purged
 * under it */
void store_lock(struct store *st);
void store_unlock(struct store *st);

/* loads the settings, makes root/store, its lock and its salt when
 * absent and opens them; sets the modes of what it makes: files 0640 and directories
 * 02750 when store/ is group-readable (rune-admin setup), else 0600 and
 * 0700; exits 100 or 111 on failure */
void store_open(struct store *st);

/* opens mailbox name (a valid name), making it when create; 1 open,
 * 0 absent (not create), -1 error (errno set, a warning printed) */
int mb_open(struct store *st, char const *name, int create, struct mb *m);

/* closes what m holds */
void mb_close(struct mb *m);

/* 1: m is still the mailbox directory store/name (no purge came) */
int mb_still(struct store const *st, char const *name, struct mb const *m);

/* removes the directory name in parent and all below it (two levels);
 * 1 done, 0 error (errno set) */
int store_rmtree(int parent, char const *name);

/* the clock in ns since the epoch */
uint64_t store_now(void);

/* put: stores the size octets read through in as a message for address
 * a, in its mailbox, while a is active in the key table; returns
 * STORE_OK (id set), STORE_GONE (a not active: nothing stored, no
 * mailbox made), STORE_FULL, STORE_TEMP or STORE_EOF; every octet is
 * read before it returns, except at STORE_EOF */
int store_put(struct store *st, struct line *in, struct addr const *a,
    uint64_t size, unsigned char id[RUNE_ID_LEN]);

/* del: removes message id; STORE_OK, STORE_NOMSG or STORE_TEMP */
int store_del(struct store *st, char const *name,
    unsigned char const id[RUNE_ID_LEN]);

/* purge: removes mailbox name and its messages, under the store lock and
 * the mailbox lock; STORE_OK or STORE_TEMP */
int store_purge(struct store *st, char const *name);

/* removes the stale files of the tmp/ directory at tmpfd; returns how
 * many, or -1 on error (errno set) */
long store_clean_tmp(int tmpfd);

/* rune-store expire: returns the exit code */
int store_expire(struct store *st);

/* rune-store stats: returns the exit code */
int store_stats(struct store *st);

/* the pipe protocol on fd 0 and 1: returns the exit code */
int store_serve(struct store *st);

#endif
