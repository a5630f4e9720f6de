/* tokstore.c: the token files (tokens.h, tokstore.h): one file a token,
 * tokens/EPOCH/HEX(t) holding t || y, 0600, written whole; taken by
 * removing it (and fsyncing its directory) before it is handed out, so
 * no token is handed out twice, even to two processes at once. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "afile.h"
#include "die.h"
#include "hexid.h"
#include "num.h"
#include "tokstore.h"

static void
epoch_dir(char dir[HOME_PATH_MAX], struct home const *h, uint64_t epoch)
{
	char rel[48];

	snprintf(rel, sizeof rel, "tokens/%llu", (unsigned long long)epoch);
	home_path(dir, h, rel);
}

void
tokstore_put(struct home const *h, uint64_t epoch,
    unsigned char const t[32], unsigned char const y[VOPRF_OUT])
{
	unsigned char b[TOKSTORE_FILE_LEN];
	char dir[HOME_PATH_MAX], rel[48], name[RUNE_ID_HEX_LEN + 1];
	int ok;

	snprintf(rel, sizeof rel, "tokens/%llu", (unsigned long long)epoch);
	home_mkdirs(h, rel);
	home_path(dir, h, rel);
	hexid_fmt(name, t);
	memcpy(b, t, 32);
	memcpy(b + 32, y, VOPRF_OUT);
	ok = afile_create(dir, name, b, sizeof b, 0600);
	sodium_memzero(b, sizeof b);
	/* t is 32 random octets: one already there is the same token */
	if (!ok && errno != EEXIST)
		die_sys(RUNE_EXIT_TEMP, "unable to store a token in %s", dir);
}

/* the directory of epoch opened: NULL when absent; exits 111 when it
 * cannot be read */
static DIR *
open_epoch(char dir[HOME_PATH_MAX], struct home const *h, uint64_t epoch)
{
	DIR *d;

	epoch_dir(dir, h, epoch);
	if ((d = opendir(dir)) == NULL && errno != ENOENT)
		die_sys(RUNE_EXIT_TEMP, "unable to read %s", dir);
	return d;
}

/* 1: the entry e of dirfd is a token file (its name 64 lowercase hex, a
 * regular file of the token's size), t set */
static int
is_token(int dirfd, struct dirent const *e, unsigned char t[32])
{
	struct stat st;

	if (!hexid_parse(t, e->d_name, strlen(e->d_name)))
		return 0;
	if (fstatat(dirfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return 0;	/* taken meanwhile */
	return S_ISREG(st.st_mode) && st.st_size == TOKSTORE_FILE_LEN;
}

size_t
tokstore_held(struct home const *h, uint64_t epoch)
{
	char dir[HOME_PATH_MAX];
	unsigned char t[32];
	struct dirent *e;
	size_t n = 0;
	DIR *d;

	if ((d = open_epoch(dir, h, epoch)) == NULL)
		return 0;
	errno = 0;
	while ((e = readdir(d)) != NULL) {
		if (is_token(dirfd(d), e, t))
			n++;
		errno = 0;
	}
	if (errno != 0)
		die_sys(RUNE_EXIT_TEMP, "unable to read %s", dir);
	closedir(d);
	return n;
}

/* the usable epochs at now, oldest first: E - 1 (when E > 0) and E; their
 * count */
static int
usable(uint64_t ep[2], struct anoncaps const *ac, uint64_t now)
{
	uint64_t e = tokens_epoch(ac, now);

	if (ac->epochdays == 0)
		return 0;
	if (e == 0) {
		ep[0] = 0;
		return 1;
	}
	ep[0] = e - 1;
	ep[1] = e;
	return 2;
}

size_t
tokens_count(struct home const *h, struct anoncaps const *ac, uint64_t now)
{
	uint64_t ep[2];
	size_t n = 0;
	int i, k;

	k = usable(ep, ac, now);
	for (i = 0; i < k; i++)
		n += tokstore_held(h, ep[i]);
	return n;
}

/* takes one token of epoch out of its directory: 1 taken, 0 none */
static int
take_one(struct home const *h, uint64_t epoch, struct token_held *tk)
{
	unsigned char b[TOKSTORE_FILE_LEN + 1], t[32];
	char dir[HOME_PATH_MAX], path[HOME_PATH_MAX + 260];
	struct dirent *e;
	size_t len;
	DIR *d;
	int r, found = 0;

	if ((d = open_epoch(dir, h, epoch)) == NULL)
		return 0;
	errno = 0;
	while (!found && (e = readdir(d)) != NULL) {
		if (!is_token(dirfd(d), e, t)) {
			errno = 0;
			continue;
		}
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		r = afile_read(path, b, sizeof b, &len);
		if (r == 0) {		/* another process took it */
			errno = 0;
			continue;
		}
		if (r < 0)
			die_sys(RUNE_EXIT_TEMP, "unable to read %s", path);
		if (len != TOKSTORE_FILE_LEN || memcmp(b, t, 32) != 0) {
			warn("%s is not a token; left alone", path);
			sodium_memzero(b, sizeof b);
			errno = 0;
			continue;
		}
		/* only the one process whose unlink succeeds has it */
		if (unlink(path) < 0) {
			sodium_memzero(b, sizeof b);
			if (errno != ENOENT)
				die_sys(RUNE_EXIT_TEMP, "unable to remove %s",
				    path);
			errno = 0;
			continue;
		}
		if (!afile_sync_dir(dir))
			die_sys(RUNE_EXIT_TEMP, "unable to sync %s", dir);
		tk->epoch = epoch;
		memcpy(tk->t, b, 32);
		memcpy(tk->y, b + 32, VOPRF_OUT);
		sodium_memzero(b, sizeof b);
		found = 1;
	}
	if (!found && errno != 0)
		die_sys(RUNE_EXIT_TEMP, "unable to read %s", dir);
	closedir(d);
	return found;
}

int
tokens_take(struct home const *h, struct anoncaps const *ac, uint64_t now,
    struct token_held *tk)
{
	uint64_t ep[2];
	int i, k;

	k = usable(ep, ac, now);
	for (i = 0; i < k; i++)
		if (take_one(h, ep[i], tk))
			return 1;
	return 0;
}

/* removes the directory dir and the files in it */
static void
remove_dir(char const *dir)
{
	struct dirent *e;
	DIR *d;

	if ((d = opendir(dir)) == NULL) {
		if (errno == ENOENT)
			return;
		die_sys(RUNE_EXIT_TEMP, "unable to read %s", dir);
	}
	errno = 0;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0 &&
		    unlinkat(dirfd(d), e->d_name, 0) < 0 && errno != ENOENT)
			die_sys(RUNE_EXIT_TEMP, "unable to remove a file in %s",
			    dir);
		errno = 0;
	}
	if (errno != 0)
		die_sys(RUNE_EXIT_TEMP, "unable to read %s", dir);
	closedir(d);
	if (rmdir(dir) < 0 && errno != ENOENT)
		die_sys(RUNE_EXIT_TEMP, "unable to remove %s", dir);
}

/* the epoch a name of tokens/ is of: "EPOCH" (a directory, *isdir 1) or
 * "key.EPOCH" (*isdir 0); 0 for any other name */
static int
epoch_of(char const *name, uint64_t *e, int *isdir)
{
	size_t len = strlen(name);

	*isdir = strncmp(name, "key.", 4) != 0;
	if (!*isdir) {
		name += 4;
		len -= 4;
	}
	return len >= 1 && len <= 20 && num_parse(e, name, len);
}

void
tokstore_clean(struct home const *h, struct anoncaps const *ac,
    uint64_t now)
{
	char dir[HOME_PATH_MAX], path[HOME_PATH_MAX + 260];
	uint64_t cur = tokens_epoch(ac, now), e;
	struct dirent *de;
	int isdir, removed = 0;
	DIR *d;

	home_path(dir, h, "tokens");
	if ((d = opendir(dir)) == NULL) {
		if (errno == ENOENT)
			return;
		die_sys(RUNE_EXIT_TEMP, "unable to read %s", dir);
	}
	errno = 0;
	while ((de = readdir(d)) != NULL) {
		if (epoch_of(de->d_name, &e, &isdir) && e <= cur &&
		    cur - e >= 2) {
			snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
			if (isdir)
				remove_dir(path);
			else if (unlink(path) < 0 && errno != ENOENT)
				die_sys(RUNE_EXIT_TEMP, "unable to remove %s",
				    path);
			removed = 1;
		}
		errno = 0;
	}
	if (errno != 0)
		die_sys(RUNE_EXIT_TEMP, "unable to read %s", dir);
	closedir(d);
	if (removed && !afile_sync_dir(dir))
		die_sys(RUNE_EXIT_TEMP, "unable to sync %s", dir);
}
