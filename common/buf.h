#ifndef PRECIS_BUF_H
#define PRECIS_BUF_H

#include <stdarg.h>
#include <stddef.h>

/*
 * A growable byte buffer with a mandatory size cap (curl's dynbuf) whose
 * data pointer is never NULL and always NUL-terminated (git's strbuf).
 * Everything read from the network goes through one of these, so an
 * endless or hostile response fails with BUF_ETOOBIG instead of eating
 * memory.
 *
 * Invariants: b->data points to len bytes followed by a NUL; len < cap_max
 * is not guaranteed, len <= max is.
 */
struct buf {
	char *data;
	size_t len;
	size_t alloc; /* 0 while data points at the shared empty string */
	size_t max;
};

#define BUF_ENOMEM (-1)
#define BUF_ETOOBIG (-2)

/* Initialises an empty buffer that will never hold more than max bytes. */
void buf_init(struct buf *b, size_t max);
/* Frees the memory and leaves b empty and reusable with the same cap. */
void buf_release(struct buf *b);
/* Empties b without freeing its memory. */
void buf_reset(struct buf *b);

int buf_add(struct buf *b, const void *data, size_t len);
int buf_addstr(struct buf *b, const char *s);
int buf_addch(struct buf *b, char c);
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

/*
 * Hands the bytes to the caller (who frees them with free()) and leaves b
 * empty. Never returns NULL unless memory runs out.
 */
char *buf_detach(struct buf *b, size_t *len);

/* Removes trailing ASCII white space. */
void buf_rtrim(struct buf *b);

#endif
