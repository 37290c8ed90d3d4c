#ifndef PRECIS_META_H
#define PRECIS_META_H

#include <libxml/HTMLparser.h>

/*
 * An article's metadata from its page: meta tags (Open Graph, article:*,
 * Dublin Core, author), JSON-LD (schema.org Article and its kinds, in
 * @graph too), <time> elements and the URL's date, in that order of trust;
 * no time is ever in the future.
 */

/*
 * What a page says about its article. Strings are NUL-terminated, cleaned
 * of extra white space, owned by the struct (meta_release() frees them),
 * NULL when the page does not say.
 */
struct meta {
	char *author; /* authors joined by ", " */
	char *site_name;
	char *published; /* RFC 3339 UTC */
	char *updated;
	char *canonical; /* absolute */
	char *image; /* the lead image, absolute */
	/* what the page offers as its title */
	char *og_title; /* og:title */
	char *headline; /* JSON-LD headline */
	char *html_title; /* <title> */
	char *h1; /* the first <h1> */
};

/*
 * Fills m (zeroed by the caller) from the meta tags, JSON-LD, <title> and
 * <h1> of doc; url resolves relative links and may be NULL. Caller
 * releases m with meta_release().
 */
void meta_read(htmlDocPtr doc, const char *url, struct meta *m);

/*
 * Fills r->published when still empty: a <time datetime> in container
 * (may be NULL), then anywhere in body, then a date in url's path.
 */
void meta_dates(xmlNodePtr container, xmlNodePtr body, const char *url, struct meta *r);

/* The first element named name under n, depth first; NULL when there is none. */
xmlNodePtr meta_find(xmlNodePtr n, const char *name);

void meta_release(struct meta *m);

#endif
