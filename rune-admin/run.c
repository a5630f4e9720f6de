/* run.c: running a helper program (openssl): fork, execve, no shell.
 * Its stdout is collected (bounded), its stderr kept (bounded) and shown
 * only when it fails, all under one deadline. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "die.h"
#include "run.h"

#define ERR_MAX 2048	/* octets of the child's stderr kept */

char const *
run_openssl(void)
{
	char const *p = getenv("RUNE_OPENSSL");

	if (p && p[0] == '/')
		return p;
	return "/usr/bin/openssl";
}

static long
ms_left(struct timespec const *end)
{
	struct timespec now;

	if (clock_gettime(CLOCK_MONOTONIC, &now) < 0)
		return 0;
	if (now.tv_sec > end->tv_sec)
		return 0;
	return (long)(end->tv_sec - now.tv_sec) * 1000 +
	    (end->tv_nsec - now.tv_nsec) / 1000000;
}

/* in the child: fds in place, then execve; never returns */
static _Noreturn void
child(char const *const *argv, int out, int err)
{
	static char *const envp[] = { "PATH=/usr/bin:/bin", 0 };
	int null = open("/dev/null", O_RDONLY | O_CLOEXEC);

	if (null < 0 || dup2(null, 0) < 0 || dup2(out, 1) < 0 ||
	    dup2(err, 2) < 0)
		_exit(126);
	umask(077);
	execve(argv[0], (char *const *)argv, envp);
	_exit(127);
}

/* reads from fd into b[*have..max); when full, drops the rest and sets
 * *over; returns 1 more to come, 0 end, -1 error */
static int
take(int fd, unsigned char *b, size_t max, size_t *have, int *over)
{
	unsigned char junk[512];
	ssize_t r;

	if (b && *have < max)
		r = read(fd, b + *have, max - *have);
	else
		r = read(fd, junk, sizeof junk);
	if (r < 0)
		return errno == EINTR || errno == EAGAIN ? 1 : -1;
	if (r == 0)
		return 0;
	if (b && *have < max)
		*have += (size_t)r;
	else if (b)
		*over = 1;
	return 1;
}

/* collects both pipes until both end or the deadline passes;
 * 1 both ended, 0 timeout or error */
static int
collect(int fdo, int fde, unsigned char *out, size_t max, size_t *len,
    int *over, char *err, size_t *elen)
{
	struct pollfd p[2];
	struct timespec end;
	int eover = 0;

	if (clock_gettime(CLOCK_MONOTONIC, &end) < 0)
		return 0;
	end.tv_sec += RUN_DEADLINE;
	p[0].fd = fdo;
	p[1].fd = fde;
	p[0].events = p[1].events = POLLIN;
	while (p[0].fd >= 0 || p[1].fd >= 0) {
		long ms = ms_left(&end);
		int i, r;

		if (ms <= 0)
			return 0;
		r = poll(p, 2, (int)(ms > 1000000 ? 1000000 : ms));
		if (r < 0 && errno != EINTR)
			return 0;
		for (i = 0; r > 0 && i < 2; i++) {
			int k;

			if (p[i].fd < 0 || p[i].revents == 0)
				continue;
			if (i == 0)
				k = take(p[0].fd, out, max, len, over);
			else
				k = take(p[1].fd, (unsigned char *)err,
				    ERR_MAX, elen, &eover);
			if (k < 0)
				return 0;
			if (k == 0)
				p[i].fd = -1;
		}
	}
	return 1;
}

/* shows the child's stderr, line by line, as warnings */
static void
show(char const *name, char *err, size_t elen)
{
	size_t i = 0;

	while (i < elen) {
		size_t j = i;

		while (j < elen && err[j] != '\n')
			j++;
		if (j > i)
			warn("%s: %.*s", name, (int)(j - i), err + i);
		i = j + 1;
	}
}

int
run_cmd(char const *const *argv, unsigned char *out, size_t max,
    size_t *len)
{
	int po[2] = { -1, -1 }, pe[2] = { -1, -1 };
	char err[ERR_MAX];
	size_t have = 0, elen = 0;
	int over = 0, done, status;
	pid_t pid;

	if (pipe2(po, O_CLOEXEC) < 0 || pipe2(pe, O_CLOEXEC) < 0) {
		warn_sys("unable to make a pipe");
		goto fail;
	}
	pid = fork();
	if (pid < 0) {
		warn_sys("unable to fork");
		goto fail;
	}
	if (pid == 0)
		child(argv, po[1], pe[1]);
	close(po[1]);
	close(pe[1]);
	done = collect(po[0], pe[0], out, max, &have, &over, err, &elen);
	close(po[0]);
	close(pe[0]);
	if (!done)
		kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			warn_sys("unable to wait for %s", argv[0]);
			return 0;
		}
	if (!done) {
		warn("%s %s: timed out or unreadable", argv[0], argv[1]);
		return 0;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		show(argv[0], err, elen);
		if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
			warn("unable to run %s (set $RUNE_OPENSSL?)", argv[0]);
		else
			warn("%s %s failed", argv[0], argv[1]);
		return 0;
	}
	if (over) {
		warn("%s %s: output too long", argv[0], argv[1]);
		return 0;
	}
	if (len)
		*len = have;
	return 1;
fail:
	if (po[0] >= 0) {
		close(po[0]);
		close(po[1]);
	}
	if (pe[0] >= 0) {
		close(pe[0]);
		close(pe[1]);
	}
	return 0;
}
