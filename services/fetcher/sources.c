#include "sources.h"

#include <string.h>

#include "buf.h"
#include "log.h"
#include "redis_keys.h"
#include "common.h"

/*
 * Whether a source is due: daemons poll each feed once per interval across
 * all replicas (the check and the mark are one step); --once polls anyway.
 * KEYS: source hash. ARGV: now ms, interval ms.
 */
static const char due_script[] =
	"local last = tonumber(redis.call('HGET', KEYS[1], 'last_poll_at') or '0') "
	"if last + tonumber(ARGV[2]) > tonumber(ARGV[1]) then return 0 end "
	"redis.call('HSET', KEYS[1], 'last_poll_at', ARGV[1]) return 1";

int sources_init(struct sources *s, const struct config *cfg, struct metrics *metrics,
	char *errstr, size_t errsize)
{
	memset(s, 0, sizeof(*s));
	s->cfg = cfg;
	s->metrics = metrics;
	s->v = xcalloc(cfg->nsources ? cfg->nsources : 1, sizeof(*s->v));
	s->n = cfg->nsources;
	metrics_describe(metrics, "precis_source_consecutive_failures", "gauge",
		"failed polls of a source in a row");
	metrics_describe(metrics, "precis_source_last_success_seconds", "gauge",
		"Unix time of a source's last successful poll");
	metrics_describe(metrics, "precis_source_entries", "gauge",
		"entries in a source's feed at its last successful poll");
	metrics_describe(metrics, "precis_source_skips_total", "counter",
		"polls asked for (--once) that left a failing source out while it backs off");
	for (size_t i = 0; i < cfg->nsources; i++) {
		struct source_state *ss = &s->v[i];
		const struct source *src = &cfg->sources[i];

		ss->src = src;
		if (*src->include) {
			if (regcomp(&ss->include, src->include, REG_EXTENDED | REG_ICASE | REG_NOSUB)) {
				snprintf(errstr, errsize, "source %s: bad include", src->name);
				return -1;
			}
			ss->has_include = 1;
		}
		if (*src->exclude) {
			if (regcomp(&ss->exclude, src->exclude, REG_EXTENDED | REG_ICASE | REG_NOSUB)) {
				snprintf(errstr, errsize, "source %s: bad exclude", src->name);
				return -1;
			}
			ss->has_exclude = 1;
		}
	}
	return 0;
}

void sources_release(struct sources *s)
{
	for (size_t i = 0; s->v && i < s->n; i++) {
		if (s->v[i].has_include)
			regfree(&s->v[i].include);
		if (s->v[i].has_exclude)
			regfree(&s->v[i].exclude);
	}
	free(s->v);
	s->v = NULL;
}

char *sources_feed_url(const struct config *cfg, const char *url)
{
	char *path = strstr(url, "://") ? NULL : config_source_file(cfg, url), *real;
	struct buf out;

	if (!path)
		return xstrdup(url);
	buf_init(&out, SIZE_MAX);
	real = realpath(path, NULL);
	buf_printf(&out, "file://%s", real ? real : path);
	free(real);
	free(path);
	return buf_detach(&out, NULL);
}

/* The source's field, or "" (into out). */
static void source_field(struct sources *s, const struct source *src, const char *field,
	char *out, size_t size)
{
	redisReply *r = redis_command(s->redis, "HGET %s" REDIS_KEY_SOURCE " %s", redis_prefix(s->redis),
		src->name, field);

	out[0] = '\0';
	if (r && r->type == REDIS_REPLY_STRING)
		strlcpy_p(out, r->str, size);
	if (r)
		freeReplyObject(r);
}

/*
 * Records a poll's outcome in the source's health hash (source:NAME) and
 * returns its consecutive failures now. entries < 0 leaves the entry count
 * as it was (304 Not Modified).
 */
static long long note_source(struct sources *s, const struct source *src, const char *error,
	long long entries)
{
	char ts[32];
	long long failures = 0;
	redisReply *r;

	metrics_add(s->metrics, "precis_fetches_total", 1, "kind", "feed", "outcome",
		error ? "error" : "ok", NULL);
	time_iso8601(now_ms(), ts, sizeof(ts));
	if (error)
		r = redis_command(s->redis, "HSET %s" REDIS_KEY_SOURCE " last_error %s last_error_at %s",
			redis_prefix(s->redis), src->name, error, ts);
	else if (entries >= 0)
		r = redis_command(s->redis, "HSET %s" REDIS_KEY_SOURCE " last_success_at %s entries %lld",
			redis_prefix(s->redis), src->name, ts, entries);
	else
		r = redis_command(s->redis, "HSET %s" REDIS_KEY_SOURCE " last_success_at %s", redis_prefix(s->redis),
			src->name, ts);
	if (r)
		freeReplyObject(r);
	if (error) {
		r = redis_command(s->redis, "HINCRBY %s" REDIS_KEY_SOURCE " consecutive_failures 1",
			redis_prefix(s->redis), src->name);
		if (r && r->type == REDIS_REPLY_INTEGER)
			failures = r->integer;
	} else {
		metrics_set(s->metrics, "precis_source_last_success_seconds", (double)now_ms() / 1000.0,
			"source", src->name, NULL);
		r = redis_command(s->redis, "HSET %s" REDIS_KEY_SOURCE " consecutive_failures 0",
			redis_prefix(s->redis), src->name);
		if (r)
			freeReplyObject(r);
		r = redis_command(s->redis, "HDEL %s" REDIS_KEY_SOURCE " next_attempt_at", redis_prefix(s->redis),
			src->name);
	}
	if (r)
		freeReplyObject(r);
	metrics_set(s->metrics, "precis_source_consecutive_failures", (double)failures, "source",
		src->name, NULL);
	if (entries >= 0 && !error)
		metrics_set(s->metrics, "precis_source_entries", (double)entries, "source", src->name,
			NULL);
	return failures;
}

/* The wait lives in Redis, so every fetcher replica honours it. */
void sources_failed(struct sources *s, const struct source *src, const char *error,
	long retry_after_s)
{
	const struct config *cfg = s->cfg;
	long long failures = note_source(s, src, error, 0);
	double wait = (double)cfg->fetcher_backoff_base_s;
	redisReply *r;

	for (long long i = 1; i < failures && wait < (double)cfg->fetcher_backoff_max_s; i++)
		wait *= 2;
	/* Between half and all of it, so replicas and sources do not retry in step. */
	wait *= 0.5 + (double)((uint64_t)now_ms() % 1000) / 2000.0;
	if (retry_after_s >= 0)
		wait = (double)retry_after_s;
	if (wait > (double)cfg->fetcher_backoff_max_s)
		wait = (double)cfg->fetcher_backoff_max_s;
	/* The backoff, not the poll interval, says when to try again. */
	r = redis_command(s->redis, "HSET %s" REDIS_KEY_SOURCE " next_attempt_at %lld", redis_prefix(s->redis),
		src->name, (long long)now_ms() + (long long)(wait * 1000));
	if (r)
		freeReplyObject(r);
	r = redis_command(s->redis, "HDEL %s" REDIS_KEY_SOURCE " last_poll_at", redis_prefix(s->redis), src->name);
	if (r)
		freeReplyObject(r);
	log_warn("source %s: %s; next try in %.0f s (%lld failures in a row)", src->name, error,
		wait, failures);
}

int sources_due(struct sources *s, const struct source *src, int once)
{
	const struct config *cfg = s->cfg;
	char next[32], *hash;
	int64_t not_before, interval = (src->interval_s ? src->interval_s
							: cfg->fetcher_poll_interval_s) * 1000;
	redisReply *r;
	int go;

	source_field(s, src, "next_attempt_at", next, sizeof(next));
	if (*next && !parse_int64(next, 0, INT64_MAX, &not_before) && not_before > now_ms()) {
		char why[512];

		if (!once) {
			log_info("source %s: backing off for %lld s more", src->name,
				(long long)((not_before - now_ms()) / 1000));
			return 0;
		}
		/* A poll was asked for and this source is left out: say so, and why. */
		source_field(s, src, "last_error", why, sizeof(why));
		log_warn("source %s: not polled: it is failing (%s) and backs off for %lld s more",
			src->name, *why ? why : "no reason kept",
			(long long)((not_before - now_ms()) / 1000));
		metrics_add(s->metrics, "precis_source_skips_total", 1, "source", src->name, NULL);
		return 0;
	}
	hash = redis_key(s->redis, REDIS_KEY_SOURCE, src->name);
	/* --once is an explicit request: it polls whatever the last poll was. */
	r = redis_command(s->redis, "EVAL %s 1 %s %lld %lld", due_script, hash, (long long)now_ms(),
		once ? 0LL : (long long)interval);
	free(hash);
	if (!r) {
		log_error("source %s: %s; not polling", src->name, redis_errstr(s->redis));
		return 0;
	}
	go = r->type == REDIS_REPLY_INTEGER && r->integer == 1;
	freeReplyObject(r);
	return go;
}

int sources_wanted(const struct source_state *ss, const struct feed_entry *e)
{
	const char *fields[] = { e->title, e->summary, e->content };
	int included = !ss->has_include, excluded = 0;

	for (size_t i = 0; i < ARRAY_SIZE(fields); i++) {
		if (!fields[i])
			continue;
		if (ss->has_include && !regexec(&ss->include, fields[i], 0, NULL, 0))
			included = 1;
		if (ss->has_exclude && !regexec(&ss->exclude, fields[i], 0, NULL, 0))
			excluded = 1;
	}
	return included && !excluded;
}

int sources_status(const struct config *cfg, struct redis *r, FILE *out, int failing_only)
{
	static const char *const fields[] = { "last_success_at", "last_error_at",
		"consecutive_failures", "entries", "next_attempt_at", "last_error" };
	int unhealthy = 0, shown = 0;

	for (size_t i = 0; i < cfg->nsources; i++) {
		const char *name = cfg->sources[i].name;
		char wait[32] = "-";
		redisReply *rep = redis_command(r, "HMGET %s" REDIS_KEY_SOURCE " %s %s %s %s %s %s", redis_prefix(r),
			name, fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]);
		const char *v[6];
		int64_t next;
		int failing;

		if (!rep || rep->elements != 6) {
			if (rep)
				freeReplyObject(rep);
			return -1;
		}
		for (size_t k = 0; k < 6; k++)
			v[k] = rep->element[k]->type == REDIS_REPLY_STRING ? rep->element[k]->str : "-";
		if (strcmp(v[4], "-") && !parse_int64(v[4], 0, INT64_MAX, &next) && next > now_ms())
			snprintf(wait, sizeof(wait), "%llds", (long long)((next - now_ms()) / 1000));
		failing = strcmp(v[2], "-") && strcmp(v[2], "0");
		unhealthy += failing;
		if (failing_only && !failing) {
			freeReplyObject(rep);
			continue;
		}
		if (!shown++)
			fprintf(out, "%-24s %-21s %-21s %8s %7s %-9s %s\n", "SOURCE", "LAST SUCCESS",
				"LAST ERROR", "FAILURES", "ENTRIES", "WAITING", "ERROR");
		fprintf(out, "%-24.24s %-21s %-21s %8s %7s %-9s %.80s\n", name, v[0],
			failing ? v[1] : "-", v[2], v[3], wait, failing ? v[5] : "");
		freeReplyObject(rep);
	}
	return unhealthy;
}


void sources_validators(struct sources *s, const struct source *src, char *etag, size_t etagsize,
	char *last_modified, size_t lmsize)
{
	source_field(s, src, "etag", etag, etagsize);
	source_field(s, src, "last_modified", last_modified, lmsize);
}

void sources_polled(struct sources *s, struct source_state *ss, long long entries,
	const char *etag, const char *last_modified)
{
	note_source(s, ss->src, NULL, entries);
	ss->polled = 1;
	strlcpy_p(ss->etag, etag, sizeof(ss->etag));
	strlcpy_p(ss->last_modified, last_modified, sizeof(ss->last_modified));
}

void sources_not_modified(struct sources *s, const struct source *src)
{
	note_source(s, src, NULL, -1);
}

void sources_keep_validators(struct sources *s)
{
	for (size_t i = 0; i < s->n; i++) {
		struct source_state *ss = &s->v[i];
		redisReply *r;

		if (!ss->polled)
			continue;
		if (ss->failed)
			/* Something failed: the next poll must see the whole feed again. */
			r = redis_command(s->redis, "HDEL %s" REDIS_KEY_SOURCE " etag last_modified",
				redis_prefix(s->redis), ss->src->name);
		else
			r = redis_command(s->redis,
				"HSET %s" REDIS_KEY_SOURCE " etag %s last_modified %s",
				redis_prefix(s->redis), ss->src->name, ss->etag, ss->last_modified);
		if (r)
			freeReplyObject(r);
		ss->polled = 0;
		ss->failed = 0;
	}
}
