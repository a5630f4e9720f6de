/* setup-modes.c: owners and modes of a domain directory for the users of
 * rune-admin setup (doc/privsep.md).  Files are opened with O_NOFOLLOW
 * and changed through the descriptor; below keys/ and store/ (owned by
 * their helpers) the owner changes with lchown, and directories become
 * 2750 and files 0640 (locks 0600), the modes the helpers use there. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "die.h"
#include "setup.h"

int
setup_own(char const *path, uid_t uid, gid_t gid, mode_t mode, int dir)
{
	struct stat st;
	int fd, ok = 0;

	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC |
	    (dir ? O_DIRECTORY : 0));
	if (fd < 0) {
		warn_sys("unable to open %s", path);
		return 0;
	}
	if (fstat(fd, &st) < 0)
		warn_sys("unable to stat %s", path);
	else if (!dir && !S_ISREG(st.st_mode))
		warn("%s is not a file", path);
	else if (fchown(fd, uid, gid) < 0 || fchmod(fd, mode) < 0)
		warn_sys("unable to set the owner and mode of %s", path);
	else
		ok = 1;
	close(fd);
	return ok;
}

/* the owner for the tree walk below keys/ or store/ */
static uid_t walk_uid;
static gid_t walk_gid;

/* 1: the helpers keep the file named name private (a lock, which a
 * reader could hold; rune-keys's transaction) */
static int
private(char const *name)
{
	return !strcmp(name, "lock") || !strcmp(name, "merge.lock") ||
	    !strcmp(name, "txn") || !strcmp(name, "receipt.key");
}

/* the mode the helpers give what they make in a group-readable keys/ or
 * store/ (doc/privsep.md), set through the descriptor: a domain made by
 * init, with 0600 files and 0700 directories, becomes readable by the
 * session */
/* 1: path is keys/tokens/ or below it: the token writer's alone (the
 * token keys, the spent set), never the group's (doc/privsep.md) */
static int
tokens_dir(char const *path)
{
	char const *p = strstr(path, "/keys/tokens");

	return p != NULL && (p[12] == '\0' || p[12] == '/');
}

static int
mode_one(char const *path, int dir, char const *name)
{
	mode_t mode = dir ? 02750 : private(name) ? 0600 : 0640;
	struct stat st;
	int fd, ok = 0;

	if (tokens_dir(path))
		mode = dir ? 02700 : 0600;

	/* a running daemon's socket (store/socket, keys/socket): open()
	 * cannot open one, and its mode is the daemon's (svc_listen) */
	if (lstat(path, &st) == 0 && S_ISSOCK(st.st_mode))
		return 1;
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC |
	    (dir ? O_DIRECTORY : 0));
	if (fd < 0)
		return warn_sys("unable to open %s", path), 0;
	if (fstat(fd, &st) < 0)
		warn_sys("unable to stat %s", path);
	else if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
		ok = 1;		/* changed under us: not ours to mend */
	else if (fchmod(fd, mode) < 0)
		warn_sys("unable to set the mode of %s", path);
	else
		ok = 1;
	close(fd);
	return ok;
}

static int
own_one(char const *path, struct stat const *st, int flag, struct FTW *f)
{
	(void)st;
	if (lchown(path, walk_uid, walk_gid) < 0) {
		warn_sys("unable to set the owner of %s", path);
		return 1;
	}
	if ((flag == FTW_D || flag == FTW_F) &&
	    !mode_one(path, flag == FTW_D, path + f->base))
		return 1;
	return 0;
}

/* root/name and everything below it owned by uid:gid; name itself mode */
static int
own_tree(char const *root, char const *name, uid_t uid, gid_t gid,
    mode_t mode)
{
	char path[4096];

	if (snprintf(path, sizeof path, "%s/%s", root, name) >=
	    (int)sizeof path)
		return warn("path too long: %s", root), 0;
	walk_uid = uid;
	walk_gid = gid;
	if (nftw(path, own_one, 16, FTW_PHYS) != 0)
		return 0;
	return setup_own(path, uid, gid, mode, 1);
}

/* root/rel as uid:gid mode (a file, or a directory when dir) */
static int
own(char const *root, char const *rel, uid_t uid, gid_t gid, mode_t mode,
    int dir)
{
	char path[4096];

	if (snprintf(path, sizeof path, "%s/%s", root, rel) >=
	    (int)sizeof path)
		return warn("path too long: %s", root), 0;
	return setup_own(path, uid, gid, mode, dir);
}

/* control/ and each file in it: root's, readable by all */
static int
own_control(char const *root)
{
	char path[4096];
	struct dirent *e;
	DIR *d;
	int ok = 1;

	if (!own(root, "control", 0, 0, 0755, 1))
		return 0;
	snprintf(path, sizeof path, "%s/control", root);
	d = opendir(path);
	if (!d)
		return warn_sys("unable to read %s", path), 0;
	while ((e = readdir(d)) != 0) {
		char rel[300];

		if (e->d_name[0] == '.')
			continue;
		snprintf(rel, sizeof rel, "control/%.250s", e->d_name);
		if (!own(root, rel, 0, 0, 0644, 0))
			ok = 0;
	}
	closedir(d);
	return ok;
}

int
setup_modes(char const *root, uid_t const uid[SETUP_NUSERS],
    gid_t const gid[SETUP_NUSERS])
{
	uid_t d = uid[SETUP_RUNED];
	gid_t dg = gid[SETUP_RUNED];	/* rune, when setup made runed */

	return setup_own(root, 0, dg, 0750, 1) &&
	    own_control(root) &&
	    own(root, "secret", 0, dg, 0750, 1) &&
	    own(root, "secret/server.key", d, dg, 0600, 0) &&
	    own(root, "tls", 0, dg, 0750, 1) &&
	    own(root, "tls/cert.pem", 0, 0, 0644, 0) &&
	    own(root, "tls/key.pem", d, dg, 0600, 0) &&
	    own(root, "tls/tls.bin", d, dg, 0600, 0) &&
	    own_tree(root, "keys", uid[SETUP_RUNEKEYS], dg, 02750) &&
	    own_tree(root, "store", uid[SETUP_RUNESTORE], dg, 02750);
}
