#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <librdkafka/rdkafka.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <regex.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>
#include <yaml.h>

#include "buf.h"
#include "common.h"

enum config_type { CFG_STR, CFG_INT, CFG_ENUM, CFG_LIST };

struct config_key {
	const char *key;
	enum config_type type;
	size_t offset;
	const char *def;
	int64_t min, max; /* CFG_INT */
	const char *choices; /* CFG_ENUM, "|"-separated */
	const char *help;
};

#define OFF(f) offsetof(struct config, f)
#define KIB 1024LL
#define MIB (1024LL * 1024)

static const struct config_key config_keys[] = {
	{ "log.level", CFG_ENUM, OFF(log_level), "info", 0, 0, "debug|info|warn|error",
		"lowest level of log lines written to stderr" },
	{ "log.format", CFG_ENUM, OFF(log_format), "text", 0, 0, "text|json",
		"text lines, or one JSON object per line" },

	{ "http.listen", CFG_STR, OFF(http_listen), "", 0, 0, NULL,
		"HOST:PORT for /healthz, /readyz and /metrics (services only); empty: off" },
	{ "redis.url", CFG_STR, OFF(redis_url), "redis://127.0.0.1:6379", 0, 0, NULL,
		"redis://HOST:PORT[/DB] or unix:PATH" },
	{ "redis.timeout_ms", CFG_INT, OFF(redis_timeout_ms), "2000", 10, 600000, NULL,
		"connect and command timeout" },
	{ "redis.prefix", CFG_STR, OFF(redis_prefix), "precis:", 0, 0, NULL,
		"prefix of every Redis key precis writes" },

	{ "topics.pages", CFG_STR, OFF(topic_pages), "precis.pages", 0, 0, NULL,
		"fetched article pages (fetcher -> extractor)" },
	{ "topics.articles", CFG_STR, OFF(topic_articles), "precis.articles", 0, 0, NULL,
		"extracted articles (extractor -> summarizer)" },
	{ "topics.summaries", CFG_STR, OFF(topic_summaries), "precis.summaries", 0, 0, NULL,
		"article summaries (summarizer -> publisher)" },
	{ "topics.digests", CFG_STR, OFF(topic_digests), "precis.digests", 0, 0, NULL,
		"published digest editions (publisher -> you)" },
	{ "topics.deadletter", CFG_STR, OFF(topic_deadletter), "precis.deadletter", 0, 0, NULL,
		"messages no stage could process, with the reason" },
	{ "topics.partitions", CFG_INT, OFF(topic_partitions), "6", 1, 10000, NULL,
		"partitions of topics precis creates" },
	{ "topics.replication", CFG_INT, OFF(topic_replication), "1", 1, 100, NULL,
		"replication factor of topics precis creates" },
	{ "pipeline.group_prefix", CFG_STR, OFF(group_prefix), "precis", 0, 0, NULL,
		"consumer groups are PREFIX-extractor, PREFIX-summarizer, PREFIX-publisher" },
	{ "pipeline.flush_timeout_ms", CFG_INT, OFF(kafka_flush_timeout_ms), "30000", 100,
		3600000, NULL, "how long shutdown and rebalances wait for outputs to be delivered" },
	{ "pipeline.connect_timeout_ms", CFG_INT, OFF(kafka_connect_timeout_ms), "15000", 100,
		600000, NULL, "how long a service waits for the broker at start" },
	{ "pipeline.shutdown_timeout_ms", CFG_INT, OFF(shutdown_timeout_ms), "20000", 0, 3600000,
		NULL, "on SIGTERM, how long work in flight (LLM requests) may take to finish; "
		"what does not finish is read again after the restart" },

	{ "fetcher.user_agent", CFG_STR, OFF(fetcher_user_agent),
		"precis/0.1 (news digest)", 0, 0, NULL,
		"User-Agent of every request" },
	{ "fetcher.timeout_ms", CFG_INT, OFF(fetcher_timeout_ms), "20000", 100, 600000, NULL,
		"total time one transfer may take" },
	{ "fetcher.connect_timeout_ms", CFG_INT, OFF(fetcher_connect_timeout_ms), "5000", 100,
		600000, NULL, "time to establish a connection" },
	{ "fetcher.max_redirects", CFG_INT, OFF(fetcher_max_redirects), "5", 0, 50, NULL,
		"redirects followed per request" },
	{ "fetcher.max_feed_bytes", CFG_INT, OFF(fetcher_max_feed_bytes), "10485760", KIB,
		1024 * MIB, NULL, "largest feed document accepted" },
	{ "fetcher.max_page_bytes", CFG_INT, OFF(fetcher_max_page_bytes), "4194304", KIB,
		64 * MIB, NULL, "largest article page accepted (keep below the topic's max.message.bytes)" },
	{ "fetcher.max_items", CFG_INT, OFF(fetcher_max_items), "100", 1, 100000, NULL,
		"entries read from one feed per poll" },
	{ "fetcher.poll_interval_s", CFG_INT, OFF(fetcher_poll_interval_s), "900", 10, 604800,
		NULL, "time between polls of all sources when not run with --once" },
	{ "fetcher.seen_ttl_days", CFG_INT, OFF(fetcher_seen_ttl_days), "90", 1, 3650, NULL,
		"how long a fetched article URL is remembered" },
	{ "fetcher.backoff_base_s", CFG_INT, OFF(fetcher_backoff_base_s), "60", 1, 86400, NULL,
		"after a source fails, wait this long before the next try, doubling per failure" },
	{ "fetcher.backoff_max_s", CFG_INT, OFF(fetcher_backoff_max_s), "21600", 1, 604800, NULL,
		"longest wait between tries of a failing source (also caps Retry-After)" },
	{ "fetcher.mark_seen", CFG_ENUM, OFF(fetcher_mark_seen), "delivery", 0, 0, "delivery|run",
		"when an article counts as fetched: once the broker has its page, or (precis run "
		"sets this) once the run has published it" },
	{ "fetcher.concurrency", CFG_INT, OFF(fetcher_concurrency), "16", 1, 4096, NULL,
		"requests in flight per fetcher process" },
	{ "fetcher.host_concurrency", CFG_INT, OFF(fetcher_host_concurrency), "2", 1, 1024, NULL,
		"requests in flight to one host, across all fetcher replicas" },
	{ "fetcher.host_delay_ms", CFG_INT, OFF(fetcher_host_delay_ms), "500", 0, 3600000, NULL,
		"least time between the starts of two requests to one host, across all replicas" },
	{ "fetcher.claim_ttl_s", CFG_INT, OFF(fetcher_claim_ttl_s), "600", 10, 86400, NULL,
		"a replica's claim on an article page; if it dies, another fetches the page after this" },
	{ "fetcher.max_message_bytes", CFG_INT, OFF(fetcher_max_message_bytes), "8388608", 65536,
		1024 * MIB, NULL, "largest page message; a bigger page is cut to fit and marked "
		"truncated (keep at or below the pages topic's max.message.bytes)" },
	{ "fetcher.schemes", CFG_LIST, OFF(fetcher_schemes), "http,https", 0, 0,
		"http|https|file", "URL schemes that may be fetched; file reads local paths" },
	{ "fetcher.allow_private", CFG_LIST, OFF(fetcher_allow_private), "", 0, 0, NULL,
		"non-public addresses that may be fetched (IPs, or 'all'); none by default" },

	{ "extractor.min_words", CFG_INT, OFF(extractor_min_words), "40", 1, 100000, NULL,
		"an article with fewer words (a Han character is half a word) falls back to the "
		"feed's text, or is dead-lettered; half as many do in whole sentences" },

	{ "summarizer.max_point_chars", CFG_INT, OFF(summarizer_max_point_chars), "240", 40,
		4000, NULL, "longest key point; longer sentences are cut at a word or clause" },
	{ "summarizer.backend", CFG_ENUM, OFF(summarizer_backend), "extractive", 0, 0,
		"extractive|llm", "extractive: offline, keeps each article's language; llm: an "
		"OpenAI-compatible model (llm.*); a source's own backend wins" },
	{ "summarizer.lang", CFG_STR, OFF(summarizer_lang), "", 0, 0, NULL,
		"language the llm backend writes in (zh, en, ...); empty: each article's own" },
	{ "summarizer.inflight", CFG_INT, OFF(summarizer_inflight), "8", 1, 1024, NULL,
		"LLM requests in flight per summarizer process" },
	{ "summarizer.llm_min_chars", CFG_INT, OFF(summarizer_llm_min_chars), "200", 1, 1000000,
		NULL, "an article with less text never goes to the LLM: it is summarized extractively" },
	{ "summarizer.cache_ttl_s", CFG_INT, OFF(summarizer_cache_ttl_s), "2592000", 60,
		31536000, NULL, "how long an LLM summary is kept in Redis for redelivered articles" },

	{ "llm.base_url", CFG_STR, OFF(llm_base_url), "", 0, 0, NULL,
		"OpenAI-compatible API root, e.g. https://api.openai.com/v1 or "
		"http://127.0.0.1:11434/v1 (Ollama); /chat/completions is appended" },
	{ "llm.model", CFG_STR, OFF(llm_model), "", 0, 0, NULL, "model name sent with each request" },
	{ "llm.api_key_env", CFG_STR, OFF(llm_api_key_env), "OPENAI_API_KEY", 0, 0, NULL,
		"environment variable holding the API key (keys never go in files); unset: no key" },
	{ "llm.prompt_file", CFG_STR, OFF(llm_prompt_file), "", 0, 0, NULL,
		"YAML prompt (version, system, user); empty: the built-in one" },
	{ "llm.response_format", CFG_ENUM, OFF(llm_response_format), "json_schema", 0, 0,
		"json_schema|json_object|none", "how the request asks for JSON; older servers "
		"know only json_object" },
	{ "llm.temperature", CFG_STR, OFF(llm_temperature), "0.2", 0, 0, NULL,
		"sampling temperature, 0 to 2" },
	{ "llm.timeout_ms", CFG_INT, OFF(llm_timeout_ms), "60000", 100, 3600000, NULL,
		"total time one request may take" },
	{ "llm.connect_timeout_ms", CFG_INT, OFF(llm_connect_timeout_ms), "5000", 100, 600000,
		NULL, "time to connect to the model server" },
	{ "llm.max_attempts", CFG_INT, OFF(llm_max_attempts), "3", 1, 20, NULL,
		"tries per article before it falls back to the extractive backend" },
	{ "llm.retry_backoff_ms", CFG_INT, OFF(llm_retry_backoff_ms), "1000", 10, 600000, NULL,
		"wait before the second try; doubled each time, with jitter" },
	{ "llm.max_retry_after_s", CFG_INT, OFF(llm_max_retry_after_s), "60", 0, 86400, NULL,
		"longest Retry-After honoured; a longer one gives the article up to the fallback" },
	{ "llm.max_input_chars", CFG_INT, OFF(llm_max_input_chars), "8000", 200, 1000000, NULL,
		"article characters sent; longer texts keep their lead" },
	{ "llm.max_output_tokens", CFG_INT, OFF(llm_max_output_tokens), "800", 50, 100000, NULL,
		"max_tokens of each request" },
	{ "llm.breaker_failures", CFG_INT, OFF(llm_breaker_failures), "5", 1, 1000, NULL,
		"failed requests in a row that open the circuit: articles then go extractive" },
	{ "llm.breaker_cooldown_s", CFG_INT, OFF(llm_breaker_cooldown_s), "60", 1, 86400, NULL,
		"how long the circuit stays open before one request tries again" },
	{ "llm.token_budget", CFG_INT, OFF(llm_token_budget), "0", 0, 1000000000000LL, NULL,
		"tokens all summarizers may spend per edition; then articles go extractive; 0: no limit" },

	{ "publisher.title", CFG_STR, OFF(publisher_title), "precis digest", 0, 0, NULL,
		"title of every edition" },
	{ "publisher.lang", CFG_ENUM, OFF(publisher_lang), "en", 0, 0, "en|zh",
		"language of the digest's headings and stats line" },
	{ "publisher.output_dir", CFG_STR, OFF(publisher_output_dir), "", 0, 0, NULL,
		"where digest files go; empty: ./digests, or DATA_DIR/digests under precis run" },
	{ "publisher.schedule", CFG_ENUM, OFF(publisher_schedule), "daily", 0, 0,
		"daily|hourly|weekly", "how often the publisher service publishes an edition" },
	{ "publisher.publish_at", CFG_STR, OFF(publisher_publish_at), "07:00", 0, 0, NULL,
		"HH:MM when editions go out (hourly: the minutes); empty: only on demand" },
	{ "publisher.publish_day", CFG_ENUM, OFF(publisher_publish_day), "mon", 0, 0,
		"mon|tue|wed|thu|fri|sat|sun", "the day weekly editions go out" },
	{ "publisher.timezone", CFG_STR, OFF(publisher_timezone), "UTC", 0, 0, NULL,
		"IANA time zone of the schedule and of edition dates, e.g. Asia/Shanghai" },
	{ "publisher.sink_attempts", CFG_INT, OFF(publisher_sink_attempts), "5", 1, 20, NULL,
		"tries per sink before an edition goes to the dead-letter topic for it" },
	{ "publisher.retry_backoff_ms", CFG_INT, OFF(publisher_retry_backoff_ms), "2000", 10,
		600000, NULL, "wait before a sink's second try; doubled each time, with jitter" },
	{ "publisher.lock_ttl_ms", CFG_INT, OFF(publisher_lock_ttl_ms), "60000", 1000, 3600000,
		NULL, "how long a crashed publisher's lock blocks the next (renewed while working)" },
	{ "publisher.remember_days", CFG_INT, OFF(publisher_remember_days), "90", 1, 36500, NULL,
		"how long an article that was published is kept from appearing again (keep at or above "
		"fetcher.seen_ttl_days)" },
	{ "publisher.highlights", CFG_INT, OFF(publisher_highlights), "10", 0, 100, NULL,
		"items in the highlights list" },
	{ "publisher.cjk_chars_per_minute", CFG_INT, OFF(publisher_cjk_chars_per_minute), "400",
		50, 5000, NULL, "reading speed for Chinese and Japanese text" },
	{ "publisher.words_per_minute", CFG_INT, OFF(publisher_words_per_minute), "230", 50,
		2000, NULL, "reading speed for Latin-script text" },

	{ "run.data_dir", CFG_STR, OFF(run_data_dir), ".precis", 0, 0, NULL,
		"precis run: Redis data and digests live here, so dedup survives runs" },
	{ "run.redis_server", CFG_STR, OFF(run_redis_server), "redis-server", 0, 0, NULL,
		"precis run: the redis-server program to start" },
	{ "run.drain_timeout_s", CFG_INT, OFF(run_drain_timeout_s), "600", 1, 86400, NULL,
		"precis run: how long to wait for the pipeline to drain" },
};

static void errf(char *errstr, size_t errsize, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void errf(char *errstr, size_t errsize, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(errstr, errsize, fmt, ap);
	va_end(ap);
}

static const struct config_key *key_find(const char *key)
{
	for (size_t i = 0; i < ARRAY_SIZE(config_keys); i++)
		if (!strcmp(config_keys[i].key, key))
			return &config_keys[i];
	return NULL;
}

static int choice_ok(const char *choices, const char *v, size_t vlen)
{
	const char *p = choices;

	while (*p) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);

		if (n == vlen && !strncmp(p, v, n))
			return 1;
		if (!bar)
			break;
		p = bar + 1;
	}
	return 0;
}

static void strlist_clear(struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

static void strlist_push(struct strlist *l, const char *s, size_t n)
{
	l->v = xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
	l->v[l->n++] = xstrndup(s, n);
}

static int set_list(struct config *cfg, const struct config_key *k, const char *const *items,
	size_t nitems, const char *origin, char *errstr, size_t errsize)
{
	struct strlist *l = (struct strlist *)((char *)cfg + k->offset);
	struct strlist fresh = { 0 };

	for (size_t i = 0; i < nitems; i++) {
		const char *it = items[i];
		size_t n;

		while (*it == ' ')
			it++;
		n = strlen(it);
		while (n && it[n - 1] == ' ')
			n--;
		if (!n)
			continue;
		if (k->choices && !choice_ok(k->choices, it, n)) {
			errf(errstr, errsize, "%s: %s: '%.*s' is not one of %s", origin, k->key,
				(int)n, it, k->choices);
			strlist_clear(&fresh);
			return -1;
		}
		strlist_push(&fresh, it, n);
	}
	strlist_clear(l);
	*l = fresh;
	return 0;
}

/* A comma-separated text form of a list, as given in the environment or a flag. */
static int set_list_text(struct config *cfg, const struct config_key *k, const char *value,
	const char *origin, char *errstr, size_t errsize)
{
	char *copy = xstrdup(value), *p = copy, **items = NULL;
	size_t n = 0;
	int rc;

	for (;;) {
		char *comma = strchr(p, ',');

		items = xrealloc(items, (n + 1) * sizeof(*items));
		items[n++] = p;
		if (!comma)
			break;
		*comma = '\0';
		p = comma + 1;
	}
	rc = set_list(cfg, k, (const char *const *)items, n, origin, errstr, errsize);
	free(items);
	free(copy);
	return rc;
}

static int kafka_set(struct config *cfg, const char *prop, const char *value, const char *origin,
	char *errstr, size_t errsize)
{
	if (!*prop) {
		errf(errstr, errsize, "%s: empty kafka property name", origin);
		return -1;
	}
	for (size_t i = 0; i < cfg->nkafka; i++) {
		if (!strcmp(cfg->kafka[i].key, prop)) {
			free(cfg->kafka[i].value);
			free(cfg->kafka[i].origin);
			cfg->kafka[i].value = xstrdup(value);
			cfg->kafka[i].origin = xstrdup(origin);
			return 0;
		}
	}
	cfg->kafka = xrealloc(cfg->kafka, (cfg->nkafka + 1) * sizeof(*cfg->kafka));
	cfg->kafka[cfg->nkafka].key = xstrdup(prop);
	cfg->kafka[cfg->nkafka].value = xstrdup(value);
	cfg->kafka[cfg->nkafka].origin = xstrdup(origin);
	cfg->nkafka++;
	return 0;
}

int config_set(struct config *cfg, const char *key, const char *value, const char *origin,
	char *errstr, size_t errsize)
{
	const struct config_key *k;
	void *field;

	if (!strncmp(key, "kafka.", 6))
		return kafka_set(cfg, key + 6, value, origin, errstr, errsize);
	k = key_find(key);
	if (!k) {
		errf(errstr, errsize, "%s: unknown key '%s' (see --help for the list)", origin, key);
		return -1;
	}
	field = (char *)cfg + k->offset;
	switch (k->type) {
	case CFG_ENUM:
		if (!choice_ok(k->choices, value, strlen(value))) {
			errf(errstr, errsize, "%s: %s: '%s' is not one of %s", origin, key, value,
				k->choices);
			return -1;
		}
		/* fall through */
	case CFG_STR:
		free(*(char **)field);
		*(char **)field = xstrdup(value);
		return 0;
	case CFG_INT: {
		int64_t v;

		if (parse_int64(value, k->min, k->max, &v)) {
			errf(errstr, errsize, "%s: %s: '%s' is not a whole number from %lld to %lld",
				origin, key, value, (long long)k->min, (long long)k->max);
			return -1;
		}
		*(int64_t *)field = v;
		return 0;
	}
	case CFG_LIST:
		return set_list_text(cfg, k, value, origin, errstr, errsize);
	}
	BUG("config key %s has no type", key);
}

struct config *config_new(void)
{
	struct config *cfg = xcalloc(1, sizeof(*cfg));
	char err[256];

	for (size_t i = 0; i < ARRAY_SIZE(config_keys); i++)
		if (config_set(cfg, config_keys[i].key, config_keys[i].def, "default", err,
			    sizeof(err)))
			BUG("bad default: %s", err);
	cfg->dir = xstrdup(".");
	return cfg;
}

static void sink_release(struct sink_conf *s)
{
	for (size_t i = 0; i < s->nopts; i++) {
		free(s->opts[i].key);
		free(s->opts[i].value);
		free(s->opts[i].origin);
	}
	free(s->opts);
	free(s->type);
	free(s->name);
	free(s->origin);
}

static void source_release(struct source *s)
{
	free(s->include);
	free(s->exclude);
	free(s->mode);
	free(s->backend);
	free(s->name);
	free(s->url);
	free(s->lang);
	free(s->category);
}

static void emoji_clear(struct config *cfg)
{
	for (size_t i = 0; i < cfg->nemoji; i++) {
		free(cfg->emoji[i].emoji);
		strlist_clear(&cfg->emoji[i].words);
	}
	free(cfg->emoji);
	cfg->emoji = NULL;
	cfg->nemoji = 0;
}

void config_free(struct config *cfg)
{
	if (!cfg)
		return;
	for (size_t i = 0; i < ARRAY_SIZE(config_keys); i++) {
		void *field = (char *)cfg + config_keys[i].offset;

		if (config_keys[i].type == CFG_STR || config_keys[i].type == CFG_ENUM)
			free(*(char **)field);
		else if (config_keys[i].type == CFG_LIST)
			strlist_clear(field);
	}
	for (size_t i = 0; i < cfg->nkafka; i++) {
		free(cfg->kafka[i].key);
		free(cfg->kafka[i].value);
		free(cfg->kafka[i].origin);
	}
	free(cfg->kafka);
	for (size_t i = 0; i < cfg->nsources; i++)
		source_release(&cfg->sources[i]);
	free(cfg->sources);
	for (size_t i = 0; i < cfg->nsinks; i++)
		sink_release(&cfg->sinks[i]);
	free(cfg->sinks);
	emoji_clear(cfg);
	free(cfg->dir);
	free(cfg);
}

const char *config_kafka_get(const struct config *cfg, const char *key)
{
	for (size_t i = 0; i < cfg->nkafka; i++)
		if (!strcmp(cfg->kafka[i].key, key))
			return cfg->kafka[i].value;
	return NULL;
}

/* ---- YAML ---- */

struct yload {
	struct config *cfg;
	yaml_document_t *doc;
	const char *path;
	char *errstr;
	size_t errsize;
};

static void origin_of(const struct yload *y, const yaml_node_t *n, char *out, size_t size)
{
	snprintf(out, size, "%s:%zu", y->path, n->start_mark.line + 1);
}

static const char *scalar(const yaml_node_t *n)
{
	return n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

static int load_source(struct yload *y, yaml_node_t *map, struct source *s, char **opml)
{
	char origin[512];

	origin_of(y, map, origin, sizeof(origin));
	if (map->type != YAML_MAPPING_NODE) {
		errf(y->errstr, y->errsize, "%s: each source must be a mapping with name and url",
			origin);
		return -1;
	}
	s->weight = 1;
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
		p++) {
		yaml_node_t *kn = yaml_document_get_node(y->doc, p->key);
		yaml_node_t *vn = yaml_document_get_node(y->doc, p->value);
		const char *k = scalar(kn), *v = scalar(vn);
		char **field = NULL;

		origin_of(y, kn, origin, sizeof(origin));
		if (!k || !v) {
			errf(y->errstr, y->errsize, "%s: source fields must be plain values", origin);
			return -1;
		}
		if (!strcmp(k, "name"))
			field = &s->name;
		else if (!strcmp(k, "opml"))
			field = opml;
		else if (!strcmp(k, "url"))
			field = &s->url;
		else if (!strcmp(k, "lang"))
			field = &s->lang;
		else if (!strcmp(k, "category"))
			field = &s->category;
		else if (!strcmp(k, "include"))
			field = &s->include;
		else if (!strcmp(k, "exclude"))
			field = &s->exclude;
		else if (!strcmp(k, "mode")) {
			if (strcmp(v, "page") && strcmp(v, "feed")) {
				errf(y->errstr, y->errsize,
					"%s: sources.mode: '%s' is not page or feed", origin, v);
				return -1;
			}
			field = &s->mode;
		} else if (!strcmp(k, "interval_s")) {
			if (parse_int64(v, 10, 604800, &s->interval_s)) {
				errf(y->errstr, y->errsize,
					"%s: sources.interval_s: '%s' is not a whole number from 10 to 604800",
					origin, v);
				return -1;
			}
			continue;
		} else if (!strcmp(k, "backend")) {
			if (strcmp(v, "extractive") && strcmp(v, "llm")) {
				errf(y->errstr, y->errsize,
					"%s: sources.backend: '%s' is not extractive or llm", origin, v);
				return -1;
			}
			field = &s->backend;
		}
		else if (!strcmp(k, "weight")) {
			if (parse_int64(v, 1, 100, &s->weight)) {
				errf(y->errstr, y->errsize,
					"%s: sources.weight: '%s' is not a whole number from 1 to 100",
					origin, v);
				return -1;
			}
			continue;
		} else {
			errf(y->errstr, y->errsize,
				"%s: unknown source field '%s' (name, url or opml, lang, category, "
				"weight, interval_s, include, exclude, mode, backend)",
				origin, k);
			return -1;
		}
		free(*field);
		*field = xstrdup(v);
	}
	origin_of(y, map, origin, sizeof(origin));
	if (!*opml && (!s->name || !*s->name || !s->url || !*s->url)) {
		errf(y->errstr, y->errsize, "%s: a source needs both name and url (or an opml file)",
			origin);
		return -1;
	}
	if (*opml && s->url) {
		errf(y->errstr, y->errsize, "%s: a source has a url or an opml file, not both", origin);
		return -1;
	}
	if (!s->lang)
		s->lang = xstrdup("");
	if (!s->category)
		s->category = xstrdup("");
	if (!s->backend)
		s->backend = xstrdup("");
	if (!s->include)
		s->include = xstrdup("");
	if (!s->exclude)
		s->exclude = xstrdup("");
	if (!s->mode)
		s->mode = xstrdup("page");
	{
		const char *bad = NULL;
		regex_t re;

		if (*s->include && regcomp(&re, s->include, REG_EXTENDED | REG_ICASE | REG_NOSUB))
			bad = "include";
		else if (*s->include)
			regfree(&re);
		if (!bad && *s->exclude &&
			regcomp(&re, s->exclude, REG_EXTENDED | REG_ICASE | REG_NOSUB))
			bad = "exclude";
		else if (!bad && *s->exclude)
			regfree(&re);
		if (bad) {
			errf(y->errstr, y->errsize, "%s: sources.%s of '%s' is not an extended regular "
				"expression", origin, bad, s->name);
			return -1;
		}
	}
	return 0;
}

static void add_source(struct config *cfg, struct source *s)
{
	cfg->sources = xrealloc(cfg->sources, (cfg->nsources + 1) * sizeof(*s));
	cfg->sources[cfg->nsources++] = *s;
}

static char *dir_of(const char *path);

/*
 * An OPML subscription list: every outline with an xmlUrl becomes a source
 * named by its title (or text), with the other fields of the entry that
 * named the file. The file is read relative to the config file.
 */
static int import_opml(struct yload *y, const char *file, const struct source *tmpl,
	const char *origin)
{
	char *dir = dir_of(y->path), *path;
	xmlDocPtr doc;
	size_t before = y->cfg->nsources;
	int rc = -1;

	path = xmalloc(strlen(dir) + strlen(file) + 2);
	snprintf(path, strlen(dir) + strlen(file) + 2, "%s/%s", file[0] == '/' ? "" : dir, file);
	doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc) {
		errf(y->errstr, y->errsize, "%s: cannot read the OPML file %s", origin, path);
		goto out;
	}
	for (xmlNodePtr n = xmlDocGetRootElement(doc); n;) {
		xmlChar *url = n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, "outline")
				       ? xmlGetProp(n, (const xmlChar *)"xmlUrl")
				       : NULL;

		if (url) {
			xmlChar *title = xmlGetProp(n, (const xmlChar *)"title");
			struct source s = *tmpl;
			char name[256];
			int taken = 1;

			if (!title)
				title = xmlGetProp(n, (const xmlChar *)"text");
			snprintf(name, sizeof(name), "%s", title && *title ? (const char *)title
								    : (const char *)url);
			/* Two outlines with one title: the second is "Title (2)". */
			for (int k = 2; taken; k++) {
				taken = 0;
				for (size_t i = 0; i < y->cfg->nsources && !taken; i++)
					taken = !strcmp(y->cfg->sources[i].name, name);
				if (taken)
					snprintf(name, sizeof(name), "%.200s (%d)", title && *title
						? (const char *)title : (const char *)url, k);
			}
			s.name = xstrdup(name);
			s.url = xstrdup((const char *)url);
			s.lang = xstrdup(tmpl->lang);
			s.category = xstrdup(tmpl->category);
			s.backend = xstrdup(tmpl->backend);
			s.include = xstrdup(tmpl->include);
			s.exclude = xstrdup(tmpl->exclude);
			s.mode = xstrdup(tmpl->mode);
			add_source(y->cfg, &s);
			xmlFree(title);
			xmlFree(url);
		}
		/* depth first through the outline tree */
		if (n->children) {
			n = n->children;
		} else {
			while (n && !n->next)
				n = n->parent;
			n = n ? n->next : NULL;
		}
	}
	if (y->cfg->nsources == before) {
		errf(y->errstr, y->errsize, "%s: the OPML file %s lists no feed (no xmlUrl)", origin,
			path);
		goto out;
	}
	rc = 0;
out:
	if (doc)
		xmlFreeDoc(doc);
	free(path);
	free(dir);
	return rc;
}

static int load_sources(struct yload *y, yaml_node_t *seq)
{
	struct config *cfg = y->cfg;
	char origin[512];

	origin_of(y, seq, origin, sizeof(origin));
	if (seq->type != YAML_SEQUENCE_NODE) {
		errf(y->errstr, y->errsize, "%s: sources must be a list", origin);
		return -1;
	}
	for (size_t i = 0; i < cfg->nsources; i++)
		source_release(&cfg->sources[i]);
	free(cfg->sources);
	cfg->nsources = 0;
	cfg->sources = NULL;
	for (yaml_node_item_t *it = seq->data.sequence.items.start;
		it < seq->data.sequence.items.top; it++) {
		struct source s = { 0 };
		char *opml = NULL;

		if (load_source(y, yaml_document_get_node(y->doc, *it), &s, &opml)) {
			source_release(&s);
			free(opml);
			return -1;
		}
		if (opml) {
			int rc = import_opml(y, opml, &s, origin);

			source_release(&s);
			free(opml);
			if (rc)
				return -1;
			continue;
		}
		for (size_t i = 0; i < cfg->nsources; i++) {
			if (!strcmp(cfg->sources[i].name, s.name)) {
				errf(y->errstr, y->errsize, "%s: two sources are named '%s'",
					origin, s.name);
				source_release(&s);
				return -1;
			}
		}
		add_source(cfg, &s);
	}
	return 0;
}

const char *sink_conf_get(const struct sink_conf *s, const char *key)
{
	for (size_t i = 0; i < s->nopts; i++)
		if (!strcmp(s->opts[i].key, key))
			return s->opts[i].value;
	return NULL;
}

/* A sink's option: a plain value, or a list of plain values joined by commas. */
static int sink_option(struct yload *y, yaml_node_t *vn, const char *origin, struct buf *out)
{
	if (scalar(vn))
		return buf_addstr(out, scalar(vn));
	if (vn->type != YAML_SEQUENCE_NODE) {
		errf(y->errstr, y->errsize, "%s: sink options are values or lists of values", origin);
		return -1;
	}
	for (yaml_node_item_t *it = vn->data.sequence.items.start; it < vn->data.sequence.items.top;
		it++) {
		const char *v = scalar(yaml_document_get_node(y->doc, *it));

		if (!v || strchr(v, ',')) {
			errf(y->errstr, y->errsize, "%s: list items must be plain values without commas",
				origin);
			return -1;
		}
		if (out->len)
			buf_addch(out, ',');
		buf_addstr(out, v);
	}
	return 0;
}

static int load_sink(struct yload *y, yaml_node_t *map, struct sink_conf *s)
{
	char origin[512];

	origin_of(y, map, origin, sizeof(origin));
	s->origin = xstrdup(origin);
	if (map->type != YAML_MAPPING_NODE) {
		errf(y->errstr, y->errsize, "%s: each sink must be a mapping with a type", origin);
		return -1;
	}
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
		p++) {
		yaml_node_t *kn = yaml_document_get_node(y->doc, p->key);
		yaml_node_t *vn = yaml_document_get_node(y->doc, p->value);
		const char *k = scalar(kn);
		struct buf v;

		origin_of(y, kn, origin, sizeof(origin));
		if (!k) {
			errf(y->errstr, y->errsize, "%s: keys must be plain words", origin);
			return -1;
		}
		buf_init(&v, 64 * 1024);
		if (sink_option(y, vn, origin, &v)) {
			buf_release(&v);
			return -1;
		}
		if (!strcmp(k, "type") || !strcmp(k, "name")) {
			char **field = !strcmp(k, "type") ? &s->type : &s->name;

			free(*field);
			*field = buf_detach(&v, NULL);
			continue;
		}
		s->opts = xrealloc(s->opts, (s->nopts + 1) * sizeof(*s->opts));
		s->opts[s->nopts].key = xstrdup(k);
		s->opts[s->nopts].value = buf_detach(&v, NULL);
		s->opts[s->nopts].origin = xstrdup(origin);
		s->nopts++;
	}
	if (!s->type || !*s->type) {
		errf(y->errstr, y->errsize, "%s: a sink needs a type", s->origin);
		return -1;
	}
	if (!s->name)
		s->name = xstrdup(s->type);
	return 0;
}

static int load_sinks(struct yload *y, yaml_node_t *seq)
{
	struct config *cfg = y->cfg;
	char origin[512];

	origin_of(y, seq, origin, sizeof(origin));
	if (seq->type != YAML_SEQUENCE_NODE) {
		errf(y->errstr, y->errsize, "%s: sinks must be a list", origin);
		return -1;
	}
	for (size_t i = 0; i < cfg->nsinks; i++)
		sink_release(&cfg->sinks[i]);
	free(cfg->sinks);
	cfg->sinks = NULL;
	cfg->nsinks = 0;
	for (yaml_node_item_t *it = seq->data.sequence.items.start;
		it < seq->data.sequence.items.top; it++) {
		struct sink_conf s = { 0 };

		if (load_sink(y, yaml_document_get_node(y->doc, *it), &s)) {
			sink_release(&s);
			return -1;
		}
		for (size_t i = 0; i < cfg->nsinks; i++) {
			if (!strcmp(cfg->sinks[i].name, s.name)) {
				errf(y->errstr, y->errsize,
					"%s: two sinks are named '%s'; give one a name", s.origin,
					s.name);
				sink_release(&s);
				return -1;
			}
		}
		cfg->sinks = xrealloc(cfg->sinks, (cfg->nsinks + 1) * sizeof(s));
		cfg->sinks[cfg->nsinks++] = s;
	}
	return 0;
}

/* summarizer.emoji: [{emoji: "🤖", words: [robot, 机器人]}, ...], in order of preference. */
static int load_emoji(struct yload *y, yaml_node_t *seq)
{
	struct config *cfg = y->cfg;
	char origin[512];

	origin_of(y, seq, origin, sizeof(origin));
	if (seq->type != YAML_SEQUENCE_NODE) {
		errf(y->errstr, y->errsize, "%s: summarizer.emoji must be a list of "
			"{emoji, words} mappings", origin);
		return -1;
	}
	emoji_clear(cfg);
	for (yaml_node_item_t *it = seq->data.sequence.items.start;
		it < seq->data.sequence.items.top; it++) {
		yaml_node_t *map = yaml_document_get_node(y->doc, *it);
		struct emoji_rule r = { 0 };

		origin_of(y, map, origin, sizeof(origin));
		if (map->type != YAML_MAPPING_NODE)
			goto bad;
		for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
			p < map->data.mapping.pairs.top; p++) {
			const char *k = scalar(yaml_document_get_node(y->doc, p->key));
			yaml_node_t *vn = yaml_document_get_node(y->doc, p->value);

			if (k && !strcmp(k, "emoji") && scalar(vn) && !r.emoji) {
				r.emoji = xstrdup(scalar(vn));
			} else if (k && !strcmp(k, "words") && vn->type == YAML_SEQUENCE_NODE) {
				for (yaml_node_item_t *w = vn->data.sequence.items.start;
					w < vn->data.sequence.items.top; w++) {
					const char *word = scalar(yaml_document_get_node(y->doc, *w));

					if (!word || !*word)
						goto bad_rule;
					strlist_push(&r.words, word, strlen(word));
				}
			} else {
				goto bad_rule;
			}
		}
		if (!r.emoji || !*r.emoji || strlen(r.emoji) > 16 || !r.words.n)
			goto bad_rule;
		cfg->emoji = xrealloc(cfg->emoji, (cfg->nemoji + 1) * sizeof(r));
		cfg->emoji[cfg->nemoji++] = r;
		continue;
bad_rule:
		free(r.emoji);
		strlist_clear(&r.words);
bad:
		errf(y->errstr, y->errsize, "%s: each summarizer.emoji entry is {emoji: ONE_EMOJI, "
			"words: [WORD, ...]}", origin);
		return -1;
	}
	return 0;
}

static int load_node(struct yload *y, const char *prefix, yaml_node_t *n)
{
	char origin[512];

	origin_of(y, n, origin, sizeof(origin));
	if (n->type == YAML_MAPPING_NODE) {
		for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
			p < n->data.mapping.pairs.top; p++) {
			yaml_node_t *kn = yaml_document_get_node(y->doc, p->key);
			yaml_node_t *vn = yaml_document_get_node(y->doc, p->value);
			const char *k = scalar(kn);
			char *full;
			int rc;

			if (!k) {
				origin_of(y, kn, origin, sizeof(origin));
				errf(y->errstr, y->errsize, "%s: keys must be plain words", origin);
				return -1;
			}
			full = xmalloc(strlen(prefix) + strlen(k) + 2);
			snprintf(full, strlen(prefix) + strlen(k) + 2, "%s%s%s", prefix,
				*prefix ? "." : "", k);
			if (!strcmp(full, "sources"))
				rc = load_sources(y, vn);
			else if (!strcmp(full, "sinks"))
				rc = load_sinks(y, vn);
			else if (!strcmp(full, "summarizer.emoji"))
				rc = load_emoji(y, vn);
			else
				rc = load_node(y, full, vn);
			free(full);
			if (rc)
				return rc;
		}
		return 0;
	}
	if (!*prefix) {
		errf(y->errstr, y->errsize, "%s: the top level must be a mapping of keys", origin);
		return -1;
	}
	if (n->type == YAML_SEQUENCE_NODE) {
		const struct config_key *k = key_find(prefix);
		const char **items;
		size_t nitems = 0;
		int rc;

		if (!k) {
			errf(y->errstr, y->errsize, "%s: unknown key '%s' (see --help for the list)",
				origin, prefix);
			return -1;
		}
		if (k->type != CFG_LIST) {
			errf(y->errstr, y->errsize, "%s: %s takes one value, not a list", origin,
				prefix);
			return -1;
		}
		items = xcalloc((size_t)(n->data.sequence.items.top - n->data.sequence.items.start)
				+ 1, sizeof(*items));
		for (yaml_node_item_t *it = n->data.sequence.items.start;
			it < n->data.sequence.items.top; it++) {
			const char *v = scalar(yaml_document_get_node(y->doc, *it));

			if (!v) {
				errf(y->errstr, y->errsize, "%s: %s must list plain values", origin,
					prefix);
				free(items);
				return -1;
			}
			items[nitems++] = v;
		}
		rc = set_list(y->cfg, k, items, nitems, origin, y->errstr, y->errsize);
		free(items);
		return rc;
	}
	return config_set(y->cfg, prefix, scalar(n), origin, y->errstr, y->errsize);
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

int config_load_file(struct config *cfg, const char *path, char *errstr, size_t errsize)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *root;
	FILE *f;
	int rc = -1;

	f = fopen(path, "rb");
	if (!f) {
		errf(errstr, errsize, "%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	if (!yaml_parser_initialize(&parser)) {
		fclose(f);
		errf(errstr, errsize, "%s: cannot start the YAML parser", path);
		return -1;
	}
	yaml_parser_set_input_file(&parser, f);
	if (!yaml_parser_load(&parser, &doc)) {
		errf(errstr, errsize, "%s:%zu: %s", path, parser.problem_mark.line + 1,
			parser.problem ? parser.problem : "invalid YAML");
		goto out_parser;
	}
	root = yaml_document_get_root_node(&doc);
	if (!root) {
		rc = 0; /* an empty file sets nothing */
	} else {
		struct yload y = { cfg, &doc, path, errstr, errsize };

		rc = load_node(&y, "", root);
	}
	if (!rc) {
		free(cfg->dir);
		cfg->dir = dir_of(path);
	}
	yaml_document_delete(&doc);
out_parser:
	yaml_parser_delete(&parser);
	fclose(f);
	return rc;
}

/* ---- environment ---- */

static void env_name_of(const char *key, char *out, size_t size)
{
	size_t j = strlcpy_p(out, "PRECIS_", size);

	for (size_t i = 0; key[i] && j + 1 < size; i++, j++)
		out[j] = key[i] == '.' ? '_' : (char)toupper((unsigned char)key[i]);
	out[j < size ? j : size - 1] = '\0';
}

int config_apply_env(struct config *cfg, char *const *envp, char *errstr, size_t errsize)
{
	for (char *const *e = envp; e && *e; e++) {
		const char *eq = strchr(*e, '=');
		char name[256], origin[300];
		size_t nlen;
		int matched = 0;

		if (strncmp(*e, "PRECIS_", 7) || !eq)
			continue;
		nlen = (size_t)(eq - *e);
		if (nlen >= sizeof(name))
			continue;
		memcpy(name, *e, nlen);
		name[nlen] = '\0';
		snprintf(origin, sizeof(origin), "environment %s", name);

		if (!strncmp(name, "PRECIS_KAFKA_", 13)) {
			/* librdkafka properties use dots: PRECIS_KAFKA_SASL_USERNAME -> sasl.username */
			char prop[256];
			size_t i;

			for (i = 0; name[13 + i]; i++)
				prop[i] = name[13 + i] == '_' ? '.'
							      : (char)tolower((unsigned char)name[13 + i]);
			prop[i] = '\0';
			if (kafka_set(cfg, prop, eq + 1, origin, errstr, errsize))
				return -1;
			continue;
		}
		for (size_t i = 0; i < ARRAY_SIZE(config_keys); i++) {
			char want[256];

			env_name_of(config_keys[i].key, want, sizeof(want));
			if (!strcmp(want, name)) {
				if (config_set(cfg, config_keys[i].key, eq + 1, origin, errstr,
					    errsize))
					return -1;
				matched = 1;
				break;
			}
		}
		if (!matched) {
			errf(errstr, errsize, "%s: no such setting (see --help for the list)", origin);
			return -1;
		}
	}
	return 0;
}

int config_validate(const struct config *cfg, char *errstr, size_t errsize)
{
	rd_kafka_conf_t *kc = rd_kafka_conf_new();
	char kerr[512];
	int rc = 0;

	for (size_t i = 0; i < cfg->nkafka; i++) {
		if (rd_kafka_conf_set(kc, cfg->kafka[i].key, cfg->kafka[i].value, kerr,
			    sizeof(kerr)) != RD_KAFKA_CONF_OK) {
			errf(errstr, errsize, "%s: kafka.%s: %s", cfg->kafka[i].origin,
				cfg->kafka[i].key, kerr);
			rc = -1;
			break;
		}
	}
	rd_kafka_conf_destroy(kc);
	if (rc)
		return rc;
	for (size_t i = 0; i < cfg->nsources; i++) {
		const char *lang = cfg->sources[i].lang;

		if (*lang && strlen(lang) > 12) {
			errf(errstr, errsize, "source '%s': lang '%s' is not a language tag",
				cfg->sources[i].name, lang);
			return -1;
		}
	}
	if (*cfg->publisher_publish_at) {
		const char *t = cfg->publisher_publish_at;
		int ok = strlen(t) == 5 && isdigit((unsigned char)t[0]) &&
			 isdigit((unsigned char)t[1]) && t[2] == ':' && isdigit((unsigned char)t[3]) &&
			 isdigit((unsigned char)t[4]) && (t[0] - '0') * 10 + (t[1] - '0') < 24 &&
			 t[3] < '6';

		if (!ok) {
			errf(errstr, errsize, "publisher.publish_at: '%s' is not HH:MM", t);
			return -1;
		}
	}
	if (strcmp(cfg->publisher_timezone, "UTC")) {
		char zone[512];
		const char *tz = cfg->publisher_timezone;

		snprintf(zone, sizeof(zone), "/usr/share/zoneinfo/%s", tz);
		if (strstr(tz, "..") || *tz == '/' || access(zone, R_OK)) {
			errf(errstr, errsize,
				"publisher.timezone: '%s' is not a time zone of the tz database", tz);
			return -1;
		}
	}
	if (!*cfg->redis_url) {
		errf(errstr, errsize, "redis.url is empty");
		return -1;
	}
	{
		char *end;
		double t = strtod(cfg->llm_temperature, &end);

		if (end == cfg->llm_temperature || *end || t < 0 || t > 2) {
			errf(errstr, errsize, "llm.temperature: '%s' is not a number from 0 to 2",
				cfg->llm_temperature);
			return -1;
		}
	}
	{
		const char *source = NULL;
		int llm = !strcmp(cfg->summarizer_backend, "llm");

		for (size_t i = 0; !llm && i < cfg->nsources; i++)
			if (!strcmp(cfg->sources[i].backend, "llm"))
				source = cfg->sources[i].name, llm = 1;
		if (llm && (!*cfg->llm_base_url || !*cfg->llm_model)) {
			errf(errstr, errsize, "%s%s%s uses the llm backend: set llm.base_url and llm.model",
				source ? "source '" : "summarizer.backend", source ? source : "",
				source ? "'" : "");
			return -1;
		}
	}
	if (*cfg->summarizer_lang && (strlen(cfg->summarizer_lang) > 12 ||
					     strspn(cfg->summarizer_lang,
						     "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-") !=
						     strlen(cfg->summarizer_lang))) {
		errf(errstr, errsize, "summarizer.lang: '%s' is not a language tag",
			cfg->summarizer_lang);
		return -1;
	}
	return 0;
}

void config_print_help(FILE *out)
{
	fprintf(out, "Settings (YAML key; environment PRECIS_KEY; flag --key=value):\n");
	for (size_t i = 0; i < ARRAY_SIZE(config_keys); i++) {
		const struct config_key *k = &config_keys[i];
		const char *type = k->type == CFG_INT ? "int"
				   : k->type == CFG_LIST ? "list"
				   : k->type == CFG_ENUM ? k->choices
							  : "string";

		fprintf(out, "  %-32s %-22s %s (default: %s)\n", k->key, type, k->help,
			*k->def ? k->def : "none");
	}
	fprintf(out, "  %-32s %-22s %s\n", "kafka.*", "string",
		"any librdkafka property, e.g. kafka.bootstrap.servers");
	fprintf(out, "  %-32s %-22s %s\n", "sources", "list",
		"file only: [{name, url, lang, category, weight, interval_s, include, exclude, "
		"mode, backend}]");
	fprintf(out, "  %-32s %-22s %s\n", "summarizer.emoji", "list",
		"file only: [{emoji, words: [...]}]; replaces the built-in emoji table");
	fprintf(out, "  %-32s %-22s %s\n", "sinks", "list",
		"file only: [{type, name, ...options}]; default: file and kafka");
}
