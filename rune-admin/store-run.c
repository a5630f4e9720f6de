/* store-run.c: rune-admin's one-shot rune-store commands (stats,
 * expire): fork and execve of rune-store (bindir.c) with RUNE_ROOT as
 * its environment; run as root, it runs as the owner of store/. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "asowner.h"
#include "bindir.h"
#include "die.h"
#include "store-run.h"

/* in the child: root runs rune-store as the owner of store/ (rune-store
 * refuses root); then execve; never returns */
static _Noreturn void
store_child(struct conf const *c, char const *path, char const *cmd, int out)
{
	char root[1100], store[1100], *envp[ASOWNER_ENVP];
	char *argv[] = { (char *)path, (char *)cmd, 0 };
	int fd;

	snprintf(store, sizeof store, "%s/store", c->root);
	asowner_env(envp, root, sizeof root, c->root, store);
	if (!asowner(store))
		_exit(RUNE_EXIT_TEMP);
	fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (fd < 0 || dup2(fd, 0) < 0 || dup2(out, 1) < 0)
		_exit(RUNE_EXIT_TEMP);
	execve(path, argv, envp);
	warn_sys("unable to run %s", path);
	_exit(RUNE_EXIT_TEMP);
}

int
store_run(struct conf const *c, char const *cmd, char *buf, size_t max)
{
	char path[4200];
	size_t have = 0;
	int p[2], st;
	pid_t pid;

	if (!admin_helper(path, sizeof path, "rune-store"))
		return 0;
	if (pipe2(p, O_CLOEXEC) < 0)
		return warn_sys("unable to make a pipe"), 0;
	pid = fork();
	if (pid < 0)
		return warn_sys("unable to fork"), 0;
	if (pid == 0)
		store_child(c, path, cmd, p[1]);
	close(p[1]);
	for (;;) {
		ssize_t r = read(p[0], buf + have, max - 1 - have);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		have += (size_t)r;
		if (have == max - 1)
			break;
	}
	buf[have] = 0;
	close(p[0]);
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return warn_sys("unable to wait for rune-store"), 0;
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		return warn("rune-store %s failed", cmd), 0;
	return 1;
}

