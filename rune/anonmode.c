/* anonmode.c: the mode of a message and the delay, as anonmode.h says. */
#include <stdio.h>
#include <string.h>

#include "anonmode.h"
#include "die.h"
#include "num.h"
#include "tokens.h"

int
anonmode_offered(struct home const *h)
{
	struct anoncaps ac;
	char line[256];

	if (!home_read_line(h, "tokens/anonsend", line, sizeof line))
		return 0;
	memset(&ac, 0, sizeof ac);
	return tokens_caps_line(&ac, line, strlen(line)) && ac.batch > 0;
}

uint64_t
anonmode_delay_max(struct home const *h)
{
	char line[64];
	uint64_t n;

	if (!home_read_line(h, "config/anondelay", line, sizeof line))
		return ANONMODE_DELAY_DEFAULT;
	if (!num_parse(&n, line, strlen(line)) || n > ANONMODE_DELAY_MAX)
		die(RUNE_EXIT_PERM, "config/anondelay: not 0..%u seconds: "
		    "%.50s", ANONMODE_DELAY_MAX, line);
	return n;
}
