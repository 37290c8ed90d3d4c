#ifndef PRECIS_CLI_H
#define PRECIS_CLI_H

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>

#include "config.h"

/*
 * Start-up shared by every precis program: reads --config FILE, --set KEY=VALUE,
 * --KEY=VALUE and --KEY VALUE for any configuration key, applies the file,
 * then PRECIS_* variables, then the flags, validates, and sets up logging.
 *
 * Words that are not settings are left in *rest (borrowed from argv) for the
 * program's own options. --help prints the program's usage line, then
 * every key, and returns CLI_HELP.
 */

#define CLI_HELP 1

struct cli {
	struct config *cfg; /* owned; freed by cli_release() */
	const char *config_path; /* borrowed from argv, or NULL */
	char **rest;
	int nrest;
	char **settings; /* the flags given, as owned "KEY=VALUE" strings */
	int nsettings;
};

/*
 * Returns 0, CLI_HELP, or -1 with a one-line error in errstr. component is
 * the log prefix and must outlive the process (a string literal).
 */
int cli_init(struct cli *cli, int argc, char **argv, const char *component, const char *usage,
	char *errstr, size_t errsize);
void cli_release(struct cli *cli);

/*
 * What a running service shares with its operations endpoints: its
 * metrics, and whether it is ready to work (set by the stage, read by
 * /readyz from another thread).
 */
struct svc {
	const struct config *cfg;
	struct metrics *metrics;
	atomic_int ready;
	/* Set by a stage that cannot work without Redis: /readyz then asks Redis too. */
	atomic_int needs_redis;
	/* What the service waits for at start ("" when nothing), for /readyz; under lock. */
	pthread_mutex_t lock;
	char waiting[300];
	/*
	 * Run with --once, as a command is: a dependency still down after
	 * pipeline.connect_timeout_ms is an error, not a wait.
	 */
	int once;
};

/* Sets up svc for cfg and metrics (both borrowed). Release with svc_release(). */
void svc_init(struct svc *svc, const struct config *cfg, struct metrics *metrics);
void svc_release(struct svc *svc);

/*
 * Waits for a dependency to answer, as clients and readiness probes
 * expect of a service started before its broker or Redis: calls attempt
 * until it returns 0, -2 (a failure for good, such as a configuration
 * error), or *stop is set. attempt returns -1 for what may pass, with the
 * reason; between attempts the service logs what it waits for and why,
 * waits 1 s doubling up to 30 s, and /readyz says so (with svc->once, it
 * gives up after pipeline.connect_timeout_ms instead). svc may be NULL.
 * Returns 0, or -1 with errstr (stopped, or failed for good).
 */
int svc_wait(struct svc *svc, volatile sig_atomic_t *stop, const char *what,
	int (*attempt)(void *ctx, char *errstr, size_t errsize), void *ctx, char *errstr,
	size_t errsize);

/*
 * Redis for a stage that needs it: waits until it answers (svc_wait()),
 * warns when it keeps nothing across a restart (see docs/operations.md),
 * and has /readyz check it from then on. Returns NULL with errstr when
 * stopped or redis.url is unusable. Caller frees with redis_free().
 */
struct redis *svc_redis(struct svc *svc, volatile sig_atomic_t *stop, char *errstr,
	size_t errsize);

/*
 * A client of cfg's Redis (redis.url, redis.prefix) that logs in as
 * redis.username with the password in the variable redis.password_env
 * names; cli_redis_open() connects at its first command,
 * cli_redis_connect() now (NULL with errstr when Redis does not answer or
 * refuses the login). Caller frees with redis_free().
 */
struct redis *cli_redis_open(const struct config *cfg, int timeout_ms, char *errstr,
	size_t errsize);
struct redis *cli_redis_connect(const struct config *cfg, int timeout_ms, char *errstr,
	size_t errsize);

struct cli_service {
	const char *program; /* "precis-extractor" */
	const char *component; /* log prefix: "extractor" */
	const char *usage;
	int accepts_once;
	/*
	 * Checks the service's own settings and plugin sections, and sets up
	 * what must be in place before any thread starts; NULL for none.
	 * Returns 0, or -1 with errstr (a configuration error: exit status 2).
	 */
	int (*prepare)(const struct config *cfg, char *errstr, size_t errsize);
	int (*run)(struct svc *svc, int once, volatile sig_atomic_t *stop, char *errstr,
		size_t errsize);
};

/*
 * The whole main() of a service: signals, cli_init(), prepare(), the
 * library set-up curl and libxml2 need, then run(). Words other than
 * settings are errors, except --once where accepts_once is set. Returns
 * the exit status: 0, 1 when run() fails (its error printed as one line),
 * 2 for bad usage or configuration.
 */
int cli_service_main(const struct cli_service *svc, int argc, char **argv);

#endif
