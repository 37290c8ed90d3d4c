#ifndef PRECIS_LEAKS_H
#define PRECIS_LEAKS_H

#include <stddef.h>

/*
 * Lines that sit inside an article's container but are not the article:
 * a site's own calls to action (newsletter, follow, share), copyright and
 * editor lines, bylines in English and Chinese, photo captions and credits.
 * Each rule looks at the shape of a short paragraph (its length, its first
 * words, a credit at its end), never at one site's wording: an article may
 * be about copyright or newsletters, so long paragraphs always stay.
 */

/* Why paragraph p (UTF-8, len bytes) is not article text, or NULL when it is. */
const char *leaks_reason(const char *p, size_t len);

/* 1 if p ends as a sentence does, in any script (". ", "。", "！", "?”"). */
int leaks_ends_sentence(const char *p, size_t len);

#endif
