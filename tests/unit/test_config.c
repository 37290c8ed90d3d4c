#include "unit.h"

#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "kafka.h"

static void defaults_are_set(void **state)
{
	struct config *cfg = config_new();
	char err[256];

	(void)state;
	assert_string_equal(cfg->topic_pages, "precis.pages");
	assert_int_equal(cfg->fetcher_max_redirects, 5);
	assert_int_equal(cfg->fetcher_schemes.n, 2);
	assert_int_equal(cfg->fetcher_allow_private.n, 0);
	assert_int_equal(config_validate(cfg, err, sizeof(err)), 0);
	config_free(cfg);
}

static void yaml_nested_keys_lists_and_sources(void **state)
{
	char *path = unit_write_tmp("log:\n  level: debug\n"
			       "fetcher:\n  max_redirects: 2\n  schemes: [http, file]\n"
			       "kafka:\n  bootstrap.servers: 10.0.0.1:9092\n  socket:\n    timeout.ms: 5000\n"
			       "sources:\n  - name: A\n    url: http://a.example/feed\n    weight: 4\n"
			       "  - {name: B, url: feeds/b.xml, lang: zh}\n");
	struct config *cfg = config_new();
	char err[256];

	(void)state;
	assert_int_equal(config_load_file(cfg, path, err, sizeof(err)), 0);
	assert_string_equal(cfg->log_level, "debug");
	assert_int_equal(cfg->fetcher_max_redirects, 2);
	assert_string_equal(cfg->fetcher_schemes.v[1], "file");
	assert_string_equal(config_kafka_get(cfg, "bootstrap.servers"), "10.0.0.1:9092");
	assert_string_equal(config_kafka_get(cfg, "socket.timeout.ms"), "5000");
	assert_int_equal(cfg->nsources, 2);
	assert_int_equal(cfg->sources[0].weight, 4);
	assert_string_equal(cfg->sources[1].lang, "zh");
	assert_int_equal(cfg->sources[1].weight, 1);
	assert_string_equal(cfg->dir, "/tmp");
	config_free(cfg);
	unlink(path);
	free(path);
}

static void load_refuses(size_t i, const char *yaml, const char *want);

static void unknown_key_names_file_and_line(void **state)
{
	char *path = unit_write_tmp("log:\n  level: info\nfetcher:\n  timeout_msec: 5\n");
	struct config *cfg = config_new();
	char err[512], want[600];

	(void)state;
	assert_int_equal(config_load_file(cfg, path, err, sizeof(err)), -1);
	snprintf(want, sizeof(want), "%s:4: unknown key 'fetcher.timeout_msec'", path);
	assert_non_null(strstr(err, want));
	config_free(cfg);
	unlink(path);
	free(path);
	/* A key a release renamed says what replaced it, from a file and from the environment. */
	load_refuses(0, "extractor:\n  min_chars: 200\n",
		"'extractor.min_chars' is no longer read: use extractor.min_words");
	cfg = config_new();
	assert_int_equal(config_set(cfg, "extractor.min_chars", "200", "PRECIS_EXTRACTOR_MIN_CHARS",
				 err, sizeof(err)), -1);
	assert_non_null(strstr(err, "PRECIS_EXTRACTOR_MIN_CHARS: 'extractor.min_chars' is no longer "
				    "read: use extractor.min_words"));
	config_free(cfg);
}

static void bad_values_are_rejected_with_their_origin(void **state)
{
	struct config *cfg = config_new();
	char err[512];

	(void)state;
	assert_int_equal(config_set(cfg, "fetcher.max_redirects", "-1", "flag --x", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "flag --x: fetcher.max_redirects: '-1' is not a whole number"));
	assert_int_equal(config_set(cfg, "log.level", "loud", "here", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "debug|info|warn|error"));
	assert_int_equal(config_set(cfg, "fetcher.schemes", "http,gopher", "here", err, sizeof(err)), -1);
	/* plugin lists are mappings in the file, never one value */
	assert_int_equal(config_set(cfg, "sinks", "file", "flag --sinks", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "flag --sinks: sinks can only be set in the configuration file"));
	config_free(cfg);
}

static void broken_yaml_names_the_line(void **state)
{
	char *path = unit_write_tmp("log:\n  level: [unclosed\n");
	struct config *cfg = config_new();
	char err[512];

	(void)state;
	assert_int_equal(config_load_file(cfg, path, err, sizeof(err)), -1);
	assert_non_null(strstr(err, path));
	config_free(cfg);
	unlink(path);
	free(path);
}

/* Loading yaml fails with an error holding want (case i of a table). */
static void load_refuses(size_t i, const char *yaml, const char *want)
{
	char *path = unit_write_tmp(yaml), err[512] = "";
	struct config *cfg = config_new();

	assert_int_equal(config_load_file(cfg, path, err, sizeof(err)), -1);
	if (!strstr(err, want))
		fail_msg("case %zu: '%s' lacks '%s'", i, err, want);
	config_free(cfg);
	unlink(path);
	free(path);
}

/* cfg passes config_validate(), or (want not NULL) fails it with an error holding want. */
static void validate_says(size_t i, const struct config *cfg, const char *want)
{
	char err[512] = "";
	int rc = config_validate(cfg, err, sizeof(err));

	if (!want && rc)
		fail_msg("case %zu: refused: %s", i, err);
	if (want && (!rc || !strstr(err, want)))
		fail_msg("case %zu: '%s' lacks '%s'", i, err, want);
}

/* What the file says twice, or in a shape no configuration has, is refused with its line. */
static void yaml_given_twice_or_misshapen_is_refused(void **state)
{
	static const struct {
		const char *yaml, *error;
	} cases[] = {
		/* the second list used to replace the first without a word */
		{ "sources:\n  - {name: A, url: http://a.example/f}\nlog: {level: info}\n"
		  "sources:\n  - {name: B, url: http://b.example/f}\n",
		  ":4: 'sources' is given twice (first at line 1)" },
		{ "fetcher:\n  timeout_ms: 100\n  timeout_ms: 200\n",
		  ":3: 'timeout_ms' is given twice (first at line 2)" },
		{ "fetcher.timeout_ms: 100\nfetcher:\n  timeout_ms: 200\n",
		  ":3: 'fetcher.timeout_ms' is given twice (first at line 1)" },
		{ "kafka:\n  bootstrap.servers: a:1\nkafka.bootstrap.servers: b:1\n",
		  ":3: 'kafka.bootstrap.servers' is given twice (first at line 2)" },
		{ "sources:\n  - {name: A, url: http://a.example/f, url: http://b.example/f}\n",
		  ":2: 'url' is given twice" },
		{ "sinks:\n  - {type: file, dir: /a, dir: /b}\n", ":2: 'dir' is given twice" },
		{ "log: {level: info}\n---\nlog: {level: debug}\n",
		  ":2: a second YAML document: the configuration is one" },
		{ "fetcher: {schemes: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[http]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}\n",
		  ":1: nested deeper than 32 levels" },
		/* an alias back to its own anchor nests forever */
		{ "fetcher: &f {timeout_ms: *f}\n", "nested deeper than 32 levels" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		load_refuses(i, cases[i].yaml, cases[i].error);
}

/* 50,000 levels of nesting took 14 s of libyaml's time before anything was refused. */
static void deep_yaml_is_refused_at_once(void **state)
{
	const size_t levels = 50000;
	char *yaml = malloc(2 * levels + 16), *path;
	struct config *cfg = config_new();
	struct timespec t0, t1;
	char err[512];
	double s;

	(void)state;
	memcpy(yaml, "fetcher: ", 9);
	memset(yaml + 9, '[', levels);
	memset(yaml + 9 + levels, ']', levels);
	memcpy(yaml + 9 + 2 * levels, "\n", 2);
	path = unit_write_tmp(yaml);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(config_load_file(cfg, path, err, sizeof(err)), -1);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	assert_non_null(strstr(err, ":1: nested deeper than 32 levels"));
	if (s > 2.0)
		fail_msg("refusing 50,000 levels took %.1f s", s);
	config_free(cfg);
	unlink(path);
	free(path);
	free(yaml);
}

static void environment_overrides_file_and_flags_override_environment(void **state)
{
	char *path = unit_write_tmp("redis:\n  timeout_ms: 100\n");
	char *env[] = { "PRECIS_REDIS_TIMEOUT_MS=200", "PRECIS_KAFKA_SASL_USERNAME=u",
		"HOME=/root", NULL };
	char *bad_env[] = { "PRECIS_NO_SUCH_THING=1", NULL };
	struct config *cfg = config_new();
	char err[256];

	(void)state;
	assert_int_equal(config_load_file(cfg, path, err, sizeof(err)), 0);
	assert_int_equal(cfg->redis_timeout_ms, 100);
	assert_int_equal(config_apply_env(cfg, env, err, sizeof(err)), 0);
	assert_int_equal(cfg->redis_timeout_ms, 200);
	assert_string_equal(config_kafka_get(cfg, "sasl.username"), "u");
	assert_int_equal(config_set(cfg, "redis.timeout_ms", "300", "flag", err, sizeof(err)), 0);
	assert_int_equal(cfg->redis_timeout_ms, 300);
	assert_int_equal(config_apply_env(cfg, bad_env, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "PRECIS_NO_SUCH_THING"));
	config_free(cfg);
	unlink(path);
	free(path);
}

static void kafka_properties_are_checked_by_librdkafka(void **state)
{
	struct config *cfg = config_new();
	char err[512];

	(void)state;
	assert_int_equal(config_set(cfg, "kafka.no.such.property", "1", "x.yml:3", err, sizeof(err)), 0);
	assert_int_equal(kafka_config_check(cfg, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "x.yml:3: kafka.no.such.property"));
	config_free(cfg);
}

/* Secrets come from the environment only, as the README says; a file or a flag is refused. */
static void kafka_secrets_only_from_the_environment(void **state)
{
	char *env[] = { "PRECIS_KAFKA_SASL_PASSWORD=hunter2", NULL };
	struct config *cfg = config_new();
	char err[512];

	(void)state;
	load_refuses(0, "kafka:\n  sasl.password: hunter2\n",
		":2: kafka.sasl.password is a secret: set it in the environment "
		"(PRECIS_KAFKA_SASL_PASSWORD)");
	load_refuses(1, "kafka.ssl.key.password: hunter2\n", "kafka.ssl.key.password is a secret");
	assert_int_equal(config_set(cfg, "kafka.sasl.password", "hunter2", "flag --kafka.sasl.password",
				 err, sizeof(err)), -1);
	assert_null(strstr(err, "hunter2"));
	assert_int_equal(config_set(cfg, "kafka.sasl.username", "u", "x.yml:2", err, sizeof(err)), 0);
	assert_int_equal(config_apply_env(cfg, env, err, sizeof(err)), 0);
	assert_string_equal(config_kafka_get(cfg, "sasl.password"), "hunter2");
	config_free(cfg);
}

/* A source's lang is compared by its first two letters: "chinese" never matched "zh". */
static void source_lang_is_a_language_tag(void **state)
{
	static const struct {
		const char *lang, *error; /* error NULL: valid */
	} cases[] = {
		{ "en", NULL }, { "zh-CN", NULL }, { "zh_Hant_TW", NULL }, { "yue", NULL },
		{ "chinese", "source 'A': lang 'chinese' is not a language tag" },
		{ "english", "is not a language tag" }, { "e", "is not a language tag" },
		{ "en us", "is not a language tag" }, { "zh-", "is not a language tag" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char yml[256], err[512];
		char *path;
		struct config *cfg = config_new();

		snprintf(yml, sizeof(yml), "sources:\n  - {name: A, url: \"http://a.example/f\", "
			"lang: \"%s\"}\n", cases[i].lang);
		path = unit_write_tmp(yml);
		assert_int_equal(config_load_file(cfg, path, err, sizeof(err)), 0);
		validate_says(i, cfg, cases[i].error);
		config_free(cfg);
		unlink(path);
		free(path);
	}
}

static void source_needs_name_and_url(void **state)
{
	char *path = unit_write_tmp("sources:\n  - name: A\n");
	struct config *cfg = config_new();
	char err[512];

	(void)state;
	assert_int_equal(config_load_file(cfg, path, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "needs both name and url"));
	config_free(cfg);
	unlink(path);
	free(path);
}

static void llm_sources_need_an_endpoint(void **state)
{
	char *path = unit_write_tmp("sources:\n  - {name: A, url: http://a.example/feed, backend: llm}\n");
	struct config *cfg = config_new();
	char err[512];

	(void)state;
	assert_int_equal(config_load_file(cfg, path, err, sizeof(err)), 0);
	assert_string_equal(cfg->sources[0].backend, "llm");
	/* a source on the llm backend needs an endpoint */
	assert_int_equal(config_validate(cfg, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "source 'A'"));
	assert_int_equal(config_set(cfg, "llm.base_url", "http://127.0.0.1:8080/v1", "test", err, sizeof(err)), 0);
	assert_int_equal(config_set(cfg, "llm.model", "m", "test", err, sizeof(err)), 0);
	assert_int_equal(config_validate(cfg, err, sizeof(err)), 0);
	assert_int_equal(config_set(cfg, "llm.temperature", "hot", "test", err, sizeof(err)), 0);
	assert_int_equal(config_validate(cfg, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "llm.temperature"));
	config_free(cfg);
	unlink(path);
	free(path);
}

/* What a stage could not use is refused before anything starts, whatever set it. */
static void validate_refuses_what_no_stage_could_use(void **state)
{
	static const struct {
		const char *key, *value, *error; /* error NULL: accepted */
	} cases[] = {
		{ "redis.url", "mysql://db.example/precis",
		  "redis.url 'mysql://db.example/precis' is not redis://HOST:PORT[/DB] or unix:PATH" },
		{ "redis.url", "redis://db.example:6379/2", NULL },
		{ "redis.url", "redis://db.example:99999", "is not redis://" },
		{ "redis.url", "redis://:hunter2@db.example:6379", "a user or password in the URL" },
		{ "redis.url", "unix:/tmp/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/r.sock",
		  "longer than the 107 bytes a Unix socket takes" },
		{ "redis.prefix", "precis:team-a:", NULL },
		{ "redis.prefix", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:",
		  "redis.prefix is 73 bytes; at most 64" },
		{ "redis.prefix", "my prefix:", "redis.prefix: no spaces or control characters" },
		{ "topics.pages", "pages/v1", "topics.pages: 'pages/v1' is not a Kafka topic name" },
		{ "topics.digests", "", "topics.digests: '' is not a Kafka topic name" },
		{ "pipeline.group_prefix", "", "pipeline.group_prefix must be 1 to 128 bytes" },
		{ "llm.base_url", "ftp://models.example/v1", "llm.base_url must be an http:// or https://" },
		{ "publisher.output_dir", "/srv/digests", NULL },
		{ "summarizer.lang", "zh-CN", NULL },
		{ "summarizer.lang", "chinese", "summarizer.lang: 'chinese' is not a language tag" },
		{ "summarizer.lang", "z", "is not a language tag" },
		{ "summarizer.lang", "en-", "is not a language tag" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct config *cfg = config_new();
		char err[512] = "";

		assert_int_equal(config_set(cfg, cases[i].key, cases[i].value, "test", err, sizeof(err)), 0);
		validate_says(i, cfg, cases[i].error);
		config_free(cfg);
	}
}

/* config check passed sources that every poll then failed to fetch. */
static void sources_are_urls_precis_fetches_or_files_it_may_read(void **state)
{
	static const struct {
		const char *schemes, *url, *error; /* error NULL: valid */
	} cases[] = {
		{ "http,https", "https://news.example/feed.xml", NULL },
		{ "http,https", "ftp://news.example/feed.xml",
		  "source 'S': ftp:// is not a scheme precis fetches" },
		{ "http,https", "news.example/feed.xml",
		  "source 'S': 'news.example/feed.xml' is not an http:// or https:// URL; a local feed "
		  "file needs file in fetcher.schemes" },
		{ "http,https", "file:///etc/hostname", "a local feed file needs file in fetcher.schemes" },
		{ "https", "http://news.example/feed.xml", "source 'S': http is not in fetcher.schemes" },
		{ "http,https", "http://", "source 'S': 'http://' is not a URL" },
		{ "http,https", "http://bad host/feed", "is not a URL" },
		{ "http,https,file", "feeds/local.xml", NULL },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char yml[512], err[512] = "", *path;
		struct config *cfg = config_new();

		snprintf(yml, sizeof(yml), "fetcher: {schemes: \"%s\"}\nsources:\n  - {name: S, url: \"%s\"}\n",
			cases[i].schemes, cases[i].url);
		path = unit_write_tmp(yml);
		assert_int_equal(config_load_file(cfg, path, err, sizeof(err)), 0);
		validate_says(i, cfg, cases[i].error);
		config_free(cfg);
		unlink(path);
		free(path);
	}
}

/* A local feed file is read relative to the config file, and config check says when it is not there. */
static void local_feed_files_must_exist(void **state)
{
	static const char *const gone[] = { "", "  - {name: Gone, url: no-such-dir/feed.xml}\n" };
	char *feed = unit_write_tmp("<rss version=\"2.0\"><channel></channel></rss>");

	(void)state;
	for (size_t i = 0; i < 2; i++) {
		char yml[512], err[512], *path;
		struct config *cfg = config_new();

		snprintf(yml, sizeof(yml), "fetcher: {schemes: [http, https, file]}\nsources:\n"
			 "  - {name: Here, url: \"%s\"}\n  - {name: Rel, url: \"%s\"}\n%s", feed,
			strrchr(feed, '/') + 1, gone[i]);
		path = unit_write_tmp(yml);
		assert_int_equal(config_load_file(cfg, path, err, sizeof(err)), 0);
		assert_int_equal(config_validate(cfg, err, sizeof(err)), 0);
		assert_int_equal(config_check_files(cfg, err, sizeof(err)), i ? -1 : 0);
		if (i)
			assert_non_null(strstr(err, "source 'Gone': cannot read the feed file "
						    "/tmp/no-such-dir/feed.xml: No such file or directory"));
		config_free(cfg);
		unlink(path);
		free(path);
	}
	unlink(feed);
	free(feed);
}

/* Plugin lists are kept as generic sections: type, name, origin line, options. */
static void plugin_sections_are_kept_as_given(void **state)
{
	char *path = unit_write_tmp("sinks:\n"
			       "  - {type: file}\n"
			       "  - type: email\n    name: team\n    to: [a@example.com, b@example.com]\n"
			       "    from: d@example.com\n");
	struct config *cfg = config_new();
	const struct config_section *team;
	char err[512];

	(void)state;
	assert_int_equal(config_load_file(cfg, path, err, sizeof(err)), 0);
	assert_int_equal(cfg->sinks.n, 2);
	assert_string_equal(cfg->sinks.v[0].type, "file");
	assert_string_equal(cfg->sinks.v[0].name, "file"); /* the type when not named */
	assert_int_equal(cfg->sinks.v[0].nopts, 0);
	team = &cfg->sinks.v[1];
	assert_string_equal(team->name, "team");
	assert_non_null(strstr(team->origin, ":3"));
	assert_int_equal(team->nopts, 2);
	assert_string_equal(team->opts[0].key, "to");
	assert_true(team->opts[0].is_list);
	assert_int_equal(team->opts[0].values.n, 2);
	assert_string_equal(team->opts[0].values.v[1], "b@example.com");
	assert_non_null(strstr(team->opts[1].origin, ":6"));
	config_free(cfg);
	unlink(path);
	free(path);
}

static void plugin_sections_reject_what_no_plugin_could_read(void **state)
{
	static const struct {
		const char *yaml, *error;
	} cases[] = {
		{ "sinks: {type: file}\n", ":1: sinks must be a list" },
		{ "sinks:\n  - file\n", ":2: each sink must be a mapping with a type" },
		{ "sinks:\n  - {dir: /tmp}\n", ":2: a sink needs a type" },
		{ "sinks:\n  - {type: [file, kafka]}\n", ":2: type takes one value, not a list" },
		{ "sinks:\n  - {type: file}\n  - {type: file}\n",
		  ":3: two sinks are named 'file'; give one a name" },
		{ "sinks:\n  - {type: file, dir: {a: b}}\n",
		  ":2: sink options are values or lists of values" },
		{ "sinks:\n  - {type: email, to: [[a]]}\n", ":2: list items must be plain values" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		load_refuses(i, cases[i].yaml, cases[i].error);
}

/* A plugin's options through its own table: what is set, what is refused, with the line. */
struct plugin_ctx {
	char *url;
	char *format;
	char *secret_env;
	struct strlist to;
};

static const struct config_map plugin_map[] = {
	{ "url", CONFIG_MAP_STR, 1, NULL, offsetof(struct plugin_ctx, url), "where" },
	{ "format", CONFIG_MAP_STR, 0, "plain", offsetof(struct plugin_ctx, format), "how" },
	{ "secret_env", CONFIG_MAP_ENV, 0, NULL, offsetof(struct plugin_ctx, secret_env), "key" },
	{ "to", CONFIG_MAP_LIST, 0, NULL, offsetof(struct plugin_ctx, to), "whom" },
	{ NULL, 0, 0, NULL, 0, NULL },
};

static void config_map_applies_a_plugins_table(void **state)
{
	static const struct {
		const char *yaml, *error;
	} cases[] = {
		{ "sinks:\n  - {type: t, url: u, to: one}\n", NULL },
		{ "sinks:\n  - {type: t, url: u, colour: red}\n", ":2: sink t: unknown option 'colour'" },
		{ "sinks:\n  - {type: t}\n", ":2: sink t needs 'url' (where)" },
		{ "sinks:\n  - {type: t, url: \"\"}\n", ":2: sink t needs 'url' (where)" },
		{ "sinks:\n  - {type: t, url: [a, b]}\n", ":2: sink t: url takes one value, not a list" },
		{ "sinks:\n  - {type: t, url: u, secret_env: PRECIS_TEST_UNSET_VARIABLE}\n",
		  ":2: sink t: environment variable PRECIS_TEST_UNSET_VARIABLE is not set" },
	};

	(void)state;
	unsetenv("PRECIS_TEST_UNSET_VARIABLE");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *path = unit_write_tmp(cases[i].yaml), err[512] = "";
		struct config *cfg = config_new();
		struct plugin_ctx ctx = { 0 };
		int rc;

		assert_int_equal(config_load_file(cfg, path, err, sizeof(err)), 0);
		rc = config_map_apply(plugin_map, &cfg->sinks.v[0], "sink t", &ctx, err, sizeof(err));
		if (!cases[i].error) {
			assert_int_equal(rc, 0);
			assert_string_equal(ctx.url, "u");
			assert_string_equal(ctx.format, "plain"); /* the default */
			assert_null(ctx.secret_env);
			assert_int_equal(ctx.to.n, 1); /* one value is a list of one */
		} else {
			assert_int_equal(rc, -1);
			if (!strstr(err, cases[i].error))
				fail_msg("case %zu: '%s' lacks '%s'", i, err, cases[i].error);
		}
		config_map_release(plugin_map, &ctx);
		assert_null(ctx.url);
		config_free(cfg);
		unlink(path);
		free(path);
	}
}

/* A file of the given text at dir/name; dir/name stays with the caller. */
static void write_at(const char *dir, const char *name, const char *text)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	fclose(f);
}

/* A new folder under /tmp, by its real path; the caller removes it. */
static char *temp_dir(void)
{
	char tmpl[] = "/tmp/precis-unit-dir-XXXXXX", *real;

	assert_non_null(mkdtemp(tmpl));
	real = realpath(tmpl, NULL);
	assert_non_null(real);
	return real;
}

static void remove_dir(char *dir)
{
	char cmd[4200];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(dir);
}

/* The configuration in the file dir/name, written with text; the test fails if it does not load. */
static struct config *load_at(const char *dir, const char *name, const char *text)
{
	char path[4200], err[1024];
	struct config *cfg = config_new();

	write_at(dir, name, text);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (config_load_file(cfg, path, err, sizeof(err)))
		fail_msg("%s", err);
	return cfg;
}

static const struct config_map path_map[] = {
	{ "path", CONFIG_MAP_PATH, 0, NULL, offsetof(struct plugin_ctx, url), "a file" },
	{ NULL, 0, 0, NULL, 0, NULL },
};

/*
 * Every path a configuration file gives is relative to that file's folder,
 * whatever the current one; the environment and flags are relative to the
 * current folder, as on any command line.
 */
static void paths_in_a_file_are_relative_to_it(void **state)
{
	char *dir = temp_dir(), want[4400], err[512];
	char *env[] = { "PRECIS_PUBLISHER_OUTPUT_DIR=env-out", NULL };
	struct plugin_ctx ctx = { 0 };
	struct config *cfg;

	(void)state;
	cfg = load_at(dir, "precis.yml",
		"publisher: {output_dir: out}\n"
		"run: {data_dir: ../data, redis_server: bin/redis-server}\n"
		"llm: {prompt_file: prompts/summary.yml}\n"
		"redis: {url: \"unix:run/redis.sock\"}\n"
		"kafka: {ssl.ca.location: certs/ca.pem, ssl.key.location: /abs/key.pem,\n"
		"        ssl.certificate.location: cert.pem, client.id: my-id}\n"
		"sinks:\n  - {type: t, path: editions}\n");
#define ASSERT_UNDER_DIR(got, rel) \
	snprintf(want, sizeof(want), "%s/%s", dir, rel), assert_string_equal(got, want)
	ASSERT_UNDER_DIR(cfg->publisher_output_dir, "out");
	ASSERT_UNDER_DIR(cfg->run_data_dir, "../data");
	ASSERT_UNDER_DIR(cfg->run_redis_server, "bin/redis-server");
	ASSERT_UNDER_DIR(cfg->llm_prompt_file, "prompts/summary.yml");
	ASSERT_UNDER_DIR(config_kafka_get(cfg, "ssl.ca.location"), "certs/ca.pem");
	ASSERT_UNDER_DIR(config_kafka_get(cfg, "ssl.certificate.location"), "cert.pem");
	snprintf(want, sizeof(want), "unix:%s/run/redis.sock", dir);
	assert_string_equal(cfg->redis_url, want);
	assert_int_equal(config_map_apply(path_map, &cfg->sinks.v[0], "sink t", &ctx, err,
				 sizeof(err)), 0);
	ASSERT_UNDER_DIR(ctx.url, "editions");
	config_map_release(path_map, &ctx);
#undef ASSERT_UNDER_DIR
	/* What is absolute, a program on the PATH, or no path at all stays as it is. */
	assert_string_equal(config_kafka_get(cfg, "ssl.key.location"), "/abs/key.pem");
	assert_string_equal(config_kafka_get(cfg, "client.id"), "my-id");
	/* The environment and flags are read from the current folder. */
	assert_int_equal(config_apply_env(cfg, env, err, sizeof(err)), 0);
	assert_string_equal(cfg->publisher_output_dir, "env-out");
	assert_int_equal(config_set(cfg, "llm.prompt_file", "flag.yml", "flag", err, sizeof(err)), 0);
	assert_string_equal(cfg->llm_prompt_file, "flag.yml");
	config_free(cfg);

	cfg = load_at(dir, "plain.yml", "run: {redis_server: redis-server, data_dir: /var/lib/precis}\n"
					"publisher: {output_dir: \"\"}\nkafka: {ssl.ca.location: probe}\n"
					"redis: {url: \"unix:/run/redis.sock\"}\n");
	assert_string_equal(cfg->run_redis_server, "redis-server");
	assert_string_equal(cfg->run_data_dir, "/var/lib/precis");
	assert_string_equal(cfg->publisher_output_dir, "");
	assert_string_equal(config_kafka_get(cfg, "ssl.ca.location"), "probe");
	assert_string_equal(cfg->redis_url, "unix:/run/redis.sock");
	config_free(cfg);
	remove_dir(dir);
}

static void sources_from_an_opml_file(void **state)
{
	char *opml = unit_write_tmp("<?xml version=\"1.0\"?><opml version=\"2.0\"><head><title>subs</title></head><body>"
			       "<outline text=\"AI\"><outline text=\"One\" type=\"rss\" xmlUrl=\"https://one.example/feed\"/>"
			       "<outline title=\"Two\" text=\"t\" xmlUrl=\"https://two.example/rss\"/></outline>"
			       "<outline text=\"One\" xmlUrl=\"https://one.example/other\"/></body></opml>");
	char yml[512], *path;
	struct config *cfg = config_new();
	char err[512];

	(void)state;
	snprintf(yml, sizeof(yml), "sources:\n  - {opml: %s, lang: en, weight: 2, category: AI}\n"
		 "  - {name: Own, url: https://own.example/feed}\n", opml);
	path = unit_write_tmp(yml);
	assert_int_equal(config_load_file(cfg, path, err, sizeof(err)), 0);
	assert_int_equal(cfg->nsources, 4);
	assert_string_equal(cfg->sources[0].name, "One");
	assert_string_equal(cfg->sources[0].url, "https://one.example/feed");
	assert_int_equal(cfg->sources[0].weight, 2);
	assert_string_equal(cfg->sources[1].name, "Two");
	assert_string_equal(cfg->sources[1].category, "AI");
	assert_string_equal(cfg->sources[2].name, "One (2)");
	assert_string_equal(cfg->sources[3].name, "Own");
	config_free(cfg);
	unlink(path);
	free(path);
	cfg = config_new();
	path = unit_write_tmp("sources:\n  - {opml: /nonexistent/subs.opml}\n");
	assert_int_equal(config_load_file(cfg, path, err, sizeof(err)), -1);
	/* the path as given, not "//nonexistent/subs.opml" */
	assert_non_null(strstr(err, "cannot read the OPML file /nonexistent/subs.opml"));
	config_free(cfg);
	unlink(path);
	free(path);
	unlink(opml);
	free(opml);
}

/*
 * An outline's title is the source's name whole, however long: cut at a
 * byte count, a Chinese title became invalid UTF-8, and every page of the
 * source then failed its message check.
 */
static void opml_titles_are_names_whole(void **state)
{
	char title[400], xml[1200], yml[512], err[512], *opml, *path;
	struct config *cfg = config_new();

	(void)state;
	title[0] = 'a';
	for (size_t i = 0; i < 100; i++)
		memcpy(title + 1 + 3 * i, "\xe6\x96\xb0", 3); /* 新 */
	title[301] = '\0';
	snprintf(xml, sizeof(xml), "<?xml version=\"1.0\"?><opml version=\"2.0\"><body>"
		 "<outline text=\"%s\" xmlUrl=\"https://one.example/feed\"/>"
		 "<outline text=\"%s\" xmlUrl=\"https://two.example/feed\"/></body></opml>",
		title, title);
	opml = unit_write_tmp(xml);
	snprintf(yml, sizeof(yml), "sources:\n  - {opml: %s}\n", opml);
	path = unit_write_tmp(yml);
	assert_int_equal(config_load_file(cfg, path, err, sizeof(err)), 0);
	assert_int_equal(cfg->nsources, 2);
	assert_string_equal(cfg->sources[0].name, title);
	assert_int_equal(strncmp(cfg->sources[1].name, title, strlen(title)), 0);
	assert_string_equal(cfg->sources[1].name + strlen(title), " (2)");
	config_free(cfg);
	unlink(path);
	free(path);
	unlink(opml);
	free(opml);
}

/*
 * An OPML file's relative xmlUrl is a feed file beside it; a feed listed
 * twice (in two folders of a reader's export) is read once, with a warning;
 * two sources of one feed that differ in more than their names are both
 * kept (a feed split by rules), with a warning that each polls it.
 */
static void opml_paths_and_feeds_listed_twice(void **state)
{
	char *dir = temp_dir(), path[4200], want[4400], err[1024];
	struct config *cfg;

	(void)state;
	assert_int_equal(mkdir(strcat(strcpy(path, dir), "/lists"), 0700), 0);
	write_at(dir, "lists/subs.opml",
		"<?xml version=\"1.0\"?><opml version=\"2.0\"><body>"
		"<outline text=\"AI\"><outline text=\"One\" xmlUrl=\"https://one.example/feed\"/>"
		"<outline text=\"Local\" xmlUrl=\"feeds/local.xml\"/></outline>"
		"<outline text=\"Tech\"><outline text=\"One again\" xmlUrl=\"HTTPS://ONE.example/feed\"/>"
		"</outline></body></opml>");
	cfg = load_at(dir, "precis.yml", "fetcher: {schemes: [http, https, file]}\n"
					 "sources:\n  - {opml: lists/subs.opml, lang: en}\n"
					 "  - {name: Own, url: https://own.example/feed, lang: en}\n"
					 "  - {name: Own copy, url: https://own.example/feed, lang: en}\n");
	assert_int_equal(cfg->nsources, 3);
	assert_string_equal(cfg->sources[0].name, "One");
	assert_string_equal(cfg->sources[1].name, "Local");
	snprintf(want, sizeof(want), "%s/lists/feeds/local.xml", dir);
	assert_string_equal(cfg->sources[1].url, want);
	assert_string_equal(cfg->sources[2].name, "Own");
	assert_int_equal(cfg->sources_dropped, 2);
	assert_int_equal(cfg->warnings.n, 2);
	assert_non_null(strstr(cfg->warnings.v[0], "source 'One again' reads the same feed as 'One' "
						   "(https://one.example/feed): left out, so the feed is "
						   "polled once"));
	assert_non_null(strstr(cfg->warnings.v[1], "source 'Own copy' reads the same feed as 'Own'"));
	assert_int_equal(config_validate(cfg, err, sizeof(err)), 0);
	config_free(cfg);

	/* The same feed with other settings is another source, and said to be one. */
	cfg = load_at(dir, "split.yml", "sources:\n  - {opml: lists/subs.opml, lang: en}\n"
					"  - {name: Chinese One, url: \"https://one.example/feed#zh\", "
					"lang: zh,\n     include: 芯片}\n");
	assert_int_equal(cfg->nsources, 3);
	assert_string_equal(cfg->sources[2].name, "Chinese One");
	assert_int_equal(cfg->sources_dropped, 1);
	assert_int_equal(cfg->warnings.n, 2);
	if (!strstr(cfg->warnings.v[1], "split.yml:3: sources 'One' and 'Chinese One' read the same "
					"feed (https://one.example/feed) with different settings "
					"(lang, include): each polls it"))
		fail_msg("%s", cfg->warnings.v[1]);
	config_free(cfg);
	remove_dir(dir);
}

/* An error in the sources list names the line of the entry at fault, not of the list. */
static void source_errors_name_their_entry(void **state)
{
	(void)state;
	load_refuses(0, "sources:\n  - {name: a, url: \"http://a/feed\"}\n"
			"  - {name: b, url: \"http://b/feed\"}\n  - {name: a, url: \"http://c/feed\"}\n",
		":4: two sources are named 'a'");
	load_refuses(1, "sources:\n  - {name: a, url: \"http://a/feed\"}\n\n  - {opml: /nonexistent.opml}\n",
		":4: cannot read the OPML file /nonexistent.opml");
	load_refuses(2, "sources:\n  - {opml: subs.opml, name: Mine}\n",
		":2: an opml entry takes no name: each of its feeds is named by its outline's title");
}

/* Text from the environment or a flag is UTF-8 (a path may be any bytes). */
static void text_values_are_utf8(void **state)
{
	struct config *cfg = config_new();
	char err[512];

	(void)state;
	assert_int_equal(config_set(cfg, "publisher.title", "Caf\xe9 news", "PRECIS_PUBLISHER_TITLE",
				 err, sizeof(err)), -1);
	assert_string_equal(err, "PRECIS_PUBLISHER_TITLE: publisher.title: the value is not UTF-8 text");
	assert_int_equal(config_set(cfg, "publisher.title", "Caf\xc3\xa9 news", "flag", err,
				 sizeof(err)), 0);
	assert_int_equal(config_set(cfg, "publisher.output_dir", "/srv/caf\xe9", "flag", err,
				 sizeof(err)), 0);
	config_free(cfg);
}

/* A librdkafka key written as a YAML list is a known key with the wrong shape. */
static void kafka_keys_take_one_value(void **state)
{
	(void)state;
	load_refuses(0, "kafka:\n  bootstrap.servers: [b1:9092, b2:9092]\n",
		":2: kafka.bootstrap.servers takes one value, not a list (for several: \"a,b\")");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(defaults_are_set),
		cmocka_unit_test(yaml_nested_keys_lists_and_sources),
		cmocka_unit_test(unknown_key_names_file_and_line),
		cmocka_unit_test(bad_values_are_rejected_with_their_origin),
		cmocka_unit_test(broken_yaml_names_the_line),
		cmocka_unit_test(yaml_given_twice_or_misshapen_is_refused),
		cmocka_unit_test(deep_yaml_is_refused_at_once),
		cmocka_unit_test(environment_overrides_file_and_flags_override_environment),
		cmocka_unit_test(kafka_properties_are_checked_by_librdkafka),
		cmocka_unit_test(kafka_secrets_only_from_the_environment),
		cmocka_unit_test(source_lang_is_a_language_tag),
		cmocka_unit_test(source_needs_name_and_url),
		cmocka_unit_test(llm_sources_need_an_endpoint),
		cmocka_unit_test(validate_refuses_what_no_stage_could_use),
		cmocka_unit_test(sources_are_urls_precis_fetches_or_files_it_may_read),
		cmocka_unit_test(local_feed_files_must_exist),
		cmocka_unit_test(plugin_sections_are_kept_as_given),
		cmocka_unit_test(plugin_sections_reject_what_no_plugin_could_read),
		cmocka_unit_test(config_map_applies_a_plugins_table),
		cmocka_unit_test(paths_in_a_file_are_relative_to_it),
		cmocka_unit_test(sources_from_an_opml_file),
		cmocka_unit_test(opml_titles_are_names_whole),
		cmocka_unit_test(source_errors_name_their_entry),
		cmocka_unit_test(kafka_keys_take_one_value),
		cmocka_unit_test(text_values_are_utf8),
		cmocka_unit_test(opml_paths_and_feeds_listed_twice),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
