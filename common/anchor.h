#ifndef PRECIS_ANCHOR_H
#define PRECIS_ANCHOR_H

#include <jansson.h>

/*
 * An article's anchors: the facts that survive paraphrase and translation,
 * by which the story module (story.h) tells whether two articles report one
 * story. They are figures (not years, dates, times, ordinals or single
 * digits), runs of capitalised words ("Harbor Growth Partners"), and terms
 * in quotation marks or title brackets (“启明二代”).
 */

/*
 * Up to ANCHOR_MAX anchors of text, as a new JSON array of strings. Only
 * prose counts: a line of fewer than eight words (a Han character is half
 * a word) is a menu item, a heading or a caption, and a run of more than
 * five capitalised words is a menu or a title-cased heading; neither tells
 * stories apart, and a site's template would make all its pages look alike.
 * Names are folded to lowercase; figures are written as their value, scale
 * words applied in either language ("$200 million" and "2亿美元" are both
 * "200000000", "45 per cent" and "45%" both "45%").
 */
#define ANCHOR_MAX 48
json_t *anchor_text(const char *text);

/* The anchors a title names, as a new JSON array: a title is one line, prose or not. */
json_t *anchor_title(const char *title);

enum anchor_kind {
	ANCHOR_NAME, /* Latin letters: written the same way in any language */
	ANCHOR_TERM, /* in another script: "启明二代" */
	ANCHOR_FIGURE, /* "1100", "3.1", "200000000" */
	ANCHOR_COMMON, /* a small or round figure: "12", "100", "1000", "5%" */
};

/* What kind of anchor a is. */
enum anchor_kind anchor_kind(const char *a);

#endif
