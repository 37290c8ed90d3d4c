#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "redis.h"
#include "url.h"
#include "common.h"
#include "config_impl.h"

/*
 * Checks of a whole configuration, after the file, the environment and the
 * flags: what a stage would only find out later, or never (a feed it cannot
 * fetch, a Redis URL it cannot use, a name cut short in a key or a path),
 * is an error before anything starts.
 */

/* Every Redis key starts with the prefix; a long one only wastes memory and hides bugs. */
#define PREFIX_MAX 64
/* Group names are PREFIX-summarizer and so on, in 256-byte buffers. */
#define GROUP_PREFIX_MAX 128
/* Kafka's own limit on a topic name. */
#define TOPIC_MAX 249
/* A sink's name is a field of its edition's state in Redis ("sink:NAME") and a log prefix. */
#define SINK_NAME_MAX 64
/* The model's URL gets /chat/completions and lives in a 2 KiB buffer. */
#define LLM_URL_MAX 1024
/* Editions go to DIR/YYYY/MM/precis-EDITION.html in 4 KiB path buffers. */
#define OUTPUT_DIR_MAX 3072

static int has_scheme(const struct strlist *schemes, const char *scheme, size_t n)
{
	for (size_t i = 0; i < schemes->n; i++)
		if (strlen(schemes->v[i]) == n && !strncasecmp(schemes->v[i], scheme, n))
			return 1;
	return 0;
}

char *config_source_file(const struct config *cfg, const char *url)
{
	if (!strncasecmp(url, "file://", 7))
		return xstrdup(url + 7);
	if (strstr(url, "://"))
		return NULL;
	return config_path_in(cfg->dir, url);
}

/*
 * A source's url is http(s), or a local file where fetcher.schemes has
 * file; anything else (ftp://, a word, a host without a scheme) would only
 * fail at every poll.
 */
static int check_source_url(const struct config *cfg, const struct source *s, char *errstr,
	size_t errsize)
{
	const char *sep = strstr(s->url, "://");
	size_t n = sep ? (size_t)(sep - s->url) : 0;
	char *origin;

	if (!sep || (n == 4 && !strncasecmp(s->url, "file", 4))) {
		if (has_scheme(&cfg->fetcher_schemes, "file", 4))
			return 0;
		config_errf(errstr, errsize, "source '%s': '%s' is not an http:// or https:// URL; "
			"a local feed file needs file in fetcher.schemes", s->name, s->url);
		return -1;
	}
	if (!((n == 4 && !strncasecmp(s->url, "http", 4)) ||
		    (n == 5 && !strncasecmp(s->url, "https", 5)))) {
		config_errf(errstr, errsize, "source '%s': %.*s:// is not a scheme precis fetches "
			"(http, https, or a local file)", s->name, (int)(n > 20 ? 20 : n), s->url);
		return -1;
	}
	if (!has_scheme(&cfg->fetcher_schemes, s->url, n)) {
		config_errf(errstr, errsize, "source '%s': %.*s is not in fetcher.schemes", s->name,
			(int)n, s->url);
		return -1;
	}
	origin = url_origin(s->url);
	free(origin);
	if (!origin) {
		config_errf(errstr, errsize, "source '%s': '%s' is not a URL", s->name, s->url);
		return -1;
	}
	return 0;
}

/*
 * A language tag as sources and stages compare them: an ISO 639 code of
 * two or three letters ("en", "zh"), then subtags ("zh-CN", "zh_Hant"). A
 * name ("english", "chinese") is no tag: the extractor compares the first
 * two letters, so "chinese" would silently never match "zh".
 */
static int lang_tag_ok(const char *tag)
{
	const char *p = tag;
	size_t n;

	for (n = 0; isalpha((unsigned char)p[n]); n++)
		;
	if (n < 2 || n > 3 || strlen(tag) > 12)
		return 0;
	for (p += n; *p; p += n) {
		if (*p != '-' && *p != '_')
			return 0;
		for (p++, n = 0; isalnum((unsigned char)p[n]); n++)
			;
		if (!n || n > 8)
			return 0;
	}
	return 1;
}

static int check_sources(const struct config *cfg, char *errstr, size_t errsize)
{
	for (size_t i = 0; i < cfg->nsources; i++) {
		const char *lang = cfg->sources[i].lang;

		if (*lang && !lang_tag_ok(lang)) {
			config_errf(errstr, errsize, "source '%s': lang '%.40s' is not a language tag "
				"(en, zh, zh-CN, ...)", cfg->sources[i].name, lang);
			return -1;
		}
		if (check_source_url(cfg, &cfg->sources[i], errstr, errsize))
			return -1;
	}
	return 0;
}

static int check_redis(const struct config *cfg, char *errstr, size_t errsize)
{
	const char *p = cfg->redis_prefix;

	if (!*cfg->redis_url) {
		config_errf(errstr, errsize, "redis.url is empty");
		return -1;
	}
	if (redis_url_check(cfg->redis_url, errstr, errsize))
		return -1;
	if (*cfg->redis_password_env && (!getenv(cfg->redis_password_env) ||
						 !*getenv(cfg->redis_password_env))) {
		config_errf(errstr, errsize, "redis.password_env: environment variable %s is %s",
			cfg->redis_password_env, getenv(cfg->redis_password_env) ? "empty" : "not set");
		return -1;
	}
	if (*cfg->redis_username && !*cfg->redis_password_env) {
		config_errf(errstr, errsize, "redis.username is set but redis.password_env is not: "
			"a user logs in with a password");
		return -1;
	}
	if (strlen(p) > PREFIX_MAX) {
		config_errf(errstr, errsize, "redis.prefix is %zu bytes; at most %d", strlen(p),
			PREFIX_MAX);
		return -1;
	}
	for (; *p; p++) {
		if ((unsigned char)*p <= ' ' || *p == 0x7f) {
			config_errf(errstr, errsize, "redis.prefix: no spaces or control characters");
			return -1;
		}
	}
	return 0;
}

/* Kafka refuses other topic names, but only once a stage is up and asks. */
static int check_kafka_names(const struct config *cfg, char *errstr, size_t errsize)
{
	const struct {
		const char *key, *value;
	} topics[] = {
		{ "topics.pages", cfg->topic_pages },
		{ "topics.articles", cfg->topic_articles },
		{ "topics.summaries", cfg->topic_summaries },
		{ "topics.digests", cfg->topic_digests },
		{ "topics.deadletter", cfg->topic_deadletter },
	};

	for (size_t i = 0; i < ARRAY_SIZE(topics); i++) {
		size_t n = strlen(topics[i].value);

		if (!n || n > TOPIC_MAX || strspn(topics[i].value, "abcdefghijklmnopqrstuvwxyz"
			"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") != n ||
			!strcmp(topics[i].value, ".") || !strcmp(topics[i].value, "..")) {
			config_errf(errstr, errsize, "%s: '%.300s' is not a Kafka topic name (1 to %d of "
				"a-z A-Z 0-9 . _ -)", topics[i].key, topics[i].value, TOPIC_MAX);
			return -1;
		}
	}
	if (!*cfg->group_prefix || strlen(cfg->group_prefix) > GROUP_PREFIX_MAX) {
		config_errf(errstr, errsize, "pipeline.group_prefix must be 1 to %d bytes",
			GROUP_PREFIX_MAX);
		return -1;
	}
	return 0;
}

static int check_llm(const struct config *cfg, char *errstr, size_t errsize)
{
	const char *source = NULL;
	int llm = !strcmp(cfg->summarizer_backend, "llm");
	char *end;
	double t = strtod(cfg->llm_temperature, &end);

	if (end == cfg->llm_temperature || *end || t < 0 || t > 2) {
		config_errf(errstr, errsize, "llm.temperature: '%s' is not a number from 0 to 2",
			cfg->llm_temperature);
		return -1;
	}
	for (size_t i = 0; !llm && i < cfg->nsources; i++)
		if (!strcmp(cfg->sources[i].backend, "llm"))
			source = cfg->sources[i].name, llm = 1;
	if (llm && (!*cfg->llm_base_url || !*cfg->llm_model)) {
		config_errf(errstr, errsize, "%s%s%s uses the llm backend: set llm.base_url and llm.model",
			source ? "source '" : "summarizer.backend", source ? source : "",
			source ? "'" : "");
		return -1;
	}
	if (*cfg->llm_base_url && ((strncasecmp(cfg->llm_base_url, "http://", 7) &&
					   strncasecmp(cfg->llm_base_url, "https://", 8)) ||
					  strlen(cfg->llm_base_url) > LLM_URL_MAX)) {
		config_errf(errstr, errsize, "llm.base_url must be an http:// or https:// URL of at "
			"most %d bytes", LLM_URL_MAX);
		return -1;
	}
	if (*cfg->summarizer_lang && !lang_tag_ok(cfg->summarizer_lang)) {
		config_errf(errstr, errsize, "summarizer.lang: '%.40s' is not a language tag "
			"(en, zh, zh-CN, ...)", cfg->summarizer_lang);
		return -1;
	}
	return 0;
}

static int check_publisher(const struct config *cfg, char *errstr, size_t errsize)
{
	if (strlen(cfg->publisher_output_dir) > OUTPUT_DIR_MAX) {
		config_errf(errstr, errsize, "publisher.output_dir is longer than %d bytes",
			OUTPUT_DIR_MAX);
		return -1;
	}
	for (size_t i = 0; i < cfg->sinks.n; i++) {
		if (strlen(cfg->sinks.v[i].name) > SINK_NAME_MAX) {
			config_errf(errstr, errsize, "%s: a sink's name is at most %d bytes",
				cfg->sinks.v[i].origin, SINK_NAME_MAX);
			return -1;
		}
	}
	return 0;
}

int config_validate(const struct config *cfg, char *errstr, size_t errsize)
{
	static int (*const checks[])(const struct config *, char *, size_t) = { check_sources,
		check_redis, check_kafka_names, check_llm, check_publisher };

	for (size_t i = 0; i < ARRAY_SIZE(checks); i++)
		if (checks[i](cfg, errstr, errsize))
			return -1;
	return 0;
}

int config_check_files(const struct config *cfg, char *errstr, size_t errsize)
{
	for (size_t i = 0; i < cfg->nsources; i++) {
		char *path = config_source_file(cfg, cfg->sources[i].url);
		struct stat st;
		int bad = 0;

		if (path && (stat(path, &st) || access(path, R_OK))) {
			config_errf(errstr, errsize, "source '%s': cannot read the feed file %s: %s%s",
				cfg->sources[i].name, path, strerror(errno),
				strstr(cfg->sources[i].url, "://") ? "" : " (a URL starts with https://)");
			bad = 1;
		} else if (path && !S_ISREG(st.st_mode)) {
			config_errf(errstr, errsize, "source '%s': the feed file %s is not a file",
				cfg->sources[i].name, path);
			bad = 1;
		}
		free(path);
		if (bad)
			return -1;
	}
	return 0;
}
