/* home.h: the client's state directory, $RUNE_HOME (doc/client.md):
 * one small file a thing, written whole with afile. */
#ifndef HOME_H
#define HOME_H

#include <stddef.h>
#include <sys/types.h>
#include "rune.h"

#define HOME_PATH_MAX 3072
#define HOME_TMP_AGE	3600	/* seconds: a tmp file a crash left */

struct home {
	char dir[HOME_PATH_MAX];
};

/* sets h from opt (--home), else $RUNE_HOME, else $HOME/.rune; exits 100
 * when none is set or the path is too long */
void home_init(struct home *h, char const *opt);

/* creates the home and each directory of rel under it (mode 0700) as
 * needed; exits 111 when it can't */
void home_mkdirs(struct home const *h, char const *rel);

/* writes "home/rel" into out[HOME_PATH_MAX]; exits 100 when too long */
void home_path(char out[HOME_PATH_MAX], struct home const *h,
    char const *rel);

/* reads the one-line file rel (its newline dropped) into buf[max]:
 * 1 read, 0 absent; exits 111 when unreadable, 100 when it is not one
 * printable line shorter than max */
int home_read_line(struct home const *h, char const *rel, char *buf,
    size_t max);

/* replaces the file dir/name (dir relative to the home, made as needed)
 * with text and a newline, mode 0600; exits 111 on failure */
void home_write_line(struct home const *h, char const *dir,
    char const *name, char const *text);

/* removes the file rel: 1 removed, 0 absent; exits 111 on failure */
int home_remove(struct home const *h, char const *rel);

/* reads secret.key: 1 read (sk holds the 64 octets, checked against its
 * seed), 0 absent or empty; exits 111 unreadable, 100 damaged */
int home_secret_read(struct home const *h, unsigned char sk[RUNE_SK_LEN]);

/* writes secret.key (0600) whole (afile_create or afile_write), first
 * removing the tmp files a crash left an hour ago or more; replace: 0
 * refuses an existing one (exits 100) unless it is empty, 1 replaces it;
 * exits 111 on failure */
void home_secret_write(struct home const *h,
    unsigned char const sk[RUNE_SK_LEN], int replace);

#endif
