/* keys-run.c: the key subcommands run rune-keys, the only writer of the
 * key table: fork and execve of rune-keys (beside rune-admin, else in
 * $RUNE_BINDIR: bindir.c), fixed argv, RUNE_ROOT the whole environment. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "die.h"
#include "asowner.h"
#include "bindir.h"
#include "keys-run.h"
#include "rune.h"

void
keys_address(struct addr *a, char const *s, struct conf const *c)
{
	if (!addr_parse(a, s, strlen(s)))
		die(RUNE_EXIT_PERM, "invalid address: %.120s", s);
	if (!addr_in_domain(a, c->domain))
		die(RUNE_EXIT_PERM, "address %s is not in the domain %s",
		    a->s, c->domain);
}

/* reads the child's stdout until its end, under the deadline */
static int
collect(int fd, unsigned char *out, size_t max, size_t *len)
{
	time_t end = time(0) + KEYS_RUN_DEADLINE;
	unsigned char junk[512];
	struct pollfd p;
	ssize_t r;

	*len = 0;
	p.fd = fd;
	p.events = POLLIN;
	for (;;) {
		time_t now = time(0);

		if (now >= end)
			return errno = ETIMEDOUT, 0;
		if (poll(&p, 1, (int)(end - now) * 1000) < 0) {
			if (errno == EINTR)
				continue;
			return 0;
		}
		if (out && *len < max)
			r = read(fd, out + *len, max - *len);
		else
			r = read(fd, junk, sizeof junk);
		if (r < 0 && errno != EINTR && errno != EAGAIN)
			return 0;
		if (r == 0)
			return 1;
		if (r > 0 && out && *len < max)
			*len += (size_t)r;
	}
}

int
keys_run(struct conf const *c, char const *const *args, unsigned char *out,
    size_t max, size_t *len)
{
	char path[4096], env[1100], *argv[8], *envp[ASOWNER_ENVP], keys[1100];
	int po[2], st, fd, ok, i;
	size_t dummy;
	pid_t pid;

	if (!admin_helper(path, sizeof path, "rune-keys"))
		return -1;
	snprintf(keys, sizeof keys, "%s/keys", c->root);
	asowner_env(envp, env, sizeof env, c->root, keys);
	argv[0] = path;
	for (i = 0; args[i] && i < 6; i++)
		argv[i + 1] = (char *)args[i];
	argv[i + 1] = 0;
	if (pipe2(po, O_CLOEXEC) < 0)
		return warn_sys("unable to make a pipe"), -1;
	pid = fork();
	if (pid < 0)
		return warn_sys("unable to fork"), -1;
	if (pid == 0) {
		fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
		if (fd < 0 || dup2(fd, 0) < 0 || dup2(po[1], 1) < 0 ||
		    !asowner(keys))
			_exit(RUNE_EXIT_TEMP);
		execve(path, argv, envp);
		warn_sys("unable to run %s", path);
		_exit(RUNE_EXIT_TEMP);
	}
	close(po[1]);
	ok = collect(po[0], out, max, len ? len : &dummy);
	close(po[0]);
	if (!ok) {
		warn_sys("rune-keys did not finish");
		kill(pid, SIGKILL);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return warn_sys("unable to wait for rune-keys"), -1;
	if (!ok || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

void
keys_run_addr(struct conf const *c, char const *cmd, struct addr const *a)
{
	char const *args[] = { cmd, a->s, 0 };
	int code = keys_run(c, args, 0, 0, 0);

	switch (code) {
	case 0:
		return;
	case KEYEXIT_TAKEN:
		die(code, "%s %s: the address is taken", cmd, a->s);
	case KEYEXIT_STATE:
		die(code, "%s %s: not possible in the address's state (see "
		    "rune-admin users --list)", cmd, a->s);
	case -1:
		code = RUNE_EXIT_TEMP;
		break;
	}
	die(code, "%s %s: failed", cmd, a->s);
}
