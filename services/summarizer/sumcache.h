#ifndef PRECIS_SUMCACHE_H
#define PRECIS_SUMCACHE_H

#include "answer.h"
#include "redis.h"

/*
 * Paid-for summaries, kept in Redis so a redelivered or re-fetched article
 * never costs a second model call. An entry is found by everything that
 * shapes the answer: the article's title and text, the backend, the model,
 * the prompt version and the language asked for. Entries are read back
 * through answer_parse(), so a damaged entry is a miss, never a bad summary.
 */

#define SUMCACHE_KEY_SIZE 33

/* The cache key (32 hex characters) of one article under one setup. */
void sumcache_key(const char *backend, const char *model, const char *prompt_version,
	const char *lang, const char *title, const char *text, char out[SUMCACHE_KEY_SIZE]);

/* 1 with s filled on a hit, 0 on a miss, -1 when Redis failed (redis_errstr() says why). */
int sumcache_get(struct redis *r, const char *key, const struct answer_rules *rules,
	struct summary *s);

/* Stores s for ttl_s seconds. 0, or -1 when Redis failed. */
int sumcache_put(struct redis *r, const char *key, const struct summary *s, long long ttl_s);

#endif
