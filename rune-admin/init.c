/* init.c: rune-admin init: creates a domain directory (doc/design.md).
 * Everything is built in DIR.tmp-XXXXXX and renamed to DIR at the end,
 * so DIR is either complete or absent; a failure removes the tmp tree. */
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "addr.h"
#include "afile.h"
#include "cert.h"
#include "cmd.h"
#include "conf.h"
#include "die.h"
#include "fingerprint.h"

#define USAGE "rune-admin init DIR DOMAIN [--welcome TEXT] " \
	"[--registration free|invite|both|off] [--cert CERT.pem --key KEY.pem]"
#define PATHMAX 4096

struct init {
	char dir[PATHMAX];		/* DIR without trailing slashes */
	char tmp[PATHMAX];		/* DIR.tmp-XXXXXX */
	char domain[RUNE_ADDR_PART_MAX + 1];	/* canonical, lowercase */
	char welcome[CONF_WELCOME_MAX + 1];
	char const *reg;
	char const *cert, *key;
};

/* the tree being built, removed by fail(); the only mutable static */
static char const *init_building;

static int
rm_one(char const *path, struct stat const *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	if (remove(path) < 0)
		warn_sys("unable to remove %s", path);
	return 0;
}

static _Noreturn void
fail(int code, char const *what)
{
	if (init_building)
		nftw(init_building, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	die(code, "%s; nothing was created", what);
}

static void
parse(struct init *in, int argc, char **argv)
{
	char const *pos[2], *welcome = 0;
	int i, npos = 0, n;
	size_t len;

	in->reg = "invite";
	in->cert = in->key = 0;
	for (i = 1; i < argc; i++) {
		char const *a = argv[i];

		if (a[0] == '-' && a[1] == '-' && i + 1 < argc) {
			if (strcmp(a, "--welcome") == 0)
				welcome = argv[++i];
			else if (strcmp(a, "--registration") == 0)
				in->reg = argv[++i];
			else if (strcmp(a, "--cert") == 0)
				in->cert = argv[++i];
			else if (strcmp(a, "--key") == 0)
				in->key = argv[++i];
			else
				die_usage(USAGE);
		} else if (a[0] == '-' || npos == 2)
			die_usage(USAGE);
		else
			pos[npos++] = a;
	}
	if (npos != 2 || !in->cert != !in->key)
		die_usage(USAGE);
	if (strcmp(in->reg, "free") != 0 && strcmp(in->reg, "invite") != 0 &&
	    strcmp(in->reg, "both") != 0 && strcmp(in->reg, "off") != 0)
		die(RUNE_EXIT_PERM, "--registration must be free, invite, both "
		    "or off");

	len = strlen(pos[0]);
	while (len > 1 && pos[0][len - 1] == '/')
		len--;
	/* room for ".tmp-XXXXXX" and the longest name inside */
	if (len == 0 || len + 64 >= sizeof in->dir)
		die(RUNE_EXIT_PERM, "bad directory name");
	memcpy(in->dir, pos[0], len);
	in->dir[len] = 0;

	len = strlen(pos[1]);
	if (!addr_domain_ok(pos[1], len))
		die(RUNE_EXIT_PERM, "bad domain: it must be one label of 3 to "
		    "50 letters and digits, no dots (e.g. runedemo)");
	for (i = 0; (size_t)i < len; i++)
		in->domain[i] = (char)(pos[1][i] >= 'A' && pos[1][i] <= 'Z' ?
		    pos[1][i] - 'A' + 'a' : pos[1][i]);
	in->domain[len] = 0;

	if (!welcome) {
		n = snprintf(in->welcome, sizeof in->welcome, "welcome to %s",
		    in->domain);
		if (n < 0 || (size_t)n >= sizeof in->welcome)
			die(RUNE_EXIT_PERM, "domain too long");
		return;
	}
	len = strlen(welcome);
	if (len == 0 || len > CONF_WELCOME_MAX)
		die(RUNE_EXIT_PERM, "--welcome must be 1 to %d characters",
		    CONF_WELCOME_MAX);
	for (i = 0; (size_t)i < len; i++)
		if (welcome[i] < 0x20 || welcome[i] > 0x7e)
			die(RUNE_EXIT_PERM, "--welcome must be printable "
			    "US-ASCII");
	memcpy(in->welcome, welcome, len + 1);
}

/* refuses (100) when dir is taken: not an empty directory */
static void
check_free(char const *dir)
{
	struct stat st;
	struct dirent *e;
	char sub[PATHMAX];
	DIR *d;

	if (lstat(dir, &st) < 0) {
		if (errno == ENOENT)
			return;
		die_sys(RUNE_EXIT_TEMP, "unable to check %s", dir);
	}
	if (!S_ISDIR(st.st_mode))
		die(RUNE_EXIT_PERM, "%s exists and is not a directory: "
		    "refusing to overwrite it", dir);
	if (snprintf(sub, sizeof sub, "%s/control", dir) >= (int)sizeof sub)
		die(RUNE_EXIT_PERM, "bad directory name");
	if (lstat(sub, &st) == 0)
		die(RUNE_EXIT_PERM, "%s already holds a domain: refusing to "
		    "overwrite it", dir);
	d = opendir(dir);
	if (!d)
		die_sys(RUNE_EXIT_TEMP, "unable to read %s", dir);
	while ((e = readdir(d)) != 0)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			die(RUNE_EXIT_PERM, "%s exists and is not empty: "
			    "refusing to overwrite it", dir);
	closedir(d);
}

/* makes in->tmp/name with mode (whatever the umask) into path */
static int
mkdir_in(char *path, struct init const *in, char const *name, mode_t mode)
{
	int n = snprintf(path, PATHMAX, "%s/%s", in->tmp, name);

	if (n < 0 || n >= PATHMAX) {
		warn("path too long: %s/%s", in->tmp, name);
		return 0;
	}
	if (mkdir(path, mode) < 0 || chmod(path, mode) < 0) {
		warn_sys("unable to create %s", path);
		return 0;
	}
	return 1;
}

/* writes dir/name holding the line s */
static int
put_line(char const *dir, char const *name, char const *s)
{
	char buf[CONF_WELCOME_MAX + 2];
	size_t len = strlen(s);

	memcpy(buf, s, len);
	buf[len++] = '\n';
	if (!afile_create(dir, name, buf, len, 0644)) {
		warn_sys("unable to create %s/%s", dir, name);
		return 0;
	}
	return 1;
}

static int
make_control(struct init const *in)
{
	char p[PATHMAX];

	return mkdir_in(p, in, "control", 0755) &&
	    put_line(p, "domain", in->domain) &&
	    put_line(p, "welcome", in->welcome) &&
	    put_line(p, "registration", in->reg);
}

static int
make_secret(struct init const *in)
{
	unsigned char pk[RUNE_PK_LEN], sk[RUNE_SK_LEN];
	char p[PATHMAX];
	int ok;

	if (!mkdir_in(p, in, "secret", 0700))
		return 0;
	if (crypto_sign_keypair(pk, sk) != 0) {
		warn("unable to make the server key");
		return 0;
	}
	ok = afile_create(p, "server.key", sk, sizeof sk, 0600);
	if (!ok)
		warn_sys("unable to create %s/server.key", p);
	sodium_memzero(sk, sizeof sk);
	return ok;
}

/* tls/: the admin's certificate (a refusal is permanent) or a new one */
static void
make_tls(struct init const *in)
{
	char p[PATHMAX];

	if (!mkdir_in(p, in, "tls", 0700))
		fail(RUNE_EXIT_TEMP, "unable to create the domain");
	if (in->cert && !cert_copy(p, in->cert, in->key))
		fail(RUNE_EXIT_PERM, "unable to use that certificate");
	if (!in->cert && !cert_make(p, in->domain))
		fail(RUNE_EXIT_TEMP, "unable to make a certificate");
	if (!cert_predecode(p))
		fail(RUNE_EXIT_TEMP, "unable to write tls/tls.bin");
}

/* fsyncs the directory that holds dir */
static int
sync_parent(char const *dir)
{
	char parent[PATHMAX];
	char const *slash = strrchr(dir, '/');

	if (!slash)
		return afile_sync_dir(".");
	if (slash == dir)
		return afile_sync_dir("/");
	memcpy(parent, dir, (size_t)(slash - dir));
	parent[slash - dir] = 0;
	return afile_sync_dir(parent);
}

int
cmd_init(int argc, char **argv)
{
	struct init in;
	struct fingerprints f;
	char p[PATHMAX];
	int n;

	parse(&in, argc, argv);
	check_free(in.dir);
	n = snprintf(in.tmp, sizeof in.tmp, "%s.tmp-XXXXXX", in.dir);
	if (n < 0 || (size_t)n >= sizeof in.tmp)
		die(RUNE_EXIT_PERM, "bad directory name");
	if (!mkdtemp(in.tmp))
		die_sys(RUNE_EXIT_TEMP, "unable to create %s", in.tmp);
	init_building = in.tmp;
	if (chmod(in.tmp, 0700) < 0) {
		warn_sys("unable to set the mode of %s", in.tmp);
		fail(RUNE_EXIT_TEMP, "unable to create the domain");
	}
	if (!make_control(&in) || !make_secret(&in))
		fail(RUNE_EXIT_TEMP, "unable to create the domain");
	make_tls(&in);
	if (!mkdir_in(p, &in, "keys", 0700) ||
	    !mkdir_in(p, &in, "store", 0700))
		fail(RUNE_EXIT_TEMP, "unable to create the domain");
	memset(&f, 0, sizeof f);
	memcpy(f.domain, in.domain, sizeof f.domain);
	if (!fingerprint_read(&f, in.tmp))
		fail(RUNE_EXIT_TEMP, "unable to read the new keys");
	if (!afile_sync_dir(in.tmp)) {
		warn_sys("unable to sync %s", in.tmp);
		fail(RUNE_EXIT_TEMP, "unable to create the domain");
	}
	if (rename(in.tmp, in.dir) < 0) {
		int perm = errno == ENOTEMPTY || errno == EEXIST ||
		    errno == ENOTDIR;

		warn_sys("unable to rename %s to %s", in.tmp, in.dir);
		fail(perm ? RUNE_EXIT_PERM : RUNE_EXIT_TEMP, perm ?
		    "the directory was taken meanwhile" :
		    "unable to create the domain");
	}
	init_building = 0;
	if (!sync_parent(in.dir))
		warn_sys("unable to sync the directory holding %s", in.dir);
	info("created the domain %s in %s", in.domain, in.dir);
	if (!fingerprint_print(&f))
		die_sys(RUNE_EXIT_TEMP, "unable to write");
	return RUNE_EXIT_OK;
}
