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
 * A 64-bit SimHash of text, as 16 hex characters into out[17]: near-copies
 * of a text (syndicated wire copy, a reprint with a changed sentence) differ
 * in few bits. Shingles are three Han characters or three Latin words, so
 * it works for Chinese and English alike. Texts too short to judge (fewer
 * than STORY_MIN_SHINGLES shingles) get an empty string.
 */
#define STORY_MIN_SHINGLES 40
void story_simhash(const char *text, char out[17]);

/* Bits in which two SimHashes differ; 64 when either is empty or invalid. */
int story_simhash_distance(const char *a, const char *b);

/* Two texts at most this many bits apart are copies of one another. */
#define STORY_NEAR_COPY_BITS 6

/*
 * 1 when two articles, each given by its title and anchors (JSON arrays of
 * strings), report the same story: they share at least three anchors, two
 * of them figures, making up at least half of the smaller set; or their
 * titles are close and they share two anchors, one a figure; or their texts
 * are near-copies (SimHashes, may be NULL, at most STORY_NEAR_COPY_BITS
 * apart). Two stories about one company share its name but rarely its
 * figures, and stay apart.
 */
int story_same(const char *title_a, const json_t *anchors_a, const char *simhash_a,
	const char *title_b, const json_t *anchors_b, const char *simhash_b);

/* The overlap of two anchor sets: shared / size of the smaller; 0 when either is empty. */
double story_anchor_overlap(const json_t *a, const json_t *b, size_t *shared);

/* Jaccard similarity of two titles over words (Latin) and character bigrams (Han). */
double story_title_similarity(const char *a, const char *b);

#endif
