/* msgarg.c: a message argument resolved, as msgarg.h says. */
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "buf.h"
#include "cache.h"
#include "msgarg.h"
#include "remote.h"

int
msgarg(struct cli *c, struct conn *cn, char const *arg,
    struct addr const *me, unsigned char const sk[RUNE_SK_LEN],
    char id[RUNE_ID_HEX_LEN + 1])
{
	struct remote_ent *v = NULL;
	uint64_t size;
	size_t n = 0;
	int online = 0, fd;

	if (cache_arg_prefix(arg)) {
		conn_open(cn, &c->home, cli_server(c), c->timeout);
		cli_login(cn, me, sk);
		online = 1;
		n = remote_list(cn, &v);
	}
	cache_resolve(&c->home, arg, v, n, id);
	free(v);
	/* only whether the cache holds it: a large one is not read here */
	if (!online && cache_open(&c->home, id, &fd, &size)) {
		close(fd);
	} else if (!online) {
		conn_open(cn, &c->home, cli_server(c), c->timeout);
		cli_login(cn, me, sk);
		online = 1;
	}
	return online;
}
