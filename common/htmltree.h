#ifndef PRECIS_HTMLTREE_H
#define PRECIS_HTMLTREE_H

#include <libxml/HTMLparser.h>
#include <stddef.h>

/*
 * Parses len bytes of UTF-8 HTML (no NUL in them, len under INT32_MAX)
 * into the tree a browser would build: libxml2's tree, mended where its
 * HTML4 rules part from HTML5's (an end tag it drops, content after
 * </html> or left in the head), and no deeper than a walk can recurse.
 * NULL when libxml2 fails. The caller owns the document (xmlFreeDoc()).
 * html_parse() decodes a page and calls this.
 */
htmlDocPtr htmltree_read(const char *utf8, size_t len, const char *url);

#endif
