/* nodump.h: no core file and no ptrace for a program holding secrets. */
#ifndef NODUMP_H
#define NODUMP_H

/* sets RLIMIT_CORE to 0 (soft and hard) and PR_SET_DUMPABLE to 0, so a
 * crash writes no core file and a process of the same uid can neither
 * ptrace this one nor read its /proc/PID/mem or environ; exits 111 when
 * either fails.  Call it first in main, before any secret is read. */
void nodump(void);

#endif
