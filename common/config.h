#ifndef PRECIS_CONFIG_H
#define PRECIS_CONFIG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * The configuration of every precis process. One table in config.c names
 * each key with its type, default and description; that table drives the
 * YAML loader, the PRECIS_* environment overrides, the --KEY=VALUE flags,
 * validation and --help. Precedence: defaults < file < environment < flags.
 *
 * A relative path in the file (a key of type path, a local feed, an OPML
 * file, a sink's path option, librdkafka's *.location files, unix:PATH in
 * redis.url) is relative to the file's folder, and is stored resolved; one
 * given in the environment, a flag or a default is relative to the current
 * folder, as on any command line.
 *
 * Keys under kafka.* are handed to librdkafka unchanged, like kcat's -X.
 * The struct is public because every service reads its fields; it owns all
 * of its strings.
 */

struct strlist {
	char **v;
	size_t n;
};

struct source {
	char *name;
	char *url;
	char *lang;
	char *category;
	int64_t weight;
	char *backend; /* summarizer backend for this source; "" for summarizer.backend */
	int64_t interval_s; /* time between polls; 0 for fetcher.poll_interval_s */
	char *include; /* extended regex an entry's title or summary must match; "" for any */
	char *exclude; /* extended regex that drops an entry; "" for none */
	char *mode; /* "page": fetch each article page; "feed": the feed's content is the article */
};

struct config_kv {
	char *key;
	char *value;
	char *origin; /* "file.yml:12", "environment PRECIS_KAFKA_...", "flag --..." */
};

/* An option of a section: a plain value, or a list of plain values. */
struct config_opt {
	char *key;
	struct strlist values; /* a plain value is a list of one */
	int is_list; /* given as a list */
	char *origin;
};

/*
 * One entry of a list of plugins or rules in the file, kept as given
 * (fluent-bit's [OUTPUT] sections): config knows no plugin's options; each
 * plugin reads its section through its own table, config_map_apply().
 */
struct config_section {
	char *type; /* in a list of plugins, the kind; NULL elsewhere */
	char *name; /* in a list of plugins, unique in it; the type when not given */
	char *origin; /* "file.yml:12" */
	struct config_opt *opts; /* every key but type and name */
	size_t nopts;
	char *dir; /* folder of that file, for CONFIG_MAP_PATH options; NULL: the current one */
};

struct config_sections {
	struct config_section *v;
	size_t n;
};

/*
 * A row of a plugin's option table. A value given empty counts as not given.
 *   CONFIG_MAP_STR   one value, into a char *
 *   CONFIG_MAP_LIST  a value or a list of values, into a struct strlist
 *   CONFIG_MAP_ENV   the name of an environment variable, into a char *;
 *                    the variable must be set (secrets never go in files)
 *   CONFIG_MAP_PATH  a file or folder, into a char *; a relative one is
 *                    relative to the configuration file's folder
 */
enum config_map_type { CONFIG_MAP_STR, CONFIG_MAP_LIST, CONFIG_MAP_ENV, CONFIG_MAP_PATH };

struct config_map {
	const char *key; /* NULL ends the table */
	enum config_map_type type;
	int required;
	const char *def; /* STR: the value when not given; NULL for none */
	size_t offset; /* of the field in the plugin's context */
	const char *help;
};

struct config {
	char *log_level;
	char *log_format;
	char *http_listen;

	char *redis_url;
	int64_t redis_timeout_ms;
	char *redis_prefix;
	char *redis_username; /* "": the default user */
	char *redis_password_env; /* the variable holding the password; "": no AUTH */

	char *topic_pages;
	char *topic_articles;
	char *topic_summaries;
	char *topic_digests;
	char *topic_deadletter;
	int64_t topic_partitions;
	int64_t topic_replication;
	char *group_prefix;
	int64_t kafka_flush_timeout_ms;
	int64_t kafka_connect_timeout_ms;
	int64_t shutdown_timeout_ms;

	char *fetcher_user_agent;
	int64_t fetcher_timeout_ms;
	int64_t fetcher_connect_timeout_ms;
	int64_t fetcher_max_redirects;
	int64_t fetcher_max_feed_bytes;
	int64_t fetcher_max_page_bytes;
	int64_t fetcher_max_items;
	int64_t fetcher_poll_interval_s;
	int64_t fetcher_seen_ttl_days;
	int64_t fetcher_backoff_base_s;
	int64_t fetcher_backoff_max_s;
	char *fetcher_mark_seen;
	int64_t fetcher_concurrency;
	int64_t fetcher_host_concurrency;
	int64_t fetcher_host_delay_ms;
	int64_t fetcher_claim_ttl_s;
	int64_t fetcher_host_lease_ms;
	int64_t fetcher_max_message_bytes;
	struct strlist fetcher_schemes;
	struct strlist fetcher_allow_private;

	int64_t extractor_min_words;

	int64_t summarizer_max_point_chars;
	char *summarizer_backend;
	char *summarizer_lang;
	int64_t summarizer_inflight;
	int64_t summarizer_llm_min_chars;
	int64_t summarizer_cache_ttl_s;

	char *llm_base_url;
	char *llm_model;
	char *llm_api_key_env;
	char *llm_prompt_file;
	char *llm_response_format;
	char *llm_temperature;
	int64_t llm_timeout_ms;
	int64_t llm_connect_timeout_ms;
	int64_t llm_max_attempts;
	int64_t llm_retry_backoff_ms;
	int64_t llm_max_retry_after_s;
	int64_t llm_max_input_chars;
	int64_t llm_max_output_tokens;
	int64_t llm_breaker_failures;
	int64_t llm_breaker_cooldown_s;
	int64_t llm_token_budget;

	char *publisher_title;
	char *publisher_lang;
	char *publisher_output_dir;
	char *publisher_publish_at;
	char *publisher_schedule;
	char *publisher_publish_day;
	char *publisher_timezone;
	int64_t publisher_highlights;
	int64_t publisher_remember_days;
	int64_t publisher_sink_attempts;
	int64_t publisher_retry_backoff_ms;
	int64_t publisher_lock_ttl_ms;
	int64_t publisher_cjk_chars_per_minute;
	int64_t publisher_words_per_minute;

	char *run_data_dir;
	char *run_redis_server;
	int64_t run_drain_timeout_s;

	struct config_kv *kafka;
	size_t nkafka;
	struct source *sources;
	size_t nsources;
	struct config_sections sinks; /* read by the publisher's sink plugins */
	struct config_sections summarizer_emoji; /* read by the summarizer's emoji rules */

	char *dir; /* real path of the config file's folder, for relative paths; "." without one */

	/*
	 * What loading the file left out or will do twice, one line each, for
	 * the program to log once its log is set up (cli_init() does, in the
	 * tool and the fetcher): a source that reads the same feed as an earlier
	 * one is dropped (counted in sources_dropped), so the feed is polled once.
	 */
	struct strlist warnings;
	size_t sources_dropped;
};

/* A configuration holding every default. Caller frees with config_free(). */
struct config *config_new(void);
void config_free(struct config *cfg);

/*
 * Sets one key from its text form. origin names where the value came from
 * and appears in errors. Returns 0, or -1 with errstr filled.
 */
int config_set(struct config *cfg, const char *key, const char *value, const char *origin,
	char *errstr, size_t errsize);

/*
 * Loads a YAML file on top of cfg. Errors name the file and line. A key
 * given twice (in one mapping, or spelt both dotted and nested), a second
 * document and nesting deeper than 32 levels are errors.
 */
int config_load_file(struct config *cfg, const char *path, char *errstr, size_t errsize);
/* The same for len bytes of YAML at data, as if read from path. */
int config_load_yaml(struct config *cfg, const char *path, const char *data, size_t len,
	char *errstr, size_t errsize);

/* Applies PRECIS_* variables from envp. Unknown PRECIS_* names are errors. */
int config_apply_env(struct config *cfg, char *const *envp, char *errstr, size_t errsize);

/*
 * Cross-key checks (config_check.c): sources are http(s) URLs or, with file
 * in fetcher.schemes, local files; redis.url is one precis can use; names
 * that go into keys, topics and paths fit. The kafka.* keys are
 * librdkafka's to judge (kafka_config_check()); each plugin checks its own
 * section.
 */
int config_validate(const struct config *cfg, char *errstr, size_t errsize);

/* precis config check: every local feed file can be read now. 0, or -1 with errstr. */
int config_check_files(const struct config *cfg, char *errstr, size_t errsize);

/*
 * The path of a source's local feed file (a file:// URL, or a path, which
 * is relative to the config file's folder), or NULL when url is a network
 * URL. Caller frees.
 */
char *config_source_file(const struct config *cfg, const char *url);

/*
 * Fills the fields of ctx that map names from sec's options, then the
 * defaults. Unknown options, a list where one value is due, a required
 * option missing and an unset environment variable are errors that name
 * the line and what (e.g. "sink webhook"). Returns 0, or -1 with errstr;
 * either way the caller frees what was set with config_map_release().
 */
int config_map_apply(const struct config_map *map, const struct config_section *sec,
	const char *what, void *ctx, char *errstr, size_t errsize);
void config_map_release(const struct config_map *map, void *ctx);

/* Appends a copy of the n bytes at s to l. */
void strlist_push(struct strlist *l, const char *s, size_t n);
/* Frees a list's strings and empties it. */
void strlist_clear(struct strlist *l);

/* The value of kafka.KEY, or NULL. Borrowed from cfg. */
const char *config_kafka_get(const struct config *cfg, const char *key);

/* Lists every key with its type, default and description. */
void config_print_help(FILE *out);

#endif
