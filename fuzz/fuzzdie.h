/* fuzzdie.h: running a helper's code in a fuzz target as its main would
 * run (fuzz/die.c): fuzz_run, which catches die() --
 *     fuzz_die_armed = 1;
 *     if (setjmp(fuzz_die_jmp) == 0) { code = run(); fuzz_die_armed = 0; }
 *     else code = fuzz_die_code;
 * -- and frees what the code under it held (descriptors: fuzz_fds_mark,
 * fuzz_fds_close). */
#ifndef FUZZDIE_H
#define FUZZDIE_H

#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>

extern jmp_buf fuzz_die_jmp;
extern int fuzz_die_armed;
extern int fuzz_die_code;

#define FUZZ_FDS 256

/* notes which descriptors below FUZZ_FDS are open */
void fuzz_fds_mark(unsigned char open[FUZZ_FDS]);

/* closes the descriptors opened since fuzz_fds_mark */
void fuzz_fds_close(unsigned char const open[FUZZ_FDS]);

/* runs body(arg) with standard input the octets in[0..len) and standard
 * output /dev/null, die() caught; the descriptors it opened are closed
 * after, fds 0 and 1 put back; returns its exit code (die's, or body's) */
int fuzz_run(int (*body)(void *), void *arg, uint8_t const *in,
    size_t len);

#endif
