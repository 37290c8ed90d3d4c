#include "corpus.h"

#include <stdio.h>

#include "common.h"

int corpus_load(struct corpus *c, char *const *paths, size_t n)
{
	c->docs = xcalloc(n ? n : 1, sizeof(*c->docs));
	c->n = n;
	c->bytes = 0;
	for (size_t i = 0; i < n; i++) {
		FILE *f = fopen(paths[i], "rb");
		char chunk[65536];
		size_t got;

		buf_init(&c->docs[i], SIZE_MAX);
		if (!f) {
			perror(paths[i]);
			return -1;
		}
		while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
			buf_add(&c->docs[i], chunk, got);
		fclose(f);
		c->bytes += c->docs[i].len;
	}
	return 0;
}

void corpus_free(struct corpus *c)
{
	for (size_t i = 0; i < c->n; i++)
		buf_release(&c->docs[i]);
	free(c->docs);
}
