#include "publisher.h"

#include <jansson.h>
#include <string.h>
#include <time.h>

#include "kloop.h"
#include "log.h"
#include "metrics.h"
#include "msg.h"
#include "redis.h"
#include "redis_keys.h"
#include "schedule.h"
#include "sink.h"
#include "common.h"

struct publisher {
	const struct config *cfg;
	struct redis *redis;
	struct metrics *metrics;
};

static enum kloop_verdict handle_summary(struct kloop *loop, const rd_kafka_message_t *m,
	void *opaque, char *reason, size_t reasonsize)
{
	struct publisher *p = opaque;
	json_t *s = msg_decode(MSG_SUMMARY, m->payload, m->len, reason, reasonsize);
	const char *id;
	int added;

	(void)loop;
	if (!s)
		return KLOOP_POISON;
	id = json_string_value(json_object_get(s, "id"));
	added = edition_add(p->redis, id, m->payload, m->len);
	if (added < 0) {
		snprintf(reason, reasonsize, "%s", redis_errstr(p->redis));
		json_decref(s);
		return KLOOP_RETRY;
	}
	if (!added)
		log_debug("article %s is already in a closed edition", id);
	else
		log_debug("article %s gathered into the open edition", id);
	json_decref(s); /* id lives in it */
	return KLOOP_OK;
}

/*
 * Publishes the current period's edition once its slot has come
 * (schedule.h) and everything that arrived before it has been read: a
 * publisher (re)started after the slot with summaries waiting in Kafka
 * takes them in first.
 */
static void tick(struct kloop *loop, void *opaque)
{
	struct publisher *p = opaque;
	const struct config *cfg = p->cfg;
	struct edition_published pub[8];
	char period[64], err[512];
	time_t now = time(NULL);
	struct tm tm;
	redisReply *rep;
	size_t n;

	if (!*cfg->publisher_publish_at)
		return;
	localtime_r(&now, &tm);
	if (!schedule_due(cfg->publisher_schedule, cfg->publisher_publish_at,
		    cfg->publisher_publish_day, &tm, period, sizeof(period)) ||
		!kloop_caught_up(loop))
		return;
	rep = redis_command(p->redis, "EXISTS %s" REDIS_KEY_SCHEDULED, redis_prefix(p->redis),
		cfg->publisher_schedule, period);
	if (!rep)
		return;
	if (rep->integer) {
		freeReplyObject(rep);
		return;
	}
	freeReplyObject(rep);
	if (edition_publish(cfg, p->redis, p->metrics, pub, ARRAY_SIZE(pub), &n, err, sizeof(err))) {
		log_error("scheduled publication failed: %s; retrying", err);
		return;
	}
	rep = redis_command(p->redis, "SET %s" REDIS_KEY_SCHEDULED " 1 EX 1209600",
		redis_prefix(p->redis), cfg->publisher_schedule, period);
	if (rep)
		freeReplyObject(rep);
	if (!n)
		log_info("scheduled publication: nothing new to publish");
}

int publisher_run(struct svc *svc, int once, volatile sig_atomic_t *stop, char *errstr,
	size_t errsize)
{
	const struct config *cfg = svc->cfg;
	struct publisher p = { cfg, NULL, svc->metrics };
	struct kloop_options opts = { .stage = "publisher",
		.input_topic = cfg->topic_summaries, .handle = handle_summary, .opaque = &p,
		.tick = tick, .svc = svc };
	int rc;

	(void)once;
	if (svc->metrics)
		metrics_describe(svc->metrics, "precis_headline_parts_cut_total", "counter",
			"headlines that lost a first or last part their site's headlines repeat");
	p.redis = redis_connect(cfg->redis_url, (int)cfg->redis_timeout_ms, cfg->redis_prefix, errstr,
		errsize);
	if (!p.redis)
		return -1;
	atomic_store(&svc->needs_redis, 1);
	rc = kloop_serve(cfg, &opts, stop, errstr, errsize);
	redis_free(p.redis);
	return rc;
}

int publisher_prepare(const struct config *cfg, char *errstr, size_t errsize)
{
	struct sink *sinks;
	size_t n;

	if (schedule_prepare(cfg, errstr, errsize))
		return -1;
	/* A mistake in a sink shows now, not at the first publication hours later. */
	sinks = sinks_open(cfg, &n, errstr, errsize);
	if (!sinks)
		return -1;
	sinks_close(sinks, n);
	return 0;
}
