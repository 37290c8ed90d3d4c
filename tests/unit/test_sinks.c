#include "unit.h"

#include "config.h"
#include "sink.h"

/*
 * The publisher's output plugins read their own sections: each kind checks
 * its options through its table and its init, with the configuration line
 * in every error; nothing reaches the network here.
 */

/* The configuration of yaml, from a file; the caller unlinks and frees *path. */
static struct config *load(const char *yaml, char **path)
{
	struct config *cfg = config_new();
	char err[512];

	*path = unit_write_tmp(yaml);
	if (config_load_file(cfg, *path, err, sizeof(err)))
		fail_msg("%s", err);
	return cfg;
}

static void each_plugin_checks_its_options(void **state)
{
	static const struct {
		const char *yaml, *error; /* error NULL: opens */
	} cases[] = {
		{ "", NULL }, /* the default file and kafka sinks */
		{ "sinks:\n  - {type: file, dir: /tmp/x}\n  - {type: kafka, topic: t}\n", NULL },
		{ "sinks:\n  - {type: fax}\n", ":2: unknown sink type 'fax'" },
		{ "sinks:\n  - {type: file, folder: /tmp}\n", ":2: sink file: unknown option 'folder'" },
		{ "sinks:\n  - {type: webhook}\n", ":2: sink webhook needs 'url'" },
		{ "sinks:\n  - {type: webhook, url: \"ftp://x.example/\"}\n",
		  ":2: sink webhook: url must be http:// or https://" },
		{ "sinks:\n  - {type: webhook, url: \"https://x.example/\", format: irc}\n",
		  ":2: sink webhook: format 'irc' is not one of" },
		{ "sinks:\n  - {type: webhook, name: tg, url: \"https://x.example\", format: telegram}\n",
		  ":2: sink tg: telegram needs chat_id and token_env" },
		/* it posted to the bare API URL without a token */
		{ "sinks:\n  - {type: webhook, name: tg, url: \"https://x.example\", format: telegram, chat_id: \"1\"}\n",
		  ":2: sink tg: telegram needs chat_id and token_env" },
		{ "sinks:\n  - {type: webhook, url: \"https://x.example\", secret_env: PRECIS_TEST_EMPTY_SECRET}\n",
		  ":2: sink webhook: environment variable PRECIS_TEST_EMPTY_SECRET is empty" },
		{ "sinks:\n  - {type: webhook, url: \"https://x.example\", secret_env: PRECIS_TEST_NO_SECRET}\n",
		  ":2: sink webhook: environment variable PRECIS_TEST_NO_SECRET is not set" },
		{ "sinks:\n  - {type: email, url: \"smtp://m.example\", from: a@example.com}\n",
		  ":2: sink email needs 'to'" },
		{ "sinks:\n  - {type: email, url: \"http://m.example\", from: a@example.com, to: [b@example.com]}\n",
		  ":2: sink email: url must be smtp://" },
		{ "sinks:\n  - {type: email, url: \"smtp://m.example\", from: [a, b], to: c}\n",
		  ":2: sink email: from takes one value, not a list" },
	};

	(void)state;
	unsetenv("PRECIS_TEST_NO_SECRET");
	setenv("PRECIS_TEST_EMPTY_SECRET", "", 1);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *path, err[512] = "";
		struct config *cfg = load(cases[i].yaml, &path);
		size_t n = 0;
		struct sink *sinks = sinks_open(cfg, &n, err, sizeof(err));

		if (!cases[i].error) {
			if (!sinks)
				fail_msg("case %zu: %s", i, err);
			assert_int_equal(n, 2);
		} else {
			assert_null(sinks);
			if (!strstr(err, cases[i].error))
				fail_msg("case %zu: '%s' lacks '%s'", i, err, cases[i].error);
		}
		sinks_close(sinks, n);
		config_free(cfg);
		unlink(path);
		free(path);
	}
}

/*
 * The file sink owns its folder: its option, else publisher.output_dir, else
 * ./digests; a relative folder in the file is relative to the file's folder
 * (/tmp here), the default to the current one.
 */
static void the_file_sink_says_where_an_edition_is(void **state)
{
	static const struct {
		const char *yaml, *path;
	} cases[] = {
		{ "", "digests/2026/11/precis-2026-11-29.md" },
		{ "publisher: {output_dir: /srv/out}\n", "/srv/out/2026/11/precis-2026-11-29.md" },
		{ "publisher: {output_dir: /srv/out}\nsinks:\n  - {type: kafka}\n  - {type: file, dir: /d}\n",
		  "/d/2026/11/precis-2026-11-29.md" },
		{ "publisher: {output_dir: out}\n", "/tmp/out/2026/11/precis-2026-11-29.md" },
		{ "sinks:\n  - {type: file, dir: editions}\n",
		  "/tmp/editions/2026/11/precis-2026-11-29.md" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *path, err[512], where[4096];
		struct config *cfg = load(cases[i].yaml, &path);
		size_t n;
		struct sink *sinks = sinks_open(cfg, &n, err, sizeof(err));

		assert_non_null(sinks);
		for (size_t k = 0; k < n && sink_locate(&sinks[k], "2026-11-29", where, sizeof(where)); k++)
			assert_true(k + 1 < n);
		assert_string_equal(where, cases[i].path);
		sinks_close(sinks, n);
		config_free(cfg);
		unlink(path);
		free(path);
	}
}

/* The configuration of a sink whose option ends in n times c: head, the run, then "}. */
static struct config *load_long(const char *head, char c, size_t n, char **path)
{
	size_t k = strlen(head);
	char *yaml = malloc(k + n + 4);
	struct config *cfg;

	memcpy(yaml, head, k);
	memset(yaml + k, c, n);
	memcpy(yaml + k + n, "\"}\n", 4);
	cfg = load(yaml, path);
	free(yaml);
	return cfg;
}

/* A webhook URL too long for its buffer is refused for good, never sent cut short. */
static void a_webhook_url_cut_short_is_never_requested(void **state)
{
	char *path, err[512], reason[256] = "";
	struct sink_edition e = { "2026-11-29", NULL, "{}", 2 };
	struct config *cfg;
	struct sink *sinks;
	size_t n;

	(void)state;
	cfg = load_long("sinks:\n  - {type: webhook, url: \"http://127.0.0.1:9/", 'a', 9000, &path);
	sinks = sinks_open(cfg, &n, err, sizeof(err));
	assert_non_null(sinks);
	assert_int_equal(sinks[0].plugin->deliver(&sinks[0], &e, reason, sizeof(reason)), SINK_DROP);
	assert_non_null(strstr(reason, "URL is longer than 8 KiB"));
	sinks_close(sinks, n);
	config_free(cfg);
	unlink(path);
	free(path);
}

/* A file sink's folder too long for its path buffers is refused at start, not cut to another path. */
static void a_file_sink_folder_too_long_is_refused(void **state)
{
	char *path, err[512];
	struct config *cfg;
	struct sink *sinks;
	size_t n;

	(void)state;
	cfg = load_long("sinks:\n  - {type: file, dir: \"/tmp/", 'd', 3100, &path);
	sinks = sinks_open(cfg, &n, err, sizeof(err));
	assert_null(sinks);
	assert_non_null(strstr(err, ":2: sink file: its folder is longer than 3072 bytes"));
	config_free(cfg);
	unlink(path);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_plugin_checks_its_options),
		cmocka_unit_test(the_file_sink_says_where_an_edition_is),
		cmocka_unit_test(a_webhook_url_cut_short_is_never_requested),
		cmocka_unit_test(a_file_sink_folder_too_long_is_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
