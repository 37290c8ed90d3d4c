#ifndef PRECIS_STORY_H
#define PRECIS_STORY_H

#include <jansson.h>
#include <stddef.h>

/*
 * Telling whether two articles report the same story. Outlets paraphrase,
 * so shared wording is a weak signal; what survives paraphrase (and
 * translation) are the facts: figures, and the names of people, companies
 * and products. A story's anchors are those: numbers (not years or single
 * digits, not dates), runs of capitalised words, and terms in quotation
 * marks or title brackets.
 */

/* Up to STORY_MAX_ANCHORS anchors of text, as a new JSON array of strings. */
#define STORY_MAX_ANCHORS 48
json_t *story_anchors(const char *text);

/*
 * 1 when two articles, each given by its title and anchors (JSON arrays of
 * strings), report the same story: they share at least three anchors, two
 * of them figures, making up at least half of the smaller set; or their
 * titles are close and they share two anchors, one a figure. Two stories
 * about one company share its name but rarely its figures, and stay apart.
 */
int story_same(const char *title_a, const json_t *anchors_a, const char *title_b,
	const json_t *anchors_b);

/* The overlap of two anchor sets: shared / size of the smaller; 0 when either is empty. */
double story_anchor_overlap(const json_t *a, const json_t *b, size_t *shared);

/* Jaccard similarity of two titles over words (Latin) and character bigrams (Han). */
double story_title_similarity(const char *a, const char *b);

#endif
