#include "points.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "text.h"
#include "common.h"

/* Words a key point needs to say something (a Han character is half a word). */
#define POINT_MIN_WORDS 5
/* More words in one sentence are menus, lists and headlines run together. */
#define POINT_MAX_WORDS 60
/* As many capitalised words in a row are a menu ("Sport Football Cricket Rugby Golf ..."). */
#define POINT_MAX_CAPITALS 7
/* Longest aside worth cutting, in bytes: a longer one is part of the story. */
#define ASIDE_MAX 120

static int is_separator(uint32_t cp)
{
	return cp == '|' || cp == 0x2022 || cp == 0xbb || cp == 0xb7 || cp == 0x25b8 ||
	       cp == 0x203a; /* | • » · ▸ › */
}

static double words_of(const char *s, size_t len)
{
	size_t cjk, words;

	text_count_len(s, len, &cjk, &words);
	return (double)words + (double)cjk / 2;
}

/* "guardianbookshop.com", "example.org/page": a web address without its scheme. */
static int has_domain(const char *s)
{
	for (const char *p = strchr(s, '.'); p; p = strchr(p + 1, '.')) {
		const char *l = p, *r = p + 1;

		while (l > s && (islower((unsigned char)l[-1]) || isdigit((unsigned char)l[-1]) ||
				       l[-1] == '-'))
			l--;
		while (islower((unsigned char)*r))
			r++;
		if (p - l >= 2 && r - p - 1 >= 2 && r - p - 1 <= 6 && !isalnum((unsigned char)*r))
			return 1;
	}
	return strstr(s, "://") || strstr(s, "www.") != NULL;
}

/* "Photo: Jane Doe/Agency." "Source: company filings." A label and its value, not a sentence. */
static int is_label_line(const char *s, double words)
{
	const char *colon = strchr(s, ':');
	size_t label_words = 0;

	if (!colon || words >= 15 || !isupper((unsigned char)*s))
		return 0;
	for (const char *p = s; p < colon; p++) {
		if (!isalpha((unsigned char)*p) && *p != ' ' && *p != '-')
			return 0;
		label_words += *p == ' ';
	}
	return label_words < 2;
}

/* The next word of s from p on: its start and length (0 at the end); letters and apostrophes. */
static const char *next_word(const char *p, size_t *len)
{
	while (*p && !isalpha((unsigned char)*p))
		p++;
	*len = 0;
	while (isalpha((unsigned char)p[*len]) || p[*len] == '\'')
		(*len)++;
	return p;
}

/*
 * 1 when s opens with an action a page asks of its reader: one that only a
 * page asks ("Click", "Subscribe", "Share") before a word that addresses
 * the reader or points somewhere ("here", "up", "the", "your"), or one that
 * advice asks too ("Keep", "Read", "Contact") before a word that points at
 * the page or its people ("Read more", "Contact us", "Stay tuned"). With
 * addresses set (the sentence says "you", "us" or "our"), any word will do
 * after a page's action; with site set (it says "us" or "our"), after any;
 * after a label ("News Your Way: Get ..."), addressing the reader is enough.
 */
static int opens_with_action(const char *s, int addresses, int site, int labelled, int inside)
{
	static const char *const page[] = { "click", "tap", "subscribe", "sign", "log",
		"register", "follow", "share", "join", "download", "upload", "submit", "visit",
		"comment", "bookmark", "print", "email", "view", "browse", "scroll", "swipe",
		"donate", "listen", "watch" };
	static const char *const advice[] = { "keep", "stay", "get", "see", "check", "read",
		"find", "learn", "tell", "try", "ask", "discover", "explore", "send",
		"enter", "save", "shop", "buy", "order", "discuss", "talk", "search", "win",
		"enjoy", "leave", "post", "contact", "please" };
	static const char *const reader[] = { "you", "your", "us", "our", "here", "this",
		"now", "today", "up", "in", "out", "more", "the", "a", "an", "on", "to", "for",
		"all", "it", "them", "me", "back", "below", "above" };
	static const char *const pointer[] = { "us", "our", "here", "more", "below", "above",
		"tuned", "informed", "connected", "updated" };
	const char *w, *p;
	size_t n, len;

	while (*s == ' ')
		s++;
	if (!inside && !isupper((unsigned char)*s))
		return 0;
	w = next_word(s, &n);
	if (w != s)
		return 0;
	p = next_word(w + n, &len);
	if (text_word_in(w, n, page, ARRAY_SIZE(page)))
		return addresses || text_word_in(p, len, reader, ARRAY_SIZE(reader));
	return !inside && text_word_in(w, n, advice, ARRAY_SIZE(advice)) &&
	       (site || text_word_in(p, len, pointer, ARRAY_SIZE(pointer)) ||
		       !strncmp(p, "up to date", 10) || (labelled && addresses));
}

/*
 * A call to the reader, not a sentence of the story: "Click here to
 * enlarge.", "Keep up to date with the news.", "Submit your video: upload
 * ...", "Get our headlines delivered to your reader.", "If you see an error,
 * please let us know.". It opens (maybe after a "Label:" of a few words)
 * with an action a page asks of its reader, followed by a word that
 * addresses the reader or points at the page, or it says "please" to the
 * reader. Prose opens with its subject, not with an imperative.
 */
static int calls_to_reader(const char *s)
{
	static const char *const you[] = { "you", "your", "yours", "us", "our" };
	static const char *const we[] = { "us", "our" };
	const char *colon = strchr(s, ':'), *w, *p;
	size_t len, n, words = 0;
	int addresses = 0, site = 0, please = 0;

	/* "(AP Photo/Jane Doe) Click here to enlarge.": past a credit in brackets */
	if (*s == '(' && strchr(s, ')'))
		s = strchr(s, ')') + 1;
	for (p = s; *(w = next_word(p, &n)); p = w + n) {
		addresses |= text_word_in(w, n, you, ARRAY_SIZE(you));
		site |= text_word_in(w, n, we, ARRAY_SIZE(we));
		please |= n == 6 && !strncasecmp(w, "please", 6);
	}
	/* Quotations ask things of their listeners; the page asks its reader outside them. */
	if (strchr(s, '"') || strstr(s, "\xe2\x80\x9c"))
		return 0;
	/* "..., please let us know.", "Please contact us." */
	if (please && site)
		return 1;
	if (opens_with_action(s, addresses, site, 0, 0))
		return 1;
	/* "For your options click the button below.", "To see more, tap your screen.": after a purpose */
	if (addresses && (!strncmp(s, "For ", 4) || !strncmp(s, "To ", 3)))
		for (p = s; *(w = next_word(p, &n)) && words < 8; p = w + n, words++)
			if (words && opens_with_action(w, addresses, site, 0, 1))
				return 1;
	words = 0;
	/* "News Your Way: Get ...", "Submit Your Video: Upload ...": past a short label */
	if (colon) {
		for (p = s; p < colon && words <= 4; p += len)
			p = next_word(p, &len), words += len > 0 && p < colon;
		if (words <= 4 && opens_with_action(colon + 1, addresses, site, 1, 0))
			return 1;
	}
	return 0;
}

/* s past a list's marker: "- ", "* ", "• ". */
static const char *opening(const char *s)
{
	if ((*s == '-' || *s == '*') && s[1] == ' ')
		s += 2;
	else if (!strncmp(s, "\xe2\x80\xa2 ", 4)) /* • */
		s += 4;
	while (*s == ' ')
		s++;
	return s;
}

/* A writer's trade or a medium: "columnist", "copywriter", "weblog", "newsletter". */
static int is_trade(const char *w, size_t n)
{
	static const char *const trade[] = { "columnist", "writer", "reporter", "correspondent",
		"editor", "contributor", "blogger", "journalist", "freelancer", "author" };
	static const char *const medium[] = { "blog", "weblog", "newsletter", "publication",
		"website", "podcast" };

	/* "copywriter", "songwriter": a trade with a word before it */
	return text_word_in(w, n, trade, ARRAY_SIZE(trade)) ||
	       text_word_in(w, n, medium, ARRAY_SIZE(medium)) ||
	       (n > 6 && !strncasecmp(w + n - 6, "writer", 6));
}

/* A trade within six words from p on. */
static int trade_follows(const char *p)
{
	size_t n, words = 0;

	for (p = next_word(p, &n); n && words < 6; p = next_word(p + n, &n), words++)
		if (is_trade(p, n))
			return 1;
	return 0;
}

/*
 * The line about the writer or the site, under a story or in a box beside
 * it: "Jane Doe is a sports columnist for the Harbor Daily.", "John Roe
 * was the paper's editor ...", "Harbor Notes is a weblog devoted to ...":
 * a name of one to three capitalised words, "is" or "was", an article,
 * and a writer's trade or a medium within a few words; the same in the
 * first person ("I am a ...", "I have been a ... copywriter for 19
 * years.", "My name is ..."); and after an opening clause ("Launched in
 * 2007, Harbor Notes is a weblog ...").
 */
static int is_writers_line(const char *s)
{
	static const char *const pronoun[] = { "he", "she", "it", "they", "this", "that", "there" };
	static const char *const is[] = { "is", "was" };
	static const char *const article[] = { "a", "an", "the" };
	static const char *const first_person[] = { "I am", "I'm", "I\xe2\x80\x99m",
		"I have been", "I've been", "I was", "I\xe2\x80\x99ve been" };
	const char *w, *p, *comma = strchr(s, ',');
	size_t n, names = 0;

	if (!strncmp(s, "My name is ", 11))
		return 1;
	for (size_t i = 0; i < ARRAY_SIZE(first_person); i++) {
		size_t k = strlen(first_person[i]);

		if (!strncmp(s, first_person[i], k) && s[k] == ' ') {
			p = next_word(s + k, &n);
			return text_word_in(p, n, article, ARRAY_SIZE(article)) && trade_follows(p + n);
		}
	}
	/* "Launched in 2007, Harbor Notes is ...": once, past a short opening clause */
	if (comma && comma[1] == ' ' && isupper((unsigned char)comma[2]) &&
		words_of(s, (size_t)(comma - s)) <= 6 && !strchr(comma + 1, ',') &&
		is_writers_line(comma + 2))
		return 1;
	w = next_word(s, &n);
	if (w != s || text_word_in(w, n, pronoun, ARRAY_SIZE(pronoun)))
		return 0;
	for (; n && isupper((unsigned char)*w) && names < 4; w = next_word(w + n, &n))
		names++;
	if (!names || names > 3 || !text_word_in(w, n, is, ARRAY_SIZE(is)))
		return 0;
	p = next_word(w + n, &n);
	return text_word_in(p, n, article, ARRAY_SIZE(article)) && trade_follows(p + n);
}

/*
 * A line about the page itself, not the story: it names "this" or "our"
 * web site, blog, page, article or publication ("To read this article in
 * full you must register.", "The primary focus of this design
 * publication is ...", "you are responsible for comments posted on this
 * Web site", "For more check our about page."), or it opens as a
 * publisher's credit does ("A publication of the Harbor Media Group.").
 */
static int about_the_page(const char *s)
{
	static const char *const deixis[] = { "this", "our" };
	static const char *const page[] = { "blog", "weblog", "website", "site", "page",
		"publication", "newsletter", "podcast", "article" };
	static const char *const credit[] = { "by", "of", "from" };
	static const char *const article[] = { "a", "an" };
	const char *w, *p;
	size_t n, k;

	w = next_word(s, &n);
	if (w == s && text_word_in(w, n, article, ARRAY_SIZE(article))) {
		p = next_word(w + n, &k);
		if (text_word_in(p, k, page, ARRAY_SIZE(page))) {
			p = next_word(p + k, &k);
			if (text_word_in(p, k, credit, ARRAY_SIZE(credit)))
				return 1;
		}
	}
	for (; n; w = next_word(w + n, &n)) {
		if (!text_word_in(w, n, deixis, ARRAY_SIZE(deixis)))
			continue;
		/* "this blog", "this design publication", "our about page": one word may come between */
		p = next_word(w + n, &k);
		if (text_word_in(p, k, page, ARRAY_SIZE(page)))
			return 1;
		p = next_word(p + k, &k);
		if (text_word_in(p, k, page, ARRAY_SIZE(page)))
			return 1;
	}
	return 0;
}

/*
 * A telephone number, as listings and notices give one: "687-4525",
 * "(555) 687-4525", three digits, a hyphen and four, the first digit after
 * no other (a score, "5-0", or years, "2007-2008", are not).
 */
static int has_phone(const char *s)
{
	for (const char *p = s; (p = strchr(p, '-')); p++) {
		if (p - s < 3 || !isdigit((unsigned char)p[-1]) || !isdigit((unsigned char)p[-2]) ||
			!isdigit((unsigned char)p[-3]) || (p - s > 3 && isalnum((unsigned char)p[-4])))
			continue;
		if (isdigit((unsigned char)p[1]) && isdigit((unsigned char)p[2]) &&
			isdigit((unsigned char)p[3]) && isdigit((unsigned char)p[4]) &&
			!isalnum((unsigned char)p[5]))
			return 1;
	}
	return 0;
}

/* 1 if the n bytes at w are a weekday's or a month's name (or its short form). */
static int is_calendar_word(const char *w, size_t n, int month)
{
	static const char *const days[] = { "monday", "tuesday", "wednesday", "thursday",
		"friday", "saturday", "sunday" };
	static const char *const months[] = { "jan", "feb", "mar", "apr", "may", "jun", "jul",
		"aug", "sep", "sept", "oct", "nov", "dec", "january", "february", "march", "april",
		"june", "july", "august", "september", "october", "november", "december" };

	return month ? text_word_in(w, n, months, ARRAY_SIZE(months))
		     : text_word_in(w, n, days, ARRAY_SIZE(days));
}

/*
 * A photo's caption, in the two forms a caption has and prose does not:
 * a credit in brackets after the last full stop ("... react at a hospital
 * Thursday.(Reuters)", "... on Monday. (AP Photo/Jane Doe)"), where a
 * story puts its agency before the text; or the picture's full date
 * closing the sentence, weekday, month, day and year ("An air boat
 * searches the lake, Monday Jan. 7, 2008."), where a story says "on
 * Monday".
 */
static int is_caption(const char *s)
{
	size_t len = strlen(s), n;
	const char *end = s + len, *open, *w;
	int weekday = 0, month = 0;

	while (end > s && end[-1] == ' ')
		end--;
	for (open = end; open > s && open[-1] != '(';)
		open--;
	/* open is past the last "(", or s when there is none */
	if (end > s && end[-1] == ')' && open > s && end - open <= 48 &&
		isupper((unsigned char)*open)) {
		const char *stop = open - 1;

		while (stop > s && stop[-1] == ' ')
			stop--;
		/* "(AP Photo/Jane Doe)" alone, split from its caption, is the credit too */
		if (stop == s || text_is_sentence_end((unsigned char)stop[-1]))
			return 1;
	}
	/* ", Monday Jan. 7, 2008." */
	if (end - s < 24 || end[-1] != '.' || !isdigit((unsigned char)end[-2]) ||
		!isdigit((unsigned char)end[-5]) || isdigit((unsigned char)end[-6]) ||
		(end[-5] != '1' && end[-5] != '2'))
		return 0;
	for (w = end - 5; w > s && !weekday;) {
		const char *back = w;

		while (back > s && !isalpha((unsigned char)back[-1]))
			back--;
		w = back;
		while (w > s && isalpha((unsigned char)w[-1]))
			w--;
		n = (size_t)(back - w);
		/* only the date's own words: "Monday Jan. 7", "Wednesday, Jan. 9" */
		if (!month && is_calendar_word(w, n, 1))
			month = 1;
		else if (month && is_calendar_word(w, n, 0))
			weekday = 1;
		else
			break;
	}
	return weekday && month;
}

/* A question asks; a key point tells. The mark may sit inside closing quotes. */
static int is_question(uint32_t last)
{
	return last == '?' || last == 0xff1f; /* ？ */
}

int points_says_something(const char *sentence)
{
	const char *p = sentence, *end = sentence + strlen(sentence);
	size_t seps = 0, digits = 0, visible = 0, latin = 0, caps = 0, wl = 0, run = 0, longest = 0;
	uint32_t last = 0, prev = 0;
	double words = words_of(sentence, (size_t)(end - sentence));
	int upper_word = 0;

	/* Fewer words say nothing; far more are menus and lists run together. */
	if (words < POINT_MIN_WORDS || words > POINT_MAX_WORDS)
		return 0;
	while (p <= end) {
		uint32_t cp = p < end ? text_utf8_next(&p, end) : 0;

		if (cp < 0x80 && isalpha((int)cp)) {
			if (!wl++)
				upper_word = isupper((int)cp) != 0;
		} else if (wl) {
			if (wl >= 2) /* words of two letters and more: "a" and "I" say little */
				latin++, caps += upper_word;
			run = upper_word ? run + 1 : 0;
			if (run > longest)
				longest = run;
			wl = 0;
		}
		if (!cp)
			break;
		seps += is_separator(cp);
		digits += cp < 0x80 && isdigit((int)cp);
		visible += cp != ' ';
		if (cp != ' ' && !text_is_closing(cp))
			prev = last, last = cp;
	}
	/* A sentence ends as sentences do; a teaser cut with "..." or "…" does not. */
	if (!text_is_sentence_end(last) || (last == '.' && prev == '.') || is_question(last))
		return 0;
	if (seps >= 2 || digits * 10 > visible * 4)
		return 0;
	/* Headings, menus and credits capitalise most words, or long runs of them; prose does not. */
	if ((latin >= 4 && caps * 10 > latin * 7) || longest >= POINT_MAX_CAPITALS)
		return 0;
	/*
	 * A sentence split in two: its second half opens in lowercase ("that
	 * there was ..."), and so does a list's fragment ("- a reader who ...").
	 */
	if (islower((unsigned char)*opening(sentence)))
		return 0;
	if (is_writers_line(sentence) || about_the_page(sentence) || is_caption(sentence))
		return 0;
	if (!strncmp(sentence, "By ", 3) && isupper((unsigned char)sentence[3]) && words < 15)
		return 0;
	if (is_label_line(sentence, words) || calls_to_reader(sentence))
		return 0;
	/* Contact and share lines, and the copyright line under the article. */
	if (strchr(sentence, '@') || has_domain(sentence) || has_phone(sentence) ||
		strstr(sentence, "\xc2\xa9")) /* © */
		return 0;
	return 1;
}

/* Removes b->data[from, to) */
static void cut(struct buf *b, size_t from, size_t to)
{
	memmove(b->data + from, b->data + to, b->len - to + 1);
	b->len -= to - from;
}

/*
 * The bracket that closes the one at open, nested ones counted, so that
 * "(built on Qt (version 6))" goes whole; NULL when it is not closed
 * within ASIDE_MAX bytes.
 */
static const char *closing(const char *open, const char *o, const char *c)
{
	size_t no = strlen(o), nc = strlen(c);
	int depth = 1;

	for (const char *p = open + no; *p && p - open <= ASIDE_MAX; p++) {
		if (!strncmp(p, o, no)) {
			depth++;
		} else if (!strncmp(p, c, nc) && !--depth) {
			return p;
		}
	}
	return NULL;
}

/* Asides in brackets: "(NASDAQ: LOGI)", "（记者 张三）", "[sic]". */
static void drop_asides(struct buf *b)
{
	static const char *const pairs[][2] = { { "(", ")" }, { "[", "]" },
		{ "\xef\xbc\x88", "\xef\xbc\x89" } }; /* （ ） */

	for (size_t k = 0; k < ARRAY_SIZE(pairs); k++) {
		char *open;
		size_t from = 0;

		while ((open = strstr(b->data + from, pairs[k][0]))) {
			const char *close = closing(open, pairs[k][0], pairs[k][1]);
			size_t start = (size_t)(open - b->data), stop;

			if (!close || close - open > ASIDE_MAX || start == 0) {
				from = start + strlen(pairs[k][0]);
				continue;
			}
			stop = (size_t)(close - b->data) + strlen(pairs[k][1]);
			if (start > 0 && b->data[start - 1] == ' ')
				start--;
			cut(b, start, stop);
			from = start;
		}
	}
}

static int word_at(const char *p, const char *word)
{
	size_t n = strlen(word);

	return !strncmp(p, word, n) && !isalnum((unsigned char)p[n]);
}

/* Speech and sourcing verbs that make a clause an attribution. */
static int attributes(const char *s, size_t len)
{
	static const char *const verbs[] = { " said", " says", " told", " added", " reported",
		" announced", " according to", " wrote", " stated", " confirmed" };
	char *clause = xstrndup(s, len);
	int found = 0;

	for (size_t i = 0; i < ARRAY_SIZE(verbs) && !found; i++) {
		const char *at = strstr(clause, verbs[i]);

		found = at && !isalpha((unsigned char)at[strlen(verbs[i])]);
	}
	free(clause);
	return found;
}

/*
 * ", the company said on Monday." and ", according to a filing." at the
 * end; after a quotation, '"We fell short," said Anil Mehra.' keeps the
 * quotation with its full stop.
 */
static void drop_closing_attribution(struct buf *b)
{
	size_t end = b->len, comma;
	char stop = '.';

	while (end && (b->data[end - 1] == ' '))
		end--;
	if (!end || b->data[end - 1] != '.')
		return; /* a question or an exclamation keeps its voice */
	end--;
	for (comma = end; comma > 0 && b->data[comma] != ','; comma--)
		;
	if (!comma || words_of(b->data + comma, end - comma) > 10 ||
		!attributes(b->data + comma, end - comma) || words_of(b->data, comma) < 5)
		return;
	/* '..., quote," said X.': the quotation keeps its mark after the stop */
	if (comma + 1 < b->len && (b->data[comma + 1] == '"')) {
		b->data[comma] = stop;
		cut(b, comma + 2, b->len);
		return;
	}
	if (comma + 3 < b->len && !memcmp(b->data + comma + 1, "\xe2\x80\x9d", 3)) { /* ” */
		b->data[comma] = stop;
		cut(b, comma + 4, b->len);
		return;
	}
	b->data[comma] = stop;
	cut(b, comma + 1, b->len);
}

/* "According to the filing, ..." and "公司表示，" "据悉，" before what was said. */
static void drop_opening_attribution(struct buf *b)
{
	static const char *const zh[] = { "\xe8\xa1\xa8\xe7\xa4\xba", "\xe7\xa7\xb0", /* 表示 称 */
		"\xe8\xaf\xb4", "\xe4\xbb\x8b\xe7\xbb\x8d", "\xe9\x80\x8f\xe9\x9c\xb2", /* 说 介绍 透露 */
		"\xe6\x8c\x87\xe5\x87\xba", "\xe6\x82\x89", /* 指出 悉 (据悉, 获悉) */
		"\xe4\xba\x86\xe8\xa7\xa3", "\xe6\x8a\xa5\xe9\x81\x93", "\xe6\x98\xbe\xe7\xa4\xba" };
		/* 了解 报道 显示 */
	const char *comma = strstr(b->data, "\xef\xbc\x8c"); /* ， */

	if (!strncmp(b->data, "According to ", 13)) {
		const char *c = strchr(b->data, ',');

		if (c && words_of(b->data, (size_t)(c - b->data)) <= 12) {
			cut(b, 0, (size_t)(c + 1 - b->data));
			while (b->len && b->data[0] == ' ')
				cut(b, 0, 1);
		}
		return;
	}
	if (!comma)
		return;
	{
		size_t head = (size_t)(comma - b->data);
		char *clause = xstrndup(b->data, head);
		int attribution = text_chars(clause) <= 12 && !strpbrk(clause, "0123456789");

		if (attribution) {
			attribution = 0;
			for (size_t i = 0; i < ARRAY_SIZE(zh) && !attribution; i++) {
				size_t n = strlen(zh[i]);

				attribution = head >= n && !memcmp(clause + head - n, zh[i], n);
			}
		}
		free(clause);
		if (attribution)
			cut(b, 0, head + 3);
	}
}

/* "Lumen Dynamics, a Shenzhen start-up that makes robots, said ...": the name says enough. */
static void drop_appositive(struct buf *b)
{
	static const char *const starts[] = { "a ", "an ", "the ", "which ", "who " };

	for (char *c = strchr(b->data, ','); c; c = strchr(c + 1, ',')) {
		char *word = c, *next;
		size_t i;

		while (word > b->data && isalpha((unsigned char)word[-1]))
			word--;
		if (word == c || !isupper((unsigned char)*word) || c[1] != ' ')
			continue;
		for (i = 0; i < ARRAY_SIZE(starts); i++)
			if (!strncmp(c + 2, starts[i], strlen(starts[i])))
				break;
		if (i == ARRAY_SIZE(starts))
			continue;
		next = strchr(c + 2, ',');
		/* the sentence goes on with a verb after the aside: "..., said" */
		if (!next || next - c > ASIDE_MAX || next[1] != ' ' || !islower((unsigned char)next[2]) ||
			words_of(c, (size_t)(next - c)) > 15)
			continue;
		cut(b, (size_t)(c - b->data), (size_t)(next + 1 - b->data));
		return;
	}
}

/* The length of the first of words at p, whole, or 0. */
static size_t word_of(const char *p, const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (word_at(p, words[i]))
			return strlen(words[i]);
	return 0;
}

/*
 * "said on Tuesday that", "周三发布": the digest is of one day; its weekday
 * is noise. The whole of the time goes, or a word of it is left hanging
 * ("voted on Monday night to build": "voted night to build"): the part of
 * the day after it, another day joined to it, "early" or "late" before it.
 * A weekday that names a thing ("on Monday's vote") stays.
 */
static void drop_weekdays(struct buf *b)
{
	static const char *const days[] = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
		"Saturday", "Sunday" };
	static const char *const parts[] = { " morning", " afternoon", " evening", " night" };
	static const char *const joins[] = { " and ", " or " };
	static const char *const before[] = { " early", " late" };
	static const char *const zh[] = { "\xe4\xb8\x80", "\xe4\xba\x8c", "\xe4\xb8\x89",
		"\xe5\x9b\x9b", "\xe4\xba\x94", "\xe5\x85\xad", "\xe6\x97\xa5" }; /* 一二三四五六日 */
	char *at;

	for (size_t from = 0; (at = strstr(b->data + from, " on "));) {
		size_t start = (size_t)(at - b->data), end = start + 4, n;

		from = end;
		if (!(n = word_of(b->data + end, days, ARRAY_SIZE(days))))
			continue;
		end += n;
		if (b->data[end] == '\'' || !strncmp(b->data + end, "\xe2\x80\x99", 3)) /* ’ */
			continue;
		for (;;) {
			size_t j = 0;

			if ((n = word_of(b->data + end, parts, ARRAY_SIZE(parts)))) {
				end += n;
				continue;
			}
			for (size_t i = 0; i < ARRAY_SIZE(joins) && !j; i++)
				if (!strncmp(b->data + end, joins[i], strlen(joins[i])))
					j = strlen(joins[i]);
			if (!j || !(n = word_of(b->data + end + j, days, ARRAY_SIZE(days))))
				break;
			end += j + n;
		}
		for (size_t i = 0; i < ARRAY_SIZE(before); i++) {
			size_t len = strlen(before[i]);

			if (start >= len && !strncmp(b->data + start - len, before[i], len)) {
				start -= len;
				break;
			}
		}
		cut(b, start, end);
		from = start;
	}
	for (size_t i = 0; i < ARRAY_SIZE(zh); i++) {
		char day[8];

		snprintf(day, sizeof(day), "\xe5\x91\xa8%s", zh[i]); /* 周一 */
		while ((at = strstr(b->data, day)))
			cut(b, (size_t)(at - b->data), (size_t)(at - b->data) + strlen(day));
	}
}

/* Spaces before punctuation and doubled spaces the cuts left; a capital to open. */
static void tidy(struct buf *b)
{
	size_t j = 0;

	for (size_t i = 0; i < b->len; i++) {
		if (b->data[i] == ' ' && (j == 0 || b->data[j - 1] == ' ' ||
						 (i + 1 < b->len && strchr(",.;:!?", b->data[i + 1]))))
			continue;
		b->data[j++] = b->data[i];
	}
	b->len = j;
	b->data[j] = '\0';
	buf_rtrim(b);
	if (b->len && islower((unsigned char)b->data[0]))
		b->data[0] = (char)toupper((unsigned char)b->data[0]);
}

char *points_condense(const char *sentence)
{
	struct buf b;
	double before;

	/* a list item's marker: the digest sets each point as an item itself ("- - ...") */
	sentence = opening(sentence);
	before = words_of(sentence, strlen(sentence));

	buf_init(&b, strlen(sentence) + 16);
	buf_addstr(&b, sentence);
	drop_asides(&b);
	drop_opening_attribution(&b);
	drop_appositive(&b);
	drop_closing_attribution(&b);
	drop_weekdays(&b);
	tidy(&b);
	/* What is left must still say something, and most of what was said. */
	if (words_of(b.data, b.len) < POINT_MIN_WORDS / 2 || words_of(b.data, b.len) < before / 3) {
		buf_release(&b);
		return xstrdup(sentence);
	}
	return buf_detach(&b, NULL);
}

int points_marks_box(const char *sentence)
{
	const char *s = opening(sentence);

	return is_caption(s) || is_writers_line(s) || about_the_page(s) || calls_to_reader(s) ||
	       has_phone(s);
}
