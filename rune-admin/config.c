/* config.c: rune-admin config [NAME [VALUE|--default]]: the settings of
 * control/, as postconf shows main.cf's.  Without NAME, every setting:
 * NAME VALUE SOURCE, SOURCE being control/NAME, default, or $RUNE_NAME
 * (set in this shell, which overrides the file for this command only).
 * A VALUE is checked by lib/conf.c itself, on a scratch copy of control/
 * in a child, before control/NAME is replaced. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "afile.h"
#include "cmd.h"
#include "conf.h"
#include "die.h"
#include "num.h"
#include "root.h"
#include "tok.h"

#define USAGE "rune-admin config [--root DIR] [NAME [VALUE|--default]]"

/* every setting of lib/conf.c, in doc/design.md's order */
static char const *const names[] = {
	"domain", "welcome", "registration", "maxsize", "idle", "refusals",
	"quota_messages", "quota_bytes", "expire_days", "handshake", "host",
	"port", "sessionmax", "prekeys", "prekey_perday", "prekey_perhour",
	"anonsend", "anoncap", "noidsend", "anonwait", "anonperday_open",
	"anonperday_invite",
};
#define NNAMES (sizeof names / sizeof names[0])

static int set(char const *root, int i, char const *v);

static int
find(char const *name)
{
	size_t i;

	for (i = 0; i < NNAMES; i++)
		if (strcmp(names[i], name) == 0)
			return (int)i;
	die(RUNE_EXIT_PERM, "unknown setting: %.40s (rune-admin config lists "
	    "them)", name);
}

/* the value conf_load gave setting i, as text */
static void
value(char *out, size_t max, struct conf const *c, int i)
{
	uint64_t n = 0;

	switch (i) {
	case 0: snprintf(out, max, "%s", c->domain); return;
	case 1: snprintf(out, max, "%s", c->welcome); return;
	case 2:
		snprintf(out, max, "%s", c->reg_free ? (c->reg_invite ? "both" :
		    "free") : c->reg_invite ? "invite" : "off");
		return;
	case 3: n = c->maxsize; break;
	case 4: n = c->idle; break;
	case 5: n = c->refusals; break;
	case 6: n = c->quota_messages; break;
	case 7: n = c->quota_bytes; break;
	case 8: n = c->expire_days; break;
	case 9: n = c->handshake; break;
	case 10: snprintf(out, max, "%s", c->host); return;
	case 11: n = c->port; break;
	case 12: n = c->sessionmax; break;
	case 13: n = c->prekeys; break;
	case 14: n = c->prekey_perday; break;
	case 15: n = c->prekey_perhour; break;
	case 16:
		if (c->anon_batch == 0)
			snprintf(out, max, "off");
		else
			snprintf(out, max, "%u %u %u", c->anon_batch,
			    c->anon_perday, c->anon_epochdays);
		return;
	case 17: n = c->anon_cap; break;
	case 18: n = c->noidsend; break;
	case 19: n = c->anon_wait; break;
	case 20: n = c->anon_perday_open; break;
	case 21: n = c->anon_perday_invite; break;
	}
	snprintf(out, max, "%llu", (unsigned long long)n);
}

/* where setting i comes from */
static char const *
source(char *out, size_t max, struct conf const *c, int i)
{
	char env[64], path[1200];
	size_t k;

	snprintf(env, sizeof env, "RUNE_%s", names[i]);
	for (k = 5; env[k]; k++)
		if (env[k] >= 'a' && env[k] <= 'z')
			env[k] -= 32;
	if (getenv(env)) {
		snprintf(out, max, "$%s", env);
		return out;
	}
	snprintf(path, sizeof path, "%s/control/%s", c->root, names[i]);
	if (access(path, F_OK) == 0) {
		snprintf(out, max, "control/%s", names[i]);
		return out;
	}
	if (errno != ENOENT)
		die_sys(RUNE_EXIT_TEMP, "unable to check %s", path);
	return "default";
}

static int
show(struct conf const *c, int only)
{
	char v[CONF_WELCOME_MAX + CONF_HOST_MAX + 2], src[80];
	size_t i;

	for (i = 0; i < NNAMES; i++) {
		if (only >= 0 && (size_t)only != i)
			continue;
		value(v, sizeof v, c, (int)i);
		if (only >= 0)
			printf("%s\n", v);
		else
			printf("%-15s %-24s %s\n", names[i], v,
			    source(src, sizeof src, c, (int)i));
	}
	if (fflush(stdout) != 0 || ferror(stdout))
		die_sys(RUNE_EXIT_TEMP, "unable to write");
	return RUNE_EXIT_OK;
}

/* in a child, lib/conf.c reads a scratch domain holding the domain and
 * NAME = text, with no $RUNE_ override: its verdict (and its message)
 * is the check; 1 valid */
static int
check(char const *root, int i, char const *text)
{
	char tmpl[] = "/tmp/rune-config.XXXXXX", ctl[64], d[80], env[64];
	char dom[RUNE_ADDR_PART_MAX + 2], path[1200];
	size_t k, dlen = 0;
	int st, good;
	pid_t pid;

	snprintf(path, sizeof path, "%s/control/domain", root);
	if (afile_read(path, dom, sizeof dom - 1, &dlen) != 1)
		die(RUNE_EXIT_PERM, "%s: no domain here (rune-admin init makes "
		    "one)", root);
	dom[dlen] = 0;
	if (!mkdtemp(tmpl))
		die_sys(RUNE_EXIT_TEMP, "unable to make a scratch directory");
	snprintf(ctl, sizeof ctl, "%s/control", tmpl);
	good = mkdir(ctl, 0700) == 0 &&
	    afile_write(ctl, "domain", dom, strlen(dom), 0600) &&
	    (i == 0 || afile_write(ctl, names[i], text, strlen(text), 0600)) &&
	    /* anonsend needs prekeys, noidsend anonsend: the value alone is
	     * checked here (the session checks them together) */
	    (i != 16 || afile_write(ctl, "prekeys", "200", 3, 0600)) &&
	    (i != 18 || (afile_write(ctl, "prekeys", "200", 3, 0600) &&
	    afile_write(ctl, "anonsend", "on", 2, 0600)));
	if (!good) {
		warn_sys("unable to write in %s", ctl);
		st = -1;
	} else if ((pid = fork()) < 0) {
		warn_sys("unable to fork");
		st = -1;
	} else if (pid == 0) {
		struct conf t;

		for (k = 0; k < NNAMES; k++) {
			snprintf(env, sizeof env, "RUNE_%s", names[k]);
			for (char *p = env; *p; p++)
				if (*p >= 'a' && *p <= 'z')
					*p -= 32;
			unsetenv(env);
		}
		conf_load_root(&t, tmpl);
		_exit(0);
	} else {
		while (waitpid(pid, &st, 0) < 0)
			if (errno != EINTR)
				die_sys(RUNE_EXIT_TEMP, "unable to wait");
	}
	snprintf(d, sizeof d, "%s/%s", ctl, names[i]);
	unlink(d);
	snprintf(d, sizeof d, "%s/prekeys", ctl);
	if (i == 16 || i == 18)
		unlink(d);
	snprintf(d, sizeof d, "%s/anonsend", ctl);
	if (i == 18)
		unlink(d);
	snprintf(d, sizeof d, "%s/domain", ctl);
	unlink(d);
	if (rmdir(ctl) < 0 || rmdir(tmpl) < 0)
		warn_sys("unable to remove %s", tmpl);
	if (st == -1)
		die(RUNE_EXIT_TEMP, "unable to check the value");
	return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

int
config_set(char const *root, char const *name, char const *v)
{
	return set(root, find(name), v);
}

static int
set(char const *root, int i, char const *v)
{
	char dir[1100], path[1200], line[CONF_WELCOME_MAX + CONF_HOST_MAX + 2];
	size_t n;

	if (i == 0)
		die(RUNE_EXIT_PERM, "the domain is set by rune-admin init; every "
		    "address names it, so it does not change");
	if (snprintf(dir, sizeof dir, "%s/control", root) >= (int)sizeof dir)
		die(RUNE_EXIT_PERM, "--root too long");
	if (v == NULL) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		if (unlink(path) < 0 && errno != ENOENT)
			die_sys(RUNE_EXIT_TEMP, "unable to remove %s", path);
		if (!afile_sync_dir(dir))
			die_sys(RUNE_EXIT_TEMP, "unable to sync %s", dir);
		info("%s: back to the default", names[i]);
		return RUNE_EXIT_OK;
	}
	n = strlen(v);
	if (n == 0 || n + 2 > sizeof line || !tok_printable(v, n))
		die(RUNE_EXIT_PERM, "invalid %s: one printable line wanted",
		    names[i]);
	memcpy(line, v, n);
	line[n++] = '\n';
	line[n] = 0;
	if (!check(root, i, line))
		die(RUNE_EXIT_PERM, "%s not changed", names[i]);
	if (!afile_write(dir, names[i], line, n, 0644))
		die_sys(RUNE_EXIT_TEMP, "unable to write %s/%s", dir, names[i]);
	info("%s %s", names[i], v);
	return RUNE_EXIT_OK;
}

int
cmd_config(int argc, char **argv)
{
	char const *root = admin_take_root(&argc, argv);
	struct conf c;
	int i;

	if (!root)
		root = getenv("RUNE_ROOT");
	if (!root || !*root)
		die(RUNE_EXIT_PERM, "no domain: give --root DIR or set RUNE_ROOT");
	if (argc > 1 && (argv[1][0] == '-' || argc > 3))
		die_usage(USAGE);
	i = argc > 1 ? find(argv[1]) : -1;
	if (argc < 3) {
		/* a bad setting stops this, naming itself */
		conf_load_root(&c, root);
		return show(&c, i);
	}
	if (strcmp(argv[2], "--default") == 0)
		return set(root, i, NULL);
	return set(root, i, argv[2]);
}
