/* helper.c: posix_spawn of a helper with a fixed argv and an environment
 * of RUNE_ROOT only; a deadline on its exit through a pidfd. */
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

#include <sodium.h>

#include "helper.h"
#include "writeall.h"
#include "session.h"
#include "tls.h"

static int
bindir_path(char *out, size_t max, char const *prog)
{
	char const *dir = getenv("RUNE_BINDIR");
	int n;

	if (!dir || *dir != '/')
		dir = RUNE_BINDIR;
	n = snprintf(out, max, "%s/%s", dir, prog);
	return n > 0 && (size_t)n < max;
}

/* besides RUNE_ROOT only RUNE_ALLOW_ROOT, which tests and the demo
 * (run as root) set, and the test clock RUNE_TEST_NOW (lib/clock.c),
 * which a setuid helper ignores; no setting: the helpers take theirs
 * from control/ (doc/privsep.md) */
#define PASSED_N 2
static char const *const passed[PASSED_N + 1] = {
	"RUNE_ALLOW_ROOT", "RUNE_TEST_NOW", NULL
};
/* "NAME=value": the longest name, '=', a value of at most 64 octets, NUL */
#define VAR_MAX (32 + 64 + 2)

int
helper_spawn(struct session const *s, char const *prog,
    char const *const argv[], int *in, int *out, pid_t *pid)
{
	char path[1200], root[1100], vars[PASSED_N][VAR_MAX];
	char *envp[PASSED_N + 2];
	char *av[8];
	posix_spawn_file_actions_t fa;
	int pin[2], pout[2] = { -1, -1 }, r, i, ne = 0;

	if (!bindir_path(path, sizeof path, prog))
		return errno = ENAMETOOLONG, 0;
	if (snprintf(root, sizeof root, "RUNE_ROOT=%s", s->conf.root) >=
	    (int)sizeof root)
		return errno = ENAMETOOLONG, 0;
	envp[ne++] = root;
	for (i = 0; passed[i]; i++) {
		char const *v = getenv(passed[i]);

		if (!v)
			continue;
		r = snprintf(vars[i], sizeof vars[i], "%s=%s", passed[i], v);
		if (r < 0 || (size_t)r >= sizeof vars[i])
			return errno = E2BIG, 0;	/* never cut */
		envp[ne++] = vars[i];
	}
	envp[ne] = NULL;
	av[0] = path;
	for (i = 1; argv[i] && i < 7; i++)
		av[i] = (char *)argv[i];
	av[i] = NULL;

	if (pipe2(pin, O_CLOEXEC) < 0)
		return 0;
	if (out && pipe2(pout, O_CLOEXEC) < 0)
		goto fail;
	if (posix_spawn_file_actions_init(&fa) != 0)
		goto fail;
	r = posix_spawn_file_actions_adddup2(&fa, pin[0], 0);
	if (r == 0)
		r = out ? posix_spawn_file_actions_adddup2(&fa, pout[1], 1) :
		    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null",
		    O_WRONLY, 0);
	if (r == 0)
		r = posix_spawn(pid, path, &fa, NULL, av, envp);
	posix_spawn_file_actions_destroy(&fa);
	if (r != 0) {
		errno = r;
		goto fail;
	}
	close(pin[0]);
	*in = pin[1];
	if (out) {
		close(pout[1]);
		*out = pout[0];
	}
	return 1;
fail:
	r = errno;
	close(pin[0]);
	close(pin[1]);
	if (pout[0] >= 0) {
		close(pout[0]);
		close(pout[1]);
	}
	errno = r;
	return 0;
}

int
helper_wait(pid_t pid, int ms)
{
	long long end = tls_now_ms() + ms;
	int fd, st;
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
			long long left = end - tls_now_ms();

			if (left <= 0) {
				kill(pid, SIGKILL);
				if (fd >= 0)
					close(fd);
				fd = -1;
				continue;
			}
			if (poll(&p, 1, (int)left) < 0 && errno != EINTR) {
				close(fd);
				fd = -1;
			}
		}
	}
	if (fd >= 0)
		close(fd);
	if (st == -1 || !WIFEXITED(st))
		return 111;
	return WEXITSTATUS(st);
}

int
helper_run(struct session const *s, char const *prog,
    char const *const argv[], void const *data, size_t len)
{
	pid_t pid;
	int in, ok;

	if (!helper_spawn(s, prog, argv, &in, NULL, &pid))
		return 111;
	ok = writeall(in, data, len);
	close(in);
	return ok ? helper_wait(pid, HELPER_DEADLINE_MS) : (helper_wait(pid,
	    HELPER_DEADLINE_MS), 111);
}

/* reads prog's stdout until EOF or ms pass; keeps the first line */
static int
read_line(int fd, char *out, size_t max, int ms)
{
	long long end = tls_now_ms() + ms;
	char buf[256];
	size_t have = 0;
	int over = 0;
	ssize_t r;

	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		long long left = end - tls_now_ms();

		if (left <= 0)
			return 0;
		if (poll(&p, 1, (int)left) < 0) {
			if (errno == EINTR)
				continue;
			return 0;
		}
		r = read(fd, buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return 0;
		if (r == 0)
			break;
		for (ssize_t i = 0; i < r; i++) {
			if (have == max)
				over = 1;
			else
				out[have++] = buf[i];
		}
	}
	sodium_memzero(buf, sizeof buf);
	if (over || have == 0 || out[have - 1] != '\n')
		return 0;
	out[have - 1] = 0;
	return strlen(out) == have - 1;
}

int
helper_run_out(struct session const *s, char const *prog,
    char const *const argv[], void const *data, size_t len, char *out,
    size_t max)
{
	pid_t pid;
	int in, fd, ok, code;

	out[0] = 0;
	if (!helper_spawn(s, prog, argv, &in, &fd, &pid))
		return 111;
	ok = writeall(in, data, len);
	close(in);
	if (ok)
		ok = read_line(fd, out, max, HELPER_DEADLINE_MS);
	close(fd);
	code = helper_wait(pid, HELPER_DEADLINE_MS);
	if (code == 0 && !ok) {
		sodium_memzero(out, max);
		return 111;
	}
	return code;
}
