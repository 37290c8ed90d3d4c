#ifndef PRECIS_UNIT_SERVICES_H
#define PRECIS_UNIT_SERVICES_H
/*
 * What the tests of the service cores share: librdkafka's mock cluster
 * holding precis' five topics, and a private redis-server on a Unix socket
 * that a test may kill and start again, empty, as a Redis without
 * persistence does after a restart. Include after unit.h.
 */
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include "config.h"
#include "kafka.h"
#include "log.h"
#include "redis.h"

/* ---- Kafka ---- */

struct unit_kafka {
	rd_kafka_t *host; /* owns the mock cluster */
	rd_kafka_mock_cluster_t *mc;
	struct config *cfg; /* the cluster's bootstrap and the topics t.pages, t.articles, ... */
};

static inline void unit_set(struct config *cfg, const char *key, const char *value)
{
	char err[512];

	if (config_set(cfg, key, value, "test", err, sizeof(err)))
		fail_msg("%s", err);
}

/*
 * A mock cluster of one broker with the five topics, partitions each, and
 * a config to reach it: yaml (may be NULL) and then the cluster's settings.
 */
static inline void unit_kafka_start(struct unit_kafka *k, int partitions, const char *yaml)
{
	static const char *const keys[] = { "topics.pages", "topics.articles", "topics.summaries",
		"topics.digests", "topics.deadletter" };
	static const char *const names[] = { "t.pages", "t.articles", "t.summaries", "t.digests",
		"t.deadletter" };
	rd_kafka_conf_t *conf = rd_kafka_conf_new();
	char err[256], n[16];

	rd_kafka_conf_set(conf, "test.mock.num.brokers", "1", err, sizeof(err));
	kafka_conf_route_logs(conf);
	k->host = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof(err));
	assert_non_null(k->host);
	k->mc = rd_kafka_handle_mock_cluster(k->host);
	k->cfg = config_new();
	if (yaml) {
		char *path = unit_write_tmp(yaml);

		if (config_load_file(k->cfg, path, err, sizeof(err)))
			fail_msg("%s", err);
		unlink(path);
		free(path);
	}
	unit_set(k->cfg, "kafka.bootstrap.servers", rd_kafka_mock_cluster_bootstraps(k->mc));
	for (size_t i = 0; i < 5; i++) {
		rd_kafka_mock_topic_create(k->mc, names[i], partitions, 1);
		unit_set(k->cfg, keys[i], names[i]);
	}
	snprintf(n, sizeof(n), "%d", partitions);
	unit_set(k->cfg, "topics.partitions", n);
	unit_set(k->cfg, "pipeline.flush_timeout_ms", "5000");
	/* The mock coordinator drops a member that left only when its session ends. */
	unit_set(k->cfg, "kafka.session.timeout.ms", "6000");
	unit_set(k->cfg, "kafka.heartbeat.interval.ms", "500");
	unit_set(k->cfg, "log.level", "error");
	/* UNIT_LOG=debug (or info, warn) shows what the services say. */
	if (getenv("UNIT_LOG"))
		log_setup("unit", (enum log_level)log_level_parse(getenv("UNIT_LOG")), 0);
}

static inline void unit_kafka_stop(struct unit_kafka *k)
{
	config_free(k->cfg);
	rd_kafka_destroy(k->host);
	memset(k, 0, sizeof(*k));
}

/* Produces n messages to topic: keys[i] (keys or keys[i] may be NULL) and values[i]. */
static inline void unit_produce(struct unit_kafka *k, const char *topic, const char *const *keys,
	const char *const *values, size_t n)
{
	char err[256];
	rd_kafka_t *p = kafka_producer_new(k->cfg, "test", NULL, NULL, err, sizeof(err));

	assert_non_null(p);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(rd_kafka_producev(p, RD_KAFKA_V_TOPIC(topic),
					 RD_KAFKA_V_KEY(keys ? keys[i] : NULL,
						 keys && keys[i] ? strlen(keys[i]) : 0),
					 RD_KAFKA_V_VALUE((void *)values[i], strlen(values[i])),
					 RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END),
			0);
	assert_int_equal(rd_kafka_flush(p, 10000), 0);
	rd_kafka_destroy(p);
}

/* Messages in topic now, over all its partitions. */
static inline int64_t unit_count(struct unit_kafka *k, const char *topic)
{
	const struct rd_kafka_metadata *md;
	rd_kafka_topic_t *rkt = rd_kafka_topic_new(k->host, topic, NULL);
	int64_t n = 0;

	assert_int_equal(rd_kafka_metadata(k->host, 0, rkt, &md, 5000), 0);
	for (int i = 0; i < md->topics[0].partition_cnt; i++) {
		int64_t lo, hi;

		assert_int_equal(rd_kafka_query_watermark_offsets(k->host, topic,
					 md->topics[0].partitions[i].id, &lo, &hi, 5000),
			0);
		n += hi - lo;
	}
	rd_kafka_metadata_destroy(md);
	rd_kafka_topic_destroy(rkt);
	return n;
}

struct unit_each {
	void (*fn)(void *ctx, const char *key, const char *value);
	void *ctx;
};

static inline int unit_each_message(void *ctx, const rd_kafka_message_t *m)
{
	struct unit_each *e = ctx;
	char *key = strndup(m->key ? m->key : "", m->key_len);
	char *value = strndup(m->payload ? m->payload : "", m->len);

	if (e->fn)
		e->fn(e->ctx, key, value);
	free(key);
	free(value);
	return 0;
}

/*
 * Every message of topic, in partition then offset order: calls fn (may be
 * NULL) with each key and value (NUL-terminated copies). Returns how many.
 */
static inline size_t unit_consume_all(struct unit_kafka *k, const char *topic,
	void (*fn)(void *ctx, const char *key, const char *value), void *ctx)
{
	struct unit_each e = { fn, ctx };
	char err[256];
	int64_t n = kafka_read_all(k->cfg, topic, unit_each_message, &e, err, sizeof(err));

	if (n < 0)
		fail_msg("%s", err);
	return (size_t)n;
}

/* ---- Redis ---- */

struct unit_redis {
	char dir[64];
	char url[128];
	pid_t pid;
};

static inline void unit_redis_up(struct unit_redis *r)
{
	char sock[128];
	char *argv[] = { "redis-server", "--port", "0", "--unixsocket", sock, "--save", "",
		"--appendonly", "no", "--dir", r->dir, "--logfile", "/dev/null", NULL };
	struct redis *c = NULL;
	char err[256];

	snprintf(sock, sizeof(sock), "%s/redis.sock", r->dir);
	r->pid = fork();
	assert_true(r->pid >= 0);
	if (!r->pid) {
		int null = open("/dev/null", O_RDWR);

		/* Dies with the test, even one that aborts, and keeps none of its output open. */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		dup2(null, 0), dup2(null, 1), dup2(null, 2);
		execvp(argv[0], argv);
		_exit(127);
	}
	for (int i = 0; i < 200 && !c; i++) {
		usleep(25000);
		c = redis_connect(r->url, 500, "", err, sizeof(err));
	}
	if (!c)
		fail_msg("redis-server did not answer: %s", err);
	redis_free(c);
}

/* A redis-server of this test's own, without persistence; r->url reaches it. */
static inline void unit_redis_start(struct unit_redis *r)
{
	snprintf(r->dir, sizeof(r->dir), "/tmp/precis-redis-XXXXXX");
	assert_non_null(mkdtemp(r->dir));
	snprintf(r->url, sizeof(r->url), "unix:%s/redis.sock", r->dir);
	unit_redis_up(r);
}

/* Kills it (no goodbye: as a crash) and, with again, starts it anew: empty. */
static inline void unit_redis_kill(struct unit_redis *r, int again)
{
	int status;
	char sock[128];

	kill(r->pid, SIGKILL);
	waitpid(r->pid, &status, 0);
	snprintf(sock, sizeof(sock), "%s/redis.sock", r->dir);
	unlink(sock);
	if (again)
		unit_redis_up(r);
}

static inline void unit_redis_stop(struct unit_redis *r)
{
	char cmd[128];

	unit_redis_kill(r, 0);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", r->dir); /* with what a test made it write */
	assert_int_equal(system(cmd), 0);
}

#endif
