/* answer.c: the one answer writer of prekeys.c and tokserve.c. */
#include <string.h>

#include "answer.h"
#include "die.h"
#include "rune.h"
#include "writeall.h"

void
answer_say(char const *s)
{
	if (!writeall(1, s, strlen(s)))
		die_sys(RUNE_EXIT_TEMP, "unable to answer");
}

void
answer_err(int code)
{
	char const *s;

	switch (code) {
	case 400: s = "err 400 bad request\n"; break;
	case 404: s = "err 404 no such address\n"; break;
	case 409: s = "err 409 invalid prekey\n"; break;
	case 411: s = "err 411 address not active\n"; break;
	case 412: s = "err 412 login proof invalid\n"; break;
	case 417: s = "err 417 token invalid\n"; break;
	case 418: s = "err 418 no RUNE-2 keys for this address\n"; break;
	case 420: s = "err 420 limit reached\n"; break;
	case 426: s = "err 426 address too new for tokens\n"; break;
	default: s = "err 451 temporary failure\n"; break;
	}
	answer_say(s);
}
