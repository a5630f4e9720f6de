/* run.c: the one way to run a helper program (run.h): posix_spawn with
 * a fixed argv and environment, or fork when the child must change
 * before its execve; the input written, the output read (bounded) and
 * the exit waited for through a pidfd, under one deadline. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "clock.h"
#include "run.h"

#define ARGV_MAX 32

int
run_env(struct run_env *e, char const *root, int allow_root)
{
	char const *allow = getenv("RUNE_ALLOW_ROOT");
	char const *now = getenv("RUNE_TEST_NOW");
	int n = 0, k;

	k = snprintf(e->root, sizeof e->root, "RUNE_ROOT=%s", root);
	if (k < 0 || (size_t)k >= sizeof e->root)
		return errno = ENAMETOOLONG, 0;
	e->envp[n++] = e->root;
	if (allow_root || (allow && strcmp(allow, "1") == 0))
		e->envp[n++] = "RUNE_ALLOW_ROOT=1";
	if (now && now[0] && strlen(now) <= 10 &&
	    strspn(now, "0123456789") == strlen(now)) {
		snprintf(e->now, sizeof e->now, "RUNE_TEST_NOW=%s", now);
		e->envp[n++] = e->now;
	}
	e->envp[n] = NULL;
	return 1;
}

static void
close2(int p[2])
{
	int e = errno;

	if (p[0] >= 0)
		close(p[0]);
	if (p[1] >= 0)
		close(p[1]);
	p[0] = p[1] = -1;
	errno = e;
}

static int
spawn(struct run const *r, char *const av[], int fin, int fout, int ferr,
    pid_t *pid)
{
	posix_spawn_file_actions_t fa;
	int x;

	if ((x = posix_spawn_file_actions_init(&fa)) != 0)
		return errno = x, 0;
	x = fin >= 0 ? posix_spawn_file_actions_adddup2(&fa, fin, 0) :
	    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	if (x == 0)
		x = fout >= 0 ? posix_spawn_file_actions_adddup2(&fa, fout, 1) :
		    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null",
		    O_WRONLY, 0);
	if (x == 0 && ferr >= 0)
		x = posix_spawn_file_actions_adddup2(&fa, ferr, 2);
	if (x == 0)
		x = posix_spawn(pid, r->path, &fa, NULL, av, r->envp);
	posix_spawn_file_actions_destroy(&fa);
	if (x != 0)
		return errno = x, 0;
	return 1;
}

/* in the child: fd onto to, or /dev/null opened with flags */
static int
place(int fd, int to, int flags)
{
	if (fd < 0 && (fd = open("/dev/null", flags | O_CLOEXEC)) < 0)
		return 0;
	return dup2(fd, to) == to;
}

/* fork, prep, execve; a failure in the child comes back as its errno
 * on a close-on-exec pipe, so that it reads as posix_spawn's */
static int
forked(struct run const *r, char *const av[], int fin, int fout, int ferr,
    pid_t *pid)
{
	int ep[2], e = 0;
	ssize_t n;

	if (pipe2(ep, O_CLOEXEC) < 0)
		return 0;
	*pid = fork();
	if (*pid < 0) {
		close2(ep);
		return 0;
	}
	if (*pid == 0) {
		close(ep[0]);
		if (place(fin, 0, O_RDONLY) && place(fout, 1, O_WRONLY) &&
		    (ferr < 0 || place(ferr, 2, O_WRONLY)) && r->prep(r->ctx))
			execve(r->path, av, r->envp);
		e = errno ? errno : EINVAL;
		n = write(ep[1], &e, sizeof e);
		(void)n;
		_exit(127);
	}
	close(ep[1]);
	do
		n = read(ep[0], &e, sizeof e);
	while (n < 0 && errno == EINTR);
	close(ep[0]);
	if (n == (ssize_t)sizeof e) {
		while (waitpid(*pid, NULL, 0) < 0 && errno == EINTR)
			;
		return errno = e, 0;
	}
	return 1;
}

int
run_start(struct run const *r, int *in, int *out, int *err, pid_t *pid)
{
	int pin[2] = { -1, -1 }, pout[2] = { -1, -1 }, perr[2] = { -1, -1 };
	char *av[ARGV_MAX + 1];
	int i, ok;

	av[0] = (char *)r->path;
	for (i = 1; r->argv[i]; i++) {
		if (i == ARGV_MAX)
			return errno = E2BIG, 0;
		av[i] = (char *)r->argv[i];
	}
	av[i] = NULL;
	if ((in && pipe2(pin, O_CLOEXEC) < 0) ||
	    (out && pipe2(pout, O_CLOEXEC) < 0) ||
	    (err && pipe2(perr, O_CLOEXEC) < 0)) {
		close2(pin);
		close2(pout);
		return 0;
	}
	ok = (r->prep ? forked : spawn)(r, av, pin[0], pout[1], perr[1], pid);
	if (!ok) {
		close2(pin);
		close2(pout);
		close2(perr);
		return 0;
	}
	if (in) {
		close(pin[0]);
		*in = pin[1];
	}
	if (out) {
		close(pout[1]);
		*out = pout[0];
	}
	if (err) {
		close(perr[1]);
		*err = perr[0];
	}
	return 1;
}

int
run_wait(pid_t pid, int ms)
{
	long long end = clock_ms() + ms;
	int fd, st, killed = 0;
	pid_t w;

	fd = (int)syscall(SYS_pidfd_open, pid, 0);
	for (;;) {
		w = waitpid(pid, &st, fd >= 0 ? WNOHANG : 0);
		if (w == pid)
			break;
		if (w < 0 && errno != EINTR) {
			st = -1;
			break;
		}
		if (w == 0) {
			struct pollfd p = { .fd = fd, .events = POLLIN };
			long long left = end - clock_ms();

			if (left <= 0) {
				kill(pid, SIGKILL);
				killed = 1;
				close(fd);
				fd = -1;
				continue;
			}
			if (poll(&p, 1, left > 3600000 ? 3600000 : (int)left) <
			    0 && errno != EINTR) {
				close(fd);
				fd = -1;
			}
		}
	}
	if (fd >= 0)
		close(fd);
	if (st == -1 || !WIFEXITED(st)) {
		if (killed)
			errno = ETIMEDOUT;
		return RUN_FAILED;
	}
	return WEXITSTATUS(st);
}

/* reads from *fd into b[*have..max) (over max: dropped, *over set);
 * closes *fd at its end; 1 read or ended, 0 error */
static int
take(int *fd, void *b, size_t max, size_t *have, int *over)
{
	unsigned char junk[512];
	ssize_t r;

	if (*have < max)
		r = read(*fd, (unsigned char *)b + *have, max - *have);
	else
		r = read(*fd, junk, sizeof junk);
	if (r < 0)
		return errno == EINTR || errno == EAGAIN;
	if (r == 0) {
		close(*fd);
		*fd = -1;
	} else if (*have < max)
		*have += (size_t)r;
	else
		*over = 1;
	return 1;
}

/* writes more of io->in to *fd; closes it when all is written or the
 * reader is gone (*lost set); 1 on, 0 error */
static int
give(int *fd, struct run_io const *io, size_t *done, int *lost)
{
	ssize_t w = write(*fd, (unsigned char const *)io->in + *done,
	    io->inlen - *done);

	if (w < 0 && (errno == EINTR || errno == EAGAIN))
		return 1;
	if (w < 0 && errno != EPIPE)
		return 0;
	if (w < 0)
		*lost = 1;
	else
		*done += (size_t)w;
	if (w < 0 || *done == io->inlen) {
		close(*fd);
		*fd = -1;
	}
	return 1;
}

int
run(struct run const *r, struct run_io *io)
{
	long long end = clock_ms() + io->ms, left;
	int in = -1, out = -1, err = -1, ok = 1, lost = 0, eover = 0, n, code;
	size_t done = 0;
	pid_t pid;

	io->outlen = io->errlen = 0;
	io->over = 0;
	if (!run_start(r, io->in ? &in : NULL, io->out ? &out : NULL,
	    io->err ? &err : NULL, &pid))
		return RUN_FAILED;
	if (in >= 0 && (io->inlen == 0 ||
	    fcntl(in, F_SETFL, O_NONBLOCK) < 0)) {
		ok = io->inlen == 0;
		close(in);
		in = -1;
	}
	while (ok && (in >= 0 || out >= 0 || err >= 0)) {
		struct pollfd p[3] = {
			{ .fd = in, .events = POLLOUT },
			{ .fd = out, .events = POLLIN },
			{ .fd = err, .events = POLLIN }
		};

		left = end - clock_ms();
		if (left <= 0) {
			errno = ETIMEDOUT;
			ok = 0;
			break;
		}
		n = poll(p, 3, left > 3600000 ? 3600000 : (int)left);
		if (n < 0 && errno != EINTR)
			ok = 0;
		if (n <= 0)
			continue;
		if (in >= 0 && p[0].revents)
			ok = give(&in, io, &done, &lost);
		if (ok && out >= 0 && p[1].revents)
			ok = take(&out, io->out, io->outmax, &io->outlen,
			    &io->over);
		if (ok && err >= 0 && p[2].revents)
			ok = take(&err, io->err, io->errmax, &io->errlen,
			    &eover);
	}
	n = errno;
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	if (err >= 0)
		close(err);
	if (!ok)
		kill(pid, SIGKILL);
	left = end - clock_ms();
	if (left > 3600000)
		left = 3600000;
	code = run_wait(pid, !ok || left <= 0 ? 0 : (int)left);
	if (!ok)
		errno = n;
	return !ok || lost ? RUN_FAILED : code;
}
