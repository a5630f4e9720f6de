/* sentcopy.c: the copy of a sent message, as sentcopy.h says. */
#include <stdio.h>

#include "buf.h"
#include "maildir.h"
#include "sentcopy.h"

void
sentcopy_deliver(char const *dir, int fd, uint64_t off, uint64_t n,
    struct addr const *to, size_t nto,
    char const (*ids)[RUNE_ID_HEX_LEN + 1])
{
	struct buf head = { 0 };
	char name[64];
	size_t k;

	maildir_init(dir);
	for (k = 0; k < nto; k++)
		buf_fmt(&head, "X-Rune-Sent-Id: %s %s\n", ids[k], to[k].s);
	maildir_deliver_fd(dir, head.s, head.len, fd, off, n, name);
	buf_free(&head);
}
