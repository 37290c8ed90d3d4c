#ifndef PRECIS_EXTRACT_H
#define PRECIS_EXTRACT_H

#include <stddef.h>

#include "buf.h"

/*
 * Main-text extraction from an article page. Block containers are scored
 * by the paragraph text they hold (longer, comma-rich prose scores up;
 * link-heavy blocks and class names such as "comment", "sidebar", "share"
 * score down), and the best container's paragraphs are kept. Title,
 * authors, site name, times, canonical URL and lead image come from meta
 * tags, JSON-LD (schema.org Article and its kinds), <time> elements and the
 * URL's date, in that order of trust; no time is ever in the future.
 */
struct extract_result {
	char *title; /* without a " - Site Name" suffix; may be NULL */
	char *author; /* authors joined by ", " */
	char *site_name;
	char *published; /* RFC 3339 UTC when the page says, else NULL */
	char *updated;
	char *canonical; /* absolute */
	char *image; /* the lead image, absolute */
	struct buf text; /* paragraphs separated by one blank line */
	const char *lang; /* static string: "zh", "en", "ja", "und" */
	/*
	 * How sure the extraction is that text is the article, 0..1: long prose
	 * in a container with few links scores high; a page whose text had to
	 * be gathered from the whole body scores low.
	 */
	double confidence;
};

/*
 * Extracts from html (len bytes, served as charset, which may be NULL or
 * empty). Returns 0, or -1 with errstr filled when nothing parses. Caller
 * releases r with extract_release() either way.
 */
int extract_html(const char *html, size_t len, const char *charset, const char *url,
	struct extract_result *r, char *errstr, size_t errsize);
void extract_release(struct extract_result *r);

#endif
