/* home.c: the client's state directory.  Every file is written whole
 * (afile), every directory is 0700 and every file 0600: the home holds
 * the secret key and the pins, which are the client's whole security. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "afile.h"
#include "die.h"
#include "home.h"
#include "tok.h"

#define SECRET_FILE "secret.key"

void
home_init(struct home *h, char const *opt)
{
	char const *d = opt, *home;
	int n;

	if (d == NULL || *d == '\0')
		d = getenv("RUNE_HOME");
	if (d != NULL && *d != '\0')
		n = snprintf(h->dir, sizeof h->dir, "%s", d);
	else if ((home = getenv("HOME")) != NULL && *home != '\0')
		n = snprintf(h->dir, sizeof h->dir, "%s/.rune", home);
	else
		die(RUNE_EXIT_PERM, "neither --home, RUNE_HOME nor HOME set");
	if (n < 0 || (size_t)n >= sizeof h->dir - 256)
		die(RUNE_EXIT_PERM, "home directory path too long");
}

void
home_path(char out[HOME_PATH_MAX], struct home const *h, char const *rel)
{
	int n = snprintf(out, HOME_PATH_MAX, "%s/%s", h->dir, rel);

	if (n < 0 || n >= HOME_PATH_MAX)
		die(RUNE_EXIT_PERM, "path too long: %s/%s", h->dir, rel);
}

/* mkdir 0700 unless it is there */
static void
mkdir_one(char const *path)
{
	struct stat st;

	if (mkdir(path, 0700) == 0)
		return;
	if (errno != EEXIST)
		die_sys(RUNE_EXIT_TEMP, "unable to create %s", path);
	if (lstat(path, &st) < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to stat %s", path);
	if (!S_ISDIR(st.st_mode))
		die(RUNE_EXIT_PERM, "%s is not a directory", path);
}

void
home_mkdirs(struct home const *h, char const *rel)
{
	char path[HOME_PATH_MAX];
	size_t i, base = strlen(h->dir);

	mkdir_one(h->dir);
	if (rel == NULL || *rel == '\0')
		return;
	home_path(path, h, rel);
	for (i = base + 1; path[i] != '\0'; i++) {
		if (path[i] != '/')
			continue;
		path[i] = '\0';
		mkdir_one(path);
		path[i] = '/';
	}
	mkdir_one(path);
}

int
home_read_line(struct home const *h, char const *rel, char *buf, size_t max)
{
	char path[HOME_PATH_MAX];
	size_t len = 0;
	int r;

	home_path(path, h, rel);
	r = afile_read(path, buf, max - 1, &len);
	if (r == 0)
		return 0;
	if (r < 0 && errno == EFBIG)
		die(RUNE_EXIT_PERM, "%s: too long", path);
	if (r < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to read %s", path);
	if (len > 0 && buf[len - 1] == '\n')
		len--;
	if (len == 0 || !tok_printable(buf, len))
		die(RUNE_EXIT_PERM, "%s: not one line of text", path);
	buf[len] = '\0';
	return 1;
}

void
home_write_line(struct home const *h, char const *dir, char const *name,
    char const *text)
{
	char path[HOME_PATH_MAX], data[1100];
	int n;

	n = snprintf(data, sizeof data, "%s\n", text);
	if (n < 0 || (size_t)n >= sizeof data)
		die(RUNE_EXIT_PERM, "text too long for %s/%s", dir, name);
	home_mkdirs(h, dir);
	home_path(path, h, dir);
	if (!afile_write(path, name, data, (size_t)n, 0600))
		die_sys(RUNE_EXIT_TEMP, "unable to write %s/%s", path, name);
}

int
home_remove(struct home const *h, char const *rel)
{
	char path[HOME_PATH_MAX];

	home_path(path, h, rel);
	if (unlink(path) == 0)
		return 1;
	if (errno == ENOENT)
		return 0;
	die_sys(RUNE_EXIT_TEMP, "unable to remove %s", path);
}

int
home_secret_read(struct home const *h, unsigned char sk[RUNE_SK_LEN])
{
	unsigned char buf[RUNE_SK_LEN + 1], pk[RUNE_PK_LEN], sk2[RUNE_SK_LEN];
	char path[HOME_PATH_MAX];
	size_t len = 0;
	int r, good;

	home_path(path, h, SECRET_FILE);
	r = afile_read(path, buf, sizeof buf, &len);
	if (r == 0 || (r == 1 && len == 0))
		return 0;	/* empty: a crash of an older rune init */
	if (r < 0 && errno != EFBIG)
		die_sys(RUNE_EXIT_TEMP, "unable to read %s", path);
	good = r == 1 && len == RUNE_SK_LEN &&
	    crypto_sign_seed_keypair(pk, sk2, buf) == 0 &&
	    sodium_memcmp(sk2, buf, RUNE_SK_LEN) == 0;
	if (good)
		memcpy(sk, buf, RUNE_SK_LEN);
	sodium_memzero(buf, sizeof buf);
	sodium_memzero(sk2, sizeof sk2);
	if (!good)
		die(RUNE_EXIT_PERM, "%s is damaged (not an Ed25519 secret key)",
		    path);
	return 1;
}

void
home_secret_write(struct home const *h, unsigned char const sk[RUNE_SK_LEN],
    int replace)
{
	char path[HOME_PATH_MAX];
	struct stat st;
	int r;

	home_mkdirs(h, NULL);
	if (afile_clean(h->dir, SECRET_FILE, HOME_TMP_AGE) < 0)
		warn_sys("unable to clean %s", h->dir);
	/* an empty secret.key holds no key: an older rune init wrote it in
	 * place and crashed; replacing it loses nothing */
	home_path(path, h, SECRET_FILE);
	if (!replace && lstat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size == 0 && unlink(path) < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to remove the empty %s", path);
	if (replace)
		r = afile_write(h->dir, SECRET_FILE, sk, RUNE_SK_LEN, 0600);
	else
		r = afile_create(h->dir, SECRET_FILE, sk, RUNE_SK_LEN, 0600);
	if (!r && errno == EEXIST)
		die(RUNE_EXIT_PERM, "%s/%s exists: a key is already made "
		    "(--force replaces it, and loses the address it holds)",
		    h->dir, SECRET_FILE);
	if (!r)
		die_sys(RUNE_EXIT_TEMP, "unable to write %s/%s", h->dir,
		    SECRET_FILE);
}
