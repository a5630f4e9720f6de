/* status.c: rune-admin status: aggregates only (no address, no mailbox
 * name): the domain, the registration mode, addresses and invitations by
 * state (read in process), the store's figures (rune-store stats) and
 * the free space of the domain's file system. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "cmd.h"
#include "conf.h"
#include "die.h"
#include "root.h"
#include "keytab.h"
#include "store-run.h"

#define USAGE "rune-admin status [--root DIR]"
#define STATS_MAX 512	/* octets of rune-store stats output kept */

struct counts {
	unsigned long long active, disabled, reserved;
	unsigned long long valid, expired, used, revoked;
	unsigned long long now;
};

static int
count_addr(void *ctx, struct addr const *a, struct keyrec const *r)
{
	struct counts *n = ctx;

	(void)a;
	if (r->state == KEYTAB_ACTIVE)
		n->active++;
	else if (r->state == KEYTAB_DISABLED)
		n->disabled++;
	else
		n->reserved++;
	return 1;
}

static int
count_token(void *ctx, struct tokrec const *t)
{
	struct counts *n = ctx;

	if (t->state == KEYTAB_USED)
		n->used++;
	else if (t->state == KEYTAB_REVOKED)
		n->revoked++;
	else if (t->state == KEYTAB_EXPIRED || t->expires <= n->now)
		n->expired++;
	else
		n->valid++;
	return 1;
}

static char const *
mode(struct conf const *c)
{
	if (c->reg_free && c->reg_invite)
		return "both";
	if (c->reg_free)
		return "free";
	return c->reg_invite ? "invite" : "off";
}

/* prints the lines "word digits" of rune-store stats; 1 done */
static int
print_stats(char const *buf)
{
	char const *p = buf;
	int lines = 0;

	while (*p) {
		char const *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		size_t i = 0;

		while (i < n && ((p[i] >= 'a' && p[i] <= 'z') || p[i] == '_'))
			i++;
		if (i == 0 || i == n || p[i] != ' ' || i + 1 == n ||
		    strspn(p + i + 1, "0123456789") != n - i - 1)
			return warn("rune-store stats: unexpected output"), 0;
		if (printf("store_%.*s\n", (int)n, p) < 0)
			return 0;
		lines++;
		p += n + (nl ? 1 : 0);
	}
	return lines > 0;
}

int
cmd_status(int argc, char **argv)
{
	struct counts n;
	struct conf c;
	struct statvfs vfs;
	char stats[STATS_MAX];
	int ok = 1;

	admin_root_only(&c, argc, argv, USAGE);
	memset(&n, 0, sizeof n);
	n.now = (unsigned long long)clock_now();
	if (keytab_each_addr(c.root, count_addr, &n) < 0 ||
	    keytab_each_token(c.root, count_token, &n) < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to read the key table");
	if (statvfs(c.root, &vfs) < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to read the file system of %s",
		    c.root);
	if (printf("domain %s\nregistration %s\nprekeys %u\n"
	    "addresses_active %llu\naddresses_disabled %llu\n"
	    "addresses_reserved %llu\ninvitations_valid %llu\n"
	    "invitations_expired %llu\ninvitations_used %llu\n"
	    "invitations_revoked %llu\n", c.domain, mode(&c), c.prekeys,
	    n.active,
	    n.disabled, n.reserved, n.valid, n.expired, n.used,
	    n.revoked) < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to write");
	if (!store_run(&c, "stats", stats, sizeof stats) ||
	    !print_stats(stats))
		ok = 0;
	if (printf("disk_free_bytes %llu\ndisk_free_inodes %llu\n",
	    (unsigned long long)vfs.f_bavail * vfs.f_frsize,
	    (unsigned long long)vfs.f_favail) < 0 || fflush(stdout) != 0)
		die_sys(RUNE_EXIT_TEMP, "unable to write");
	if (!ok)
		die(RUNE_EXIT_TEMP, "unable to read the store's figures");
	return RUNE_EXIT_OK;
}
