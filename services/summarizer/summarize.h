#ifndef PRECIS_SUMMARIZE_H
#define PRECIS_SUMMARIZE_H

#include <stddef.h>

/*
 * The extractive summarizer, precis' offline default: it picks the three
 * sentences that best stand for the article and keeps the article's
 * language. Sentences are scored by centrality (word or character-bigram
 * overlap with the rest of the text), position (news leads with its point)
 * and overlap with the title; a sentence too similar to one already chosen
 * is passed over so the three points say three different things.
 */
#define SUMMARY_POINTS 3

struct summary {
	char *headline;
	const char *emoji; /* static */
	char *points[SUMMARY_POINTS];
	size_t npoints;
};

/*
 * Summarizes text (paragraphs separated by blank lines) under title. Points
 * longer than max_point_chars characters are cut at a word or clause
 * boundary. Returns 0, or -1 when the text has no sentence. Caller releases
 * s with summary_release() either way.
 */
int summarize_extractive(const char *title, const char *text, size_t max_point_chars,
	struct summary *s);
void summary_release(struct summary *s);

/*
 * Splits text into sentences: at 。！？ and at . ! ? followed by space,
 * not after common abbreviations or single initials, and at paragraph
 * breaks. Returns an array of n strings; caller frees each and the array.
 */
char **summarize_sentences(const char *text, size_t *n);

/* An emoji for a headline from a built-in keyword table; never NULL. */
const char *summarize_emoji(const char *headline, const char *text);

#endif
