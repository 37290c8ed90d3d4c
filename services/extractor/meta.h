#ifndef PRECIS_META_H
#define PRECIS_META_H

#include <libxml/HTMLparser.h>

#include "extract.h"

/*
 * An article's metadata from its page: meta tags (Open Graph, article:*,
 * Dublin Core, author), JSON-LD (schema.org Article and its kinds, in
 * @graph too), <time> elements and the URL's date, in that order of trust;
 * no time is ever in the future.
 */

/* What the page offers as its title, each cleaned of extra white space; NULL when absent. */
struct meta_titles {
	char *og_title; /* og:title */
	char *headline; /* JSON-LD headline */
	char *html_title; /* <title> */
	char *h1; /* the first <h1> */
};

/*
 * Fills r's author, site_name, published, updated, canonical and image
 * from the meta tags and JSON-LD of doc (url resolves relative links, may
 * be NULL), and titles. Caller releases titles with meta_titles_release().
 */
void meta_read(htmlDocPtr doc, const char *url, struct extract_result *r, struct meta_titles *titles);

/*
 * Fills r->published when still empty: a <time datetime> in container
 * (may be NULL), then anywhere in body, then a date in url's path.
 */
void meta_dates(xmlNodePtr container, xmlNodePtr body, const char *url, struct extract_result *r);

/* The first element named name under n, depth first; NULL when there is none. */
xmlNodePtr meta_find(xmlNodePtr n, const char *name);

void meta_titles_release(struct meta_titles *t);

#endif
