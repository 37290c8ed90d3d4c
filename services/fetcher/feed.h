#ifndef PRECIS_FEED_H
#define PRECIS_FEED_H

#include <stddef.h>
#include <stdint.h>

/*
 * Feed documents: RSS 0.91/0.92/2.0, RSS 1.0 (RDF), Atom 0.3 and 1.0 parsed
 * with libxml2 in recovery mode with network access and entity loading
 * off, and JSON Feed 1.0/1.1 with jansson. Any encoding is read (BOM, HTTP
 * charset, XML declaration, then a guess; see charset.h). Text fields come
 * out as plain UTF-8 (tags stripped, entities decoded, HTML's named
 * entities included), links absolute (xml:base, then the feed's URL),
 * dates as RFC 3339 UTC and never in the future. A document that declares
 * entities is refused.
 */
struct feed_entry {
	char *title;
	char *link;
	char *id;
	char *summary; /* plain text of the description or summary */
	char *content; /* plain text of the full content (content:encoded, atom:content) */
	char *published; /* RFC 3339 UTC, or NULL */
	char *updated;
	char *author;
};

struct feed {
	char *title;
	char *link;
	char *encoding; /* the encoding the bytes were read in ("GB18030", "UTF-8"...) */
	struct feed_entry *entries;
	size_t n;
};

/*
 * Parses data (len bytes) fetched from url; http_charset is the charset of
 * the response's Content-Type, or NULL. Returns 0, or -1 with a one-line
 * reason in errstr when the bytes hold no feed. Caller releases out with
 * feed_release() in both cases.
 */
int feed_parse(const char *data, size_t len, const char *url, const char *http_charset,
	struct feed *out, char *errstr, size_t errsize);
void feed_release(struct feed *f);

#endif
