#ifndef PRECIS_EDITION_H
#define PRECIS_EDITION_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
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
 *   editions:pending        closed editions not yet delivered to every sink
 *   editions                published editions, scored by publication time
 *   recovered, gathered     the record is whole, which partitions are read (record.h)
 *   included                article id -> when its edition closed (ms), for
 *                           publisher.remember_days
 *
 * A summary joins the open edition unless its article is already in a
 * closed one, so a redelivered message can never repeat an article.
 * Closing renames the open hash in one atomic step; a summary arriving
 * after that joins the next edition.
 */

/* What edition_add() says when the summary cannot join yet (record.h). */
#define EDITION_UNRECOVERED (-2) /* the record of published editions is not whole: recover it */
#define EDITION_UNGATHERED (-3) /* its partition is not gathered here: read it again first */

/*
 * Adds a summary (its JSON text, read from partition of topics.summaries)
 * for article id to the open edition. Returns 1 when added or replaced, 0
 * when the article is already in a closed edition, -1 on a Redis error
 * (redis_errstr() says why), or EDITION_UNRECOVERED or EDITION_UNGATHERED.
 */
int edition_add(struct redis *r, const char *id, const char *json, size_t len,
	int32_t partition);

struct edition_published {
	char id[64];
	char path[4096]; /* where readers find it (a file sink's Markdown), else "(no file sink)" */
	long long articles;
	long long stories;
};

/*
 * Under the publish lock (one publisher at a time, see edition.c), makes
 * the record of published editions whole if Redis lost it (record.h),
 * closes the open edition (if it has anything) and delivers every closed
 * edition not yet delivered to every sink (sink.h), the sink of the digest
 * topic first. Each sink's outcome is kept in the edition's meta as
 * sink:NAME, so a sink that has an edition never gets it twice. A sink
 * that refuses it for good gets a dead letter; one that still fails after
 * its tries leaves the edition pending, and this returns -1 saying so: the
 * next call tries that sink again. *stop (may be NULL) cuts retries short,
 * leaving editions pending. Fills at most max entries of out with the
 * editions published and sets *n. Returns 0, or -1 with errstr filled.
 * Sink outcomes are counted in metrics (precis_sink_deliveries_total) when
 * it is not NULL.
 */
int edition_publish(const struct config *cfg, struct redis *r, struct metrics *metrics,
	const atomic_int *stop, struct edition_published *out, size_t max, size_t *n,
	char *errstr, size_t errsize);

/*
 * Makes the record of published editions whole from the digest topic
 * (record_recover()) under the publish lock. 0, or -1 with errstr.
 */
int edition_recover(const struct config *cfg, struct redis *r, char *errstr, size_t errsize);

/*
 * `precis digest show`: edition id's state and where it went, one field a
 * line (its meta hash, see proto/redis_keys.h), the stored digest by its
 * size. Returns 1 when printed, 0 when there is no such edition, -1 when
 * Redis failed (redis_errstr() says why).
 */
int edition_describe(struct redis *r, const char *id, FILE *out);

#endif
