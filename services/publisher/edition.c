#include "edition.h"

#include <jansson.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kafka.h"
#include "log.h"
#include "msg.h"
#include "redis_keys.h"
#include "siteparts.h"
#include "render.h"
#include "schedule.h"
#include "sink.h"
#include "common.h"

/*
 * included is a sorted set: article id -> when its edition closed (ms), so
 * that ids older than publisher.remember_days can go. Data from before that
 * was a plain set; the first script to meet it converts it, dated now.
 */
#define MIGRATE_INCLUDED \
	"if redis.call('TYPE', KEYS[IDX]).ok == 'set' then " \
	"local old = redis.call('SMEMBERS', KEYS[IDX]) redis.call('DEL', KEYS[IDX]) " \
	"for i = 1, #old, 500 do local args = {} " \
	"for j = i, math.min(i + 499, #old) do args[#args + 1] = NOW args[#args + 1] = old[j] end " \
	"redis.call('ZADD', KEYS[IDX], unpack(args)) end end "

/* KEYS: included, open. ARGV: id, summary, now ms. */
static const char add_script[] =
	"local IDX, NOW = 1, ARGV[3] "
	MIGRATE_INCLUDED
	"if redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end "
	"redis.call('HSET', KEYS[2], ARGV[1], ARGV[2]) return 1";

/*
 * KEYS: open, items, meta, pending, included, LLM tokens. ARGV: id, closed_at,
 * now ms, remember ms. The tokens counted so far were spent on this edition:
 * they go into its meta, and the next edition's budget starts from nothing.
 * Articles of editions older than remember ms are forgotten.
 */
static const char close_script[] =
	"local IDX, NOW = 5, ARGV[3] "
	MIGRATE_INCLUDED
	"if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end "
	"if redis.call('EXISTS', KEYS[2]) == 1 or redis.call('EXISTS', KEYS[3]) == 1 then "
	"return -1 end "
	"redis.call('RENAME', KEYS[1], KEYS[2]) "
	"local ids = redis.call('HKEYS', KEYS[2]) "
	"for i = 1, #ids, 500 do local args = {} "
	"for j = i, math.min(i + 499, #ids) do args[#args + 1] = NOW args[#args + 1] = ids[j] end "
	"redis.call('ZADD', KEYS[5], unpack(args)) end "
	"redis.call('ZREMRANGEBYSCORE', KEYS[5], '-inf', tonumber(NOW) - tonumber(ARGV[4])) "
	"redis.call('HSET', KEYS[3], 'state', 'closed', 'closed_at', ARGV[2]) "
	"local t = redis.call('GET', KEYS[6]) "
	"if t then redis.call('HSET', KEYS[3], 'llm_tokens', t) redis.call('DEL', KEYS[6]) end "
	"redis.call('SADD', KEYS[4], ARGV[1]) return 1";

int edition_add(struct redis *r, const char *id, const char *json, size_t len)
{
	char *included = redis_key(r, REDIS_KEY_INCLUDED), *open = redis_key(r, REDIS_KEY_EDITION_OPEN);
	char now[32];
	const char *argv[8];
	size_t argvlen[8];
	redisReply *rep;
	int rc;

	snprintf(now, sizeof(now), "%lld", (long long)now_ms());
	argv[0] = "EVAL", argv[1] = add_script, argv[2] = "2", argv[3] = included;
	argv[4] = open, argv[5] = id, argv[6] = json, argv[7] = now;
	for (int i = 0; i < 8; i++)
		argvlen[i] = i == 6 ? len : strlen(argv[i]); /* json is len bytes, no NUL */
	rep = redis_command_argv(r, 8, argv, argvlen);
	free(included);
	free(open);
	if (!rep)
		return -1;
	rc = rep->type == REDIS_REPLY_INTEGER && rep->integer == 1;
	freeReplyObject(rep);
	return rc;
}

/* Closes the open edition under a fresh id: YYYY-MM-DD (hourly: YYYY-MM-DDTHH), then -2 and on. */
static int close_open(const struct config *cfg, struct redis *r, char *errstr, size_t errsize)
{
	char day[32], id[64], ts[32];
	time_t now = time(NULL);
	struct tm tm;
	redisReply *rep;
	int rc = -1;

	localtime_r(&now, &tm);
	schedule_edition_id(cfg->publisher_schedule, &tm, day, sizeof(day));
	time_iso8601(now_ms(), ts, sizeof(ts));
	for (int n = 1; n < 1000 && rc < 0; n++) {
		char *items, *meta;

		if (n == 1)
			snprintf(id, sizeof(id), "%s", day);
		else
			snprintf(id, sizeof(id), "%s-%d", day, n);
		items = redis_key(r, REDIS_KEY_EDITION_ITEMS, id);
		meta = redis_key(r, REDIS_KEY_EDITION_META, id);
		rep = redis_command(r,
			"EVAL %s 6 %s" REDIS_KEY_EDITION_OPEN " %s %s %s" REDIS_KEY_EDITIONS_PENDING
			" %s" REDIS_KEY_INCLUDED " %s" REDIS_KEY_LLM_TOKENS " %s %s %lld %lld",
			close_script, redis_prefix(r), items, meta, redis_prefix(r), redis_prefix(r),
			redis_prefix(r), id, ts, (long long)now_ms(),
			(long long)cfg->publisher_remember_days * 86400000LL);
		free(items);
		free(meta);
		if (!rep) {
			snprintf(errstr, errsize, "cannot close the edition: %s", redis_errstr(r));
			return -1;
		}
		if (rep->integer != -1) {
			if (rep->integer == 1)
				log_info("closed edition %s", id);
			rc = 0;
		}
		freeReplyObject(rep); /* -1: that id is taken, try the next */
	}
	if (rc)
		snprintf(errstr, errsize, "more than 999 editions today");
	return rc;
}

/*
 * One publisher at a time delivers editions. The lock expires by itself, so
 * a publisher that died holding it blocks the next one for at most
 * publisher.lock_ttl_ms; a working publisher renews it before every sink
 * attempt, and only its owner (by token) may renew or release it.
 */
struct publish_lock {
	char token[64];
	int64_t ttl_ms;
};

static const char renew_script[] =
	"if redis.call('GET', KEYS[1]) == ARGV[1] then "
	"return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0";
static const char release_script[] =
	"if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end "
	"return 0";

static int lock_take(struct redis *r, struct publish_lock *l, int64_t ttl_ms, char *errstr,
	size_t errsize)
{
	redisReply *rep;

	snprintf(l->token, sizeof(l->token), "%d-%lld", (int)getpid(), (long long)now_ms());
	l->ttl_ms = ttl_ms;
	rep = redis_command(r, "SET %s" REDIS_KEY_PUBLISH_LOCK " %s NX PX %lld", redis_prefix(r),
		l->token, (long long)ttl_ms);
	if (!rep) {
		snprintf(errstr, errsize, "%s", redis_errstr(r));
		return -1;
	}
	if (rep->type == REDIS_REPLY_NIL) {
		freeReplyObject(rep);
		snprintf(errstr, errsize,
			"another publisher is publishing right now (or died less than %lld ms ago); "
			"try again",
			(long long)ttl_ms);
		return -1;
	}
	freeReplyObject(rep);
	return 0;
}

/* 0 while we still hold the lock. */
static int lock_renew(struct redis *r, const struct publish_lock *l)
{
	redisReply *rep = redis_command(r, "EVAL %s 1 %s" REDIS_KEY_PUBLISH_LOCK " %s %lld",
		renew_script, redis_prefix(r), l->token, (long long)l->ttl_ms);
	int held = rep && rep->type == REDIS_REPLY_INTEGER && rep->integer == 1;

	if (rep)
		freeReplyObject(rep);
	return held ? 0 : -1;
}

static void lock_release(struct redis *r, const struct publish_lock *l)
{
	redisReply *rep = redis_command(r, "EVAL %s 1 %s" REDIS_KEY_PUBLISH_LOCK " %s", release_script,
		redis_prefix(r), l->token);

	if (rep)
		freeReplyObject(rep);
}

/* "sink:NAME" in the edition's meta: "delivered at TS" or "failed at TS: reason". */
static int sink_delivered(struct redis *r, const char *meta, const char *name)
{
	redisReply *rep = redis_command(r, "HGET %s sink:%s", meta, name);
	int done = rep && rep->type == REDIS_REPLY_STRING && !strncmp(rep->str, "delivered", 9);

	if (rep)
		freeReplyObject(rep);
	return done;
}

static void sink_status(struct redis *r, const char *meta, const char *name, const char *status)
{
	redisReply *rep = redis_command(r, "HSET %s sink:%s %s", meta, name, status);

	if (rep)
		freeReplyObject(rep);
	else
		log_error("cannot record the status of sink %s: %s", name, redis_errstr(r));
}

static void count_delivery(struct metrics *metrics, const struct sink *s, const char *outcome)
{
	if (metrics)
		metrics_add(metrics, "precis_sink_deliveries_total", 1, "sink", s->name, "outcome",
			outcome, NULL);
}

/*
 * Delivers the edition to one sink: retried with doubling backoff and
 * jitter, never again once it succeeded (the status in Redis says so), and
 * dead-lettered with the reason when it still fails. A failing sink holds
 * up only itself.
 */
static int deliver_to(const struct config *cfg, struct redis *r, struct metrics *metrics,
	const struct publish_lock *l, const char *meta, struct sink *s,
	const struct sink_edition *e)
{
	int64_t backoff = cfg->publisher_retry_backoff_ms;
	char reason[1024] = "", status[1200], ts[32], err[512];
	enum sink_result res = SINK_RETRY;

	if (sink_delivered(r, meta, s->name)) {
		log_info("edition %s: sink %s already has it", e->id, s->name);
		return 0;
	}
	for (int64_t attempt = 1; attempt <= cfg->publisher_sink_attempts; attempt++) {
		if (lock_renew(r, l)) {
			log_error("edition %s: lost the publish lock; leaving sink %s to whoever holds it",
				e->id, s->name);
			return -1;
		}
		res = sink_deliver(s, e, reason, sizeof(reason));
		if (res != SINK_RETRY)
			break;
		if (attempt == cfg->publisher_sink_attempts)
			break;
		count_delivery(metrics, s, "retried");
		log_warn("edition %s: sink %s: %s; try %lld of %lld in %lld ms", e->id, s->name,
			reason, (long long)attempt + 1, (long long)cfg->publisher_sink_attempts,
			(long long)backoff);
		sleep_ms(backoff / 2 + (int64_t)((uint64_t)now_ms() % (uint64_t)(backoff / 2 + 1)));
		backoff = backoff * 2 > 60000 ? 60000 : backoff * 2;
	}
	time_iso8601(now_ms(), ts, sizeof(ts));
	if (res == SINK_OK) {
		snprintf(status, sizeof(status), "delivered at %s", ts);
		sink_status(r, meta, s->name, status);
		log_info("edition %s: delivered to sink %s", e->id, s->name);
		count_delivery(metrics, s, "delivered");
		return 0;
	}
	snprintf(status, sizeof(status), "failed at %s: %s", ts, reason);
	sink_status(r, meta, s->name, status);
	log_error("edition %s: sink %s failed for good: %s", e->id, s->name, reason);
	count_delivery(metrics, s, "failed");
	{
		char why[1200], where[300];
		json_t *dl;
		char *v;
		size_t len;

		snprintf(why, sizeof(why), "sink %s: %s", s->name, reason);
		snprintf(where, sizeof(where), "sink:%s", s->name);
		dl = msg_deadletter("publisher", why, where, -1, -1, e->id, strlen(e->id), e->json,
			e->json_len);
		v = msg_encode(MSG_DEADLETTER, dl, &len, err, sizeof(err));
		if (!v || kafka_produce_confirmed(cfg, "precis-publisher", cfg->topic_deadletter,
				  e->id, v, len, err, sizeof(err)))
			log_error("edition %s: not even the dead letter for sink %s got out: %s",
				e->id, s->name, err);
		free(v);
		json_decref(dl);
	}
	return 0;
}

/*
 * The edition's digest message, rendered once: the first render is stored
 * with the edition, and a publisher resuming after a crash sends every sink
 * the same bytes. Returns the digest and its text (caller frees both), or
 * NULL with errstr filled.
 */
static json_t *render_once(const struct config *cfg, struct redis *r, struct metrics *metrics,
	const char *id, const char *meta, char **text, size_t *len, char *errstr, size_t errsize)
{
	redisReply *rep;
	json_t *summaries, *digest, *past;
	struct render_stats st;
	char why[512];

	rep = redis_command(r, "HGET %s digest", meta);
	if (!rep) {
		snprintf(errstr, errsize, "cannot read edition %s: %s", id, redis_errstr(r));
		return NULL;
	}
	if (rep->type == REDIS_REPLY_STRING) {
		digest = msg_decode(MSG_DIGEST, rep->str, rep->len, errstr, errsize);
		if (digest) {
			*text = xstrndup(rep->str, rep->len);
			*len = rep->len;
		}
		freeReplyObject(rep);
		return digest;
	}
	freeReplyObject(rep);
	rep = redis_command(r, "HVALS %s" REDIS_KEY_EDITION_ITEMS, redis_prefix(r), id);
	if (!rep) {
		snprintf(errstr, errsize, "cannot read edition %s: %s", id, redis_errstr(r));
		return NULL;
	}
	summaries = json_array();
	for (size_t i = 0; i < rep->elements; i++) {
		char err[512];
		json_t *s = msg_decode(MSG_SUMMARY, rep->element[i]->str,
			rep->element[i]->len, err, sizeof(err));

		if (s)
			json_array_append_new(summaries, s);
		else
			log_error("edition %s: skipping a stored summary: %s", id, err);
	}
	freeReplyObject(rep);
	/* A site's headlines of past editions tell its name where one edition's few cannot. */
	past = siteparts_recall(r, summaries);
	digest = render_edition(cfg, id, summaries, past, now_ms(), &st);
	json_decref(past);
	if (siteparts_remember(r, summaries, cfg->publisher_remember_days * 86400, why, sizeof(why)))
		log_warn("edition %s: %s; the next editions learn the sites' names from less", id, why);
	json_decref(summaries);
	if (metrics && st.headlines_cut)
		metrics_add(metrics, "precis_headline_parts_cut_total", (double)st.headlines_cut, NULL);
	*text = msg_encode(MSG_DIGEST, digest, len, errstr, errsize);
	if (!*text)
		goto fail;
	rep = redis_command(r, "HSET %s digest %b", meta, *text, *len);
	if (!rep) {
		snprintf(errstr, errsize, "cannot store edition %s: %s", id, redis_errstr(r));
		free(*text);
		goto fail;
	}
	freeReplyObject(rep);
	return digest;
fail:
	json_decref(digest);
	return NULL;
}

/* Loads, renders and delivers one closed edition. */
static int deliver(const struct config *cfg, struct redis *r, struct metrics *metrics,
	const struct publish_lock *l, struct sink *sinks, size_t nsinks, const char *id, struct edition_published *pub,
	char *errstr, size_t errsize)
{
	char ts[32], *meta = redis_key(r, REDIS_KEY_EDITION_META, id);
	redisReply *rep;
	json_t *digest, *stats;
	char *value = NULL;
	size_t len;
	int rc = -1;

	digest = render_once(cfg, r, metrics, id, meta, &value, &len, errstr, errsize);
	if (!digest)
		goto out;
	stats = json_object_get(digest, "stats");
	{
		struct sink_edition e = { id, digest, value, len };

		for (size_t i = 0; i < nsinks; i++) {
			if (deliver_to(cfg, r, metrics, l, meta, &sinks[i], &e)) {
				snprintf(errstr, errsize, "edition %s: lost the publish lock", id);
				goto out;
			}
		}
	}
	if (sinks_locate(sinks, nsinks, id, pub->path, sizeof(pub->path)))
		snprintf(pub->path, sizeof(pub->path), "(no file sink)");
	time_iso8601(now_ms(), ts, sizeof(ts));
	rep = redis_command(r, "HSET %s state published published_at %s path %s articles %lld", meta,
		ts, pub->path, (long long)json_integer_value(json_object_get(stats, "articles")));
	if (rep)
		freeReplyObject(rep);
	rep = redis_command(r, "ZADD %s" REDIS_KEY_EDITIONS " %lld %s", redis_prefix(r),
		(long long)now_ms(), id);
	if (rep)
		freeReplyObject(rep);
	rep = redis_command(r, "SREM %s" REDIS_KEY_EDITIONS_PENDING " %s", redis_prefix(r), id);
	if (!rep) {
		snprintf(errstr, errsize, "edition %s delivered but not marked: %s", id,
			redis_errstr(r));
		goto out;
	}
	freeReplyObject(rep);
	snprintf(pub->id, sizeof(pub->id), "%s", id);
	pub->articles = json_integer_value(json_object_get(stats, "articles"));
	pub->stories = json_integer_value(json_object_get(stats, "stories"));
	log_info("published edition %s: %lld articles in %lld stories, %lld -> %lld characters, %s",
		id, pub->articles, pub->stories,
		(long long)json_integer_value(json_object_get(stats, "original_chars")),
		(long long)json_integer_value(json_object_get(stats, "condensed_chars")), pub->path);
	rc = 0;
out:
	free(meta);
	free(value);
	json_decref(digest);
	return rc;
}

static int by_string(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int edition_publish(const struct config *cfg, struct redis *r, struct metrics *metrics,
	struct edition_published *out, size_t max, size_t *n, char *errstr, size_t errsize)
{
	redisReply *rep;
	char **ids;
	struct sink *sinks;
	struct publish_lock lock;
	size_t nsinks;
	int rc = 0;

	*n = 0;
	sinks = sinks_open(cfg, &nsinks, errstr, errsize);
	if (!sinks)
		return -1;
	if (lock_take(r, &lock, cfg->publisher_lock_ttl_ms, errstr, errsize)) {
		sinks_close(sinks, nsinks);
		return -1;
	}
	if (close_open(cfg, r, errstr, errsize)) {
		lock_release(r, &lock);
		sinks_close(sinks, nsinks);
		return -1;
	}
	rep = redis_command(r, "SMEMBERS %s" REDIS_KEY_EDITIONS_PENDING, redis_prefix(r));
	if (!rep) {
		snprintf(errstr, errsize, "cannot list pending editions: %s", redis_errstr(r));
		lock_release(r, &lock);
		sinks_close(sinks, nsinks);
		return -1;
	}
	ids = xcalloc(rep->elements + 1, sizeof(*ids));
	for (size_t i = 0; i < rep->elements; i++)
		ids[i] = rep->element[i]->str;
	qsort(ids, rep->elements, sizeof(*ids), by_string);
	for (size_t i = 0; i < rep->elements; i++) {
		struct edition_published pub;

		memset(&pub, 0, sizeof(pub));
		if (deliver(cfg, r, metrics, &lock, sinks, nsinks, ids[i], &pub, errstr, errsize)) {
			rc = -1;
			break;
		}
		if (*n < max)
			out[(*n)++] = pub;
	}
	free(ids);
	freeReplyObject(rep);
	lock_release(r, &lock);
	sinks_close(sinks, nsinks);
	return rc;
}

int edition_describe(struct redis *r, const char *id, FILE *out)
{
	redisReply *rep = redis_command(r, "HGETALL %s" REDIS_KEY_EDITION_META, redis_prefix(r), id);
	int found;

	if (!rep)
		return -1;
	found = rep->elements > 0;
	if (found)
		fprintf(out, "edition %s\n", id);
	for (size_t i = 0; i + 1 < rep->elements; i += 2) {
		if (!strcmp(rep->element[i]->str, "digest")) /* the rendered edition itself */
			fprintf(out, "  %-14s %zu bytes\n", "digest", rep->element[i + 1]->len);
		else
			fprintf(out, "  %-14s %s\n", rep->element[i]->str, rep->element[i + 1]->str);
	}
	freeReplyObject(rep);
	return found;
}
