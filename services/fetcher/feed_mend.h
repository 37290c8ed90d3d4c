#ifndef PRECIS_FEED_MEND_H
#define PRECIS_FEED_MEND_H

#include <stddef.h>

#include "buf.h"
#include "feed.h"

/*
 * Broken feeds made into XML that libxml2 reads to the end, the way
 * browsers and feedparser read them, so that one mistake costs no entry:
 *
 *  - a & that starts no reference is text (&amp;); HTML's named entities
 *    become numeric references; &#150; and its kin are windows-1252, as in
 *    browsers; references to characters XML forbids become U+FFFD;
 *  - a < that starts no tag is text; a tag that never ends is text;
 *  - an end tag closes the elements left open inside its element
 *    ("<title>a <b>b</title>"); an end tag that closes nothing is left out;
 *  - HTML's void elements (<br>, <img>) close themselves;
 *  - attributes get quotes and values, and a repeated one is left out;
 *  - elements nested deeper than FEED_MEND_MAX_DEPTH lose their tags but
 *    keep their text; libxml2 stops reading at 256;
 *  - control characters XML forbids are left out, and so are an XML
 *    declaration (the text is UTF-8 by now) and anything after the root
 *    element.
 *
 * Comments, CDATA sections, processing instructions and the document type
 * are copied as they are. What was mended or left out is counted in rep;
 * entry_tags counts the <item> and <entry> elements seen outside one
 * another, to check against what the parser found.
 */
#define FEED_MEND_MAX_DEPTH 128

/* Appends s (UTF-8) mended to out. Returns 0, or -1 when out is full. */
int feed_mend(const char *s, size_t len, struct buf *out, struct feed_report *rep,
	size_t *entry_tags);

#endif
