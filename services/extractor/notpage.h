#ifndef PRECIS_NOTPAGE_H
#define PRECIS_NOTPAGE_H

#include <stddef.h>

/*
 * Pages that are no article: a "404 Page Not Found" or "Page removed"
 * page that the server sent with status 200 (a soft 404). Such a page
 * names itself so in its title or its only heading, and nothing else
 * there: "Page not found", "Stand to Reason: Page Not Found", "Sorry, an
 * error has occurred", "Seite nicht gefunden", "页面不存在".
 */

/*
 * 1 if s is made of nothing but the words of an error notice, one of
 * them saying the page is missing or failed ("not found", "removed",
 * "error", "404"), in English, German, French, Spanish, Italian, Russian,
 * Chinese, Japanese or Korean. With parts, one part of s between a site's
 * separators (" - ", " | ", ": ", "_") is enough: a title names the site
 * beside it. s may be NULL.
 */
int notpage_says_missing(const char *s, int parts);

#endif
