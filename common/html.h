#ifndef PRECIS_HTML_H
#define PRECIS_HTML_H

#include <libxml/HTMLparser.h>
#include <stddef.h>

#include "buf.h"

/*
 * HTML on libxml2's error-recovering parser, which never touches the
 * network (HTML_PARSE_NONET) and copes with broken markup.
 */

/*
 * Parses an HTML document or fragment. encoding may be NULL to let the
 * parser sniff it (BOM, <meta charset>). GB2312 and GBK are read as
 * GB18030, their superset. Caller frees with xmlFreeDoc(); NULL if nothing
 * could be parsed.
 */
htmlDocPtr html_parse(const char *data, size_t len, const char *url, const char *encoding);

/*
 * Appends the readable text of node: scripts and styles dropped, block
 * elements separated by blank lines, white space folded.
 */
int html_node_text(xmlNodePtr node, struct buf *out);

/* Convenience: the text of an HTML fragment (a feed's description). */
int html_fragment_text(const char *html, size_t len, struct buf *out);

/* The value of attribute name, or NULL; borrowed from the node. */
const char *html_attr(xmlNodePtr node, const char *name);

/* 1 if node is an element named name (ASCII, case-insensitive). */
int html_is(xmlNodePtr node, const char *name);

/*
 * Appends s escaped for HTML or XML element content and attribute values
 * (& < > " and ' become references).
 */
void html_escape(struct buf *b, const char *s);

#endif
