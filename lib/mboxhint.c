/* mboxhint.c: a mailbox's usage hint, MBOX/usage, and the quota check of
 * a put (doc/store.md, "The usage hint").  The hint is one line:
 *
 *   rune-usage-1 COUNT BYTES NEWEST ID DEV INO CSEC CNSEC MAC
 *
 * COUNT and BYTES what cur/ holds, NEWEST and ID the arrival time and id
 * of its newest message (ID "-" when unknown), DEV, INO, CSEC and CNSEC
 * the device, inode and change time of cur/ right after the change the
 * hint counts, and MAC the hex of BLAKE2b-256 of all before " MAC" keyed
 * with the store's salt.  Any change to cur/ after that (a put whose hint
 * a crash lost, a file removed by hand) gives cur/ another change time,
 * so the hint no longer matches and the reader scans; the MAC refuses a
 * hint edited by anyone who does not hold the salt. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "hexid.h"
#include "mbox.h"
#include "num.h"

#define HINT_TAG	"rune-usage-1"
#define HINT_FIELDS	10
#define HINT_MAC_LEN	32

int
mbox_quota_over(uint64_t qmsgs, uint64_t qbytes, uint64_t count,
    uint64_t bytes, uint64_t size)
{
	return count >= qmsgs || size > qbytes || bytes > qbytes - size;
}

static void
mac_hex(char out[2 * HINT_MAC_LEN + 1], char const *s, size_t len,
    unsigned char const salt[MBOX_SALT_LEN])
{
	unsigned char h[HINT_MAC_LEN];

	(void)crypto_generichash(h, sizeof h, (unsigned char const *)s, len,
	    salt, MBOX_SALT_LEN);
	sodium_bin2hex(out, 2 * HINT_MAC_LEN + 1, h, sizeof h);
}

/* appends " N" at buf[*n] */
static void
put_num(char *buf, size_t *n, uint64_t v)
{
	buf[(*n)++] = ' ';
	*n += num_fmt(buf + *n, v);
}

size_t
mbox_hint_fmt(char out[MBOX_HINT_MAX], struct mbox_usage const *u,
    struct stat const *cur, unsigned char const salt[MBOX_SALT_LEN])
{
	size_t n = sizeof HINT_TAG - 1;

	memcpy(out, HINT_TAG, n);
	put_num(out, &n, u->count);
	put_num(out, &n, u->bytes);
	put_num(out, &n, u->newest);
	out[n++] = ' ';
	if (u->newest_hex[0] != '\0') {
		memcpy(out + n, u->newest_hex, RUNE_ID_HEX_LEN);
		n += RUNE_ID_HEX_LEN;
	} else
		out[n++] = '-';
	put_num(out, &n, (uint64_t)cur->st_dev);
	put_num(out, &n, (uint64_t)cur->st_ino);
	put_num(out, &n, (uint64_t)cur->st_ctim.tv_sec);
	put_num(out, &n, (uint64_t)cur->st_ctim.tv_nsec);
	out[n++] = ' ';
	mac_hex(out + n, out, n - 1, salt);
	n += 2 * HINT_MAC_LEN;
	out[n++] = '\n';
	return n;
}

/* reads the file usage of dirfd into buf; its length, 0 absent or too
 * long, -1 error */
static ssize_t
slurp(int dirfd, char buf[MBOX_HINT_MAX + 1])
{
	ssize_t r, len = 0;
	int fd, err;

	fd = openat(dirfd, MBOX_USAGE, O_RDONLY | O_NOFOLLOW | O_CLOEXEC |
	    O_NONBLOCK);
	if (fd < 0)
		return errno == ENOENT ? 0 : -1;
	for (;;) {
		r = read(fd, buf + len, (size_t)(MBOX_HINT_MAX + 1 - len));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		len += r;
		if (len > MBOX_HINT_MAX)
			break;
	}
	err = errno;
	close(fd);
	if (r < 0)
		return errno = err, -1;
	return len > MBOX_HINT_MAX ? 0 : len;
}

int
mbox_hint_read(int dirfd, int curfd,
    unsigned char const salt[MBOX_SALT_LEN], struct mbox_usage *u)
{
	char buf[MBOX_HINT_MAX + 1], mac[2 * HINT_MAC_LEN + 1];
	char const *f[HINT_FIELDS];
	size_t fl[HINT_FIELDS], i, k, body;
	uint64_t v[HINT_FIELDS];
	struct stat cur;
	ssize_t len;

	if ((len = slurp(dirfd, buf)) <= 0)
		return (int)len;
	if (buf[len - 1] != '\n')
		return 0;
	/* exactly HINT_FIELDS fields apart by one space, then the LF */
	for (i = 0, k = 0; i < HINT_FIELDS; i++) {
		f[i] = buf + k;
		while (k < (size_t)len - 1 && buf[k] != ' ')
			k++;
		fl[i] = (size_t)(buf + k - f[i]);
		if (fl[i] == 0 || (i < HINT_FIELDS - 1 && buf[k] != ' ') ||
		    (i == HINT_FIELDS - 1 && k != (size_t)len - 1))
			return 0;
		k++;
	}
	if (fl[0] != sizeof HINT_TAG - 1 || memcmp(f[0], HINT_TAG, fl[0]) ||
	    fl[9] != 2 * HINT_MAC_LEN)
		return 0;
	body = (size_t)(f[9] - buf) - 1;
	mac_hex(mac, buf, body, salt);
	if (sodium_memcmp(mac, f[9], 2 * HINT_MAC_LEN) != 0)
		return 0;
	for (i = 1; i < HINT_FIELDS - 1; i++)
		if (i != 4 && !num_parse(&v[i], f[i], fl[i]))
			return 0;
	if (fstat(curfd, &cur) < 0)
		return -1;
	if (v[5] != (uint64_t)cur.st_dev || v[6] != (uint64_t)cur.st_ino ||
	    v[7] != (uint64_t)cur.st_ctim.tv_sec ||
	    v[8] != (uint64_t)cur.st_ctim.tv_nsec)
		return 0;	/* cur/ changed since: stale */
	u->count = v[1];
	u->bytes = v[2];
	u->newest = v[3];
	if (fl[4] == RUNE_ID_HEX_LEN && hexid_lower(f[4], fl[4])) {
		memcpy(u->newest_hex, f[4], RUNE_ID_HEX_LEN);
		u->newest_hex[RUNE_ID_HEX_LEN] = '\0';
	} else if (fl[4] == 1 && f[4][0] == '-')
		u->newest_hex[0] = '\0';
	else
		return 0;
	return 1;
}

int
mbox_usage_hint(char const *root, char const *name, uint64_t *count,
    uint64_t *bytes)
{
	unsigned char salt[MBOX_SALT_LEN];
	char path[4096];
	struct mbox_usage u;
	int dir, cur, r, err;

	if (!mbox_name_ok(name, strlen(name)))
		return errno = EINVAL, 0;
	if (!mbox_path(path, sizeof path, root, name, 0))
		return 0;
	dir = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (dir < 0) {
		if (errno != ENOENT)
			return 0;
		*count = *bytes = 0;	/* no mailbox yet */
		return 1;
	}
	cur = openat(dir, "cur", O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (cur < 0) {
		err = errno;
		close(dir);
		if (err != ENOENT)
			return errno = err, 0;
		*count = *bytes = 0;	/* made in part: holds nothing */
		return 1;
	}
	r = mbox_salt(root, salt);
	if (r != 1 || mbox_hint_read(dir, cur, salt, &u) != 1)
		r = mbox_usage_scan(cur, NULL, &u, NULL) ? 1 : -1;
	sodium_memzero(salt, sizeof salt);
	err = errno;
	close(cur);
	close(dir);
	if (r != 1)
		return errno = err, 0;
	*count = u.count;
	*bytes = u.bytes;
	return 1;
}
