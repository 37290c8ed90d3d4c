#ifndef PRECIS_POLITENESS_H
#define PRECIS_POLITENESS_H

#include <stddef.h>

#include "config.h"
#include "redis.h"

/*
 * How the fetcher treats the hosts it visits, across every replica: at
 * most fetcher.host_concurrency requests in flight to one host and
 * fetcher.host_delay_ms between the starts of two (slots in Redis leased
 * and renewed, so a replica that dies frees them soon; Redis's clock, so
 * replicas' clocks need not agree), and robots.txt (RFC 9309, robots.h)
 * obeyed for every page found in a feed. Keys: host:slots:ORIGIN, host:next:ORIGIN,
 * robots:ORIGIN (proto/redis_keys.h).
 */
struct politeness;

/* cfg and redis are borrowed for its life; owner names this process in slot tokens. */
struct politeness *politeness_new(const struct config *cfg, struct redis *redis,
	const char *owner);
void politeness_free(struct politeness *p);

/*
 * A request slot for origin. 0: go, token holds the slot until
 * politeness_release(); > 0: ms to wait; -1: the host is busy. A slot is a
 * lease of fetcher.host_lease_ms that politeness_renew() extends while the
 * request is in flight: a replica that dies frees its slots that long after
 * its last renewal, not after its longest possible request.
 */
long long politeness_acquire(struct politeness *p, const char *origin, char *token, size_t size);
/* Extends the lease of a slot held (a token from politeness_acquire()). */
void politeness_renew(struct politeness *p, const char *origin, const char *token);
/* Gives the slot back (a token emptied by a failed acquire is ignored) and empties token. */
void politeness_release(struct politeness *p, const char *origin, char *token);

/*
 * Whether robots.txt of url's origin lets fetcher.user_agent fetch it, from
 * what is known already: 1 yes (also for URLs without an origin, such as
 * file://), 0 no, -1 not known yet: then fetch origin + "/robots.txt" like
 * any request, within the host's politeness, and hand the answer to
 * politeness_robots_learn(). *unread is set to 1 when the answer is 0 for
 * want of a readable robots.txt (see politeness_robots_learn()), else 0.
 * Nothing here waits on the network but a Redis round trip, once a minute
 * per origin at most.
 */
int politeness_robots_allowed(struct politeness *p, const char *url, int *unread);

/*
 * The answer to origin's robots.txt request: its status (0 when none came)
 * and body. Kept in Redis for every replica for a day when it answered
 * (2xx: its rules; 4xx: no rules), ten minutes as "disallow all" when the
 * server failed or could not be reached, as RFC 9309 asks; and in this
 * process for a minute.
 */
void politeness_robots_learn(struct politeness *p, const char *origin, long status,
	const char *body, size_t len);

#endif
