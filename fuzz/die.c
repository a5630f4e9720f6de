/* die.c: lib/die.c for the fuzz targets that run a helper's code in
 * process (keys.c, store.c): linked before librune, so that die() and
 * die_sys() jump back to the target (fuzz_run) instead of ending the
 * fuzzer, and warnings are dropped.  A die outside a catch ends the
 * process as lib/die.c would. */
#include <fcntl.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "die.h"
#include "fuzzdie.h"

jmp_buf fuzz_die_jmp;
int fuzz_die_armed;
int fuzz_die_code;

void
die_init(char const *prog)
{
	(void)prog;
}

static _Noreturn void
jump(int code)
{
	if (!fuzz_die_armed)
		_exit(code);
	fuzz_die_armed = 0;
	fuzz_die_code = code;
	longjmp(fuzz_die_jmp, 1);
}

void
die(int code, char const *fmt, ...)
{
	(void)fmt;
	jump(code);
}

void
die_sys(int code, char const *fmt, ...)
{
	(void)fmt;
	jump(code);
}

void
die_usage(char const *usage)
{
	(void)usage;
	jump(100);
}

void
warn(char const *fmt, ...)
{
	(void)fmt;
}

void
warn_sys(char const *fmt, ...)
{
	(void)fmt;
}

void
info(char const *fmt, ...)
{
	(void)fmt;
}

void
fuzz_fds_mark(unsigned char open[FUZZ_FDS])
{
	int fd;

	for (fd = 0; fd < FUZZ_FDS; fd++)
		open[fd] = fcntl(fd, F_GETFD) >= 0;
}

void
fuzz_fds_close(unsigned char const open[FUZZ_FDS])
{
	int fd;

	for (fd = 0; fd < FUZZ_FDS; fd++)
		if (!open[fd] && fcntl(fd, F_GETFD) >= 0)
			close(fd);
}

int
fuzz_run(int (*body)(void *), void *arg, uint8_t const *in, size_t len)
{
	static int null_fd = -1, in_fd = -1;
	unsigned char fds[FUZZ_FDS];
	int save0, save1, code;

	if (in_fd < 0) {
		null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
		in_fd = memfd_create("fuzz-stdin", MFD_CLOEXEC);
		if (null_fd < 0 || in_fd < 0)
			abort();
	}
	if (ftruncate(in_fd, 0) < 0 || pwrite(in_fd, in, len, 0) !=
	    (ssize_t)len || lseek(in_fd, 0, SEEK_SET) < 0)
		abort();
	fflush(stdout);
	save0 = dup(0);
	save1 = dup(1);
	if (save0 < 0 || save1 < 0 || dup2(in_fd, 0) < 0 ||
	    dup2(null_fd, 1) < 0)
		abort();
	fuzz_fds_mark(fds);
	fuzz_die_armed = 1;
	if (setjmp(fuzz_die_jmp) == 0) {
		code = body(arg);
		fuzz_die_armed = 0;
	} else
		code = fuzz_die_code;
	fflush(stdout);
	clearerr(stdin);
	fuzz_fds_close(fds);
	if (dup2(save0, 0) < 0 || dup2(save1, 1) < 0)
		abort();
	close(save0);
	close(save1);
	return code;
}
