/* mbox.h: the mailboxes under $RUNE_ROOT/store (doc/store.md): their
 * hashed names, and the read-only side (LIST, RETRIEVE, quota figures).
 * Only rune-store writes a mailbox; these calls never change one. */
#ifndef MBOX_H
#define MBOX_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "addr.h"
#include "rune.h"

#define MBOX_NAME_LEN	64	/* hex digits of a mailbox name */
#define MBOX_SALT_LEN	32	/* octets of store/salt */
#define MBOX_TIME_LEN	16	/* hex digits of the arrival time */
#define MBOX_ENT_MAX	101	/* a message file: TIME "." ID "." SIZE */
#define MBOX_USAGE	"usage"	/* the usage hint in a mailbox directory */
#define MBOX_SOCKET	"socket"	/* store/socket: the rune-store daemon */
#define MBOX_LIST_MAX	4000000	/* messages a listing holds at most */

/* one message of a mailbox, as its file name tells */
struct mbox_msg {
	char hex[RUNE_ID_HEX_LEN + 1];	/* the id as in the name, NUL-ended:
					 * lists need no decoding */
	uint64_t size;		/* octets of the stored blob */
	uint64_t time;		/* arrival, ns since the epoch */
};

/* a listing, oldest first */
struct mbox_list {
	struct mbox_msg *v;
	size_t n;
	size_t cap;
};

/* 1: out holds the mailbox name of a (hex of BLAKE2b-256 of the canonical
 * address keyed with root/store/salt) and a NUL; 0: no salt yet, so no
 * mailbox exists (rune-store init makes it); -1: error, errno set */
int mbox_name(char const *root, struct addr const *a,
    char out[MBOX_NAME_LEN + 1]);

/* as mbox_name, with the salt given */
void mbox_name_salt(unsigned char const salt[MBOX_SALT_LEN],
    struct addr const *a, char out[MBOX_NAME_LEN + 1]);

/* 1: s[0..len) is a mailbox name, 64 lowercase hex digits; 0 otherwise */
int mbox_name_ok(char const *s, size_t len);

/* 1: s (NUL-terminated) names a message file of cur/, TIME.ID.SIZE;
 * *m set; 0: not a message file name */
int mbox_ent_parse(char const *s, struct mbox_msg *m);

/* writes the message file name of *m and a NUL; returns its length */
size_t mbox_ent_fmt(char out[MBOX_ENT_MAX + 1], struct mbox_msg const *m);

/* "root/store[/name[/sub]]" into out[max] (name, sub may be 0);
 * 1 done, 0 too long (errno ENAMETOOLONG) */
int mbox_path(char *out, size_t max, char const *root, char const *name,
    char const *sub);

/* 1: *l holds the messages of the cur/ directory open at curfd, oldest
 * first (curfd stays open); 0: error, errno set (l empty) */
int mbox_list_fd(int curfd, struct mbox_list *l);

/* 1: *l holds the messages of mailbox name, oldest first (none when the
 * mailbox does not exist); 0: error, errno set (l empty).
 * Free with mbox_list_free. */
int mbox_list(char const *root, char const *name, struct mbox_list *l);

/* frees what *l holds; l is then an empty listing */
void mbox_list_free(struct mbox_list *l);

/* 1: *count and *bytes hold the messages and stored octets of the cur/
 * directory at curfd; 0: error, errno set */
int mbox_usage_fd(int curfd, uint64_t *count, uint64_t *bytes);

/* 1: *count and *bytes hold the messages and stored octets of mailbox
 * name (0 and 0 when it does not exist); 0: error, errno set */
int mbox_usage(char const *root, char const *name, uint64_t *count,
    uint64_t *bytes);

/* what a mailbox's cur/ holds, as its usage hint or a scan tells
 * (doc/store.md, "The usage hint") */
struct mbox_usage {
	uint64_t count;		/* messages */
	uint64_t bytes;		/* their stored octets */
	uint64_t newest;	/* the newest arrival time (ns); 0: none */
	char newest_hex[RUNE_ID_HEX_LEN + 1];	/* its id; "" unknown */
};

#define MBOX_HINT_MAX	320	/* octets of a usage hint, its LF too */

/* 1: *salt holds root/store/salt; 0 there is none yet; -1 error (errno,
 * EPROTO for a salt of the wrong size) */
int mbox_salt(char const *root, unsigned char salt[MBOX_SALT_LEN]);

/* the quota check of a put, the one the session (before 340) and
 * rune-store (under the mailbox lock) share: 1 when a mailbox holding
 * count messages of bytes stored octets takes no message of size more
 * stored octets under quotas of qmsgs messages and qbytes octets */
int mbox_quota_over(uint64_t qmsgs, uint64_t qbytes, uint64_t count,
    uint64_t bytes, uint64_t size);

/* formats the usage hint of *u for the cur/ directory whose fstat is
 * *cur, authenticated with salt, into out; returns its length */
size_t mbox_hint_fmt(char out[MBOX_HINT_MAX], struct mbox_usage const *u,
    struct stat const *cur, unsigned char const salt[MBOX_SALT_LEN]);

/* reads the usage hint of the mailbox directory at dirfd: 1 when it is
 * authentic under salt and names the cur/ directory at curfd as it is
 * now (device, inode and change time), *u set; 0 when it is absent, of
 * an older format, stale or forged; -1 on an error (errno set) */
int mbox_hint_read(int dirfd, int curfd,
    unsigned char const salt[MBOX_SALT_LEN], struct mbox_usage *u);

/* scans the cur/ directory at curfd into *u; *dup (when dup is not NULL)
 * is set to 1 when a message of id want (hex, may be NULL) is there;
 * 1 done, 0 error (errno set) */
int mbox_usage_scan(int curfd, char const *want, struct mbox_usage *u,
    int *dup);

/* as mbox_usage, from the mailbox's usage hint when it is true (written
 * by rune-store after each put and delete, checked by mbox_hint_read),
 * else from a scan of cur/ */
int mbox_usage_hint(char const *root, char const *name, uint64_t *count,
    uint64_t *bytes);

/* 1: ent holds the file name in the cur/ directory at curfd of message
 * id (and *size its size, when size is not 0); 0: no such message;
 * -1: error, errno set */
int mbox_find_fd(int curfd, unsigned char const id[RUNE_ID_LEN],
    char ent[MBOX_ENT_MAX + 1], uint64_t *size);

/* 1: *fd is the message id of mailbox name open for reading and *size
 * its octets; 0: no such message (or mailbox); -1: error, errno set
 * (EPROTO when the file's size is not the one its name says) */
int mbox_open_msg(char const *root, char const *name,
    unsigned char const id[RUNE_ID_LEN], int *fd, uint64_t *size);

#endif
