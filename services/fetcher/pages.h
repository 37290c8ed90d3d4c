#ifndef PRECIS_PAGES_H
#define PRECIS_PAGES_H

#include <jansson.h>
#include <librdkafka/rdkafka.h>

#include "claims.h"
#include "config.h"
#include "feed.h"
#include "metrics.h"
#include "sources.h"

/*
 * The fetcher's output: page messages (proto/page.schema.json) to
 * topics.pages, keyed by article id, each carrying its trace. A page too
 * large for a message is cut to fit and marked truncated. Only the
 * broker's delivery report settles a page: delivered, it is remembered
 * (claims_delivered()); refused for size, it becomes a dead letter and is
 * remembered; lost, its claim is dropped so the next poll fetches it again.
 */
struct pages {
	const struct config *cfg;
	struct metrics *metrics;
	struct claims *claims; /* borrowed */
	rd_kafka_t *producer;
	unsigned long produced, failed, undelivered; /* this cycle */
};

/* What a page message carries of the response (or of the feed, with from_feed). */
struct page_body {
	const char *final_url;
	long status;
	const char *content_type;
	const char *charset;
	const char *data;
	size_t len;
	size_t original_len; /* > len when the page was cut to fit a message */
	int from_feed;
};

/* Starts the producer. 0, or -1 with errstr; close p either way. */
int pages_open(struct pages *p, const struct config *cfg, struct metrics *metrics,
	struct claims *claims, char *errstr, size_t errsize);
/* Waits up to pipeline.flush_timeout_ms for delivery reports, then stops the producer. */
void pages_close(struct pages *p);

/* What the feed said about an entry, for the page message. Caller json_decref()s. */
json_t *pages_entry(const struct feed_entry *e);

/*
 * Produces a page of source ss (entry borrowed). Returns 0, or -1 when the
 * message could not be made or queued (counted as failed, its claim
 * dropped).
 */
int pages_produce(struct pages *p, struct source_state *ss, const char *id, const char *url,
	const char *traceparent, json_t *entry, struct page_body *body);

/* mode: feed: the entry's own text as a small HTML page, produced like any other. */
void pages_produce_from_feed(struct pages *p, struct source_state *ss, const char *id,
	const char *url, const char *traceparent, const struct feed_entry *e);

/* Serves the delivery reports that have arrived. */
void pages_poll(struct pages *p);

/* Waits for every page in flight to be settled; 0, or -1 (logged) when some are not. */
int pages_flush(struct pages *p);

#endif
