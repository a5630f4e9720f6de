/* die.h: messages of the command-line programs, "prog: level: text". */
#ifndef DIE_H
#define DIE_H

/* names the program in every message; call first in main */
void die_init(char const *prog);

/* prints "prog: fatal: text" and exits with code */
_Noreturn void die(int code, char const *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* as die, with ": strerror(errno)" appended */
_Noreturn void die_sys(int code, char const *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* prints "prog: fatal: usage: usage" and exits 100 */
_Noreturn void die_usage(char const *usage);

/* prints "prog: warning: text" */
void warn(char const *fmt, ...) __attribute__((format(printf, 1, 2)));

/* prints "prog: warning: text: strerror(errno)" */
void warn_sys(char const *fmt, ...) __attribute__((format(printf, 1, 2)));

/* prints "prog: info: text" */
void info(char const *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
