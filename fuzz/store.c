/* store.c: fuzz target: rune-store's request input (the pipe protocol
 * of rune-store/serve.c: put, del, purge, init, with a put's octets) and
 * the message file names it and the session read back (lib/mbox.c,
 * rune-store/expire.c).  rune-store runs in process over a scratch
 * store emptied before each input (die() jumps back, fuzz/die.c);
 * MAXSIZE 65536, a quota of 8 messages.  Octet 0 picks:
 *   even  the input is the requests on stdin;
 *   odd   the input is file names, one a line: made in cur/ (and, for
 *         octet 0 & 2, tmp/) of one mailbox, then listed, counted,
 *         searched, expired and counted again (stats). */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"
#include "fuzzdie.h"
#include "hexid.h"
#include "store.h"

#define MBOX "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

static char const *root;
static struct store st;
static unsigned char salt[MBOX_SALT_LEN];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char path[4096];
	int fd;

	(void)argc;
	(void)argv;
	if (signal(SIGPIPE, SIG_IGN) == SIG_ERR ||
	    signal(SIGXFSZ, SIG_IGN) == SIG_ERR)
		abort();
	root = fuzz_scratch();
	if (!fuzz_put(root, "control/maxsize", "65536\n", 6) ||
	    !fuzz_put(root, "control/quota_messages", "8\n", 2))
		abort();
	store_open(&st);
	fuzz_path(path, sizeof path, "store/salt");
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || read(fd, salt, sizeof salt) != sizeof salt)
		abort();
	close(fd);
	return 0;
}

static void
reset(void)
{
	char path[4096];

	fuzz_path(path, sizeof path, "store");
	if (!fuzz_empty(path) || !fuzz_put(root, "store/salt", salt,
	    sizeof salt))
		abort();
}

struct call {
	int (*f)(struct store *);
};

static int
store_main(void *arg)
{
	return ((struct call *)arg)->f(&st);
}

/* runs f with stdin in[0..len) and stdout /dev/null; its exit code */
static int
run(int (*f)(struct store *), uint8_t const *in, size_t len)
{
	struct call c = { f };
	int code = fuzz_run(store_main, &c, in, len);

	if (code != 0 && code != 100 && code != 111)
		__builtin_trap();
	return code;
}

static void
names(uint8_t const *p, size_t n, int tmp_too)
{
	char path[4096], name[256], ent[MBOX_ENT_MAX + 1];
	unsigned char id[RUNE_ID_LEN];
	struct mbox_list l;
	uint64_t count, bytes, size;
	size_t pos = 0;
	int fd;

	fuzz_path(path, sizeof path, "store/" MBOX);
	if (mkdir(path, 0700) < 0)
		abort();
	fuzz_path(path, sizeof path, "store/" MBOX "/cur");
	if (mkdir(path, 0700) < 0)
		abort();
	fuzz_path(path, sizeof path, "store/" MBOX "/tmp");
	if (mkdir(path, 0700) < 0)
		abort();
	while (pos < n) {
		uint8_t const *nl = memchr(p + pos, '\n', n - pos);
		size_t len = nl ? (size_t)(nl - (p + pos)) : n - pos;

		if (len > 0 && len < sizeof name) {
			memcpy(name, p + pos, len);
			name[len] = '\0';
			if (!memchr(name, '/', len) && strlen(name) == len &&
			    strcmp(name, ".") && strcmp(name, "..")) {
				if (snprintf(path, sizeof path, "store/" MBOX
				    "/cur/%s", name) < (int)sizeof path)
					(void)fuzz_put(root, path, name, len);
				if (tmp_too && snprintf(path, sizeof path,
				    "store/" MBOX "/tmp/%s", name) <
				    (int)sizeof path)
					(void)fuzz_put(root, path, "", 0);
			}
		}
		pos += len + 1;
	}
	if (mbox_list(root, MBOX, &l)) {
		size_t i;

		for (i = 1; i < l.n; i++)
			if (l.v[i].time < l.v[i - 1].time)
				__builtin_trap();
		if (l.n > 0 && hexid_parse(id, l.v[0].hex, RUNE_ID_HEX_LEN) &&
		    mbox_open_msg(root, MBOX, id, &fd, &size) == 1)
			close(fd);
		mbox_list_free(&l);
	}
	(void)mbox_usage(root, MBOX, &count, &bytes);
	(void)mbox_usage_hint(root, MBOX, &count, &bytes);
	fuzz_path(path, sizeof path, "store/" MBOX "/cur");
	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		memset(id, 0xab, sizeof id);
		(void)mbox_find_fd(fd, id, ent, &size);
		close(fd);
	}
	run(store_expire, NULL, 0);
	run(store_stats, NULL, 0);
}

int
LLVMFuzzerTestOneInput(uint8_t const *data, size_t size)
{
	if (size < 1)
		return 0;
	reset();
	if (data[0] & 1)
		names(data + 1, size - 1, data[0] & 2);
	else
		run(store_serve, data + 1, size - 1);
	return 0;
}
