#ifndef PRECIS_REDIS_KEYS_H
#define PRECIS_REDIS_KEYS_H

/*
 * Every key precis keeps in Redis: the whole Redis schema in one place, as
 * the JSON Schemas beside this file are the topics' contracts. Each name is
 * a printf format (its %s are the parts that vary) and goes after
 * redis.prefix ("precis:" by default): build a key with redis_key() or
 * write "...%s" REDIS_KEY_X "..." in a redis_command() format, never a
 * literal of its own. Lua scripts take their keys as KEYS or, where a
 * script makes keys itself, their stem as an argument.
 *
 * For each key: its type, how long it lives, who writes it (the owner) and
 * who else reads it.
 */

/* ---- fetcher: claims.c ---- */

/*
 * seen:ID — string, the article's URL. TTL fetcher.seen_ttl_days. Set once
 * the broker has confirmed the page (or, under precis run, once the run has
 * published it): that article is never fetched again while it lives.
 */
#define REDIS_KEY_SEEN "seen:%s"

/*
 * claim:ID — string, the owner (HOST:PID:NONCE) fetching the page. TTL
 * fetcher.claim_ttl_s. A replica takes it before fetching (SET NX) and drops
 * it once the page is seen or has failed; a dead replica's claim expires.
 */
#define REDIS_KEY_CLAIM "claim:%s"

/*
 * run:pending — set of article ids, no TTL. With fetcher.mark_seen=run the
 * fetcher adds what it fetched; precis run and up turn them into seen:ID
 * once published, or delete the set at the start of the next run when the
 * last one broke off (fetcher_confirm_run(), fetcher_forget_run()).
 */
#define REDIS_KEY_RUN_PENDING "run:pending"

/* ---- fetcher: politeness.c ---- */

/*
 * host:slots:ORIGIN — sorted set of slot tokens scored by when they expire
 * (ms, Redis clock); the key's TTL is the longest lease. At most
 * fetcher.host_concurrency tokens: requests in flight to one host across
 * every replica.
 */
#define REDIS_KEY_HOST_SLOTS "host:slots:%s"

/*
 * host:next:ORIGIN — string, the earliest start (ms, Redis clock) of the
 * next request to the host. TTL fetcher.host_delay_ms.
 */
#define REDIS_KEY_HOST_NEXT "host:next:%s"

/*
 * robots:ORIGIN — string, the host's robots.txt ("" when it has none). TTL
 * one day; ten minutes, holding "Disallow: /", when the host failed.
 */
#define REDIS_KEY_ROBOTS "robots:%s"

/* ---- fetcher: sources.c (read by precis sources status) ---- */

/*
 * source:NAME — hash, no TTL: the health and poll state of one source.
 *   last_poll_at          ms of the last poll taken by any replica
 *   next_attempt_at       ms before which a failing source is not polled
 *   last_success_at       RFC 3339 time of the last good poll
 *   last_error_at         RFC 3339 time of the last failed poll
 *   last_error            why it failed
 *   consecutive_failures  failed polls in a row
 *   entries               entries in the feed at the last good poll
 *   etag, last_modified   validators of the last poll whose every page was
 *                         delivered, for a conditional GET
 */
#define REDIS_KEY_SOURCE "source:%s"

/* ---- summarizer ---- */

/*
 * sum:KEY — string, a model's summary as JSON (sumcache.h). TTL
 * summarizer.cache_ttl_s. KEY hashes the article and everything that shapes
 * the answer.
 */
#define REDIS_KEY_SUMMARY_CACHE "sum:%s"

/*
 * llm:tokens — string, an integer, no TTL: tokens the summarizers spent on
 * the edition being gathered (INCRBY), checked against llm.token_budget.
 * The publisher moves it into the edition's meta as llm_tokens when it
 * closes the edition, so the next one starts from nothing.
 */
#define REDIS_KEY_LLM_TOKENS "llm:tokens"

/* ---- publisher: edition.c (read by precis digest show) ---- */

/* edition:open — hash, article id -> summary message: the edition being gathered. */
#define REDIS_KEY_EDITION_OPEN "edition:open"

/* edition:ID:items — hash, the same as edition:open, renamed when the edition closed. */
#define REDIS_KEY_EDITION_ITEMS "edition:%s:items"

/*
 * edition:ID:meta — hash:
 *   state          closed | published
 *   closed_at, published_at   RFC 3339 times
 *   llm_tokens     tokens spent on the edition's summaries
 *   digest         the digest message, rendered once and resent as is
 *   sink:NAME      "delivered at TIME" or "failed at TIME: reason", per sink
 *   path           the Markdown file, when a file sink has it
 *   articles       articles in the edition
 */
#define REDIS_KEY_EDITION_META "edition:%s:meta"

/*
 * site:SITE:headlines — list, the headlines of SITE (a host, or a source's
 * name) in past editions, newest first, the last 50 (siteparts.h). TTL
 * publisher.remember_days after the site's last edition.
 */
#define REDIS_KEY_SITE_HEADLINES "site:%s:headlines"

/* editions:pending — set of edition ids closed but not yet delivered to every sink. */
#define REDIS_KEY_EDITIONS_PENDING "editions:pending"

/* editions — sorted set of published edition ids, scored by publication time (ms). */
#define REDIS_KEY_EDITIONS "editions"

/*
 * included — sorted set, article id -> when its edition closed (ms):
 * articles already in a closed edition never join another. Trimmed to
 * publisher.remember_days when an edition closes.
 */
#define REDIS_KEY_INCLUDED "included"

/*
 * lock:publish — string, the token of the publisher delivering editions.
 * TTL publisher.lock_ttl_ms, renewed before each sink attempt.
 */
#define REDIS_KEY_PUBLISH_LOCK "lock:publish"

/*
 * scheduled:SCHEDULE:PERIOD — string "1", TTL 14 days: the scheduled
 * publication of that period happened, so restarts do not publish it again.
 */
#define REDIS_KEY_SCHEDULED "scheduled:%s:%s"

#endif
