#include "sitename.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "text.h"
#include "common.h"

void sitename_squash(const char *s, size_t len, char *out, size_t size)
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
	sitename_squash(host, len, out, size);
}

/* The label before the public suffix: "breakingnews.iol.ie", "www.bbc.co.uk". */
static void domain_name(const char *host, char *out, size_t size)
{
	static const char *const second[] = { "co", "com", "org", "net", "gov", "ac", "edu", "ne",
		"or", "go" };
	const char *end, *start;

	out[0] = '\0';
	if (!host || !(end = strrchr(host, '.')))
		return;
	/* "co.uk", "com.au": a generic second level before a country's code */
	if (strlen(end + 1) == 2 && end > host) {
		for (start = end; start > host && start[-1] != '.'; start--)
			;
		if (text_word_in(start, (size_t)(end - start), second, ARRAY_SIZE(second)))
			end = start > host ? start - 1 : start;
	}
	for (start = end; start > host && start[-1] != '.'; start--)
		;
	if (end > start)
		sitename_squash(start, (size_t)(end - start), out, size);
}

/*
 * 1 if part is the site's name and no more: the site's, the host's or the
 * domain's name, with nothing left but "the", "online", "news", "media"
 * or a top level domain ("The Hindu", "KalingaTimes.com", "Online News @ TheCheers").
 * "Redfin's 2026 Predictions" on redfin.com names more than the site.
 */
int sitename_is(const struct sitename *ev, const char *part, size_t len)
{
	static const char *const filler[] = { "the", "www", "com", "net", "org", "co", "uk", "in",
		"au", "ca", "online", "news", "media" };
	const char *names[] = { ev->site, ev->host, ev->domain };
	char p[256];
	size_t n;
	int named = 0;

	sitename_squash(part, len, p, sizeof(p));
	/* a name too short to look for inside others ("FT") is still itself */
	if (ev->site[0] && !strcmp(p, ev->site))
		return 1;
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		size_t k = strlen(names[i]);
		char *at;

		while (k >= 3 && (at = strstr(p, names[i]))) {
			memmove(at, at + k, strlen(at + k) + 1);
			named = 1;
		}
	}
	for (int cut = 1; named && cut && (n = strlen(p));) {
		cut = 0;
		for (size_t i = 0; i < ARRAY_SIZE(filler) && !cut; i++) {
			size_t k = strlen(filler[i]);

			if (n >= k && !strncmp(p, filler[i], k))
				memmove(p, p + k, n - k + 1), cut = 1;
			else if (n >= k && !strcmp(p + n - k, filler[i]))
				p[n - k] = '\0', cut = 1;
		}
	}
	return named && !p[0];
}

#define SPELL_WORDS 6 /* a name spelled out in more words is a headline */

/*
 * 1 if host (squashed) is spelled by words[from..n) in order, each giving
 * its initial, all of it or nothing, and at least one all of it (whole set
 * once one did), maybe with "online" or "news" left at the end:
 * "sbsun" by "San Bernardino County Sun", "publicopiniononline" by
 * "Chambersburg Public Opinion".
 */
static int spells(const char *host, char words[][64], int from, int n, int whole)
{
	size_t k;

	if (!*host)
		return whole;
	if (whole && (!strcmp(host, "online") || !strcmp(host, "news")))
		return 1;
	if (from == n)
		return 0;
	k = strlen(words[from]);
	if (k >= 3 && !strncmp(host, words[from], k) && spells(host + k, words, from + 1, n, 1))
		return 1;
	if (*host == words[from][0] && spells(host + 1, words, from + 1, n, whole))
		return 1;
	return spells(host, words, from + 1, n, whole);
}

/* 1 if the part's words spell the host's name, as papers name their hosts by initials. */
static int spells_host(const struct sitename *ev, const char *part, size_t len)
{
	char words[SPELL_WORDS][64];
	int n = 0;

	if (strlen(ev->host) < 4)
		return 0;
	for (const char *p = part, *end = part + len; p < end;) {
		const char *w;

		while (p < end && !isalnum((unsigned char)*p))
			p++;
		for (w = p; p < end && isalnum((unsigned char)*p);)
			p++;
		if (p == w)
			break;
		if (n == SPELL_WORDS)
			return 0;
		sitename_squash(w, (size_t)(p - w), words[n++], sizeof(words[0]));
	}
	return n >= 2 && spells(ev->host, words, 0, n, 0);
}

/* A site's name shorter than this (squashed) is found only as a word of its own. */
#define SHORT_NAME 4

/*
 * 1 if a word of part (len bytes), squashed, is name: a short name ("AI",
 * "FT") is in many words ("said", "OpenAI", "after"), which do not name
 * the site.
 */
static int has_word(const char *part, size_t len, const char *name)
{
	char w[256];

	for (const char *p = part, *end = part + len; p < end;) {
		const char *start;

		while (p < end && !isalnum((unsigned char)*p) && (unsigned char)*p < 0x80)
			p++;
		for (start = p; p < end && (isalnum((unsigned char)*p) || (unsigned char)*p >= 0x80);)
			p++;
		sitename_squash(start, (size_t)(p - start), w, sizeof(w));
		if (w[0] && !strcmp(w, name))
			return 1;
	}
	return 0;
}

/* 1 if part (len bytes) names the site. */
int sitename_in(const struct sitename *ev, const char *part, size_t len)
{
	char p[256];
	size_t n, k = strlen(ev->domain);

	sitename_squash(part, len, p, sizeof(p));
	n = strlen(p);
	if (n < 2)
		return n > 0 && ev->site[0] && !strcmp(p, ev->site);
	if (ev->site[0] && (strlen(ev->site) >= SHORT_NAME ? strstr(p, ev->site) != NULL :
							     has_word(part, len, ev->site)))
		return 1;
	if (ev->site[0] && n >= 3 && strstr(ev->site, p))
		return 1;
	/* "SBS World News Australia" on news.sbs.com.au: opens with the domain's name */
	if (k >= 3 && !strncmp(p, ev->domain, k))
		return 1;
	/* "The Verge" on theverge.com, "WIRED" on wired.com, "BBC News" on bbc.co.uk */
	return (ev->host[0] && n >= 3 && strlen(ev->host) >= 3 &&
		       (strstr(ev->host, p) || strstr(p, ev->host))) ||
	       spells_host(ev, part, len);
}

void sitename_init(struct sitename *ev, const char *site_name, const char *host)
{
	ev->site[0] = '\0';
	if (site_name)
		sitename_squash(site_name, strlen(site_name), ev->site, sizeof(ev->site));
	host_name(host, ev->host, sizeof(ev->host));
	domain_name(host, ev->domain, sizeof(ev->domain));
}
