#include <curl/curl.h>
#include <libxml/parser.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "proto.h"
#include "publisher.h"
#include "rds.h"
#include "run.h"
#include "sig.h"
#include "common.h"

static const char usage[] =
	"precis COMMAND [--config FILE] [--KEY=VALUE...]\n"
	"\n"
	"commands:\n"
	"  run [--data-dir DIR]       poll every source once on an embedded broker and Redis,\n"
	"                             publish the digest and print its path (no cluster needed)\n"
	"  digest publish --now       close the open edition and deliver it (file + digest topic)\n"
	"  lag [--wait SECONDS]       show what each stage has left to process; with --wait,\n"
	"                             wait until nothing is left\n"
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
	struct rds *r = rds_connect(cli->cfg->redis_url, (int)cli->cfg->redis_timeout_ms,
		cli->cfg->redis_prefix, err, sizeof(err));

	if (!r) {
		fprintf(stderr, "precis: %s\n", err);
		return 1;
	}
	if (publisher_publish_now(cli->cfg, r, pub, ARRAY_SIZE(pub), &n, err, sizeof(err))) {
		fprintf(stderr, "precis: %s\n", err);
		rds_free(r);
		return 1;
	}
	rds_free(r);
	if (!n)
		printf("nothing new to publish\n");
	for (size_t i = 0; i < n; i++)
		printf("published edition %s: %s (%lld articles, %lld stories)\n", pub[i].id,
			pub[i].path, pub[i].articles, pub[i].stories);
	return 0;
}

/* Checks every line of stdin against a contract; says which fail and why. */
static int cmd_proto_check(const char *kind_name)
{
	int kind = proto_kind_parse(kind_name);
	struct buf line;
	long n = 0, bad = 0;
	int c;

	if (kind < 0) {
		fprintf(stderr, "precis: no contract named '%s'\n", kind_name);
		return 2;
	}
	buf_init(&line, 64 * 1024 * 1024);
	do {
		char err[512];
		json_t *m;

		c = getchar();
		if (c != '\n' && c != EOF) {
			if (buf_addch(&line, (char)c)) {
				fprintf(stderr, "precis: line %ld is longer than 64 MiB\n", n + 1);
				buf_release(&line);
				return 1;
			}
			continue;
		}
		if (!line.len)
			continue;
		n++;
		m = proto_decode((enum proto_kind)kind, line.data, line.len, err, sizeof(err));
		if (!m) {
			printf("line %ld: %s\n", n, err);
			bad++;
		}
		json_decref(m);
		buf_reset(&line);
	} while (c != EOF);
	buf_release(&line);
	printf("%ld messages, %ld not %s\n", n, bad, proto_schema_id((enum proto_kind)kind));
	return bad || !n ? 1 : 0;
}

static int want(const struct cli *cli, int at, const char *word)
{
	return cli->nrest > at && !strcmp(cli->rest[at], word);
}

static int dispatch(struct cli *cli, volatile sig_atomic_t *stop)
{
	char err[256];

	if (want(cli, 0, "run")) {
		const char *dir = cli->cfg->run_data_dir;

		for (int i = 1; i < cli->nrest; i++) {
			if (!strcmp(cli->rest[i], "--data-dir") && i + 1 < cli->nrest)
				dir = cli->rest[++i];
			else if (!strncmp(cli->rest[i], "--data-dir=", 11))
				dir = cli->rest[i] + 11;
			else
				goto bad;
		}
		return run_embedded(cli, dir, stop);
	}
	if (want(cli, 0, "digest") && want(cli, 1, "publish") && want(cli, 2, "--now") &&
		cli->nrest == 3)
		return cmd_publish(cli);
	if (want(cli, 0, "lag")) {
		int64_t wait = 0;

		if (cli->nrest == 3 && !strcmp(cli->rest[1], "--wait") &&
			!parse_int64(cli->rest[2], 1, 86400, &wait))
			return run_lag(cli->cfg, (int)wait, 0, stop);
		if (cli->nrest == 1)
			return run_lag(cli->cfg, 0, 0, stop);
		goto bad;
	}
	if (want(cli, 0, "proto") && want(cli, 1, "check") && cli->nrest == 3)
		return cmd_proto_check(cli->rest[2]);
	if (want(cli, 0, "config") && want(cli, 1, "check") && cli->nrest == 2) {
		if (proto_selftest(err, sizeof(err))) {
			fprintf(stderr, "precis: %s\n", err);
			return 1;
		}
		printf("configuration OK: %zu sources, broker %s, Redis %s\n", cli->cfg->nsources,
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
