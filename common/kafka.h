#ifndef PRECIS_KAFKA_H
#define PRECIS_KAFKA_H

#include <librdkafka/rdkafka.h>

#include "config.h"

/*
 * Kafka clients built from the configuration: every kafka.* key is passed
 * to librdkafka, then precis' own requirements are set on top, so that a
 * user cannot turn off what at-least-once delivery depends on.
 */

/* Every kafka.* key, checked by librdkafka itself: 0, or -1 with errstr naming its origin. */
int kafka_config_check(const struct config *cfg, char *errstr, size_t errsize);

/* Sends librdkafka's log lines of a handle made from conf through precis' logger. */
void kafka_conf_route_logs(rd_kafka_conf_t *conf);

/* Largest message precis produces; topics precis creates accept it. */
#define KAFKA_MAX_MESSAGE_BYTES (8 * 1024 * 1024)

/*
 * An idempotent producer. dr_cb receives every delivery report (may be
 * NULL); opaque is handed to it. Returns NULL with errstr filled.
 * Caller frees with rd_kafka_destroy() after rd_kafka_flush().
 */
rd_kafka_t *kafka_producer_new(const struct config *cfg, const char *client_id,
	void (*dr_cb)(rd_kafka_t *, const rd_kafka_message_t *, void *), void *opaque,
	char *errstr, size_t errsize);

/*
 * A consumer in group_id that stores offsets only when told
 * (enable.auto.offset.store=false) and commits stored offsets in the
 * background. rebalance_cb may be NULL. Returns NULL with errstr filled.
 */
rd_kafka_t *kafka_consumer_new(const struct config *cfg, const char *client_id,
	const char *group_id, void (*rebalance_cb)(rd_kafka_t *, rd_kafka_resp_err_t,
				      rd_kafka_topic_partition_list_t *, void *),
	void *opaque, char *errstr, size_t errsize);

/*
 * Waits until the cluster answers (up to pipeline.connect_timeout_ms), then
 * creates every precis topic that does not exist yet, with
 * topics.partitions and topics.replication. Existing topics are left alone.
 * Returns 0, or -1 with errstr, "cannot reach Kafka at ...: ..." when the
 * broker never answered.
 */
int kafka_ensure_topics(rd_kafka_t *rk, const struct config *cfg, char *errstr, size_t errsize);

/*
 * Produces one message with its own short-lived producer and waits for the
 * broker's word: 0 once confirmed, -1 with errstr when refused or not
 * confirmed within pipeline.flush_timeout_ms. For rare messages that must
 * not be reported sent before they are.
 */
int kafka_produce_confirmed(const struct config *cfg, const char *client_id, const char *topic,
	const char *key, const char *value, size_t len, char *errstr, size_t errsize);

/* The consumer group of a stage: PREFIX-STAGE. Writes into out. */
void kafka_group_name(const struct config *cfg, const char *stage, char *out, size_t size);

/*
 * Messages in topic not yet committed by group: the sum over partitions of
 * high watermark minus committed offset, as the broker answers by deadline
 * (mono_ms()). Returns -1 with errstr on error, or when the broker did not
 * answer in time.
 */
int64_t kafka_group_lag(const struct config *cfg, const char *group, const char *topic,
	int64_t deadline, char *errstr, size_t errsize);

/*
 * The same as counts: *total messages in topic now, *done of them committed
 * by group. Returns 0, or -1 with errstr.
 */
int kafka_group_progress(const struct config *cfg, const char *group, const char *topic,
	int64_t deadline, int64_t *done, int64_t *total, char *errstr, size_t errsize);

#endif
