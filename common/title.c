#include "title.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "text.h"
#include "common.h"

#define TITLE_MAX 4096
#define MAX_PARTS 16

/*
 * What a name reduces to for comparing: ASCII letters and digits lower-
 * cased, every other byte of UTF-8 kept, the rest dropped ("The Verge" and
 * "theverge" are one name).
 */
static void squash(const char *s, size_t len, char *out, size_t size)
{
	size_t n = 0;

	for (size_t i = 0; i < len && n + 1 < size; i++) {
		unsigned char c = (unsigned char)s[i];

		if (isalnum(c))
			out[n++] = (char)tolower(c);
		else if (c >= 0x80)
			out[n++] = (char)c;
	}
	out[n] = '\0';
}

/* The host without "www." and its last label: "www.theverge.com" -> "theverge". */
static void host_name(const char *host, char *out, size_t size)
{
	const char *dot;
	size_t len;

	out[0] = '\0';
	if (!host)
		return;
	if (!strncasecmp(host, "www.", 4))
		host += 4;
	dot = strrchr(host, '.');
	len = dot ? (size_t)(dot - host) : strlen(host);
	squash(host, len, out, size);
}

struct evidence {
	char site[256]; /* squashed site name, "" when unknown */
	char host[256]; /* squashed host name */
};

/* 1 if part (len bytes) names the site. */
static int names_site(const struct evidence *ev, const char *part, size_t len)
{
	char p[256];
	size_t n;

	squash(part, len, p, sizeof(p));
	n = strlen(p);
	if (n < 2)
		return n > 0 && ev->site[0] && !strcmp(p, ev->site);
	if (ev->site[0] && (strstr(p, ev->site) || (n >= 3 && strstr(ev->site, p))))
		return 1;
	/* "The Verge" on theverge.com, "WIRED" on wired.com, "BBC News" on bbc.co.uk */
	return ev->host[0] && n >= 3 && strlen(ev->host) >= 3 &&
	       (strstr(ev->host, p) || strstr(p, ev->host));
}

struct part {
	const char *s;
	size_t len;
	int spaced; /* the separator before it had spaces around it */
};

/* Splits s at the separators sites put between a headline and their name. */
static int split(const char *s, struct part *parts)
{
	static const char *const spaced[] = { " - ", " | ", " \xe2\x80\x93 ", " \xe2\x80\x94 ",
		" \xc2\xb7 ", " :: ", " \xc2\xbb ", " // ", " _ " };
	static const char *const tight[] = { "_", "\xef\xbd\x9c", "|", "\xe4\xb8\xa8", "--" };
	int n = 0;
	const char *start = s, *p = s;

	while (*p && n < MAX_PARTS - 1) {
		size_t sep = 0;
		int is_spaced = 0;

		for (size_t i = 0; i < ARRAY_SIZE(spaced) && !sep; i++)
			if (!strncmp(p, spaced[i], strlen(spaced[i])))
				sep = strlen(spaced[i]), is_spaced = 1;
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
		n++;
		p += sep;
		start = p;
	}
	parts[0].spaced = 0;
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

static char *title_clean_ev(const char *title, const struct evidence *ev)
{
	struct part parts[MAX_PARTS];
	char *clean = text_dup_clean(title), *out;
	struct buf b;
	int first = 0, last, n;
	size_t total;

	if (!clean)
		return NULL;
	n = split(clean, parts);
	last = n - 1;
	total = chars_of(clean, strlen(clean));
	while (last > first) {
		if (names_site(ev, parts[last].s, parts[last].len))
			last--;
		else if (names_site(ev, parts[first].s, parts[first].len))
			first++;
		else
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
	if (last == first && n > 1 && names_site(ev, parts[first].s, parts[first].len)) {
		free(clean);
		return NULL;
	}
	buf_init(&b, TITLE_MAX);
	text_append_clean(&b, parts[first].s,
		(size_t)(parts[last].s + parts[last].len - parts[first].s));
	out = b.len ? buf_detach(&b, NULL) : NULL;
	buf_release(&b);
	free(clean);
	return out;
}

static void evidence_of(struct evidence *ev, const char *site_name, const char *host)
{
	ev->site[0] = '\0';
	if (site_name)
		squash(site_name, strlen(site_name), ev->site, sizeof(ev->site));
	host_name(host, ev->host, sizeof(ev->host));
}

char *title_clean(const char *title, const char *site_name, const char *host)
{
	struct evidence ev;

	if (!title)
		return NULL;
	evidence_of(&ev, site_name, host);
	return title_clean_ev(title, &ev);
}

/* 1 if a and b are one headline: equal, or one holds the other, as squashed names. */
static int agree(const char *a, const char *b)
{
	char x[1024], y[1024];

	squash(a, strlen(a), x, sizeof(x));
	squash(b, strlen(b), y, sizeof(y));
	if (!x[0] || !y[0])
		return 0;
	return !strcmp(x, y) || (strlen(x) > strlen(y) ? strstr(x, y) : strstr(y, x)) != NULL;
}

char *title_pick(const char *const *candidates, int n, const char *site_name, const char *host)
{
	struct evidence ev;
	char *clean[8] = { 0 }, *best = NULL;
	int votes[8] = { 0 }, pick = -1;

	evidence_of(&ev, site_name, host);
	if (n > 8)
		n = 8;
	for (int i = 0; i < n; i++) {
		if (!candidates[i])
			continue;
		clean[i] = title_clean_ev(candidates[i], &ev);
		/* A candidate that is only the site's name ("Quanta Magazine") is no headline. */
		if (clean[i] && names_site(&ev, clean[i], strlen(clean[i])) &&
			chars_of(clean[i], strlen(clean[i])) < 40) {
			free(clean[i]);
			clean[i] = NULL;
		}
	}
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++)
			votes[i] += i != j && clean[i] && clean[j] && agree(clean[i], clean[j]);
	for (int i = 0; i < n; i++)
		if (clean[i] && (pick < 0 || votes[i] > votes[pick]))
			pick = i;
	if (pick >= 0) {
		best = clean[pick];
		clean[pick] = NULL;
	}
	for (int i = 0; i < n; i++)
		free(clean[i]);
	return best;
}
