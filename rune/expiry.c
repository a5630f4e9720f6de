/* expiry.c: the expiry of messages on the server, as expiry.h says. */
#include <string.h>
#include <time.h>

#include "die.h"
#include "expiry.h"
#include "num.h"

#define DAY 86400ULL

uint64_t
expiry_days(struct home const *h)
{
	char line[32];
	uint64_t d;

	if (home_read_line(h, "config/expire-days", line, sizeof line) &&
	    num_parse(&d, line, strlen(line)) && d > 0 && d < 36500)
		return d;
	return RUNE_EXPIRE_DAYS_DEFAULT;
}

int
expiry_soon(struct home const *h, struct received const *r)
{
	uint64_t now = (uint64_t)time(NULL), end;

	end = r->m.time + expiry_days(h) * DAY;
	return end < r->m.time || end < now + EXPIRY_WARN_DAYS * DAY;
}

int
expiry_fetched(struct home const *h, char const *id)
{
	char rel[RUNE_ID_HEX_LEN + 16], name[HOME_PATH_MAX];

	if (strlen(id) != RUNE_ID_HEX_LEN)
		return 0;
	memcpy(rel, "fetched/", 8);
	memcpy(rel + 8, id, RUNE_ID_HEX_LEN + 1);
	return home_read_line(h, rel, name, sizeof name);
}

void
expiry_warn(struct home const *h, size_t n, char const *what,
    char const *advice)
{
	warn("%zu %s message%s expire%s within %d days (the server keeps "
	    "messages %llu days): %s", n, what, n == 1 ? "" : "s",
	    n == 1 ? "s" : "", EXPIRY_WARN_DAYS,
	    (unsigned long long)expiry_days(h), advice);
}
