#ifndef PRECIS_CLAIMS_H
#define PRECIS_CLAIMS_H

#include <stddef.h>

#include "config.h"
#include "redis.h"

/*
 * Which replica fetches an article page, and remembering it as fetched
 * (proto/redis_keys.h: claim:ID, seen:ID, run:pending). A page is fetched
 * by the replica whose claim succeeds and marked seen only once the broker
 * has it; a replica that dies holding a claim leaves it to expire
 * (fetcher.claim_ttl_s), and the next poll of any replica takes the page
 * then. Nothing is lost, and nothing is fetched twice while its claimant
 * lives.
 */
struct claims;

/* cfg and redis are borrowed for the claims' life; owner names this process. */
struct claims *claims_new(const struct config *cfg, struct redis *redis, const char *owner);
/* Frees what is not flushed yet: those pages are fetched again later. */
void claims_free(struct claims *c);

enum claim_result {
	CLAIM_FAILED = -1, /* Redis failed: not fetched this time */
	CLAIM_TAKEN = 0, /* ours to fetch */
	CLAIM_SEEN = 1, /* fetched before */
	CLAIM_TAKEN_ELSEWHERE = 2, /* another replica's */
};

/*
 * Claims the n pages ids, one round trip per 500, into out[i]. Returns 0,
 * or -1 when Redis failed for some (theirs are CLAIM_FAILED).
 */
int claims_take(struct claims *c, const char *const *ids, size_t n, enum claim_result *out);

/* Gives up the claim on page id if still ours: the next poll of any replica fetches it. */
void claims_drop(struct claims *c, const char *id);

/*
 * The broker confirmed page id (at url). With fetcher.mark_seen=delivery
 * it is marked seen at the next claims_flush(); with run, precis run
 * confirms it once published (claims_confirm_run()).
 */
void claims_delivered(struct claims *c, const char *id, const char *url);

/* Page id is done for good (a dead letter): seen at the next claims_flush(), whatever the mode. */
void claims_mark_seen(struct claims *c, const char *id, const char *url);

/* Marks the pages noted since the last flush seen and drops their claims. */
void claims_flush(struct claims *c);

/*
 * precis run's side of fetcher.mark_seen=run. claims_forget_run() drops
 * what a broken run left pending, so those articles are fetched again;
 * claims_confirm_run() marks what this run fetched as seen, once published.
 * Both return 0, or -1 with errstr.
 */
int claims_forget_run(struct redis *r, char *errstr, size_t errsize);
int claims_confirm_run(const struct config *cfg, struct redis *r, char *errstr, size_t errsize);

#endif
