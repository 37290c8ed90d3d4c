#ifndef PRECIS_FETCHER_H
#define PRECIS_FETCHER_H

#include <signal.h>
#include <stdio.h>

#include "cli.h"
#include "config.h"

/*
 * The fetcher polls every configured source's feed, fetches each article
 * page it has not fetched before, and produces it to topics.pages keyed by
 * article id. An article is remembered as fetched (in Redis) only once the
 * broker has confirmed its page: a crash before that means it is fetched
 * again, never that it is lost. Under precis run, whose broker lives in
 * memory, confirmation waits for the run's publication instead
 * (fetcher.mark_seen=run; see fetcher_confirm_run()).
 */

/* The feed URL of a source: paths without a scheme become file:// URLs
 * relative to the config file's folder. Caller frees. */
char *fetcher_source_url(const struct config *cfg, const char *url);

/*
 * Polls all sources once (once != 0) or every fetcher.poll_interval_s until
 * *stop. Returns 0, or -1 with a one-line error in errstr when the broker
 * or Redis cannot be used at all.
 */
int fetcher_run(struct svc *svc, int once, volatile sig_atomic_t *stop, char *errstr,
	size_t errsize);

/*
 * precis run's side of fetcher.mark_seen=run. fetcher_forget_run() drops
 * what a broken run left pending, so those articles are fetched again;
 * fetcher_confirm_run() marks what this run fetched as seen, once published.
 * Both return 0, or -1 with errstr.
 */
struct redis;
int fetcher_forget_run(const struct config *cfg, struct redis *r, char *errstr, size_t errsize);
int fetcher_confirm_run(const struct config *cfg, struct redis *r, char *errstr, size_t errsize);

/*
 * `precis sources status`: for every configured source, its last success,
 * last error, failures in a row, entries and backoff wait, from Redis.
 * Returns how many sources are failing, or -1 when Redis cannot be read.
 */
int fetcher_sources_status(const struct config *cfg, struct redis *r, FILE *out);

#endif
