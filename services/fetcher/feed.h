#ifndef PRECIS_FEED_H
#define PRECIS_FEED_H

#include <stddef.h>
#include <stdint.h>

/*
 * Feed documents: RSS 0.91/0.92/2.0, RSS 1.0 (RDF), Atom 0.3 and 1.0 parsed
 * with libxml2 with network access and entity loading off, after broken
 * markup is mended as browsers and feedparser read it (feed_mend.h); JSON
 * Feed 1.0/1.1 with jansson. Any encoding is read (BOM, HTTP charset, XML
 * declaration, then a guess; see charset.h). Text fields come out as plain
 * UTF-8 (tags stripped, entities decoded, HTML's named entities included),
 * links absolute (xml:base, then the feed's URL), dates as RFC 3339 UTC and
 * never in the future (one more than 15 minutes ahead becomes the time it
 * was read, and is counted in the report). A document that declares
 * entities is refused.
 *
 * Every entry is kept, with or without a link: what can be done with one
 * that has none is the caller's choice.
 */
struct feed_entry {
	char *title;
	char *link; /* the entry's web page, or NULL when the feed gives none */
	char *id; /* guid, atom:id, rdf:about or JSON id, or NULL */
	char *summary; /* plain text of the description or summary */
	char *content; /* plain text of the full content (content:encoded, atom:content) */
	char *published; /* RFC 3339 UTC, or NULL; the updated time when only that is given */
	char *updated;
	char *author; /* a name; an e-mail address only when no name is given */
};

/* What reading a feed mended or left out; all zero for a clean feed. */
struct feed_report {
	/* mended, nothing lost */
	unsigned ampersands; /* bare & read as text ("?a=1&b=2", "Tom & Jerry") */
	unsigned unclosed; /* elements left open, closed where their parent ends */
	unsigned flattened; /* elements nested deeper than any feed needs: tags left out, text kept */
	/* left out */
	unsigned strays; /* end tags that closed nothing */
	unsigned controls; /* control characters XML forbids */
	unsigned junk; /* bytes outside the document: before the XML declaration, after the root */
	unsigned lost; /* entries too broken to read */
	unsigned bad_dates; /* dates in no form known, the entry kept without them */
	char bad_date[48]; /* the first of them */
	unsigned future_dates; /* dates more than 15 minutes ahead, replaced by the time of reading */
	char future_date[48]; /* the first of them, as the feed wrote it */
};

struct feed {
	char *title;
	char *link;
	char *lang; /* the feed's declared language ("zh-cn"), or NULL */
	char *encoding; /* the encoding the bytes were read in ("GB18030", "UTF-8"...) */
	struct feed_entry *entries;
	size_t n, cap;
	struct feed_report report;
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

/*
 * Describes r in one line into out ("2 bare & read as text; 1 entry too
 * broken to read"), "" when r is clean. Returns 1 when something was left
 * out (a warning), 0 when everything was only mended.
 */
int feed_report_describe(const struct feed_report *r, char *out, size_t size);

#endif
