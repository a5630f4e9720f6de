/* remote.h: the message commands of an authenticated session (spec 10):
 * CAPABILITIES' MAXSIZE, KEY, SEND, LIST, RETRIEVE, DELETE.  A refusal
 * the caller does not expect ends the program (conn_fail). */
#ifndef REMOTE_H
#define REMOTE_H

#include <stddef.h>
#include <stdint.h>
#include "addr.h"
#include "buf.h"
#include "conn.h"
#include "paytmp.h"

/* what the client takes from a server at most: messages in a LIST, and
 * octets in a RETRIEVE (its size is refused before any octet is read);
 * an answer must be complete within the timeout and one second more per
 * REMOTE_RATE octets (LIST: per 200 lines) */
#define REMOTE_LIST_MAX 100000
#define REMOTE_BLOB_MAX (1ULL << 30)
#define REMOTE_RATE 16384

struct remote_ent {
	char id[RUNE_ID_HEX_LEN + 1];
	uint64_t size;
};

/* KEY a: 1 pk set; 0 the server knows no key for a (402, 404) */
int remote_key(struct conn *cn, struct addr const *a,
    unsigned char pk[RUNE_PK_LEN]);

/* SEND blob[0..len) to a (progress on a terminal for large ones); the
 * message id into id */
void remote_send(struct conn *cn, struct addr const *a,
    unsigned char const *blob, size_t len, char id[RUNE_ID_HEX_LEN + 1]);

/* LIST: *v (malloc'd, the caller frees) holds the messages, oldest
 * first; returns their count */
size_t remote_list(struct conn *cn, struct remote_ent **v);

/* RETRIEVE id: 1 the stored blob in b (checked against id); 0 415 */
int remote_retrieve(struct conn *cn, char const *id, struct buf *b);

/* as remote_retrieve, but a message of more than min octets goes into
 * an unnamed temporary file t (paytmp.h; t->fd < 0 when it went into b)
 * as it arrives, so it is never in memory whole */
int remote_retrieve_big(struct conn *cn, char const *id, struct buf *b,
    struct paytmp *t, uint64_t min);

/* DELETE id: 1 deleted; 0 415 */
int remote_delete(struct conn *cn, char const *id);

#endif
