/* status.c: rune-admin status: aggregates only (no address, no mailbox
 * name): the domain, the registration mode, addresses and invitations by
 * state (read in process), the store's figures (rune-store stats) and
 * the free space of the domain's file system. */
#include <errno.h>
#include <grp.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "conf.h"
#include "die.h"
#include "keytab.h"

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
	else if (t->expires <= n->now)
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

/* in the child: root runs rune-store as the owner of store/ (rune-store
 * refuses root); then execve; never returns */
static _Noreturn void
stats_child(struct conf const *c, char const *path, int out)
{
	char root[1100], store[1100], *envp[3];
	char *argv[] = { (char *)path, "stats", 0 };
	char const *allow = getenv("RUNE_ALLOW_ROOT");
	struct stat st;
	int ne = 0, fd;

	snprintf(root, sizeof root, "RUNE_ROOT=%s", c->root);
	envp[ne++] = root;
	if (allow && strcmp(allow, "1") == 0)
		envp[ne++] = "RUNE_ALLOW_ROOT=1";
	envp[ne] = 0;
	snprintf(store, sizeof store, "%s/store", c->root);
	if (geteuid() == 0 && stat(store, &st) == 0 && st.st_uid != 0 &&
	    (setgroups(0, 0) < 0 || setgid(st.st_gid) < 0 ||
	    setuid(st.st_uid) < 0))
		_exit(RUNE_EXIT_TEMP);
	fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (fd < 0 || dup2(fd, 0) < 0 || dup2(out, 1) < 0)
		_exit(RUNE_EXIT_TEMP);
	execve(path, argv, envp);
	warn_sys("unable to run %s", path);
	_exit(RUNE_EXIT_TEMP);
}

/* runs rune-store stats; its output into buf (NUL-ended); 1 done */
static int
store_stats(struct conf const *c, char *buf, size_t max)
{
	char const *dir = getenv("RUNE_BINDIR");
	char path[1200];
	size_t have = 0;
	int p[2], st;
	pid_t pid;

	if (!dir || dir[0] != '/')
		dir = RUNE_BINDIR;
	if (snprintf(path, sizeof path, "%s/rune-store", dir) >=
	    (int)sizeof path)
		return warn("path too long: %s", dir), 0;
	if (pipe2(p, O_CLOEXEC) < 0)
		return warn_sys("unable to make a pipe"), 0;
	pid = fork();
	if (pid < 0)
		return warn_sys("unable to fork"), 0;
	if (pid == 0)
		stats_child(c, path, p[1]);
	close(p[1]);
	for (;;) {
		ssize_t r = read(p[0], buf + have, max - 1 - have);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		have += (size_t)r;
		if (have == max - 1)
			break;
	}
	buf[have] = 0;
	close(p[0]);
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return warn_sys("unable to wait for rune-store"), 0;
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		return warn("rune-store stats failed"), 0;
	return 1;
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

	if (argc == 3 && strcmp(argv[1], "--root") == 0)
		conf_load_root(&c, argv[2]);
	else if (argc == 1)
		conf_load(&c);
	else
		die_usage(USAGE);
	memset(&n, 0, sizeof n);
	n.now = (unsigned long long)time(0);
	if (keytab_each_addr(c.root, count_addr, &n) < 0 ||
	    keytab_each_token(c.root, count_token, &n) < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to read the key table");
	if (statvfs(c.root, &vfs) < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to read the file system of %s",
		    c.root);
	if (printf("domain %s\nregistration %s\n"
	    "addresses_active %llu\naddresses_disabled %llu\n"
	    "addresses_reserved %llu\ninvitations_valid %llu\n"
	    "invitations_expired %llu\ninvitations_used %llu\n"
	    "invitations_revoked %llu\n", c.domain, mode(&c), n.active,
	    n.disabled, n.reserved, n.valid, n.expired, n.used,
	    n.revoked) < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to write");
	if (!store_stats(&c, stats, sizeof stats) || !print_stats(stats))
		ok = 0;
	if (printf("disk_free_bytes %llu\ndisk_free_inodes %llu\n",
	    (unsigned long long)vfs.f_bavail * vfs.f_frsize,
	    (unsigned long long)vfs.f_favail) < 0 || fflush(stdout) != 0)
		die_sys(RUNE_EXIT_TEMP, "unable to write");
	if (!ok)
		die(RUNE_EXIT_TEMP, "unable to read the store's figures");
	return RUNE_EXIT_OK;
}
