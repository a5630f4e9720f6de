/* answer.h: the answers of the prekey protocol and the token writer
 * (rune-keys(8)): one line each on standard output, "ok ..." or
 * "err CODE text". */
#ifndef ANSWER_H
#define ANSWER_H

/* writes the line s (with its LF); a caller that is gone ends the
 * program (111) */
void answer_say(char const *s);

/* "err CODE text" for code (400, 404, 409, 411, 412, 417, 418, 420),
 * else "err 451 temporary failure" */
void answer_err(int code);

#endif
