#ifndef PRECIS_EXTRACT_H
#define PRECIS_EXTRACT_H

#include <stddef.h>

#include "buf.h"

/*
 * Main-text extraction from an article page. This first version scores
 * block containers by the paragraph text they hold (longer, comma-rich
 * prose scores up; link-heavy blocks and class names such as "comment",
 * "sidebar", "share" score down), keeps the best container's paragraphs,
 * and reads title, author, site name and publication time from the meta
 * tags.
 */
struct extract_result {
	char *title; /* without a " - Site Name" suffix; may be NULL */
	char *author;
	char *site_name;
	char *published; /* RFC 3339 UTC when the page says, else NULL */
	struct buf text; /* paragraphs separated by one blank line */
	const char *lang; /* static string: "zh", "en", "ja", "und" */
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
