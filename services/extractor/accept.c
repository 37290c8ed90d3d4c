#include "accept.h"

#include <string.h>

#include "date.h"
#include "text.h"
#include "url.h"
#include "common.h"

static double words_of(const char *s, size_t len)
{
	size_t cjk, words;

	text_count_len(s, len, &cjk, &words);
	return (double)words + (double)cjk / 2.0;
}

double accept_words(const char *text)
{
	return words_of(text, strlen(text));
}

/* Words a sentence needs to say something: "Nobody was hurt." is a clause, not a news item. */
#define SENTENCE_MIN_WORDS 8

/* Sentences of SENTENCE_MIN_WORDS words or more in s[0..end). */
static size_t full_sentences(const char *s, const char *end)
{
	const char *p = s, *start = s;
	size_t n = 0;

	while (p < end) {
		if (!text_is_sentence_end(text_utf8_next(&p, end)))
			continue;
		while (p < end) { /* closing quotes and repeated marks stay with the sentence */
			const char *q = p;
			uint32_t cp = text_utf8_next(&q, end);

			if (!text_is_closing(cp) && !text_is_sentence_end(cp))
				break;
			p = q;
		}
		n += words_of(start, (size_t)(p - start)) >= SENTENCE_MIN_WORDS;
		start = p;
	}
	return n + (start < end && words_of(start, (size_t)(end - start)) >= SENTENCE_MIN_WORDS);
}

/*
 * Full sentences in the paragraphs of text that end as sentences do, and
 * the words of those paragraphs. A menu, a date line or a caption rarely
 * ends in a full stop; an article's paragraphs do.
 */
static void whole_sentences(const char *text, size_t *sentences, double *words)
{
	const char *p = text, *end = text + strlen(text);

	*sentences = 0;
	*words = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *stop = nl ? nl : end, *q = p;
		uint32_t last = 0;

		while (q < stop) {
			uint32_t cp = text_utf8_next(&q, stop);

			if (cp != ' ' && !text_is_closing(cp))
				last = cp;
		}
		if (text_is_sentence_end(last)) {
			*sentences += full_sentences(p, stop);
			*words += words_of(p, (size_t)(stop - p));
		}
		p = nl ? nl + 1 : end;
	}
}

const char *accept_text(const char *text, int64_t min_words, int trusted, char *why,
	size_t whysize)
{
	double words = accept_words(text), in_sentences;
	size_t sentences;

	if (words >= (double)min_words)
		return NULL;
	if (trusted && words >= (double)min_words / 2) {
		whole_sentences(text, &sentences, &in_sentences);
		if (sentences >= 2 && in_sentences >= 0.8 * words)
			return NULL;
	}
	snprintf(why, whysize,
		"%.0f words (a Han character is half a word), %lld needed (extractor.min_words)%s",
		words, (long long)min_words,
		trusted && words >= (double)min_words / 2 ? ", and not in whole sentences" : "");
	return why;
}

/* From 1990 (earlier dates on the web are placeholders: 1970-01-01, 0001-01-01) to a day ahead. */
static const char *check_date(json_t *article, const char *field, const char *v, int64_t now)
{
	int64_t ms;
	char ts[32];

	if (date_parse(v, &ms))
		return "not a date";
	if (ms < 631152000000LL)
		return "before 1990";
	if (ms > now + 24 * 3600 * 1000LL)
		return "in the future";
	time_iso8601(ms, ts, sizeof(ts));
	if (strcmp(ts, v))
		json_object_set_new(article, field, json_string(ts));
	return NULL;
}

static const char *check_author(json_t *article, const char *field, const char *v, int64_t now)
{
	(void)article, (void)field, (void)now;
	if (!*v || strlen(v) > 200)
		return "empty or over 200 bytes";
	if (strstr(v, "://") || !strncmp(v, "www.", 4) || strchr(v, '@'))
		return "an address, not a name";
	return NULL;
}

static const char *check_url(json_t *article, const char *field, const char *v, int64_t now)
{
	char *origin = url_origin(v);

	(void)article, (void)field, (void)now;
	free(origin);
	if (!origin)
		return "not an http(s) URL";
	for (const char *p = v; *p; p++)
		if ((unsigned char)*p <= ' ')
			return "a URL with spaces";
	return NULL;
}

static const char *check_name(json_t *article, const char *field, const char *v, int64_t now)
{
	(void)article, (void)field, (void)now;
	return !*v || strlen(v) > 200 ? "empty or over 200 bytes" : NULL;
}

size_t accept_metadata(json_t *article, int64_t now, accept_dropped_fn *dropped, void *opaque)
{
	static const struct {
		const char *field;
		const char *(*check)(json_t *, const char *, const char *, int64_t);
	} rules[] = { { "published", check_date }, { "updated", check_date },
		{ "author", check_author }, { "image", check_url }, { "canonical_url", check_url },
		{ "site_name", check_name } };
	size_t n = 0;

	for (size_t i = 0; i < ARRAY_SIZE(rules); i++) {
		json_t *j = json_object_get(article, rules[i].field);
		const char *v = json_string_value(j), *why;

		if (!j)
			continue;
		why = v ? rules[i].check(article, rules[i].field, v, now) : "not a string";
		if (!why)
			continue;
		if (dropped)
			dropped(rules[i].field, v ? v : "", why, opaque);
		json_object_del(article, rules[i].field);
		n++;
	}
	return n;
}
