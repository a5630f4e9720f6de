/* prekeys.c: the receiver's prekey secrets and its replay list. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "afile.h"
#include "die.h"
#include "hexid.h"
#include "num.h"
#include "prekey.h"
#include "prekeys.h"

#define DIR_REL		"prekeys"
#define SEEN_REL	"prekeys/seen"
#define SECRET_FILE_LEN	(RUNE2_X_LEN + 8)
#define DAY		86400ULL

/* "K.HEX" for kind and xpk into name[67] */
static void
file_name(char name[2 + RUNE_ID_HEX_LEN + 1], unsigned char kind,
    unsigned char const xpk[RUNE2_X_LEN])
{
	name[0] = (char)kind;
	name[1] = '.';
	hexid_fmt(name + 2, xpk);
}

void
prekeys_make(struct home const *h, unsigned char kind, uint64_t not_after,
    struct addr const *me, unsigned char const sk[RUNE_SK_LEN],
    unsigned char rec[RUNE2_PREKEY_LEN])
{
	unsigned char secret[RUNE2_X_LEN], file[SECRET_FILE_LEN];
	char dir[HOME_PATH_MAX], name[2 + RUNE_ID_HEX_LEN + 1];
	struct prekey p;

	p.kind = kind;
	p.not_after = not_after;
	do {
		randombytes_buf(secret, sizeof secret);
		if (crypto_scalarmult_base(p.xpk, secret) != 0)
			die(RUNE_EXIT_TEMP, "unable to make a prekey");
	} while (sodium_is_zero(p.xpk, RUNE2_X_LEN));
	memcpy(file, secret, RUNE2_X_LEN);
	num_pack_be8(file + RUNE2_X_LEN, not_after);
	home_mkdirs(h, DIR_REL);
	home_path(dir, h, DIR_REL);
	file_name(name, kind, p.xpk);
	if (!afile_write(dir, name, file, sizeof file, 0600)) {
		sodium_memzero(secret, sizeof secret);
		sodium_memzero(file, sizeof file);
		die_sys(RUNE_EXIT_TEMP, "unable to store a prekey secret");
	}
	sodium_memzero(secret, sizeof secret);
	sodium_memzero(file, sizeof file);
	if (!prekey_make(rec, &p, me, sk))
		die(RUNE_EXIT_TEMP, "unable to sign a prekey");
}

int
prekeys_secret(struct home const *h, unsigned char kind,
    unsigned char const xpk[RUNE2_X_LEN], unsigned char secret[RUNE2_X_LEN],
    uint64_t *not_after)
{
	unsigned char file[SECRET_FILE_LEN + 1], pub[RUNE2_X_LEN];
	char rel[sizeof DIR_REL + 2 + RUNE_ID_HEX_LEN + 1];
	char path[HOME_PATH_MAX];
	size_t len;
	int r;

	memcpy(rel, DIR_REL "/", sizeof DIR_REL);
	file_name(rel + sizeof DIR_REL, kind, xpk);
	home_path(path, h, rel);
	r = afile_read(path, file, sizeof file, &len);
	if (r == 0)
		return 0;
	if (r < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to read %s", path);
	/* the secret must give the key it is filed under */
	if (len != SECRET_FILE_LEN || crypto_scalarmult_base(pub, file) != 0 ||
	    sodium_memcmp(pub, xpk, RUNE2_X_LEN) != 0) {
		sodium_memzero(file, sizeof file);
		die(RUNE_EXIT_PERM, "%s is damaged", path);
	}
	memcpy(secret, file, RUNE2_X_LEN);
	*not_after = num_unpack_be8(file + RUNE2_X_LEN);
	sodium_memzero(file, sizeof file);
	return 1;
}

/* removes dir/name, and the directory when it is one (seen lists) */
static void
remove_tree(char const *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char p[HOME_PATH_MAX + 80];

	if (d == NULL) {
		if (errno == ENOENT)
			return;
		die_sys(RUNE_EXIT_TEMP, "unable to open %s", dir);
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (snprintf(p, sizeof p, "%s/%s", dir, e->d_name) >=
		    (int)sizeof p || (unlink(p) < 0 && errno != ENOENT))
			die_sys(RUNE_EXIT_TEMP, "unable to remove %s", p);
	}
	closedir(d);
	if (rmdir(dir) < 0 && errno != ENOENT)
		die_sys(RUNE_EXIT_TEMP, "unable to remove %s", dir);
}

int
prekeys_forget(struct home const *h, unsigned char kind,
    unsigned char const xpk[RUNE2_X_LEN])
{
	char rel[sizeof SEEN_REL + 2 + RUNE_ID_HEX_LEN + 1];
	char path[HOME_PATH_MAX], dir[HOME_PATH_MAX];
	int gone;

	memcpy(rel, DIR_REL "/", sizeof DIR_REL);
	file_name(rel + sizeof DIR_REL, kind, xpk);
	home_path(path, h, rel);
	if (unlink(path) == 0)
		gone = 1;
	else if (errno == ENOENT)
		gone = 0;
	else
		die_sys(RUNE_EXIT_TEMP, "unable to delete %s", path);
	home_path(dir, h, DIR_REL);
	if (gone && !afile_sync_dir(dir))
		die_sys(RUNE_EXIT_TEMP, "unable to sync %s", dir);
	if (kind == RUNE2_KIND_LASTRESORT) {
		memcpy(rel, SEEN_REL "/", sizeof SEEN_REL);
		hexid_fmt(rel + sizeof SEEN_REL, xpk);
		home_path(path, h, rel);
		remove_tree(path);
	}
	return gone;
}

/* calls fn for each secret file of the home: its kind, xpk, not_after */
static size_t
each(struct home const *h, void (*fn)(struct home const *, unsigned char,
    unsigned char const *, uint64_t, void *), void *ctx)
{
	unsigned char xpk[RUNE2_X_LEN], secret[RUNE2_X_LEN];
	char dir[HOME_PATH_MAX];
	struct dirent *e;
	uint64_t na;
	size_t n = 0;
	DIR *d;

	home_path(dir, h, DIR_REL);
	d = opendir(dir);
	if (d == NULL) {
		if (errno == ENOENT)
			return 0;
		die_sys(RUNE_EXIT_TEMP, "unable to open %s", dir);
	}
	while ((e = readdir(d)) != NULL) {
		unsigned char k = (unsigned char)e->d_name[0];

		if ((k != RUNE2_KIND_LASTRESORT && k != RUNE2_KIND_ONETIME) ||
		    e->d_name[1] != '.' || strlen(e->d_name) != 66 ||
		    !hexid_parse(xpk, e->d_name + 2, RUNE_ID_HEX_LEN))
			continue;	/* tmp files, seen/ */
		if (!prekeys_secret(h, k, xpk, secret, &na))
			continue;
		sodium_memzero(secret, sizeof secret);
		fn(h, k, xpk, na, ctx);
		n++;
	}
	closedir(d);
	return n;
}

struct count {
	unsigned char kind;
	uint64_t now, newest;
	size_t n;
};

static void
count_one(struct home const *h, unsigned char k, unsigned char const *xpk,
    uint64_t na, void *ctx)
{
	struct count *c = ctx;

	(void)h;
	(void)xpk;
	if (k != c->kind || na <= c->now)
		return;
	c->n++;
	if (na > c->newest)
		c->newest = na;
}

size_t
prekeys_count(struct home const *h, unsigned char kind, uint64_t now,
    uint64_t *newest)
{
	struct count c = { kind, now, 0, 0 };

	each(h, count_one, &c);
	*newest = c.newest;
	return c.n;
}

struct expire {
	uint64_t now, keep;
	size_t n;
};

static void
expire_one(struct home const *h, unsigned char k, unsigned char const *xpk,
    uint64_t na, void *ctx)
{
	struct expire *x = ctx;

	if (na > UINT64_MAX - x->keep || na + x->keep > x->now)
		return;
	if (prekeys_forget(h, k, xpk))
		x->n++;
}

size_t
prekeys_expire(struct home const *h, uint64_t now, uint64_t expire_days)
{
	struct expire x = { now, (expire_days + 1) * DAY, 0 };

	if (expire_days > UINT64_MAX / DAY - 1)
		return 0;
	each(h, expire_one, &x);
	return x.n;
}

int
prekeys_replayed(struct home const *h, unsigned char const spk[RUNE2_X_LEN],
    unsigned char const hash[32])
{
	char rel[sizeof SEEN_REL + 2 * RUNE_ID_HEX_LEN + 2];
	char path[HOME_PATH_MAX];
	int fd;

	memcpy(rel, SEEN_REL "/", sizeof SEEN_REL);
	hexid_fmt(rel + sizeof SEEN_REL, spk);
	home_mkdirs(h, rel);
	rel[sizeof SEEN_REL + RUNE_ID_HEX_LEN] = '/';
	hexid_fmt(rel + sizeof SEEN_REL + RUNE_ID_HEX_LEN + 1, hash);
	home_path(path, h, rel);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	if (fd < 0) {
		if (errno == EEXIST)
			return 1;
		die_sys(RUNE_EXIT_TEMP, "unable to record %s", path);
	}
	if (close(fd) < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to record %s", path);
	/* the record is its name: on disk only once the directory is */
	rel[sizeof SEEN_REL + RUNE_ID_HEX_LEN] = '\0';
	home_path(path, h, rel);
	if (!afile_sync_dir(path))
		die_sys(RUNE_EXIT_TEMP, "unable to sync %s", path);
	return 0;
}

void
prekeys_plan(struct home const *h, uint64_t now, size_t maxopk,
    size_t server_ones, int *want_last, size_t *ones)
{
	uint64_t newest;

	*want_last = prekeys_count(h, RUNE2_KIND_LASTRESORT, now,
	    &newest) == 0 || newest - now <=
	    (PREKEYS_L_DAYS - PREKEYS_L_ROTATE_DAYS) * DAY;
	*ones = server_ones < maxopk / 4 ? maxopk - server_ones : 0;
}
