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
 * Running out of memory is fatal here as everywhere in precis (xmalloc()):
 * the only error a write returns is BUF_ETOOBIG, for the cap. A refused
 * write sets overflowed, and every later write is refused too, so a buffer
 * always holds a prefix of what was written, never text with a hole in it.
 * Hence the rule for results: a writer may ignore them where a cut text is
 * harmless (a log line, an error message, a bounded excerpt), and checks
 * overflowed once, before the bytes are used, wherever a cut would change
 * what they mean (a URL, a header, a file, a message).
 *
 * Invariants: b->data points to len bytes followed by a NUL; len <= max.
 */
struct buf {
	char *data;
	size_t len;
	size_t alloc; /* 0 while data points at the shared empty string */
	size_t max;
	int overflowed; /* a write was refused: the content is cut */
};

#define BUF_ETOOBIG (-2)

/* Initialises an empty buffer that will never hold more than max bytes. */
void buf_init(struct buf *b, size_t max);
/* Frees the memory and leaves b empty and reusable with the same cap. */
void buf_release(struct buf *b);
/* Empties b without freeing its memory, and clears overflowed. */
void buf_reset(struct buf *b);

/* Each returns 0, or BUF_ETOOBIG when the cap refused it (or an earlier write). */
int buf_add(struct buf *b, const void *data, size_t len);
int buf_addstr(struct buf *b, const char *s);
int buf_addch(struct buf *b, char c);
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

/* Hands the bytes to the caller (who frees them with free()) and leaves b empty. */
char *buf_detach(struct buf *b, size_t *len);

/* Removes trailing ASCII white space. */
void buf_rtrim(struct buf *b);

#endif
