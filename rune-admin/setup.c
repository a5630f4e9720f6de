/* setup.c: rune-admin setup: a domain ready for production, as
 * tinydns-conf does for tinydns: system users, the domain directory with
 * owners and modes (doc/privsep.md), the helpers setuid to their users,
 * and a daemontools/s6 service directory.  Run as root. */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afile.h"
#include "bindir.h"
#include "cert.h"
#include "cmd.h"
#include "conf.h"
#include "die.h"
#include "num.h"
#include "tool.h"
#include "setup.h"

#define USAGE "rune-admin setup [--root DIR] [--domain DOMAIN] " \
	"[--host HOST] [--port PORT] [--service DIR]"

struct setup {
	char const *root, *domain, *port, *service, *host;
	int have_port;
	char bindir[1024];
	uid_t uid[SETUP_NUSERS];
	gid_t gid[SETUP_NUSERS];	/* primary groups */
};

/* the users, in the order of SETUP_RUNED.. (setup.h) */
static char const *const users[SETUP_NUSERS] = {
	"runed", "runekeys", "runestore", "runelog"
};

static void
parse(struct setup *s, int argc, char **argv)
{
	char path[PATH_MAX];
	uint64_t port;
	int i;

	s->root = "/var/rune";
	s->domain = 0;
	s->host = 0;
	s->have_port = 0;
	s->port = "7863";
	s->service = "/etc/rune";
	for (i = 1; i < argc; i += 2) {
		if (i + 1 >= argc)
			die_usage(USAGE);
		if (strcmp(argv[i], "--root") == 0)
			s->root = argv[i + 1];
		else if (strcmp(argv[i], "--domain") == 0)
			s->domain = argv[i + 1];
		else if (strcmp(argv[i], "--port") == 0)
			s->port = argv[i + 1], s->have_port = 1;
		else if (strcmp(argv[i], "--host") == 0)
			s->host = argv[i + 1];
		else if (strcmp(argv[i], "--service") == 0)
			s->service = argv[i + 1];
		else
			die_usage(USAGE);
	}
	if (!num_parse(&port, s->port, strlen(s->port)) || port == 0 ||
	    port > 65535)
		die(RUNE_EXIT_PERM, "--port must be 1 to 65535");
	if (s->root[0] != '/' || s->service[0] != '/')
		die(RUNE_EXIT_PERM, "--root and --service must be absolute "
		    "paths");
	if (!bindir_find(path, sizeof path, "rune-session") ||
	    !bindir_dir(s->bindir, sizeof s->bindir, "rune-session"))
		die(RUNE_EXIT_PERM, "no rune-session to set up");
	/* it goes into the run script: no character the shell reads */
	if (strspn(s->bindir,
	    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789/._+-") != strlen(s->bindir))
		die(RUNE_EXIT_PERM, "unusable bin directory: %s", s->bindir);
}

/* runs a command of the shadow suite; exits 111 when it fails */
static void
run_or_die(char const *const *argv)
{
	if (!tool_run(argv, 0, 0, 0))
		die(RUNE_EXIT_TEMP, "%s failed", argv[0]);
}

/* the group rune and the four users, made when absent */
static void
make_users(struct setup *s)
{
	struct passwd *pw;
	int i;

	if (!getgrnam("rune")) {
		char const *av[] = { "/usr/sbin/groupadd", "--system", "rune",
		    0 };
		run_or_die(av);
		info("created the group rune");
	}
	for (i = 0; i < SETUP_NUSERS; i++) {
		/* rune is the primary group of all but the log user: it
		 * is the group that may enter the domain, and the one a
		 * process keeps under tcpserver -U or setuidgid, which
		 * drop supplementary groups */
		char const *av[] = { "/usr/sbin/useradd", "--system",
		    "--no-create-home", "--home-dir", "/nonexistent",
		    "--shell", "/usr/sbin/nologin", "--gid", "rune",
		    users[i], 0 };

		if (i == SETUP_RUNELOG)
			av[7] = "--user-group", av[8] = users[i], av[9] = 0;
		if (!getpwnam(users[i])) {
			run_or_die(av);
			info("created the user %s", users[i]);
		}
		pw = getpwnam(users[i]);
		if (!pw)
			die(RUNE_EXIT_TEMP, "no user %s after useradd",
			    users[i]);
		s->uid[i] = pw->pw_uid;
		s->gid[i] = pw->pw_gid;
	}
}

/* the domain directory, made by init when absent */
static void
make_domain(struct setup *s)
{
	char path[4096];
	struct stat st;
	char *av[4];

	if (snprintf(path, sizeof path, "%s/control", s->root) >=
	    (int)sizeof path)
		die(RUNE_EXIT_PERM, "--root too long");
	if (lstat(path, &st) == 0)
		return;
	if (!s->domain)
		die(RUNE_EXIT_PERM, "%s holds no domain: give --domain",
		    s->root);
	av[0] = "init";
	av[1] = (char *)s->root;
	av[2] = (char *)s->domain;
	av[3] = 0;
	if (cmd_init(3, av) != RUNE_EXIT_OK)
		die(RUNE_EXIT_TEMP, "unable to create the domain");
}

/* the helpers setuid to their users, run by the group runed only */
static void
setuid_helpers(struct setup const *s)
{
	static char const *const prog[2] = { "rune-keys", "rune-store" };
	static int const who[2] = { SETUP_RUNEKEYS, SETUP_RUNESTORE };
	char path[1100];
	int i;

	for (i = 0; i < 2; i++) {
		snprintf(path, sizeof path, "%s/%s", s->bindir, prog[i]);
		if (!setup_own(path, s->uid[who[i]], s->gid[SETUP_RUNED],
		    04710, 0))
			die(RUNE_EXIT_TEMP, "unable to make %s setuid %s", path,
			    users[who[i]]);
	}
}

int
cmd_setup(int argc, char **argv)
{
	struct setup s;
	struct conf c;
	char tls[4096];

	parse(&s, argc, argv);
	if (geteuid() != 0)
		die(RUNE_EXIT_PERM, "setup must run as root");
	umask(022);
	make_users(&s);
	make_domain(&s);
	if (s.host)
		config_set(s.root, "host", s.host);
	if (s.have_port)
		config_set(s.root, "port", s.port);
	conf_load_root(&c, s.root);
	/* tls/tls.bin made again from the PEM files as they are now (the
	 * admin may have replaced them since) */
	if (snprintf(tls, sizeof tls, "%s/tls", s.root) >= (int)sizeof tls ||
	    !cert_predecode(tls))
		die(RUNE_EXIT_TEMP, "unable to write %s/tls.bin", tls);
	if (!setup_modes(s.root, s.uid, s.gid))
		die(RUNE_EXIT_TEMP, "unable to set the owners and modes of %s",
		    s.root);
	setuid_helpers(&s);
	if (!setup_service(s.service, s.root, s.bindir, s.port,
	    c.maxsize * 3 + 32 * 1048576, s.uid[SETUP_RUNELOG],
	    s.gid[SETUP_RUNELOG]))
		die(RUNE_EXIT_TEMP, "unable to write the service directory %s",
		    s.service);
	info("%s is ready; start it with: ln -s %s /etc/service/rune", s.root,
	    s.service);
	return RUNE_EXIT_OK;
}
