/* nodump.c: a program that holds a secret (the server key, the TLS key,
 * a client's secret key, a token, a message in flight) must not leave it
 * in a core file, and another process of the same uid must not read it
 * through ptrace or /proc/PID/mem (doc/privsep.md). */
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include "die.h"
#include "nodump.h"
#include "rune.h"

#if defined(__SANITIZE_ADDRESS__)
#define NODUMP_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define NODUMP_ASAN 1
#endif
#endif

#ifdef NODUMP_ASAN
/* the sanitizer build only: LeakSanitizer checks at exit from a helper
 * process that ptraces this one, which a process that is not dumpable
 * refuses (without CAP_SYS_PTRACE).  So dumpable again just before the
 * leak check: this runs from exit(), before the check, which was
 * registered first.  Never in a build without AddressSanitizer. */
static void
redump(void)
{
	(void)prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
}
#endif

void
nodump(void)
{
	struct rlimit r = { 0, 0 };

	if (setrlimit(RLIMIT_CORE, &r) < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to turn core files off");
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to turn ptrace off");
#ifdef NODUMP_ASAN
	if (atexit(redump) != 0)
		die(RUNE_EXIT_TEMP, "unable to register an exit handler");
#endif
}
