/* afile.h: files written whole or not at all. */
#ifndef AFILE_H
#define AFILE_H

#include <stddef.h>
#include <sys/types.h>

/* writes data to dir/.name.tmp.RANDOM (mode, O_EXCL|O_NOFOLLOW), fsyncs
 * it, renames it to dir/name and fsyncs dir; 1 done, 0 failed (errno
 * set, nothing left behind) */
int afile_write(char const *dir, char const *name, void const *data,
    size_t len, mode_t mode);

/* creates dir/name with mode, O_EXCL: never replaces a file; fsyncs it
 * and dir; 1 done, 0 failed (errno EEXIST when it exists) */
int afile_create(char const *dir, char const *name, void const *data,
    size_t len, mode_t mode);

/* fsyncs the directory dir; 1 done, 0 failed */
int afile_sync_dir(char const *dir);

/* reads all of path into buf (at most max octets, O_NOFOLLOW);
 * 1 read (*len set), 0 absent (ENOENT), -1 error or too long */
int afile_read(char const *path, void *buf, size_t max, size_t *len);

#endif
