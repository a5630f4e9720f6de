/* san.c: for the sanitizer build only (make SAN=1), linked into the
 * setuid helpers rune-keys and rune-store (not into librune.a: nothing
 * there would pull it in).  Installed setuid
 * (rune-admin setup), a helper runs with a real uid that is not its
 * effective one: the kernel then refuses the ptrace LeakSanitizer needs
 * to stop the process's threads at exit, and the process cannot read its
 * own /proc/self/environ, so LSAN_OPTIONS is ignored; the leak check
 * fails and turns every exit into 1.  So no leak check when setuid;
 * AddressSanitizer and UBSan still run, and the leak check runs in every
 * test that starts the helper without setuid. */
#if defined(__SANITIZE_ADDRESS__)
#include <unistd.h>

/* read by AddressSanitizer at startup */
char const *__asan_default_options(void);

char const *
__asan_default_options(void)
{
	return getuid() != geteuid() ? "detect_leaks=0" : "";
}
#else
typedef int san_unused;	/* ISO C wants a declaration */
#endif
