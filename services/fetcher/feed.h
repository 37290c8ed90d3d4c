#ifndef PRECIS_FEED_H
#define PRECIS_FEED_H

#include <stddef.h>
#include <stdint.h>

/*
 * Feed documents: RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom, parsed with
 * libxml2 in recovery mode with network access and entity loading off.
 * Text fields come out as plain UTF-8 (tags stripped, entities decoded),
 * links absolute, dates as RFC 3339 UTC.
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
	char *encoding; /* as the document declared or the parser found it */
	struct feed_entry *entries;
	size_t n;
};

/*
 * Parses data (len bytes) fetched from url. Returns 0, or -1 with a one-line
 * reason in errstr when the bytes hold no feed. Caller releases out with
 * feed_release() in both cases.
 */
int feed_parse(const char *data, size_t len, const char *url, struct feed *out, char *errstr,
	size_t errsize);
void feed_release(struct feed *f);

#endif
