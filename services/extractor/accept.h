#ifndef PRECIS_ACCEPT_H
#define PRECIS_ACCEPT_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

/*
 * What the extractor accepts as an article. An article is lost only for
 * want of text, and "too little" is judged by what the text carries, not
 * by its bytes: 150 Han characters say what 400 Latin ones do. Metadata is
 * a bonus: a field that breaks its contract or cannot be true is dropped,
 * never the article.
 */

/*
 * The size of text in words: words of the scripts written with spaces, plus
 * half a word for each Han or kana character (80 Han characters, a Chinese
 * news flash, weigh as much as 40 English words).
 */
double accept_words(const char *text);

/*
 * NULL when text is enough for an article: min_words words (accept_words),
 * or, when the extraction trusts its page (trusted), half as many in whole
 * sentences (at least two, ending in . ! ? 。！？, holding most of the
 * text): a short news item, not a menu or a caption. Otherwise the reason,
 * written into why.
 */
const char *accept_text(const char *text, int64_t min_words, int trusted, char *why,
	size_t whysize);

/* Called for each metadata field accept_metadata() drops; value is borrowed for the call. */
typedef void accept_dropped_fn(const char *field, const char *value, const char *reason,
	void *opaque);

/*
 * Checks the metadata fields of an article message in place, at time now
 * (ms since the epoch): published and updated must be dates from 1990 up to
 * a day after now (they are rewritten in RFC 3339 when they parse but are
 * written otherwise); author must be a name, not an address, and at most
 * 200 bytes; image and canonical_url must be http(s) URLs without spaces;
 * site_name must be 1 to 200 bytes. Each field that fails is removed and
 * reported to dropped (may be NULL). Returns how many were dropped.
 */
size_t accept_metadata(json_t *article, int64_t now, accept_dropped_fn *dropped, void *opaque);

#endif
