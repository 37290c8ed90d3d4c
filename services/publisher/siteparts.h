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
 * summaries is an array of summary messages (borrowed). past (borrowed,
 * may be NULL) is an object of site -> array of the site's headlines in
 * past editions, as siteparts_recall() returns it: more evidence, since a
 * daily edition holds one or two headlines of most sites. Returns a new
 * array of the same summaries in the same order, where each summary whose
 * headline loses a part is a copy with the shorter headline (the others
 * are the summaries themselves); caller json_decref()s it. *cut receives
 * how many headlines lost a part. Each site whose headlines lose one is
 * logged, with an example, under edition.
 */
json_t *siteparts_strip(json_t *summaries, const json_t *past, const char *edition, size_t *cut);

struct redis;

/*
 * The headlines of past editions of the sites in summaries (borrowed), as
 * siteparts_remember() kept them: an object of site -> array, newest
 * first. Never NULL (caller json_decref()s it); when Redis fails, logs it
 * and returns what it has, as learning from this edition alone is still
 * right.
 */
json_t *siteparts_recall(struct redis *r, json_t *summaries);

/*
 * Keeps the headlines of summaries (borrowed) per site in Redis, the last
 * 50 of each site, for ttl_s seconds after its last edition. Returns 0, or
 * -1 with errstr filled.
 */
int siteparts_remember(struct redis *r, json_t *summaries, int64_t ttl_s, char *errstr,
	size_t errsize);

#endif
