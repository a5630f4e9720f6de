/* driver.c: replays corpus files through a fuzz target without
 * libFuzzer, for make test under any compiler: each argument is a file
 * or a directory of files; each file is one input.  Prints one line per
 * directory; exits 0 when every input ran (a failure aborts). */
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"

/* the input being run, named when it crashes */
static char const *current;

/* the sanitizers' hook before they end the process (absent without) */
void __sanitizer_set_death_callback(void (*)(void)) __attribute__((weak));

static void
name_it(void)
{
	if (current) {
		(void)!write(2, "fuzz-driver: the input was ", 27);
		(void)!write(2, current, strlen(current));
		(void)!write(2, "\n", 1);
	}
}

static void
on_signal(int sig)
{
	name_it();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* libFuzzer's hook, for targets that define none */
__attribute__((weak)) int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static int
run_file(char const *path)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	long n;

	if (!f || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		fprintf(stderr, "fuzz-driver: unable to read %s\n", path);
		return 0;
	}
	/* an exact-size copy, so that ASan sees a read past the input */
	buf = malloc(n > 0 ? (size_t)n : 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "fuzz-driver: unable to read %s\n", path);
		return 0;
	}
	fclose(f);
	current = path;
	LLVMFuzzerTestOneInput(buf, (size_t)n);
	current = NULL;
	free(buf);
	return 1;
}

static int
by_name(void const *a, void const *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
run_dir(char const *dir, size_t *count)
{
	char **v = NULL, path[4096];
	size_t n = 0, cap = 0, i;
	struct dirent *e;
	DIR *d = opendir(dir);
	int ok = 1;

	if (!d)
		return 0;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			v = realloc(v, cap * sizeof *v);
			if (!v)
				return 0;
		}
		if (!(v[n++] = strdup(e->d_name)))
			return 0;
	}
	closedir(d);
	qsort(v, n, sizeof *v, by_name);
	for (i = 0; i < n; i++) {
		if (snprintf(path, sizeof path, "%s/%s", dir, v[i]) >=
		    (int)sizeof path)
			ok = 0;
		else
			ok &= run_file(path);
		free(v[i]);
	}
	free(v);
	*count += n;
	return ok;
}

int
main(int argc, char **argv)
{
	struct stat sb;
	size_t count = 0;
	int i, ok = 1;

	if (__sanitizer_set_death_callback)
		__sanitizer_set_death_callback(name_it);
	signal(SIGILL, on_signal);
	signal(SIGSEGV, on_signal);
	signal(SIGABRT, on_signal);
	signal(SIGBUS, on_signal);
	signal(SIGFPE, on_signal);
	LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &sb) < 0) {
			fprintf(stderr, "fuzz-driver: no %s\n", argv[i]);
			ok = 0;
		} else if (S_ISDIR(sb.st_mode))
			ok &= run_dir(argv[i], &count);
		else {
			ok &= run_file(argv[i]);
			count++;
		}
	}
	printf("%s: %zu inputs\n", argv[0], count);
	return ok ? 0 : 1;
}
