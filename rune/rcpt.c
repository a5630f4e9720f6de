/* rcpt.c: a receiver's address, as rcpt.h says. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "die.h"
#include "rcpt.h"

/* the own domain into dom (from config/address); "" when unknown */
static void
own_domain(struct cli *c, char dom[RUNE_ADDR_MAX + 2])
{
	char text[RUNE_ADDR_MAX + 2];
	struct addr me;

	dom[0] = '\0';
	if (home_read_line(&c->home, "config/address", text, sizeof text) &&
	    addr_parse(&me, text, strlen(text)))
		snprintf(dom, RUNE_ADDR_MAX + 2, "%s", me.s + me.at + 1);
}

int
rcpt_parse(struct cli *c, struct addr *a, char const *s, size_t n,
    char why[RCPT_WHY_MAX])
{
	char dom[RUNE_ADDR_MAX + 2];
	char const *at = memchr(s, '@', n);

	own_domain(c, dom);
	if (at == NULL && n > 0 && n <= RUNE_ADDR_MAX && dom[0] != '\0') {
		char full[2 * RUNE_ADDR_MAX + 4];
		struct addr t;

		snprintf(full, sizeof full, "%.*s@%s", (int)n, s, dom);
		if (addr_parse(&t, full, strlen(full))) {
			snprintf(why, RCPT_WHY_MAX, "%.*s is not an address: "
			    "did you mean %s?", (int)n, s, t.s);
			return 0;
		}
	}
	if (at != NULL && dom[0] != '\0' &&
	    ((size_t)(s + n - at - 1) != strlen(dom) ||
	    strncasecmp(at + 1, dom, strlen(dom)) != 0)) {
		snprintf(why, RCPT_WHY_MAX, "%.*s is not an address of %s: "
		    "RUNE carries mail within one domain", (int)(n > 200 ?
		    200 : n), s, dom);
		return 0;
	}
	if (!addr_parse(a, s, n)) {
		snprintf(why, RCPT_WHY_MAX, "not an address: %.*s (an address "
		    "is user@%s)", (int)(n > 200 ? 200 : n), s,
		    dom[0] != '\0' ? dom : "domain");
		return 0;
	}
	return 1;
}

int
rcpt_parse_local(struct cli *c, struct addr *a, char const *s, size_t n,
    char why[RCPT_WHY_MAX])
{
	char dom[RUNE_ADDR_MAX + 2], full[2 * RUNE_ADDR_MAX + 4];

	own_domain(c, dom);
	if (memchr(s, '@', n) == NULL && n > 0 && n <= RUNE_ADDR_MAX &&
	    dom[0] != '\0') {
		snprintf(full, sizeof full, "%.*s@%s", (int)n, s, dom);
		if (addr_parse(a, full, strlen(full)))
			return 1;
	}
	return rcpt_parse(c, a, s, n, why);
}

void
cli_receiver(struct cli *c, struct addr *a, char const *s)
{
	char why[RCPT_WHY_MAX];

	if (!rcpt_parse(c, a, s, strlen(s), why))
		die(RUNE_EXIT_PERM, "%s", why);
}
