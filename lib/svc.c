/* svc.c: a pre-forked pool of workers on a UNIX socket. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "die.h"
#include "svc.h"

#define SVC_WORKERS_MAX	64
#define SVC_BACKLOG	128

static volatile sig_atomic_t stop;
static volatile sig_atomic_t child;

static void
on_stop(int sig)
{
	(void)sig;
	stop = 1;
}

/* SIGCHLD, and SIGALRM while a worker could not be forked */
static void
on_child(int sig)
{
	(void)sig;
	child = 1;
}

static int
address(struct sockaddr_un *a, char const *path)
{
	size_t n = strlen(path);

	memset(a, 0, sizeof *a);
	a->sun_family = AF_UNIX;
	if (n == 0 || n >= sizeof a->sun_path) {
		errno = ENAMETOOLONG;
		return 0;
	}
	memcpy(a->sun_path, path, n + 1);
	return 1;
}

int
svc_listen(char const *path, mode_t mode)
{
	struct sockaddr_un a;
	char tmp[sizeof a.sun_path + 8];
	int fd, e;

	if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp ||
	    !address(&a, tmp)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (unlink(tmp) < 0 && errno != ENOENT)
		goto fail;
	if (bind(fd, (struct sockaddr *)&a, sizeof a) < 0)
		goto fail;
	if (chmod(tmp, mode) < 0 || rename(tmp, path) < 0 ||
	    listen(fd, SVC_BACKLOG) < 0) {
		e = errno;
		unlink(tmp);
		errno = e;
		goto fail;
	}
	return fd;
fail:
	e = errno;
	close(fd);
	errno = e;
	return -1;
}

int
svc_connect(char const *path)
{
	struct sockaddr_un a;
	int fd, e;

	if (!address(&a, path))
		return -1;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	while (connect(fd, (struct sockaddr *)&a, sizeof a) < 0) {
		if (errno == EINTR)
			continue;
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

/* a worker: accept, serve, close, again; fds 0 and 1 are the
 * connection while it is served (the helpers' pipe protocols read 0 and
 * write 1), /dev/null between connections */
static void
worker(int lfd, void (*serve)(int, void *), void *ctx, sigset_t const *mask)
{
	int null, c;

	if (signal(SIGTERM, SIG_DFL) == SIG_ERR ||
	    signal(SIGINT, SIG_DFL) == SIG_ERR ||
	    signal(SIGCHLD, SIG_DFL) == SIG_ERR ||
	    signal(SIGALRM, SIG_DFL) == SIG_ERR ||
	    sigprocmask(SIG_SETMASK, mask, NULL) < 0)
		die_sys(111, "unable to set signals");
	null = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (null <= 2)
		die_sys(111, "unable to open /dev/null");
	for (;;) {
		c = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
		if (c < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			die_sys(111, "unable to accept");
		}
		serve(c, ctx);
		close(c);
		if (dup2(null, 0) < 0 || dup2(null, 1) < 0)
			die_sys(111, "unable to reset a worker");
	}
}

static pid_t
spawn(int lfd, void (*serve)(int, void *), void *ctx, sigset_t const *mask)
{
	pid_t p = fork();

	if (p == 0) {
		worker(lfd, serve, ctx, mask);
		_exit(111);
	}
	if (p < 0)
		warn_sys("unable to fork a worker");
	return p;
}

/* the socket at path is still the one we bound (not a newer daemon's):
 * a is what path was at the start */
static int
ours(struct stat const *a, char const *path)
{
	struct stat b;

	return stat(path, &b) == 0 && a->st_ino == b.st_ino &&
	    a->st_dev == b.st_dev;
}

int
svc_run(int lfd, char const *path, int workers,
    void (*serve)(int fd, void *ctx), void *ctx)
{
	pid_t pids[SVC_WORKERS_MAX];
	struct stat mine;
	struct sigaction sa;
	sigset_t block, old;
	time_t window = 0;
	int i, restarts = 0, st;
	pid_t w;

	if (workers < 1 || workers > SVC_WORKERS_MAX)
		return errno = EINVAL, 111;
	if (stat(path, &mine) < 0)
		return 111;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop;
	if (sigaction(SIGTERM, &sa, NULL) < 0 ||
	    sigaction(SIGINT, &sa, NULL) < 0)
		return 111;
	sa.sa_handler = on_child;
	if (sigaction(SIGCHLD, &sa, NULL) < 0 ||
	    sigaction(SIGALRM, &sa, NULL) < 0)
		return 111;
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGCHLD);
	sigaddset(&block, SIGALRM);
	if (sigprocmask(SIG_BLOCK, &block, &old) < 0)
		return 111;
	for (i = 0; i < workers; i++)
		if ((pids[i] = spawn(lfd, serve, ctx, &old)) < 0)
			alarm(1);
	while (!stop) {
		while (!stop && !child)
			sigsuspend(&old);
		child = 0;
		while ((w = waitpid(-1, &st, WNOHANG)) > 0)
			for (i = 0; i < workers; i++)
				if (pids[i] == w)
					pids[i] = -1;
		if (stop)
			break;
		/* more than 10 restarts in a second: pause, do not spin */
		if (time(NULL) != window) {
			window = time(NULL);
			restarts = 0;
		}
		for (i = 0; i < workers; i++) {
			if (pids[i] > 0)
				continue;
			if (++restarts > 10) {
				warn("workers die too fast: pausing");
				sleep(1);
			}
			pids[i] = spawn(lfd, serve, ctx, &old);
			if (pids[i] < 0)
				alarm(1);	/* try again in a second */
		}
	}
	for (i = 0; i < workers; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGTERM);
	for (i = 0; i < workers; i++)
		if (pids[i] > 0)
			waitpid(pids[i], &st, 0);
	if (ours(&mine, path))
		unlink(path);
	close(lfd);
	return 0;
}
