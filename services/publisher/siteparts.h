#ifndef PRECIS_SITEPARTS_H
#define PRECIS_SITEPARTS_H

#include <jansson.h>
#include <stddef.h>

/*
 * Headlines without the site's name an old page never marked as such
 * ("Steelers' Batch likely to start - Pittsburgh Tribune-Review"). The
 * extractor cleans each title on its page's evidence alone; an edition
 * holds more: every headline of a site (a host, or the outlet for articles
 * without one). The first and last parts those headlines repeat are the
 * site's name or its sections, and go (common/title.h: title_learn(),
 * title_strip_learned()); a part that differs between them, or that would
 * leave nothing, stays.
 */

/*
 * summaries is an array of summary messages (borrowed). Returns a new
 * array of the same summaries in the same order, where each summary whose
 * headline loses a part is a copy with the shorter headline (the others
 * are the summaries themselves); caller json_decref()s it. *cut receives
 * how many headlines lost a part. Each site whose headlines lose one is
 * logged, with an example, under edition.
 */
json_t *siteparts_strip(json_t *summaries, const char *edition, size_t *cut);

#endif
