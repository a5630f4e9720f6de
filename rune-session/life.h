/* life.h: a session's life: its secrets wiped, its end, its failure. */
#ifndef LIFE_H
#define LIFE_H

struct session;

/* wipes every secret the session holds: the server key, the pending
 * challenge, nonces, the invitation token, the login proof, the receipt */
void session_wipe(struct session *s);

/* milliseconds since the session started */
long session_ms(struct session const *s);

/* the session ends normally: the store helper stopped, the end logged
 * (reason, time, commands, refusals, memory), the secrets wiped */
void session_end(struct session *s);

/* the session fails: 421 (or 451; 0: no reply, the connection is
 * broken), log, wipe, exit 111 */
_Noreturn void session_fail(struct session *s, int code, char const *why);

#endif
