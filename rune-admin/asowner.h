/* asowner.h: rune-admin, run as root, runs a helper as the owner of the
 * directory the helper writes. */
#ifndef ASOWNER_H
#define ASOWNER_H

/* in a child about to exec a helper: when root and dir belongs to
 * another user, becomes that user (and its group); 1 done or nothing to
 * do, 0 failed */
int asowner(char const *dir);

/* the room asowner_env needs in envp */
#define ASOWNER_ENVP	4

/* the environment of a helper that writes dir: "RUNE_ROOT=root",
 * "RUNE_ALLOW_ROOT=1" when set here or when root runs it on a dir root
 * owns (asowner keeps root then), and the test clock "RUNE_TEST_NOW=..."
 * when set here (a setuid helper ignores it, lib/clock.c); root is copied
 * into buf[max] */
void asowner_env(char *envp[ASOWNER_ENVP], char *buf, unsigned long max,
    char const *root, char const *dir);

#endif
