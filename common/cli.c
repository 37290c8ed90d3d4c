#include "cli.h"

#include <curl/curl.h>
#include <libxml/parser.h>
#include <string.h>

#include "httpd.h"
#include "kafka.h"
#include "log.h"
#include "redis.h"
#include "metrics.h"
#include "sig.h"
#include "common.h"

extern char **environ;

struct flag {
	char *key;
	const char *value;
	char origin[160];
};

/* A flag is --key=value or --key value where key looks like a setting (has a dot). */
static int parse_flag(char **argv, int argc, int *i, struct flag *f)
{
	const char *a = argv[*i], *eq;

	if (!strcmp(a, "--set") && *i + 1 < argc) {
		a = argv[++*i];
		eq = strchr(a, '=');
		if (!eq)
			return -1;
		f->key = xstrndup(a, (size_t)(eq - a));
		f->value = eq + 1;
		snprintf(f->origin, sizeof(f->origin), "flag --set %.*s", (int)(eq - a), a);
		return 1;
	}
	if (strncmp(a, "--", 2))
		return 0;
	a += 2;
	eq = strchr(a, '=');
	if (!memchr(a, '.', eq ? (size_t)(eq - a) : strlen(a)))
		return 0;
	if (eq) {
		f->key = xstrndup(a, (size_t)(eq - a));
		f->value = eq + 1;
	} else {
		if (*i + 1 >= argc)
			return -1;
		f->key = xstrdup(a);
		f->value = argv[++*i];
	}
	snprintf(f->origin, sizeof(f->origin), "flag --%s", f->key);
	return 1;
}

int cli_init(struct cli *cli, int argc, char **argv, const char *component, const char *usage,
	char *errstr, size_t errsize)
{
	struct flag *flags = xcalloc((size_t)argc, sizeof(*flags));
	int nflags = 0, rc = -1, help = 0;

	memset(cli, 0, sizeof(*cli));
	cli->rest = xcalloc((size_t)argc + 1, sizeof(*cli->rest));
	for (int i = 1; i < argc; i++) {
		int r;

		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			help = 1;
			continue;
		}
		if (!strcmp(argv[i], "--config") || !strcmp(argv[i], "-c")) {
			if (i + 1 >= argc) {
				snprintf(errstr, errsize, "%s needs a file", argv[i]);
				goto out;
			}
			cli->config_path = argv[++i];
			continue;
		}
		if (!strncmp(argv[i], "--config=", 9)) {
			cli->config_path = argv[i] + 9;
			continue;
		}
		r = parse_flag(argv, argc, &i, &flags[nflags]);
		if (r < 0) {
			snprintf(errstr, errsize, "%s needs KEY=VALUE or a value after it", argv[i]);
			goto out;
		}
		if (r > 0) {
			nflags++;
			continue;
		}
		cli->rest[cli->nrest++] = argv[i];
	}
	if (help) {
		printf("usage: %s\n\n", usage);
		config_print_help(stdout);
		rc = CLI_HELP;
		goto out;
	}

	cli->cfg = config_new();
	if (cli->config_path &&
		config_load_file(cli->cfg, cli->config_path, errstr, errsize))
		goto out;
	if (config_apply_env(cli->cfg, environ, errstr, errsize))
		goto out;
	cli->settings = xcalloc((size_t)nflags + 1, sizeof(*cli->settings));
	for (int i = 0; i < nflags; i++) {
		size_t n = strlen(flags[i].key) + strlen(flags[i].value) + 2;

		if (config_set(cli->cfg, flags[i].key, flags[i].value, flags[i].origin, errstr,
			    errsize))
			goto out;
		cli->settings[cli->nsettings] = xmalloc(n);
		snprintf(cli->settings[cli->nsettings++], n, "%s=%s", flags[i].key, flags[i].value);
	}
	if (config_validate(cli->cfg, errstr, errsize) ||
		kafka_config_check(cli->cfg, errstr, errsize))
		goto out;
	log_setup(component, (enum log_level)log_level_parse(cli->cfg->log_level),
		!strcmp(cli->cfg->log_format, "json"));
	/*
	 * What the file held that precis leaves out (sources), said by the
	 * programs that read the sources: the tool and the fetcher.
	 */
	for (size_t i = 0; (!strcmp(component, "precis") || !strcmp(component, "fetcher")) &&
		i < cli->cfg->warnings.n; i++)
		log_warn("%s", cli->cfg->warnings.v[i]);
	rc = 0;
out:
	for (int i = 0; i < nflags; i++)
		free(flags[i].key);
	free(flags);
	return rc;
}

void cli_release(struct cli *cli)
{
	config_free(cli->cfg);
	free(cli->rest);
	for (int i = 0; i < cli->nsettings; i++)
		free(cli->settings[i]);
	free(cli->settings);
	memset(cli, 0, sizeof(*cli));
}

void svc_init(struct svc *svc, const struct config *cfg, struct metrics *metrics)
{
	svc->cfg = cfg;
	svc->metrics = metrics;
	atomic_init(&svc->ready, 0);
	atomic_init(&svc->needs_redis, 0);
	pthread_mutex_init(&svc->lock, NULL);
	svc->waiting[0] = '\0';
	svc->once = 0;
}

void svc_release(struct svc *svc)
{
	pthread_mutex_destroy(&svc->lock);
}

static void set_waiting(struct svc *svc, const char *what, const char *why)
{
	if (!svc)
		return;
	pthread_mutex_lock(&svc->lock);
	if (what)
		snprintf(svc->waiting, sizeof(svc->waiting), "waiting for %s: %s", what, why);
	else
		svc->waiting[0] = '\0';
	pthread_mutex_unlock(&svc->lock);
}

int svc_wait(struct svc *svc, volatile sig_atomic_t *stop, const char *what,
	int (*attempt)(void *ctx, char *errstr, size_t errsize), void *ctx, char *errstr,
	size_t errsize)
{
	int64_t pause = 1000, give_up = svc && svc->once ?
		mono_ms() + svc->cfg->kafka_connect_timeout_ms : INT64_MAX;

	for (;;) {
		int rc = attempt(ctx, errstr, errsize);

		if (!rc) {
			set_waiting(svc, NULL, NULL);
			return 0;
		}
		if (rc < -1 || mono_ms() >= give_up)
			return -1;
		set_waiting(svc, what, errstr);
		log_warn("waiting for %s: %s; trying again in %lld s", what, errstr,
			(long long)pause / 1000);
		for (int64_t until = mono_ms() + pause < give_up ? mono_ms() + pause : give_up;
			mono_ms() < until && !*stop;)
			sleep_ms(100);
		if (*stop) {
			snprintf(errstr, errsize, "stopped while waiting for %s", what);
			return -1;
		}
		pause = pause * 2 > 30000 ? 30000 : pause * 2;
	}
}

static int ping(void *ctx, char *errstr, size_t errsize)
{
	struct redis *r = ctx;

	if (!redis_ping(r))
		return 0;
	snprintf(errstr, errsize, "%s", redis_errstr(r));
	return -1;
}

struct redis *cli_redis_open(const struct config *cfg, int timeout_ms, char *errstr,
	size_t errsize)
{
	struct redis *r = redis_open(cfg->redis_url, timeout_ms, cfg->redis_prefix, errstr, errsize);

	if (r && *cfg->redis_password_env)
		redis_login(r, cfg->redis_username, getenv(cfg->redis_password_env));
	return r;
}

struct redis *cli_redis_connect(const struct config *cfg, int timeout_ms, char *errstr,
	size_t errsize)
{
	struct redis *r = cli_redis_open(cfg, timeout_ms, errstr, errsize);

	if (r && redis_ping(r)) {
		snprintf(errstr, errsize, "%s", redis_errstr(r));
		redis_free(r);
		return NULL;
	}
	return r;
}

struct redis *svc_redis(struct svc *svc, volatile sig_atomic_t *stop, char *errstr,
	size_t errsize)
{
	const struct config *cfg = svc->cfg;
	struct redis *r = cli_redis_open(cfg, (int)cfg->redis_timeout_ms, errstr, errsize);
	char why[300];

	if (!r)
		return NULL;
	if (svc_wait(svc, stop, "Redis", ping, r, errstr, errsize)) {
		redis_free(r);
		return NULL;
	}
	if (!redis_persistent(r, why, sizeof(why)))
		log_warn("Redis %s: a restart loses what precis keeps there; see \"Redis without "
			 "persistence\" in docs/operations.md", why);
	atomic_store(&svc->needs_redis, 1);
	return r;
}

/* Called on the HTTP server's thread: reads only what the stage publishes atomically. */
static int svc_ready(void *opaque, char *why, size_t whysize)
{
	struct svc *s = opaque;
	struct redis *r;
	char err[256];

	pthread_mutex_lock(&s->lock);
	snprintf(why, whysize, "%s", s->waiting);
	pthread_mutex_unlock(&s->lock);
	if (*why)
		return 0;
	if (!atomic_load(&s->ready)) {
		snprintf(why, whysize, "not connected to its broker, or no assignment yet");
		return 0;
	}
	if (!atomic_load(&s->needs_redis))
		return 1;
	/* A fresh connection and a PING: a probe every few seconds costs nothing. */
	r = cli_redis_connect(s->cfg, 500, err, sizeof(err));
	if (!r) {
		snprintf(why, whysize, "Redis does not answer: %s", err);
		return 0;
	}
	redis_free(r);
	return 1;
}

int cli_service_main(const struct cli_service *svc, int argc, char **argv)
{
	volatile sig_atomic_t *stop = sig_setup();
	struct httpd *http = NULL;
	struct svc ctx;
	struct cli cli;
	char err[1024];
	int once = 0, rc;

	rc = cli_init(&cli, argc, argv, svc->component, svc->usage, err, sizeof(err));
	if (rc) {
		if (rc < 0)
			fprintf(stderr, "%s: %s\n", svc->program, err);
		cli_release(&cli);
		return rc < 0 ? 2 : 0;
	}
	if (svc->prepare && svc->prepare(cli.cfg, err, sizeof(err))) {
		fprintf(stderr, "%s: %s\n", svc->program, err);
		cli_release(&cli);
		return 2;
	}
	for (int i = 0; i < cli.nrest; i++) {
		if (svc->accepts_once && !strcmp(cli.rest[i], "--once")) {
			once = 1;
			continue;
		}
		fprintf(stderr, "%s: unknown argument '%s' (see --help)\n", svc->program,
			cli.rest[i]);
		cli_release(&cli);
		return 2;
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	xmlInitParser();
	svc_init(&ctx, cli.cfg, metrics_new());
	ctx.once = once;
	metrics_describe(ctx.metrics, "precis_config_sources_dropped", "gauge",
		"sources left out at start because an earlier one reads the same feed");
	metrics_set(ctx.metrics, "precis_config_sources_dropped", (double)cli.cfg->sources_dropped,
		NULL);
	if (*cli.cfg->http_listen) {
		http = httpd_start(cli.cfg->http_listen, ctx.metrics, svc_ready, &ctx, err,
			sizeof(err));
		if (!http) {
			fprintf(stderr, "%s: %s\n", svc->program, err);
			rc = 2;
			goto out;
		}
		log_info("serving /healthz, /readyz and /metrics on port %d", httpd_port(http));
	}
	rc = svc->run(&ctx, once, stop, err, sizeof(err)) ? 1 : 0;
	if (rc)
		fprintf(stderr, "%s: %s\n", svc->program, err);
out:
	httpd_stop(http);
	metrics_free(ctx.metrics);
	svc_release(&ctx);
	xmlCleanupParser();
	curl_global_cleanup();
	cli_release(&cli);
	return rc;
}
