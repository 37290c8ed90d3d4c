#ifndef PRECIS_SOURCES_H
#define PRECIS_SOURCES_H

#include <regex.h>
#include <stdio.h>

#include "config.h"
#include "feed.h"
#include "metrics.h"
#include "redis.h"

/*
 * The fetcher's sources: when each is due (once per interval across every
 * replica), how a failing one backs off, its health, and the validators
 * of its feed. All of it lives in the source's hash in Redis (source:NAME,
 * proto/redis_keys.h), so replicas agree and precis sources status can
 * read it.
 */

/*
 * One source's state in this process. Its feed's validators (ETag,
 * Last-Modified) are kept for the next conditional GET only once every
 * entry of that poll was handled and every page delivered: a 304 must never
 * hide an entry that failed.
 */
struct source_state {
	const struct source *src;
	regex_t include, exclude;
	int has_include, has_exclude;
	int polled; /* this cycle, with validators to keep */
	char etag[256];
	char last_modified[128];
	unsigned long failed; /* pages of this cycle that failed */
};

struct sources {
	const struct config *cfg;
	struct redis *redis; /* borrowed; set before the first poll */
	struct metrics *metrics;
	struct source_state *v; /* one per configured source, in order */
	size_t n;
};

/* Compiles each source's rules. 0, or -1 with errstr; release s either way. */
int sources_init(struct sources *s, const struct config *cfg, struct metrics *metrics,
	char *errstr, size_t errsize);
void sources_release(struct sources *s);

/*
 * Whether to poll src now (--once: whatever the last poll was); failing
 * sources wait their backoff, which --once reports as a warning with the
 * last error, counted in precis_source_skips_total.
 */
int sources_due(struct sources *s, const struct source *src, int once);

/* The validators of src's last complete poll, for a conditional GET; "" when none. */
void sources_validators(struct sources *s, const struct source *src, char *etag, size_t etagsize,
	char *last_modified, size_t lmsize);

/* A poll found entries (feed entries), with the answer's validators to keep if all goes well. */
void sources_polled(struct sources *s, struct source_state *ss, long long entries,
	const char *etag, const char *last_modified);
/* A poll was answered 304 Not Modified. */
void sources_not_modified(struct sources *s, const struct source *src);
/*
 * A poll failed: src waits base * 2^(failures-1) with jitter, capped, or
 * what the server asked (retry_after_s >= 0), before any replica tries it
 * again.
 */
void sources_failed(struct sources *s, const struct source *src, const char *error,
	long retry_after_s);

/* After a cycle's pages are delivered: keeps the validators of the polls whose every page made it. */
void sources_keep_validators(struct sources *s);

/* Whether entry e passes its source's include and exclude rules. */
int sources_wanted(const struct source_state *ss, const struct feed_entry *e);

/*
 * The feed URL of a source: paths without a scheme become file:// URLs
 * relative to the config file's folder. Caller frees.
 */
char *sources_feed_url(const struct config *cfg, const char *url);

/*
 * `precis sources status`: for every configured source (failing_only: every
 * failing one; nothing when none is), its last success, last error,
 * failures in a row, entries and backoff wait, from Redis. Returns how
 * many sources are failing, or -1 when Redis cannot be read.
 */
int sources_status(const struct config *cfg, struct redis *r, FILE *out, int failing_only);

#endif
