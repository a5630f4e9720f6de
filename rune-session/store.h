/* store.h: the session's requests to rune-store (rune-store(8)): its
 * daemon's socket or a helper of its own, started when first needed
 * (hconn.h). */
#ifndef STORE_H
#define STORE_H

#include <stddef.h>
#include <stdint.h>
#include "mbox.h"
#include "rune.h"

struct session;

/* the mailbox name of a; 1 done (out set), 0 failed (errno) -- makes the
 * store's salt through the helper when there is none yet, or replaces
 * one of the wrong size */
int store_name(struct session *s, struct addr const *a,
    char out[MBOX_NAME_LEN + 1]);

/* delivers stored[0..len), whose message id is id, to rcpt (whose
 * mailbox is mbox); returns 0 (rune-store stored it under that id), or
 * the helper's refusal: 404 (rcpt is no longer active), 413, 416, 451 */
int store_put(struct session *s, struct addr const *rcpt, char const *mbox,
    unsigned char const *stored, size_t len,
    unsigned char const id[RUNE_ID_LEN]);

/* as store_put, the len octets written to the helper's descriptor by
 * emit(fd, ctx) (1 done, 0 failed: the helper is dropped, 451), which
 * fills id (RUNE_ID_LEN octets) on its way; a streamed SEND */
int store_put_emit(struct session *s, struct addr const *rcpt,
    char const *mbox, uint64_t len, int (*emit)(int, void *), void *ctx,
    unsigned char const *id);

/* deletes message id of mbox; returns 0, 415 or 451 */
int store_del(struct session *s, char const *mbox,
    unsigned char const id[RUNE_ID_LEN]);

/* removes every message of the session's own mailbox; 1 done, 0 failed */
int store_purge(struct session *s);

/* ends the helper, if any */
void store_stop(struct session *s);

#endif
