#ifndef PRECIS_FETCHER_H
#define PRECIS_FETCHER_H

#include <signal.h>

#include "cli.h"
#include "config.h"

/*
 * The fetcher polls every configured source's feed, fetches each article
 * page it has not fetched before, and produces it to topics.pages keyed by
 * article id. An article is remembered as fetched (in Redis) only once the
 * broker has confirmed its page: a crash before that means it is fetched
 * again, never that it is lost. Under precis run, whose broker lives in
 * memory, confirmation waits for the run's publication instead
 * (fetcher.mark_seen=run; see claims.h). The loop is here; claims.c decides
 * who fetches a page and remembers it, politeness.c paces hosts and reads
 * robots.txt, sources.c keeps each source's schedule and health.
 */

/*
 * Polls all sources once (once != 0) or every fetcher.poll_interval_s until
 * *stop. Returns 0, or -1 with a one-line error in errstr when the broker
 * or Redis cannot be used at all.
 */
int fetcher_run(struct svc *svc, int once, volatile sig_atomic_t *stop, char *errstr,
	size_t errsize);

#endif
