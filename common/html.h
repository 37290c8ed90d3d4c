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
 * The encoding of an HTML page, in HTML5's order: a byte order mark, the
 * HTTP charset (http_charset, may be NULL), a <meta> charset anywhere in the
 * first 64 KiB, then a guess from the bytes (charset_detect()). Labels are
 * read as browsers read them (charset.h). A label the bytes contradict is
 * passed over: bytes invalid in it beyond a stray one, or UTF-8 throughout
 * under another label. bom_len receives the mark's length.
 */
const char *html_sniff_encoding(const char *data, size_t len, const char *http_charset,
	size_t *bom_len);

/*
 * Why data is no page of text, or NULL when it may be one: the magic
 * number of a known binary format ("an ELF executable", "a PNG image"), or
 * control bytes that text never holds. http_charset (may be NULL) says when
 * zero bytes are UTF-16's.
 */
const char *html_not_text(const char *data, size_t len, const char *http_charset);

/*
 * Parses an HTML document or fragment served with charset encoding (may be
 * NULL or ""), converted to UTF-8 first as html_sniff_encoding() finds it.
 * Elements nested deeper than 160 are lifted to that depth, their text
 * kept in order, so callers may walk the tree recursively. Caller frees
 * with xmlFreeDoc(); NULL if nothing could be parsed.
 */
htmlDocPtr html_parse(const char *data, size_t len, const char *url, const char *encoding);

/*
 * Appends the readable text of node: scripts and styles dropped, block
 * elements separated by blank lines, white space folded.
 */
int html_node_text(xmlNodePtr node, struct buf *out);

/*
 * Appends the readable text of node to line as one line: white space
 * folded, blocks separated by a space, a trailing space kept for the next
 * text (buf_rtrim() when done).
 */
int html_inline_text(xmlNodePtr node, struct buf *line);

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
