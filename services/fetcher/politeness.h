#ifndef PRECIS_POLITENESS_H
#define PRECIS_POLITENESS_H

#include <stddef.h>

#include "config.h"
#include "redis.h"

/*
 * How the fetcher treats the hosts it visits, across every replica: at
 * most fetcher.host_concurrency requests in flight to one host and
 * fetcher.host_delay_ms between the starts of two (slots in Redis that
 * expire, in case a replica dies holding one; Redis's clock, so replicas'
 * clocks need not agree), and robots.txt (RFC 9309, robots.h) obeyed for
 * every page found in a feed. Keys: host:slots:ORIGIN, host:next:ORIGIN,
 * robots:ORIGIN (proto/redis_keys.h).
 */
struct politeness;

/* cfg and redis are borrowed for its life; owner names this process in slot tokens. */
struct politeness *politeness_new(const struct config *cfg, struct redis *redis,
	const char *owner);
void politeness_free(struct politeness *p);

/*
 * A request slot for origin. 0: go, token holds the slot until
 * politeness_release(); > 0: ms to wait; -1: the host is busy.
 */
long long politeness_acquire(struct politeness *p, const char *origin, char *token, size_t size);
/* Gives the slot back (a token emptied by a failed acquire is ignored) and empties token. */
void politeness_release(struct politeness *p, const char *origin, char *token);

/*
 * Whether robots.txt of url's origin lets fetcher.user_agent fetch it. The
 * file is cached in Redis for every replica: a day when it answered (2xx,
 * or 4xx: no rules), ten minutes as "disallow all" when the server failed
 * or could not be reached, as RFC 9309 asks; and in this process for a
 * minute, so a poll of a thousand pages on one site asks Redis once.
 */
int politeness_robots_allow(struct politeness *p, const char *url);

#endif
