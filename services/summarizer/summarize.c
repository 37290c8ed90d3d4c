#include "summarize.h"

#include <ctype.h>
#include <jansson.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "emoji.h"
#include "hash.h"
#include "points.h"
#include "anchor.h"
#include "text.h"
#include "common.h"

#define SENTENCE_MAX (64 * 1024)
/* Longer sentences score down in proportion: a point is read at a glance. */
#define POINT_GOOD_CHARS 140
#define MAX_SENTENCES 400
/* A box beside a story (a caption, an about box) is this many sentences at most. */
#define BOX_MAX_SENTENCES 5

static int is_terminal_cjk(uint32_t cp)
{
	return cp == 0x3002 || cp == 0xff01 || cp == 0xff1f; /* 。！？ */
}

/*
 * "Mr." "e.g." "U.S." "A." "z. B." "Mio." do not end sentences: the
 * abbreviations news uses most in the languages precis tells apart, and any
 * single letter (an initial, a part of "z. B." or "i. e.").
 */
static int abbreviation_before(const char *start, const char *dot)
{
	static const char *const abbr[] = { "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st",
		"vs", "etc", "e.g", "i.e", "inc", "ltd", "co", "corp", "no", "fig", "u.s", "u.k",
		"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
		/* German, French, Spanish */
		"nr", "ca", "bzw", "vgl", "usw", "ggf", "evtl", "inkl", "mio", "mrd", "bzgl", "hr",
		"z.b", "d.h", "u.a", "v.a", "mme", "mlle", "env", "sra", "srta", "dra", "núm", "aprox" };
	const char *w = dot;
	size_t n;

	while (w > start && ((unsigned char)w[-1] >= 0x80 || isalpha((unsigned char)w[-1]) ||
				    w[-1] == '.'))
		w--;
	n = (size_t)(dot - w);
	/*
	 * One letter; two the same, as Spanish abbreviates a plural ("EE. UU.",
	 * "FF. AA."), but for the Roman numerals ("World War II. It").
	 */
	if (n == 1 || (n == 2 && isupper((unsigned char)*w) && w[0] == w[1] && !strchr("IXCM", *w)))
		return 1;
	return text_word_in(w, n, abbr, ARRAY_SIZE(abbr));
}

/* 1 if lang (a code as text_detect_lang() gives, or NULL) is one of the n of langs. */
static int lang_in(const char *lang, const char *const *langs, size_t n)
{
	for (size_t i = 0; lang && i < n; i++)
		if (!strcmp(lang, langs[i]))
			return 1;
	return 0;
}

/*
 * Languages that write an ordinal as a number and a dot ("am 3. Oktober",
 * "19. století", "1. maja"): there a short number's dot ends no sentence.
 */
static int ordinal_dot_language(const char *lang)
{
	static const char *const langs[] = { "de", "da", "no", "nb", "nn", "fi", "pl", "cs", "sk",
		"hu", "tr", "et", "lv", "sl", "hr", "sr", "bs", "is" };

	return lang_in(lang, langs, ARRAY_SIZE(langs));
}

/*
 * 1 if the word at next, in language lang, never follows an ordinal, so
 * the number before the dot ended its sentence: an ordinal comes before a
 * noun or an adjective, never an article, a pronoun or a preposition ("Die
 * Zahl stieg auf 12. Die Polizei ermittelt."; "am 3. Oktober").
 */
static int follows_no_ordinal(const char *lang, const char *next, const char *end)
{
	static const char *const de[] = { "Der", "Die", "Das", "Dem", "Den", "Des", "Ein", "Eine",
		"Einen", "Einem", "Einer", "Er", "Sie", "Es", "Wir", "Ich", "Ihr", "Man", "Dies",
		"Diese", "Dieser", "Dieses", "Doch", "Aber", "Und", "Auch", "Dann", "Danach", "Dabei",
		"Damit", "Im", "Am", "Zum", "Zur", "Beim", "Vom", "Nach", "Bei", "Mit", "In", "Auf" };
	const char *w;

	if (strcmp(lang, "de"))
		return 0;
	while (next < end && *next == ' ')
		next++;
	for (w = next; w < end && isalpha((unsigned char)*w); w++)
		;
	for (size_t i = 0; i < ARRAY_SIZE(de); i++)
		if (strlen(de[i]) == (size_t)(w - next) && !strncmp(next, de[i], (size_t)(w - next)))
			return 1;
	return 0;
}

/*
 * 1 if the dot ends an abbreviation that a number follows: a capital and
 * up to three letters in lowercase ("Art. 5 GG", "Nr. 12", "Abs. 1", "S.
 * 14", "Tel. 0221"), one of those written in lowercase before a figure
 * ("art. 49.3", "max. 48", "pp. 260"), or a street in an address, which
 * German cuts to "str." ("Bahnhofstr. 12"). Another word ends its sentence
 * ("Numbers talk. 91% of clients renew", "Dann kam er an. 2020 ...").
 */
static int abbreviation_before_number(const char *start, const char *dot, const char *next,
	const char *end)
{
	static const char *const lower[] = { "art", "max", "min", "pp", "vol", "no", "nr", "núm",
		"geb", "zzgl", "mind", "ca", "vgl", "bd", "abs" };
	const char *w = dot;
	size_t n;
	int title = 1;

	while (w > start && ((unsigned char)w[-1] >= 0x80 || isalpha((unsigned char)w[-1])))
		w--;
	n = (size_t)(dot - w);
	while (next < end && *next == ' ')
		next++;
	if (!n || next >= end || !isdigit((unsigned char)*next))
		return 0;
	for (size_t i = 1; i < n; i++)
		title &= islower((unsigned char)w[i]) != 0;
	if (isupper((unsigned char)*w) && title && (n <= 4 || !strncmp(dot - 3, "str", 3)))
		return 1;
	for (size_t i = 0; i < ARRAY_SIZE(lower); i++)
		if (strlen(lower[i]) == n && !strncmp(w, lower[i], n))
			return 1;
	return 0;
}

/*
 * Whether the dot at dot ends a sentence, next being what follows it:
 * not after an abbreviation, not inside a figure ("3.5"), not before a
 * word in lowercase (an abbreviation's, "ggf. den", or a sentence's
 * middle), and in ordinal_dot_language() not after a number of one to
 * three digits standing alone ("zum 1. Januar"; "endete 2:1." still ends).
 */
static int dot_ends_sentence(const char *start, const char *dot, const char *next,
	const char *end, const char *ordinals)
{
	const char *w = dot, *q = next;

	if (abbreviation_before(start, dot))
		return 0;
	/* "4.º puesto", "1.ª división": an ordinal of Spanish, Portuguese, Italian */
	if (next + 1 < end && (unsigned char)next[0] == 0xc2 &&
		((unsigned char)next[1] == 0xba || (unsigned char)next[1] == 0xaa))
		return 0;
	if (abbreviation_before_number(start, dot, next, end))
		return 0;
	while (w > start && isdigit((unsigned char)w[-1]))
		w--;
	if (w < dot && next < end && isdigit((unsigned char)*next))
		return 0;
	if (ordinals && w < dot && dot - w <= 3 && (w == start || w[-1] == ' ' || w[-1] == '(') &&
		!follows_no_ordinal(ordinals, next, end))
		return 0;
	while (q < end && *q == ' ')
		q++;
	if (q < end && q > next) {
		const char *c = q;
		uint32_t cp = text_utf8_next(&c, end);

		if (text_is_lower(cp))
			return 0;
	}
	return 1;
}

/*
 * Languages whose quotes open low and close high („…“, ‚…‘) or point
 * inwards (»…«): there “ ‘ « close a quotation, elsewhere » › do.
 */
static int low_quotes_language(const char *lang)
{
	static const char *const langs[] = { "de", "cs", "sk", "da", "is", "lt", "bg" };

	return lang_in(lang, langs, ARRAY_SIZE(langs));
}

static int closes_quote(uint32_t cp, int low_quotes)
{
	if (text_is_closing(cp))
		return 1;
	if (low_quotes)
		return cp == 0x201c || cp == 0x2018 || cp == 0xab || cp == 0x2039; /* “ ‘ « ‹ */
	return cp == 0xbb || cp == 0x203a; /* » › */
}

/*
 * p past what closes a sentence ending just before it: quotes, brackets,
 * more ! and ?, a French quote's space ("Nous verrons. »"), and the full
 * stop after a quote ("„vom Metzger!“.").
 */
static const char *past_closing(const char *p, const char *end, int low_quotes)
{
	int quoted = 0;

	while (p < end) {
		const char *q = p;
		uint32_t c = text_utf8_next(&q, end);

		if (c == ' ' || c == 0xa0 || c == 0x202f) { /* a space, as French puts before » */
			const char *r = q;

			if (r >= end || text_utf8_next(&r, end) != 0xbb || low_quotes)
				break;
			q = r;
		} else if (c == '.' && quoted) {
			quoted = 0;
		} else if (closes_quote(c, low_quotes)) {
			quoted = 1;
		} else if (!is_terminal_cjk(c) && c != '!' && c != '?') {
			break;
		}
		p = q;
	}
	return p;
}

/*
 * 1 if the sentence goes on at p, past a quotation it holds: "«¿Quién va
 * a pagar?», preguntó", "“Are you sure?” she asked".
 */
static int quote_goes_on(const char *p, const char *end)
{
	const char *c;

	if (p < end && (*p == ',' || *p == ';'))
		return 1;
	while (p < end && *p == ' ')
		p++;
	c = p;
	return p < end && text_is_lower(text_utf8_next(&c, end));
}

/* Appends the sentence s (len bytes) of paragraph block; para may be NULL. */
static void push(char ***v, size_t *n, const char *s, size_t len, size_t **para, size_t block)
{
	struct buf b;

	buf_init(&b, SENTENCE_MAX);
	text_append_clean(&b, s, len);
	if (b.len && *n < MAX_SENTENCES) {
		*v = xrealloc(*v, (*n + 1) * sizeof(**v));
		if (para) {
			*para = xrealloc(*para, (*n + 1) * sizeof(**para));
			(*para)[*n] = block;
		}
		(*v)[(*n)++] = buf_detach(&b, NULL);
	}
	buf_release(&b);
}

char **summarize_paragraph_sentences(const char *text, const char *lang, size_t *n,
	size_t **para)
{
	const char *p = text, *end = text + strlen(text), *start = text;
	char **v = NULL;
	size_t block = 0;
	const char *ordinals = ordinal_dot_language(lang) ? lang : NULL;
	int quotes = low_quotes_language(lang);

	*n = 0;
	if (para)
		*para = NULL;
	while (p < end) {
		const char *at = p;
		uint32_t cp = text_utf8_next(&p, end);
		const char *closed = NULL; /* past what closes the sentence, when it ends here */
		int cut = 0;

		if (cp == '\n' && p < end && *p == '\n') {
			push(&v, n, start, (size_t)(at - start), para, block++);
			start = p;
			continue;
		}
		if (is_terminal_cjk(cp)) {
			closed = past_closing(p, end, quotes);
			cut = 1;
		} else if ((cp == '.' || cp == '!' || cp == '?') &&
			   (p >= end || *p == ' ' || *p == '\n' || text_is_closing((unsigned char)*p) ||
				   (unsigned char)*p >= 0x80)) {
			if (cp != '.' || dot_ends_sentence(start, at, p, end, ordinals)) {
				closed = past_closing(p, end, quotes);
				cut = !quote_goes_on(closed, end);
			}
		}
		if (!cut)
			continue;
		p = closed; /* closing quotes stay with their sentence */
		push(&v, n, start, (size_t)(p - start), para, block);
		start = p;
	}
	if (start < end)
		push(&v, n, start, (size_t)(end - start), para, block);
	return v;
}

char **summarize_sentences(const char *text, const char *lang, size_t *n)
{
	return summarize_paragraph_sentences(text, lang, n, NULL);
}

/* ---- tokens: lowercased words for Latin scripts, bigrams for Han ---- */

struct tokens {
	uint64_t *h;
	size_t n;
};

static int is_stopword(const char *w, size_t n)
{
	static const char *const stop[] = { "the", "and", "for", "that", "with", "this", "from",
		"are", "was", "were", "its", "has", "have", "had", "but", "not", "you", "his",
		"her", "they", "their", "will", "would", "can", "could", "said", "says", "about",
		"into", "than", "then", "also", "been", "more", "one", "two", "which", "who",
		"what", "when", "where", "how", "our", "out", "all", "new" };

	if (n > 5) /* no stop word is longer: most words end here */
		return 0;
	for (size_t i = 0; i < ARRAY_SIZE(stop); i++)
		if (stop[i][0] == w[0] && strlen(stop[i]) == n && !strncmp(stop[i], w, n))
			return 1;
	return 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void tokenize(const char *s, struct tokens *t)
{
	const char *p = s, *end = s + strlen(s);
	char word[64];
	size_t wl = 0;
	uint32_t prev_han = 0;

	t->h = NULL;
	t->n = 0;
	for (;;) {
		uint32_t cp = p < end ? text_utf8_next(&p, end) : 0;
		int han = text_is_han(cp);
		int alnum = cp < 0x80 && isalnum((int)cp);

		if (alnum && wl < sizeof(word)) {
			word[wl++] = (char)tolower((int)cp);
		} else if (wl) {
			if (wl >= 3 && !is_stopword(word, wl)) {
				t->h = xrealloc(t->h, (t->n + 1) * sizeof(*t->h));
				t->h[t->n++] = hash_fnv1a(word, wl);
			}
			wl = 0;
		}
		if (han && prev_han) {
			uint32_t pair[2] = { prev_han, cp };

			t->h = xrealloc(t->h, (t->n + 1) * sizeof(*t->h));
			t->h[t->n++] = hash_fnv1a(pair, sizeof(pair));
		}
		prev_han = han ? cp : 0;
		if (!cp)
			break;
	}
	if (!t->n)
		return;
	qsort(t->h, t->n, sizeof(*t->h), cmp_u64);
	/* a set: drop repeats */
	{
		size_t j = 1;

		for (size_t i = 1; i < t->n; i++)
			if (t->h[i] != t->h[j - 1])
				t->h[j++] = t->h[i];
		t->n = j;
	}
}

static size_t common(const struct tokens *a, const struct tokens *b)
{
	size_t i = 0, j = 0, c = 0;

	while (i < a->n && j < b->n) {
		if (a->h[i] == b->h[j])
			c++, i++, j++;
		else if (a->h[i] < b->h[j])
			i++;
		else
			j++;
	}
	return c;
}

static double jaccard(const struct tokens *a, const struct tokens *b)
{
	size_t c = common(a, b), u = a->n + b->n - c;

	return u ? (double)c / (double)u : 0.0;
}

void summary_add_tag(struct summary *s, const char *tag)
{
	if (!tag || !*tag || s->ntags >= SUMMARY_TAGS)
		return;
	for (size_t i = 0; i < s->ntags; i++)
		if (!strcasecmp(s->tags[i], tag))
			return;
	s->tags[s->ntags++] = xstrdup(tag);
}

/*
 * Tags offline: the names and terms of the full text's anchors that the
 * title mentions too (figures say little as tags).
 */
static void tags_from_anchors(struct summary *s, const char *title, const char *text)
{
	json_t *anchors = anchor_text(text);
	size_t i;
	json_t *a;

	json_array_foreach(anchors, i, a) {
		const char *t = json_string_value(a);
		const char *in_title = t && !isdigit((unsigned char)*t) && text_chars(t) >= 2
					       ? strcasestr(title, t)
					       : NULL;

		/* Anchors are folded to lowercase; the title has the names as written. */
		if (in_title) {
			char *tag = xstrndup(in_title, strlen(t));

			summary_add_tag(s, tag);
			free(tag);
		}
	}
	json_decref(anchors);
}

/*
 * A caption, a line about the writer or the site, or a call to the reader
 * shows that its paragraph is a box beside the story (a photo with its
 * caption and teaser, an about box, a notice): none of the paragraph's
 * sentences says something for the story. A long paragraph is the story
 * with one stray line, and keeps the rest.
 */
static void set_boxes_aside(char **sent, const size_t *para, size_t n, int *says)
{
	for (size_t i = 0, j; i < n; i = j) {
		int box = 0;

		for (j = i; j < n && para[j] == para[i]; j++)
			box |= points_marks_box(sent[j]);
		if (box && j - i <= BOX_MAX_SENTENCES)
			for (size_t k = i; k < j; k++)
				says[k] = 0;
	}
}

/* A sentence's third of the article: key points should cover it, not only its lead. */
static size_t third(size_t i, size_t n)
{
	return n ? 3 * i / n : 0;
}

/*
 * The next point: the best-scored sentence that says something (says[i] 1;
 * any but those set aside, -1, when none does: a thin summary beats none),
 * is not too like a point already taken, and preferably from a third of
 * the article not yet covered.
 */
static int next_point(const double *score, const int *says, int any_says, struct tokens *tok,
	char **sent, size_t n, const size_t *picked, size_t npicked)
{
	int best = -1;
	double best_score = 0;

	for (size_t i = 0; i < n; i++) {
		double sc = score[i];
		int taken = 0;

		if ((any_says && says[i] != 1) || says[i] < 0 || text_chars(sent[i]) < 8)
			continue;
		for (size_t m = 0; m < npicked && !taken; m++) {
			taken = picked[m] == i || jaccard(&tok[i], &tok[picked[m]]) > 0.5 ||
				!strcmp(sent[i], sent[picked[m]]);
			if (third(picked[m], n) == third(i, n))
				sc *= 0.7;
		}
		if (!taken && (best < 0 || sc > best_score))
			best = (int)i, best_score = sc;
	}
	return best;
}

int summarize_extractive(const char *title, const char *text, size_t max_point_chars,
	const struct emoji_rules *emoji, struct summary *s)
{
	struct tokens tt, *tok;
	double *score;
	int *says, any_says = 0;
	size_t n, picked[SUMMARY_POINTS], npicked = 0, chars = text_chars(text), budget, used = 0;
	size_t *para;
	char **sent, *condensed[SUMMARY_POINTS];
	struct buf h;

	memset(s, 0, sizeof(*s));
	buf_init(&h, 4096);
	text_append_clean(&h, title, strlen(title));
	s->headline = buf_detach(&h, NULL);
	strlcpy_p(s->emoji, emoji_pick(emoji, title, text), sizeof(s->emoji));
	strlcpy_p(s->lang, text_detect_lang(text), sizeof(s->lang));
	sent = summarize_paragraph_sentences(text, s->lang, &n, &para);
	s->importance = SUMMARY_NEUTRAL_IMPORTANCE;
	if (!n) {
		free(sent);
		free(para);
		return -1;
	}
	tokenize(title, &tt);
	tok = xcalloc(n, sizeof(*tok));
	score = xcalloc(n, sizeof(*score));
	says = xcalloc(n, sizeof(*says));
	for (size_t i = 0; i < n; i++) {
		tokenize(sent[i], &tok[i]);
		says[i] = points_says_something(sent[i]);
	}
	set_boxes_aside(sent, para, n, says);
	for (size_t i = 0; i < n; i++)
		any_says |= says[i];
	/* Centrality: each pair's overlap once, for both of its sentences. */
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++) {
			double o = jaccard(&tok[i], &tok[j]);

			score[i] += o;
			score[j] += o;
		}
	for (size_t i = 0; i < n; i++) {
		double central = n > 1 ? score[i] / (double)(n - 1) : 0, overlap, position, len_fit;
		size_t c = text_chars(sent[i]);

		overlap = tt.n ? (double)common(&tok[i], &tt) / (double)tt.n : 0;
		position = 1.0 / (1.0 + 0.25 * (double)i);
		/*
		 * Fragments make poor key points, and a digest is read for its
		 * brevity: of two sentences that say as much, the shorter wins.
		 */
		len_fit = c < 15 ? 0.2 : c <= POINT_GOOD_CHARS ? 1.0 : (double)POINT_GOOD_CHARS / (double)c;
		score[i] = (2.0 * central + 0.8 * overlap + 0.6 * position) * len_fit;
	}
	/*
	 * A summary is never longer than its article: the points take at most
	 * half of it, or one point all of a very short one. A text where no
	 * sentence says something (a page of menus and notices the extraction
	 * took for the article) gets one point, the best of what there is: a
	 * thin summary beats none, and more such lines would only add to it.
	 */
	budget = chars / 2;
	while (npicked < (any_says ? SUMMARY_POINTS : 1)) {
		int i = next_point(score, says, any_says, tok, sent, n, picked, npicked);
		const char *lead;
		char *point, *fit;
		size_t len, room, limit;

		if (i < 0)
			break;
		lead = summarize_strip_dateline(sent[i]);
		/* only the article's opening has a place alone for a dateline */
		if (i == 0 && lead == sent[i])
			lead = summarize_strip_place(lead);
		point = points_condense(*lead ? lead : sent[i]);
		len = text_chars(point);
		/* The first point may take the whole of a tiny article; the others what is left. */
		room = !npicked ? chars : budget > used ? budget - used : 0;
		if (len > room && npicked) { /* too long for what is left: a shorter one may fit */
			free(point);
			says[i] = -1;
			continue;
		}
		limit = len < max_point_chars ? len : max_point_chars;
		if (limit > room)
			limit = room > 8 ? room : 8;
		fit = text_shorten(point, limit);
		free(point);
		used += text_chars(fit);
		condensed[npicked] = fit;
		picked[npicked++] = (size_t)i;
	}
	/* In the article's order, the points read as a story. */
	for (size_t a = 0; a < npicked; a++)
		for (size_t b = a + 1; b < npicked; b++)
			if (picked[b] < picked[a]) {
				size_t t = picked[a];
				char *c = condensed[a];

				picked[a] = picked[b], picked[b] = t;
				condensed[a] = condensed[b], condensed[b] = c;
			}
	for (size_t m = 0; m < npicked; m++)
		s->points[s->npoints++] = condensed[m];
	s->thin = !any_says;
	tags_from_anchors(s, title, text);
	for (size_t i = 0; i < n; i++) {
		free(tok[i].h);
		free(sent[i]);
	}
	free(tt.h);
	free(tok);
	free(score);
	free(says);
	free(sent);
	free(para);
	return s->npoints ? 0 : -1;
}

void summary_release(struct summary *s)
{
	free(s->headline);
	for (size_t i = 0; i < s->npoints; i++)
		free(s->points[i]);
	for (size_t i = 0; i < s->ntags; i++)
		free(s->tags[i]);
	memset(s, 0, sizeof(*s));
}

