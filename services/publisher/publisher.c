#include "publisher.h"

#include <jansson.h>
#include <pthread.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "kloop.h"
#include "log.h"
#include "metrics.h"
#include "msg.h"
#include "record.h"
#include "redis.h"
#include "redis_keys.h"
#include "schedule.h"
#include "sink.h"
#include "common.h"

enum job { JOB_RECOVER, JOB_PUBLISH };

struct publisher {
	const struct config *cfg;
	struct redis *redis; /* the consumer's */
	struct metrics *metrics;
	/*
	 * Publications (sinks retried for minutes) and recoveries run on a
	 * thread of their own, with a Redis connection of their own, so the
	 * consumer goes on polling and stays in its group meanwhile.
	 */
	pthread_t worker;
	int busy; /* a job was started and its result not taken yet */
	atomic_int done, stop;
	enum job job;
	int rc;
	size_t published;
	char err[1024];
	char period[64]; /* the scheduled period being published */
	int64_t retry_at, backoff; /* a failed scheduled publication waits, doubling */
	int64_t looked_at; /* mono_ms() of the last look at the partitions gathered */
};

static void *work(void *opaque)
{
	struct publisher *p = opaque;
	const struct config *cfg = p->cfg;
	struct edition_published pub[8];
	struct redis *r = cli_redis_connect(cfg, (int)cfg->redis_timeout_ms, p->err, sizeof(p->err));

	p->published = 0;
	if (!r)
		p->rc = -1;
	else if (p->job == JOB_RECOVER)
		p->rc = edition_recover(cfg, r, p->err, sizeof(p->err));
	else
		p->rc = edition_publish(cfg, r, p->metrics, &p->stop, pub, ARRAY_SIZE(pub),
			&p->published, p->err, sizeof(p->err));
	redis_free(r);
	atomic_store(&p->done, 1);
	return NULL;
}

static void start(struct publisher *p, enum job job)
{
	if (p->busy)
		return;
	p->job = job;
	p->busy = 1;
	atomic_store(&p->done, 0);
	if (pthread_create(&p->worker, NULL, work, p))
		BUG("cannot start the publisher's worker thread");
}

/* Takes the result of the job that ended, if one did (or, with wait, when it ends). */
static void collect(struct publisher *p, int wait)
{
	const struct config *cfg = p->cfg;
	redisReply *rep;

	if (!p->busy || (!wait && !atomic_load(&p->done)))
		return;
	pthread_join(p->worker, NULL);
	p->busy = 0;
	if (p->job == JOB_RECOVER) {
		if (p->rc)
			log_error("cannot recover the record of published editions: %s; trying again",
				p->err);
		return;
	}
	if (p->rc) {
		log_error("scheduled publication failed: %s; trying again in %lld s", p->err,
			(long long)p->backoff / 1000);
		p->retry_at = mono_ms() + p->backoff;
		p->backoff = p->backoff * 2 > 3600000 ? 3600000 : p->backoff * 2;
		return;
	}
	p->backoff = cfg->publisher_retry_backoff_ms;
	rep = redis_command(p->redis, "SET %s" REDIS_KEY_SCHEDULED " 1 EX 1209600",
		redis_prefix(p->redis), cfg->publisher_schedule, p->period);
	if (rep)
		freeReplyObject(rep);
	if (!p->published)
		log_info("scheduled publication: nothing new to publish");
}

/*
 * Partition part of the summaries is not gathered into this Redis: what
 * was committed of it may have been in an open edition Redis lost, so it
 * is read again from its start. A partition the group never read is new,
 * as every one is on a first run, and nothing of it was lost. 0, or -1
 * with reason.
 */
static int gather(struct publisher *p, struct kloop *loop, int32_t part, char *reason,
	size_t reasonsize)
{
	int was_read;

	if (kloop_rewind(loop, part, &was_read, reason, reasonsize))
		return -1;
	if (was_read)
		log_warn("partition %d of %s is not gathered into this Redis, which lost its state: "
			 "read again from its start", part, p->cfg->topic_summaries);
	else
		log_info("partition %d of %s is new to this Redis: gathered from its start", part,
			p->cfg->topic_summaries);
	if (record_gathered(p->redis, part)) {
		snprintf(reason, reasonsize, "%s", redis_errstr(p->redis));
		return -1;
	}
	return 0;
}

static enum kloop_verdict handle_summary(struct kloop *loop, const rd_kafka_message_t *m,
	void *opaque, char *reason, size_t reasonsize)
{
	struct publisher *p = opaque;
	json_t *s = msg_decode(MSG_SUMMARY, m->payload, m->len, reason, reasonsize);
	const char *id;
	int added;

	if (!s)
		return KLOOP_POISON;
	id = json_string_value(json_object_get(s, "id"));
	added = edition_add(p->redis, id, m->payload, m->len, m->partition);
	if (added == -1)
		snprintf(reason, reasonsize, "%s", redis_errstr(p->redis));
	else if (added == EDITION_UNRECOVERED)
		snprintf(reason, reasonsize, "waiting for the record of published editions to be "
			"recovered from %s", p->cfg->topic_digests);
	if (added == EDITION_UNRECOVERED)
		start(p, JOB_RECOVER);
	else if (added == EDITION_UNGATHERED && gather(p, loop, m->partition, reason, reasonsize))
		added = -1;
	else if (!added)
		log_debug("article %s is already in a closed edition", id);
	else if (added == 1)
		log_debug("article %s gathered into the open edition", id);
	json_decref(s); /* id lives in it */
	/* A rewound message is read again, whatever this says (kloop_rewind()). */
	return added == -1 || added == EDITION_UNRECOVERED ? KLOOP_RETRY : KLOOP_OK;
}

/*
 * Every few seconds: a partition that receives nothing must be gathered
 * all the same, or what the lost open edition held of it stays lost.
 */
static void look_at_partitions(struct publisher *p, struct kloop *loop)
{
	int32_t parts[1024], missing[1024];
	size_t n;
	int nmissing, whole;
	char reason[512];

	if (mono_ms() - p->looked_at < 5000)
		return;
	p->looked_at = mono_ms();
	whole = record_whole(p->redis);
	if (!whole)
		start(p, JOB_RECOVER);
	if (whole != 1)
		return;
	n = kloop_assigned(loop, parts, ARRAY_SIZE(parts));
	nmissing = record_ungathered(p->redis, parts, n, missing);
	for (int i = 0; i < nmissing; i++)
		if (gather(p, loop, missing[i], reason, sizeof(reason)))
			log_warn("partition %d: %s; trying again", missing[i], reason);
}

/*
 * Publishes the current period's edition once its slot has come
 * (schedule.h) and everything that arrived before it has been read: a
 * publisher (re)started after the slot with summaries waiting in Kafka
 * takes them in first. The publication itself runs on the worker.
 */
static void tick(struct kloop *loop, void *opaque)
{
	struct publisher *p = opaque;
	const struct config *cfg = p->cfg;
	char period[64];
	time_t now = time(NULL);
	struct tm tm;
	redisReply *rep;

	collect(p, 0);
	look_at_partitions(p, loop);
	if (!*cfg->publisher_publish_at || p->busy || mono_ms() < p->retry_at)
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
	if (!rep->integer) {
		snprintf(p->period, sizeof(p->period), "%s", period);
		start(p, JOB_PUBLISH);
	}
	freeReplyObject(rep);
}

int publisher_run(struct svc *svc, int once, volatile sig_atomic_t *stop, char *errstr,
	size_t errsize)
{
	const struct config *cfg = svc->cfg;
	struct publisher p = { .cfg = cfg, .metrics = svc->metrics,
		.backoff = cfg->publisher_retry_backoff_ms };
	struct kloop_options opts = { .stage = "publisher",
		.input_topic = cfg->topic_summaries, .handle = handle_summary, .opaque = &p,
		.tick = tick, .svc = svc };
	int rc;

	(void)once;
	if (svc->metrics)
		metrics_describe(svc->metrics, "precis_headline_parts_cut_total", "counter",
			"headlines that lost a first or last part their site's headlines repeat");
	p.redis = svc_redis(svc, stop, errstr, errsize);
	if (!p.redis)
		return *stop ? 0 : -1;
	rc = kloop_serve(cfg, &opts, stop, errstr, errsize);
	/* A publication in progress stops between two tries: what is left stays pending. */
	atomic_store(&p.stop, 1);
	collect(&p, 1);
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
	if (!sinks_record(sinks, n))
		log_warn("no sink writes %s: if Redis loses its state, what was published "
			 "cannot be told from it", cfg->topic_digests);
	sinks_close(sinks, n);
	return 0;
}
