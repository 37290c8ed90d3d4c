#include "story.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "hash.h"
#include "text.h"
#include "common.h"

static int is_han(uint32_t cp)
{
	return (cp >= 0x3400 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff);
}

static void add_anchor(json_t *set, const char *s, size_t n)
{
	size_t i;
	json_t *v;

	if (!n || json_array_size(set) >= STORY_MAX_ANCHORS)
		return;
	json_array_foreach(set, i, v)
	{
		if (strlen(json_string_value(v)) == n && !memcmp(json_string_value(v), s, n))
			return;
	}
	json_array_append_new(set, json_stringn(s, n));
}

/* Capitalised words that start sentences or name days and months say nothing of a story. */
static int is_common_capital(const char *w, size_t n)
{
	static const char *const common[] = { "the", "a", "an", "in", "on", "at", "for", "and",
		"but", "it", "its", "this", "that", "these", "those", "he", "she", "they", "we",
		"i", "as", "by", "with", "from", "to", "of", "after", "before", "when", "while",
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"january", "february", "march", "april", "may", "june", "july", "august",
		"september", "october", "november", "december", "ai", "mr", "ms", "mrs", "dr",
		"chief", "independent", "both", "each", "one", "two", "most", "some", "many",
		"investors", "analysts", "lawyers", "staff", "patient", "earlier", "last", "next",
		"new", "our", "their", "his", "her", "if", "so", "there", "what", "why", "how" };

	for (size_t i = 0; i < ARRAY_SIZE(common); i++)
		if (strlen(common[i]) == n && !strncasecmp(common[i], w, n))
			return 1;
	return 0;
}

/* A figure as written: digits with at most one decimal point; thousands separators dropped. */
static const char *take_number(const char *p, struct buf *out)
{
	int dot = 0;

	buf_reset(out);
	while (isdigit((unsigned char)*p) || ((*p == ',' || *p == '.') && isdigit((unsigned char)p[1]))) {
		if (*p == '.') {
			if (dot)
				break;
			dot = 1;
		}
		if (*p != ',')
			buf_addch(out, *p);
		p++;
	}
	return p;
}

static int is_year_or_trivial(const struct buf *num)
{
	int64_t v;

	if (num->len == 1)
		return 1; /* "3 companies": too common to tell stories apart */
	if (num->len == 4 && !parse_int64(num->data, 1900, 2100, &v))
		return 1;
	return 0;
}

json_t *story_anchors(const char *text)
{
	json_t *set = json_array();
	const char *p = text, *end = text + strlen(text);
	int sentence_start = 1;
	struct buf num, name;

	buf_init(&num, 64);
	buf_init(&name, 256);
	while (p < end && json_array_size(set) < STORY_MAX_ANCHORS) {
		uint32_t cp;

		if (isdigit((unsigned char)*p)) {
			const char *after;

			p = take_number(p, &num);
			after = p;
			/* 11月27日, 2026年: a date, not a figure of the story */
			if (!is_year_or_trivial(&num) && strncmp(after, "\xe5\xb9\xb4", 3) &&
				strncmp(after, "\xe6\x9c\x88", 3) && strncmp(after, "\xe6\x97\xa5", 3))
				add_anchor(set, num.data, num.len);
			sentence_start = 0;
			continue;
		}
		if (isupper((unsigned char)*p)) {
			/* A run of capitalised words: "The Harbor Growth Partners" gives
			 * "harbor growth partners"; leading common words are dropped. */
			const char *word[8];
			size_t len[8], n = 0, first = 0;

			for (;;) {
				const char *w = p;

				while (p < end && (isalnum((unsigned char)*p) || *p == '-' || *p == '\''))
					p++;
				if (n < ARRAY_SIZE(word))
					word[n] = w, len[n] = (size_t)(p - w), n++;
				if (p + 1 < end && *p == ' ' && isupper((unsigned char)p[1])) {
					p++;
					continue;
				}
				break;
			}
			while (first < n && is_common_capital(word[first], len[first]))
				first++;
			buf_reset(&name);
			for (size_t i = first; i < n; i++) {
				if (name.len)
					buf_addch(&name, ' ');
				for (size_t c = 0; c < len[i]; c++)
					buf_addch(&name, (char)tolower((unsigned char)word[i][c]));
			}
			/* A lone capitalised word opening a sentence may be any word. */
			if (n - first >= 2 ||
				(n - first == 1 && !(sentence_start && first == 0) && name.len >= 3))
				add_anchor(set, name.data, name.len);
			sentence_start = 0;
			continue;
		}
		cp = text_utf8_next(&p, end);
		if (cp == 0x201c || cp == 0x300c || cp == 0x300a) { /* “ 「 《 */
			uint32_t close = cp == 0x201c ? 0x201d : cp == 0x300c ? 0x300d : 0x300b;
			const char *q = p, *stop = p;
			size_t chars = 0;

			while (q < end && chars <= 12) {
				const char *here = q;
				uint32_t c2 = text_utf8_next(&q, end);

				if (c2 == close) {
					stop = here;
					break;
				}
				chars++;
			}
			if (stop > p && chars >= 2 && chars <= 12)
				add_anchor(set, p, (size_t)(stop - p));
			continue;
		}
		if (cp == '.' || cp == '!' || cp == '?' || cp == 0x3002 || cp == '\n')
			sentence_start = 1;
		else if (is_han(cp) || (cp < 0x80 && isalnum((int)cp)))
			sentence_start = 0;
	}
	buf_release(&num);
	buf_release(&name);
	return set;
}

static size_t count_shared(const json_t *a, const json_t *b, size_t *numbers)
{
	size_t i, j, c = 0;
	json_t *x, *y;

	if (numbers)
		*numbers = 0;
	json_array_foreach(a, i, x)
	{
		json_array_foreach(b, j, y)
		{
			if (json_equal(x, y)) {
				c++;
				if (numbers && isdigit((unsigned char)*json_string_value(x)))
					(*numbers)++;
				break;
			}
		}
	}
	return c;
}

double story_anchor_overlap(const json_t *a, const json_t *b, size_t *shared)
{
	size_t na = json_array_size(a), nb = json_array_size(b);
	size_t c = count_shared(a, b, NULL);

	if (shared)
		*shared = c;
	if (!na || !nb)
		return 0.0;
	return (double)c / (double)(na < nb ? na : nb);
}

/* Tokens of a title: lowercased Latin words of 2+ letters, and Han bigrams, as one string each. */
static json_t *title_tokens(const char *s)
{
	json_t *set = json_array();
	const char *p = s, *end = s + strlen(s);
	uint32_t prev = 0;
	const char *prev_at = NULL;
	struct buf w;

	buf_init(&w, 256);
	while (p <= end) {
		const char *at = p;
		uint32_t cp = p < end ? text_utf8_next(&p, end) : 0;

		if (cp && cp < 0x80 && isalnum((int)cp)) {
			buf_addch(&w, (char)tolower((int)cp));
		} else {
			if (w.len >= 2)
				add_anchor(set, w.data, w.len);
			buf_reset(&w);
		}
		if (is_han(cp) && is_han(prev))
			add_anchor(set, prev_at, (size_t)(p - prev_at));
		prev = cp;
		prev_at = at;
		if (!cp)
			break;
	}
	buf_release(&w);
	return set;
}

double story_title_similarity(const char *a, const char *b)
{
	json_t *ta = title_tokens(a), *tb = title_tokens(b);
	size_t shared, u;
	double sim;

	story_anchor_overlap(ta, tb, &shared);
	u = json_array_size(ta) + json_array_size(tb) - shared;
	sim = u ? (double)shared / (double)u : 0.0;
	json_decref(ta);
	json_decref(tb);
	return sim;
}

int story_same(const char *title_a, const json_t *anchors_a, const char *simhash_a,
	const char *title_b, const json_t *anchors_b, const char *simhash_b)
{
	size_t shared, numbers;
	double overlap = story_anchor_overlap(anchors_a, anchors_b, &shared);

	if (story_simhash_distance(simhash_a, simhash_b) <= STORY_NEAR_COPY_BITS)
		return 1;
	count_shared(anchors_a, anchors_b, &numbers);
	if (shared >= 3 && overlap >= 0.5 && numbers >= 2)
		return 1;
	return shared >= 2 && numbers >= 1 && story_title_similarity(title_a, title_b) >= 0.5;
}

void story_simhash(const char *text, char out[17])
{
	const char *p = text, *end = text + strlen(text);
	uint64_t window[3] = { 0 }, han[3] = { 0 };
	int64_t votes[64] = { 0 };
	size_t nwords = 0, nhan = 0, shingles = 0;
	uint64_t h = 0;
	struct buf w;

	buf_init(&w, 256);
	while (p <= end) {
		uint32_t cp = p < end ? text_utf8_next(&p, end) : 0;
		uint64_t sh = 0;
		int have = 0;

		if (cp && is_han(cp)) {
			han[0] = han[1], han[1] = han[2], han[2] = cp;
			if (++nhan >= 3)
				sh = hash_fnv1a(han, sizeof(han)), have = 1;
		} else if (cp && cp < 0x80 && isalnum((int)cp)) {
			buf_addch(&w, (char)tolower((int)cp));
		} else if (w.len) {
			window[0] = window[1], window[1] = window[2];
			window[2] = hash_fnv1a(w.data, w.len);
			buf_reset(&w);
			if (++nwords >= 3)
				sh = hash_fnv1a(window, sizeof(window)), have = 1;
		}
		if (have) {
			shingles++;
			for (int b = 0; b < 64; b++)
				votes[b] += (sh >> b) & 1 ? 1 : -1;
		}
		if (!cp)
			break;
	}
	buf_release(&w);
	if (shingles < STORY_MIN_SHINGLES) {
		out[0] = '\0';
		return;
	}
	for (int b = 0; b < 64; b++)
		if (votes[b] > 0)
			h |= 1ULL << b;
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

int story_simhash_distance(const char *a, const char *b)
{
	unsigned long long x, y;
	char *end;

	if (!a || !b || strlen(a) != 16 || strlen(b) != 16)
		return 64;
	x = strtoull(a, &end, 16);
	if (*end)
		return 64;
	y = strtoull(b, &end, 16);
	if (*end)
		return 64;
	return __builtin_popcountll(x ^ y);
}
