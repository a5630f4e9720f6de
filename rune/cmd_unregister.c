/* cmd_unregister.c: "rune unregister": removes the address, its key and
 * its messages from the server (section 10), after asking on the
 * terminal unless --yes. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "cli.h"
#include "cmd.h"
#include "die.h"
#include "show.h"

#define USAGE "rune unregister [--yes]"

/* asks on /dev/tty; 1 when the user types "yes" */
static int
confirm(struct addr const *a, struct hostport const *hp)
{
	char q[512], ans[16];
	size_t len = 0;
	int fd, n;

	fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		die(RUNE_EXIT_PERM, "no terminal to confirm on: give --yes to "
		    "unregister %s", a->s);
	n = snprintf(q, sizeof q, "Remove %s and all its messages from %s? "
	    "The address stays reserved. Type yes to go on: ", a->s, hp->name);
	if (n < 0 || (size_t)n >= sizeof q || write(fd, q, (size_t)n) != n)
		die_sys(RUNE_EXIT_TEMP, "unable to write to the terminal");
	while (len < sizeof ans) {
		ssize_t r = read(fd, ans + len, 1);

		if (r <= 0 || ans[len] == '\n')
			break;
		len++;
	}
	close(fd);
	return len == 3 && memcmp(ans, "yes", 3) == 0;
}

int
cmd_unregister(struct cli *c, int argc, char **argv)
{
	unsigned char sk[RUNE_SK_LEN];
	struct hostport const *hp;
	struct conn cn;
	struct addr a;
	int yes = 0;

	if (argc == 2 && strcmp(argv[1], "--yes") == 0)
		yes = 1;
	else if (argc != 1)
		die_usage(USAGE);
	cli_identity(c, &a, sk);
	hp = cli_server(c);
	if (!yes && !confirm(&a, hp)) {
		sodium_memzero(sk, sizeof sk);
		die(RUNE_EXIT_PERM, "not confirmed: nothing was removed");
	}
	conn_open(&cn, &c->home, hp, c->timeout);
	cli_login(&cn, &a, sk);
	sodium_memzero(sk, sizeof sk);
	conn_send(&cn, "UNREGISTER");
	if (conn_reply(&cn) != 221)
		conn_fail(&cn, "unregister");
	conn_close(&cn);
	show_printf("unregistered %s\n", a.s);
	show_flush();
	return RUNE_EXIT_OK;
}
