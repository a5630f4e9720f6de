/* cmd_outbox.c: "rune outbox": the messages waiting to be sent
 * anonymously or refused (outbox.h): list them, send those due (or one),
 * send one identified, or drop one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "cmd.h"
#include "die.h"
#include "outbox.h"
#include "outboxpay.h"
#include "send.h"
#include "sentcopy.h"
#include "show.h"

#define USAGE "rune outbox [--send [--wait] [--identified] [ID] | " \
	"--drop ID]"

static void
list(struct cli *c)
{
	outbox_id *ids;
	uint64_t now = (uint64_t)time(NULL);
	struct outbox e;
	size_t n, k;

	ids = outbox_ids(&c->home, &n);
	for (k = 0; k < n; k++) {
		if (!outbox_read(&c->home, ids[k], &e))
			continue;
		show_printf("%s %s %s", e.id, e.to.s, e.state);
		if (e.notbefore > now)
			show_printf(" (due in %llu s)",
			    (unsigned long long)(e.notbefore - now));
		if (e.tries > 0)
			show_printf(" tries %llu",
			    (unsigned long long)e.tries);
		if (e.why[0] != '\0')
			show_printf(": %s", e.why);
		show_printf("\n");
		outbox_free(&e);
	}
	show_flush();
	if (n == 0)
		info("the outbox is empty");
	free(ids);
}

/* one entry sent with the login, after the warning (C2) */
static int
identified(struct cli *c, struct outbox *e)
{
	struct send_codes const sc = { RUNE_EXIT_PERM, RUNE_EXIT_PERM, 0,
	    NULL, 1, 0 };
	char ids[1][RUNE_ID_HEX_LEN + 1];
	unsigned char sk[RUNE_SK_LEN];
	struct addr me;

	cli_identity(c, &me, sk);
	sodium_memzero(sk, sizeof sk);
	send_identified_warning(&me, &e->to, 1);
	{
		struct msg2src src = { e->n, outbox_payload_read, e };

		send_payload_src(c, &src, &e->to, 1, ids, &sc);
	}
	show_printf("%s\n", ids[0]);
	show_flush();
	if (e->sent[0] != '\0') {
		sentcopy_deliver(e->sent, e->fd, e->off, e->n, &e->to, 1,
		    (char const (*)[RUNE_ID_HEX_LEN + 1])ids);
	}
	(void)outbox_drop(&c->home, e->id);
	return RUNE_EXIT_OK;
}

int
cmd_outbox(struct cli *c, int argc, char **argv)
{
	int i, send = 0, wait = 0, ident = 0, rc;
	char const *drop = NULL, *id = NULL;
	struct outbox e;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--send") == 0)
			send = 1;
		else if (strcmp(argv[i], "--wait") == 0)
			wait = 1;
		else if (strcmp(argv[i], "--identified") == 0)
			ident = 1;
		else if (strcmp(argv[i], "--drop") == 0 && i + 1 < argc)
			drop = argv[++i];
		else if (argv[i][0] != '-' && id == NULL)
			id = argv[i];
		else
			die_usage(USAGE);
	}
	if (drop != NULL) {
		if (send || wait || ident || id != NULL)
			die_usage(USAGE);
		if (!outbox_drop(&c->home, drop))
			die(RUNE_EXIT_PERM, "no message %s in the outbox",
			    drop);
		info("message %s dropped from the outbox, not sent", drop);
		return RUNE_EXIT_OK;
	}
	if (!send) {
		if (wait || ident || id != NULL)
			die_usage(USAGE);
		list(c);
		return RUNE_EXIT_OK;
	}
	if (ident && id == NULL)
		die(RUNE_EXIT_PERM, "--identified: for one message only; name "
		    "its ID (rune outbox lists them)");
	if (id == NULL)
		return outbox_run(c, wait);
	if (!outbox_read(&c->home, id, &e))
		die(RUNE_EXIT_PERM, "no message %s in the outbox", id);
	if (ident) {
		rc = identified(c, &e);
	} else {
		/* this one now, whatever its state and delay */
		rc = outbox_try(c, &e);
	}
	outbox_free(&e);
	return rc;
}
