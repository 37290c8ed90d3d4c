#ifndef PRECIS_TITLE_H
#define PRECIS_TITLE_H

#include <stddef.h>

/*
 * Article titles without the name of the site that carries them. A page's
 * <title>, and often its og:title and a feed entry's title, read "Headline
 * - Site", "Site | Headline" or "Headline_Section_Site". The site part goes
 * only on the page's own evidence: it equals or holds the site's name
 * (og:site_name or a feed's title), it names the host ("The Verge" on
 * www.theverge.com), or it is what is left when the headline as the page
 * states it elsewhere (an <h1>, og:title) is taken away. Without such
 * evidence, a last part shorter than a third of the title goes only after a
 * spaced separator (" - ", " | "), which a headline rarely ends with. At
 * ": ", " : ", " / " and " @ ", which headlines use themselves ("Review: ..."), a
 * part goes only when it is the site's name and no more ("KalingaTimes.com:
 * ...", "... @ SYS-CON Media").
 */

/*
 * A copy of title without its site parts. site_name and host may be NULL.
 * Returns NULL when title is NULL or nothing but a site name is left.
 * Caller frees.
 */
char *title_clean(const char *title, const char *site_name, const char *host);

/*
 * The article's title from the candidates a page gives, best first (say
 * og:title, JSON-LD headline, <title>, <h1>; any may be NULL): each cleaned
 * with title_clean(), with a candidate that only names the site passed
 * over and a headline the others repeat preferred; a candidate that is
 * another's headline alone (a run of its parts of four words or more, as an
 * <h1> states it while the <title> adds a section or a motto) preferred to
 * it. NULL when none is left. Caller frees.
 */
char *title_pick(const char *const *candidates, int n, const char *site_name, const char *host);

/*
 * The headline when one title was already chosen and cleaned from a page's
 * candidates (title_pick) and another source gives its own (a feed entry's
 * title): chosen, unless the other, cleaned, is chosen's headline alone
 * (the page's title kept a section the feed leaves out); the other,
 * cleaned, when chosen is NULL. chosen loses only a part at either end
 * that is site_name or the host's name and no more (the source's name,
 * which the page did not give: "Ferry cancelled | Harbor Courier"); the
 * rule without evidence (a short last part goes) is not run again, as it
 * would cut a part more each time. NULL when neither gives one. Caller
 * frees.
 */
char *title_confirm(const char *chosen, const char *other, const char *site_name,
	const char *host);

/*
 * Parts learned across a site's headlines. An old page may never name its
 * site in its markup ("The Hindu : Business : BSNL offers ..."), so its
 * title alone cannot say which part is the site's; the site's headlines
 * say it together, by the parts they repeat at the same end. The evidence
 * is wherever several headlines of one site meet: an edition's headlines
 * of one host, the entries of one feed.
 *
 * title_learn() reads n titles of one site (NULL entries are skipped, the
 * same headline twice counts once) and keeps, squashed as names are
 * compared, the parts at their start or end (split where title_clean()
 * splits, and at " : ", ": " and " / "; up to three from each end) that
 * two different titles share: at the end, any such part (a site's or a
 * section's name); at the start, one that at least half of the titles
 * with parts open with (a story's running label, "Election 2024 - ...",
 * opens only some). A part that differs between the titles is never
 * learned. Returns how many parts were learned; release out with
 * title_learned_release() in any case.
 */
struct title_learned {
	char **lead; /* learned first parts, squashed, sorted */
	char **tail; /* learned last parts, squashed, sorted */
	size_t nlead, ntail;
};
int title_learn(const char *const *titles, size_t n, struct title_learned *out);

/*
 * A copy of title (white space cleaned) without the learned parts at its
 * ends, taken off one at a time from the end, then the start; never its
 * last part, so what is left is never empty. NULL when title is NULL or
 * empty. Caller frees.
 */
char *title_strip_learned(const char *title, const struct title_learned *l);

/* Frees what title_learn() learned; l may be all zeros. */
void title_learned_release(struct title_learned *l);

#endif
