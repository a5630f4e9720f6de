/* cmd_capabilities.c: "rune capabilities": what the server offers (section 11).
 * Needs no identity: it works before rune init. */
#include <stdio.h>

#include "cli.h"
#include "cmd.h"
#include "die.h"
#include "show.h"

#define USAGE "rune [--server HOST[:PORT]] capabilities"

int
cmd_capabilities(struct cli *c, int argc, char **argv)
{
	struct conn cn;
	int i;

	(void)argv;
	if (argc != 1)
		die_usage(USAGE);
	conn_open(&cn, &c->home, cli_server(c), c->timeout);
	conn_send(&cn, "CAPABILITIES");
	if (conn_reply(&cn) != 250)
		conn_fail(&cn, "capabilities");
	/* the last line is the "ok" that ends the list */
	for (i = 0; i + 1 < cn.rep.nlines; i++)
		show_printf("%s\n", cn.rep.text[i]);
	if (cn.rep.total > cn.rep.nlines)
		warn("%ld capability lines, only %d shown", cn.rep.total - 1,
		    cn.rep.nlines - 1);
	if (fflush(stdout) != 0)
		die_sys(RUNE_EXIT_TEMP, "unable to write");
	conn_quit(&cn);
	return RUNE_EXIT_OK;
}
