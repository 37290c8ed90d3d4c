#ifndef PRECIS_TITLE_H
#define PRECIS_TITLE_H

/*
 * Article titles without the name of the site that carries them. A page's
 * <title>, and often its og:title and a feed entry's title, read "Headline
 * - Site", "Site | Headline" or "Headline_Section_Site". The site part goes
 * only on the page's own evidence: it equals or holds the site's name
 * (og:site_name or a feed's title), it names the host ("The Verge" on
 * www.theverge.com), or it is what is left when the headline as the page
 * states it elsewhere (an <h1>, og:title) is taken away. Without such
 * evidence, a last part shorter than a third of the title goes only after a
 * spaced separator (" - ", " | "), which a headline rarely ends with.
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
 * over and a headline the others repeat preferred. NULL when none is left.
 * Caller frees.
 */
char *title_pick(const char *const *candidates, int n, const char *site_name, const char *host);

#endif
