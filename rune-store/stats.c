/* stats.c: rune-store stats: aggregates only, for rune-admin status; no
 * mailbox name and no message id is printed. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "die.h"
#include "store.h"

struct stats {
	uint64_t boxes, msgs, bytes, oldest;
};

/* adds the mailbox ent of store/ to s; 1 done, 0 error */
static int
add_one(struct store *st, char const *ent, struct stats *s)
{
	struct mbox_list l;
	size_t i;
	int dir, cur, ok;

	dir = openat(st->fd, ent, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (dir < 0)
		return errno == ENOENT;
	cur = openat(dir, "cur", O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	close(dir);
	if (cur < 0)
		return errno == ENOENT;
	ok = mbox_list_fd(cur, &l);
	close(cur);
	if (!ok)
		return 0;
	s->boxes++;
	s->msgs += l.n;
	for (i = 0; i < l.n; i++)
		s->bytes += l.v[i].size;
	if (l.n > 0 && (s->oldest == 0 || l.v[0].time < s->oldest))
		s->oldest = l.v[0].time;
	mbox_list_free(&l);
	return 1;
}

/* one entry of store/: a mailbox is counted, the rest skipped */
static void
add_box(struct store *st, char const *ent, void *ctx)
{
	if (mbox_name_ok(ent, strlen(ent)) && !add_one(st, ent, ctx))
		die_sys(RUNE_EXIT_TEMP, "unable to read a mailbox");
}

int
store_stats(struct store *st)
{
	struct stats s = { 0, 0, 0, 0 };
	uint64_t now = store_now(), age = 0;

	if (!store_each(st, add_box, &s))
		die_sys(RUNE_EXIT_TEMP, "unable to read the store");
	if (s.msgs > 0 && now > s.oldest)
		age = (now - s.oldest) / 1000000000u;
	if (printf("mailboxes %llu\nmessages %llu\nbytes %llu\n"
	    "oldest_age %llu\n", (unsigned long long)s.boxes,
	    (unsigned long long)s.msgs, (unsigned long long)s.bytes,
	    (unsigned long long)age) < 0 || fflush(stdout) != 0)
		die_sys(RUNE_EXIT_TEMP, "unable to write the figures");
	return RUNE_EXIT_OK;
}
