/* die.c: lib/die.c for the fuzz targets that run a helper's code in
 * process (keys.c, store.c): linked before librune, so that die() and
 * die_sys() jump back to the target (fuzz_die_catch) instead of ending
 * the fuzzer, and warnings are dropped.  A die outside a catch ends the
 * process as lib/die.c would. */
#include <setjmp.h>
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

#include <fcntl.h>

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
