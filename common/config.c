/*
 * The key table and what sets a key from the file, the environment or a
 * flag. Past the usual size by its table alone: some 200 lines are one row
 * per key (type, default, bounds, help), which --help prints and every
 * loader checks against, and they belong with the code that reads them.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <regex.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>
#include <yaml.h>

#include "buf.h"
#include "common.h"
#include "config_impl.h"
#include "text.h"

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
	{ "redis.username", CFG_STR, OFF(redis_username), "", 0, 0, NULL,
		"user to log in as (Redis 6 ACLs); empty: the default user" },
	{ "redis.password_env", CFG_STR, OFF(redis_password_env), "", 0, 0, NULL,
		"environment variable that holds Redis' password; empty: no login" },

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
	{ "fetcher.host_lease_ms", CFG_INT, OFF(fetcher_host_lease_ms), "10000", 1000, 600000,
		NULL, "a request's hold on a host slot, renewed while it runs; a replica that dies "
		"frees its slots after this" },
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
	{ "summarizer.emoji", CFG_SECTIONS, OFF(summarizer_emoji), "", 0, 0,
		"summarizer.emoji entry", "file only: [{emoji, words: [...]}]; replaces the built-in "
		"emoji table" },
	{ "summarizer.cache_ttl_s", CFG_INT, OFF(summarizer_cache_ttl_s), "2592000", 60,
		31536000, NULL, "how long an LLM summary is kept in Redis for redelivered articles" },

	{ "llm.base_url", CFG_STR, OFF(llm_base_url), "", 0, 0, NULL,
		"OpenAI-compatible API root, e.g. https://api.openai.com/v1 or "
		"http://127.0.0.1:11434/v1 (Ollama); /chat/completions is appended" },
	{ "llm.model", CFG_STR, OFF(llm_model), "", 0, 0, NULL, "model name sent with each request" },
	{ "llm.api_key_env", CFG_STR, OFF(llm_api_key_env), "OPENAI_API_KEY", 0, 0, NULL,
		"environment variable holding the API key (keys never go in files); unset: no key" },
	{ "llm.prompt_file", CFG_PATH, OFF(llm_prompt_file), "", 0, 0, NULL,
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
	{ "publisher.lang", CFG_ENUM, OFF(publisher_lang), "en", 0, 0,
		"en|zh|de|fr|es|ru|ja|ko",
		"language of the digest's headings and stats line" },
	{ "publisher.output_dir", CFG_PATH, OFF(publisher_output_dir), "", 0, 0, NULL,
		"where digest files go; empty: ./digests, or DATA_DIR/digests under precis run" },
	{ "sinks", CFG_PLUGINS, OFF(sinks), "", 0, 0, "sink",
		"file only: [{type, name, ...options}]; default: file and kafka" },
	{ "publisher.schedule", CFG_ENUM, OFF(publisher_schedule), "daily", 0, 0,
		"daily|hourly|weekly", "how often the publisher service publishes an edition" },
	{ "publisher.publish_at", CFG_STR, OFF(publisher_publish_at), "07:00", 0, 0, NULL,
		"HH:MM when editions go out (hourly: the minutes); empty: only on demand" },
	{ "publisher.publish_day", CFG_ENUM, OFF(publisher_publish_day), "mon", 0, 0,
		"mon|tue|wed|thu|fri|sat|sun", "the day weekly editions go out" },
	{ "publisher.timezone", CFG_STR, OFF(publisher_timezone), "UTC", 0, 0, NULL,
		"IANA time zone of the schedule and of edition dates, e.g. Asia/Shanghai" },
	{ "publisher.sink_attempts", CFG_INT, OFF(publisher_sink_attempts), "5", 1, 20, NULL,
		"tries per sink and publication; a sink that still fails keeps the edition "
		"pending for the next publication" },
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

	{ "run.data_dir", CFG_PATH, OFF(run_data_dir), ".precis", 0, 0, NULL,
		"precis run: Redis data and digests live here, so dedup survives runs" },
	{ "run.redis_server", CFG_PROGRAM, OFF(run_redis_server), "redis-server", 0, 0, NULL,
		"precis run: the redis-server program to start: a name on the PATH, or a path" },
	{ "run.drain_timeout_s", CFG_INT, OFF(run_drain_timeout_s), "600", 1, 86400, NULL,
		"precis run: how long to wait for the pipeline to drain" },
};

void config_errf(char *errstr, size_t errsize, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(errstr, errsize, fmt, ap);
	va_end(ap);
}

const struct config_key *config_key_find(const char *key)
{
	for (size_t i = 0; i < ARRAY_SIZE(config_keys); i++)
		if (!strcmp(config_keys[i].key, key))
			return &config_keys[i];
	return NULL;
}

/*
 * Keys an earlier release knew, with what replaced them, so a config
 * written for it fails with the way forward rather than "unknown key".
 */
static const struct {
	const char *key, *instead;
} renamed_keys[] = {
	{ "extractor.min_chars",
		"extractor.min_words, which counts words and a Han character as half a word "
		"(the old 200 characters are about 40 words)" },
};

void config_unknown_key(char *errstr, size_t errsize, const char *origin, const char *key)
{
	for (size_t i = 0; i < ARRAY_SIZE(renamed_keys); i++) {
		if (!strcmp(renamed_keys[i].key, key)) {
			config_errf(errstr, errsize, "%s: '%s' is no longer read: use %s", origin, key,
				renamed_keys[i].instead);
			return;
		}
	}
	config_errf(errstr, errsize, "%s: unknown key '%s' (see --help for the list)", origin, key);
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

void strlist_clear(struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

void strlist_push(struct strlist *l, const char *s, size_t n)
{
	l->v = xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
	l->v[l->n++] = xstrndup(s, n);
}

int config_set_list(struct config *cfg, const struct config_key *k, const char *const *items,
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
			config_errf(errstr, errsize, "%s: %s: '%.*s' is not one of %s", origin, k->key,
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
	rc = config_set_list(cfg, k, (const char *const *)items, n, origin, errstr, errsize);
	free(items);
	free(copy);
	return rc;
}

static int kafka_set(struct config *cfg, const char *prop, const char *value, const char *origin,
	char *errstr, size_t errsize)
{
	if (!*prop) {
		config_errf(errstr, errsize, "%s: empty kafka property name", origin);
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

static void env_name_of(const char *key, char *out, size_t size);

/* librdkafka properties that hold a secret: read from the environment only. */
static int kafka_secret(const char *prop)
{
	static const char *const secrets[] = { "sasl.password", "ssl.key.password",
		"ssl.keystore.password", "ssl.key.pem", "sasl.oauthbearer.client.secret" };

	for (size_t i = 0; i < ARRAY_SIZE(secrets); i++)
		if (!strcmp(prop, secrets[i]))
			return 1;
	return 0;
}

/* librdkafka properties that name a file or folder. */
static int kafka_path(const char *prop)
{
	static const char *const paths[] = { "ssl.ca.location", "ssl.crl.location",
		"ssl.key.location", "ssl.certificate.location", "ssl.keystore.location",
		"ssl.engine.location", "sasl.kerberos.keytab" };

	for (size_t i = 0; i < ARRAY_SIZE(paths); i++)
		if (!strcmp(prop, paths[i]))
			return 1;
	return 0;
}

char *config_path_in(const char *dir, const char *path)
{
	size_t n;
	char *out;

	if (!*path || path[0] == '/')
		return xstrdup(path);
	n = strlen(dir) + strlen(path) + 2;
	out = xmalloc(n);
	snprintf(out, n, "%s%s%s", dir, dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/", path);
	return out;
}

char *config_file_value(const char *key, const char *value, const char *dir)
{
	const struct config_key *k = config_key_find(key);

	if (k && (k->type == CFG_PATH || (k->type == CFG_PROGRAM && strchr(value, '/'))))
		return config_path_in(dir, value);
	/* "probe": librdkafka looks for the system's CA certificates */
	if (!strncmp(key, "kafka.", 6) && kafka_path(key + 6) && strcmp(value, "probe"))
		return config_path_in(dir, value);
	if (!strcmp(key, "redis.url") && !strncmp(value, "unix:", 5) && value[5] &&
		value[5] != '/') {
		char *path = config_path_in(dir, value + 5), *url;
		size_t n = strlen(path) + 6;

		url = xmalloc(n);
		snprintf(url, n, "unix:%s", path);
		free(path);
		return url;
	}
	return xstrdup(value);
}

int config_set(struct config *cfg, const char *key, const char *value, const char *origin,
	char *errstr, size_t errsize)
{
	const struct config_key *k;
	void *field;

	if (!strncmp(key, "kafka.", 6)) {
		/* config_apply_env() sets them; files and flags are read and shown by others */
		if (kafka_secret(key + 6)) {
			char env[256];

			env_name_of(key, env, sizeof(env));
			config_errf(errstr, errsize, "%s: %s is a secret: set it in the environment "
				"(%s), never in a file or a flag", origin, key, env);
			return -1;
		}
		return kafka_set(cfg, key + 6, value, origin, errstr, errsize);
	}
	k = config_key_find(key);
	if (!k) {
		config_unknown_key(errstr, errsize, origin, key);
		return -1;
	}
	field = (char *)cfg + k->offset;
	switch (k->type) {
	case CFG_ENUM:
		if (!choice_ok(k->choices, value, strlen(value))) {
			config_errf(errstr, errsize, "%s: %s: '%s' is not one of %s", origin, key, value,
				k->choices);
			return -1;
		}
		/* fall through */
	case CFG_STR:
		/*
		 * A title from a Latin-1 environment or flag: precis writes its text
		 * into JSON, which takes UTF-8 only (a path is bytes, and may be any).
		 */
		if (!text_utf8_valid(value, strlen(value))) {
			config_errf(errstr, errsize, "%s: %s: the value is not UTF-8 text", origin, key);
			return -1;
		}
		/* fall through */
	case CFG_PATH:
	case CFG_PROGRAM:
		free(*(char **)field);
		*(char **)field = xstrdup(value);
		return 0;
	case CFG_INT: {
		int64_t v;

		if (parse_int64(value, k->min, k->max, &v)) {
			config_errf(errstr, errsize, "%s: %s: '%s' is not a whole number from %lld to %lld",
				origin, key, value, (long long)k->min, (long long)k->max);
			return -1;
		}
		*(int64_t *)field = v;
		return 0;
	}
	case CFG_LIST:
		return set_list_text(cfg, k, value, origin, errstr, errsize);
	case CFG_PLUGINS:
	case CFG_SECTIONS:
		config_errf(errstr, errsize, "%s: %s can only be set in the configuration file", origin,
			key);
		return -1;
	}
	BUG("config key %s has no type", key);
}

struct config *config_new(void)
{
	struct config *cfg = xcalloc(1, sizeof(*cfg));
	char err[256];

	for (size_t i = 0; i < ARRAY_SIZE(config_keys); i++)
		if (config_keys[i].type != CFG_PLUGINS && config_keys[i].type != CFG_SECTIONS &&
			config_set(cfg, config_keys[i].key, config_keys[i].def, "default", err,
				sizeof(err)))
			BUG("bad default: %s", err);
	cfg->dir = xstrdup(".");
	return cfg;
}

void config_opt_release(struct config_opt *o)
{
	free(o->key);
	strlist_clear(&o->values);
	free(o->origin);
}

void config_section_release(struct config_section *s)
{
	for (size_t i = 0; i < s->nopts; i++)
		config_opt_release(&s->opts[i]);
	free(s->opts);
	free(s->type);
	free(s->name);
	free(s->origin);
	free(s->dir);
}

void config_sections_clear(struct config_sections *l)
{
	for (size_t i = 0; i < l->n; i++)
		config_section_release(&l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

void config_source_release(struct source *s)
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


void config_free(struct config *cfg)
{
	if (!cfg)
		return;
	for (size_t i = 0; i < ARRAY_SIZE(config_keys); i++) {
		void *field = (char *)cfg + config_keys[i].offset;

		if (config_keys[i].type == CFG_STR || config_keys[i].type == CFG_ENUM ||
			config_keys[i].type == CFG_PATH || config_keys[i].type == CFG_PROGRAM)
			free(*(char **)field);
		else if (config_keys[i].type == CFG_LIST)
			strlist_clear(field);
		else if (config_keys[i].type == CFG_PLUGINS || config_keys[i].type == CFG_SECTIONS)
			config_sections_clear(field);
	}
	for (size_t i = 0; i < cfg->nkafka; i++) {
		free(cfg->kafka[i].key);
		free(cfg->kafka[i].value);
		free(cfg->kafka[i].origin);
	}
	free(cfg->kafka);
	for (size_t i = 0; i < cfg->nsources; i++)
		config_source_release(&cfg->sources[i]);
	free(cfg->sources);
	free(cfg->dir);
	strlist_clear(&cfg->warnings);
	free(cfg);
}

const char *config_kafka_get(const struct config *cfg, const char *key)
{
	for (size_t i = 0; i < cfg->nkafka; i++)
		if (!strcmp(cfg->kafka[i].key, key))
			return cfg->kafka[i].value;
	return NULL;
}

/* ---- plugins' option tables ---- */

static const struct config_map *map_find(const struct config_map *map, const char *key)
{
	for (; map->key; map++)
		if (!strcmp(map->key, key))
			return map;
	return NULL;
}

int config_map_apply(const struct config_map *map, const struct config_section *sec,
	const char *what, void *ctx, char *errstr, size_t errsize)
{
	for (size_t i = 0; i < sec->nopts; i++) {
		const struct config_opt *o = &sec->opts[i];
		const struct config_map *m = map_find(map, o->key);
		const char *v = o->values.n ? o->values.v[0] : "";
		void *field;

		if (!m) {
			config_errf(errstr, errsize, "%s: %s: unknown option '%s'", o->origin, what, o->key);
			return -1;
		}
		field = (char *)ctx + m->offset;
		if (m->type == CONFIG_MAP_LIST) {
			strlist_clear(field);
			for (size_t k = 0; k < o->values.n; k++)
				if (*o->values.v[k])
					strlist_push(field, o->values.v[k], strlen(o->values.v[k]));
			continue;
		}
		if (o->is_list) {
			config_errf(errstr, errsize, "%s: %s: %s takes one value, not a list", o->origin, what,
				o->key);
			return -1;
		}
		if (!*v)
			continue;
		if (m->type == CONFIG_MAP_ENV && (!getenv(v) || !*getenv(v))) {
			config_errf(errstr, errsize, "%s: %s: environment variable %s is %s", o->origin,
				what, v, getenv(v) ? "empty" : "not set");
			return -1;
		}
		free(*(char **)field);
		*(char **)field = m->type == CONFIG_MAP_PATH && sec->dir ? config_path_in(sec->dir, v)
									   : xstrdup(v);
	}
	for (; map->key; map++) {
		void *field = (char *)ctx + map->offset;
		int given = map->type == CONFIG_MAP_LIST ? ((struct strlist *)field)->n > 0
							 : *(char **)field != NULL;

		if (!given && map->required) {
			config_errf(errstr, errsize, "%s: %s needs '%s' (%s)", sec->origin, what, map->key,
				map->help);
			return -1;
		}
		if (!given && map->def && map->type != CONFIG_MAP_LIST)
			*(char **)field = xstrdup(map->def);
	}
	return 0;
}

void config_map_release(const struct config_map *map, void *ctx)
{
	for (; ctx && map->key; map++) {
		void *field = (char *)ctx + map->offset;

		if (map->type == CONFIG_MAP_LIST) {
			strlist_clear(field);
		} else {
			free(*(char **)field);
			*(char **)field = NULL;
		}
	}
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
			config_errf(errstr, errsize, "%s: no such setting (see --help for the list)", origin);
			return -1;
		}
	}
	return 0;
}

void config_print_help(FILE *out)
{
	fprintf(out, "Settings (YAML key; environment PRECIS_KEY; flag --key=value):\n");
	fprintf(out, "  (a relative path in the file is relative to the file's folder; in the "
		     "environment,\n   a flag or a default, to the current folder)\n");
	for (size_t i = 0; i < ARRAY_SIZE(config_keys); i++) {
		const struct config_key *k = &config_keys[i];
		const char *type = k->type == CFG_INT ? "int"
				   : k->type == CFG_STR ? "string"
				   : k->type == CFG_PATH ? "path"
				   : k->type == CFG_PROGRAM ? "program"
				   : k->type == CFG_ENUM ? k->choices
							  : "list";

		if (k->type == CFG_PLUGINS || k->type == CFG_SECTIONS)
			fprintf(out, "  %-32s %-22s %s\n", k->key, type, k->help);
		else
			fprintf(out, "  %-32s %-22s %s (default: %s)\n", k->key, type, k->help,
				*k->def ? k->def : "none");
	}
	fprintf(out, "  %-32s %-22s %s\n", "kafka.*", "string",
		"any librdkafka property, e.g. kafka.bootstrap.servers");
	fprintf(out, "  %-32s %-22s %s\n", "sources", "list",
		"file only: [{name, url, lang, category, weight, interval_s, include, exclude, "
		"mode, backend}]");
}
