/* cmd_read.c: "rune list", "rune read ID" and "rune delete ID". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "cli.h"
#include "die.h"
#include "hdrfix.h"
#include "hexid.h"
#include "out.h"
#include "pin.h"
#include "remote.h"
#include "rx.h"

/* logs in as the own identity; me set */
static void
start(struct cli *c, struct conn *cn, struct addr *me,
    unsigned char sk[RUNE_SK_LEN])
{
	cli_identity(c, me, sk);
	conn_open(cn, &c->home, cli_server(c), c->timeout);
	cli_login(cn, me, sk);
}

int
cmd_list(struct cli *c, int argc, char **argv)
{
	unsigned char sk[RUNE_SK_LEN];
	struct remote_ent *v = NULL;
	struct conn cn;
	struct addr me;
	size_t i, n;

	(void)argv;
	if (argc != 1)
		die_usage("rune list");
	start(c, &cn, &me, sk);
	sodium_memzero(sk, sizeof sk);
	n = remote_list(&cn, &v);
	for (i = 0; i < n; i++)
		out_printf("%s %llu\n", v[i].id,
		    (unsigned long long)v[i].size);
	free(v);
	out_flush();
	conn_quit(&cn);
	return RUNE_EXIT_OK;
}

/* the id argument, checked */
static char const *
id_arg(int argc, char **argv, char const *usage)
{
	unsigned char raw[RUNE_ID_LEN];

	if (argc != 2)
		die_usage(usage);
	if (!hexid_parse(raw, argv[1], strlen(argv[1])))
		die(RUNE_EXIT_PERM, "not a message id (64 lowercase hex "
		    "digits): %.100s", argv[1]);
	return argv[1];
}

int
cmd_read(struct cli *c, int argc, char **argv)
{
	char const *id = id_arg(argc, argv, "rune read ID");
	unsigned char sk[RUNE_SK_LEN];
	char date[64];
	struct conn cn;
	struct buf head = { 0 };
	struct addr me;
	struct rx r;
	size_t body;

	start(c, &cn, &me, sk);
	switch (rx_get(&r, &cn, id, &me, sk)) {
	case RX_GONE:
		conn_quit(&cn);
		die(RUNE_EXIT_PERM, "read: no such message: %s", id);
	case RX_KEYCHANGED: {
		char what[RUNE_ADDR_MAX + 40], cmd[RUNE_ADDR_MAX + 200];

		conn_quit(&cn);
		snprintf(what, sizeof what, "KEY OF ADDRESS %s",
		    r.m.sender.s);
		pin_addr_repin(cmd, sizeof cmd, &r.m.sender, r.seen);
		pin_mismatch(what, r.pinned, r.seen, cmd);
	}
	case RX_REJECTED: {
		char why[600], cmd[300];

		conn_quit(&cn);
		rx_explain(&r, id, why, sizeof why, cmd, sizeof cmd);
		die(RUNE_EXIT_PERM, "message %s not shown: %s; it stays in the "
		    "mailbox (to remove it: %s)", id, why, cmd);
	}
	default:
		break;
	}
	sodium_memzero(sk, sizeof sk);
	conn_quit(&cn);
	out_date(date, r.m.time);
	/* the checked block, then the payload with its header fixed as in
	 * a Maildir (hdrfix.h): nothing in it passes for the block */
	out_printf("From: %s\nDate: %s\nVerified: %s\n\n", r.m.sender.s, date,
	    rx_verified(&r));
	body = hdrfix(&head, r.m.payload, r.m.paylen);
	if (head.len > 1)	/* not only the empty line: a header */
		out_safe(head.s, head.len);
	out_safe(r.m.payload + body, r.m.paylen - body);
	out_flush();
	buf_free(&head);
	rx_free(&r);
	return RUNE_EXIT_OK;
}

int
cmd_delete(struct cli *c, int argc, char **argv)
{
	char const *id = id_arg(argc, argv, "rune delete ID");
	unsigned char sk[RUNE_SK_LEN];
	struct conn cn;
	struct addr me;

	start(c, &cn, &me, sk);
	sodium_memzero(sk, sizeof sk);
	if (!remote_delete(&cn, id)) {
		conn_quit(&cn);
		die(RUNE_EXIT_PERM, "delete: no such message: %s", id);
	}
	out_printf("deleted %s\n", id);
	out_flush();
	conn_quit(&cn);
	return RUNE_EXIT_OK;
}
