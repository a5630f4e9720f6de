/* prekeys.h: the session's side of the prekey protocol (rune-keys(8)):
 * requests to the writer of key material, rune-keys daemon on
 * keys/socket, or, with no daemon running, a rune-keys prekeys helper of
 * the session's own (doc/design.md, "Process layout"), for the v2
 * commands of cmd_prekey.c (doc/protocol-v2.md 1.5, 3.2). */
#ifndef PREKEYS_H
#define PREKEYS_H

#include <stddef.h>

struct session;

/* sends req (a line with its LF) and data[0..len), after the login of
 * the session's address when the connection is new; reads one answer.
 * 0: "ok ..." with what follows "ok" (the text after one space, or "")
 * in ans[0..max), NUL-ended; else the code of an "err" answer (404, 409,
 * 418, 420) or 451 (no writer, a broken one, a refused login). */
int prekeys_ask(struct session *s, char const *req, void const *data,
    size_t len, char *ans, size_t max);

/* ends the connection or helper, if any */
void prekeys_stop(struct session *s);

#endif
