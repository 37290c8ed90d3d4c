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
#define SUMMARY_TAGS 5

struct emoji_rules;

/* What every backend makes of one article. */
struct summary {
	char *headline;
	char emoji[32];
	char *points[SUMMARY_POINTS];
	size_t npoints;
	char *tags[SUMMARY_TAGS];
	size_t ntags;
	double importance; /* 0..1 */
	/*
	 * extractive: no sentence of the text says something (points.h), so
	 * the one point is the best line there was; the text is likely menus
	 * and notices rather than the article.
	 */
	int thin;
	char lang[16]; /* the language the summary is written in */
};

/*
 * Summarizes text (paragraphs separated by blank lines) under title. Points
 * longer than max_point_chars characters are cut at a word or clause
 * boundary; the emoji comes from the rules (NULL: the built-in ones,
 * emoji.h). Returns 0, or -1 when the text has no sentence. Caller releases
 * s with summary_release() either way.
 */
int summarize_extractive(const char *title, const char *text, size_t max_point_chars,
	const struct emoji_rules *emoji, struct summary *s);
void summary_release(struct summary *s);

/* Adds a tag unless it is empty, already there (case-insensitively) or the tags are full. */
void summary_add_tag(struct summary *s, const char *tag);

/*
 * s past a leading dateline or byline ("BEIJING, Nov 3 (Reuters) - ",
 * "JANE DOE and JOHN ROE " run into the text,
 * "新华社北京11月3日电 ", "（记者 张三）"); s itself when it has none.
 */
const char *summarize_strip_dateline(const char *s);

/*
 * s past a place alone and a spaced dash that open local copy without an
 * agency ("Leipzig – ", "Frankfurt am Main - "): a name of up to three
 * words, then a sentence; s itself otherwise. Only for an article's first
 * sentence: further on, "Der Kanzler – Olaf Scholz – sagte" opens so too.
 */
const char *summarize_strip_place(const char *s);

/*
 * The importance an extractive summary gives its article: it cannot judge
 * news value, and an article's length is none, so every article gets the
 * middle of the scale; the publisher ranks by what the edition shows (how
 * many outlets carry a story, their weight, recency, the headline).
 */
#define SUMMARY_NEUTRAL_IMPORTANCE 0.5

/*
 * Splits text in language lang (an ISO 639-1 code as text_detect_lang()
 * gives; NULL for none) into sentences: at 。！？ and at . ! ? followed by
 * space, not after common abbreviations or single letters, before a word
 * in lowercase, or, in the languages that write ordinals so, after a short
 * number ("am 3. Oktober"); and at paragraph breaks. Returns an array of n
 * strings; caller frees each and the array.
 */
char **summarize_sentences(const char *text, const char *lang, size_t *n);

/*
 * summarize_sentences() that also sets *para to an array of n paragraph
 * numbers, one per sentence (paragraphs are parted by a blank line);
 * caller frees it too. *para is NULL when n is 0.
 */
char **summarize_paragraph_sentences(const char *text, const char *lang, size_t *n,
	size_t **para);

#endif
