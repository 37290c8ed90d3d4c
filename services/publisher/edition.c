#include "edition.h"

#include <jansson.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kafka.h"
#include "log.h"
#include "msg.h"
#include "record.h"
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

/*
 * KEYS: included, open, recovered, gathered. ARGV: id, summary, now ms,
 * partition. Nothing joins an edition while the record of what was
 * published is not whole (record.h), nor from a partition not gathered
 * into this Redis.
 */
static const char add_script[] =
	"local IDX, NOW = 1, ARGV[3] "
	"if redis.call('EXISTS', KEYS[3]) == 0 then return -2 end "
	"if redis.call('HEXISTS', KEYS[4], ARGV[4]) == 0 then return -3 end "
	MIGRATE_INCLUDED
	"if redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end "
	"redis.call('HSET', KEYS[2], ARGV[1], ARGV[2]) return 1";

/*
 * KEYS: open, items, meta, pending, included, LLM tokens, recovered. ARGV:
 * id, closed_at, now ms, remember ms. Returns {status, articles dropped}:
 * status -2 while the record is not whole, -1 when the id is taken, 0 when
 * nothing is open, 1 when closed. An article already published leaves the
 * open edition first: it can only be there when Redis lost its state while
 * an edition was being delivered. The tokens counted so far were spent on
 * this edition: they go into its meta, and the next edition's budget
 * starts from nothing. Articles of editions older than remember ms are
 * forgotten.
 */
static const char close_script[] =
	"local IDX, NOW = 5, ARGV[3] "
	"if redis.call('EXISTS', KEYS[7]) == 0 then return {-2, 0} end "
	MIGRATE_INCLUDED
	"local dropped = 0 "
	"for _, id in ipairs(redis.call('HKEYS', KEYS[1])) do "
	"if redis.call('ZSCORE', KEYS[5], id) then redis.call('HDEL', KEYS[1], id) "
	"dropped = dropped + 1 end end "
	"if redis.call('EXISTS', KEYS[1]) == 0 then return {0, dropped} end "
	"if redis.call('EXISTS', KEYS[2]) == 1 or redis.call('EXISTS', KEYS[3]) == 1 then "
	"return {-1, dropped} end "
	"redis.call('RENAME', KEYS[1], KEYS[2]) "
	"local ids = redis.call('HKEYS', KEYS[2]) "
	"for i = 1, #ids, 500 do local args = {} "
	"for j = i, math.min(i + 499, #ids) do args[#args + 1] = NOW args[#args + 1] = ids[j] end "
	"redis.call('ZADD', KEYS[5], unpack(args)) end "
	"redis.call('ZREMRANGEBYSCORE', KEYS[5], '-inf', tonumber(NOW) - tonumber(ARGV[4])) "
	"redis.call('HSET', KEYS[3], 'state', 'closed', 'closed_at', ARGV[2]) "
	"local t = redis.call('GET', KEYS[6]) "
	"if t then redis.call('HSET', KEYS[3], 'llm_tokens', t) redis.call('DEL', KEYS[6]) end "
	"redis.call('SADD', KEYS[4], ARGV[1]) return {1, dropped}";

int edition_add(struct redis *r, const char *id, const char *json, size_t len,
	int32_t partition)
{
	char *included = redis_key(r, REDIS_KEY_INCLUDED), *open = redis_key(r, REDIS_KEY_EDITION_OPEN);
	char *recovered = redis_key(r, REDIS_KEY_RECOVERED), *gathered = redis_key(r, REDIS_KEY_GATHERED);
	char now[32], part[16];
	const char *argv[11] = { "EVAL", add_script, "4", included, open, recovered, gathered, id,
		json, now, part };
	size_t argvlen[11];
	redisReply *rep;
	int rc = -1;

	snprintf(now, sizeof(now), "%lld", (long long)now_ms());
	snprintf(part, sizeof(part), "%d", partition);
	for (int i = 0; i < 11; i++)
		argvlen[i] = i == 8 ? len : strlen(argv[i]); /* json is len bytes, no NUL */
	rep = redis_command_argv(r, 11, argv, argvlen);
	free(included);
	free(open);
	free(recovered);
	free(gathered);
	if (!rep)
		return -1;
	if (rep->type == REDIS_REPLY_INTEGER)
		rc = rep->integer == -2 ? EDITION_UNRECOVERED
		   : rep->integer == -3 ? EDITION_UNGATHERED
					: rep->integer == 1;
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
	long long status;
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
			"EVAL %s 7 %s" REDIS_KEY_EDITION_OPEN " %s %s %s" REDIS_KEY_EDITIONS_PENDING
			" %s" REDIS_KEY_INCLUDED " %s" REDIS_KEY_LLM_TOKENS " %s" REDIS_KEY_RECOVERED
			" %s %s %lld %lld",
			close_script, redis_prefix(r), items, meta, redis_prefix(r), redis_prefix(r),
			redis_prefix(r), redis_prefix(r), id, ts, (long long)now_ms(),
			(long long)cfg->publisher_remember_days * 86400000LL);
		free(items);
		free(meta);
		if (!rep) {
			snprintf(errstr, errsize, "cannot close the edition: %s", redis_errstr(r));
			return -1;
		}
		status = rep->type == REDIS_REPLY_ARRAY && rep->elements == 2 ? rep->element[0]->integer : -2;
		if (rep->type == REDIS_REPLY_ARRAY && rep->elements == 2 && rep->element[1]->integer)
			log_warn("%lld articles of the open edition were published already (Redis lost "
				 "its state while they were delivered); they stay out",
				(long long)rep->element[1]->integer);
		freeReplyObject(rep);
		if (status == -2) {
			snprintf(errstr, errsize, "Redis lost the record of published editions again");
			return -1;
		}
		if (status != -1) { /* -1: that id is taken, try the next */
			if (status == 1)
				log_info("closed edition %s", id);
			rc = 0;
		}
	}
	if (rc)
		snprintf(errstr, errsize, "more than 999 editions today");
	return rc;
}

/*
 * One publisher at a time delivers editions. The lock expires by itself, so
 * a publisher that died holding it blocks the next one for at most
 * publisher.lock_ttl_ms; a working publisher renews it before every sink
 * attempt and while it waits between two, and only its owner (by token)
 * may renew or release it.
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

/* With the lock, what record_recover() needs to keep it. */
struct locked {
	struct redis *r;
	const struct publish_lock *l;
};

static int keep_lock(void *ctx)
{
	const struct locked *k = ctx;

	return lock_renew(k->r, k->l);
}

/*
 * "sink:NAME" in the edition's meta (proto/redis_keys.h): a sink that has
 * the edition, refused it for good or cannot tell (recovered) is done with;
 * one that failed is tried again.
 */
static int sink_done(struct redis *r, const char *meta, const char *name)
{
	redisReply *rep = redis_command(r, "HGET %s sink:%s", meta, name);
	int done = rep && rep->type == REDIS_REPLY_STRING &&
		(!strncmp(rep->str, "delivered", 9) || !strncmp(rep->str, "dropped", 7) ||
			!strncmp(rep->str, "unknown", 7));

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
 * Sleeps ms between two tries of a sink, keeping the lock (a backoff may
 * be as long as its TTL), or less when *stop is set or the lock is lost.
 */
static void nap(struct redis *r, const struct publish_lock *l, int64_t ms, const atomic_int *stop)
{
	int64_t renewed = mono_ms();

	for (int64_t until = mono_ms() + ms; mono_ms() < until && !(stop && atomic_load(stop));) {
		if (mono_ms() - renewed >= l->ttl_ms / 3) {
			if (lock_renew(r, l))
				return;
			renewed = mono_ms();
		}
		sleep_ms(until - mono_ms() > 100 ? 100 : until - mono_ms());
	}
}

/* A sink that will never take the edition: the dead-letter topic says so. */
static void dead_letter(const struct config *cfg, const struct sink *s,
	const struct sink_edition *e, const char *reason)
{
	char why[1200], where[300], err[512];
	json_t *dl;
	char *v;
	size_t len;

	snprintf(why, sizeof(why), "sink %s: %s", s->name, reason);
	snprintf(where, sizeof(where), "sink:%s", s->name);
	dl = msg_deadletter("publisher", why, where, -1, -1, e->id, strlen(e->id), e->json,
		e->json_len);
	v = msg_encode(MSG_DEADLETTER, dl, &len, err, sizeof(err));
	if (!v || kafka_produce_confirmed(cfg, "precis-publisher", cfg->topic_deadletter, e->id, v,
			  len, err, sizeof(err)))
		log_error("edition %s: not even the dead letter for sink %s got out: %s", e->id,
			s->name, err);
	free(v);
	json_decref(dl);
}

enum outcome { DELIVERED, DROPPED, FAILED, STOPPED };

/*
 * Delivers the edition to one sink: retried with doubling backoff and
 * jitter, never again once it is done with (the status in Redis says so).
 * A sink that refuses it for good (SINK_DROP) gets a dead letter; one that
 * still fails after its tries keeps the edition pending, and the next
 * publication tries it again. A failing sink holds up only itself.
 * STOPPED: the lock was lost or *stop set.
 */
static enum outcome deliver_to(const struct config *cfg, struct redis *r,
	struct metrics *metrics, const struct publish_lock *l, const atomic_int *stop,
	const char *meta, struct sink *s, const struct sink_edition *e)
{
	int64_t backoff = cfg->publisher_retry_backoff_ms;
	char reason[1024] = "", status[1200], ts[32];
	enum sink_result res = SINK_RETRY;

	if (sink_done(r, meta, s->name)) {
		log_info("edition %s: sink %s already has it", e->id, s->name);
		return DELIVERED;
	}
	for (int64_t attempt = 1; attempt <= cfg->publisher_sink_attempts; attempt++) {
		if (lock_renew(r, l)) {
			log_error("edition %s: lost the publish lock; leaving sink %s to whoever holds it",
				e->id, s->name);
			return STOPPED;
		}
		if (stop && atomic_load(stop))
			return STOPPED;
		res = sink_deliver(s, e, reason, sizeof(reason));
		if (res != SINK_RETRY)
			break;
		if (attempt == cfg->publisher_sink_attempts)
			break;
		count_delivery(metrics, s, "retried");
		log_warn("edition %s: sink %s: %s; try %lld of %lld in %lld ms", e->id, s->name,
			reason, (long long)attempt + 1, (long long)cfg->publisher_sink_attempts,
			(long long)backoff);
		nap(r, l, backoff / 2 + (int64_t)((uint64_t)now_ms() % (uint64_t)(backoff / 2 + 1)),
			stop);
		backoff = backoff * 2 > 60000 ? 60000 : backoff * 2;
	}
	time_iso8601(now_ms(), ts, sizeof(ts));
	if (res == SINK_OK) {
		snprintf(status, sizeof(status), "delivered at %s", ts);
		sink_status(r, meta, s->name, status);
		log_info("edition %s: delivered to sink %s", e->id, s->name);
		count_delivery(metrics, s, "delivered");
		return DELIVERED;
	}
	if (res == SINK_DROP) {
		snprintf(status, sizeof(status), "dropped at %s: %s", ts, reason);
		sink_status(r, meta, s->name, status);
		log_error("edition %s: sink %s refuses it for good: %s", e->id, s->name, reason);
		count_delivery(metrics, s, "dropped");
		dead_letter(cfg, s, e, reason);
		return DROPPED;
	}
	snprintf(status, sizeof(status), "failed at %s: %s", ts, reason);
	sink_status(r, meta, s->name, status);
	log_error("edition %s: sink %s failed %lld times: %s; the edition stays pending", e->id,
		s->name, (long long)cfg->publisher_sink_attempts, reason);
	count_delivery(metrics, s, "failed");
	return FAILED;
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

/*
 * The sink that writes the digest topic goes first: once an edition is
 * there it is recorded for good, and if Redis loses its state now the
 * edition is found again (record.h). Its articles go into the record at
 * once, should Redis have lost it meanwhile.
 */
static enum outcome deliver_all(const struct config *cfg, struct redis *r,
	struct metrics *metrics, const struct publish_lock *l, const atomic_int *stop,
	const char *meta, struct sink *sinks, size_t nsinks, const struct sink_edition *e,
	struct edition_published *pub, char *errstr, size_t errsize)
{
	const struct sink *record = sinks_record(sinks, nsinks);
	size_t first = record ? (size_t)(record - sinks) : 0;
	enum outcome worst = DELIVERED;

	for (size_t k = 0; k < nsinks; k++) {
		/* first, then the others in their order */
		struct sink *s = &sinks[k == 0 ? first : k <= first ? k - 1 : k];
		enum outcome o;

		o = deliver_to(cfg, r, metrics, l, stop, meta, s, e);
		if (o == STOPPED)
			return STOPPED;
		if (o == DELIVERED && s == record &&
			record_edition(r, e->digest, e->json, e->json_len, now_ms(),
				"Redis lost its state while the edition was being delivered"))
			log_warn("edition %s: cannot record its articles: %s", e->id, redis_errstr(r));
		if (o == DELIVERED && !pub->path[0])
			sink_locate(s, e->id, pub->path, sizeof(pub->path));
		if (o == FAILED && worst != FAILED)
			snprintf(errstr, errsize, "edition %s was not delivered to sink %s (see the log); "
				"it stays pending for the next publication (precis digest publish --now)",
				e->id, s->name);
		if (o == FAILED)
			worst = FAILED;
	}
	return worst;
}

/*
 * Loads, renders and delivers one closed edition: 0 when every sink is
 * done with it (it is published), 1 when a sink failed (it stays pending),
 * -1 when the publication must stop (Redis failed, the lock was lost, or
 * *stop); errstr says why.
 */
static int deliver(const struct config *cfg, struct redis *r, struct metrics *metrics,
	const struct publish_lock *l, const atomic_int *stop, struct sink *sinks, size_t nsinks,
	const char *id, struct edition_published *pub, char *errstr, size_t errsize)
{
	char ts[32], *meta = redis_key(r, REDIS_KEY_EDITION_META, id);
	redisReply *rep;
	json_t *digest, *stats;
	char *value = NULL;
	size_t len;
	int rc = -1;
	enum outcome o;

	digest = render_once(cfg, r, metrics, id, meta, &value, &len, errstr, errsize);
	if (!digest)
		goto out;
	stats = json_object_get(digest, "stats");
	{
		struct sink_edition e = { id, digest, value, len };

		o = deliver_all(cfg, r, metrics, l, stop, meta, sinks, nsinks, &e, pub, errstr,
			errsize);
	}
	if (o == STOPPED) {
		snprintf(errstr, errsize, "edition %s: stopped before every sink had it (lost the "
			"publish lock, or asked to stop); it stays pending", id);
		goto out;
	}
	if (o == FAILED) {
		rc = 1;
		goto out;
	}
	if (!pub->path[0])
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

/* Delivers every pending edition, oldest first; as edition_publish() for the rest. */
static int deliver_pending(const struct config *cfg, struct redis *r, struct metrics *metrics,
	const struct publish_lock *l, const atomic_int *stop, struct sink *sinks, size_t nsinks,
	struct edition_published *out, size_t max, size_t *n, char *errstr, size_t errsize)
{
	redisReply *rep = redis_command(r, "SMEMBERS %s" REDIS_KEY_EDITIONS_PENDING, redis_prefix(r));
	size_t failed = 0;
	char **ids;
	int rc = 0;

	if (!rep) {
		snprintf(errstr, errsize, "cannot list pending editions: %s", redis_errstr(r));
		return -1;
	}
	ids = xcalloc(rep->elements + 1, sizeof(*ids));
	for (size_t i = 0; i < rep->elements; i++)
		ids[i] = rep->element[i]->str;
	qsort(ids, rep->elements, sizeof(*ids), by_string);
	for (size_t i = 0; i < rep->elements && rc >= 0; i++) {
		struct edition_published pub;
		char err[1024];

		memset(&pub, 0, sizeof(pub));
		rc = deliver(cfg, r, metrics, l, stop, sinks, nsinks, ids[i], &pub, err, sizeof(err));
		if (rc && !failed++)
			snprintf(errstr, errsize, "%s", err); /* the first says most */
		else if (!rc && *n < max)
			out[(*n)++] = pub;
	}
	if (failed > 1)
		snprintf(errstr + strlen(errstr), errsize - strlen(errstr),
			" (and %zu more editions)", failed - 1);
	free(ids);
	freeReplyObject(rep);
	return failed ? -1 : 0;
}

/* What a publication or a recovery holds: the sinks, and the lock. */
struct held {
	struct sink *sinks;
	size_t nsinks;
	struct publish_lock lock;
	struct locked k;
};

/* Opens the sinks and takes the lock; 0, or -1 with errstr and nothing held. */
static int hold(const struct config *cfg, struct redis *r, struct held *h, char *errstr,
	size_t errsize)
{
	h->sinks = sinks_open(cfg, &h->nsinks, errstr, errsize);
	if (!h->sinks)
		return -1;
	if (lock_take(r, &h->lock, cfg->publisher_lock_ttl_ms, errstr, errsize)) {
		sinks_close(h->sinks, h->nsinks);
		return -1;
	}
	h->k = (struct locked){ r, &h->lock };
	return 0;
}

static void let_go(struct redis *r, struct held *h)
{
	lock_release(r, &h->lock);
	sinks_close(h->sinks, h->nsinks);
}

int edition_publish(const struct config *cfg, struct redis *r, struct metrics *metrics,
	const atomic_int *stop, struct edition_published *out, size_t max, size_t *n,
	char *errstr, size_t errsize)
{
	struct held h;
	int rc = -1;

	*n = 0;
	if (hold(cfg, r, &h, errstr, errsize))
		return -1;
	if (!record_recover(cfg, r, h.sinks, h.nsinks, keep_lock, &h.k, errstr, errsize) &&
		!close_open(cfg, r, errstr, errsize))
		rc = deliver_pending(cfg, r, metrics, &h.lock, stop, h.sinks, h.nsinks, out, max, n,
			errstr, errsize);
	let_go(r, &h);
	return rc;
}

int edition_recover(const struct config *cfg, struct redis *r, char *errstr, size_t errsize)
{
	struct held h;
	int rc;

	if (hold(cfg, r, &h, errstr, errsize))
		return -1;
	rc = record_recover(cfg, r, h.sinks, h.nsinks, keep_lock, &h.k, errstr, errsize);
	let_go(r, &h);
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
