/* asowner.c: the helpers refuse root (lib/noroot.c); rune-admin, run as
 * root on a production install, runs them as the owners of keys/ and
 * store/ instead (doc/privsep.md); on a domain root owns, as root, with
 * RUNE_ALLOW_ROOT=1 (doc/decisions.md). */
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "asowner.h"

int
asowner(char const *dir)
{
	struct stat st;

	if (geteuid() != 0 || stat(dir, &st) < 0 || st.st_uid == 0)
		return 1;
	return setgroups(0, NULL) == 0 && setgid(st.st_gid) == 0 &&
	    setuid(st.st_uid) == 0;
}

void
asowner_env(char *envp[ASOWNER_ENVP], char *buf, unsigned long max,
    char const *root, char const *dir)
{
	static char nowvar[32];
	char const *allow = getenv("RUNE_ALLOW_ROOT");
	char const *now = getenv("RUNE_TEST_NOW");
	struct stat st;
	int n = 0;

	snprintf(buf, max, "RUNE_ROOT=%s", root);
	envp[n++] = buf;
	/* root on a domain that is root's (made by init, never set up):
	 * the helper runs as root, as the files' owner, and is told so */
	if ((allow && strcmp(allow, "1") == 0) || (geteuid() == 0 &&
	    stat(dir, &st) == 0 && st.st_uid == 0))
		envp[n++] = "RUNE_ALLOW_ROOT=1";
	/* the test clock (lib/clock.c): a setuid helper ignores it */
	if (now && strlen(now) <= 10 && strspn(now, "0123456789") ==
	    strlen(now)) {
		snprintf(nowvar, sizeof nowvar, "RUNE_TEST_NOW=%s", now);
		envp[n++] = nowvar;
	}
	envp[n] = NULL;
}
