/* tap.h: a tiny TAP producer for the C unit tests (prove -e '').
 * One test program is one translation unit, so the counters are file
 * statics.  plan() is optional: done() prints the plan when it wasn't. */
#ifndef TAP_H
#define TAP_H

#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tap_run;		/* tests run */
static int tap_failed;		/* tests failed */
static int tap_planned;		/* plan printed */

/* prints the plan "1..n" */
static inline void
plan(int n)
{
	printf("1..%d\n", n);
	tap_planned = 1;
	fflush(stdout);
}

/* prints "# text" to stdout (a TAP comment) */
static inline void __attribute__((format(printf, 1, 2)))
diag(char const *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputs("\n", stdout);
	fflush(stdout);
}

static inline int
tap_vok(int cond, char const *fmt, va_list ap)
{
	tap_run++;
	if (!cond)
		tap_failed++;
	printf("%sok %d - ", cond ? "" : "not ", tap_run);
	vprintf(fmt, ap);
	fputs("\n", stdout);
	fflush(stdout);
	return cond;
}

/* one test: passes when cond is true; returns cond */
static inline int __attribute__((format(printf, 2, 3)))
ok(int cond, char const *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = tap_vok(cond, fmt, ap);
	va_end(ap);
	return r;
}

static inline void
tap_hexdump(char const *what, void const *p, size_t len)
{
	unsigned char const *b = p;
	size_t i;

	printf("#   %s (%zu octets): ", what, len);
	for (i = 0; i < len && i < 64; i++)
		printf("%02x", b[i]);
	printf("%s\n", len > 64 ? "..." : "");
}

/* one test: passes when got[0..gotlen) equals want[0..wantlen) */
static inline int __attribute__((format(printf, 5, 6)))
is_bytes(void const *got, size_t gotlen, void const *want, size_t wantlen,
    char const *fmt, ...)
{
	va_list ap;
	int r = gotlen == wantlen &&
	    (wantlen == 0 || memcmp(got, want, wantlen) == 0);

	va_start(ap, fmt);
	tap_vok(r, fmt, ap);
	va_end(ap);
	if (!r) {
		tap_hexdump("got ", got, gotlen);
		tap_hexdump("want", want, wantlen);
	}
	return r;
}

/* one test: passes when the strings are equal (NULL equals only NULL) */
static inline int __attribute__((format(printf, 3, 4)))
is_str(char const *got, char const *want, char const *fmt, ...)
{
	va_list ap;
	int r = (got == NULL || want == NULL) ? got == want :
	    strcmp(got, want) == 0;

	va_start(ap, fmt);
	tap_vok(r, fmt, ap);
	va_end(ap);
	if (!r)
		printf("#   got  '%s'\n#   want '%s'\n", got ? got : "(null)",
		    want ? want : "(null)");
	return r;
}

/* one test: passes when the numbers are equal */
static inline int __attribute__((format(printf, 3, 4)))
is_u64(uint64_t got, uint64_t want, char const *fmt, ...)
{
	va_list ap;
	int r = got == want;

	va_start(ap, fmt);
	tap_vok(r, fmt, ap);
	va_end(ap);
	if (!r)
		printf("#   got  %" PRIu64 "\n#   want %" PRIu64 "\n", got,
		    want);
	return r;
}

/* stops the whole test: "Bail out!" and exit 255 */
static inline _Noreturn void __attribute__((format(printf, 1, 2)))
bail(char const *fmt, ...)
{
	va_list ap;

	fputs("Bail out! ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputs("\n", stdout);
	fflush(stdout);
	exit(255);
}

/* prints the plan if not yet printed; returns the exit code for main:
 * 0 all passed, 1 some failed or none ran */
static inline int
done(void)
{
	if (!tap_planned)
		plan(tap_run);
	if (tap_failed > 0)
		diag("failed %d of %d", tap_failed, tap_run);
	return tap_failed > 0 || tap_run == 0;
}

#endif
