#include <curl/curl.h>
#include <errno.h>
#include <libxml/parser.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "sources.h"
#include "log.h"
#include "cli.h"
#include "msg.h"
#include "publisher.h"
#include "render.h"
#include "schedule.h"
#include "sink.h"
#include "summarizer.h"
#include "text.h"
#include "tools.h"
#include "redis.h"
#include "run.h"
#include "sig.h"
#include "common.h"

static const char usage[] =
	"precis COMMAND [--config FILE] [--KEY=VALUE...]\n"
	"\n"
	"commands:\n"
	"  run [--data-dir DIR]       poll every source once on an embedded broker and Redis,\n"
	"                             publish the digest and print its path (no cluster needed)\n"
	"  up [--data-dir DIR]        the same, kept running: polls every fetcher.poll_interval_s,\n"
	"                             publishes on the publisher's schedule, until SIGTERM\n"
	"  digest publish --now       close the open edition and deliver it (file + digest topic)\n"
	"  digest show EDITION        an edition's state, time and where it was delivered\n"
	"  digest render --input FILE [--format md|html|json|text] [--edition ID]\n"
	"                             render summary messages (JSON lines) as an edition\n"
	"  lag [--wait SECONDS]       show what each stage has left to process; with --wait,\n"
	"                             wait until nothing is left\n"
	"  sources status             each source's last success and error, failures, backoff\n"
	"                             (exit 1 while any source is failing)\n"
	"  feed parse [--charset LABEL] FILE_OR_URL\n"
	"                             the feed as one JSON object; --charset: the charset its\n"
	"                             server gave, for a feed saved to a file\n"
	"  extract [--url URL] [--format text|json] FILE...\n"
	"                             main text of article pages (several files: JSON lines)\n"
	"  summarize [--backend extractive|llm] [--lang LANG] FILE...\n"
	"                             headline, emoji and key points, one JSON line per file\n"
	"  config check               load and validate the configuration\n"
	"  proto check KIND           check JSON lines on stdin against a message contract\n"
	"                             (page, article, summary, digest, deadletter)\n"
	"\n"
	"The services themselves are precis-fetcher, precis-extractor, precis-summarizer and\n"
	"precis-publisher; each takes --config FILE and the same settings.";

static int cmd_publish(struct cli *cli)
{
	struct edition_published pub[16];
	char err[1024];
	size_t n;
	struct redis *r;
	int rc;

	/* A sink's mistake is the configuration's (exit 2), found before the edition closes. */
	if (publisher_prepare(cli->cfg, err, sizeof(err))) {
		fprintf(stderr, "precis: %s\n", err);
		return 2;
	}
	r = cli_redis_connect(cli->cfg, (int)cli->cfg->redis_timeout_ms, err, sizeof(err));
	if (!r) {
		fprintf(stderr, "precis: %s\n", err);
		return 1;
	}
	rc = edition_publish(cli->cfg, r, NULL, NULL, pub, ARRAY_SIZE(pub), &n, err, sizeof(err));
	redis_free(r);
	for (size_t i = 0; i < n; i++)
		printf("published edition %s: %s (%lld articles, %lld stories)\n", pub[i].id,
			pub[i].path, pub[i].articles, pub[i].stories);
	if (rc) { /* some editions may have gone out before */
		fprintf(stderr, "precis: %s\n", err);
		return 1;
	}
	if (!n)
		printf("nothing new to publish\n");
	return 0;
}

/*
 * Calls fn for every non-empty line of f (without its newline), stopping at
 * the first non-zero return. Lines are capped at 64 MiB. Returns 0, fn's
 * non-zero value, or -1 after saying which line was too long.
 */
static int each_line(FILE *f, const char *name,
	int (*fn)(const char *line, size_t len, long lineno, void *opaque), void *opaque)
{
	struct buf line;
	long lineno = 0;
	int c, rc = 0;

	buf_init(&line, 64 * 1024 * 1024);
	do {
		c = getc(f);
		if (c != '\n' && c != EOF) {
			if (buf_addch(&line, (char)c)) {
				fprintf(stderr, "precis: %s:%ld: line longer than 64 MiB\n", name,
					lineno + 1);
				rc = -1;
				break;
			}
			continue;
		}
		lineno++;
		if (line.len)
			rc = fn(line.data, line.len, lineno, opaque);
		buf_reset(&line);
	} while (c != EOF && !rc);
	buf_release(&line);
	return rc;
}

struct checked {
	enum msg_kind kind;
	const char *name;
	long n, bad;
	json_t *valid; /* when collecting: the messages that passed */
};

static int check_line(const char *line, size_t len, long lineno, void *opaque)
{
	struct checked *c = opaque;
	char err[512];
	json_t *m = msg_decode(c->kind, line, len, err, sizeof(err));

	c->n++;
	if (!m) {
		c->bad++;
		if (c->valid)
			fprintf(stderr, "precis: %s:%ld: %s\n", c->name, lineno, err);
		else
			printf("line %ld: %s\n", lineno, err);
		return 0;
	}
	if (c->valid)
		json_array_append_new(c->valid, m);
	else
		json_decref(m);
	return 0;
}

/* Checks every line of stdin against a contract; says which fail and why. */
static int cmd_proto_check(const char *kind_name)
{
	int kind = msg_kind_parse(kind_name);
	struct checked c = { 0 };

	if (kind < 0) {
		fprintf(stderr, "precis: no contract named '%s'\n", kind_name);
		return 2;
	}
	c.kind = (enum msg_kind)kind;
	c.name = "stdin";
	if (each_line(stdin, "stdin", check_line, &c))
		return 1;
	printf("%ld messages, %ld not %s\n", c.n, c.bad, msg_schema_id(c.kind));
	return c.bad || !c.n ? 1 : 0;
}

/* SOURCE_DATE_EPOCH makes renderings reproducible, as in reproducible builds. */
static int64_t render_time(void)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	int64_t t;

	if (sde && !parse_int64(sde, 0, INT64_MAX / 1000, &t))
		return t * 1000;
	return now_ms();
}

/*
 * precis digest render --input FILE [--format md|html|json|text] [--edition ID]:
 * an edition from a file of summary messages, on stdout. Invalid lines are
 * reported and left out; the exit status is then 1.
 */
static int cmd_render(struct cli *cli)
{
	const char *input = NULL, *format = "md", *edition = NULL;
	struct checked c = { MSG_SUMMARY, NULL, 0, 0, NULL };
	struct render_stats st;
	char day[32], err[512];
	struct buf out;
	json_t *digest;
	FILE *f;
	int rc = 0;

	for (int i = 2; i < cli->nrest; i++) {
		const char *a = cli->rest[i];

		if (i + 1 < cli->nrest && !strcmp(a, "--input"))
			input = cli->rest[++i];
		else if (i + 1 < cli->nrest && !strcmp(a, "--format"))
			format = cli->rest[++i];
		else if (i + 1 < cli->nrest && !strcmp(a, "--edition"))
			edition = cli->rest[++i];
		else {
			fprintf(stderr, "precis: digest render: unknown argument '%s'\n", a);
			return 2;
		}
	}
	if (!input) {
		fprintf(stderr, "precis: digest render needs --input FILE (- for stdin)\n");
		return 2;
	}
	/* It goes into the digest's JSON: an empty one breaks the contract, bad bytes JSON. */
	if (edition && (!*edition || !text_utf8_valid(edition, strlen(edition)))) {
		fprintf(stderr, "precis: digest render: --edition needs an edition id in UTF-8 "
				"(2026-11-28)\n");
		return 2;
	}
	if (strcmp(format, "md") && strcmp(format, "html") && strcmp(format, "json") &&
		strcmp(format, "text")) {
		fprintf(stderr, "precis: digest render: --format is md, html, json or text\n");
		return 2;
	}
	f = strcmp(input, "-") ? fopen(input, "rb") : stdin;
	if (!f) {
		fprintf(stderr, "precis: %s: %s\n", input, strerror(errno));
		return 1;
	}
	c.name = input;
	c.valid = json_array();
	if (each_line(f, input, check_line, &c))
		rc = 1;
	if (f != stdin)
		fclose(f);
	if (!json_array_size(c.valid)) {
		/* an edition of nothing would still print a stats line, of 0 characters */
		if (c.n)
			fprintf(stderr, "precis: none of the %ld summaries of %s is valid: nothing to "
					"render\n", c.n, input);
		else
			fprintf(stderr, "precis: %s holds no summaries: nothing to render\n", input);
		json_decref(c.valid);
		return 1;
	}
	if (!edition) {
		time_t t = (time_t)(render_time() / 1000);
		struct tm tm;

		localtime_r(&t, &tm);
		schedule_edition_id(cli->cfg->publisher_schedule, &tm, day, sizeof(day));
		edition = day;
	}
	digest = render_edition(cli->cfg, edition, c.valid, NULL, render_time(), &st);
	buf_init(&out, RENDER_MAX);
	if (!strcmp(format, "md")) {
		buf_addstr(&out, msg_str(digest, "markdown"));
	} else if (!strcmp(format, "html")) {
		render_html(digest, &out);
	} else if (!strcmp(format, "text")) {
		render_text(digest, &out);
	} else {
		char *s = json_dumps(digest, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

		if (msg_validate(MSG_DIGEST, digest, err, sizeof(err)))
			BUG("rendered digest breaks its contract: %s", err);
		buf_addstr(&out, s);
		buf_addch(&out, '\n');
		free(s);
	}
	if (out.overflowed) { /* checked once for every write above (buf.h) */
		fprintf(stderr, "precis: the rendering is larger than %d MiB and is cut\n",
			RENDER_MAX >> 20);
		rc = 1;
	}
	fwrite(out.data, 1, out.len, stdout);
	buf_release(&out);
	json_decref(digest);
	json_decref(c.valid);
	if (c.bad)
		fprintf(stderr, "precis: %ld of %ld summaries were invalid and left out\n", c.bad, c.n);
	return rc || c.bad ? 1 : 0;
}

/* precis sources status: per-source health; exit 1 when some source is failing. */
static int cmd_sources_status(struct cli *cli)
{
	char err[1024];
	struct redis *r = cli_redis_connect(cli->cfg, (int)cli->cfg->redis_timeout_ms, err, sizeof(err));
	int failing;

	if (!r) {
		fprintf(stderr, "precis: %s\n", err);
		return 2;
	}
	failing = sources_status(cli->cfg, r, stdout, 0);
	if (failing < 0)
		fprintf(stderr, "precis: %s\n", redis_errstr(r));
	redis_free(r);
	return failing < 0 ? 2 : failing ? 1 : 0;
}

/* precis digest show EDITION: its state and where it was delivered. */
static int cmd_show(struct cli *cli, const char *edition)
{
	char err[1024];
	struct redis *r = cli_redis_connect(cli->cfg, (int)cli->cfg->redis_timeout_ms, err, sizeof(err));
	int found;

	if (!r) {
		fprintf(stderr, "precis: %s\n", err);
		return 1;
	}
	found = edition_describe(r, edition, stdout);
	if (found < 0)
		fprintf(stderr, "precis: %s\n", redis_errstr(r));
	else if (!found)
		fprintf(stderr, "precis: no edition %s\n", edition);
	redis_free(r);
	return found > 0 ? 0 : 1;
}

/*
 * What the stages would refuse when they start, checked before anything
 * starts: the summarizer's emoji rules and prompt, the publisher's
 * schedule and sinks. 0, or -1 with err: a configuration error (exit 2).
 */
static int stages_config_check(const struct config *cfg, char *err, size_t errsize)
{
	if (summarizer_prepare(cfg, err, errsize) || publisher_prepare(cfg, err, errsize))
		return -1;
	return 0;
}

static int want(const struct cli *cli, int at, const char *word)
{
	return cli->nrest > at && !strcmp(cli->rest[at], word);
}

static int dispatch(struct cli *cli, volatile sig_atomic_t *stop)
{
	char err[1024];

	if (want(cli, 0, "run") || want(cli, 0, "up")) {
		const char *dir = cli->cfg->run_data_dir;

		for (int i = 1; i < cli->nrest; i++) {
			if (!strcmp(cli->rest[i], "--data-dir") && i + 1 < cli->nrest)
				dir = cli->rest[++i];
			else if (!strncmp(cli->rest[i], "--data-dir=", 11))
				dir = cli->rest[i] + 11;
			else
				goto bad;
		}
		/* Else the run ends "no new articles since the last run" with exit 0. */
		if (!cli->cfg->nsources) {
			if (cli->config_path)
				fprintf(stderr, "precis: no sources to poll: %s has no sources: list\n",
					cli->config_path);
			else
				fprintf(stderr, "precis: no sources to poll: give --config FILE with a "
						"sources: list\n");
			return 2;
		}
		/*
		 * On a terminal a status line tells the story (run.c); only warnings
		 * and errors interrupt it. Still before any thread starts.
		 */
		if (isatty(STDERR_FILENO) && !strcmp(cli->cfg->log_format, "text") &&
			!strcmp(cli->cfg->log_level, "info"))
			log_setup("precis", LOG_WARN, 0);
		/* A stage that refuses its configuration would only show as one that died. */
		if (stages_config_check(cli->cfg, err, sizeof(err))) {
			fprintf(stderr, "precis: %s\n", err);
			return 2;
		}
		return want(cli, 0, "up") ? run_up(cli, dir, stop) : run_embedded(cli, dir, stop);
	}
	if (want(cli, 0, "digest") && want(cli, 1, "publish") && want(cli, 2, "--now") &&
		cli->nrest == 3)
		return cmd_publish(cli);
	/*
	 * What follows, but lag --wait, only reads and prints: nothing to
	 * finish, flush or commit, so SIGTERM and Ctrl-C end it at once (the
	 * flag alone left precis summarize waiting minutes on a silent model).
	 */
	if (!want(cli, 0, "lag"))
		sig_default();
	if (want(cli, 0, "digest") && want(cli, 1, "render"))
		return cmd_render(cli);
	if (want(cli, 0, "digest") && want(cli, 1, "show") && cli->nrest == 3)
		return cmd_show(cli, cli->rest[2]);
	if (want(cli, 0, "lag")) {
		int64_t wait = 0;

		if (cli->nrest == 3 && !strcmp(cli->rest[1], "--wait") &&
			!parse_int64(cli->rest[2], 1, 86400, &wait))
			return run_lag(cli->cfg, (int)wait, 0, stop);
		if (cli->nrest == 1)
			return run_lag(cli->cfg, 0, 0, stop);
		goto bad;
	}
	if (want(cli, 0, "sources") && want(cli, 1, "status") && cli->nrest == 2)
		return cmd_sources_status(cli);
	if (want(cli, 0, "feed") && want(cli, 1, "parse"))
		return tools_feed_parse(cli, cli->rest + 2, cli->nrest - 2);
	if (want(cli, 0, "extract"))
		return tools_extract(cli, cli->rest + 1, cli->nrest - 1);
	if (want(cli, 0, "summarize"))
		return tools_summarize(cli, cli->rest + 1, cli->nrest - 1);
	if (want(cli, 0, "proto") && want(cli, 1, "check") && cli->nrest == 3)
		return cmd_proto_check(cli->rest[2]);
	if (want(cli, 0, "config") && want(cli, 1, "check") && cli->nrest == 2) {
		struct sink *sinks;
		size_t nsinks;

		/* Broken contracts are a broken build, not a configuration: exit 1. */
		if (msg_selftest(err, sizeof(err))) {
			fprintf(stderr, "precis: %s\n", err);
			return 1;
		}
		if (config_check_files(cli->cfg, err, sizeof(err)) ||
			stages_config_check(cli->cfg, err, sizeof(err)) ||
			!(sinks = sinks_open(cli->cfg, &nsinks, err, sizeof(err)))) {
			fprintf(stderr, "precis: %s\n", err);
			return 2;
		}
		sinks_close(sinks, nsinks);
		printf("configuration OK: %zu sources, %zu sinks, broker %s, Redis %s\n",
			cli->cfg->nsources, nsinks,
			config_kafka_get(cli->cfg, "bootstrap.servers")
				? config_kafka_get(cli->cfg, "bootstrap.servers")
				: "127.0.0.1:9092 (default)",
			cli->cfg->redis_url);
		return 0;
	}
bad:
	if (!cli->nrest)
		fprintf(stderr, "precis: no command given\n\nusage: %s\n", usage);
	else
		fprintf(stderr, "precis: unknown command or argument in '%s%s%s' (see precis --help)\n",
			cli->rest[0], cli->nrest > 1 ? " " : "", cli->nrest > 1 ? cli->rest[1] : "");
	return 2;
}

int main(int argc, char **argv)
{
	volatile sig_atomic_t *stop = sig_setup();
	struct cli cli;
	char err[1024];
	int rc;

	rc = cli_init(&cli, argc, argv, "precis", usage, err, sizeof(err));
	if (!rc && schedule_prepare(cli.cfg, err, sizeof(err)))
		rc = -1; /* editions are dated in the schedule's time zone, whatever the command */
	if (rc) {
		if (rc < 0)
			fprintf(stderr, "precis: %s\n", err);
		cli_release(&cli);
		return rc < 0 ? 2 : 0;
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	xmlInitParser();
	rc = dispatch(&cli, stop);
	xmlCleanupParser();
	curl_global_cleanup();
	cli_release(&cli);
	return rc;
}
