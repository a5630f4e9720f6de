/* watch.c: fetch --watch and --exec, as watch.h says. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "die.h"
#include "rune.h"
#include "watch.h"

#define EXEC_ARGS 32

static volatile sig_atomic_t stop;

static void
on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

int
watch_loop(unsigned secs, void (*round)(void *), void *arg)
{
	struct sigaction sa;
	unsigned left;
	pid_t pid;
	int st;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGINT, &sa, NULL) != 0 ||
	    sigaction(SIGTERM, &sa, NULL) != 0)
		die_sys(RUNE_EXIT_TEMP, "unable to catch signals");
	while (!stop) {
		fflush(stdout);
		if ((pid = fork()) < 0)
			die_sys(RUNE_EXIT_TEMP, "unable to fork");
		if (pid == 0) {
			signal(SIGINT, SIG_DFL);
			signal(SIGTERM, SIG_DFL);
			round(arg);
			_exit(0);
		}
		while (waitpid(pid, &st, 0) < 0) {
			if (errno != EINTR)
				die_sys(RUNE_EXIT_TEMP, "unable to wait");
			if (stop)	/* pass it on, then wait for it */
				kill(pid, SIGTERM);
		}
		if (stop)
			break;
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
			warn("fetch round failed (exit %d); trying again in "
			    "%u s", WIFEXITED(st) ? WEXITSTATUS(st) : -1,
			    secs);
		for (left = secs; left > 0 && !stop; )
			left = sleep(left);
	}
	info("watch stopped");
	return RUNE_EXIT_OK;
}

void
watch_exec(char const *cmd, char const *id, char const *from,
    char const *file)
{
	char *words, *argv[EXEC_ARGS + 1], *tok, *save;
	int n = 0, st;
	pid_t pid;

	if ((words = strdup(cmd)) == NULL)
		die_sys(RUNE_EXIT_TEMP, "out of memory");
	for (tok = strtok_r(words, " \t", &save); tok != NULL &&
	    n < EXEC_ARGS; tok = strtok_r(NULL, " \t", &save))
		argv[n++] = tok;
	argv[n] = NULL;
	if (n == 0) {
		free(words);
		return;
	}
	fflush(stdout);
	if ((pid = fork()) < 0) {
		warn_sys("--exec: unable to fork");
	} else if (pid == 0) {
		if (setenv("RUNE_ID", id, 1) != 0 ||
		    setenv("RUNE_FROM", from, 1) != 0 ||
		    setenv("RUNE_FILE", file, 1) != 0)
			_exit(127);
		execvp(argv[0], argv);
		warn_sys("--exec: unable to run %.200s", argv[0]);
		_exit(127);
	} else {
		while ((st = -1, waitpid(pid, &st, 0)) < 0 && errno == EINTR)
			;
		if (st == -1)
			warn_sys("--exec: unable to wait");
		else if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
			warn("--exec: %.200s failed", argv[0]);
	}
	free(words);
}
