#include "kafka.h"

#include <string.h>

#include "log.h"
#include "common.h"

int kafka_config_check(const struct config *cfg, char *errstr, size_t errsize)
{
	rd_kafka_conf_t *kc = rd_kafka_conf_new();
	char kerr[512];
	int rc = 0;

	for (size_t i = 0; i < cfg->nkafka && !rc; i++) {
		if (rd_kafka_conf_set(kc, cfg->kafka[i].key, cfg->kafka[i].value, kerr,
			    sizeof(kerr)) != RD_KAFKA_CONF_OK) {
			snprintf(errstr, errsize, "%s: kafka.%s: %s", cfg->kafka[i].origin,
				cfg->kafka[i].key, kerr);
			rc = -1;
		}
	}
	rd_kafka_conf_destroy(kc);
	return rc;
}

static void kafka_log_cb(const rd_kafka_t *rk, int level, const char *fac, const char *buf)
{
	(void)rk;
	/* syslog levels: 0-3 errors, 4 warning, 5-6 notice/info, 7 debug */
	if (level <= 3)
		log_error("kafka: %s: %s", fac, buf);
	else if (level == 4)
		log_warn("kafka: %s: %s", fac, buf);
	else if (level <= 6)
		log_info("kafka: %s: %s", fac, buf);
	else
		log_debug("kafka: %s: %s", fac, buf);
}

/*
 * librdkafka recovers from transport errors by itself and has already logged
 * them through kafka_log_cb; only a fatal error needs saying again.
 */
static void kafka_error_cb(rd_kafka_t *rk, int err, const char *reason, void *opaque)
{
	char fatal[512];

	(void)opaque;
	if (err == RD_KAFKA_RESP_ERR__FATAL) {
		rd_kafka_fatal_error(rk, fatal, sizeof(fatal));
		log_error("kafka: fatal: %s", fatal);
	} else {
		log_debug("kafka: %s", reason);
	}
}

void kafka_conf_route_logs(rd_kafka_conf_t *conf)
{
	rd_kafka_conf_set_log_cb(conf, kafka_log_cb);
	rd_kafka_conf_set_error_cb(conf, kafka_error_cb);
}

static int set(rd_kafka_conf_t *c, const char *k, const char *v, char *errstr, size_t errsize)
{
	char kerr[512];

	if (rd_kafka_conf_set(c, k, v, kerr, sizeof(kerr)) != RD_KAFKA_CONF_OK) {
		snprintf(errstr, errsize, "kafka.%s: %s", k, kerr);
		return -1;
	}
	return 0;
}

/* The user's kafka.* keys, with our defaults for what they left unset. */
/*
 * kafka.* holds settings for both kinds of client; librdkafka warns at
 * start about each one of the other kind ("... is a consumer property and
 * will be ignored by this producer instance"). Each client takes its own
 * and the common ones. From librdkafka's CONFIGURATION.md (scope C or P).
 */
static const char *const consumer_only[] = { "group.id", "group.instance.id",
	"partition.assignment.strategy", "session.timeout.ms", "heartbeat.interval.ms",
	"group.protocol.type", "group.protocol", "group.remote.assignor",
	"coordinator.query.interval.ms", "max.poll.interval.ms", "enable.auto.commit",
	"auto.commit.interval.ms", "enable.auto.offset.store", "queued.min.messages",
	"queued.max.messages.kbytes", "fetch.wait.max.ms", "fetch.queue.backoff.ms",
	"fetch.message.max.bytes", "max.partition.fetch.bytes", "fetch.max.bytes",
	"fetch.min.bytes", "fetch.error.backoff.ms", "offset.store.method", "isolation.level",
	"enable.partition.eof", "check.crcs", "auto.offset.reset" };
static const char *const producer_only[] = { "transactional.id", "transaction.timeout.ms",
	"enable.idempotence", "enable.gapless.guarantee", "queue.buffering.max.messages",
	"queue.buffering.max.kbytes", "queue.buffering.max.ms", "linger.ms",
	"message.send.max.retries", "retries", "queue.buffering.backpressure.threshold",
	"compression.codec", "compression.type", "compression.level", "batch.num.messages",
	"batch.size", "delivery.report.only.error", "sticky.partitioning.linger.ms",
	"request.required.acks", "acks", "request.timeout.ms", "message.timeout.ms",
	"delivery.timeout.ms", "partitioner" };

static int listed(const char *key, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(key, list[i]))
			return 1;
	return 0;
}

static rd_kafka_conf_t *base_conf(const struct config *cfg, const char *client_id, int consumer,
	char *errstr, size_t errsize)
{
	rd_kafka_conf_t *c = rd_kafka_conf_new();

	if (!config_kafka_get(cfg, "bootstrap.servers") &&
		set(c, "bootstrap.servers", "127.0.0.1:9092", errstr, errsize))
		goto fail;
	if (set(c, "client.id", client_id, errstr, errsize))
		goto fail;
	for (size_t i = 0; i < cfg->nkafka; i++) {
		const char *k = cfg->kafka[i].key;

		if (consumer ? listed(k, producer_only, ARRAY_SIZE(producer_only))
			     : listed(k, consumer_only, ARRAY_SIZE(consumer_only)))
			continue;
		if (set(c, k, cfg->kafka[i].value, errstr, errsize))
			goto fail;
	}
	kafka_conf_route_logs(c);
	return c;
fail:
	rd_kafka_conf_destroy(c);
	return NULL;
}

rd_kafka_t *kafka_producer_new(const struct config *cfg, const char *client_id,
	void (*dr_cb)(rd_kafka_t *, const rd_kafka_message_t *, void *), void *opaque,
	char *errstr, size_t errsize)
{
	rd_kafka_conf_t *c = base_conf(cfg, client_id, 0, errstr, errsize);
	char kerr[512], max[32];
	rd_kafka_t *rk;

	if (!c)
		return NULL;
	snprintf(max, sizeof(max), "%d", KAFKA_MAX_MESSAGE_BYTES + 65536);
	if (!config_kafka_get(cfg, "message.max.bytes") &&
		set(c, "message.max.bytes", max, errstr, errsize))
		goto fail;
	if (!config_kafka_get(cfg, "compression.type") &&
		set(c, "compression.type", "lz4", errstr, errsize))
		goto fail;
	/* Not overridable: the at-least-once loop needs ordered, non-duplicated retries. */
	if (set(c, "enable.idempotence", "true", errstr, errsize))
		goto fail;
	if (dr_cb)
		rd_kafka_conf_set_dr_msg_cb(c, dr_cb);
	rd_kafka_conf_set_opaque(c, opaque);
	rk = rd_kafka_new(RD_KAFKA_PRODUCER, c, kerr, sizeof(kerr));
	if (!rk) {
		snprintf(errstr, errsize, "cannot create Kafka producer: %s", kerr);
		goto fail;
	}
	return rk; /* rd_kafka_new() took ownership of c */
fail:
	rd_kafka_conf_destroy(c);
	return NULL;
}

rd_kafka_t *kafka_consumer_new(const struct config *cfg, const char *client_id,
	const char *group_id, void (*rebalance_cb)(rd_kafka_t *, rd_kafka_resp_err_t,
				      rd_kafka_topic_partition_list_t *, void *),
	void *opaque, char *errstr, size_t errsize)
{
	rd_kafka_conf_t *c = base_conf(cfg, client_id, 1, errstr, errsize);
	char kerr[512];
	rd_kafka_t *rk;

	if (!c)
		return NULL;
	if (!config_kafka_get(cfg, "auto.offset.reset") &&
		set(c, "auto.offset.reset", "earliest", errstr, errsize))
		goto fail;
	if (set(c, "group.id", group_id, errstr, errsize) ||
		set(c, "enable.auto.offset.store", "false", errstr, errsize))
		goto fail;
	if (rebalance_cb)
		rd_kafka_conf_set_rebalance_cb(c, rebalance_cb);
	rd_kafka_conf_set_opaque(c, opaque);
	rk = rd_kafka_new(RD_KAFKA_CONSUMER, c, kerr, sizeof(kerr));
	if (!rk) {
		snprintf(errstr, errsize, "cannot create Kafka consumer: %s", kerr);
		goto fail;
	}
	rd_kafka_poll_set_consumer(rk);
	return rk;
fail:
	rd_kafka_conf_destroy(c);
	return NULL;
}

static const char *bootstrap(const struct config *cfg)
{
	const char *b = config_kafka_get(cfg, "bootstrap.servers");

	return b ? b : "127.0.0.1:9092";
}

static int wait_ready(rd_kafka_t *rk, const struct config *cfg, char *errstr, size_t errsize)
{
	const struct rd_kafka_metadata *md = NULL;
	int64_t deadline = mono_ms() + cfg->kafka_connect_timeout_ms;
	rd_kafka_resp_err_t err;

	do {
		int64_t left = deadline - mono_ms();

		err = rd_kafka_metadata(rk, 0, NULL, &md, (int)(left > 1000 ? 1000 : left > 0 ? left : 1));
		if (!err) {
			rd_kafka_metadata_destroy(md);
			return 0;
		}
	} while (mono_ms() < deadline);
	snprintf(errstr, errsize, "cannot reach Kafka at %s within %lld ms: %s", bootstrap(cfg),
		(long long)cfg->kafka_connect_timeout_ms, rd_kafka_err2str(err));
	return -1;
}

static int topic_exists(const struct rd_kafka_metadata *md, const char *name)
{
	for (int i = 0; i < md->topic_cnt; i++)
		if (!strcmp(md->topics[i].topic, name) && !md->topics[i].err)
			return 1;
	return 0;
}

int kafka_ensure_topics(rd_kafka_t *rk, const struct config *cfg, char *errstr, size_t errsize)
{
	const char *names[] = { cfg->topic_pages, cfg->topic_articles, cfg->topic_summaries,
		cfg->topic_digests, cfg->topic_deadletter };
	rd_kafka_NewTopic_t *nt[ARRAY_SIZE(names)];
	const struct rd_kafka_metadata *md = NULL;
	rd_kafka_queue_t *q = NULL;
	rd_kafka_event_t *ev = NULL;
	size_t n = 0;
	char kerr[512], max[32];
	int rc = -1;

	if (wait_ready(rk, cfg, errstr, errsize))
		return -1;
	if (rd_kafka_metadata(rk, 1, NULL, &md, (int)cfg->kafka_connect_timeout_ms)) {
		snprintf(errstr, errsize, "cannot list topics at %s", bootstrap(cfg));
		return -1;
	}
	snprintf(max, sizeof(max), "%d", KAFKA_MAX_MESSAGE_BYTES + 65536);
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		if (topic_exists(md, names[i]))
			continue;
		nt[n] = rd_kafka_NewTopic_new(names[i], (int)cfg->topic_partitions,
			(int)cfg->topic_replication, kerr, sizeof(kerr));
		if (!nt[n]) {
			snprintf(errstr, errsize, "topic %s: %s", names[i], kerr);
			goto out;
		}
		rd_kafka_NewTopic_set_config(nt[n], "max.message.bytes", max);
		n++;
	}
	if (!n) {
		rc = 0;
		goto out;
	}
	q = rd_kafka_queue_new(rk);
	rd_kafka_CreateTopics(rk, nt, n, NULL, q);
	ev = rd_kafka_queue_poll(q, (int)cfg->kafka_connect_timeout_ms + 5000);
	if (!ev || rd_kafka_event_error(ev)) {
		snprintf(errstr, errsize, "cannot create topics: %s",
			ev ? rd_kafka_event_error_string(ev) : "timed out");
		goto out;
	} else {
		const rd_kafka_CreateTopics_result_t *res = rd_kafka_event_CreateTopics_result(ev);
		size_t cnt;
		const rd_kafka_topic_result_t **tr = rd_kafka_CreateTopics_result_topics(res, &cnt);

		for (size_t i = 0; i < cnt; i++) {
			rd_kafka_resp_err_t e = rd_kafka_topic_result_error(tr[i]);

			if (e && e != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) {
				snprintf(errstr, errsize, "cannot create topic %s: %s",
					rd_kafka_topic_result_name(tr[i]),
					rd_kafka_topic_result_error_string(tr[i]));
				goto out;
			}
		}
	}
	rc = 0;
out:
	if (ev)
		rd_kafka_event_destroy(ev);
	if (q)
		rd_kafka_queue_destroy(q);
	for (size_t i = 0; i < n; i++)
		rd_kafka_NewTopic_destroy(nt[i]);
	rd_kafka_metadata_destroy(md);
	return rc;
}

void kafka_group_name(const struct config *cfg, const char *stage, char *out, size_t size)
{
	snprintf(out, size, "%s-%s", cfg->group_prefix, stage);
}

int64_t kafka_group_lag(const struct config *cfg, const char *group, const char *topic,
	int64_t deadline, char *errstr, size_t errsize)
{
	int64_t done, total;

	if (kafka_group_progress(cfg, group, topic, deadline, &done, &total, errstr, errsize))
		return -1;
	return total - done;
}

/* What is left of the time until deadline, for one request to the broker (at least 1 ms). */
static int time_left(int64_t deadline)
{
	int64_t left = deadline - mono_ms();

	return left < 1 ? 1 : left > INT32_MAX ? INT32_MAX : (int)left;
}

int kafka_group_progress(const struct config *cfg, const char *group, const char *topic,
	int64_t deadline, int64_t *done, int64_t *total, char *errstr, size_t errsize)
{
	rd_kafka_t *rk = kafka_consumer_new(cfg, "precis-lag", group, NULL, NULL, errstr, errsize);
	const struct rd_kafka_metadata *md = NULL;
	rd_kafka_topic_partition_list_t *parts = NULL;
	rd_kafka_resp_err_t err;
	int64_t lag = -1;
	rd_kafka_topic_t *rkt;

	*done = *total = 0;
	if (!rk)
		return -1;
	rkt = rd_kafka_topic_new(rk, topic, NULL);
	err = rd_kafka_metadata(rk, 0, rkt, &md, time_left(deadline));
	rd_kafka_topic_destroy(rkt);
	if (err || md->topic_cnt != 1 || md->topics[0].err) {
		snprintf(errstr, errsize, "cannot read metadata of %s: %s", topic,
			rd_kafka_err2str(err ? err : md->topic_cnt ? md->topics[0].err : err));
		goto out;
	}
	parts = rd_kafka_topic_partition_list_new(md->topics[0].partition_cnt);
	for (int i = 0; i < md->topics[0].partition_cnt; i++)
		rd_kafka_topic_partition_list_add(parts, topic, md->topics[0].partitions[i].id);
	err = rd_kafka_committed(rk, parts, time_left(deadline));
	if (err) {
		snprintf(errstr, errsize, "cannot read offsets of group %s: %s", group,
			rd_kafka_err2str(err));
		goto out;
	}
	lag = 0;
	for (int i = 0; i < parts->cnt; i++) {
		int64_t lo, hi, committed = parts->elems[i].offset;

		err = rd_kafka_query_watermark_offsets(rk, topic, parts->elems[i].partition, &lo,
			&hi, time_left(deadline));
		if (err) {
			snprintf(errstr, errsize, "cannot read watermarks of %s: %s", topic,
				rd_kafka_err2str(err));
			lag = -1;
			goto out;
		}
		/* No commit yet: everything from the low watermark on is unread. */
		lag += hi - (committed >= 0 ? committed : lo);
		*total += hi - lo;
	}
	*done = *total - lag;
out:
	if (parts)
		rd_kafka_topic_partition_list_destroy(parts);
	if (md)
		rd_kafka_metadata_destroy(md);
	rd_kafka_destroy(rk);
	return lag < 0 ? -1 : 0;
}

struct confirmation {
	int done;
	rd_kafka_resp_err_t err;
};

static void on_confirmation(rd_kafka_t *rk, const rd_kafka_message_t *m, void *opaque)
{
	struct confirmation *c = m->_private;

	(void)rk, (void)opaque;
	c->done = 1;
	c->err = m->err;
}

int kafka_produce_confirmed(const struct config *cfg, const char *client_id, const char *topic,
	const char *key, const char *value, size_t len, char *errstr, size_t errsize)
{
	struct confirmation c = { 0, RD_KAFKA_RESP_ERR_NO_ERROR };
	rd_kafka_t *p = kafka_producer_new(cfg, client_id, on_confirmation, NULL, errstr, errsize);
	int rc = -1;

	if (!p)
		return -1;
	if (kafka_ensure_topics(p, cfg, errstr, errsize))
		goto out;
	if (rd_kafka_producev(p, RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_KEY(key, key ? strlen(key) : 0),
		    RD_KAFKA_V_VALUE((void *)value, len), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
		    RD_KAFKA_V_OPAQUE(&c), RD_KAFKA_V_END)) {
		snprintf(errstr, errsize, "cannot produce to %s: %s", topic,
			rd_kafka_err2str(rd_kafka_last_error()));
		goto out;
	}
	rd_kafka_flush(p, (int)cfg->kafka_flush_timeout_ms);
	if (!c.done || c.err) {
		snprintf(errstr, errsize, "%s: not confirmed by the broker: %s", topic,
			c.done ? rd_kafka_err2str(c.err) : "timed out");
		goto out;
	}
	rc = 0;
out:
	/* Nothing may outlive this call: its delivery report would point at our stack. */
	rd_kafka_purge(p, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
	rd_kafka_flush(p, 1000);
	rd_kafka_destroy(p);
	return rc;
}
