/* asowner.h: rune-admin, run as root, runs a helper as the owner of the
 * directory the helper writes. */
#ifndef ASOWNER_H
#define ASOWNER_H

/* in a child about to exec a helper: when root and dir belongs to
 * another user, becomes that user (and its group); 1 done or nothing to
 * do, 0 failed */
int asowner(char const *dir);

/* the environment of a helper that writes dir: "RUNE_ROOT=root" and
 * "RUNE_ALLOW_ROOT=1" when set here or when root runs it on a dir root
 * owns (asowner keeps root then); root is copied into buf[max]; envp has
 * room for 3 */
void asowner_env(char **envp, char *buf, unsigned long max, char const *root,
    char const *dir);

#endif
