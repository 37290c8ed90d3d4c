#include "fetcher.h"

#include <jansson.h>
#include <limits.h>
#include <regex.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "buf.h"
#include "codec.h"
#include "feed.h"
#include "html.h"
#include "http.h"
#include "kafka.h"
#include "log.h"
#include "metrics.h"
#include "proto.h"
#include "rds.h"
#include "robots.h"
#include "trace.h"
#include "url.h"
#include "common.h"

/*
 * One source's state in this process. Its feed's validators (ETag,
 * Last-Modified) are kept for the next conditional GET only once every
 * entry of that poll was handled and every page delivered: a 304 must never
 * hide an entry that failed.
 */
struct src_state {
	const struct source *src;
	regex_t include, exclude;
	int has_include, has_exclude;
	int polled; /* this cycle, with validators to keep */
	char etag[256];
	char last_modified[128];
	unsigned long failed; /* pages of this cycle that failed */
};

enum job_kind { JOB_FEED, JOB_PAGE };

/* A request waiting for its turn or in flight. */
struct job {
	enum job_kind kind;
	struct fetcher *f;
	struct src_state *ss;
	char *url; /* the feed's URL, or the page's canonical URL */
	char *origin; /* per-host politeness key; NULL for local files */
	char id[33]; /* page */
	json_t *entry; /* page: what the feed said */
	char traceparent[TRACEPARENT_SIZE]; /* page: its trace, started here */
	char token[96]; /* the host slot held while in flight */
	int64_t not_before; /* mono_ms() */
	struct job *next;
};

struct fetcher {
	const struct config *cfg;
	struct metrics *metrics;
	struct src_state *srcs;
	struct rds *redis;
	rd_kafka_t *producer;
	struct http_multi *hm;
	struct http_options feed_http, page_http;
	struct delivered *delivered; /* confirmed by the broker, not yet marked seen */
	size_t ndelivered;
	struct robots_memo *robots; /* rules read lately, by origin */
	size_t nrobots;
	struct job *queue; /* waiting, in order */
	struct job *inflight; /* started, not done */
	size_t running;
	char owner[64]; /* this process, in claims and host slots */
	unsigned long long tokens;
	unsigned long pages, skipped, failed, lost, disallowed, filtered, unlinked;
};

/*
 * robots.txt rules this process read from Redis in the last minute: a poll
 * of a thousand pages on one site asks Redis once, not a thousand times.
 */
#define ROBOTS_MEMO_MS 60000
#define ROBOTS_MEMO_MAX 256

struct robots_memo {
	char *origin;
	char *rules;
	int64_t until; /* mono_ms() */
};

/* A page the broker confirmed, waiting to be marked seen with others in one round trip. */
struct delivered {
	char id[33];
	char *url;
};

/* Travels with a page to its delivery report. */
struct page_note {
	struct src_state *ss;
	char id[33];
	char url[1024];
};

/*
 * Claims on article pages make replicas share the work without losing any:
 * a page is fetched by the replica whose claim succeeds, and marked seen
 * only once the broker has it. A replica that dies holding a claim leaves
 * it to expire (fetcher.claim_ttl_s); the next poll of any replica takes
 * the page then.
 *
 * KEYS: seen, claim of each page. ARGV: owner, ttl ms. For each page, 0:
 * claimed; 1: seen; 2: claimed by someone else.
 */
static const char claim_script[] =
	"local out = {} for i = 1, #KEYS, 2 do "
	"if redis.call('EXISTS', KEYS[i]) == 1 then out[#out + 1] = 1 "
	"elseif redis.call('SET', KEYS[i + 1], ARGV[1], 'NX', 'PX', ARGV[2]) then out[#out + 1] = 0 "
	"else out[#out + 1] = 2 end end return out";

/* KEYS: claim. ARGV: owner. Drops the claim if it is still ours. */
static const char unclaim_script[] =
	"if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end "
	"return 0";

/* KEYS: seen, claim of each page. ARGV: ttl s, owner, then each page's URL. */
static const char delivered_script[] =
	"for i = 1, #KEYS, 2 do "
	"redis.call('SET', KEYS[i], ARGV[2 + (i + 1) / 2], 'EX', ARGV[1]) "
	"if redis.call('GET', KEYS[i + 1]) == ARGV[2] then redis.call('DEL', KEYS[i + 1]) end end "
	"return #KEYS / 2";

/*
 * Politeness per host, shared by every replica: at most ARGV[2] requests in
 * flight (a sorted set of slot tokens that expire, in case a replica dies
 * holding one) and ARGV[3] ms between the starts of two requests. Uses the
 * server's clock, so replicas' clocks need not agree.
 *
 * KEYS: slots, next. ARGV: token, max, delay ms, lease ms. 0: go; > 0: ms to
 * wait; -1: full.
 */
static const char host_acquire_script[] =
	"local t = redis.call('TIME') local now = t[1] * 1000 + math.floor(t[2] / 1000) "
	"redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now) "
	"local nxt = tonumber(redis.call('GET', KEYS[2]) or '0') "
	"if nxt > now then return nxt - now end "
	"if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return -1 end "
	"redis.call('ZADD', KEYS[1], now + tonumber(ARGV[4]), ARGV[1]) "
	"redis.call('PEXPIRE', KEYS[1], ARGV[4]) "
	"if tonumber(ARGV[3]) > 0 then redis.call('SET', KEYS[2], now + tonumber(ARGV[3]), 'PX', ARGV[3]) end "
	"return 0";

/*
 * Whether a source is due: daemons poll each feed once per interval across
 * all replicas (the check and the mark are one step); --once polls anyway.
 * KEYS: source hash. ARGV: now ms, interval ms.
 */
static const char due_script[] =
	"local last = tonumber(redis.call('HGET', KEYS[1], 'last_poll_at') or '0') "
	"if last + tonumber(ARGV[2]) > tonumber(ARGV[1]) then return 0 end "
	"redis.call('HSET', KEYS[1], 'last_poll_at', ARGV[1]) return 1";

static void key(char *out, size_t size, struct fetcher *f, const char *what, const char *id)
{
	snprintf(out, size, "%s%s%s", rds_prefix(f->redis), what, id);
}

static void unclaim(struct fetcher *f, const char *id)
{
	char claim[128];
	redisReply *r;

	key(claim, sizeof(claim), f, "claim:", id);
	r = rds_command(f->redis, "EVAL %s 1 %s %s", unclaim_script, claim, f->owner);
	if (r)
		freeReplyObject(r);
}

static void mark_delivered(struct fetcher *f, const struct page_note *note)
{
	f->delivered = xrealloc(f->delivered, (f->ndelivered + 1) * sizeof(*f->delivered));
	memcpy(f->delivered[f->ndelivered].id, note->id, 33);
	f->delivered[f->ndelivered++].url = xstrdup(note->url);
}

/*
 * Runs script over n pages in batches of 500, one round trip each: KEYS are
 * each page's seen and claim keys; ARGV the nhead values of head, then each
 * page's URL when urls is set. Each batch's reply goes to on_reply (may be
 * NULL) with the index of its first page. Returns -1 if Redis failed.
 */
static int script_pages(struct fetcher *f, const char *script, const char *const *head,
	size_t nhead, const char *const *ids, const char *const *urls, size_t n,
	void (*on_reply)(void *ctx, size_t first, redisReply *r), void *ctx)
{
	int rc = 0;

	for (size_t done = 0; done < n; done += 500) {
		size_t m = n - done < 500 ? n - done : 500, a = 0;
		size_t argc = 3 + 2 * m + nhead + (urls ? m : 0);
		const char **argv = xcalloc(argc, sizeof(*argv));
		size_t *lens = xcalloc(argc, sizeof(*lens));
		char (*keys)[128] = xcalloc(2 * m, sizeof(*keys));
		char nkeys[32];
		redisReply *r;

		snprintf(nkeys, sizeof(nkeys), "%zu", 2 * m);
		argv[a++] = "EVAL", argv[a++] = script, argv[a++] = nkeys;
		for (size_t i = 0; i < m; i++) {
			key(keys[2 * i], sizeof(keys[0]), f, "seen:", ids[done + i]);
			key(keys[2 * i + 1], sizeof(keys[0]), f, "claim:", ids[done + i]);
			argv[a++] = keys[2 * i];
			argv[a++] = keys[2 * i + 1];
		}
		for (size_t i = 0; i < nhead; i++)
			argv[a++] = head[i];
		for (size_t i = 0; urls && i < m; i++)
			argv[a++] = urls[done + i];
		for (size_t i = 0; i < a; i++)
			lens[i] = strlen(argv[i]);
		r = rds_command_argv(f->redis, (int)a, argv, lens);
		if (!r)
			rc = -1;
		else if (on_reply)
			on_reply(ctx, done, r);
		if (r)
			freeReplyObject(r);
		free(keys);
		free(lens);
		free(argv);
	}
	return rc;
}

/* Marks the delivered pages seen and drops their claims. */
static void flush_delivered(struct fetcher *f)
{
	char ttl[32];
	const char *head[2] = { ttl, f->owner };
	const char **ids, **urls;

	if (!f->ndelivered)
		return;
	snprintf(ttl, sizeof(ttl), "%lld", (long long)f->cfg->fetcher_seen_ttl_days * 86400);
	ids = xcalloc(f->ndelivered, sizeof(*ids));
	urls = xcalloc(f->ndelivered, sizeof(*urls));
	for (size_t i = 0; i < f->ndelivered; i++) {
		ids[i] = f->delivered[i].id;
		urls[i] = f->delivered[i].url;
	}
	if (script_pages(f, delivered_script, head, 2, ids, urls, f->ndelivered, NULL, NULL))
		log_warn("cannot remember %zu pages as fetched (%s); they may be fetched again",
			f->ndelivered, rds_errstr(f->redis));
	free(ids);
	free(urls);
	for (size_t i = 0; i < f->ndelivered; i++)
		free(f->delivered[i].url);
	f->ndelivered = 0;
}

static void on_delivery(rd_kafka_t *rk, const rd_kafka_message_t *m, void *opaque)
{
	struct fetcher *f = opaque;
	struct page_note *note = m->_private;
	redisReply *r = NULL;

	(void)rk;
	if (m->err == RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE) {
		/* Fetching it again would fail the same way: say so where operators look. */
		json_t *dl = proto_deadletter("fetcher", "the page message is larger than the pages "
			"topic accepts: lower fetcher.max_message_bytes to the topic's max.message.bytes",
			f->cfg->topic_pages, -1, -1, note->id, 32, note->url, strlen(note->url));
		char err[256], *s;
		size_t len;

		log_error("page %s is too large for %s; dead-lettered", note->url, f->cfg->topic_pages);
		s = proto_encode(PROTO_DEADLETTER, dl, &len, err, sizeof(err));
		json_decref(dl);
		if (s && !rd_kafka_producev(rk, RD_KAFKA_V_TOPIC(f->cfg->topic_deadletter),
				 RD_KAFKA_V_KEY(note->id, 32), RD_KAFKA_V_VALUE(s, len),
				 RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END))
			mark_delivered(f, note);
		free(s);
		note->ss->failed++;
		metrics_add(f->metrics, "precis_pages_total", 1, "outcome", "too_large", NULL);
	} else if (m->err) {
		/* Not marked seen: the next poll fetches it again. */
		log_error("page %s was not delivered: %s", note->url, rd_kafka_err2str(m->err));
		f->lost++;
		note->ss->failed++;
		metrics_add(f->metrics, "precis_pages_total", 1, "outcome", "undelivered", NULL);
		unclaim(f, note->id);
	} else if (!strcmp(f->cfg->fetcher_mark_seen, "run")) {
		/* The embedded broker forgets on exit: precis run confirms these once published. */
		r = rds_command(f->redis, "SADD %srun:pending %s", rds_prefix(f->redis), note->id);
		if (!r)
			log_warn("cannot note %s as fetched in this run (%s)", note->url,
				rds_errstr(f->redis));
		unclaim(f, note->id);
	} else {
		mark_delivered(f, note);
	}
	if (r)
		freeReplyObject(r);
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
	/* The backoff, not the poll interval, says when to try again. */
	r = rds_command(f->redis, "HSET %ssource:%s next_attempt_at %lld", rds_prefix(f->redis),
		src->name, (long long)now_ms() + (long long)(wait * 1000));
	if (r)
		freeReplyObject(r);
	r = rds_command(f->redis, "HDEL %ssource:%s last_poll_at", rds_prefix(f->redis), src->name);
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

/* What the feed said about an entry, for the page message. */
static json_t *entry_json(const struct feed_entry *e)
{
	json_t *entry = json_pack("{s:s}", "title", e->title ? e->title : "");

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
	return entry;
}

struct page_body {
	const char *final_url;
	long status;
	const char *content_type;
	const char *charset;
	const char *data;
	size_t len;
	size_t original_len; /* > len when the page was cut to fit a message */
	int from_feed;
};

static json_t *page_message(const struct source *src, json_t *entry, const char *id,
	const char *url, const struct page_body *p)
{
	char ts[32];
	char *b64 = codec_base64_encode(p->data, p->len);
	json_t *msg;

	time_iso8601(now_ms(), ts, sizeof(ts));
	msg = json_pack("{s:s, s:s, s:s, s:s, s:{s:s, s:s, s:s, s:I}, s:s, s:i, s:s, s:s, s:s, s:O}",
		"schema", proto_schema_id(PROTO_PAGE), "id", id, "url", url, "final_url",
		p->final_url, "source", "name", src->name, "lang", src->lang, "category",
		src->category, "weight", (json_int_t)src->weight, "fetched_at", ts,
		"http_status", (int)p->status, "content_type", p->content_type, "charset",
		p->charset, "body_base64", b64, "entry", entry);
	if (p->original_len > p->len) {
		json_object_set_new(msg, "truncated", json_true());
		json_object_set_new(msg, "original_bytes", json_integer((json_int_t)p->original_len));
	}
	if (p->from_feed)
		json_object_set_new(msg, "from_feed", json_true());
	free(b64);
	return msg;
}

static long long host_slot(struct fetcher *f, const char *origin, char *token, size_t size);
static void host_unslot(struct fetcher *f, const char *origin, char *token);

/* Keeps origin and rules (both taken) for a minute, replacing the oldest when full. */
static void robots_remember(struct fetcher *f, char *origin, char *rules)
{
	struct robots_memo *m = NULL;

	for (size_t i = 0; i < f->nrobots && !m; i++)
		if (!strcmp(f->robots[i].origin, origin))
			m = &f->robots[i];
	if (!m && f->nrobots < ROBOTS_MEMO_MAX) {
		f->robots = xrealloc(f->robots, (f->nrobots + 1) * sizeof(*f->robots));
		m = &f->robots[f->nrobots++];
		m->origin = m->rules = NULL;
	}
	if (!m) {
		m = &f->robots[0];
		for (size_t i = 1; i < f->nrobots; i++)
			if (f->robots[i].until < m->until)
				m = &f->robots[i];
	}
	free(m->origin);
	free(m->rules);
	m->origin = origin;
	m->rules = rules;
	m->until = mono_ms() + ROBOTS_MEMO_MS;
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
	for (size_t i = 0; i < f->nrobots; i++) {
		if (!strcmp(f->robots[i].origin, origin) && f->robots[i].until > mono_ms()) {
			allowed = robots_allowed(f->robots[i].rules, f->cfg->fetcher_user_agent,
				path ? path : "/");
			free(path);
			free(origin);
			return allowed;
		}
	}
	r = rds_command(f->redis, "GET %srobots:%s", rds_prefix(f->redis), origin);
	if (r && r->type == REDIS_REPLY_STRING) {
		rules = xstrndup(r->str, r->len);
	} else {
		struct buf robots_url;
		long ttl = 86400;

		char token[96];
		long long wait;

		buf_init(&robots_url, 4096);
		buf_printf(&robots_url, "%s/robots.txt", origin);
		http_options_from_config(&opts, f->cfg, 512 * 1024);
		/* robots.txt is a request like any other: the host's politeness holds. */
		for (int64_t give_up = mono_ms() + 60000;
			(wait = host_slot(f, origin, token, sizeof(token))) && mono_ms() < give_up;)
			sleep_ms(wait > 0 ? wait : 20);
		if (http_get(&opts, robots_url.data, &resp, err, sizeof(err)) || resp.status >= 500) {
			rules = xstrdup("User-agent: *\nDisallow: /\n");
			ttl = 600;
			if (resp.status >= 500)
				http_response_release(&resp);
		} else {
			rules = resp.status < 300 ? xstrndup(resp.body.data, resp.body.len) : xstrdup("");
			http_response_release(&resp);
		}
		host_unslot(f, origin, token);
		buf_release(&robots_url);
		if (r)
			freeReplyObject(r);
		r = rds_command(f->redis, "SET %srobots:%s %s EX %ld", rds_prefix(f->redis), origin,
			rules, ttl);
	}
	if (r)
		freeReplyObject(r);
	allowed = robots_allowed(rules, f->cfg->fetcher_user_agent, path ? path : "/");
	robots_remember(f, origin, rules);
	free(path);
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

/* ---- the queue ---- */

static void job_free(struct job *j)
{
	free(j->url);
	free(j->origin);
	json_decref(j->entry);
	free(j);
}

static void enqueue(struct fetcher *f, struct job *j)
{
	struct job **p = &f->queue;

	while (*p)
		p = &(*p)->next;
	j->f = f;
	*p = j;
}

/* 0: go (token holds the slot); > 0: ms to wait; -1: the host is busy. */
static long long host_slot(struct fetcher *f, const char *origin, char *token, size_t size)
{
	char slots[700], next[700];
	long long wait;
	redisReply *r;

	key(slots, sizeof(slots), f, "host:slots:", origin);
	key(next, sizeof(next), f, "host:next:", origin);
	snprintf(token, size, "%s:%llu", f->owner, ++f->tokens);
	/* The slot outlives the longest request, so a dead replica's slot frees itself. */
	r = rds_command(f->redis, "EVAL %s 2 %s %s %s %lld %lld %lld", host_acquire_script, slots,
		next, token, (long long)f->cfg->fetcher_host_concurrency,
		(long long)f->cfg->fetcher_host_delay_ms,
		(long long)f->cfg->fetcher_timeout_ms + 60000);
	if (!r) {
		log_warn("politeness: %s; waiting", rds_errstr(f->redis));
		token[0] = '\0';
		return 1000;
	}
	wait = r->type == REDIS_REPLY_INTEGER ? r->integer : 1000;
	freeReplyObject(r);
	if (wait)
		token[0] = '\0';
	return wait;
}

static void host_unslot(struct fetcher *f, const char *origin, char *token)
{
	char slots[700];
	redisReply *r;

	if (!token[0])
		return;
	key(slots, sizeof(slots), f, "host:slots:", origin);
	r = rds_command(f->redis, "ZREM %s %s", slots, token);
	if (r)
		freeReplyObject(r);
	token[0] = '\0';
}

static long long host_acquire(struct fetcher *f, struct job *j)
{
	return j->origin ? host_slot(f, j->origin, j->token, sizeof(j->token)) : 0;
}

static void host_release(struct fetcher *f, struct job *j)
{
	if (j->origin)
		host_unslot(f, j->origin, j->token);
}

static void on_feed(void *opaque, struct http_response *resp, const char *errstr);
static void on_page(void *opaque, struct http_response *resp, const char *errstr);

static int start(struct fetcher *f, struct job *j)
{
	char err[512], etag[256], lm[128], inm[300], ims[160];
	const char *headers[3] = { NULL, NULL, NULL };
	size_t h = 0;
	int rc;

	if (j->kind == JOB_FEED) {
		source_field(f, j->ss->src, "etag", etag, sizeof(etag));
		source_field(f, j->ss->src, "last_modified", lm, sizeof(lm));
		if (*etag)
			snprintf(inm, sizeof(inm), "If-None-Match: %s", etag), headers[h++] = inm;
		if (*lm)
			snprintf(ims, sizeof(ims), "If-Modified-Since: %s", lm), headers[h++] = ims;
		rc = http_multi_get(f->hm, &f->feed_http, j->url, headers, on_feed, j, err,
			sizeof(err));
	} else {
		rc = http_multi_get(f->hm, &f->page_http, j->url, NULL, on_page, j, err, sizeof(err));
	}
	if (rc) {
		host_release(f, j);
		log_warn("source %s: %s", j->ss->src->name, err);
		return -1;
	}
	j->next = f->inflight;
	f->inflight = j;
	f->running++;
	return 0;
}

/* A started job is done: out of the in-flight list. */
static void landed(struct fetcher *f, struct job *j)
{
	for (struct job **p = &f->inflight; *p; p = &(*p)->next) {
		if (*p == j) {
			*p = j->next;
			break;
		}
	}
	f->running--;
	host_release(f, j);
}

/*
 * Starts what may start: up to fetcher.concurrency in flight, each host as
 * its politeness allows. A host that says wait is not asked again for its
 * other jobs in the same pass.
 */
static void start_ready(struct fetcher *f)
{
	const char *busy[64];
	size_t nbusy = 0;
	int64_t now = mono_ms();

	for (struct job **p = &f->queue; *p && f->running < (size_t)f->cfg->fetcher_concurrency;) {
		struct job *j = *p;
		long long wait;
		int skip = j->not_before > now;

		for (size_t i = 0; !skip && i < nbusy; i++)
			skip = j->origin && !strcmp(busy[i], j->origin);
		if (skip) {
			p = &j->next;
			continue;
		}
		wait = host_acquire(f, j);
		if (wait) {
			j->not_before = now + (wait > 0 ? wait : 20);
			if (nbusy < ARRAY_SIZE(busy) && j->origin)
				busy[nbusy++] = j->origin;
			p = &j->next;
			continue;
		}
		*p = j->next; /* out of the queue: in flight, or failed to start */
		if (start(f, j)) {
			if (j->kind == JOB_PAGE) {
				j->ss->failed++;
				f->failed++;
				unclaim(f, j->id);
			}
			job_free(j);
		}
	}
}

/* ---- pages ---- */

/*
 * Media, archives and binaries are no article, whatever link led to them;
 * servers that label HTML as text/plain or send no type at all are common.
 */
static int binary_type(const char *content_type)
{
	static const char *const binary[] = { "image/", "audio/", "video/", "font/",
		"application/pdf", "application/zip", "application/gzip" };

	for (size_t i = 0; i < ARRAY_SIZE(binary); i++)
		if (!strncasecmp(content_type, binary[i], strlen(binary[i])))
			return 1;
	return 0;
}

/* The entry passes the source's include and exclude rules. */
static int wanted(const struct src_state *ss, const struct feed_entry *e)
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

/*
 * Produces a page message; the page is cut to fit fetcher.max_message_bytes
 * and marked truncated rather than refused. Returns 0, or -1 (counted).
 */
static int produce_page(struct fetcher *f, struct src_state *ss, const char *id, const char *url,
	const char *traceparent, json_t *entry, struct page_body *body)
{
	size_t len, limit = (size_t)f->cfg->fetcher_max_message_bytes;
	struct page_note *note;
	rd_kafka_headers_t *headers;
	char err[512], *value;
	json_t *msg = page_message(ss->src, entry, id, url, body);

	value = proto_encode(PROTO_PAGE, msg, &len, err, sizeof(err));
	json_decref(msg);
	if (value && len > limit) {
		/* Base64 is 4 bytes for 3: keep what fits beside the rest of the message. */
		size_t other = len - (body->len + 2) / 3 * 4, keep;

		free(value);
		value = NULL;
		keep = other + 1024 < limit ? (limit - other - 1024) / 4 * 3 : 0;
		if (keep) {
			body->original_len = body->len;
			body->len = keep;
			log_warn("source %s: %s is %zu bytes; cut to %zu to fit a message "
				 "(fetcher.max_message_bytes)", ss->src->name, url, body->original_len, keep);
			msg = page_message(ss->src, entry, id, url, body);
			value = proto_encode(PROTO_PAGE, msg, &len, err, sizeof(err));
			json_decref(msg);
			metrics_add(f->metrics, "precis_pages_total", 1, "outcome", "truncated", NULL);
		} else {
			snprintf(err, sizeof(err), "its feed entry alone exceeds fetcher.max_message_bytes");
		}
	}
	if (!value) {
		log_error("source %s: %s: page message invalid: %s", ss->src->name, url, err);
		goto fail;
	}
	note = xcalloc(1, sizeof(*note));
	note->ss = ss;
	memcpy(note->id, id, 33);
	strlcpy_p(note->url, url, sizeof(note->url));
	headers = rd_kafka_headers_new(1);
	rd_kafka_header_add(headers, TRACE_HEADER, -1, traceparent, -1);
	if (rd_kafka_producev(f->producer, RD_KAFKA_V_TOPIC(f->cfg->topic_pages),
		    RD_KAFKA_V_KEY(id, 32), RD_KAFKA_V_VALUE(value, len),
		    RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_HEADERS(headers),
		    RD_KAFKA_V_OPAQUE(note), RD_KAFKA_V_END)) {
		log_error("source %s: cannot queue %s: %s", ss->src->name, url,
			rd_kafka_err2str(rd_kafka_last_error()));
		rd_kafka_headers_destroy(headers);
		free(note);
		free(value);
		goto fail;
	}
	free(value);
	f->pages++;
	metrics_add(f->metrics, "precis_pages_total", 1, "outcome", "produced", NULL);
	log_debug("source %s: page %s sent on", ss->src->name, url);
	return 0;
fail:
	ss->failed++;
	f->failed++;
	unclaim(f, id);
	return -1;
}

/* mode: feed: the feed's own text, as a small HTML page the extractor reads like any other. */
static void produce_from_feed(struct fetcher *f, struct src_state *ss, const char *id,
	const char *url, const char *traceparent, const struct feed_entry *e, json_t *entry)
{
	const char *text = e->content ? e->content : e->summary ? e->summary : "";
	struct page_body body = { url, 200, "text/html; charset=utf-8", "utf-8", NULL, 0, 0, 1 };
	struct buf html;

	buf_init(&html, SIZE_MAX);
	buf_addstr(&html, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>");
	html_escape(&html, e->title ? e->title : "");
	buf_addstr(&html, "</title></head><body><article><h1>");
	html_escape(&html, e->title ? e->title : "");
	buf_addstr(&html, "</h1>");
	for (const char *p = text; *p;) {
		const char *end = strstr(p, "\n\n");
		char *para = xstrndup(p, end ? (size_t)(end - p) : strlen(p));

		buf_addstr(&html, "<p>");
		html_escape(&html, para);
		buf_addstr(&html, "</p>");
		free(para);
		p = end ? end + 2 : p + strlen(p);
	}
	buf_addstr(&html, "</article></body></html>");
	body.data = html.data;
	body.len = html.len;
	produce_page(f, ss, id, url, traceparent, entry, &body);
	buf_release(&html);
}

/* An entry of this poll that passed the source's rules, before its claim. */
struct candidate {
	const struct feed_entry *e;
	char *url;
	char id[33];
	long long claim; /* claim_script's answer */
};

/* What happens to one claimed entry: fetched, or produced from the feed. */
static void take_claimed(struct fetcher *f, struct src_state *ss, struct candidate *c)
{
	const struct source *src = ss->src;
	char tp[TRACEPARENT_SIZE], trace[TRACE_ID_SIZE];
	struct job *j;

	/* The article's trace starts here: every stage's log lines will name it. */
	trace_new(tp);
	trace_id(tp, trace);
	log_set_trace(trace);
	if (!strcmp(src->mode, "feed")) {
		json_t *entry = entry_json(c->e);

		produce_from_feed(f, ss, c->id, c->url, tp, c->e, entry);
		json_decref(entry);
		log_set_trace(NULL);
		return;
	}
	if (!robots_permit(f, c->url)) {
		/* Not marked seen: if the site's rules change, the page is fetched then. */
		log_info("source %s: robots.txt disallows %s", src->name, c->url);
		f->disallowed++;
		metrics_add(f->metrics, "precis_pages_total", 1, "outcome", "disallowed", NULL);
		unclaim(f, c->id);
		log_set_trace(NULL);
		return;
	}
	j = xcalloc(1, sizeof(*j));
	j->kind = JOB_PAGE;
	j->ss = ss;
	j->url = c->url;
	c->url = NULL;
	j->origin = url_origin(j->url);
	memcpy(j->id, c->id, sizeof(c->id));
	j->entry = entry_json(c->e);
	memcpy(j->traceparent, tp, sizeof(tp));
	log_debug("source %s: page %s queued", src->name, j->url);
	log_set_trace(NULL);
	enqueue(f, j);
}

static void on_claims(void *ctx, size_t first, redisReply *r)
{
	struct candidate *c = ctx;

	for (size_t i = 0; r->type == REDIS_REPLY_ARRAY && i < r->elements; i++)
		c[first + i].claim =
			r->element[i]->type == REDIS_REPLY_INTEGER ? r->element[i]->integer : 2;
}

/*
 * Where an entry without a link is published from (mode: feed): the
 * site's address (else the feed's) with a fragment, and an id from the
 * source and the entry's own id, else from its text, so that the next
 * poll knows it. Caller frees; NULL when neither address parses.
 */
static char *linkless_address(const struct source *src, const char *home, const char *feed_url,
	const struct feed_entry *e, char id[33])
{
	const char *text[] = { e->title, e->summary, e->content, e->published };
	char *base = home ? url_canonical(home) : NULL, *url = NULL;
	struct buf key;

	if (!base)
		base = url_canonical(feed_url);
	buf_init(&key, SIZE_MAX);
	buf_printf(&key, "linkless entry\n%s\n", src->url);
	if (e->id) {
		buf_printf(&key, "id\n%s", e->id);
	} else {
		for (size_t i = 0; i < ARRAY_SIZE(text); i++)
			buf_printf(&key, "%s\n", text[i] ? text[i] : "");
	}
	codec_id128(key.data, key.len, id);
	buf_release(&key);
	if (base) {
		buf_init(&key, SIZE_MAX);
		buf_printf(&key, "%s#entry-%.12s", base, id);
		url = buf_detach(&key, NULL);
	}
	free(base);
	return url;
}

static void take_entries(struct fetcher *f, struct src_state *ss, const char *feed_url,
	const char *home, const struct feed_entry *entries, size_t n)
{
	const struct source *src = ss->src;
	struct candidate *c = xcalloc(n ? n : 1, sizeof(*c));
	const char **ids = xcalloc(n ? n : 1, sizeof(*ids));
	char ttl[32];
	const char *head[2] = { f->owner, ttl };
	size_t nc = 0;

	for (size_t i = 0; i < n; i++) {
		const struct feed_entry *e = &entries[i];
		char *url;
		int dup = 0;

		if (!e->link && strcmp(src->mode, "feed")) {
			/* A page source fetches pages, and this entry names none. */
			log_warn("source %s: entry '%.100s' has no link and is not taken; a source "
				 "with mode: feed publishes such entries with their own text", src->name,
				e->title ? e->title : e->id ? e->id : "(untitled)");
			f->unlinked++;
			metrics_add(f->metrics, "precis_pages_total", 1, "outcome", "no_link", NULL);
			continue;
		}
		url = e->link ? url_canonical(e->link)
			      : linkless_address(src, home, feed_url, e, c[nc].id);
		if (!url || (e->link && url_article_id(url, c[nc].id))) {
			log_warn("source %s: skipping unusable link '%.200s'", src->name, e->link);
			free(url);
			continue;
		}
		if (!wanted(ss, e)) {
			f->filtered++;
			metrics_add(f->metrics, "precis_pages_total", 1, "outcome", "filtered", NULL);
			free(url);
			continue;
		}
		if (!link_allowed(feed_url, url)) {
			log_warn("source %s: refusing %.200s: a feed from the network may not link to "
				 "local files", src->name, url);
			ss->failed++;
			f->failed++;
			free(url);
			continue;
		}
		for (size_t k = 0; k < nc && !dup; k++)
			dup = !strcmp(c[k].id, c[nc].id); /* a feed listing a link twice */
		if (dup) {
			free(url);
			continue;
		}
		c[nc].e = e;
		c[nc].url = url;
		c[nc].claim = -1;
		ids[nc] = c[nc].id;
		nc++;
	}
	/* Every claim of the poll in one round trip per 500 entries. */
	snprintf(ttl, sizeof(ttl), "%lld", (long long)f->cfg->fetcher_claim_ttl_s * 1000);
	if (script_pages(f, claim_script, head, 2, ids, NULL, nc, on_claims, c))
		log_error("source %s: %s; some pages are not fetched this time", src->name,
			rds_errstr(f->redis));
	for (size_t i = 0; i < nc; i++) {
		if (c[i].claim < 0) { /* Redis failed */
			ss->failed++;
			f->failed++;
		} else if (c[i].claim) {
			f->skipped++;
			metrics_add(f->metrics, "precis_pages_total", 1, "outcome",
				c[i].claim == 1 ? "seen" : "claimed", NULL);
		} else {
			take_claimed(f, ss, &c[i]);
		}
		free(c[i].url);
	}
	free(ids);
	free(c);
}

static void on_page(void *opaque, struct http_response *resp, const char *errstr)
{
	struct job *j = opaque;
	struct fetcher *f = j->f;
	const char *name = j->ss->src->name;
	char trace[TRACE_ID_SIZE] = "";

	trace_id(j->traceparent, trace);
	log_set_trace(trace);
	landed(f, j);
	if (!resp) {
		log_warn("source %s: %s", name, errstr);
		metrics_add(f->metrics, "precis_fetches_total", 1, "kind", "page", "outcome", "error",
			NULL);
	} else if (resp->status >= 300) {
		log_warn("source %s: %s answered HTTP %ld", name, j->url, resp->status);
		metrics_add(f->metrics, "precis_fetches_total", 1, "kind", "page", "outcome",
			"http_error", NULL);
	} else if (binary_type(resp->content_type)) {
		log_warn("source %s: %s is not a web page (Content-Type %.100s)", name, j->url,
			resp->content_type);
		metrics_add(f->metrics, "precis_fetches_total", 1, "kind", "page", "outcome",
			"not_a_page", NULL);
	} else {
		struct page_body body = { resp->final_url, resp->status, resp->content_type,
			resp->charset, resp->body.data ? resp->body.data : "", resp->body.len, 0, 0 };

		metrics_add(f->metrics, "precis_fetches_total", 1, "kind", "page", "outcome", "ok",
			NULL);
		produce_page(f, j->ss, j->id, j->url, j->traceparent, j->entry, &body);
		log_set_trace(NULL); /* delivery reports are about other pages */
		rd_kafka_poll(f->producer, 0);
		job_free(j);
		return;
	}
	j->ss->failed++;
	f->failed++;
	unclaim(f, j->id);
	job_free(j);
	log_set_trace(NULL);
}

/* ---- feeds ---- */

/* What reading a feed mended (info) or left out (a warning), and its metrics. */
static void report_feed(struct fetcher *f, const struct source *src, const struct feed_report *r)
{
	const struct {
		const char *metric, *kind;
		unsigned n;
	} counts[] = {
		{ "precis_feed_repairs_total", "bare_ampersand", r->ampersands },
		{ "precis_feed_repairs_total", "unclosed_element", r->unclosed },
		{ "precis_feed_repairs_total", "too_deep", r->flattened },
		{ "precis_feed_repairs_total", "stray_end_tag", r->strays },
		{ "precis_feed_repairs_total", "control_character", r->controls },
		{ "precis_feed_dropped_total", "entry", r->lost },
		{ "precis_feed_dropped_total", "date", r->bad_dates },
		{ "precis_feed_dropped_total", "outside_bytes", r->junk },
	};
	char line[600];

	for (size_t i = 0; i < ARRAY_SIZE(counts); i++)
		if (counts[i].n)
			metrics_add(f->metrics, counts[i].metric, counts[i].n, "kind", counts[i].kind, NULL);
	if (feed_report_describe(r, line, sizeof(line)))
		log_warn("source %s: %s", src->name, line);
	else if (line[0])
		log_info("source %s: feed mended: %s", src->name, line);
}

static void on_feed(void *opaque, struct http_response *resp, const char *errstr)
{
	struct job *j = opaque;
	struct fetcher *f = j->f;
	struct src_state *ss = j->ss;
	const struct source *src = ss->src;
	struct feed feed;
	char err[700];
	size_t n;

	landed(f, j);
	if (!resp) {
		back_off(f, src, errstr, -1);
		goto out;
	}
	if (resp->status == 304) {
		log_info("source %s: not modified", src->name);
		note_source(f, src, NULL, -1);
		goto out;
	}
	if (resp->status >= 300) {
		snprintf(err, sizeof(err), "%.300s answered HTTP %ld", j->url, resp->status);
		back_off(f, src, err, resp->retry_after_s);
		goto out;
	}
	if (binary_type(resp->content_type)) {
		snprintf(err, sizeof(err), "%.300s is not a feed (Content-Type %.100s)", j->url,
			resp->content_type);
		back_off(f, src, err, -1);
		goto out;
	}
	if (feed_parse(resp->body.data ? resp->body.data : "", resp->body.len, resp->final_url,
		    resp->charset[0] ? resp->charset : NULL, &feed, err, sizeof(err))) {
		char why[800];

		snprintf(why, sizeof(why), "%.300s: %s", j->url, err);
		back_off(f, src, why, -1);
		feed_release(&feed);
		goto out;
	}
	n = feed.n < (size_t)f->cfg->fetcher_max_items ? feed.n : (size_t)f->cfg->fetcher_max_items;
	log_info("source %s: %zu entries", src->name, feed.n);
	report_feed(f, src, &feed.report);
	if (n < feed.n) {
		log_warn("source %s: only the first %zu of %zu entries are taken (fetcher.max_items)",
			src->name, n, feed.n);
		metrics_add(f->metrics, "precis_pages_total", (double)(feed.n - n), "outcome",
			"over_max_items", NULL);
	}
	take_entries(f, ss, resp->final_url, feed.link, feed.entries, n);
	note_source(f, src, NULL, (long long)feed.n);
	ss->polled = 1;
	strlcpy_p(ss->etag, resp->etag, sizeof(ss->etag));
	strlcpy_p(ss->last_modified, resp->last_modified, sizeof(ss->last_modified));
	feed_release(&feed);
out:
	job_free(j);
}

/* Whether to poll a source now; see due_script. Failing sources wait their backoff. */
static int due(struct fetcher *f, const struct source *src, int once)
{
	const struct config *cfg = f->cfg;
	char next[32], hash[600];
	int64_t not_before, interval = (src->interval_s ? src->interval_s
							: cfg->fetcher_poll_interval_s) * 1000;
	redisReply *r;
	int go;

	source_field(f, src, "next_attempt_at", next, sizeof(next));
	if (*next && !parse_int64(next, 0, INT64_MAX, &not_before) && not_before > now_ms()) {
		log_info("source %s: backing off for %lld s more", src->name,
			(long long)((not_before - now_ms()) / 1000));
		return 0;
	}
	key(hash, sizeof(hash), f, "source:", src->name);
	/* --once is an explicit request: it polls whatever the last poll was. */
	r = rds_command(f->redis, "EVAL %s 1 %s %lld %lld", due_script, hash, (long long)now_ms(),
		once ? 0LL : (long long)interval);
	if (!r) {
		log_error("source %s: %s; not polling", src->name, rds_errstr(f->redis));
		return 0;
	}
	go = r->type == REDIS_REPLY_INTEGER && r->integer == 1;
	freeReplyObject(r);
	return go;
}

/* After a flush: validators of the polls whose every page made it are safe to use. */
static void keep_validators(struct fetcher *f)
{
	for (size_t i = 0; i < f->cfg->nsources; i++) {
		struct src_state *ss = &f->srcs[i];
		redisReply *r;

		if (!ss->polled)
			continue;
		if (ss->failed)
			/* Something failed: the next poll must see the whole feed again. */
			r = rds_command(f->redis, "HDEL %ssource:%s etag last_modified",
				rds_prefix(f->redis), ss->src->name);
		else
			r = rds_command(f->redis, "HSET %ssource:%s etag %s last_modified %s",
				rds_prefix(f->redis), ss->src->name, ss->etag, ss->last_modified);
		if (r)
			freeReplyObject(r);
		ss->polled = 0;
		ss->failed = 0;
	}
}

/* Stopping mid-cycle: what is queued or in flight goes back to whoever polls next. */
static void abandon(struct fetcher *f)
{
	http_multi_free(f->hm); /* aborts the transfers; their callbacks never run */
	f->hm = http_multi_new();
	while (f->inflight) {
		struct job *j = f->inflight;

		f->inflight = j->next;
		host_release(f, j);
		j->next = f->queue;
		f->queue = j;
	}
	f->running = 0;
	while (f->queue) {
		struct job *j = f->queue;

		f->queue = j->next;
		if (j->kind == JOB_PAGE)
			unclaim(f, j->id);
		job_free(j);
	}
}

static void cycle(struct fetcher *f, int once, volatile sig_atomic_t *stop)
{
	const struct config *cfg = f->cfg;

	f->pages = f->skipped = f->failed = f->lost = f->disallowed = f->filtered = f->unlinked = 0;
	for (size_t i = 0; i < cfg->nsources && !*stop; i++) {
		struct job *j;

		if (!due(f, &cfg->sources[i], once))
			continue;
		j = xcalloc(1, sizeof(*j));
		j->kind = JOB_FEED;
		j->ss = &f->srcs[i];
		j->url = fetcher_source_url(cfg, cfg->sources[i].url);
		j->origin = url_origin(j->url);
		enqueue(f, j);
	}
	while ((f->queue || f->running) && !*stop) {
		start_ready(f);
		if (f->running) {
			http_multi_perform(f->hm, 50);
		} else if (f->queue) {
			int64_t wake = INT64_MAX, now = mono_ms();

			for (struct job *j = f->queue; j; j = j->next)
				if (j->not_before < wake)
					wake = j->not_before;
			sleep_ms(wake > now + 50 ? 50 : wake > now ? wake - now : 0);
		}
		rd_kafka_poll(f->producer, 0);
		flush_delivered(f);
	}
	if (*stop && (f->queue || f->running)) {
		log_info("stopping: %zu requests in flight and some queued are left for the next poll",
			f->running);
		abandon(f);
	}
	if (rd_kafka_flush(f->producer, (int)cfg->kafka_flush_timeout_ms))
		log_error("%d pages still undelivered after %lld ms", rd_kafka_outq_len(f->producer),
			(long long)cfg->kafka_flush_timeout_ms);
	flush_delivered(f);
	keep_validators(f);
	log_info("poll done: %lu pages produced, %lu already fetched or claimed, %lu failed, "
		 "%lu undelivered, %lu disallowed by robots.txt, %lu filtered out, "
		 "%lu without a link to fetch",
		f->pages, f->skipped, f->failed, f->lost, f->disallowed, f->filtered, f->unlinked);
}

static int sources_init(struct fetcher *f, char *errstr, size_t errsize)
{
	const struct config *cfg = f->cfg;

	f->srcs = xcalloc(cfg->nsources ? cfg->nsources : 1, sizeof(*f->srcs));
	for (size_t i = 0; i < cfg->nsources; i++) {
		struct src_state *ss = &f->srcs[i];
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

static void sources_free(struct fetcher *f)
{
	for (size_t i = 0; f->srcs && i < f->cfg->nsources; i++) {
		if (f->srcs[i].has_include)
			regfree(&f->srcs[i].include);
		if (f->srcs[i].has_exclude)
			regfree(&f->srcs[i].exclude);
	}
	free(f->srcs);
}

int fetcher_run(struct svc *svc, int once, volatile sig_atomic_t *stop, char *errstr,
	size_t errsize)
{
	const struct config *cfg = svc->cfg;
	struct fetcher f = { .cfg = cfg, .metrics = svc->metrics };
	char host[64] = "";
	int rc = -1;

	gethostname(host, sizeof(host) - 1);
	snprintf(f.owner, sizeof(f.owner), "%.40s:%ld:%04x", host, (long)getpid(),
		(unsigned)(now_ms() & 0xffff));
	http_options_from_config(&f.feed_http, cfg, (size_t)cfg->fetcher_max_feed_bytes);
	http_options_from_config(&f.page_http, cfg, (size_t)cfg->fetcher_max_page_bytes);
	f.hm = http_multi_new();
	if (sources_init(&f, errstr, errsize))
		goto out;
	f.redis = rds_connect(cfg->redis_url, (int)cfg->redis_timeout_ms, cfg->redis_prefix,
		errstr, errsize);
	if (!f.redis)
		goto out;
	f.producer = kafka_producer_new(cfg, "precis-fetcher", on_delivery, &f, errstr, errsize);
	if (!f.producer)
		goto out;
	if (kafka_ensure_topics(f.producer, cfg, errstr, errsize))
		goto out;
	if (!cfg->nsources)
		log_warn("no sources configured: nothing to fetch");
	atomic_store(&svc->needs_redis, 1);
	atomic_store(&svc->ready, 1);
	metrics_describe(f.metrics, "precis_fetches_total", "counter",
		"feed and page requests by outcome");
	metrics_describe(f.metrics, "precis_pages_total", "counter",
		"article pages by outcome: produced, seen before, claimed by another replica, "
		"filtered out, truncated, too large, undelivered, disallowed, no link to fetch, "
		"over fetcher.max_items");
	metrics_describe(f.metrics, "precis_feed_repairs_total", "counter",
		"broken feed markup mended without loss, by kind");
	metrics_describe(f.metrics, "precis_feed_dropped_total", "counter",
		"what feeds held that could not be read: entries, dates, bytes outside the document");
	metrics_describe(f.metrics, "precis_source_consecutive_failures", "gauge",
		"failed polls of a source in a row");
	metrics_describe(f.metrics, "precis_source_last_success_seconds", "gauge",
		"Unix time of a source's last successful poll");
	metrics_describe(f.metrics, "precis_source_entries", "gauge",
		"entries in a source's feed at its last successful poll");
	for (;;) {
		/* Sources fall due on their own intervals; look again every few seconds. */
		int64_t next = mono_ms() + (cfg->fetcher_poll_interval_s < 10
						   ? cfg->fetcher_poll_interval_s : 10) * 1000;

		cycle(&f, once, stop);
		if (once || *stop)
			break;
		while (!*stop && mono_ms() < next)
			sleep_ms(200);
	}
	rc = 0;
out:
	if (f.producer) {
		rd_kafka_flush(f.producer, (int)cfg->kafka_flush_timeout_ms);
		flush_delivered(&f);
		rd_kafka_destroy(f.producer);
	}
	free(f.delivered);
	http_multi_free(f.hm);
	rds_free(f.redis);
	sources_free(&f);
	for (size_t i = 0; i < f.nrobots; i++) {
		free(f.robots[i].origin);
		free(f.robots[i].rules);
	}
	free(f.robots);
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
