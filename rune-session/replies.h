/* replies.h: what the session sends (spec section 4). */
#ifndef REPLIES_H
#define REPLIES_H

#include <stddef.h>

struct session;

/* sends "code text" and counts a refusal for 4xx; codes that close the
 * connection (lib/rcode.c) set s->closing; a write that fails ends the
 * session (session_fail) */
void reply(struct session *s, int code, char const *text);

/* as reply, without the final line: "code-text" */
void reply_more(struct session *s, int code, char const *text);

/* sends n raw octets (after a 240 line); 1 done, 0 failed */
int reply_raw(struct session *s, void const *buf, size_t n);

/* the reply to a helper's refusal, from one table: rune-keys' exit
 * codes 101-103 (rune-keys(8)) and rune-store's answer codes (404, 413,
 * 415, 416) get their own reply with the spec's text; anything else (100,
 * 111, an unknown code, a signal, a 451) gets 451 with text fail */
void reply_refusal(struct session *s, int verdict, char const *fail);

#endif
