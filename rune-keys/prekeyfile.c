/* prekeyfile.c: one address's prekey records under keys/prekeys/ (the
 * file's name, its path, the lock around every change, reading and
 * replacing it durably), for the prekey protocol (prekeys.c) and for
 * REDEEM's question whether a receiver holds a last-resort key
 * (tokens.c).  The layout of keys/prekeys/ is in prekeys.c. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "afile.h"
#include "die.h"
#include "keys.h"
#include "prekeyfile.h"
#include "writeall.h"
#include "prekeyset.h"

/* the file name of a's records */
void
prekeyfile_name(char out[PREKEYFILE_NAME_LEN + 1], struct addr const *a)
{
	static char const label[] = "RUNE-2 prekeys";
	crypto_generichash_state st;
	unsigned char h[16];

	crypto_generichash_init(&st, NULL, 0, sizeof h);
	crypto_generichash_update(&st, (unsigned char const *)label,
	    sizeof label);		/* with its NUL: the 0x00 separator */
	crypto_generichash_update(&st, (unsigned char const *)a->s, a->len);
	crypto_generichash_final(&st, h, sizeof h);
	sodium_bin2hex(out, PREKEYFILE_NAME_LEN + 1, h, sizeof h);
}

/* root/keys/prekeys[/rel] into out; 1 done */
int
prekeyfile_path(char *out, size_t max, char const *root, char const *rel)
{
	int n = snprintf(out, max, "%s/keys/prekeys%s%s", root,
	    rel ? "/" : "", rel ? rel : "");

	return n > 0 && (size_t)n < max;
}

/* makes dir when missing: 2750 where keys/ is group-readable, else 0700 */
static int
mkdir_mode(char const *dir, mode_t fmode)
{
	mode_t m = fmode == 0640 ? 02750 : 0700;

	if (mkdir(dir, m) < 0)
		return errno == EEXIST;
	return chmod(dir, m) == 0;
}

/* takes keys/prekeys/lock (making keys/prekeys/ and rate/); the
 * descriptor, or -1 */
int
prekeyfile_lock(char const *root)
{
	char path[4096];
	mode_t fm = jour_mode(root);
	int fd;

	if (!prekeyfile_path(path, sizeof path, root, NULL) || !mkdir_mode(path, fm) ||
	    !prekeyfile_path(path, sizeof path, root, "rate") || !mkdir_mode(path, fm) ||
	    !prekeyfile_path(path, sizeof path, root, "lock"))
		return -1;
	/* 0600 like every lock of keys/: a reader could hold it */
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0)
		return -1;
	while (flock(fd, LOCK_EX) < 0)
		if (errno != EINTR) {
			close(fd);
			return -1;
		}
	return fd;
}

/* reads a's records into s (empty when there is no file); 1 done,
 * 0 failed (logged) */
int
prekeyfile_load(char const *root, struct addr const *a, struct prekeyset *s)
{
	char path[4096], name[PREKEYFILE_NAME_LEN + 1];
	unsigned char *b;
	struct stat st;
	size_t have;
	int fd, ok;

	prekeyset_init(s);
	prekeyfile_name(name, a);
	if (!prekeyfile_path(path, sizeof path, root, name))
		return 0;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0 && errno == ENOENT)
		return 1;
	if (fd < 0 || fstat(fd, &st) < 0 || st.st_size < 2 ||
	    (size_t)st.st_size > 2 + RUNE2_PREKEY_LEN *
	    (PREKEYSET_MAXOPK_MAX + 2) ||
	    (b = malloc((size_t)st.st_size)) == NULL) {
		warn_sys("unable to read a prekey file");
		if (fd >= 0)
			close(fd);
		return 0;
	}
	have = readall(fd, b, (size_t)st.st_size);
	close(fd);
	ok = have == (size_t)st.st_size &&
	    prekeyset_parse(s, b, have) == 1;
	free(b);
	if (!ok) {
		prekeyset_free(s);
		warn("a prekey file is malformed");
	}
	return ok;
}

int
prekeys_lastresort(char const *root, struct addr const *a, uint64_t now)
{
	struct prekeyset s;
	uint64_t na;
	size_t n;

	if (!prekeyfile_load(root, a, &s))
		return -1;
	prekeyset_count(&s, now, &n, &na);
	prekeyset_free(&s);
	return na != 0;
}

/* replaces a's file with s, durably; 1 done */
int
prekeyfile_save(char const *root, struct addr const *a, struct prekeyset const *s)
{
	char dir[4096], name[PREKEYFILE_NAME_LEN + 1];
	size_t len = prekeyset_size(s);
	unsigned char *b = malloc(len);
	int ok;

	if (b == NULL || !prekeyfile_path(dir, sizeof dir, root, NULL)) {
		free(b);
		return 0;
	}
	prekeyfile_name(name, a);
	ok = prekeyset_fmt(s, b, len) == len &&
	    afile_write(dir, name, b, len, jour_mode(root));
	free(b);
	if (!ok)
		warn_sys("unable to write a prekey file");
	return ok;
}

