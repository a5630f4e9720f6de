/* rcode.c: the reply codes of spec section 4. */
#include <stddef.h>

#include "rcode.h"

static struct rcode const codes[] = {
	{ 205, "<challenge> <server public key>", 0 },
	{ 210, "registered <address>", 0 },
	{ 220, "<nonce> <server public key>", 0 },
	{ 221, "bye", 1 },
	{ 230, "logged in <address>", 0 },
	{ 240, "<size>", 0 },
	{ 250, "ok", 0 },
	{ 340, "send <size> octets", 0 },
	{ 400, "syntax error", 0 },
	{ 401, "unknown command", 0 },
	{ 402, "wrong domain", 0 },
	{ 403, "address not available", 0 },
	{ 404, "no such address", 0 },
	{ 405, "free registration not available", 0 },
	{ 406, "invitation registration not available", 0 },
	{ 407, "invitation token invalid", 1 },
	{ 408, "invitation token expired", 1 },
	{ 409, "invalid public key", 0 },
	{ 410, "registration challenge failed", 1 },
	{ 411, "authentication required", 0 },
	{ 412, "authentication failed", 1 },
	{ 413, "message too large", 0 },
	{ 414, "line too long", 1 },
	{ 415, "no such message", 0 },
	{ 416, "mailbox full", 0 },
	{ 421, "closing: timeout, too many errors, or shutting down", 1 },
	{ 451, "temporary failure, nothing stored", 0 },
};

struct rcode const *
rcode_find(int code)
{
	size_t i;

	for (i = 0; i < sizeof codes / sizeof codes[0]; i++)
		if (codes[i].code == code)
			return &codes[i];
	return NULL;
}

int
rcode_closes(int code)
{
	struct rcode const *r = rcode_find(code);

	return r && r->closes;
}

char const *
rcode_text(int code)
{
	struct rcode const *r = rcode_find(code);

	return r ? r->text : "";
}
