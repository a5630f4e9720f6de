/* expiry.h: when a message on the server expires, for the warnings of
 * list (unread messages) and fetch (held-back ones).  The server does
 * not announce how long it keeps messages: config/expire-days says, else
 * rune-admin's default (doc/decisions.md). */
#ifndef EXPIRY_H
#define EXPIRY_H

#include <stddef.h>
#include <stdint.h>
#include "home.h"
#include "received.h"

#define EXPIRY_WARN_DAYS 3	/* warn so long before a message expires */

/* the days the server keeps a message: config/expire-days, else
 * RUNE_EXPIRE_DAYS_DEFAULT */
uint64_t expiry_days(struct home const *h);

/* 1: message r, whose envelope opened (its server time known), expires
 * within EXPIRY_WARN_DAYS days from now (or has expired) */
int expiry_soon(struct home const *h, struct received const *r);

/* 1: message id is safe from expiry here: delivered into a Maildir by
 * fetch (fetched/ID in the home) */
int expiry_fetched(struct home const *h, char const *id);

/* the warning for n (> 0) messages that expire soon: "N WHAT
 * message(s) expire(s) within 3 days (the server keeps messages D days):
 * ADVICE" */
void expiry_warn(struct home const *h, size_t n, char const *what,
    char const *advice);

/* a run's memory of the held-back messages warned of, so that fetch
 * --watch warns of each once (and again only when its reason or the
 * expiry days change): a table in a shared mapping, made before the
 * watch forks its rounds; exits 111 when it cannot be made */
void expiry_once_init(void);

/* 1: message id, held back for why, was not warned of yet in this run
 * (it is recorded now); always 1 without expiry_once_init */
int expiry_once(struct home const *h, char const *id, char const *why);

#endif
