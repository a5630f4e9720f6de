/* cache.c: the local message cache, as cache.h says. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afile.h"
#include "cache.h"
#include "die.h"
#include "hexid.h"
#include "remote.h"

void
cache_put(struct home const *h, char const *id, unsigned char const *blob,
    size_t len)
{
	char dir[HOME_PATH_MAX];

	home_mkdirs(h, "cache");
	home_path(dir, h, "cache");
	if (!afile_write(dir, id, blob, len, 0600))
		die_sys(RUNE_EXIT_TEMP, "unable to write %s/%s", dir, id);
}

void
cache_put_fd(struct home const *h, char const *id, int fd, uint64_t n)
{
	char dir[HOME_PATH_MAX];

	home_mkdirs(h, "cache");
	home_path(dir, h, "cache");
	if (!afile_write_fd(dir, id, NULL, 0, fd, 0, n, 0600))
		die_sys(RUNE_EXIT_TEMP, "unable to write %s/%s", dir, id);
}

/* reads all of path into b: 1, 0 absent; exits 111 on error */
static int
read_all(char const *path, struct buf *b, size_t max)
{
	struct stat st;
	ssize_t r;
	int fd;

	b->len = 0;
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT)
		return 0;
	if (fd < 0 || fstat(fd, &st) != 0)
		die_sys(RUNE_EXIT_TEMP, "unable to read %s", path);
	if (!S_ISREG(st.st_mode) || (unsigned long long)st.st_size > max)
		die(RUNE_EXIT_TEMP, "%s: not a cached message", path);
	buf_room(b, (size_t)st.st_size + 1);
	for (;;) {
		buf_room(b, 65536);
		r = read(fd, b->s + b->len, 65536);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			die_sys(RUNE_EXIT_TEMP, "unable to read %s", path);
		if (r == 0)
			break;
		b->len += (size_t)r;
		if (b->len > max)
			die(RUNE_EXIT_TEMP, "%s: too large", path);
	}
	close(fd);
	return 1;
}

int
cache_open(struct home const *h, char const *id, int *fd, uint64_t *size)
{
	char rel[RUNE_ID_HEX_LEN + 16], path[HOME_PATH_MAX];
	struct stat st;

	snprintf(rel, sizeof rel, "cache/%s", id);
	home_path(path, h, rel);
	*size = 0;
	*fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (*fd < 0 && errno == ENOENT)
		return 0;
	if (*fd < 0 || fstat(*fd, &st) != 0)
		die_sys(RUNE_EXIT_TEMP, "unable to read %s", path);
	if (!S_ISREG(st.st_mode) ||
	    (unsigned long long)st.st_size > REMOTE_BLOB_MAX)
		die(RUNE_EXIT_TEMP, "%s: not a cached message", path);
	*size = (uint64_t)st.st_size;
	return 1;
}

int
cache_get(struct home const *h, char const *id, struct buf *b)
{
	char rel[RUNE_ID_HEX_LEN + 16], path[HOME_PATH_MAX];

	snprintf(rel, sizeof rel, "cache/%s", id);
	home_path(path, h, rel);
	return read_all(path, b, REMOTE_BLOB_MAX);
}

int
cache_drop(struct home const *h, char const *id)
{
	char rel[RUNE_ID_HEX_LEN + 16];
	int r;

	snprintf(rel, sizeof rel, "cache/%s", id);
	r = home_remove(h, rel);
	snprintf(rel, sizeof rel, "seen/%s", id);
	(void)home_remove(h, rel);
	return r;
}

void
cache_index_write(struct home const *h, char const *ids, size_t n)
{
	char dir[HOME_PATH_MAX];
	struct buf b = { 0 };
	size_t i;

	for (i = 0; i < n; i++)
		buf_fmt(&b, "%s\n", ids + i * (RUNE_ID_HEX_LEN + 1));
	home_mkdirs(h, "cache");
	home_path(dir, h, "cache");
	if (!afile_write(dir, "index", b.len ? (void *)b.s : "", b.len, 0600))
		die_sys(RUNE_EXIT_TEMP, "unable to write %s/index", dir);
	buf_free(&b);
}

static int
all_of(char const *s, char const *set)
{
	return *s != '\0' && strspn(s, set) == strlen(s);
}

int
cache_arg_ok(char const *arg)
{
	size_t n = strlen(arg);

	if (all_of(arg, "0123456789") && n <= 9)
		return 1;
	return all_of(arg, "0123456789abcdef") && n >= CACHE_PREFIX_MIN &&
	    n <= RUNE_ID_HEX_LEN;
}

int
cache_arg_prefix(char const *arg)
{
	size_t n = strlen(arg);

	return all_of(arg, "0123456789abcdef") && n >= CACHE_PREFIX_MIN &&
	    n < RUNE_ID_HEX_LEN;
}

/* one more id matching: counts it, keeps the first */
static void
match(char const *cand, char const *arg, char id[RUNE_ID_HEX_LEN + 1],
    unsigned *found)
{
	if (strlen(cand) != RUNE_ID_HEX_LEN ||
	    strncmp(cand, arg, strlen(arg)) != 0)
		return;
	if (*found > 0 && strcmp(id, cand) == 0)
		return;	/* the same id again */
	if (*found == 0)
		memcpy(id, cand, RUNE_ID_HEX_LEN + 1);
	(*found)++;
}

/* list number arg (fewer than CACHE_PREFIX_MIN digits) of cache/index */
static void
by_number(struct home const *h, char const *arg,
    char id[RUNE_ID_HEX_LEN + 1])
{
	char path[HOME_PATH_MAX];
	struct buf b = { 0 };
	unsigned long num = strtoul(arg, NULL, 10);
	unsigned found = 0;
	size_t i, line = 0, start = 0;

	home_path(path, h, "cache/index");
	if (!read_all(path, &b, 200 * 1000 * 1000))
		b.len = 0;
	for (i = 0; i < b.len; i++) {
		if (b.s[i] != '\n')
			continue;
		b.s[i] = '\0';
		if (++line == num) {
			match((char *)b.s + start, "", id, &found);
			break;
		}
		start = i + 1;
	}
	buf_free(&b);
	if (found == 0)
		die(RUNE_EXIT_PERM, "no message %.20s in the last list (rune "
		    "list shows the numbers; an id prefix has %d hex digits at "
		    "least)", arg, CACHE_PREFIX_MIN);
}

void
cache_resolve(struct home const *h, char const *arg,
    struct remote_ent const *v, size_t n, char id[RUNE_ID_HEX_LEN + 1])
{
	char path[HOME_PATH_MAX];
	unsigned found = 0;
	size_t i;
	struct dirent *e;
	DIR *d;

	if (all_of(arg, "0123456789abcdef") && strlen(arg) < CACHE_PREFIX_MIN &&
	    !all_of(arg, "0123456789"))
		die(RUNE_EXIT_PERM, "%.64s: an id prefix has %d hex digits at "
		    "least (rune list --ids shows the ids)", arg,
		    CACHE_PREFIX_MIN);
	if (!cache_arg_ok(arg))
		die(RUNE_EXIT_PERM, "not a message number, id or id prefix "
		    "(%d hex digits at least): %.100s", CACHE_PREFIX_MIN, arg);
	if (strlen(arg) == RUNE_ID_HEX_LEN) {
		memcpy(id, arg, RUNE_ID_HEX_LEN + 1);
		return;
	}
	if (strlen(arg) < CACHE_PREFIX_MIN) {
		by_number(h, arg, id);
		return;
	}
	for (i = 0; i < n; i++)
		match(v[i].id, arg, id, &found);
	home_path(path, h, "cache");
	if ((d = opendir(path)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			for (i = 0; i < n; i++)
				if (strcmp(e->d_name, v[i].id) == 0)
					break;
			if (i == n)	/* not counted twice */
				match(e->d_name, arg, id, &found);
		}
		closedir(d);
	}
	if (found > 1)
		die(RUNE_EXIT_PERM, "%.64s: %u messages have ids that start "
		    "so (on the server and in the cache): give more digits "
		    "(rune list --ids shows them)", arg, found);
	if (found == 0)
		die(RUNE_EXIT_PERM, "no message's id starts with %.64s, on "
		    "the server or in the cache (rune list --ids shows them)",
		    arg);
}

int
cache_seen(struct home const *h, char const *id)
{
	char rel[RUNE_ID_HEX_LEN + 16], path[HOME_PATH_MAX];

	snprintf(rel, sizeof rel, "seen/%s", id);
	home_path(path, h, rel);
	return access(path, F_OK) == 0;
}

void
cache_seen_set(struct home const *h, char const *id)
{
	if (!cache_seen(h, id))
		home_write_line(h, "seen", id, "read");
}
