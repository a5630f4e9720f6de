/* fuzz.h: what the fuzz targets share (doc/fuzzing.md).  Each target is
 * one file defining LLVMFuzzerTestOneInput; it is linked either with
 * libFuzzer (clang -fsanitize=fuzzer) or with driver.c, which feeds it
 * the files of a corpus (make test). */
#ifndef FUZZ_H
#define FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(uint8_t const *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* the domain of the scratch domain directories: 50 characters, the
 * longest a domain may be, so that addresses reach 101 */
#define FUZZ_DOMAIN "fuzzdomain0123456789012345678901234567890123456789"

/* a byte source over memory, handing out at most chunk octets a read */
struct fuzz_mem {
	uint8_t const *p;
	size_t len, pos, chunk;
};

/* a line_readfn over struct fuzz_mem */
long fuzz_mem_read(void *ctx, unsigned char *buf, size_t len);

/* makes a scratch domain directory (control/domain FUZZ_DOMAIN,
 * registration both), sets $RUNE_ROOT to it and returns its path; it is
 * removed at exit */
char const *fuzz_scratch(void);

/* "scratch/rel" into out[max] (aborts when too long) */
void fuzz_path(char *out, size_t max, char const *rel);

/* removes everything below the directory path (not path itself);
 * 1 done, 0 failed */
int fuzz_empty(char const *path);

/* writes len octets to root/rel (made 0600, replaced); 1 done, 0 failed */
int fuzz_put(char const *root, char const *rel, void const *p, size_t len);

/* the deterministic key pair number i (a seed of i octets) */
void fuzz_keypair(int i, unsigned char pk[32], unsigned char sk[64]);

/* the records of a scratch key table, added to m (aborts on failure):
 * address s in state (a KEYREC_ state) with the key pair number key (0:
 * no key); a valid invitation token for s, expiring in 2096 */
struct cdb_make;
/* starts the scratch key table keys/keys.cdb (read and write) in m;
 * returns its descriptor */
int fuzz_table_start(struct cdb_make *m);
void fuzz_table_addr(struct cdb_make *m, char const *s, int state, int key);
void fuzz_table_token(struct cdb_make *m, char const *s, char const *token);

#endif
