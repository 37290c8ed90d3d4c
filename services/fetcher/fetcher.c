#include "fetcher.h"

#include <jansson.h>
#include <limits.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "codec.h"
#include "feed.h"
#include "http.h"
#include "kafka.h"
#include "log.h"
#include "metrics.h"
#include "proto.h"
#include "rds.h"
#include "robots.h"
#include "url.h"
#include "common.h"

/*
 * A feed's validators (ETag, Last-Modified) are kept for the next
 * conditional GET only once every entry of that poll was handled and every
 * page delivered: a 304 must never hide an entry that failed.
 */
struct validators {
	const char *source; /* borrowed from the config */
	char etag[256];
	char last_modified[128];
};

struct fetcher {
	const struct config *cfg;
	struct metrics *metrics;
	struct validators *valid;
	size_t nvalid;
	struct rds *redis;
	rd_kafka_t *producer;
	/* Ids produced by this process whose delivery is not yet confirmed. */
	char (*inflight)[33];
	size_t ninflight;
	unsigned long pages, skipped, failed, lost, disallowed;
};

/* Travels with a page to its delivery report. */
struct page_note {
	char id[33];
	char url[1024];
};

static void inflight_remove(struct fetcher *f, const char *id)
{
	for (size_t i = 0; i < f->ninflight; i++) {
		if (!strcmp(f->inflight[i], id)) {
			memcpy(f->inflight[i], f->inflight[--f->ninflight], 33);
			return;
		}
	}
}

static int inflight_has(const struct fetcher *f, const char *id)
{
	for (size_t i = 0; i < f->ninflight; i++)
		if (!strcmp(f->inflight[i], id))
			return 1;
	return 0;
}

static void on_delivery(rd_kafka_t *rk, const rd_kafka_message_t *m, void *opaque)
{
	struct fetcher *f = opaque;
	struct page_note *note = m->_private;
	redisReply *r;

	(void)rk;
	if (m->err) {
		/* Not marked seen: the next poll fetches it again. */
		log_error("page %s was not delivered: %s", note->url, rd_kafka_err2str(m->err));
		f->lost++;
		metrics_add(f->metrics, "precis_pages_total", 1, "outcome", "undelivered", NULL);
	} else if (!strcmp(f->cfg->fetcher_mark_seen, "run")) {
		/* The embedded broker forgets on exit: precis run confirms these once published. */
		r = rds_command(f->redis, "SADD %srun:pending %s", rds_prefix(f->redis), note->id);
		if (!r)
			log_warn("cannot note %s as fetched in this run (%s)", note->url,
				rds_errstr(f->redis));
		else
			freeReplyObject(r);
	} else {
		r = rds_command(f->redis, "SET %sseen:%s %s EX %lld", rds_prefix(f->redis), note->id,
			note->url, (long long)f->cfg->fetcher_seen_ttl_days * 86400);
		if (!r)
			log_warn("cannot remember %s as fetched (%s); it may be fetched again",
				note->url, rds_errstr(f->redis));
		else
			freeReplyObject(r);
	}
	inflight_remove(f, note->id);
	free(note);
}

char *fetcher_source_url(const struct config *cfg, const char *url)
{
	struct buf path, out;
	char *real;

	if (strstr(url, "://"))
		return xstrdup(url);
	buf_init(&path, PATH_MAX);
	buf_init(&out, PATH_MAX + 16);
	buf_printf(&path, "%s/%s", url[0] == '/' ? "" : cfg->dir, url);
	real = realpath(path.data, NULL);
	buf_printf(&out, "file://%s", real ? real : path.data);
	free(real);
	buf_release(&path);
	return buf_detach(&out, NULL);
}

/* 1 when Redis says the article was fetched before; -1 when Redis failed. */
static int seen(struct fetcher *f, const char *id)
{
	redisReply *r = rds_command(f->redis, "EXISTS %sseen:%s", rds_prefix(f->redis), id);
	int s;

	if (!r)
		return -1;
	s = r->type == REDIS_REPLY_INTEGER && r->integer > 0;
	freeReplyObject(r);
	return s;
}

/*
 * Records a poll's outcome in the source's health hash (source:NAME) and
 * returns its consecutive failures now. entries < 0 leaves the entry count
 * as it was (304 Not Modified).
 */
static long long note_source(struct fetcher *f, const struct source *src, const char *error,
	long long entries)
{
	char ts[32];
	long long failures = 0;
	redisReply *r;

	metrics_add(f->metrics, "precis_fetches_total", 1, "kind", "feed", "outcome",
		error ? "error" : "ok", NULL);
	time_iso8601(now_ms(), ts, sizeof(ts));
	if (error)
		r = rds_command(f->redis, "HSET %ssource:%s last_error %s last_error_at %s",
			rds_prefix(f->redis), src->name, error, ts);
	else if (entries >= 0)
		r = rds_command(f->redis, "HSET %ssource:%s last_success_at %s entries %lld",
			rds_prefix(f->redis), src->name, ts, entries);
	else
		r = rds_command(f->redis, "HSET %ssource:%s last_success_at %s", rds_prefix(f->redis),
			src->name, ts);
	if (r)
		freeReplyObject(r);
	if (error) {
		r = rds_command(f->redis, "HINCRBY %ssource:%s consecutive_failures 1",
			rds_prefix(f->redis), src->name);
		if (r && r->type == REDIS_REPLY_INTEGER)
			failures = r->integer;
	} else {
		metrics_set(f->metrics, "precis_source_last_success_seconds", (double)now_ms() / 1000.0,
			"source", src->name, NULL);
		r = rds_command(f->redis, "HSET %ssource:%s consecutive_failures 0",
			rds_prefix(f->redis), src->name);
		if (r)
			freeReplyObject(r);
		r = rds_command(f->redis, "HDEL %ssource:%s next_attempt_at", rds_prefix(f->redis),
			src->name);
	}
	if (r)
		freeReplyObject(r);
	metrics_set(f->metrics, "precis_source_consecutive_failures", (double)failures, "source",
		src->name, NULL);
	if (entries >= 0 && !error)
		metrics_set(f->metrics, "precis_source_entries", (double)entries, "source", src->name,
			NULL);
	return failures;
}

int fetcher_sources_status(const struct config *cfg, struct rds *r, FILE *out)
{
	static const char *const fields[] = { "last_success_at", "last_error_at",
		"consecutive_failures", "entries", "next_attempt_at", "last_error" };
	int unhealthy = 0;

	fprintf(out, "%-24s %-21s %-21s %8s %7s %-9s %s\n", "SOURCE", "LAST SUCCESS",
		"LAST ERROR", "FAILURES", "ENTRIES", "WAITING", "ERROR");
	for (size_t i = 0; i < cfg->nsources; i++) {
		const char *name = cfg->sources[i].name;
		char wait[32] = "-";
		redisReply *rep = rds_command(r, "HMGET %ssource:%s %s %s %s %s %s %s", rds_prefix(r),
			name, fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]);
		const char *v[6];
		int64_t next;

		if (!rep || rep->elements != 6) {
			if (rep)
				freeReplyObject(rep);
			return -1;
		}
		for (size_t k = 0; k < 6; k++)
			v[k] = rep->element[k]->type == REDIS_REPLY_STRING ? rep->element[k]->str : "-";
		if (strcmp(v[4], "-") && !parse_int64(v[4], 0, INT64_MAX, &next) && next > now_ms())
			snprintf(wait, sizeof(wait), "%llds", (long long)((next - now_ms()) / 1000));
		if (strcmp(v[2], "-") && strcmp(v[2], "0"))
			unhealthy++;
		fprintf(out, "%-24.24s %-21s %-21s %8s %7s %-9s %.80s\n", name, v[0],
			strcmp(v[2], "-") && strcmp(v[2], "0") ? v[1] : "-", v[2], v[3], wait,
			strcmp(v[2], "-") && strcmp(v[2], "0") ? v[5] : "");
		freeReplyObject(rep);
	}
	return unhealthy;
}

/*
 * A failing source waits before its next try: base * 2^(failures-1) with
 * jitter, capped, or what the server asked for with Retry-After. The wait
 * lives in Redis, so every fetcher replica honours it.
 */
static void back_off(struct fetcher *f, const struct source *src, const char *error,
	long retry_after_s)
{
	const struct config *cfg = f->cfg;
	long long failures = note_source(f, src, error, 0);
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
	r = rds_command(f->redis, "HSET %ssource:%s next_attempt_at %lld", rds_prefix(f->redis),
		src->name, (long long)now_ms() + (long long)(wait * 1000));
	if (r)
		freeReplyObject(r);
	log_warn("source %s: %s; next try in %.0f s (%lld failures in a row)", src->name, error,
		wait, failures);
}

/* The source's field, or "" (into out). */
static void source_field(struct fetcher *f, const struct source *src, const char *field,
	char *out, size_t size)
{
	redisReply *r = rds_command(f->redis, "HGET %ssource:%s %s", rds_prefix(f->redis),
		src->name, field);

	out[0] = '\0';
	if (r && r->type == REDIS_REPLY_STRING)
		strlcpy_p(out, r->str, size);
	if (r)
		freeReplyObject(r);
}

static json_t *page_message(const struct source *src, const struct feed_entry *e,
	const char *id, const char *url, const struct http_response *resp)
{
	char ts[32];
	char *b64 = codec_base64_encode(resp->body.data, resp->body.len);
	json_t *entry = json_pack("{s:s}", "title", e->title ? e->title : "");
	json_t *msg;

	/* The full content beats a teaser when the feed has both. */
	if (e->content && (!e->summary || strlen(e->content) > strlen(e->summary)))
		json_object_set_new(entry, "summary", json_string(e->content));
	else if (e->summary)
		json_object_set_new(entry, "summary", json_string(e->summary));
	if (e->published || e->updated)
		json_object_set_new(entry, "published",
			json_string(e->published ? e->published : e->updated));
	if (e->author)
		json_object_set_new(entry, "author", json_string(e->author));
	time_iso8601(now_ms(), ts, sizeof(ts));
	msg = json_pack("{s:s, s:s, s:s, s:s, s:{s:s, s:s, s:s, s:I}, s:s, s:i, s:s, s:s, s:s, s:o}",
		"schema", proto_schema_id(PROTO_PAGE), "id", id, "url", url, "final_url",
		resp->final_url, "source", "name", src->name, "lang", src->lang, "category",
		src->category, "weight", (json_int_t)src->weight, "fetched_at", ts,
		"http_status", (int)resp->status, "content_type", resp->content_type, "charset",
		resp->charset, "body_base64", b64, "entry", entry);
	free(b64);
	return msg;
}

/*
 * Whether robots.txt of the page's origin lets us fetch it. The file is
 * cached in Redis for every replica: a day when it answered (2xx, or 4xx:
 * no rules), ten minutes as "disallow all" when the server failed or could
 * not be reached, as RFC 9309 asks. Only pages found in feeds are checked;
 * the feeds themselves are the operator's choice.
 */
static int robots_permit(struct fetcher *f, const char *url)
{
	char *origin = url_origin(url), *path = NULL, err[512];
	struct http_options opts;
	struct http_response resp;
	redisReply *r;
	char *rules = NULL;
	int allowed = 1;

	if (!origin)
		return 1; /* file:// and the like have no robots.txt */
	path = url_path_query(url);
	r = rds_command(f->redis, "GET %srobots:%s", rds_prefix(f->redis), origin);
	if (r && r->type == REDIS_REPLY_STRING) {
		rules = xstrndup(r->str, r->len);
	} else {
		struct buf robots_url;
		long ttl = 86400;

		buf_init(&robots_url, 4096);
		buf_printf(&robots_url, "%s/robots.txt", origin);
		http_options_from_config(&opts, f->cfg, 512 * 1024);
		if (http_get(&opts, robots_url.data, &resp, err, sizeof(err)) || resp.status >= 500) {
			rules = xstrdup("User-agent: *\nDisallow: /\n");
			ttl = 600;
			if (resp.status >= 500)
				http_response_release(&resp);
		} else {
			rules = resp.status < 300 ? xstrndup(resp.body.data, resp.body.len) : xstrdup("");
			http_response_release(&resp);
		}
		buf_release(&robots_url);
		if (r)
			freeReplyObject(r);
		r = rds_command(f->redis, "SET %srobots:%s %s EX %ld", rds_prefix(f->redis), origin,
			rules, ttl);
	}
	if (r)
		freeReplyObject(r);
	allowed = robots_allowed(rules, f->cfg->fetcher_user_agent, path ? path : "/");
	free(rules);
	free(path);
	free(origin);
	return allowed;
}

/*
 * A feed from the network may not point the fetcher at local files, even
 * where fetcher.schemes allows file: only a feed that is itself a local
 * file may link to one.
 */
static int link_allowed(const char *feed_url, const char *link)
{
	return strncasecmp(link, "file:", 5) || !strncasecmp(feed_url, "file:", 5);
}

static void fetch_entry(struct fetcher *f, const struct source *src, const char *feed_url,
	const struct feed_entry *e)
{
	struct http_options opts;
	struct http_response resp;
	struct page_note *note;
	char id[33], err[512];
	char *url = url_canonical(e->link), *value = NULL;
	json_t *msg = NULL;
	size_t len;
	int s;

	if (!url || url_article_id(url, id)) {
		log_warn("source %s: skipping unusable link '%.200s'", src->name, e->link);
		goto out;
	}
	if (!link_allowed(feed_url, url)) {
		log_warn("source %s: refusing %.200s: a feed from the network may not link to local "
			 "files", src->name, url);
		f->failed++;
		goto out;
	}
	if (inflight_has(f, id)) {
		f->skipped++;
		goto out;
	}
	s = seen(f, id);
	if (s < 0) {
		log_error("source %s: %s; not fetching %s", src->name, rds_errstr(f->redis), url);
		f->failed++;
		goto out;
	}
	if (s) {
		f->skipped++;
		metrics_add(f->metrics, "precis_pages_total", 1, "outcome", "seen", NULL);
		goto out;
	}
	if (!robots_permit(f, url)) {
		/* Not marked seen: if the site's rules change, the page is fetched then. */
		log_info("source %s: robots.txt disallows %s", src->name, url);
		f->disallowed++;
		metrics_add(f->metrics, "precis_pages_total", 1, "outcome", "disallowed", NULL);
		goto out;
	}
	http_options_from_config(&opts, f->cfg, (size_t)f->cfg->fetcher_max_page_bytes);
	if (http_get(&opts, url, &resp, err, sizeof(err))) {
		log_warn("source %s: %s", src->name, err);
		f->failed++;
		metrics_add(f->metrics, "precis_fetches_total", 1, "kind", "page", "outcome", "error",
			NULL);
		goto out;
	}
	if (resp.status >= 300) {
		log_warn("source %s: %s answered HTTP %ld", src->name, url, resp.status);
		f->failed++;
		metrics_add(f->metrics, "precis_fetches_total", 1, "kind", "page", "outcome",
			"http_error", NULL);
		http_response_release(&resp);
		goto out;
	}
	metrics_add(f->metrics, "precis_fetches_total", 1, "kind", "page", "outcome", "ok", NULL);
	msg = page_message(src, e, id, url, &resp);
	http_response_release(&resp);
	value = proto_encode(PROTO_PAGE, msg, &len, err, sizeof(err));
	if (!value) {
		log_error("source %s: %s: page message invalid: %s", src->name, url, err);
		f->failed++;
		goto out;
	}
	note = xcalloc(1, sizeof(*note));
	memcpy(note->id, id, sizeof(id));
	strlcpy_p(note->url, url, sizeof(note->url));
	if (rd_kafka_producev(f->producer, RD_KAFKA_V_TOPIC(f->cfg->topic_pages),
		    RD_KAFKA_V_KEY(id, 32), RD_KAFKA_V_VALUE(value, len),
		    RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_OPAQUE(note),
		    RD_KAFKA_V_END)) {
		log_error("source %s: cannot queue %s: %s", src->name, url,
			rd_kafka_err2str(rd_kafka_last_error()));
		free(note);
		f->failed++;
		goto out;
	}
	f->inflight = xrealloc(f->inflight, (f->ninflight + 1) * sizeof(*f->inflight));
	memcpy(f->inflight[f->ninflight++], id, 33);
	f->pages++;
	metrics_add(f->metrics, "precis_pages_total", 1, "outcome", "produced", NULL);
	rd_kafka_poll(f->producer, 0);
out:
	json_decref(msg);
	free(value);
	free(url);
}

static void poll_source(struct fetcher *f, const struct source *src, volatile sig_atomic_t *stop)
{
	struct http_options opts;
	struct http_response resp;
	struct feed feed;
	char err[512], next[32], etag[256], lm[128], inm[300], ims[160];
	const char *headers[3] = { NULL, NULL, NULL };
	char *url = fetcher_source_url(f->cfg, src->url);
	unsigned long failed_before = f->failed;
	int64_t not_before;
	size_t n, h = 0;

	source_field(f, src, "next_attempt_at", next, sizeof(next));
	if (*next && !parse_int64(next, 0, INT64_MAX, &not_before) && not_before > now_ms()) {
		log_info("source %s: backing off for %lld s more", src->name,
			(long long)((not_before - now_ms()) / 1000));
		free(url);
		return;
	}
	source_field(f, src, "etag", etag, sizeof(etag));
	source_field(f, src, "last_modified", lm, sizeof(lm));
	if (*etag)
		snprintf(inm, sizeof(inm), "If-None-Match: %s", etag), headers[h++] = inm;
	if (*lm)
		snprintf(ims, sizeof(ims), "If-Modified-Since: %s", lm), headers[h++] = ims;
	http_options_from_config(&opts, f->cfg, (size_t)f->cfg->fetcher_max_feed_bytes);
	if (http_get_with(&opts, url, headers, &resp, err, sizeof(err))) {
		back_off(f, src, err, -1);
		free(url);
		return;
	}
	if (resp.status == 304) {
		log_info("source %s: not modified", src->name);
		note_source(f, src, NULL, -1);
		goto out;
	}
	if (resp.status >= 300) {
		snprintf(err, sizeof(err), "%.300s answered HTTP %ld", url, resp.status);
		back_off(f, src, err, resp.retry_after_s);
		goto out;
	}
	if (feed_parse(resp.body.data, resp.body.len, resp.final_url, resp.charset, &feed, err,
		    sizeof(err))) {
		char why[700];

		snprintf(why, sizeof(why), "%.300s: %s", url, err);
		back_off(f, src, why, -1);
		feed_release(&feed);
		goto out;
	}
	n = feed.n < (size_t)f->cfg->fetcher_max_items ? feed.n : (size_t)f->cfg->fetcher_max_items;
	log_info("source %s: %zu entries", src->name, feed.n);
	for (size_t i = 0; i < n && !*stop; i++)
		fetch_entry(f, src, resp.final_url, &feed.entries[i]);
	note_source(f, src, NULL, (long long)feed.n);
	feed_release(&feed);
	if (f->failed == failed_before && !*stop) {
		struct validators *v;

		f->valid = xrealloc(f->valid, (f->nvalid + 1) * sizeof(*f->valid));
		v = &f->valid[f->nvalid++];
		v->source = src->name;
		strlcpy_p(v->etag, resp.etag, sizeof(v->etag));
		strlcpy_p(v->last_modified, resp.last_modified, sizeof(v->last_modified));
	} else {
		/* Something failed: the next poll must see the whole feed again. */
		redisReply *r = rds_command(f->redis, "HDEL %ssource:%s etag last_modified",
			rds_prefix(f->redis), src->name);

		if (r)
			freeReplyObject(r);
	}
out:
	http_response_release(&resp);
	free(url);
}

/* After a flush with nothing lost: the polls' validators are safe to use. */
static void keep_validators(struct fetcher *f)
{
	for (size_t i = 0; i < f->nvalid; i++) {
		const struct validators *v = &f->valid[i];
		redisReply *r;

		if (f->lost)
			r = rds_command(f->redis, "HDEL %ssource:%s etag last_modified",
				rds_prefix(f->redis), v->source);
		else
			r = rds_command(f->redis, "HSET %ssource:%s etag %s last_modified %s",
				rds_prefix(f->redis), v->source, v->etag, v->last_modified);
		if (r)
			freeReplyObject(r);
	}
	f->nvalid = 0;
}

int fetcher_run(struct svc *svc, int once, volatile sig_atomic_t *stop, char *errstr,
	size_t errsize)
{
	const struct config *cfg = svc->cfg;
	struct fetcher f = { .cfg = cfg, .metrics = svc->metrics };
	int rc = -1;

	f.redis = rds_connect(cfg->redis_url, (int)cfg->redis_timeout_ms, cfg->redis_prefix,
		errstr, errsize);
	if (!f.redis)
		return -1;
	f.producer = kafka_producer_new(cfg, "precis-fetcher", on_delivery, &f, errstr, errsize);
	if (!f.producer)
		goto out;
	if (kafka_ensure_topics(f.producer, cfg, errstr, errsize))
		goto out;
	if (!cfg->nsources)
		log_warn("no sources configured: nothing to fetch");
	atomic_store(&svc->ready, 1);
	metrics_describe(f.metrics, "precis_fetches_total", "counter",
		"feed and page requests by outcome");
	metrics_describe(f.metrics, "precis_pages_total", "counter",
		"article pages by outcome: produced, seen before, undelivered, disallowed");
	metrics_describe(f.metrics, "precis_source_consecutive_failures", "gauge",
		"failed polls of a source in a row");
	metrics_describe(f.metrics, "precis_source_last_success_seconds", "gauge",
		"Unix time of a source's last successful poll");
	metrics_describe(f.metrics, "precis_source_entries", "gauge",
		"entries in a source's feed at its last successful poll");
	for (;;) {
		int64_t next = mono_ms() + cfg->fetcher_poll_interval_s * 1000;

		f.pages = f.skipped = f.failed = f.lost = f.disallowed = 0;
		for (size_t i = 0; i < cfg->nsources && !*stop; i++)
			poll_source(&f, &cfg->sources[i], stop);
		if (rd_kafka_flush(f.producer, (int)cfg->kafka_flush_timeout_ms))
			log_error("%d pages still undelivered after %lld ms",
				rd_kafka_outq_len(f.producer), (long long)cfg->kafka_flush_timeout_ms);
		keep_validators(&f);
		log_info("poll done: %lu pages produced, %lu already fetched, %lu failed, %lu undelivered, "
			 "%lu disallowed by robots.txt",
			f.pages, f.skipped, f.failed, f.lost, f.disallowed);
		if (once || *stop)
			break;
		while (!*stop && mono_ms() < next)
			sleep_ms(200);
	}
	rc = 0;
out:
	if (f.producer) {
		rd_kafka_flush(f.producer, (int)cfg->kafka_flush_timeout_ms);
		rd_kafka_destroy(f.producer);
	}
	rds_free(f.redis);
	free(f.inflight);
	free(f.valid);
	return rc;
}

int fetcher_forget_run(const struct config *cfg, struct rds *r, char *errstr, size_t errsize)
{
	redisReply *rep = rds_command(r, "DEL %srun:pending", rds_prefix(r));

	(void)cfg;
	if (!rep) {
		snprintf(errstr, errsize, "%s", rds_errstr(r));
		return -1;
	}
	freeReplyObject(rep);
	return 0;
}

/* KEYS: pending. ARGV: prefix, ttl seconds. */
static const char confirm_script[] =
	"local ids = redis.call('SMEMBERS', KEYS[1]) "
	"for _, id in ipairs(ids) do redis.call('SET', ARGV[1] .. 'seen:' .. id, '1', 'EX', ARGV[2]) end "
	"redis.call('DEL', KEYS[1]) return #ids";

int fetcher_confirm_run(const struct config *cfg, struct rds *r, char *errstr, size_t errsize)
{
	char pending[512];
	redisReply *rep;

	snprintf(pending, sizeof(pending), "%srun:pending", rds_prefix(r));
	rep = rds_command(r, "EVAL %s 1 %s %s %lld", confirm_script, pending, rds_prefix(r),
		(long long)cfg->fetcher_seen_ttl_days * 86400);
	if (!rep) {
		snprintf(errstr, errsize, "%s", rds_errstr(r));
		return -1;
	}
	freeReplyObject(rep);
	return 0;
}
