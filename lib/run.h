/* run.h: running a helper program, the one way (style 2): an absolute
 * path, an explicit argv and environment, bulk data on its standard
 * input, a bounded standard output, and one deadline; the verdict is its
 * exit code.  posix_spawn, or fork when the child must change first (its
 * user, its umask); a pidfd to wait with the deadline.  The caller
 * ignores SIGPIPE when it passes input. */
#ifndef RUN_H
#define RUN_H

#include <stddef.h>
#include <sys/types.h>

#define RUN_FAILED	(-1)	/* not started, killed, a signal, timed out */

/* the room run_env needs */
#define RUN_ENV_N	4
#define RUN_ROOT_MAX	4200

struct run_env {
	char *envp[RUN_ENV_N];
	char root[RUN_ROOT_MAX];	/* "RUNE_ROOT=..." */
	char now[32];			/* "RUNE_TEST_NOW=..." */
};

/* the environment of a helper (doc/privsep.md): RUNE_ROOT=root;
 * RUNE_ALLOW_ROOT=1 when ours is 1 or allow_root is 1 (root runs it on
 * a domain root owns); our RUNE_TEST_NOW when it is a number (a setuid
 * helper ignores it, lib/clock.c); nothing else.  1 done, 0 root too
 * long (errno ENAMETOOLONG) */
int run_env(struct run_env *e, char const *root, int allow_root);

struct run {
	char const *path;		/* absolute; argv[0] as well */
	char const *const *argv;	/* argv[1..], 0-ended (argv[0] unused) */
	char *const *envp;		/* the whole environment */
	/* 0, or called in the child before execve (then fork is used):
	 * 1 go on, 0 failed (errno) */
	int (*prep)(void *ctx);
	void *ctx;
};

/* starts r: *in becomes the write end of its stdin (in 0: /dev/null),
 * *out the read end of its stdout (out 0: /dev/null), *err of its stderr
 * (err 0: ours); all close-on-exec here.  1 started, 0 not (errno: also
 * a failed execve or prep) */
int run_start(struct run const *r, int *in, int *out, int *err, pid_t *pid);

/* waits for pid at most ms milliseconds, then kills it; returns its exit
 * code, or RUN_FAILED for a signal, a timeout or an error */
int run_wait(pid_t pid, int ms);

/* what run() passes and collects */
struct run_io {
	void const *in;		/* its stdin; 0: /dev/null */
	size_t inlen;
	unsigned char *out;	/* its stdout, the first outmax octets; */
	size_t outmax;		/* out 0: /dev/null */
	size_t outlen;		/* set: octets in out */
	int over;		/* set: it wrote more than outmax */
	char *err;		/* its stderr, the first errmax octets; */
	size_t errmax;		/* err 0: ours */
	size_t errlen;		/* set */
	int ms;			/* the deadline of the whole run */
};

/* runs r to its end with io: writes io->in, reads its output, waits;
 * returns its exit code, or RUN_FAILED (not started: errno set; the
 * deadline passed: ETIMEDOUT, and it was killed) */
int run(struct run const *r, struct run_io *io);

#endif
