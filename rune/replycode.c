/* replycode.c: the reply codes of section 4 in words a user can act on. */
#include <stddef.h>

#include "replycode.h"
#include "rune.h"

static struct {
	int code;
	char const *text;
} const texts[] = {
	{ 400, "the server did not understand the request (syntax error)" },
	{ 401, "the server does not know this command" },
	{ 402, "the address is not in the server's domain (RUNE carries "
	    "mail within one domain: this server serves another; check "
	    "--server and the address)" },
	{ 403, "the address is not available: someone holds it, or it is "
	    "reserved since its owner left; if it is yours, ask the "
	    "server's administrator to release it (rune-admin free "
	    "ADDRESS)" },
	{ 404, "no such address" },
	{ 405, "this server does not offer free registration "
	    "(ask its administrator for an invitation)" },
	{ 406, "this server does not offer registration by invitation" },
	{ 407, "the invitation token is invalid (unknown, used, revoked, "
	    "or for another address)" },
	{ 408, "the invitation token has expired" },
	{ 409, "the server refused the public key as invalid" },
	{ 410, "the registration challenge failed" },
	{ 411, "authentication required" },
	{ 412, "authentication failed: the address is not registered on "
	    "this server (another domain's server?), it has another key, or "
	    "the administrator disabled it" },
	{ 413, "message too large" },
	{ 414, "line too long" },
	{ 415, "no such message" },
	{ 416, "the mailbox is full" },
	{ 417, "the token was refused (invalid, spent already, or of an "
	    "epoch the server no longer takes)" },
	{ 418, "the receiver has no current RUNE-2 keys" },
	{ 420, "a limit of the server is reached; try again later" },
	{ 422, "the server refuses identified sends: its administrator "
	    "turned them off (NOIDSEND); send anonymously (the default "
	    "where the server offers it)" },
	{ 421, "the server closed the connection (timeout, too many errors, "
	    "or shutting down); try again later" },
	{ 451, "temporary failure on the server; try again later" },
};

char const *
replycode_text(int code)
{
	size_t i;

	for (i = 0; i < sizeof texts / sizeof texts[0]; i++)
		if (texts[i].code == code)
			return texts[i].text;
	if (code >= 500)
		return "the server failed; try again later";
	return "unexpected reply";
}

int
replycode_exit(int code)
{
	if (code >= 400 && code < 500 && code != 421 && code != 451)
		return RUNE_EXIT_PERM;
	return RUNE_EXIT_TEMP;
}
