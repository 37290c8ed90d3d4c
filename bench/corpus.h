#ifndef PRECIS_BENCH_CORPUS_H
#define PRECIS_BENCH_CORPUS_H

#include <stddef.h>

#include "buf.h"

/* Files read into memory before a benchmark's clock starts. */
struct corpus {
	struct buf *docs;
	size_t n;
	size_t bytes;
};

/* Reads the n files; 0, or -1 after printing which one failed. Free with corpus_free(). */
int corpus_load(struct corpus *c, char *const *paths, size_t n);
void corpus_free(struct corpus *c);

#endif
