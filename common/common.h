#ifndef PRECIS_COMMON_H
#define PRECIS_COMMON_H
/*
 * Included by every .c file of precis after its system headers: small
 * helpers every module needs, then banned.h.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* An invariant broke: a bug in precis, never bad input. */
#define BUG(...)                                                                \
	do {                                                                    \
		fprintf(stderr, "BUG: %s:%d: ", __FILE__, __LINE__);            \
		fprintf(stderr, __VA_ARGS__);                                   \
		fputc('\n', stderr);                                            \
		abort();                                                        \
	} while (0)

/*
 * Allocation helpers. Running out of memory is fatal in precis, here and in
 * struct buf: the process says so and aborts, and its supervisor restarts
 * it; at-least-once delivery loses nothing by that.
 */
void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
void *xmemdup(const void *p, size_t n);

/* Copies src into dst of size n, always terminating; returns strlen(src). */
size_t strlcpy_p(char *dst, const char *src, size_t n);

/* Milliseconds since the Unix epoch / from a monotonic clock. */
int64_t now_ms(void);
int64_t mono_ms(void);
void sleep_ms(int64_t ms);

/* Formats a Unix time in ms as RFC 3339 UTC ("2026-01-02T03:04:05Z"). */
void time_iso8601(int64_t ms, char *out, size_t size);

/* Creates path and its missing parents with mode; 0, or -1 with errno set. */
int mkdir_p(const char *path, unsigned int mode);

/* Parses a decimal integer in [min, max]; 0 on success, -1 otherwise. */
int parse_int64(const char *s, int64_t min, int64_t max, int64_t *out);

#include "banned.h"

#endif
