#include "anchor.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "text.h"
#include "common.h"

/* Lines with fewer words are menus, headings and captions: no anchors from them. */
#define PROSE_MIN_WORDS 8
/* Longer runs of capitalised words are menus or title-cased headings, not names. */
#define NAME_MAX_WORDS 5
/* The most digits a figure has (num holds 64, room for a scale of 10^12); see take_figure(). */
#define FIGURE_DIGITS_MAX 24

static void add_anchor(json_t *set, const char *s, size_t n)
{
	size_t i;
	json_t *v;

	if (!n || json_array_size(set) >= ANCHOR_MAX)
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
		"what", "why", "how", "ceo", "cto", "cfo", "gmt", "utc", "am", "pm", "print",
		"email", "share", "comments", "photo", "video", "image", "copyright", "updated",
		"posted", "published", "read", "more" };

	return text_word_in(w, n, common, ARRAY_SIZE(common)) || text_word_in(w, n, months, ARRAY_SIZE(months));
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
	if (e > w && isupper((unsigned char)*w) && text_word_in(w, (size_t)(e - w), months, ARRAY_SIZE(months)))
		return 1;
	w = after;
	while (w < end && *w == ' ')
		w++;
	for (e = w; e < end && isalpha((unsigned char)*e); e++)
		;
	return e > w && isupper((unsigned char)*w) && text_word_in(w, (size_t)(e - w), months, ARRAY_SIZE(months));
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
	/*
	 * No story states an amount in more digits than this; a longer run is
	 * a serial number or a hash, and num's cap would cut it (two different
	 * ones would then match), or, scaled, make scale_number() loop forever.
	 */
	if (num->len > FIGURE_DIGITS_MAX) {
		buf_reset(num);
		return;
	}
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

	while (p < end && json_array_size(c->set) < ANCHOR_MAX) {
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
		else if (text_is_han(cp))
			sentence_start = 0;
	}
}

json_t *anchor_text(const char *text)
{
	struct anchor_ctx c = { json_array(), { 0 }, { 0 } };
	const char *p = text, *end = text + strlen(text);

	buf_init(&c.num, 64);
	buf_init(&c.name, 256);
	while (p < end && json_array_size(c.set) < ANCHOR_MAX) {
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

json_t *anchor_title(const char *title)
{
	struct anchor_ctx c = { json_array(), { 0 }, { 0 } };

	buf_init(&c.num, 64);
	buf_init(&c.name, 256);
	line_anchors(&c, title, title + strlen(title));
	buf_release(&c.num);
	buf_release(&c.name);
	return c.set;
}

/*
 * "12", "20", "100", "1000", "5%": a small or round figure is common to many
 * stories ("12 years", "100 people"); "1,100", "3.1" and "$200 million" are not.
 */
enum anchor_kind anchor_kind(const char *s)
{
	size_t n = strcspn(s, "%"), sig = n;

	if (!isdigit((unsigned char)*s)) {
		for (const char *p = s; *p; p++)
			if ((unsigned char)*p >= 0x80)
				return ANCHOR_TERM;
		return ANCHOR_NAME;
	}
	if (memchr(s, '.', n))
		return ANCHOR_FIGURE;
	if (n <= 2)
		return ANCHOR_COMMON;
	while (sig > 1 && s[sig - 1] == '0')
		sig--;
	return sig == 1 && (n < 4 || (n == 4 && *s == '1')) ? ANCHOR_COMMON : ANCHOR_FIGURE;
}
