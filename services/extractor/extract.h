#ifndef PRECIS_EXTRACT_H
#define PRECIS_EXTRACT_H

#include <stddef.h>

#include "buf.h"

/*
 * Main-text extraction from an article page: the page decoded (html.h),
 * the article's container chosen as Readability chooses it (score.h), its
 * paragraphs gathered without the lines that are not the article
 * (gather.h, leaks.h), the title cleaned of the site's name (title.h), the
 * metadata read (meta.h) and the language told (text_detect_lang()).
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
	const char *lang; /* ISO 639-1 ("en", "fr", "zh", ...) or "und"; a static string */
	/*
	 * How sure the extraction is that text is the article, 0..1: long prose
	 * in a container with few links scores high, short text or text from a
	 * link-heavy container low, a page with no prose lowest.
	 */
	double confidence;
	/*
	 * Why the page is no article, or NULL: it says it is missing (a soft
	 * 404: "Page not found" sent with status 200), and text still holds
	 * what the page says; or it has no paragraph of prose at all, and text
	 * is empty. The extractor does not pass such a page on as an article.
	 */
	char *not_article;
};

/*
 * Extracts from html (len bytes, served as charset, which may be NULL or
 * empty). Returns 0, or -1 with errstr filled when the bytes are no page of
 * text ("not a page of text: an ELF executable") or nothing parses. Caller
 * releases r with extract_release() either way.
 */
int extract_html(const char *html, size_t len, const char *charset, const char *url,
	struct extract_result *r, char *errstr, size_t errsize);
void extract_release(struct extract_result *r);

#endif
