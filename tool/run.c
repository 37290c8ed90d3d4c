#include "run.h"

#include <errno.h>
#include <fcntl.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <limits.h>
#include <string.h>
#include <sys/file.h>
#include <sys/un.h>
#include <unistd.h>

#include "buf.h"
#include "claims.h"
#include "kafka.h"
#include "log.h"
#include "proc.h"
#include "publisher.h"
#include "redis.h"
#include "sources.h"
#include "common.h"

enum { STAGE_FETCHER, STAGE_EXTRACTOR, STAGE_SUMMARIZER, STAGE_PUBLISHER, NSTAGES };

static const char *const stage_names[NSTAGES] = { "fetcher", "extractor", "summarizer",
	"publisher" };

struct stage_lag {
	const char *stage;
	const char *topic;
};

static void stage_lags(const struct config *cfg, struct stage_lag out[3])
{
	out[0] = (struct stage_lag){ "extractor", cfg->topic_pages };
	out[1] = (struct stage_lag){ "summarizer", cfg->topic_articles };
	out[2] = (struct stage_lag){ "publisher", cfg->topic_summaries };
}

/*
 * Total lag of the pipeline as the broker answers by deadline (mono_ms()),
 * or -1 on error. Stages are read upstream first: a stage commits its input
 * only after its outputs are delivered, so zero everywhere in that order
 * means nothing is left in flight.
 */
static int64_t pipeline_lag(const struct config *cfg, int print, int64_t deadline, char *errstr,
	size_t errsize)
{
	struct stage_lag sl[3];
	int64_t total = 0;

	stage_lags(cfg, sl);
	for (int i = 0; i < 3; i++) {
		char group[256];
		int64_t lag;

		kafka_group_name(cfg, sl[i].stage, group, sizeof(group));
		lag = kafka_group_lag(cfg, group, sl[i].topic, deadline, errstr, errsize);
		if (lag < 0)
			return -1;
		if (print)
			printf("%-11s %-24s %-24s lag %lld\n", sl[i].stage, group, sl[i].topic,
				(long long)lag);
		total += lag;
	}
	return total;
}

int run_lag(const struct config *cfg, int wait_s, int quiet, volatile sig_atomic_t *stop)
{
	/* --wait bounds the whole command, a broker that does not answer included. */
	int64_t deadline = mono_ms() + (wait_s ? (int64_t)wait_s * 1000
					       : cfg->kafka_connect_timeout_ms);
	char err[512];

	for (;;) {
		int64_t lag = pipeline_lag(cfg, !quiet && wait_s == 0, deadline, err, sizeof(err));

		/* A broker just started, or moving a group, answers "not coordinator" for a while. */
		if (lag < 0 && (wait_s == 0 || mono_ms() >= deadline || *stop)) {
			fprintf(stderr, "precis: %s\n", err);
			return 1;
		}
		if (lag < 0) {
			log_debug("%s; asking again", err);
			sleep_ms(500);
			continue;
		}
		if (wait_s == 0 || lag == 0) {
			if (wait_s && !quiet)
				printf("pipeline drained\n");
			return 0;
		}
		if (mono_ms() >= deadline || *stop) {
			fprintf(stderr, "precis: pipeline still has %lld messages to process after %d s\n",
				(long long)lag, wait_s);
			return 1;
		}
		sleep_ms(500);
	}
}

struct embedded {
	struct cli *cli;
	char dir[PATH_MAX];
	char socket[PATH_MAX + 16];
	char redis_url[PATH_MAX + 32];
	char digests[PATH_MAX + 16];
	const char *bootstrap;
	rd_kafka_t *mock_host;
	pid_t redis;
	pid_t stages[NSTAGES];
	int lock; /* the data folder's lock (lock_data_dir()), or -1 */
	int up; /* precis up: the publisher keeps its schedule */
	int progress; /* a terminal: one live status line instead of log lines */
	int64_t shown_at; /* mono_ms() of the last status line */
};

/*
 * On a terminal, how far the articles have come, rewritten in place about
 * once a second; elsewhere nothing (the logs say it). The counts are what
 * each stage's consumer group has committed.
 */
static void show_progress(struct embedded *e, const char *note, int force)
{
	const struct config *cfg = e->cli->cfg;
	struct stage_lag sl[3];
	int64_t done[3], total[3];
	char err[256];

	if (!e->progress || (!force && mono_ms() - e->shown_at < 1000))
		return;
	e->shown_at = mono_ms();
	stage_lags(cfg, sl);
	for (int i = 0; i < 3; i++) {
		char group[256];

		kafka_group_name(cfg, sl[i].stage, group, sizeof(group));
		if (kafka_group_progress(cfg, group, sl[i].topic,
			    mono_ms() + cfg->kafka_connect_timeout_ms, &done[i], &total[i], err,
			    sizeof(err)))
			return;
	}
	fprintf(stderr, "\r\033[K%s: pages %lld \xc2\xb7 extracted %lld \xc2\xb7 summarized %lld "
		"\xc2\xb7 gathered %lld%s%s", e->up ? "precis up" : "precis run", (long long)total[0],
		(long long)done[0], (long long)done[1], (long long)done[2], note ? " \xc2\xb7 " : "",
		note ? note : "");
	fflush(stderr);
}

static void end_progress(struct embedded *e)
{
	if (e->progress && e->shown_at)
		fputc('\n', stderr);
	e->shown_at = 0;
}

/*
 * Why redis-server stopped, from its log: the last line it wrote as a
 * warning ("... # Bad file format reading the append only file"), else its
 * last line, into out; "" when the log says nothing.
 */
static void redis_last_word(const char *logfile, char *out, size_t size)
{
	FILE *f = fopen(logfile, "rb");
	char line[1024];
	int warned = 0;

	out[0] = '\0';
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *mark = strstr(line, " # "), *text = mark ? mark + 3 : line;

		line[strcspn(line, "\r\n")] = '\0';
		if (!*text || (warned && !mark))
			continue;
		warned |= mark != NULL;
		strlcpy_p(out, text, size);
	}
	fclose(f);
}

static int start_redis(struct embedded *e, char *errstr, size_t errsize)
{
	char logfile[PATH_MAX + 16];
	char *argv[] = { e->cli->cfg->run_redis_server, "--port", "0", "--unixsocket", e->socket,
		"--unixsocketperm", "700", "--dir", e->dir, "--appendonly", "yes", "--save", "",
		"--daemonize", "no", "--logfile", logfile, NULL };
	int64_t deadline = mono_ms() + 10000;
	struct redis *r;
	int status;

	snprintf(logfile, sizeof(logfile), "%s/redis.log", e->dir);
	e->redis = proc_spawn(argv, errstr, errsize);
	if (e->redis < 0)
		return -1;
	for (;;) {
		char ignored[256];

		r = redis_connect(e->redis_url, 1000, "", ignored, sizeof(ignored));
		if (r) {
			redis_free(r);
			return 0;
		}
		if (!proc_running(e->redis, &status)) {
			char how[64], why[512];

			proc_describe(status, how, sizeof(how));
			redis_last_word(logfile, why, sizeof(why));
			snprintf(errstr, errsize, "redis-server %s%s%s (%s)", how, *why ? ": " : "", why,
				logfile);
			e->redis = -1;
			return -1;
		}
		if (mono_ms() > deadline) {
			snprintf(errstr, errsize, "redis-server did not answer on %s within 10 s",
				e->socket);
			return -1;
		}
		sleep_ms(50);
	}
}

static int start_broker(struct embedded *e, char *errstr, size_t errsize)
{
	const struct config *cfg = e->cli->cfg;
	const char *topics[] = { cfg->topic_pages, cfg->topic_articles, cfg->topic_summaries,
		cfg->topic_digests, cfg->topic_deadletter };
	rd_kafka_conf_t *conf = rd_kafka_conf_new();
	rd_kafka_mock_cluster_t *mc;
	char kerr[512];

	/* The mock cluster lives in this process; the stages reach it over loopback TCP. */
	if (rd_kafka_conf_set(conf, "test.mock.num.brokers", "1", kerr, sizeof(kerr))) {
		rd_kafka_conf_destroy(conf);
		snprintf(errstr, errsize, "cannot start the embedded broker: %s", kerr);
		return -1;
	}
	kafka_conf_route_logs(conf);
	e->mock_host = rd_kafka_new(RD_KAFKA_PRODUCER, conf, kerr, sizeof(kerr));
	if (!e->mock_host) {
		rd_kafka_conf_destroy(conf);
		snprintf(errstr, errsize, "cannot start the embedded broker: %s", kerr);
		return -1;
	}
	mc = rd_kafka_handle_mock_cluster(e->mock_host);
	if (!mc) {
		snprintf(errstr, errsize, "this librdkafka has no mock cluster");
		return -1;
	}
	for (size_t i = 0; i < ARRAY_SIZE(topics); i++)
		rd_kafka_mock_topic_create(mc, topics[i], (int)cfg->topic_partitions, 1);
	e->bootstrap = rd_kafka_mock_cluster_bootstraps(mc);
	return 0;
}

static int start_stage(struct embedded *e, int stage, const char *bindir, char *errstr,
	size_t errsize)
{
	struct cli *cli = e->cli;
	char bin[PATH_MAX + 32], bs[512], ru[PATH_MAX + 64], od[PATH_MAX + 64];
	char **argv = xcalloc((size_t)cli->nsettings * 2 + 16, sizeof(*argv));
	int n = 0;

	snprintf(bin, sizeof(bin), "%s/precis-%s", bindir, stage_names[stage]);
	snprintf(bs, sizeof(bs), "kafka.bootstrap.servers=%s", e->bootstrap);
	snprintf(ru, sizeof(ru), "redis.url=%s", e->redis_url);
	snprintf(od, sizeof(od), "publisher.output_dir=%s", e->digests);
	argv[n++] = bin;
	if (cli->config_path) {
		argv[n++] = "--config";
		argv[n++] = (char *)cli->config_path;
	}
	for (int i = 0; i < cli->nsettings; i++) {
		argv[n++] = "--set";
		argv[n++] = cli->settings[i];
	}
	/* After the user's flags, so these win: the embedded services are the only ones. */
	argv[n++] = "--set", argv[n++] = bs;
	argv[n++] = "--set", argv[n++] = ru;
	argv[n++] = "--set", argv[n++] = od;
	if (stage == STAGE_PUBLISHER && !e->up) /* run publishes itself once drained */
		argv[n++] = "--set", argv[n++] = "publisher.publish_at=";
	if (stage == STAGE_FETCHER) /* the broker forgets on exit: seen only once published */
		argv[n++] = "--set", argv[n++] = "fetcher.mark_seen=run";
	if (stage == STAGE_FETCHER)
		argv[n++] = "--once";
	/* The status line speaks for the stages on a terminal; their warnings still show. */
	if (e->progress && !strcmp(cli->cfg->log_level, "info"))
		argv[n++] = "--set", argv[n++] = "log.level=warn";
	argv[n] = NULL;
	e->stages[stage] = proc_spawn(argv, errstr, errsize);
	free(argv);
	return e->stages[stage] < 0 ? -1 : 0;
}

/* 0 while every started stage but the fetcher runs; -1 with errstr if one died. */
static int check_stages(struct embedded *e, char *errstr, size_t errsize)
{
	for (int s = STAGE_EXTRACTOR; s < NSTAGES; s++) {
		int status;

		if (e->stages[s] > 0 && !proc_running(e->stages[s], &status)) {
			char how[64];

			proc_describe(status, how, sizeof(how));
			snprintf(errstr, errsize, "the %s %s", stage_names[s], how);
			e->stages[s] = -1;
			return -1;
		}
	}
	return 0;
}

static int wait_drained(struct embedded *e, volatile sig_atomic_t *stop, char *errstr,
	size_t errsize)
{
	const struct config *cfg = e->cli->cfg;
	int64_t deadline = mono_ms() + cfg->run_drain_timeout_s * 1000;
	int zero_in_a_row = 0;

	/* Two quiet readings in a row, a moment apart, so a commit in flight is not missed. */
	while (zero_in_a_row < 2) {
		int64_t lag;

		if (*stop) {
			snprintf(errstr, errsize, "interrupted");
			return -1;
		}
		if (check_stages(e, errstr, errsize))
			return -1;
		lag = pipeline_lag(cfg, 0, mono_ms() + cfg->kafka_connect_timeout_ms, errstr, errsize);
		if (lag < 0 && mono_ms() > deadline)
			return -1;
		zero_in_a_row = lag == 0 ? zero_in_a_row + 1 : 0;
		show_progress(e, "draining", 0);
		if (mono_ms() > deadline) {
			snprintf(errstr, errsize,
				"%lld messages still unprocessed after %lld s (run.drain_timeout_s)",
				(long long)lag, (long long)cfg->run_drain_timeout_s);
			return -1;
		}
		if (lag < 0)
			log_debug("%s; asking again", errstr);
		sleep_ms(zero_in_a_row ? 1200 : 300);
	}
	return 0;
}

static void stop_all(struct embedded *e)
{
	for (int s = NSTAGES - 1; s >= 0; s--) {
		if (e->stages[s] > 0) {
			int status = proc_stop(e->stages[s], 30000);

			if (!WIFEXITED(status) || WEXITSTATUS(status)) {
				char how[64];

				proc_describe(status, how, sizeof(how));
				log_warn("the %s %s while stopping", stage_names[s], how);
			}
			e->stages[s] = -1;
		}
	}
	if (e->redis > 0)
		proc_stop(e->redis, 10000); /* SIGTERM makes Redis write its data */
	e->redis = -1;
	if (e->mock_host)
		rd_kafka_destroy(e->mock_host);
	e->mock_host = NULL;
}

/*
 * One precis run or up per data folder: two would take over each other's
 * Redis socket and append-only file. The lock is inherited by the children,
 * so it lasts while any of them may still write there; the file names the
 * process that took it.
 */
static int lock_data_dir(struct embedded *e, char *errstr, size_t errsize)
{
	char path[PATH_MAX + 16], holder[32];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/lock", e->dir);
	fd = open(path, O_RDWR | O_CREAT, 0600);
	if (fd < 0) {
		snprintf(errstr, errsize, "cannot open %s: %s", path, strerror(errno));
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB)) {
		if (errno == EWOULDBLOCK) {
			n = pread(fd, holder, sizeof(holder) - 1, 0);
			holder[n > 0 ? n : 0] = '\0';
			holder[strcspn(holder, "\n")] = '\0';
			snprintf(errstr, errsize, "data dir %s in use by PID %s (another precis run or "
				"up)", e->dir, *holder ? holder : "unknown");
		} else {
			snprintf(errstr, errsize, "cannot lock %s: %s", path, strerror(errno));
		}
		close(fd);
		return -1;
	}
	n = snprintf(holder, sizeof(holder), "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) || pwrite(fd, holder, (size_t)n, 0) != n)
		log_warn("cannot write the PID into %s: %s", path, strerror(errno));
	e->lock = fd;
	return 0;
}

/* Articles a broken run fetched never reached an edition: fetch them again. */
static int forget_broken_run(struct embedded *e, char *errstr, size_t errsize)
{
	struct redis *r = redis_connect(e->redis_url, (int)e->cli->cfg->redis_timeout_ms,
		e->cli->cfg->redis_prefix, errstr, errsize);
	int rc;

	if (!r)
		return -1;
	rc = claims_forget_run(r, errstr, errsize);
	redis_free(r);
	return rc;
}

/*
 * After a poll, the sources that could not be read, on stderr: those
 * failing now, whether this poll failed them or left them out while they
 * back off. Returns how many, or -1 (said why) when Redis cannot tell.
 */
static int report_sources(struct embedded *e)
{
	const struct config *cfg = e->cli->cfg;
	char err[512];
	struct redis *r = redis_connect(e->redis_url, (int)cfg->redis_timeout_ms, cfg->redis_prefix,
		err, sizeof(err));
	int failing = r ? sources_status(cfg, r, stderr, 1) : -1;

	if (failing < 0)
		log_warn("cannot tell which sources were read: %s", r ? redis_errstr(r) : err);
	redis_free(r);
	return failing;
}

/*
 * After a run's drain, how many messages the stages gave up on, on stderr:
 * the embedded broker forgets its dead-letter topic when the run ends, so
 * the warnings above and this line are all that is left of them.
 */
static int64_t report_dead_letters(struct embedded *e)
{
	const struct config *cfg = e->cli->cfg;
	char group[256], err[512];
	int64_t done, total;

	/* a group that never commits: total is every message on the topic */
	kafka_group_name(cfg, "run-deadletters", group, sizeof(group));
	if (kafka_group_progress(cfg, group, cfg->topic_deadletter,
		    mono_ms() + cfg->kafka_connect_timeout_ms, &done, &total, err, sizeof(err))) {
		log_warn("cannot tell how many messages were dead-lettered: %s", err);
		return 0;
	}
	if (total)
		fprintf(stderr, "precis: %lld page%s or article%s could not be used and %s "
				"dead-lettered (the warnings above say why)\n", (long long)total,
			total == 1 ? "" : "s", total == 1 ? "" : "s", total == 1 ? "was" : "were");
	return total;
}

/*
 * Publishes the open edition and prints where it went. nothing_read: no
 * source could be read; dead: the messages this run dead-lettered.
 */
static int publish(struct embedded *e, int nothing_read, int64_t dead, char *errstr,
	size_t errsize)
{
	struct config *cfg = e->cli->cfg;
	struct edition_published pub[16];
	struct redis *r;
	size_t n;
	int rc;

	r = redis_connect(e->redis_url, (int)cfg->redis_timeout_ms, cfg->redis_prefix, errstr,
		errsize);
	if (!r)
		return -1;
	rc = edition_publish(cfg, r, NULL, pub, ARRAY_SIZE(pub), &n, errstr, errsize);
	if (!rc)
		rc = claims_confirm_run(cfg, r, errstr, errsize);
	redis_free(r);
	if (rc)
		return -1;
	if (!n) {
		/* "no new articles" would hide pages that were new but unusable */
		if (dead > 0)
			printf("nothing to publish: the %lld page%s or article%s read %s dead-lettered; "
			       "digests are in %s\n", (long long)dead, dead == 1 ? "" : "s",
				dead == 1 ? "" : "s", dead == 1 ? "was" : "were", e->digests);
		else if (!nothing_read) /* else there was no way to tell */
			printf("no new articles since the last run; digests are in %s\n", e->digests);
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		printf("digest: %s (%lld articles, %lld stories)\n", pub[i].path, pub[i].articles,
			pub[i].stories);
	return 0;
}

/* Confirms what the polls so far fetched: drained, it is in the open edition in Redis. */
static int confirm(struct embedded *e, char *errstr, size_t errsize)
{
	struct redis *r = redis_connect(e->redis_url, (int)e->cli->cfg->redis_timeout_ms,
		e->cli->cfg->redis_prefix, errstr, errsize);
	int rc;

	if (!r)
		return -1;
	rc = claims_confirm_run(e->cli->cfg, r, errstr, errsize);
	redis_free(r);
	return rc;
}

/* One poll of every source by a fetcher --once, then the drain. 0, or -1 with errstr. */
static int poll_and_drain(struct embedded *e, const char *bindir, volatile sig_atomic_t *stop,
	char *err, size_t errsize)
{
	int status;

	if (start_stage(e, STAGE_FETCHER, bindir, err, errsize))
		return -1;
	while (proc_running(e->stages[STAGE_FETCHER], &status)) {
		if (*stop) {
			snprintf(err, errsize, "interrupted");
			return -1;
		}
		if (check_stages(e, err, errsize))
			return -1;
		show_progress(e, "polling", 0);
		sleep_ms(100);
	}
	e->stages[STAGE_FETCHER] = -1;
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		char how[64];

		proc_describe(status, how, sizeof(how));
		snprintf(err, errsize, "the fetcher %s", how);
		return -1;
	}
	if (!e->progress)
		log_info("all sources polled; waiting for the pipeline to drain");
	if (wait_drained(e, stop, err, errsize))
		return -1;
	show_progress(e, "drained", 1);
	return 0;
}

static int embedded(struct cli *cli, const char *data_dir, volatile sig_atomic_t *stop, int up)
{
	struct embedded e;
	char err[1024], errset[512], bsset[512];
	char *bindir = proc_self_dir(), *real;
	int rc = 1, unread;
	int64_t dead;

	memset(&e, 0, sizeof(e));
	e.cli = cli;
	e.up = up;
	e.progress = isatty(STDERR_FILENO) && !strcmp(cli->cfg->log_format, "text");
	e.redis = -1;
	e.lock = -1;
	for (int s = 0; s < NSTAGES; s++)
		e.stages[s] = -1;
	if (mkdir_p(data_dir, 0700)) {
		fprintf(stderr, "precis: cannot create data folder %s: %s\n", data_dir,
			strerror(errno));
		goto out;
	}
	real = realpath(data_dir, NULL);
	snprintf(e.dir, sizeof(e.dir), "%s", real ? real : data_dir);
	free(real);
	snprintf(e.socket, sizeof(e.socket), "%s/redis.sock", e.dir);
	snprintf(e.redis_url, sizeof(e.redis_url), "unix:%s", e.socket);
	if (strlen(e.socket) >= sizeof(((struct sockaddr_un *)0)->sun_path)) {
		snprintf(err, sizeof(err), "data dir %s is too long a path: the Redis socket in it "
			"would be %zu bytes, and a Unix socket takes at most %zu; choose a shorter "
			"--data-dir", e.dir, strlen(e.socket),
			sizeof(((struct sockaddr_un *)0)->sun_path) - 1);
		rc = 2; /* the data folder given: a usage error */
		goto fail;
	}
	if (*cli->cfg->publisher_output_dir)
		snprintf(e.digests, sizeof(e.digests), "%s", cli->cfg->publisher_output_dir);
	else
		snprintf(e.digests, sizeof(e.digests), "%s/digests", e.dir);

	if (lock_data_dir(&e, err, sizeof(err)) || start_redis(&e, err, sizeof(err)) ||
		start_broker(&e, err, sizeof(err)) || forget_broken_run(&e, err, sizeof(err)))
		goto fail;
	/* This process talks to the same embedded services as its children. */
	snprintf(bsset, sizeof(bsset), "%s", e.bootstrap);
	if (config_set(cli->cfg, "kafka.bootstrap.servers", bsset, "precis run", errset,
		    sizeof(errset)) ||
		config_set(cli->cfg, "redis.url", e.redis_url, "precis run", errset, sizeof(errset)) ||
		config_set(cli->cfg, "publisher.output_dir", e.digests, "precis run", errset,
			sizeof(errset))) {
		snprintf(err, sizeof(err), "%s", errset);
		goto fail;
	}
	log_info("embedded broker on %s, Redis on %s, data in %s", e.bootstrap, e.socket, e.dir);
	for (int s = STAGE_EXTRACTOR; s < NSTAGES; s++)
		if (start_stage(&e, s, bindir, err, sizeof(err)))
			goto fail;
	while (up) {
		int64_t next = mono_ms() + cli->cfg->fetcher_poll_interval_s * 1000;

		if (poll_and_drain(&e, bindir, stop, err, sizeof(err)) || confirm(&e, err, sizeof(err))) {
			if (*stop)
				goto stopped;
			goto fail;
		}
		if (!e.progress)
			log_info("poll done; next in %lld s (fetcher.poll_interval_s); the publisher "
				 "publishes on its schedule",
				(long long)cli->cfg->fetcher_poll_interval_s);
		while (!*stop && mono_ms() < next) {
			char note[64];

			if (check_stages(&e, err, sizeof(err)))
				goto fail;
			snprintf(note, sizeof(note), "next poll in %lld s",
				(long long)((next - mono_ms()) / 1000 + 1));
			show_progress(&e, note, 0);
			sleep_ms(200);
		}
		if (*stop)
			goto stopped;
	}
	if (poll_and_drain(&e, bindir, stop, err, sizeof(err)))
		goto fail;
	end_progress(&e);
	unread = report_sources(&e);
	dead = report_dead_letters(&e);
	for (int s = STAGE_EXTRACTOR; s < NSTAGES; s++)
		proc_stop(e.stages[s], 30000), e.stages[s] = -1;
	if (publish(&e, cli->cfg->nsources && unread == (int)cli->cfg->nsources, dead, err,
		    sizeof(err)))
		goto fail;
	rc = 0;
	/* Exit 0 with every source unread would look like a quiet news day. */
	if (cli->cfg->nsources && unread == (int)cli->cfg->nsources) {
		fprintf(stderr, "precis: no source could be read (see above; precis sources status "
				"shows it again)\n");
		rc = 1;
	} else if (unread > 0) {
		fprintf(stderr, "precis: %d of %zu sources could not be read (see above)\n", unread,
			cli->cfg->nsources);
	}
	goto out;
stopped:
	end_progress(&e);
	log_info("stopping on request");
	rc = 0;
	goto out;
fail:
	end_progress(&e);
	fprintf(stderr, "precis: %s\n", err);
out:
	stop_all(&e);
	if (e.lock >= 0)
		close(e.lock); /* after Redis has written its data */
	free(bindir);
	return rc;
}

int run_embedded(struct cli *cli, const char *data_dir, volatile sig_atomic_t *stop)
{
	return embedded(cli, data_dir, stop, 0);
}

int run_up(struct cli *cli, const char *data_dir, volatile sig_atomic_t *stop)
{
	return embedded(cli, data_dir, stop, 1);
}
