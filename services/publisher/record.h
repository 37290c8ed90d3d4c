#ifndef PRECIS_RECORD_H
#define PRECIS_RECORD_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "redis.h"
#include "sink.h"

/*
 * The record of what was published. Redis keeps it for the publisher
 * (edition:ID:meta, editions, included); the digest topic keeps it for
 * good, since the sink that writes it takes every edition first
 * (edition.c). A Redis restarted without persistence loses the first, and
 * the open edition with it. The publisher then rebuilds the record from
 * the topic before anything joins or leaves an edition (recovered), and
 * reads the summaries topic again from its start, partition by partition
 * (gathered): what the lost open edition held is gathered again, and what
 * was published stays out. Keys: proto/redis_keys.h.
 */

/* 1 when this Redis's record is whole, 0 when it must be recovered, -1 on a Redis error. */
int record_whole(struct redis *r);

/*
 * Rebuilds the record from the digest topic, if it is not whole: every
 * edition found there is written back as published (record_edition()),
 * and the latest goes again to the sinks that can tell they lack it
 * (sink holds). Call it holding the publish lock: when the topic has
 * editions, it first waits publisher.lock_ttl_ms, so that a publisher that
 * was delivering when Redis lost its state has finished, and keeps the
 * lock meanwhile with keep_lock (non-zero: lost). Without a sink that
 * writes the topic there is nothing to read: it says so and goes on.
 * Returns 0, or -1 with errstr.
 */
int record_recover(const struct config *cfg, struct redis *r, const struct sink *sinks,
	size_t nsinks, int (*keep_lock)(void *ctx), void *ctx, char *errstr, size_t errsize);

/*
 * Writes an edition delivered to the digest topic (digest, its message,
 * json its text) into the record, as of ts (ms): its articles into
 * included and, when Redis has no state for it (it lost it meanwhile),
 * its meta as published with note saying why. What is there stays.
 * Returns 0, or -1 (redis_errstr() says why).
 */
int record_edition(struct redis *r, const json_t *digest, const char *json, size_t len,
	int64_t ts, const char *note);

/* Of the n partitions parts, those not gathered in this Redis, into out; how many, or -1. */
int record_ungathered(struct redis *r, const int32_t *parts, size_t n, int32_t *out);

/* Partition p is read from its start into this Redis from now on. 0, or -1. */
int record_gathered(struct redis *r, int32_t p);

#endif
