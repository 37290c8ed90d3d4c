#ifndef PRECIS_FEED_READ_H
#define PRECIS_FEED_READ_H

#include <stddef.h>

#include "feed.h"

/*
 * What feed.c lends its two readers, feed_xml.c (RSS, Atom) and
 * feed_json.c (JSON Feed); not for other modules.
 */

/* The plain text of s (len bytes) as HTML or as text; NULL when empty. Caller frees. */
char *feed_text(const char *s, size_t len, int html);

/*
 * An entry's or the feed's address: raw as the feed wrote it when it is
 * absolute (canonical forms are the fetcher's business), else resolved
 * against base. NULL when it does not resolve. Caller frees.
 */
char *feed_link(const char *base, const char *raw);

/*
 * A date of the feed f as RFC 3339 UTC, read in f's language; a date more
 * than 15 minutes in the future (a publisher's wrong clock) becomes now.
 * NULL for none. A date in no form known and one in the future are
 * counted in f->report. Caller frees.
 */
char *feed_date(struct feed *f, const char *raw);

/*
 * Appends e to f, which takes its strings; a missing published time is
 * the updated one.
 */
void feed_add(struct feed *f, struct feed_entry *e);

/* Frees e's strings. */
void feed_entry_release(struct feed_entry *e);

/* The readers: 0, or -1 with errstr when text (UTF-8) holds no feed of theirs. */
int feed_xml_read(struct feed *f, const char *text, size_t len, const char *url, char *errstr,
	size_t errsize);
int feed_json_read(struct feed *f, const char *text, size_t len, const char *url, char *errstr,
	size_t errsize);

#endif
