/* fuzzdie.h: catching die() in a fuzz target (fuzz/die.c).
 *     fuzz_die_armed = 1;
 *     if (setjmp(fuzz_die_jmp) == 0) { code = run(); fuzz_die_armed = 0; }
 *     else code = fuzz_die_code;
 * Whatever the code under it held (descriptors) the target frees after
 * (fuzz_fds_mark, fuzz_fds_close). */
#ifndef FUZZDIE_H
#define FUZZDIE_H

#include <setjmp.h>

extern jmp_buf fuzz_die_jmp;
extern int fuzz_die_armed;
extern int fuzz_die_code;

#define FUZZ_FDS 256

/* notes which descriptors below FUZZ_FDS are open */
void fuzz_fds_mark(unsigned char open[FUZZ_FDS]);

/* closes the descriptors opened since fuzz_fds_mark */
void fuzz_fds_close(unsigned char const open[FUZZ_FDS]);

#endif
