#include "title.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "sitename.h"
#include "text.h"
#include "common.h"

#define TITLE_MAX 4096
#define MAX_PARTS 16

struct part {
	const char *s;
	size_t len;
	int spaced; /* the separator before it had spaces around it */
	int colon; /* the separator before it is ": ", as in "Review: ..." */
	int joins; /* it is " / ", which joins a headline's own parts ("Film / TV") */
};

/*
 * Splits s at the separators sites put between a headline and their name;
 * wide, also at " : ", ": " and " / ", which headlines use themselves too
 * ("Review: ...", "Film/TV ..."), so a part they make goes only on the
 * evidence of other headlines (title_strip_learned()).
 */
static int split(const char *s, struct part *parts, int wide)
{
	static const char *const spaced[] = { " - ", " | ", " \xe2\x80\x93 ", " \xe2\x80\x94 ",
		" \xc2\xb7 ", " :: ", " \xc2\xbb ", " // ", " _ " };
	static const char *const spaced_wide[] = { " : ", ": ", " / " };
	static const char *const tight[] = { "_", "\xef\xbd\x9c", "|", "\xe4\xb8\xa8", "--" };
	int n = 0;
	const char *start = s, *p = s;

	while (*p && n < MAX_PARTS - 1) {
		size_t sep = 0;
		int is_spaced = 0, colon = 0, joins = 0;

		for (size_t i = 0; i < ARRAY_SIZE(spaced) && !sep; i++)
			if (!strncmp(p, spaced[i], strlen(spaced[i])))
				sep = strlen(spaced[i]), is_spaced = 1;
		for (size_t i = 0; wide && i < ARRAY_SIZE(spaced_wide) && !sep; i++)
			if (!strncmp(p, spaced_wide[i], strlen(spaced_wide[i])))
				sep = strlen(spaced_wide[i]), is_spaced = 1, colon = p[0] == ':',
				joins = p[1] == '/';
		for (size_t i = 0; i < ARRAY_SIZE(tight) && !sep; i++)
			if (!strncmp(p, tight[i], strlen(tight[i])))
				sep = strlen(tight[i]);
		if (!sep) {
			p++;
			continue;
		}
		parts[n].s = start;
		parts[n].len = (size_t)(p - start);
		parts[n + 1].spaced = is_spaced;
		parts[n + 1].colon = colon;
		parts[n + 1].joins = joins;
		n++;
		p += sep;
		start = p;
	}
	parts[0].spaced = 0;
	parts[0].colon = 0;
	parts[0].joins = 0;
	parts[n].s = start;
	parts[n].len = strlen(start);
	return n + 1;
}

static size_t chars_of(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xc0) != 0x80;
	return n;
}

/* Whether a part (len bytes at s) goes, on what ctx holds. */
typedef int part_goes(const void *ctx, const char *s, size_t len);

/* Words of parts[first..last]: a Han character counts half. */
static double words_in(const struct part *parts, int first, int last)
{
	size_t cjk, words;

	text_count_len(parts[first].s, (size_t)(parts[last].s + parts[last].len - parts[first].s),
		&cjk, &words);
	return (double)words + (double)cjk / 2;
}

/* 1 if parts[first..last] hold a letter, a digit or a Han character: ">" is no headline. */
static int has_words(const struct part *parts, int first, int last)
{
	return words_in(parts, first, last) > 0;
}

/*
 * Moves *first and *last inward past the parts that go: the last one
 * while tail says so, else the first while lead does; never past each
 * other, so one part is always left, and never to leave only parts
 * without a word (">").
 */
static void trim_ends(const struct part *parts, int *first, int *last, part_goes *tail,
	part_goes *lead, const void *ctx)
{
	while (*last > *first) {
		if (tail(ctx, parts[*last].s, parts[*last].len) && has_words(parts, *first, *last - 1))
			(*last)--;
		else if (lead(ctx, parts[*first].s, parts[*first].len) &&
			 has_words(parts, *first + 1, *last))
			(*first)++;
		else
			break;
	}
}

/* The text from parts[first] to parts[last], white space cleaned; NULL when empty. Caller frees. */
static char *span(const struct part *parts, int first, int last)
{
	struct buf b;
	char *out;

	buf_init(&b, TITLE_MAX);
	text_append_clean(&b, parts[first].s,
		(size_t)(parts[last].s + parts[last].len - parts[first].s));
	out = b.len ? buf_detach(&b, NULL) : NULL;
	buf_release(&b);
	return out;
}

static int names_site_part(const void *ev, const char *s, size_t len)
{
	return sitename_in(ev, s, len);
}

/*
 * Sites name themselves at ": ", " : ", " / " and " @ " too ("HarborDaily.com:
 * Council passes ...", "The Hindu : Business : ..."), where headlines have
 * parts of their own ("Review: ...", "Redfin's 2026 Predictions: ..." on
 * redfin.com): there, a first or last part goes only when it is the site's
 * name and no more, and never the last one left. Takes title; returns it
 * or a shorter copy.
 */
static int is_site_name_part(const void *ev, const char *s, size_t len)
{
	return sitename_is(ev, s, len);
}

/*
 * A section's label of at most max words, each opening in a capital
 * ("Nation", "After Hrs", "COLLEGE FOOTBALL", "Yahoo! Eurosport UK"; "and"
 * and "&" may join them, "the" opens), without a figure, a comma, an
 * apostrophe ("Actuary's Industry Choice") or a sentence's end. A headline
 * is written as a sentence is; "Types of Restaurant Service" is a phrase.
 */
static int is_label(const struct part *part, size_t max)
{
	static const char *const joins[] = { "and", "&" };
	const char *p = part->s, *end = part->s + part->len;
	size_t words = 0;

	while (end > p && end[-1] == ' ')
		end--;
	if (end == p || strchr(".?:;,!", end[-1]))
		return 0;
	while (p < end) {
		const char *w;

		while (p < end && *p == ' ')
			p++;
		for (w = p; p < end && *p != ' '; p++)
			if (isdigit((unsigned char)*p) || strchr(",\"'", *p) ||
				!strncmp(p, "\xe2\x80\x99", 3)) /* ’ */
				return 0;
		if (p == w || text_word_in(w, (size_t)(p - w), joins, ARRAY_SIZE(joins)) ||
			(!words && p - w == 3 && !strncasecmp(w, "the", 3)))
			continue;
		if (!isupper((unsigned char)*w) || ++words > max)
			return 0;
	}
	return words > 0;
}

/*
 * Moves *first and *last inward past sections' labels ("Nation | Samjhauta
 * Express back on track", "Bulls, Jones pursue talks: Sport: Rugby"), as
 * long as a headline of three words or more is left. A first part (two
 * words at most) before ": " is the headline's own ("Review: ...",
 * "COLLEGE FOOTBALL: ..."), as is one before a part in lowercase ("Budget
 * - what changes for ..."). After ": " a headline has its subtitle ("11
 * Trends for 2026: Shaping What's Next"), so there only a path of two
 * labels or more goes ("...: Sport: Rugby"). No label stands at " / "
 * ("Film / TV").
 */
static void trim_labels(const struct part *parts, int *first, int *last)
{
	int run = 0;

	while (*last - run > *first && parts[*last - run].colon && is_label(&parts[*last - run], 3))
		run++;
	if (run >= 2 && words_in(parts, *first, *last - run) >= 4)
		*last -= run;
	while (*last > *first) {
		const struct part *tail = &parts[*last], *next = &parts[*first + 1];

		if (!tail->colon && !tail->joins && is_label(tail, 3) &&
			words_in(parts, *first, *last - 1) >= 3)
			(*last)--;
		else if (is_label(&parts[*first], 2) && !next->colon && !next->joins &&
			 !islower((unsigned char)*next->s) && words_in(parts, *first + 1, *last) >= 3)
			(*first)++;
		else
			break;
	}
}

static char *strip_named_wide(char *title, const struct sitename *ev)
{
	struct part parts[MAX_PARTS];
	int n = split(title, parts, 1), first = 0, last = n - 1;
	const char *at = NULL, *end;
	char *out;

	trim_ends(parts, &first, &last, is_site_name_part, is_site_name_part, ev);
	/* "Headline @ SYS-CON Media": the site's name after the last " @ " ("Rovers @ City" stays) */
	end = parts[last].s + parts[last].len;
	for (const char *p = parts[last].s + 1; p + 3 < end; p++)
		if (!memcmp(p, " @ ", 3))
			at = p;
	if (at && sitename_is(ev, at + 3, (size_t)(end - at - 3)))
		parts[last].len = (size_t)(at - parts[last].s);
	else
		at = NULL;
	trim_labels(parts, &first, &last);
	if (first == 0 && last == n - 1 && !at)
		return title;
	out = span(parts, first, last);
	if (!out)
		return title;
	free(title);
	return out;
}

static char *title_clean_ev(const char *title, const struct sitename *ev, int wide)
{
	struct part parts[MAX_PARTS];
	char *clean = text_dup_clean(title), *out;
	int first = 0, last, n;
	size_t total;

	if (!clean)
		return NULL;
	n = split(clean, parts, 0);
	last = n - 1;
	total = chars_of(clean, strlen(clean));
	trim_ends(parts, &first, &last, names_site_part, names_site_part, ev);
	/* "Headline - Site - Motto": the site's name and what follows it go */
	for (int k = first + 1; k < last; k++)
		if (sitename_in(ev, parts[k].s, parts[k].len)) {
			last = k - 1;
			break;
		}
	/*
	 * No evidence: a short last part after a spaced separator is a site's
	 * or a section's name ("Headline - Example News"); a part after "_" is
	 * one only in CJK titles, where "_" never joins words.
	 */
	while (last > first && chars_of(parts[last].s, parts[last].len) * 3 < total) {
		const struct part *p = &parts[last];
		int cjk = 0;

		for (const char *q = p->s, *end = p->s + p->len; q < end && !cjk;)
			cjk = text_is_cjk(text_utf8_next(&q, end));
		if (!p->spaced && !cjk)
			break;
		last--;
	}
	if (last == first && n > 1 && sitename_in(ev, parts[first].s, parts[first].len)) {
		free(clean);
		return NULL;
	}
	out = span(parts, first, last);
	if (out && wide)
		out = strip_named_wide(out, ev);
	free(clean);
	return out;
}

char *title_clean(const char *title, const char *site_name, const char *host)
{
	struct sitename ev;

	if (!title)
		return NULL;
	sitename_init(&ev, site_name, host);
	return title_clean_ev(title, &ev, 1);
}

/* 1 if a and b are one headline: equal, or one holds the other, as squashed names. */
static int agree(const char *a, const char *b)
{
	char x[1024], y[1024];

	sitename_squash(a, strlen(a), x, sizeof(x));
	sitename_squash(b, strlen(b), y, sizeof(y));
	if (!x[0] || !y[0])
		return 0;
	return !strcmp(x, y) || (strlen(x) > strlen(y) ? strstr(x, y) : strstr(y, x)) != NULL;
}

/*
 * 1 if a is b's headline alone: a run of b's parts (split wide), not all of
 * them, that says something by itself (four words or more, a Han
 * character counting half), as an <h1> states it while the <title> adds
 * the site, a section or a motto ("John Cleese and wife No. 3 split up" in
 * "John Cleese and wife No. 3 split up : US Entertainment"). A section or
 * a site's name in the <h1> is too short to pass.
 */
static int headline_of(const char *a, const char *b)
{
	struct part parts[MAX_PARTS];
	char want[TITLE_MAX], got[TITLE_MAX];
	size_t cjk, words;
	int n = split(b, parts, 1);

	text_count(a, &cjk, &words);
	if (n < 2 || (double)words + (double)cjk / 2 < 4)
		return 0;
	sitename_squash(a, strlen(a), want, sizeof(want));
	for (int first = 0; first < n; first++)
		for (int last = first; last < n; last++) {
			if (first == 0 && last == n - 1)
				continue;
			sitename_squash(parts[first].s,
				(size_t)(parts[last].s + parts[last].len - parts[first].s), got,
				sizeof(got));
			if (!strcmp(got, want))
				return 1;
		}
	return 0;
}

/* A candidate cleaned for title_pick(); NULL when nothing or only the site's name is left. */
static char *clean_candidate(const char *candidate, const struct sitename *ev)
{
	char *clean = title_clean_ev(candidate, ev, 0);

	/*
	 * A candidate that is only the site's name ("Quanta Magazine"), or its
	 * name and motto ("CSTV.com: #1 in College Sports"), is no headline.
	 */
	if (clean && sitename_in(ev, clean, strlen(clean)) && chars_of(clean, strlen(clean)) < 40) {
		free(clean);
		return NULL;
	}
	return clean ? strip_named_wide(clean, ev) : NULL;
}

char *title_pick(const char *const *candidates, int n, const char *site_name, const char *host)
{
	struct sitename ev;
	char *clean[8] = { 0 }, *best = NULL;
	int votes[8] = { 0 }, pick = -1;

	sitename_init(&ev, site_name, host);
	if (n > 8)
		n = 8;
	for (int i = 0; i < n; i++)
		if (candidates[i])
			clean[i] = clean_candidate(candidates[i], &ev);
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++)
			votes[i] += i != j && clean[i] && clean[j] && agree(clean[i], clean[j]);
	for (int i = 0; i < n; i++)
		if (clean[i] && (pick < 0 || votes[i] > votes[pick]))
			pick = i;
	/* The headline alone beats the one that carries more around it. */
	for (int i = 0; pick >= 0 && i < n; i++)
		if (i != pick && clean[i] && headline_of(clean[i], clean[pick]))
			pick = i;
	if (pick >= 0) {
		best = clean[pick];
		clean[pick] = NULL;
	}
	for (int i = 0; i < n; i++)
		free(clean[i]);
	return best;
}

/*
 * title without the parts at its ends that are the site's name and no
 * more: evidence alone, which a second pass finds nothing more in. Not a
 * part that only holds the name: a source called "AI" would take "New
 * chips for AI" off "New chips for AI - Tensor Ledger". Caller frees.
 */
static char *strip_named_ends(const char *title, const struct sitename *ev)
{
	struct part parts[MAX_PARTS];
	int first = 0, last = split(title, parts, 0) - 1;
	char *out;

	trim_ends(parts, &first, &last, is_site_name_part, is_site_name_part, ev);
	out = span(parts, first, last);
	return out ? out : xstrdup(title);
}

char *title_confirm(const char *chosen, const char *other, const char *site_name,
	const char *host)
{
	struct sitename ev;
	char *clean;

	if (!chosen)
		return title_pick(&other, 1, site_name, host);
	sitename_init(&ev, site_name, host);
	clean = other ? clean_candidate(other, &ev) : NULL;
	if (clean && headline_of(clean, chosen))
		return clean;
	free(clean);
	return strip_named_ends(chosen, &ev);
}

/* ---- parts learned across a site's headlines ---- */

#define LEARN_DEPTH 3 /* parts looked at from each end of a title */

struct seen_part {
	int tail; /* 0: at the start of a title, 1: at its end */
	char *name; /* squashed */
	size_t titles; /* how many different titles have it there */
};

static int by_part(const void *a, const void *b)
{
	const struct seen_part *x = a, *y = b;

	return x->tail != y->tail ? x->tail - y->tail : strcmp(x->name, y->name);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int has_name(char *const *names, size_t n, const char *name)
{
	return n && bsearch(&name, names, n, sizeof(*names), by_name) != NULL;
}

static char *squash_part(const struct part *p)
{
	char name[256];

	sitename_squash(p->s, p->len, name, sizeof(name));
	return name[0] ? xstrdup(name) : NULL;
}

int title_learn(const char *const *titles, size_t n, struct title_learned *out)
{
	struct seen_part *seen = xcalloc(n * 2 * LEARN_DEPTH + 1, sizeof(*seen));
	char **whole = xcalloc(n + 1, sizeof(*whole));
	size_t nseen = 0, nwhole = 0, multi = 0;

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < n; i++) {
		struct part parts[MAX_PARTS];
		char *clean = titles[i] ? text_dup_clean(titles[i]) : NULL, name[TITLE_MAX];
		size_t first = nseen;
		int np;

		if (!clean)
			continue;
		/* The same headline twice (one story in two feeds) is one piece of evidence. */
		sitename_squash(clean, strlen(clean), name, sizeof(name));
		for (size_t k = 0; k < nwhole && name[0]; k++)
			if (!strcmp(whole[k], name))
				name[0] = '\0';
		if (!name[0]) {
			free(clean);
			continue;
		}
		whole[nwhole++] = xstrdup(name);
		np = split(clean, parts, 1);
		multi += np > 1;
		for (int k = 0; k < LEARN_DEPTH && k < np - 1; k++) {
			for (int tail = 0; tail <= 1; tail++) {
				struct seen_part sp = { tail, squash_part(&parts[tail ? np - 1 - k : k]), 1 };
				int dup = !sp.name;

				for (size_t j = first; j < nseen && !dup; j++)
					dup = seen[j].tail == tail && !strcmp(seen[j].name, sp.name);
				if (dup)
					free(sp.name);
				else
					seen[nseen++] = sp;
			}
		}
		free(clean);
	}
	qsort(seen, nseen, sizeof(*seen), by_part);
	for (size_t i = 0, j; i < nseen; i = j) {
		size_t count = 0;

		for (j = i; j < nseen && !by_part(&seen[i], &seen[j]); j++)
			count++;
		/*
		 * A last part two headlines repeat is the site's or a section's
		 * name. A first part may also be a story's running label
		 * ("Election 2024 - ..."), so it goes only when at least half of
		 * the site's headlines open with it.
		 */
		if (count < 2 || (!seen[i].tail && count * 2 < multi))
			continue;
		if (seen[i].tail) {
			out->tail = xrealloc(out->tail, (out->ntail + 1) * sizeof(*out->tail));
			out->tail[out->ntail++] = xstrdup(seen[i].name);
		} else {
			out->lead = xrealloc(out->lead, (out->nlead + 1) * sizeof(*out->lead));
			out->lead[out->nlead++] = xstrdup(seen[i].name);
		}
	}
	for (size_t i = 0; i < nseen; i++)
		free(seen[i].name);
	for (size_t i = 0; i < nwhole; i++)
		free(whole[i]);
	free(seen);
	free(whole);
	return (int)(out->nlead + out->ntail);
}

static int learned_tail(const void *ctx, const char *s, size_t len)
{
	const struct title_learned *l = ctx;
	char name[256];

	sitename_squash(s, len, name, sizeof(name));
	return has_name(l->tail, l->ntail, name);
}

static int learned_lead(const void *ctx, const char *s, size_t len)
{
	const struct title_learned *l = ctx;
	char name[256];

	sitename_squash(s, len, name, sizeof(name));
	return has_name(l->lead, l->nlead, name);
}

char *title_strip_learned(const char *title, const struct title_learned *l)
{
	struct part parts[MAX_PARTS];
	char *clean = title ? text_dup_clean(title) : NULL, *out;
	int first = 0, last, n;

	if (!clean)
		return NULL;
	n = split(clean, parts, 1);
	last = n - 1;
	trim_ends(parts, &first, &last, learned_tail, learned_lead, l);
	/* "The Telegraph | Nation | ...": the section's label is left at the end */
	if (first > 0 || last < n - 1)
		trim_labels(parts, &first, &last);
	out = span(parts, first, last);
	if (!out)
		return clean;
	free(clean);
	return out;
}

void title_learned_release(struct title_learned *l)
{
	for (size_t i = 0; i < l->nlead; i++)
		free(l->lead[i]);
	for (size_t i = 0; i < l->ntail; i++)
		free(l->tail[i]);
	free(l->lead);
	free(l->tail);
	memset(l, 0, sizeof(*l));
}
