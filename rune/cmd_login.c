/* cmd_login.c: "rune login" (section 8) and "rune key ADDRESS" (KEY,
 * with the answer pinned on first use and checked ever after). */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "cli.h"
#include "cmd.h"
#include "die.h"
#include "fpr.h"
#include "key.h"
#include "pin.h"
#include "show.h"

int
cmd_login(struct cli *c, int argc, char **argv)
{
	unsigned char sk[RUNE_SK_LEN];
	struct conn cn;
	struct addr a;

	(void)argv;
	if (argc != 1)
		die_usage("rune login");
	cli_identity(c, &a, sk);
	conn_open(&cn, &c->home, cli_server(c), c->timeout);
	cli_login(&cn, &a, sk);
	sodium_memzero(sk, sizeof sk);
	show_printf("logged in %s\n", a.s);
	show_flush();
	conn_quit(&cn);
	return RUNE_EXIT_OK;
}

int
cmd_key(struct cli *c, int argc, char **argv)
{
	unsigned char sk[RUNE_SK_LEN], pk[RUNE_PK_LEN], fp[RUNE_FPR_LEN];
	char line[RUNE_LINE_MAX], ktext[RUNE_KEY_TEXT_LEN + 1];
	char ftext[RUNE_FPR_TEXT_LEN + 1];
	struct addr me, who, got;
	struct conn cn;
	struct tok v[3];

	if (argc != 2)
		die_usage("rune key ADDRESS");
	if (!addr_parse(&who, argv[1], strlen(argv[1])))
		die(RUNE_EXIT_PERM, "not an address: %.200s", argv[1]);
	cli_identity(c, &me, sk);
	conn_open(&cn, &c->home, cli_server(c), c->timeout);
	cli_login(&cn, &me, sk);
	sodium_memzero(sk, sizeof sk);
	snprintf(line, sizeof line, "KEY %s", who.s);
	conn_send(&cn, line);
	if (conn_reply(&cn) != 250)
		conn_fail(&cn, "key");
	if (conn_args(&cn, v, 3) != 2 || !addr_parse(&got, v[0].s, v[0].len) ||
	    strcmp(got.s, who.s) != 0 || !key_parse(pk, v[1].s, v[1].len))
		die(RUNE_EXIT_TEMP, "key: malformed 250 from %s", cn.hp.name);
	conn_quit(&cn);
	pin_addr_key(&c->home, &who, pk);
	key_fmt(ktext, pk);
	fpr_make(fp, pk, sizeof pk);
	fpr_fmt(ftext, fp);
	show_printf("address %s\nkey %s\nfingerprint %s\n", who.s, ktext,
	    ftext);
	show_flush();
	return RUNE_EXIT_OK;
}
