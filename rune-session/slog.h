/* slog.h: the session's log lines (style 5). */
#ifndef SLOG_H
#define SLOG_H

struct session;

/* logs "rune-session: info: sid=... " and fmt, one line on stderr;
 * never an address */
void slog(struct session const *s, char const *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
