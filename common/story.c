#include "story.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "hash.h"
#include "text.h"
#include "common.h"

/* Lines with fewer words are menus, headings and captions: no anchors from them. */
#define PROSE_MIN_WORDS 8
/* Longer runs of capitalised words are menus or title-cased headings, not names. */
#define NAME_MAX_WORDS 5

static int is_han(uint32_t cp)
{
	return (cp >= 0x3400 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff);
}

static int word_is(const char *w, size_t n, const char *const *list, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (strlen(list[i]) == n && !strncasecmp(list[i], w, n))
			return 1;
	return 0;
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

static const char *const months[] = { "january", "february", "march", "april", "may", "june",
	"july", "august", "september", "october", "november", "december", "jan", "feb", "mar",
	"apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec" };

/* Capitalised words that start sentences, name days and months or label a page say nothing of a story. */
static int is_common_capital(const char *w, size_t n)
{
	static const char *const common[] = { "the", "a", "an", "in", "on", "at", "for", "and",
		"but", "it", "its", "this", "that", "these", "those", "he", "she", "they", "we",
		"i", "as", "by", "with", "from", "to", "of", "after", "before", "when", "while",
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "ai",
		"mr", "ms", "mrs", "dr", "chief", "independent", "both", "each", "one", "two",
		"most", "some", "many", "investors", "analysts", "lawyers", "staff", "patient",
		"earlier", "last", "next", "new", "our", "their", "his", "her", "if", "so", "there",
		"what", "why", "how", "ceo", "cto", "cfo", "gmt", "utc", "am", "pm", "print", "email", "share", "comments",
		"photo", "video", "image", "copyright", "updated", "posted", "published", "read",
		"more" };

	return word_is(w, n, common, ARRAY_SIZE(common)) || word_is(w, n, months, ARRAY_SIZE(months));
}

/* A figure as written: digits with at most one decimal point; thousands separators dropped. */
static const char *take_number(const char *p, const char *end, struct buf *out)
{
	int dot = 0;

	buf_reset(out);
	while (p < end && (isdigit((unsigned char)*p) ||
			      ((*p == ',' || *p == '.') && p + 1 < end && isdigit((unsigned char)p[1])))) {
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

/* A capitalised month name right before (skipping spaces, "." and ",") or after p: a date. */
static int month_near(const char *begin, const char *start, const char *after, const char *end)
{
	const char *w = start, *e;

	while (w > begin && (w[-1] == ' ' || w[-1] == '.' || w[-1] == ','))
		w--;
	e = w;
	while (w > begin && isalpha((unsigned char)w[-1]))
		w--;
	if (e > w && isupper((unsigned char)*w) && word_is(w, (size_t)(e - w), months, ARRAY_SIZE(months)))
		return 1;
	w = after;
	while (w < end && *w == ' ')
		w++;
	for (e = w; e < end && isalpha((unsigned char)*e); e++)
		;
	return e > w && isupper((unsigned char)*w) && word_is(w, (size_t)(e - w), months, ARRAY_SIZE(months));
}

static int starts(const char *p, const char *end, const char *word)
{
	size_t n = strlen(word);

	return (size_t)(end - p) >= n && !strncasecmp(p, word, n);
}

/*
 * The power of ten a scale word after a figure stands for, and how many
 * bytes it takes: "million", "bn", "亿", "万亿"; 0 when there is none.
 */
static int scale_after(const char *p, const char *end, size_t *used)
{
	static const struct {
		const char *word;
		int exp, spaced; /* spaced: may follow a space, and is a whole word */
	} scales[] = { { "trillion", 12, 1 }, { "billion", 9, 1 }, { "million", 6, 1 },
		{ "thousand", 3, 1 }, { "bn", 9, 0 }, { "mn", 6, 0 }, { "m", 6, 0 }, { "k", 3, 0 },
		{ "\xe4\xb8\x87\xe4\xba\xbf", 12, 0 }, { "\xe4\xba\xbf", 8, 0 }, /* 万亿 亿 */
		{ "\xe5\x8d\x83\xe4\xb8\x87", 7, 0 }, { "\xe7\x99\xbe\xe4\xb8\x87", 6, 0 }, /* 千万 百万 */
		{ "\xe5\x8d\x81\xe4\xb8\x87", 5, 0 }, { "\xe4\xb8\x87", 4, 0 } }; /* 十万 万 */

	for (size_t i = 0; i < ARRAY_SIZE(scales); i++) {
		const char *q = p;
		size_t n = strlen(scales[i].word);

		if (scales[i].spaced && q < end && (*q == ' ' || *q == '-')) /* "70-billion-parameter" */
			q++;
		if (!starts(q, end, scales[i].word))
			continue;
		/* "5 million" but not "5 millionaires"; "$2m" but not "2mm" or "3km". */
		if ((unsigned char)scales[i].word[0] < 0x80 && q + n < end && isalpha((unsigned char)q[n]))
			continue;
		*used = (size_t)(q + n - p);
		return scales[i].exp;
	}
	*used = 0;
	return 0;
}

/* "3.1" times ten to exp, as plain digits: "3100000000". */
static void scale_number(struct buf *num, int exp)
{
	char *dot = strchr(num->data, '.');
	size_t intlen = dot ? (size_t)(dot - num->data) : num->len, i;
	struct buf out;

	buf_init(&out, 64);
	for (i = 0; i < num->len; i++)
		if (num->data[i] != '.')
			buf_addch(&out, num->data[i]);
	intlen += (size_t)exp;
	while (out.len < intlen)
		buf_addch(&out, '0');
	if (out.len > intlen) { /* a fraction is left: put the point back, drop trailing zeros */
		buf_addch(&out, '\0');
		memmove(out.data + intlen + 1, out.data + intlen, out.len - intlen - 1);
		out.data[intlen] = '.';
		while (out.data[out.len - 1] == '0')
			out.len--;
		if (out.data[out.len - 1] == '.')
			out.len--;
		out.data[out.len] = '\0';
	}
	for (i = 0; i + 1 < out.len && out.data[i] == '0' && out.data[i + 1] != '.'; i++)
		;
	buf_reset(num);
	buf_add(num, out.data + i, out.len - i);
	buf_release(&out);
}

/*
 * A figure at *pp: its value as an anchor in num, or num empty when it is a
 * year, a single digit, part of a date or a time, or an ordinal.
 */
static void take_figure(const char *begin, const char **pp, const char *end, struct buf *num)
{
	const char *start = *pp, *p = take_number(start, end, num);
	char prev = start > begin ? start[-1] : ' ', next = p < end ? *p : ' ';
	int digit_after = p + 1 < end && isdigit((unsigned char)p[1]), exp, percent = 0;
	size_t used;
	int64_t v;

	*pp = p;
	if (prev == ':' || prev == '/' || ((next == ':' || next == '/') && digit_after) ||
		(prev == '-' && start - 1 > begin && isdigit((unsigned char)start[-2])) ||
		(next == '-' && digit_after) || month_near(begin, start, p, end) ||
		starts(p, end, "\xe5\xb9\xb4") || starts(p, end, "\xe6\x9c\x88") || /* 年 月 */
		starts(p, end, "\xe6\x97\xa5") || starts(p, end, "\xe5\x8f\xb7") || /* 日 号 */
		starts(p, end, "st") || starts(p, end, "nd") || starts(p, end, "rd") ||
		starts(p, end, "th")) {
		buf_reset(num);
		return;
	}
	exp = scale_after(p, end, &used);
	p += used;
	if (starts(p, end, "%") || starts(p, end, " per cent") || starts(p, end, " percent") ||
		starts(p, end, "\xef\xbc\x85")) /* ％ */
		percent = 1;
	*pp = p;
	if (!exp && !percent &&
		(num->len == 1 || (num->len == 4 && !parse_int64(num->data, 1900, 2100, &v)))) {
		buf_reset(num); /* "3 companies" and years say nothing of a story */
		return;
	}
	if (exp)
		scale_number(num, exp);
	if (percent)
		buf_addch(num, '%');
}

struct anchor_ctx {
	json_t *set;
	struct buf num, name;
};

/* A run of capitalised words at *pp: "The Harbor Growth Partners" gives "harbor growth partners". */
static void take_name(struct anchor_ctx *c, const char **pp, const char *end, int sentence_start)
{
	const char *p = *pp, *word[NAME_MAX_WORDS + 2];
	size_t len[NAME_MAX_WORDS + 2], n = 0, first = 0, total = 0;

	for (;;) {
		const char *w = p, *stop;
		int possessive = 0;

		while (p < end && (isalnum((unsigned char)*p) || *p == '-' || *p == '\''))
			p++;
		stop = p;
		/* "Stratus Cloud's Ashburn region": the owner is a name of its own. */
		if (stop - w > 2 && !strncmp(stop - 2, "'s", 2))
			stop -= 2, possessive = 1;
		else if (stop > w && stop[-1] == '\'')
			stop--, possessive = 1;
		if (n < ARRAY_SIZE(word))
			word[n] = w, len[n] = (size_t)(stop - w), n++;
		total++;
		if (!possessive && p + 1 < end && *p == ' ' && isupper((unsigned char)p[1])) {
			p++;
			continue;
		}
		break;
	}
	*pp = p;
	while (first < n && is_common_capital(word[first], len[first]))
		first++;
	if (total - first > NAME_MAX_WORDS || first == n)
		return;
	/* A lone capitalised word opening a sentence may be any word. */
	if (n - first == 1 && ((sentence_start && first == 0) || len[first] < 3))
		return;
	buf_reset(&c->name);
	for (size_t i = first; i < n; i++) {
		if (c->name.len)
			buf_addch(&c->name, ' ');
		for (size_t k = 0; k < len[i]; k++)
			buf_addch(&c->name, (char)tolower((unsigned char)word[i][k]));
	}
	add_anchor(c->set, c->name.data, c->name.len);
}

/* A term in quotation marks or title brackets after its opening mark (“ 「 《). */
static void take_term(struct anchor_ctx *c, const char **pp, const char *end, uint32_t open)
{
	uint32_t close = open == 0x201c ? 0x201d : open == 0x300c ? 0x300d : 0x300b;
	const char *p = *pp, *q = p, *stop = p;
	size_t chars = 0;

	while (q < end && chars <= 12) {
		const char *here = q;

		if (text_utf8_next(&q, end) == close) {
			stop = here;
			break;
		}
		chars++;
	}
	if (stop > p && chars >= 2 && chars <= 12)
		add_anchor(c->set, p, (size_t)(stop - p));
}

static void line_anchors(struct anchor_ctx *c, const char *p, const char *end)
{
	const char *begin = p;
	int sentence_start = 1;

	while (p < end && json_array_size(c->set) < STORY_MAX_ANCHORS) {
		uint32_t cp;

		if (isdigit((unsigned char)*p)) {
			take_figure(begin, &p, end, &c->num);
			if (c->num.len)
				add_anchor(c->set, c->num.data, c->num.len);
			sentence_start = 0;
			continue;
		}
		if (isupper((unsigned char)*p)) {
			take_name(c, &p, end, sentence_start);
			sentence_start = 0;
			continue;
		}
		if (isalpha((unsigned char)*p)) { /* a lowercase word: skip it whole ("h100s" is no figure) */
			while (p < end && isalnum((unsigned char)*p))
				p++;
			sentence_start = 0;
			continue;
		}
		cp = text_utf8_next(&p, end);
		if (cp == 0x201c || cp == 0x300c || cp == 0x300a)
			take_term(c, &p, end, cp);
		else if (cp == '.' || cp == '!' || cp == '?' || cp == 0x3002)
			sentence_start = 1;
		else if (is_han(cp))
			sentence_start = 0;
	}
}

json_t *story_anchors(const char *text)
{
	struct anchor_ctx c = { json_array(), { 0 }, { 0 } };
	const char *p = text, *end = text + strlen(text);

	buf_init(&c.num, 64);
	buf_init(&c.name, 256);
	while (p < end && json_array_size(c.set) < STORY_MAX_ANCHORS) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *stop = nl ? nl : end;
		size_t cjk, words;

		text_count_len(p, (size_t)(stop - p), &cjk, &words);
		if ((double)words + (double)cjk / 2 >= PROSE_MIN_WORDS)
			line_anchors(&c, p, stop);
		p = nl ? nl + 1 : end;
	}
	buf_release(&c.num);
	buf_release(&c.name);
	return c.set;
}

/* ---- comparing articles ---- */

enum anchor_kind { KIND_NAME, KIND_TERM, KIND_FIGURE, KIND_COMMON };

/*
 * "12", "20", "100", "1000", "5%": a small or round figure is common to many
 * stories ("12 years", "100 people"); "1,100", "3.1" and "$200 million" are not.
 */
static enum anchor_kind kind_of(const char *s)
{
	size_t n = strcspn(s, "%"), sig = n;

	if (!isdigit((unsigned char)*s)) {
		for (const char *p = s; *p; p++)
			if ((unsigned char)*p >= 0x80)
				return KIND_TERM;
		return KIND_NAME;
	}
	if (memchr(s, '.', n))
		return KIND_FIGURE;
	if (n <= 2)
		return KIND_COMMON;
	while (sig > 1 && s[sig - 1] == '0')
		sig--;
	return sig == 1 && (n < 4 || (n == 4 && *s == '1')) ? KIND_COMMON : KIND_FIGURE;
}

struct anchor {
	uint64_t h;
	enum anchor_kind kind;
	int boilerplate;
};

/* An article prepared for many comparisons: hashed, sorted anchors and title tokens. */
struct prepared {
	struct anchor *a;
	size_t n, comparable; /* comparable: figures and Latin names, what survives translation */
	/* sorted hashes: the title's tokens, those that name the story, its anchors */
	uint64_t *title, *title_content, *title_anchors;
	size_t ntitle, ntitle_content, ntitle_anchors;
	uint64_t simhash;
	int has_simhash, doubtful;
	char site[512]; /* the URL's host, or the outlet (site_of) */
	const char *lang;
};

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static int cmp_anchor(const void *a, const void *b)
{
	return cmp_u64(&((const struct anchor *)a)->h, &((const struct anchor *)b)->h);
}

static void push_u64(uint64_t **v, size_t *n, size_t *cap, uint64_t h)
{
	if (*n == *cap)
		*v = xrealloc(*v, (*cap = *cap ? 2 * *cap : 16) * sizeof(**v));
	(*v)[(*n)++] = h;
}

/* Sorts v[0..n) and drops repeats; returns the new count. */
static size_t sort_unique(uint64_t *v, size_t n)
{
	size_t j = 1;

	if (n < 2)
		return n;
	qsort(v, n, sizeof(*v), cmp_u64);
	for (size_t i = 1; i < n; i++)
		if (v[i] != v[j - 1])
			v[j++] = v[i];
	return j;
}

/* Title words that say nothing of a story: "Why the EU fines two firms over their data". */
static int is_title_filler(const char *w, size_t n)
{
	static const char *const filler[] = { "with", "from", "that", "this", "what", "when",
		"where", "which", "after", "over", "into", "about", "more", "than", "your", "their",
		"will", "have", "says", "said", "could", "would", "here", "there", "they", "them",
		"these", "those", "been", "were", "how", "why", "the", "and", "for", "its" };

	return word_is(w, n, filler, ARRAY_SIZE(filler));
}

/*
 * Sorted, distinct hashes of a title's lowercased Latin words of 2+ letters
 * and Han bigrams; with content_only, only words of 4+ letters that are not
 * filler, words with digits, and Han bigrams: what names the story.
 */
static size_t title_tokens(const char *s, int content_only, uint64_t **out)
{
	const char *p = s, *end = s + strlen(s), *prev_at = NULL;
	uint32_t prev = 0;
	uint64_t *v = NULL;
	size_t n = 0, cap = 0;
	int digits = 0;
	struct buf w;

	buf_init(&w, 256);
	while (p <= end) {
		const char *at = p;
		uint32_t cp = p < end ? text_utf8_next(&p, end) : 0;

		if (cp && cp < 0x80 && isalnum((int)cp)) {
			buf_addch(&w, (char)tolower((int)cp));
			digits |= isdigit((int)cp) != 0;
		} else {
			if (w.len >= 2 && (!content_only || (w.len >= 4 && !is_title_filler(w.data, w.len)) || digits))
				push_u64(&v, &n, &cap, hash_fnv1a(w.data, w.len));
			buf_reset(&w);
			digits = 0;
		}
		if (is_han(cp) && is_han(prev))
			push_u64(&v, &n, &cap, hash_fnv1a(prev_at, (size_t)(p - prev_at)));
		prev = cp;
		prev_at = at;
		if (!cp)
			break;
	}
	buf_release(&w);
	*out = v;
	return sort_unique(v, n);
}

json_t *story_title_anchors(const char *title)
{
	struct anchor_ctx c = { json_array(), { 0 }, { 0 } };

	buf_init(&c.num, 64);
	buf_init(&c.name, 256);
	line_anchors(&c, title, title + strlen(title));
	buf_release(&c.num);
	buf_release(&c.name);
	return c.set;
}

/* Sorted hashes of the anchors a title names. */
static size_t title_anchors(const char *s, uint64_t **out)
{
	json_t *set = story_title_anchors(s), *a;
	uint64_t *v = NULL;
	size_t n = 0, cap = 0, i;

	json_array_foreach(set, i, a)
		push_u64(&v, &n, &cap, hash_fnv1a(json_string_value(a), strlen(json_string_value(a))));
	json_decref(set);
	*out = v;
	return sort_unique(v, n);
}

static size_t common_u64(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
	size_t i = 0, j = 0, c = 0;

	while (i < na && j < nb) {
		if (a[i] == b[j])
			c++, i++, j++;
		else if (a[i] < b[j])
			i++;
		else
			j++;
	}
	return c;
}

static double jaccard_u64(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
	size_t c = common_u64(a, na, b, nb), u = na + nb - c;

	return u ? (double)c / (double)u : 0.0;
}

double story_title_similarity(const char *a, const char *b)
{
	uint64_t *ta, *tb;
	size_t na = title_tokens(a, 0, &ta), nb = title_tokens(b, 0, &tb);
	double sim = jaccard_u64(ta, na, tb, nb);

	free(ta);
	free(tb);
	return sim;
}

/*
 * A site is a host: its pages share a template, a footer and running
 * topics, whichever feeds link to them. Without a host (a file: URL), the
 * outlet is the site.
 */
static void site_of(const struct story_doc *d, char *out, size_t size)
{
	const char *h = d->url ? strstr(d->url, "://") : NULL;
	size_t n = 0;

	if (h) {
		h += 3;
		if (!strncasecmp(h, "www.", 4))
			h += 4;
		n = strcspn(h, "/:?#");
	}
	if (n)
		snprintf(out, size, "%.*s", (int)n, h);
	else
		snprintf(out, size, "source:%s", d->source ? d->source : "");
	for (char *p = out; *p; p++)
		*p = (char)tolower((unsigned char)*p);
}

static void prepare(const struct story_doc *d, struct prepared *p)
{
	size_t i;
	json_t *v;
	char *end;

	memset(p, 0, sizeof(*p));
	p->a = xcalloc(json_array_size(d->anchors) + 1, sizeof(*p->a));
	json_array_foreach(d->anchors, i, v)
	{
		const char *s = json_string_value(v);

		if (!s || !*s)
			continue;
		p->a[p->n].h = hash_fnv1a(s, strlen(s));
		p->a[p->n].kind = kind_of(s);
		p->comparable += p->a[p->n].kind != KIND_TERM;
		p->n++;
	}
	qsort(p->a, p->n, sizeof(*p->a), cmp_anchor);
	p->ntitle = title_tokens(d->title ? d->title : "", 0, &p->title);
	p->ntitle_content = title_tokens(d->title ? d->title : "", 1, &p->title_content);
	p->ntitle_anchors = title_anchors(d->title ? d->title : "", &p->title_anchors);
	if (d->simhash && strlen(d->simhash) == 16) {
		p->simhash = strtoull(d->simhash, &end, 16);
		p->has_simhash = !*end;
	}
	p->doubtful = d->confidence < STORY_MIN_CONFIDENCE;
	site_of(d, p->site, sizeof(p->site));
	p->lang = d->lang && *d->lang && strcmp(d->lang, "und") ? d->lang : NULL;
}

static void prepared_release(struct prepared *p)
{
	free(p->a);
	free(p->title);
	free(p->title_content);
	free(p->title_anchors);
}

struct shared {
	size_t n, names, numbers, strong; /* strong: figures that are neither small nor round */
	double figures; /* a common figure counts half */
};

static void count_shared(const struct prepared *a, const struct prepared *b, struct shared *s)
{
	size_t i = 0, j = 0;

	memset(s, 0, sizeof(*s));
	while (i < a->n && j < b->n) {
		if (a->a[i].h < b->a[j].h) {
			i++;
		} else if (a->a[i].h > b->a[j].h) {
			j++;
		} else {
			if (!a->a[i].boilerplate && !b->a[j].boilerplate) {
				s->n++;
				s->names += a->a[i].kind == KIND_NAME;
				s->numbers += a->a[i].kind == KIND_FIGURE || a->a[i].kind == KIND_COMMON;
				s->strong += a->a[i].kind == KIND_FIGURE;
				s->figures += a->a[i].kind == KIND_FIGURE ? 1.0 : a->a[i].kind == KIND_COMMON ? 0.5 : 0;
			}
			i++, j++;
		}
	}
}

/* Anchors of a that are evidence: not its site's boilerplate; only what survives translation. */
static size_t evidence(const struct prepared *a, int comparable_only)
{
	size_t n = 0;

	for (size_t i = 0; i < a->n; i++)
		n += !a->a[i].boilerplate && (!comparable_only || a->a[i].kind != KIND_TERM);
	return n;
}

/*
 * How strongly a and b are one story: 0 when they are not, else a score
 * that orders the merges: near-copies first, then anchors, then titles,
 * then translations.
 */
static double same_score(const struct prepared *a, const struct prepared *b)
{
	int same_site, same_lang, bits;
	struct shared s;
	size_t ea, eb, smaller;
	double weight;

	if (a->doubtful || b->doubtful)
		return 0;
	/* One site's two pages with one text under different titles are its template. */
	bits = a->has_simhash && b->has_simhash ? __builtin_popcountll(a->simhash ^ b->simhash) : 64;
	same_site = !strcmp(a->site, b->site);
	if (bits <= STORY_NEAR_COPY_BITS &&
		(!same_site || jaccard_u64(a->title, a->ntitle, b->title, b->ntitle) >= 0.5))
		return 3.0;
	/* Otherwise one site's articles share its template and running topics, not a story. */
	if (same_site)
		return 0;
	same_lang = !a->lang || !b->lang || !strcmp(a->lang, b->lang);
	/*
	 * Beyond exact copies, the titles must have a word of the story in common:
	 * two sites of one network share their menus, ads and widgets, not their
	 * headlines.
	 */
	if (!common_u64(a->title_content, a->ntitle_content, b->title_content, b->ntitle_content) &&
		!common_u64(a->title_anchors, a->ntitle_anchors, b->title_anchors, b->ntitle_anchors))
		return 0;
	/* A reprint with a changed line or a credit drifts a few more bits. */
	if (bits <= STORY_EDITED_COPY_BITS && same_lang)
		return 2.9;
	count_shared(a, b, &s);
	if (s.n < 2)
		return 0;
	ea = evidence(a, !same_lang);
	eb = evidence(b, !same_lang);
	smaller = ea < eb ? ea : eb;
	/* Figures tell stories apart; names and terms count half as much. */
	weight = s.figures + 0.5 * (double)(s.n - s.numbers);
	if (!same_lang) {
		/* Weakest of all: a story joins its translation only after each language is whole. */
		if (s.n >= 3 && s.names >= 1 && s.strong >= 1 && s.figures >= 1.5 && weight >= 2.5 &&
			2 * s.n >= smaller)
			return 0.5 + 0.5 * (double)s.n / (double)smaller;
		return 0;
	}
	if (s.n >= 3 && s.strong >= 1 && (s.figures >= 2 || weight >= 2.5) && 2 * s.n >= smaller)
		return 2.0 + (double)s.n / (double)smaller;
	/* Close titles that name the same thing, over texts that share a figure. */
	if (s.strong >= 1 &&
		common_u64(a->title_anchors, a->ntitle_anchors, b->title_anchors, b->ntitle_anchors)) {
		double sim = jaccard_u64(a->title, a->ntitle, b->title, b->ntitle);

		if (sim >= 0.5)
			return 1.0 + sim;
	}
	return 0;
}

int story_same(const struct story_doc *a, const struct story_doc *b)
{
	struct prepared pa, pb;
	int same;

	prepare(a, &pa);
	prepare(b, &pb);
	same = same_score(&pa, &pb) > 0;
	prepared_release(&pa);
	prepared_release(&pb);
	return same;
}

struct site_anchor {
	size_t site;
	uint64_t h;
};

static int by_site_anchor(const void *x, const void *y)
{
	const struct site_anchor *a = x, *b = y;

	if (a->site != b->site)
		return a->site < b->site ? -1 : 1;
	return cmp_u64(&a->h, &b->h);
}

static const struct prepared *sort_base;

static int by_site(const void *x, const void *y)
{
	return strcmp(sort_base[*(const size_t *)x].site, sort_base[*(const size_t *)y].site);
}

/*
 * Marks the anchors that most of one site's articles (three or more)
 * carry: its name, its menu, its footer. Each anchor is distinct within an
 * article, so a run of (site, anchor) pairs counts the articles with it.
 */
static void mark_boilerplate(struct prepared *p, size_t n)
{
	size_t *order = xcalloc(n + 1, sizeof(*order)), *site = xcalloc(n + 1, sizeof(*site));
	size_t *docs = xcalloc(n + 1, sizeof(*docs)), npairs = 0, nbad = 0;
	struct site_anchor *pairs, *bad;

	for (size_t i = 0; i < n; i++)
		order[i] = i, npairs += p[i].n;
	sort_base = p;
	qsort(order, n, sizeof(*order), by_site);
	for (size_t k = 0; k < n; k++) {
		site[order[k]] = k && !strcmp(p[order[k]].site, p[order[k - 1]].site) ? site[order[k - 1]] : k;
		docs[site[order[k]]]++;
	}
	pairs = xcalloc(npairs + 1, sizeof(*pairs));
	npairs = 0;
	for (size_t i = 0; i < n; i++)
		if (docs[site[i]] >= 3)
			for (size_t k = 0; k < p[i].n; k++)
				pairs[npairs++] = (struct site_anchor){ site[i], p[i].a[k].h };
	qsort(pairs, npairs, sizeof(*pairs), by_site_anchor);
	bad = pairs; /* the runs that qualify are written over the pairs already counted */
	for (size_t k = 0, run; k < npairs; k += run) {
		for (run = 1; k + run < npairs && !by_site_anchor(&pairs[k], &pairs[k + run]); run++)
			;
		if (run >= 3 && 2 * run > docs[pairs[k].site])
			bad[nbad++] = pairs[k];
	}
	for (size_t i = 0; i < n && nbad; i++)
		for (size_t k = 0; k < p[i].n; k++) {
			struct site_anchor key = { site[i], p[i].a[k].h };

			p[i].a[k].boilerplate = bsearch(&key, bad, nbad, sizeof(*bad), by_site_anchor) != NULL;
		}
	free(pairs);
	free(order);
	free(site);
	free(docs);
}

struct edge {
	size_t i, j;
	double score;
};

static int by_strength(const void *x, const void *y)
{
	const struct edge *a = x, *b = y;

	if (a->score != b->score)
		return a->score < b->score ? 1 : -1;
	if (a->i != b->i)
		return a->i < b->i ? -1 : 1;
	return a->j < b->j ? -1 : a->j > b->j;
}

size_t story_group(const struct story_doc *docs, size_t n, size_t *story_of)
{
	struct prepared *p = xcalloc(n ? n : 1, sizeof(*p));
	unsigned char *adj = xcalloc(n * n / 8 + 1, 1);
	size_t *next = xcalloc(n ? n : 1, sizeof(*next)), nedges = 0, cap = 0, stories = n;
	struct edge *edges = NULL;

	for (size_t i = 0; i < n; i++) {
		prepare(&docs[i], &p[i]);
		story_of[i] = i;
		next[i] = SIZE_MAX;
	}
	mark_boilerplate(p, n);
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++) {
			double s = same_score(&p[i], &p[j]);

			if (s <= 0)
				continue;
			adj[(i * n + j) / 8] |= (unsigned char)(1u << ((i * n + j) % 8));
			if (nedges == cap)
				edges = xrealloc(edges, (cap = cap ? 2 * cap : 64) * sizeof(*edges));
			edges[nedges++] = (struct edge){ i, j, s };
		}
	if (nedges)
		qsort(edges, nedges, sizeof(*edges), by_strength);
	/* Strongest pairs first; two stories join only when every pair across them is one story. */
	for (size_t e = 0; e < nedges; e++) {
		size_t a = story_of[edges[e].i], b = story_of[edges[e].j], last = a;
		int all = 1;

		if (a == b)
			continue;
		for (size_t x = a; x != SIZE_MAX && all; x = next[x])
			for (size_t y = b; y != SIZE_MAX && all; y = next[y]) {
				size_t lo = x < y ? x : y, hi = x < y ? y : x;

				all = (adj[(lo * n + hi) / 8] >> ((lo * n + hi) % 8)) & 1;
			}
		if (!all)
			continue;
		if (b < a) { /* the story is named by its first article */
			size_t t = a;

			a = b, b = t;
		}
		for (last = a; next[last] != SIZE_MAX; last = next[last])
			;
		next[last] = b;
		for (size_t y = b; y != SIZE_MAX; y = next[y])
			story_of[y] = a;
		stories--;
	}
	for (size_t i = 0; i < n; i++)
		prepared_release(&p[i]);
	free(p);
	free(adj);
	free(next);
	free(edges);
	return stories;
}

double story_anchor_overlap(const json_t *a, const json_t *b, size_t *shared)
{
	struct story_doc da = { .anchors = a, .confidence = 1 }, db = { .anchors = b, .confidence = 1 };
	struct prepared pa, pb;
	struct shared s;
	size_t smaller;

	prepare(&da, &pa);
	prepare(&db, &pb);
	count_shared(&pa, &pb, &s);
	smaller = pa.n < pb.n ? pa.n : pb.n;
	prepared_release(&pa);
	prepared_release(&pb);
	if (shared)
		*shared = s.n;
	return smaller ? (double)s.n / (double)smaller : 0.0;
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
