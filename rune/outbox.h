/* outbox.h: the messages waiting to be sent anonymously, or refused
 * (doc/protocol-v2.md 2.5, 2.7 C1-C2, A4, A7; doc/client.md "Anonymous
 * sending").  One file per message and receiver under the home,
 * outbox/ID (ID: 16 hex digits), 0600, written atomically:
 *
 *   rune-outbox 1
 *   to ADDRESS
 *   notbefore UNIXTIME       the random delay of A4 ends then
 *   state waiting|failed|held
 *   tries N
 *   why TEXT                 the last failure, or "-"
 *   sent MAILDIR             where the sent copy goes, or "-"
 *   (an empty line, then the built payload: never a blob, so that every
 *   attempt seals a new blob2 to the bundle of its own session, A7)
 *
 * waiting: not yet tried (or no token or sender certificate held);
 * failed: the last try failed in a way worth trying again (a lost
 * connection, 421, 451, 5xx): the next run retries it; held: the server
 * refused it (4xx): only `rune outbox --send ID` tries it again. */
#ifndef OUTBOX_H
#define OUTBOX_H

#include <stddef.h>
#include <stdint.h>
#include "cli.h"
#include "paytmp.h"

#define OUTBOX_DIR	"outbox"
#define OUTBOX_ID_LEN	16
#define OUTBOX_WHY_MAX	400

struct outbox {
	char id[OUTBOX_ID_LEN + 1];
	struct addr to;
	uint64_t notbefore;
	char state[16];
	uint64_t tries;
	char why[OUTBOX_WHY_MAX];
	char sent[HOME_PATH_MAX];	/* "" none */
	int fd;				/* the payload: open on a file, */
	uint64_t off;			/* from this offset, */
	uint64_t n;			/* n octets (never read whole) */
};

/* queues the payload of t to `to` with notbefore = now + delay (a fresh
 * id into e->id); sent: a Maildir for the sent copy or NULL */
void outbox_add(struct home const *h, struct outbox *e,
    struct addr const *to, struct paytmp const *t, uint64_t notbefore,
    char const *sent);


/* reads outbox/id's fields into e, its payload left in the file (e->fd
 * open on it, closed by outbox_free): 1 read, 0 absent; exits 100 when
 * damaged */
int outbox_read(struct home const *h, char const *id, struct outbox *e);

/* writes e back (atomically; the payload copied from e->fd) */
void outbox_write(struct home const *h, struct outbox const *e);

/* removes outbox/id: 1 removed, 0 absent */
int outbox_drop(struct home const *h, char const *id);

void outbox_free(struct outbox *e);

/* the ids in the outbox, sorted, in a malloc'd array (*n of them) */
typedef char outbox_id[OUTBOX_ID_LEN + 1];
outbox_id *outbox_ids(struct home const *h, size_t *n);

/* tries to send e anonymously now, in a child process (every exit of the
 * shared code stays the child's): prints the message id on success and
 * removes the entry; else records why in the entry (state failed or
 * held, or waiting when no token or sender certificate is held) and
 * says it on stderr.  Returns the exit code (0 sent) */
int outbox_try(struct cli *c, struct outbox *e);

/* the entries due (waiting or failed, notbefore <= now) tried one after
 * another; wait: first sleeps until each waiting entry is due.  Returns
 * 0 when every one tried was sent, else the last failure's code.  A
 * quiet run (quiet: 1) says nothing when nothing is due. */
int outbox_run(struct cli *c, int wait);

#endif
