/* afile.h: files written whole or not at all. */
#ifndef AFILE_H
#define AFILE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#define AFILE_PATH_MAX	4096
#define AFILE_TMP	".tmp."	/* the tmp of dir/name: dir/.name.tmp.RANDOM */

/* writes data to dir/.name.tmp.RANDOM (mode, O_EXCL|O_NOFOLLOW), fsyncs
 * it, renames it to dir/name and fsyncs dir; 1 done, 0 failed (errno
 * set, nothing left behind; a crash may leave the tmp file, which
 * afile_clean removes) */
int afile_write(char const *dir, char const *name, void const *data,
    size_t len, mode_t mode);

/* as afile_write, the file data[0..len) then the n octets of the open
 * file src from offset off (read with pread in 32 KiB pieces: a large
 * file is never in memory); src < 0: none */
int afile_write_fd(char const *dir, char const *name, void const *data,
    size_t len, int src, uint64_t off, uint64_t n, mode_t mode);

/* creates dir/name with mode, never replacing a file: writes and fsyncs
 * dir/.name.tmp.RANDOM, links it to dir/name, unlinks it, fsyncs dir; so
 * dir/name, when there, is whole, even after a crash, and of two racing
 * creators one gets EEXIST; 1 done, 0 failed (errno EEXIST when it
 * exists) */
int afile_create(char const *dir, char const *name, void const *data,
    size_t len, mode_t mode);

/* removes the tmp files of dir/name (dir/.name.tmp.*) that a crash left,
 * those unchanged for more than age seconds; returns how many, or -1
 * (errno set) */
long afile_clean(char const *dir, char const *name, time_t age);

/* fsyncs the directory dir; 1 done, 0 failed */
int afile_sync_dir(char const *dir);

/* reads all of path into buf (at most max octets, O_NOFOLLOW);
 * 1 read (*len set), 0 absent (ENOENT), -1 error or too long */
int afile_read(char const *path, void *buf, size_t max, size_t *len);

#endif
