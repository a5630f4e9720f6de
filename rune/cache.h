/* cache.h: the messages this client has opened, kept under the home in
 * cache/ as the server stored them (sealed: each is opened and checked
 * again when shown; doc/client.md says why), the list numbers of the
 * last "rune list" (cache/index), and which messages were read
 * (seen/). */
#ifndef CACHE_H
#define CACHE_H

#include <stddef.h>
#include <stdint.h>
#include "buf.h"
#include "home.h"
#include "remote.h"
#include "rune.h"

#define CACHE_PREFIX_MIN 8	/* hex digits of an id prefix at least */

/* keeps blob[0..len) as cache/ID (0600, written whole); exits 111 on
 * failure */
void cache_put(struct home const *h, char const *id,
    unsigned char const *blob, size_t len);

/* as cache_put, the blob the n octets of the open file fd (a large
 * one, copied in pieces) */
void cache_put_fd(struct home const *h, char const *id, int fd, uint64_t n);

/* opens cache/ID for reading: 1 (*fd, *size set), 0 absent (*fd -1);
 * exits 111 on error or when it is not a regular file of at most
 * REMOTE_BLOB_MAX octets */
int cache_open(struct home const *h, char const *id, int *fd,
    uint64_t *size);

/* reads cache/ID into b (cleared first): 1 read, 0 absent; exits 111
 * when unreadable */
int cache_get(struct home const *h, char const *id, struct buf *b);

/* removes cache/ID and seen/ID; 1 when the cache held it */
int cache_drop(struct home const *h, char const *id);

/* records ids[0..n) (each RUNE_ID_HEX_LEN + 1 apart) as the numbers 1..n
 * of the last list */
void cache_index_write(struct home const *h, char const *ids, size_t n);

/* what arg names: a list number (1..) of the last list, an id, or an
 * unambiguous id prefix of at least CACHE_PREFIX_MIN hex digits, looked
 * for among the ids v[0..n) (the server's LIST; msgarg.h) and in the
 * cache; the id into id.  Exits 100 with a sentence when it names none
 * or several (saying how many), or is a prefix too short. */
void cache_resolve(struct home const *h, char const *arg,
    struct remote_ent const *v, size_t n, char id[RUNE_ID_HEX_LEN + 1]);

/* 1: arg looks like a number, an id or a prefix (cache_resolve's
 * forms) */
int cache_arg_ok(char const *arg);

/* 1: arg is an id prefix (CACHE_PREFIX_MIN to RUNE_ID_HEX_LEN - 1 hex
 * digits), which only the server's LIST resolves */
int cache_arg_prefix(char const *arg);

/* marks id read; 1: it was read before */
int cache_seen(struct home const *h, char const *id);
void cache_seen_set(struct home const *h, char const *id);

#endif
