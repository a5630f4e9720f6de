/* expiry.c: the expiry of messages on the server, as expiry.h says. */
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include <sodium.h>

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

#define ONCE_SLOTS (1U << 17)	/* messages remembered at most */
#define ONCE_LEN 16		/* octets of a slot: a hash, 0 when empty */

static unsigned char *once;	/* ONCE_SLOTS slots, shared with rounds */

void
expiry_once_init(void)
{
	void *p = mmap(NULL, (size_t)ONCE_SLOTS * ONCE_LEN,
	    PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		die_sys(RUNE_EXIT_TEMP, "unable to map the warnings' table");
	once = p;
}

int
expiry_once(struct home const *h, char const *id, char const *why)
{
	unsigned char k[ONCE_LEN], *slot;
	crypto_generichash_state st;
	uint64_t days = expiry_days(h);
	size_t i, n;

	if (once == NULL)
		return 1;
	crypto_generichash_init(&st, NULL, 0, sizeof k);
	crypto_generichash_update(&st, (unsigned char const *)id,
	    strlen(id) + 1);
	crypto_generichash_update(&st, (unsigned char const *)why,
	    strlen(why) + 1);
	crypto_generichash_update(&st, (unsigned char const *)&days,
	    sizeof days);
	crypto_generichash_final(&st, k, sizeof k);
	k[0] |= 1;	/* never all zero: that is an empty slot */
	i = ((size_t)k[1] << 16 | (size_t)k[2] << 8 | k[3]) % ONCE_SLOTS;
	for (n = 0; n < ONCE_SLOTS; n++, i = (i + 1) % ONCE_SLOTS) {
		slot = once + i * ONCE_LEN;
		if (slot[0] == 0) {
			memcpy(slot, k, sizeof k);
			return 1;
		}
		if (memcmp(slot, k, sizeof k) == 0)
			return 0;
	}
	return 1;	/* full: warn rather than forget */
}
