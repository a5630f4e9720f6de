/* rcpt.h: a receiver's address as a user types it, checked with a
 * sentence that says what to do: a bare user name (the own domain is
 * suggested), another domain (RUNE carries mail within one domain). */
#ifndef RCPT_H
#define RCPT_H

#include <stddef.h>
#include "addr.h"
#include "cli.h"

#define RCPT_WHY_MAX 400

/* 1: *a holds s[0..n) canonical, an address of the own domain; 0: why
 * holds the sentence */
int rcpt_parse(struct cli *c, struct addr *a, char const *s, size_t n,
    char why[RCPT_WHY_MAX]);

/* as rcpt_parse, but a bare user name (no '@') is that user of the own
 * domain, as sendmail takes an unqualified name for a local user (rune
 * sendmail: git send-email refuses an address whose domain has no dot,
 * as no RUNE domain has) */
int rcpt_parse_local(struct cli *c, struct addr *a, char const *s,
    size_t n, char why[RCPT_WHY_MAX]);

#endif
