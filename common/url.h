#ifndef PRECIS_URL_H
#define PRECIS_URL_H

#include <stddef.h>

/*
 * URL handling on libcurl's URL parser. An article's identity is its
 * canonical URL: scheme and host lowercased, default port, fragment and
 * tracking parameters (utm_*, fbclid, gclid, spm) dropped.
 */

/* base + ref as an absolute URL; caller frees. NULL if neither parses. */
char *url_resolve(const char *base, const char *ref);

/* The canonical form of an absolute URL; caller frees. NULL if it does not parse. */
char *url_canonical(const char *url);

/*
 * "scheme://host[:port]" of an http(s) URL, and its path with the query
 * ("/a/b?c"). Caller frees; NULL when url is not http(s) or does not parse.
 */
char *url_origin(const char *url);
/* The host of an http(s) URL, lowercased ("www.example.com"); caller frees. NULL otherwise. */
char *url_host(const char *url);
char *url_path_query(const char *url);

/* The article id: 32 hex characters derived from the canonical URL. */
int url_article_id(const char *url, char out[33]);

#endif
