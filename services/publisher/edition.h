#ifndef PRECIS_EDITION_H
#define PRECIS_EDITION_H

#include <stddef.h>
#include <stdio.h>

#include "config.h"
#include "metrics.h"
#include "redis.h"

/*
 * Edition state, all in Redis so that a publisher crash or restart loses
 * nothing (keys under redis.prefix):
 *
 *   edition:open            hash article id -> summary, the edition being filled
 *   edition:ID:items        the same hash once the edition is closed
 *   edition:ID:meta         state (closed|published), closed_at, published_at, path
 *   editions:pending        closed editions not yet delivered
 *   editions                published editions, scored by publication time
 *   included                article id -> when its edition closed (ms), for
 *                           publisher.remember_days
 *
 * A summary joins the open edition unless its article is already in a
 * closed one, so a redelivered message can never repeat an article.
 * Closing renames the open hash in one atomic step; a summary arriving
 * after that joins the next edition.
 */

/*
 * Adds a summary (its JSON text) for article id to the open edition.
 * Returns 1 when added or replaced, 0 when the article is already in a
 * closed edition, -1 on a Redis error (redis_errstr() says why).
 */
int edition_add(struct redis *r, const char *id, const char *json, size_t len);

struct edition_published {
	char id[64];
	char path[4096]; /* where readers find it (a file sink's Markdown), else "(no file sink)" */
	long long articles;
	long long stories;
};

/*
 * Under the publish lock (one publisher at a time, see edition.c), closes
 * the open edition (if it has anything) and delivers every closed
 * edition not yet delivered to every sink (sink.h). Each sink's outcome is
 * kept in the edition's meta as sink:NAME, so a sink that has an edition
 * never gets it twice; a sink that still fails after its retries gets a
 * dead letter and the edition counts as published. Fills at most max
 * entries of out and sets *n. Returns 0, or -1 with errstr filled (editions
 * not delivered stay pending for the next call). Sink outcomes are counted
 * in metrics (precis_sink_deliveries_total) when it is not NULL.
 */
int edition_publish(const struct config *cfg, struct redis *r, struct metrics *metrics,
	struct edition_published *out, size_t max, size_t *n, char *errstr, size_t errsize);

/*
 * `precis digest show`: edition id's state and where it went, one field a
 * line (its meta hash, see proto/redis_keys.h), the stored digest by its
 * size. Returns 1 when printed, 0 when there is no such edition, -1 when
 * Redis failed (redis_errstr() says why).
 */
int edition_describe(struct redis *r, const char *id, FILE *out);

#endif
