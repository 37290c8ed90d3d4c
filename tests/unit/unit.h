#ifndef PRECIS_UNIT_H
#define PRECIS_UNIT_H
/* What every cmocka test file includes, in the order cmocka needs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Reads a file of the source tree into a NUL-terminated string; caller frees. */
static inline char *unit_read(const char *relpath, size_t *len)
{
	char path[4096];
	FILE *f;
	long n;
	char *s;

	snprintf(path, sizeof(path), "%s/%s", PRECIS_SOURCE_DIR, relpath);
	f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	s = malloc((size_t)n + 1);
	assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
	s[n] = '\0';
	fclose(f);
	if (len)
		*len = (size_t)n;
	return s;
}

/* Writes text to a new file under /tmp; returns its path, which the caller unlinks and frees. */
static inline char *unit_write_tmp(const char *text)
{
	char *path = strdup("/tmp/precis-unit-XXXXXX");
	int fd = mkstemp(path);
	size_t n = strlen(text);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, n), (ssize_t)n);
	close(fd);
	return path;
}
#endif
