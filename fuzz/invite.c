/* invite.c: fuzz target: the client's invitation token or URI
 * (rune/invite.c), with its HOST[:PORT] (rune/hostport.c). */
#include <stdlib.h>
#include <string.h>

#include "hostport.h"
#include "fuzz.h"
#include "invite.h"

int
LLVMFuzzerTestOneInput(uint8_t const *data, size_t size)
{
	struct invite iv;
	struct hostport hp;
	char *s = malloc(size + 1);

	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	if (invite_parse(&iv, s)) {
		if (strlen(iv.token) > INVITE_TOKEN_MAX)
			__builtin_trap();
		if (iv.uri && (!iv.hp.name[0] || !iv.hp.port[0]))
			__builtin_trap();
	}
	if (hostport_parse(&hp, (char const *)data, size)) {
		struct hostport again;

		/* the canonical name parses to itself */
		if (!hostport_parse(&again, hp.name, strlen(hp.name)) ||
		    strcmp(again.name, hp.name))
			__builtin_trap();
	}
	free(s);
	return 0;
}
