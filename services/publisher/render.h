#ifndef PRECIS_RENDER_H
#define PRECIS_RENDER_H

#include <jansson.h>

#include "buf.h"
#include "config.h"

/*
 * Renders an edition from summary messages: articles about the same story
 * merged into one item that links every outlet (common/story.h), items
 * ranked by importance and the number of outlets, the highlights list, the
 * stats line and one section per item, in the reference digest's layout,
 * as Markdown and as a digest message (proto/digest.schema.json) that
 * carries the Markdown too.
 *
 * Headlines lose the first and last parts their site's headlines in the
 * edition repeat (siteparts.h). Stats: original characters are the extracted text of every article in
 * the edition; condensed characters are those of the rendered digest
 * without the stats line; reading minutes count CJK characters at
 * publisher.cjk_chars_per_minute and other words at
 * publisher.words_per_minute; efficiency is original / condensed, in
 * percent.
 */
/* The largest rendering of an edition (HTML, text) a sink makes. */
#define RENDER_MAX (256 * 1024 * 1024)

struct render_stats {
	int64_t articles;
	int64_t stories; /* items after merging articles about the same story */
	int64_t original_chars;
	int64_t condensed_chars;
	int64_t reading_minutes;
	int64_t efficiency_percent;
	int64_t headlines_cut; /* headlines that lost a part their site's headlines repeat (siteparts.h) */
};

/*
 * summaries is an array of summary messages (borrowed). past (borrowed,
 * may be NULL) holds the sites' headlines of past editions
 * (siteparts_recall()). Returns a new digest message (caller json_decref()s
 * it); its "markdown" field is the rendering. generated_at is ms since the
 * epoch.
 */
json_t *render_edition(const struct config *cfg, const char *edition, json_t *summaries,
	const json_t *past, int64_t generated_at, struct render_stats *stats);

/*
 * The edition as a standalone HTML page (responsive, readable on a phone,
 * every text escaped, only http, https and file links) or as plain text,
 * from a digest message as render_edition() makes it. Appended to out.
 * Returns 0, or BUF_ETOOBIG when out's cap cut it.
 */
int render_html(const json_t *digest, struct buf *out);
int render_text(const json_t *digest, struct buf *out);


/* Reading minutes for text at the given speeds, rounded up; 0 for no text. */
int64_t render_reading_minutes(const char *text, int64_t cjk_per_minute, int64_t words_per_minute);

#endif
