/* keysc.h: the session's one client of rune-keys' protocol (rune-keys(8):
 * the prekey protocol and the token writer's requests on the same
 * connection), for the v2 commands of cmd_prekey.c and cmd_token.c
 * (doc/protocol-v2.md 1.5, 2.3-2.5, 3.2).  One connection a session:
 * rune-keys daemon on keys/socket or, with no daemon running, a
 * `rune-keys prekeys` helper of the session's own (doc/design.md,
 * "Process layout"); opened at the first request, kept for the later
 * ones, logged in at most once. */
#ifndef KEYSC_H
#define KEYSC_H

#include <stddef.h>

struct session;

/* what a request needs of the connection */
#define KEYS_ANON	0	/* nothing: key, redeem, take-permit */
#define KEYS_LOGIN	1	/* a login as the session's address (its
				 * login proof or registration receipt),
				 * sent once, before the first such request */

/* sends req (a line with its LF) and data[0..len), on the session's
 * connection (made when there is none, logged in first when need is
 * KEYS_LOGIN and it is not yet); reads one answer.  0: "ok ..." with
 * what follows "ok" (the text after one space, or "") in ans[0..max),
 * NUL-ended; else the code of an "err" answer (400 to 499) or 451 (no
 * writer, a broken one, a refused login). */
int keys_ask(struct session *s, int need, char const *req,
    void const *data, size_t len, char *ans, size_t max);

/* ends the connection or helper, if any */
void keys_stop(struct session *s);

/* how long the connection is kept while the session waits for its
 * client: KEYS_HOLD_MS after its last answer, and never past
 * KEYS_HOLD_MAX_MS after it was made (a daemon's worker serves one
 * connection at a time: a client that thinks, or sends NOOPs, must not
 * keep one from the other sessions) */
#define KEYS_HOLD_MS		2000
#define KEYS_HOLD_MAX_MS	10000

/* the clock_ms until which the connection may be kept, or 0 when there
 * is none */
long long keys_hold_until(struct session const *s);

#endif
