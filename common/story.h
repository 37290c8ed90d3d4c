#ifndef PRECIS_STORY_H
#define PRECIS_STORY_H

#include <jansson.h>
#include <stddef.h>

#include "anchor.h"

/*
 * Telling whether two articles report the same story. Outlets paraphrase,
 * so shared wording is a weak signal; what survives paraphrase (and
 * translation) are the facts, each article's anchors (anchor.h): figures,
 * and the names of people, companies and products.
 */

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

/*
 * Two texts at most STORY_NEAR_COPY_BITS apart are copies of one another;
 * up to STORY_EDITED_COPY_BITS, a copy with a changed line or a credit, when
 * two sites in one language carry it under titles with a word in common.
 * Texts of different stories are 18 bits apart and more.
 */
#define STORY_NEAR_COPY_BITS 6
#define STORY_EDITED_COPY_BITS 12

/* An extraction less sure than this that its text is the article merges with nothing. */
#define STORY_MIN_CONFIDENCE 0.35

/* One article as the story rules see it; every pointer is borrowed. */
struct story_doc {
	const char *title; /* the headline, site name removed */
	const json_t *anchors; /* JSON array of strings, from anchor_text() */
	const char *simhash; /* may be NULL */
	const char *source; /* the outlet's name; may be NULL */
	const char *url; /* may be NULL; its host names the site, else the outlet does */
	const char *lang; /* "en", "zh"...; NULL or "und" when unknown */
	double confidence; /* the extraction's, 0..1; 1 when unknown */
};

/*
 * 1 when a and b report the same story:
 *  - neither is doubtful (confidence under STORY_MIN_CONFIDENCE), and
 *  - their texts are near-copies (SimHashes at most STORY_NEAR_COPY_BITS
 *    apart, under close titles when one site has both), or
 *  - from different sites (hosts; outlets for URLs without one),
 *    under titles with a word or an anchor of the story in common, their
 *    texts are copies with a changed line or a credit (up to
 *    STORY_EDITED_COPY_BITS apart, in one language), or they share at least
 *    three anchors making up half of the smaller set, among them a figure
 *    that is neither small nor round ("1,100", "3.1", "$200 million"), and
 *    weighing 2 in figures or 2.5 in all: a figure 1, a small or round one
 *    ("12", "100") half, a name or term half; or their titles are close and
 *    name a common anchor, and the texts share another and a figure that is
 *    neither small nor round.
 *  - Articles in different languages need a name written the same way and
 *    figures that agree (weighing 2.5 in all, 1.5 of it figures), making up
 *    half of what each could share across a translation (figures and
 *    Latin-script names).
 * Two stories about one company share its name, its city and its investors,
 * but rarely its figures, and stay apart.
 */
int story_same(const struct story_doc *a, const struct story_doc *b);

/*
 * Groups n articles into stories, complete-link: a story is one story
 * with every member, never a chain of pairs through a third. Anchors
 * found in most of one site's articles (three or more) are that site's
 * boilerplate and count as no evidence. story_of[i] receives the index of
 * the first article of i's story. Returns the number of stories.
 */
size_t story_group(const struct story_doc *docs, size_t n, size_t *story_of);

/*
 * The site an article is from, into out: a site is a host (without
 * "www."), since its pages share a template, a footer, running topics and
 * a way of titling, whichever feeds link to them; without a host (a file:
 * URL), "source:" and the outlet's name. url and source may be NULL.
 */
void story_site(const char *url, const char *source, char *out, size_t size);

/* The overlap of two anchor sets: shared / size of the smaller; 0 when either is empty. */
double story_anchor_overlap(const json_t *a, const json_t *b, size_t *shared);

/* Jaccard similarity of two titles over words (Latin) and character bigrams (Han). */
double story_title_similarity(const char *a, const char *b);

#endif
