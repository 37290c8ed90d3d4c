#ifndef PRECIS_ANSWER_H
#define PRECIS_ANSWER_H

#include <stddef.h>

#include "emoji.h"
#include "summarize.h"

/*
 * What a model answers, read with suspicion. The answer should be one JSON
 * object {headline, emoji, key_points: [3 strings], tags, importance, lang};
 * models wrap it in code fences or prose, nest it under a key, send the
 * points as one bulleted string, rate importance out of 10, or write more
 * than asked. What can be mended without guessing at facts is mended and
 * counted; what cannot (no object, fewer than three distinct points) is
 * refused, so the caller asks again or falls back.
 */
struct answer_rules {
	size_t max_point_chars;
	size_t max_headline_chars;
	const char *title; /* the article's: the headline when the model gives none */
	const char *text; /* the article's: for the emoji when the model's is no emoji */
	const char *lang; /* the language asked for: used when the model does not say */
	const struct emoji_rules *emoji; /* NULL: the built-in rules */
};

/*
 * Reads content (len bytes) into s. *repairs counts what was mended.
 * Returns 0, or -1 with a one-line reason in errstr. Caller releases s with
 * summary_release() either way.
 */
int answer_parse(const char *content, size_t len, const struct answer_rules *r,
	struct summary *s, unsigned *repairs, char *errstr, size_t errsize);

/* s as the JSON object answer_parse() reads; caller frees. */
char *answer_format(const struct summary *s);

/*
 * The JSON Schema of the answer, for structured-output requests. Borrowed,
 * static.
 */
const char *answer_schema(void);

#endif
