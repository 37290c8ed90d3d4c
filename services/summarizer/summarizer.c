#include "summarizer.h"

#include <jansson.h>
#include <string.h>

#include "anchor.h"
#include "kloop.h"
#include "emoji.h"
#include "llm.h"
#include "answer.h"
#include "log.h"
#include "msg.h"
#include "prompt.h"
#include "redis.h"
#include "redis_keys.h"
#include "story.h"
#include "sumcache.h"
#include "summarize.h"
#include "text.h"
#include "common.h"

struct pending;

struct summarizer {
	const struct config *cfg;
	struct metrics *metrics;
	struct kloop *loop;
	struct llm *llm; /* NULL when no source uses the llm backend */
	struct redis *redis; /* cache and token budget, with llm only */
	struct emoji_rules emoji;
	struct pending *pending; /* articles at the model */
};

/* An article at the model: its held message and what the summary needs. */
struct pending {
	struct summarizer *z;
	struct kloop_held *held;
	json_t *art;
	char lang[16];
	char cache_key[SUMCACHE_KEY_SIZE];
	struct pending *next;
};

/* How a summary came to be, for the message and the metrics. */
struct provenance {
	const char *method; /* "extractive" or "llm" */
	const char *fallback; /* metric label: none, short_text, circuit_open, budget, llm_failed */
	char why[320]; /* the fallback's reason, "" when none */
	int cached;
	long long prompt_tokens, completion_tokens;
};

static const char *backend_of(const struct config *cfg, const json_t *art)
{
	const char *name = msg_str(json_object_get(art, "source"), "name");

	for (size_t i = 0; name && i < cfg->nsources; i++)
		if (!strcmp(cfg->sources[i].name, name) && *cfg->sources[i].backend)
			return cfg->sources[i].backend;
	return cfg->summarizer_backend;
}

/* The summary message; NULL with reason when it breaks its contract. */
static char *summary_message(struct summarizer *z, const json_t *art, const struct summary *s,
	const struct provenance *how, const char *trace, size_t *len, char *reason,
	size_t reasonsize)
{
	json_t *points = json_array(), *tags = json_array(), *out;
	json_t *source = json_object_get(art, "source");
	const char *text = msg_str(art, "text");
	char ts[32], simhash[17];
	char *value;

	for (size_t i = 0; i < s->npoints; i++)
		json_array_append_new(points, json_string(s->points[i]));
	/* The operator's category first: the digest groups by it. */
	if (msg_str(source, "category") && *msg_str(source, "category"))
		json_array_append_new(tags, json_string(msg_str(source, "category")));
	for (size_t i = 0; i < s->ntags; i++)
		if (!msg_str(source, "category") || strcasecmp(s->tags[i], msg_str(source, "category")))
			json_array_append_new(tags, json_string(s->tags[i]));
	time_iso8601(now_ms(), ts, sizeof(ts));
	out = json_pack("{s:s, s:O, s:O, s:O, s:O, s:s, s:s, s:o, s:o, s:f, s:s, s:s, s:O, s:s}",
		"schema", msg_schema_id(MSG_SUMMARY), "id", json_object_get(art, "id"), "url",
		json_object_get(art, "url"), "source", source, "title", json_object_get(art, "title"),
		"headline", s->headline, "emoji", s->emoji, "key_points", points, "tags", tags,
		"importance", s->importance, "lang", s->lang, "method", how->method,
		"original_chars", json_object_get(art, "char_count"), "summarized_at", ts);
	if (json_object_get(art, "published"))
		json_object_set(out, "published", json_object_get(art, "published"));
	if (how->why[0])
		json_object_set_new(out, "fallback", json_string(how->why));
	if (!strcmp(how->method, "llm")) {
		json_object_set_new(out, "model", json_string(z->cfg->llm_model));
		json_object_set_new(out, "prompt_version", json_string(llm_prompt_version(z->llm)));
		json_object_set_new(out, "cached", json_boolean(how->cached));
	}
	if (how->prompt_tokens || how->completion_tokens)
		json_object_set_new(out, "usage", json_pack("{s:I, s:I}", "prompt_tokens",
			(json_int_t)how->prompt_tokens, "completion_tokens",
			(json_int_t)how->completion_tokens));
	if (trace && *trace)
		json_object_set_new(out, "trace_id", json_string(trace));
	/* The publisher merges only what the extraction was sure of. */
	if (json_object_get(art, "confidence"))
		json_object_set(out, "confidence", json_object_get(art, "confidence"));
	json_object_set_new(out, "anchors", anchor_text(text));
	story_simhash(text, simhash);
	if (*simhash)
		json_object_set_new(out, "simhash", json_string(simhash));
	value = msg_encode(MSG_SUMMARY, out, len, reason, reasonsize);
	json_decref(out);
	return value;
}

/*
 * Produces the summary, for the message being handled (held NULL) or a held
 * one. Returns KLOOP_OK, or the verdict with reason: KLOOP_RETRY when the
 * producer's queue stayed full (kloop_produce()), else KLOOP_POISON.
 */
static enum kloop_verdict emit(struct summarizer *z, struct kloop_held *held, const json_t *art,
	const struct summary *s, const struct provenance *how, char *reason, size_t reasonsize)
{
	const char *id = msg_str(art, "id");
	const char *trace = held ? kloop_held_trace_id(held) : kloop_trace_id(z->loop);
	size_t len;
	char *value = summary_message(z, art, s, how, trace, &len, reason, reasonsize);
	enum kloop_verdict rc;

	if (!value)
		return KLOOP_POISON;
	rc = held ? kloop_produce_held(z->loop, held, z->cfg->topic_summaries, id, value, len,
			    reason, reasonsize)
		  : kloop_produce(z->loop, z->cfg->topic_summaries, id, value, len, reason,
			    reasonsize);
	free(value);
	if (!rc && z->metrics)
		metrics_add(z->metrics, "precis_summaries_total", 1, "method", how->method, "fallback",
			how->fallback, NULL);
	if (!rc && how->why[0])
		log_info("%s: summarized extractively: %s", msg_str(art, "url"), how->why);
	else if (!rc)
		log_debug("%s: summarized (%s)", msg_str(art, "url"), how->method);
	return rc;
}

static enum kloop_verdict emit_extractive(struct summarizer *z, struct kloop_held *held,
	const json_t *art, const struct provenance *how, char *reason, size_t reasonsize)
{
	struct summary s;
	enum kloop_verdict rc = KLOOP_POISON;

	if (summarize_extractive(msg_str(art, "title"), msg_str(art, "text"),
		    (size_t)z->cfg->summarizer_max_point_chars, &z->emoji, &s)) {
		snprintf(reason, reasonsize, "the text has no sentence to summarize");
		goto out;
	}
	if (s.thin) {
		log_info("%s: no sentence of the text says something; one key point, not %d",
			msg_str(art, "url"), SUMMARY_POINTS);
		if (z->metrics)
			metrics_add(z->metrics, "precis_thin_summaries_total", 1, NULL);
	}
	rc = emit(z, held, art, &s, how, reason, reasonsize);
out:
	summary_release(&s);
	return rc;
}

static void fallback(struct provenance *how, const char *label, const char *fmt, const char *arg)
{
	memset(how, 0, sizeof(*how));
	how->method = "extractive";
	how->fallback = label;
	snprintf(how->why, sizeof(how->why), fmt, arg);
}

static void add_tokens(struct summarizer *z, long long n)
{
	redisReply *rep;

	if (!n)
		return;
	rep = redis_command(z->redis, "INCRBY %s" REDIS_KEY_LLM_TOKENS " %lld", redis_prefix(z->redis), n);
	if (!rep)
		log_warn("cannot count %lld tokens against the budget: %s", n, redis_errstr(z->redis));
	freeReplyObject(rep);
}

static void pending_free(struct summarizer *z, struct pending *p)
{
	for (struct pending **pp = &z->pending; *pp; pp = &(*pp)->next) {
		if (*pp == p) {
			*pp = p->next;
			break;
		}
	}
	json_decref(p->art);
	free(p);
}

/* The model's answer for one article (from llm_pump(), inside the loop's pump). */
static void on_summary(void *opaque, struct llm_result *res)
{
	struct pending *p = opaque;
	struct summarizer *z = p->z;
	struct provenance how = { "llm", "none", "", 0, res->prompt_tokens, res->completion_tokens };
	char reason[512] = "";
	enum kloop_verdict rc;

	log_set_trace(kloop_held_trace_id(p->held)); /* held until kloop_finish() below */
	add_tokens(z, res->prompt_tokens + res->completion_tokens);
	if (res->ok) {
		if (sumcache_put(z->redis, p->cache_key, &res->s, (long long)z->cfg->summarizer_cache_ttl_s))
			log_warn("cannot cache the summary of %s: %s", msg_str(p->art, "url"),
				redis_errstr(z->redis));
		rc = emit(z, p->held, p->art, &res->s, &how, reason, sizeof(reason));
	} else {
		char why[300];

		snprintf(why, sizeof(why), "%s after %u tries", res->error, res->attempts);
		fallback(&how, "llm_failed", "llm: %s", why);
		how.prompt_tokens = res->prompt_tokens;
		how.completion_tokens = res->completion_tokens;
		rc = emit_extractive(z, p->held, p->art, &how, reason, sizeof(reason));
	}
	kloop_finish(z->loop, p->held, rc, reason);
	pending_free(z, p);
	log_set_trace(NULL);
}

/*
 * The llm backend for the article being handled: from the cache, from the
 * model (held until it answers), or extractively when the model may not be
 * asked.
 */
static enum kloop_verdict handle_llm(struct summarizer *z, json_t *art, char *reason,
	size_t reasonsize)
{
	const struct config *cfg = z->cfg;
	const char *title = msg_str(art, "title"), *text = msg_str(art, "text");
	const char *lang = *cfg->summarizer_lang ? cfg->summarizer_lang : msg_str(art, "lang");
	struct answer_rules rules = { (size_t)cfg->summarizer_max_point_chars, 120, title, text,
		lang, &z->emoji };
	struct provenance how;
	struct summary s;
	struct pending *p;
	struct llm_article a;
	char key[SUMCACHE_KEY_SIZE], err[512];
	int hit;

	if (text_chars(text) < (size_t)cfg->summarizer_llm_min_chars) {
		fallback(&how, "short_text", "%s", "too little text to send to the model");
		return emit_extractive(z, NULL, art, &how, reason, reasonsize);
	}
	sumcache_key("llm", cfg->llm_model, llm_prompt_version(z->llm), lang, title, text, key);
	hit = sumcache_get(z->redis, key, &rules, &s);
	if (hit < 0) {
		/* Without the cache a redelivery would pay twice: wait for Redis. */
		snprintf(reason, reasonsize, "redis: %s", redis_errstr(z->redis));
		return KLOOP_RETRY;
	}
	if (z->metrics)
		metrics_add(z->metrics, "precis_summary_cache_total", 1, "result", hit ? "hit" : "miss",
			NULL);
	if (hit) {
		enum kloop_verdict rc;

		how = (struct provenance){ "llm", "none", "", 1, 0, 0 };
		rc = emit(z, NULL, art, &s, &how, reason, reasonsize);
		summary_release(&s);
		return rc;
	}
	if (cfg->llm_token_budget) {
		redisReply *rep = redis_command(z->redis, "GET %s" REDIS_KEY_LLM_TOKENS,
			redis_prefix(z->redis));
		long long spent;

		if (!rep) {
			snprintf(reason, reasonsize, "redis: %s", redis_errstr(z->redis));
			return KLOOP_RETRY;
		}
		spent = rep->type == REDIS_REPLY_STRING ? strtoll(rep->str, NULL, 10) : 0;
		freeReplyObject(rep);
		if (spent >= cfg->llm_token_budget) {
			char why[128];

			snprintf(why, sizeof(why), "%lld of %lld tokens", spent,
				(long long)cfg->llm_token_budget);
			fallback(&how, "budget", "the edition's token budget is spent (%s)", why);
			return emit_extractive(z, NULL, art, &how, reason, reasonsize);
		}
	}
	a = (struct llm_article){ title, text, msg_str(json_object_get(art, "source"), "name"),
		msg_str(json_object_get(art, "source"), "category"), lang };
	p = xcalloc(1, sizeof(*p));
	p->z = z;
	p->art = json_incref(art);
	strlcpy_p(p->lang, lang, sizeof(p->lang));
	memcpy(p->cache_key, key, sizeof(key));
	if (llm_submit(z->llm, &a, on_summary, p, err, sizeof(err))) {
		json_decref(p->art);
		free(p);
		fallback(&how, "circuit_open", "llm: %s", err);
		return emit_extractive(z, NULL, art, &how, reason, reasonsize);
	}
	p->held = kloop_hold(z->loop);
	p->next = z->pending;
	z->pending = p;
	return KLOOP_HELD;
}

static enum kloop_verdict handle_article(struct kloop *loop, const rd_kafka_message_t *m,
	void *opaque, char *reason, size_t reasonsize)
{
	struct summarizer *z = opaque;
	json_t *art = msg_decode(MSG_ARTICLE, m->payload, m->len, reason, reasonsize);
	struct provenance how = { "extractive", "none", "", 0, 0, 0 };
	enum kloop_verdict v;

	z->loop = loop;
	if (!art)
		return KLOOP_POISON;
	if (z->llm && !strcmp(backend_of(z->cfg, art), "llm"))
		v = handle_llm(z, art, reason, reasonsize);
	else
		v = emit_extractive(z, NULL, art, &how, reason, reasonsize);
	json_decref(art);
	return v;
}

static void pump(struct kloop *loop, void *opaque, int timeout_ms)
{
	struct summarizer *z = opaque;

	z->loop = loop;
	llm_pump(z->llm, timeout_ms);
}

static int uses_llm(const struct config *cfg)
{
	if (!strcmp(cfg->summarizer_backend, "llm"))
		return 1;
	for (size_t i = 0; i < cfg->nsources; i++)
		if (!strcmp(cfg->sources[i].backend, "llm"))
			return 1;
	return 0;
}

int summarizer_run(struct svc *svc, int once, volatile sig_atomic_t *stop, char *errstr,
	size_t errsize)
{
	const struct config *cfg = svc->cfg;
	struct summarizer z = { .cfg = cfg, .metrics = svc->metrics };
	struct kloop_options opts = { .stage = "summarizer", .input_topic = cfg->topic_articles,
		.handle = handle_article, .opaque = &z, .svc = svc };
	int rc = -1;

	(void)once;
	if (emoji_rules_load(&cfg->summarizer_emoji, &z.emoji, errstr, errsize))
		goto out;
	if (z.metrics) {
		metrics_describe(z.metrics, "precis_summaries_total", "counter",
			"summaries produced, by method and the reason for a fallback");
		metrics_describe(z.metrics, "precis_summary_cache_total", "counter",
			"LLM summary cache lookups");
		metrics_describe(z.metrics, "precis_thin_summaries_total", "counter",
			"extractive summaries of a text where no sentence says something: one key point");
	}
	if (uses_llm(cfg)) {
		z.llm = llm_new(cfg, &z.emoji, z.metrics, errstr, errsize);
		if (!z.llm)
			goto out;
		z.redis = svc_redis(svc, stop, errstr, errsize);
		if (!z.redis) {
			rc = *stop ? 0 : -1;
			goto out;
		}
		opts.max_held = (size_t)cfg->summarizer_inflight;
		opts.pump = pump;
	}
	z.loop = kloop_new(cfg, &opts, errstr, errsize);
	if (!z.loop)
		goto out;
	rc = kloop_run(z.loop, stop);
	if (rc)
		snprintf(errstr, errsize, "stopped after a fatal Kafka error (see the log above)");
out:
	/* What the model has not answered is read again by the next owner. */
	llm_free(z.llm);
	while (z.pending)
		pending_free(&z, z.pending);
	kloop_free(z.loop);
	redis_free(z.redis);
	emoji_rules_release(&z.emoji);
	return rc;
}

int summarizer_prepare(const struct config *cfg, char *errstr, size_t errsize)
{
	struct emoji_rules rules;
	struct prompt prompt = { 0 };
	int rc = emoji_rules_load(&cfg->summarizer_emoji, &rules, errstr, errsize);

	emoji_rules_release(&rules);
	/* A prompt file that cannot be used is the configuration's mistake, found before the model's. */
	if (!rc && *cfg->llm_prompt_file) {
		rc = prompt_load(cfg->llm_prompt_file, &prompt, errstr, errsize);
		prompt_release(&prompt);
	}
	return rc;
}
