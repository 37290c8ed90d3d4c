/*
 * One file on purpose, past the usual size: the loop, its offsets, held
 * messages, read-ahead, retries, rebalances and rewinds all move the same
 * state (what is in hand, what is complete, what may be committed), and
 * each step's correctness depends on the others'. Split, the invariants
 * would be spread over files that must change together.
 */
#include "kloop.h"

#include <string.h>

#include "kafka.h"
#include "log.h"
#include "metrics.h"
#include "otrack.h"
#include "msg.h"
#include "trace.h"
#include "common.h"

struct kloop {
	const struct config *cfg;
	struct kloop_options opts;
	rd_kafka_t *consumer;
	rd_kafka_t *producer;
	struct otrack *track;
	/* Outputs of a revoked assignment must not complete a later one's messages. */
	uint64_t generation;
	int fatal;
	/* The message being handled, for kloop_produce(), and its trace. */
	const rd_kafka_message_t *current;
	char current_tp[TRACEPARENT_SIZE]; /* "" without one */
	char current_trace[TRACE_ID_SIZE];
	int64_t lag; /* at the last look; -1 before the first */
	uint64_t in, out, dead;
	struct kloop_held *held; /* list of messages held by the handler */
	size_t nheld;
	int paused; /* consumption paused: max_held were held for a while */
	int64_t full_since; /* mono_ms() since max_held are held; 0 when not full */
	rd_kafka_message_t *ahead; /* read while full, handled first when a hold ends */
	/*
	 * The message whose handler asked for a retry: the partitions are paused
	 * and the loop goes on polling (a consumer that stops polling for
	 * max.poll.interval.ms is put out of its group) until retry_at.
	 */
	rd_kafka_message_t *retry;
	int64_t retry_at, retry_backoff;
	int64_t started; /* mono_ms() when the message being handled was first read */
	int current_rewound; /* its partition was rewound while it was handled */
};

/* Travels with each output as its opaque and comes back in the delivery report. */
struct origin {
	int32_t partition;
	int64_t offset;
	uint64_t generation;
	char traceparent[TRACEPARENT_SIZE]; /* the input's, "" without one */
};

struct kloop_held {
	struct origin origin;
	char trace[TRACE_ID_SIZE]; /* the trace id of origin.traceparent, "" without one */
	int64_t started; /* mono_ms() when read */
	void *key, *payload; /* copies, for a dead letter */
	size_t key_len, len;
	struct kloop_held *prev, *next;
};

static void forget(rd_kafka_message_t **m)
{
	if (*m)
		rd_kafka_message_destroy(*m);
	*m = NULL;
}

static void on_delivery(rd_kafka_t *rk, const rd_kafka_message_t *m, void *opaque)
{
	struct kloop *loop = opaque;
	struct origin *o = m->_private;

	(void)rk;
	if (m->err) {
		/* The idempotent producer already retried; this output is lost for good. */
		log_error("output to %s was not delivered: %s; stopping without committing its input",
			rd_kafka_topic_name(m->rkt), rd_kafka_err2str(m->err));
		loop->fatal = 1;
		if (loop->opts.svc)
			atomic_store(&loop->opts.svc->ready, 0);
	} else if (o->generation == loop->generation) {
		otrack_delivered(loop->track, o->partition, o->offset);
	}
	free(o);
}

static void store_offsets(struct kloop *loop)
{
	rd_kafka_topic_partition_list_t *l = NULL;

	if (loop->fatal)
		return;
	for (size_t i = 0; i < otrack_npartitions(loop->track); i++) {
		int32_t p = otrack_partition(loop->track, i);
		int64_t off = otrack_storable(loop->track, p);

		if (off < 0)
			continue;
		if (!l)
			l = rd_kafka_topic_partition_list_new(4);
		rd_kafka_topic_partition_list_add(l, loop->opts.input_topic, p)->offset = off;
	}
	if (l) {
		rd_kafka_resp_err_t err = rd_kafka_offsets_store(loop->consumer, l);

		if (err)
			log_warn("cannot store offsets: %s", rd_kafka_err2str(err));
		rd_kafka_topic_partition_list_destroy(l);
	}
}

/* Waits for every output in flight, then stores and commits what is complete. */
static void settle(struct kloop *loop)
{
	rd_kafka_resp_err_t err = rd_kafka_flush(loop->producer, (int)loop->cfg->kafka_flush_timeout_ms);

	if (err)
		log_warn("%d outputs still in flight after %lld ms; their inputs will be redelivered",
			rd_kafka_outq_len(loop->producer), (long long)loop->cfg->kafka_flush_timeout_ms);
	store_offsets(loop);
	err = rd_kafka_commit(loop->consumer, NULL, 0);
	if (err && err != RD_KAFKA_RESP_ERR__NO_OFFSET)
		log_warn("commit failed: %s", rd_kafka_err2str(err));
}

static void drain_held(struct kloop *loop, int in_rebalance);

static void on_rebalance(rd_kafka_t *rk, rd_kafka_resp_err_t err,
	rd_kafka_topic_partition_list_t *parts, void *opaque)
{
	struct kloop *loop = opaque;

	if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
		log_info("assigned %d partitions of %s", parts->cnt, loop->opts.input_topic);
		rd_kafka_assign(rk, parts);
		/* librdkafka keeps a partition's pause across a revoke and re-assign. */
		rd_kafka_resume_partitions(rk, parts);
		loop->paused = 0;
		if (loop->opts.svc)
			atomic_store(&loop->opts.svc->ready, 1);
		return;
	}
	if (err == RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS) {
		log_info("revoking %d partitions of %s", parts->cnt, loop->opts.input_topic);
		/* Its next owner (or we, after the next assignment) reads them again. */
		forget(&loop->ahead);
		forget(&loop->retry);
		/* Work paid for (an LLM answer) is delivered, not done again by the next owner. */
		drain_held(loop, 1);
		settle(loop);
		for (int i = 0; i < parts->cnt; i++)
			otrack_drop(loop->track, parts->elems[i].partition);
		loop->generation++;
		loop->paused = 0;
	} else {
		log_error("rebalance failed: %s", rd_kafka_err2str(err));
	}
	rd_kafka_assign(rk, NULL);
}

struct kloop *kloop_new(const struct config *cfg, const struct kloop_options *opts, char *errstr,
	size_t errsize)
{
	struct kloop *loop = xcalloc(1, sizeof(*loop));
	struct metrics *metrics = opts->svc ? opts->svc->metrics : NULL;
	char group[256], client[300];

	loop->cfg = cfg;
	loop->opts = *opts;
	loop->lag = -1;
	loop->track = otrack_new();
	kafka_group_name(cfg, opts->stage, group, sizeof(group));
	snprintf(client, sizeof(client), "precis-%s", opts->stage);

	loop->producer = kafka_producer_new(cfg, client, on_delivery, loop, errstr, errsize);
	if (!loop->producer)
		goto fail;
	loop->consumer = kafka_consumer_new(cfg, client, group, on_rebalance, loop, errstr, errsize);
	if (!loop->consumer)
		goto fail;
	if (metrics) {
		metrics_describe(metrics, "precis_messages_in_total", "counter", "messages read by the stage");
		metrics_describe(metrics, "precis_messages_out_total", "counter",
			"messages produced by the stage, dead letters included");
		metrics_describe(metrics, "precis_dead_letters_total", "counter",
			"input messages the stage gave up on");
		metrics_describe(metrics, "precis_retries_total", "counter",
			"retries of a message while a dependency was down");
		metrics_describe(metrics, "precis_processing_seconds", "histogram",
			"time to handle one message, retries included");
		metrics_describe(metrics, "precis_consumer_lag", "gauge",
			"messages of the assigned partitions not read yet");
	}
	return loop;
fail:
	kloop_free(loop);
	return NULL;
}

static enum kloop_verdict produce_for(struct kloop *loop, const struct origin *from, const char *topic,
	const char *key, const void *value, size_t len, char *errstr, size_t errsize)
{
	struct origin *o = xmalloc(sizeof(*o));
	rd_kafka_headers_t *headers = rd_kafka_headers_new(1);
	rd_kafka_resp_err_t err;
	char span[TRACEPARENT_SIZE];

	*o = *from;
	otrack_output(loop->track, o->partition, o->offset);
	/* The article's trace goes on, in a span of this stage's own. */
	if (from->traceparent[0]) {
		trace_child(from->traceparent, span);
		rd_kafka_header_add(headers, TRACE_HEADER, -1, span, -1);
	}
	/*
	 * A full queue empties as the broker confirms what is in it: serve the
	 * delivery reports and try again, for as long as a flush may take.
	 */
	for (int64_t give_up = mono_ms() + loop->cfg->kafka_flush_timeout_ms;;) {
		err = rd_kafka_producev(loop->producer, RD_KAFKA_V_TOPIC(topic),
			RD_KAFKA_V_KEY(key, key ? strlen(key) : 0),
			RD_KAFKA_V_VALUE((void *)value, len), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
			RD_KAFKA_V_HEADERS(headers), RD_KAFKA_V_OPAQUE(o), RD_KAFKA_V_END);
		if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL || mono_ms() >= give_up)
			break;
		rd_kafka_poll(loop->producer, 100);
	}
	if (err)
		rd_kafka_headers_destroy(headers); /* producev took them only on success */
	if (err) {
		otrack_delivered(loop->track, o->partition, o->offset);
		free(o);
		snprintf(errstr, errsize, "cannot produce to %s: %s", topic, rd_kafka_err2str(err));
		return err == RD_KAFKA_RESP_ERR__QUEUE_FULL ? KLOOP_RETRY : KLOOP_POISON;
	}
	loop->out++;
	if (loop->opts.svc)
		metrics_add(loop->opts.svc->metrics, "precis_messages_out_total", 1, "stage",
			loop->opts.stage, "topic", topic, NULL);
	return KLOOP_OK;
}

enum kloop_verdict kloop_produce(struct kloop *loop, const char *topic, const char *key, const void *value,
	size_t len, char *errstr, size_t errsize)
{
	const rd_kafka_message_t *in = loop->current;
	struct origin o;

	if (!in)
		BUG("kloop_produce called outside a handler");
	o = (struct origin){ in->partition, in->offset, loop->generation, "" };
	memcpy(o.traceparent, loop->current_tp, sizeof(o.traceparent));
	return produce_for(loop, &o, topic, key, value, len, errstr, errsize);
}

static int dead_letter(struct kloop *loop, const struct origin *from, const void *key,
	size_t key_len, const void *payload, size_t len, const char *reason)
{
	json_t *dl = msg_deadletter(loop->opts.stage, reason, loop->opts.input_topic,
		from->partition, from->offset, key, key_len, payload, len);
	char err[512], what[512];
	size_t n;
	char *s = msg_encode(MSG_DEADLETTER, dl, &n, err, sizeof(err));
	int rc;

	json_decref(dl);
	/* An offset alone does not tell an operator which article was lost. */
	msg_describe(payload, len, key, key_len, what, sizeof(what));
	log_warn("dead-lettering offset %lld of partition %d of %s%s%s%s: %s",
		(long long)from->offset, from->partition, loop->opts.input_topic, *what ? " (" : "",
		what, *what ? ")" : "", reason);
	if (!s)
		BUG("dead letter does not match its schema: %s", err);
	rc = produce_for(loop, from, loop->cfg->topic_deadletter, NULL, s, n, err, sizeof(err));
	free(s);
	if (rc)
		log_error("cannot dead-letter offset %lld of partition %d: %s",
			(long long)from->offset, from->partition, err);
	loop->dead++;
	if (loop->opts.svc)
		metrics_add(loop->opts.svc->metrics, "precis_dead_letters_total", 1, "stage",
			loop->opts.stage, NULL);
	return rc;
}

struct kloop_held *kloop_hold(struct kloop *loop)
{
	const rd_kafka_message_t *m = loop->current;
	struct kloop_held *h;

	if (!m)
		BUG("kloop_hold called outside a handler");
	h = xcalloc(1, sizeof(*h));
	h->origin = (struct origin){ m->partition, m->offset, loop->generation, "" };
	memcpy(h->origin.traceparent, loop->current_tp, sizeof(h->origin.traceparent));
	memcpy(h->trace, loop->current_trace, sizeof(h->trace));
	h->started = mono_ms();
	h->key = m->key_len ? xmemdup(m->key, m->key_len) : NULL;
	h->key_len = m->key_len;
	h->payload = m->len ? xmemdup(m->payload, m->len) : NULL;
	h->len = m->len;
	h->next = loop->held;
	if (loop->held)
		loop->held->prev = h;
	loop->held = h;
	loop->nheld++;
	return h;
}

enum kloop_verdict kloop_produce_held(struct kloop *loop, struct kloop_held *h,
	const char *topic, const char *key, const void *value, size_t len, char *errstr,
	size_t errsize)
{
	if (h->origin.generation != loop->generation)
		return KLOOP_OK;
	return produce_for(loop, &h->origin, topic, key, value, len, errstr, errsize);
}

static void held_free(struct kloop *loop, struct kloop_held *h)
{
	if (h->prev)
		h->prev->next = h->next;
	else
		loop->held = h->next;
	if (h->next)
		h->next->prev = h->prev;
	loop->nheld--;
	free(h->key);
	free(h->payload);
	free(h);
}

void kloop_finish(struct kloop *loop, struct kloop_held *h, enum kloop_verdict v,
	const char *reason)
{
	const struct origin *o = &h->origin;

	if (v == KLOOP_HELD)
		BUG("a held message ends OK, POISON or RETRY");
	if (o->generation != loop->generation)
		goto out; /* revoked meanwhile: the new owner handles it */
	if (v == KLOOP_RETRY) {
		/* Later messages may be complete already: only a restart reads this one again. */
		log_error("offset %lld of partition %d cannot be finished now: %s; stopping without "
			  "committing it", (long long)o->offset, o->partition, reason);
		loop->fatal = 1;
		goto out;
	}
	if (v == KLOOP_POISON) {
		if (dead_letter(loop, o, h->key, h->key_len, h->payload, h->len, reason)) {
			loop->fatal = 1;
			goto out;
		}
	}
	otrack_handled(loop->track, o->partition, o->offset);
	if (loop->opts.svc)
		metrics_observe(loop->opts.svc->metrics, "precis_processing_seconds",
			(double)(mono_ms() - h->started) / 1000.0, "stage", loop->opts.stage, NULL);
out:
	held_free(loop, h);
}

const char *kloop_held_trace_id(const struct kloop_held *h)
{
	return h->trace;
}

const char *kloop_trace_id(const struct kloop *loop)
{
	return loop->current_trace;
}

size_t kloop_held_count(const struct kloop *loop)
{
	return loop->nheld;
}

/*
 * Hands m to the handler; again when it is a retry. Returns KLOOP_RETRY
 * when the handler wants the same message again later (the caller keeps
 * it); otherwise the message is done with: complete, dead-lettered, held,
 * or the loop must stop.
 */
static enum kloop_verdict handle(struct kloop *loop, const rd_kafka_message_t *m, int again)
{
	struct metrics *metrics = loop->opts.svc ? loop->opts.svc->metrics : NULL;
	char reason[512] = "";
	enum kloop_verdict v;

	/* Outputs continue the message's trace; every log line about it names it. */
	loop->current_trace[0] = '\0';
	if (!trace_of_message(m, loop->current_tp))
		trace_id(loop->current_tp, loop->current_trace);
	log_set_trace(loop->current_trace);
	if (!again) {
		otrack_begin(loop->track, m->partition, m->offset);
		loop->in++;
		loop->started = mono_ms();
		if (metrics)
			metrics_add(metrics, "precis_messages_in_total", 1, "stage", loop->opts.stage,
				"topic", loop->opts.input_topic, NULL);
	}
	loop->current = m;
	loop->current_rewound = 0;
	v = loop->opts.handle(loop, m, loop->opts.opaque, reason, sizeof(reason));
	if (loop->current_rewound) {
		v = KLOOP_OK; /* it is read again with the rest of its partition */
		goto out;
	}
	if (v == KLOOP_RETRY) {
		log_warn("offset %lld of partition %d: %s; retrying in %lld ms",
			(long long)m->offset, m->partition, reason, (long long)loop->retry_backoff);
		if (metrics)
			metrics_add(metrics, "precis_retries_total", 1, "stage", loop->opts.stage, NULL);
		goto out;
	}
	if (v == KLOOP_HELD)
		goto out; /* kloop_finish() completes it */
	if (v == KLOOP_POISON) {
		struct origin o = { m->partition, m->offset, loop->generation, "" };

		memcpy(o.traceparent, loop->current_tp, sizeof(o.traceparent));
		if (dead_letter(loop, &o, m->key, m->key_len, m->payload, m->len, reason)) {
			loop->fatal = 1;
			goto out;
		}
	}
	otrack_handled(loop->track, m->partition, m->offset);
	if (metrics)
		metrics_observe(metrics, "precis_processing_seconds",
			(double)(mono_ms() - loop->started) / 1000.0, "stage", loop->opts.stage, NULL);
out:
	loop->current = NULL;
	log_set_trace(NULL);
	return v == KLOOP_RETRY ? KLOOP_RETRY : KLOOP_OK;
}

/*
 * Messages of the assigned partitions not yet read, from librdkafka's
 * watermarks (fetched with the messages). A partition whose watermarks are
 * not known yet counts as not caught up.
 */
static void look_at_lag(struct kloop *loop)
{
	rd_kafka_topic_partition_list_t *parts = NULL;
	int64_t lag = 0;

	if (rd_kafka_assignment(loop->consumer, &parts))
		return;
	if (!parts->cnt || rd_kafka_position(loop->consumer, parts)) {
		loop->lag = -1; /* no assignment yet, or no position: nothing to trust */
		rd_kafka_topic_partition_list_destroy(parts);
		return;
	}
	for (int i = 0; i < parts->cnt; i++) {
		int64_t lo = -1, hi = -1, pos = parts->elems[i].offset;

		if (rd_kafka_get_watermark_offsets(loop->consumer, parts->elems[i].topic,
			    parts->elems[i].partition, &lo, &hi) || hi < 0) {
			lag = -1;
			break;
		}
		lag += hi - (pos >= 0 ? pos : lo);
	}
	loop->lag = lag;
	if (lag >= 0 && loop->opts.svc)
		metrics_set(loop->opts.svc->metrics, "precis_consumer_lag", (double)lag, "stage",
			loop->opts.stage, "topic", loop->opts.input_topic, NULL);
	rd_kafka_topic_partition_list_destroy(parts);
}

int kloop_caught_up(const struct kloop *loop)
{
	return loop->lag == 0;
}

static void set_paused(struct kloop *loop, int pause)
{
	rd_kafka_topic_partition_list_t *parts = NULL;

	if (pause == loop->paused || rd_kafka_assignment(loop->consumer, &parts))
		return;
	if (pause)
		rd_kafka_pause_partitions(loop->consumer, parts);
	else
		rd_kafka_resume_partitions(loop->consumer, parts);
	rd_kafka_topic_partition_list_destroy(parts);
	loop->paused = pause;
}

/*
 * The next message to handle, or NULL. With max_held messages held the loop
 * reads one message ahead and keeps it until a hold ends. Only when it stays
 * full for a second does it pause its partitions and go on polling, which
 * keeps it in the group: a pause drops what librdkafka fetched in advance,
 * and fetching it again after every short wait would cost more than it saves.
 */
static rd_kafka_message_t *next_message(struct kloop *loop)
{
	int full = loop->opts.max_held && loop->nheld >= loop->opts.max_held;
	rd_kafka_message_t *m;

	if (!full) {
		loop->full_since = 0;
		set_paused(loop, 0);
		if (loop->ahead) {
			m = loop->ahead;
			loop->ahead = NULL;
			return m;
		}
		return rd_kafka_consumer_poll(loop->consumer, loop->nheld ? 0 : 100);
	}
	if (!loop->full_since)
		loop->full_since = mono_ms();
	if (mono_ms() - loop->full_since > 1000)
		set_paused(loop, 1);
	if (loop->ahead && !loop->paused)
		return NULL;
	m = rd_kafka_consumer_poll(loop->consumer, 0);
	if (!m || m->err)
		return m;
	if (!loop->ahead) {
		loop->ahead = m;
		return NULL;
	}
	/* Fetched before the pause took hold: handle both, in order, over the limit. */
	{
		rd_kafka_message_t *first = loop->ahead;

		loop->ahead = m;
		return first;
	}
}

/*
 * The held messages get until the deadline to finish; the rest are read
 * again by the partitions' next owner. Inside a rebalance callback the
 * consumer must not be polled, and needs not be: nothing is fetched then.
 */
static void drain_held(struct kloop *loop, int in_rebalance)
{
	int64_t deadline = mono_ms() + loop->cfg->shutdown_timeout_ms;
	size_t max_held = loop->opts.max_held;

	if (!in_rebalance)
		forget(&loop->ahead); /* not handled: read again later */
	if (!loop->nheld || !loop->opts.pump)
		return;
	log_info("finishing %zu messages in flight", loop->nheld);
	loop->opts.max_held = 1; /* read nothing more */
	while (loop->nheld && !loop->fatal && mono_ms() < deadline) {
		if (!in_rebalance) {
			rd_kafka_message_t *m;

			set_paused(loop, 1);
			m = rd_kafka_consumer_poll(loop->consumer, 0);
			if (m)
				rd_kafka_message_destroy(m); /* not handled: read again later */
		}
		loop->opts.pump(loop, loop->opts.opaque, 100);
		rd_kafka_poll(loop->producer, 0);
	}
	loop->opts.max_held = max_held;
	if (loop->nheld)
		log_warn("%zu messages did not finish in time; they will be read again", loop->nheld);
}

/* A consumer error: librdkafka recovers from most by itself; a fatal one stops the loop. */
static void consumer_error(struct kloop *loop, const rd_kafka_message_t *m)
{
	if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF)
		return;
	log_warn("consumer: %s", rd_kafka_message_errstr(m));
	if (m->err == RD_KAFKA_RESP_ERR__FATAL)
		loop->fatal = 1;
}

/*
 * A message read that is not to be handled now: its partition goes back to
 * it, so it is read again. The seek's barrier drops what librdkafka fetched
 * after it, and the paused partition fetches from there once resumed.
 */
static void put_back(struct kloop *loop, rd_kafka_message_t *m)
{
	rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new(1);
	rd_kafka_error_t *e;

	rd_kafka_topic_partition_list_add(l, loop->opts.input_topic, m->partition)->offset =
		m->offset;
	e = rd_kafka_seek_partitions(loop->consumer, l, 0);
	if (e) {
		/* Not stored either way: at worst the next owner reads it after a restart. */
		log_warn("cannot go back to offset %lld of partition %d: %s", (long long)m->offset,
			m->partition, rd_kafka_error_string(e));
		rd_kafka_error_destroy(e);
	}
	rd_kafka_topic_partition_list_destroy(l);
	rd_kafka_message_destroy(m);
}

/*
 * The next message, or NULL: the one waiting for its retry once its time
 * has come (*again is set), else a new one. While a retry waits, the
 * partitions stay paused and the consumer is polled all the same, so the
 * loop stays in its group and rebalances are served.
 */
static rd_kafka_message_t *next_or_retry(struct kloop *loop, int *again)
{
	rd_kafka_message_t *m;
	int64_t left;

	*again = 0;
	if (!loop->retry)
		return next_message(loop);
	left = loop->retry_at - mono_ms();
	if (left <= 0) {
		m = loop->retry;
		loop->retry = NULL;
		*again = 1;
		return m;
	}
	m = rd_kafka_consumer_poll(loop->consumer, left > 100 ? 100 : (int)left);
	if (m && !m->err) {
		put_back(loop, m); /* fetched before the pause took hold */
		return NULL;
	}
	return m;
}

static int ensure_topics(void *ctx, char *errstr, size_t errsize)
{
	struct kloop *loop = ctx;

	return kafka_ensure_topics(loop->producer, loop->cfg, errstr, errsize);
}

/* Waits for the broker (a stage may start before it), then subscribes. */
static int subscribe(struct kloop *loop, volatile sig_atomic_t *stop)
{
	rd_kafka_topic_partition_list_t *sub;
	rd_kafka_resp_err_t err;
	char errstr[512], group[256];

	if (svc_wait(loop->opts.svc, stop, "Kafka", ensure_topics, loop, errstr, sizeof(errstr))) {
		if (*stop)
			return 0;
		log_error("%s", errstr);
		return -1;
	}
	sub = rd_kafka_topic_partition_list_new(1);
	rd_kafka_topic_partition_list_add(sub, loop->opts.input_topic, RD_KAFKA_PARTITION_UA);
	err = rd_kafka_subscribe(loop->consumer, sub);
	rd_kafka_topic_partition_list_destroy(sub);
	if (err) {
		log_error("cannot subscribe to %s: %s", loop->opts.input_topic, rd_kafka_err2str(err));
		return -1;
	}
	kafka_group_name(loop->cfg, loop->opts.stage, group, sizeof(group));
	log_info("consuming %s as group %s", loop->opts.input_topic, group);
	return 0;
}

int kloop_run(struct kloop *loop, volatile sig_atomic_t *stop)
{
	int64_t last_report = mono_ms(), last_tick = 0;

	if (subscribe(loop, stop))
		return -1;
	loop->retry_backoff = 200;
	while (!*stop && !loop->fatal) {
		int again;
		rd_kafka_message_t *m = next_or_retry(loop, &again);

		if (m && !m->err && handle(loop, m, again) == KLOOP_RETRY) {
			loop->retry = m;
			loop->retry_at = mono_ms() + loop->retry_backoff;
			loop->retry_backoff = loop->retry_backoff * 2 > 10000 ? 10000
									: loop->retry_backoff * 2;
			set_paused(loop, 1);
		} else if (m) {
			if (m->err)
				consumer_error(loop, m);
			else
				loop->retry_backoff = 200;
			rd_kafka_message_destroy(m);
		}
		if (loop->opts.pump)
			loop->opts.pump(loop, loop->opts.opaque, m || !loop->nheld ? 0 : 20);
		rd_kafka_poll(loop->producer, 0);
		store_offsets(loop);
		if (mono_ms() - last_tick >= 1000) {
			look_at_lag(loop);
			if (loop->opts.tick)
				loop->opts.tick(loop, loop->opts.opaque);
			last_tick = mono_ms();
		}
		if (mono_ms() - last_report > 60000) {
			log_info("%llu in, %llu out, %llu dead-lettered, %zu pending",
				(unsigned long long)loop->in, (unsigned long long)loop->out,
				(unsigned long long)loop->dead, otrack_pending(loop->track));
			last_report = mono_ms();
		}
	}
	forget(&loop->retry); /* never handled: read again after the restart */
	if (!loop->fatal)
		drain_held(loop, 0);
	forget(&loop->ahead);
	log_info("stopping: %llu in, %llu out, %llu dead-lettered", (unsigned long long)loop->in,
		(unsigned long long)loop->out, (unsigned long long)loop->dead);
	settle(loop);
	rd_kafka_consumer_close(loop->consumer);
	return loop->fatal ? -1 : 0;
}

size_t kloop_assigned(struct kloop *loop, int32_t *out, size_t max)
{
	rd_kafka_topic_partition_list_t *parts = NULL;
	size_t n = 0;

	if (rd_kafka_assignment(loop->consumer, &parts))
		return 0;
	for (int i = 0; i < parts->cnt && n < max; i++)
		out[n++] = parts->elems[i].partition;
	rd_kafka_topic_partition_list_destroy(parts);
	return n;
}

int kloop_rewind(struct kloop *loop, int32_t partition, int *was_read, char *errstr,
	size_t errsize)
{
	rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new(1);
	rd_kafka_topic_partition_t *tp;
	rd_kafka_resp_err_t err;
	rd_kafka_error_t *e;
	int64_t off, hi;
	int rc = -1;

	tp = rd_kafka_topic_partition_list_add(l, loop->opts.input_topic, partition);
	err = rd_kafka_query_watermark_offsets(loop->consumer, loop->opts.input_topic, partition,
		&off, &hi, (int)loop->cfg->kafka_connect_timeout_ms);
	if (err) {
		snprintf(errstr, errsize, "cannot look up the start of partition %d: %s", partition,
			rd_kafka_err2str(err));
		goto out;
	}
	if (was_read) {
		err = rd_kafka_committed(loop->consumer, l, (int)loop->cfg->kafka_connect_timeout_ms);
		if (err || tp->err) {
			snprintf(errstr, errsize, "cannot look up the group's offset of partition %d: %s",
				partition, rd_kafka_err2str(err ? err : tp->err));
			goto out;
		}
		*was_read = tp->offset > off;
	}
	/* No output of the old reading may complete a message of the new one. */
	if (rd_kafka_flush(loop->producer, (int)loop->cfg->kafka_flush_timeout_ms)) {
		snprintf(errstr, errsize, "outputs still in flight; cannot rewind partition %d",
			partition);
		goto out;
	}
	tp->offset = off;
	e = rd_kafka_seek_partitions(loop->consumer, l, (int)loop->cfg->kafka_connect_timeout_ms);
	if (e || tp->err) {
		snprintf(errstr, errsize, "cannot seek partition %d: %s", partition,
			e ? rd_kafka_error_string(e) : rd_kafka_err2str(tp->err));
		if (e)
			rd_kafka_error_destroy(e);
		goto out;
	}
	/* From here on the partition is read anew: nothing in hand completes anything. */
	otrack_drop(loop->track, partition);
	if (loop->retry && loop->retry->partition == partition)
		forget(&loop->retry);
	if (loop->ahead && loop->ahead->partition == partition)
		forget(&loop->ahead);
	for (struct kloop_held *h = loop->held; h; h = h->next)
		if (h->origin.partition == partition)
			h->origin.generation = UINT64_MAX;
	if (loop->current && loop->current->partition == partition)
		loop->current_rewound = 1;
	/* Stored and committed now, so a crash after this reads from there too. */
	tp->offset = off;
	err = rd_kafka_offsets_store(loop->consumer, l);
	if (!err)
		err = rd_kafka_commit(loop->consumer, l, 0);
	if (err) {
		snprintf(errstr, errsize, "cannot commit offset %lld of partition %d: %s",
			(long long)off, partition, rd_kafka_err2str(err));
		goto out;
	}
	log_info("reading partition %d of %s again from offset %lld", partition,
		loop->opts.input_topic, (long long)off);
	rc = 0;
out:
	rd_kafka_topic_partition_list_destroy(l);
	return rc;
}

void kloop_free(struct kloop *loop)
{
	if (!loop)
		return;
	if (loop->consumer)
		rd_kafka_destroy(loop->consumer);
	if (loop->producer) {
		rd_kafka_flush(loop->producer, 1000);
		rd_kafka_destroy(loop->producer);
	}
	while (loop->held)
		held_free(loop, loop->held);
	otrack_free(loop->track);
	free(loop);
}

int kloop_serve(const struct config *cfg, const struct kloop_options *opts,
	volatile sig_atomic_t *stop, char *errstr, size_t errsize)
{
	struct kloop *loop = kloop_new(cfg, opts, errstr, errsize);
	int rc;

	if (!loop)
		return -1;
	rc = kloop_run(loop, stop);
	if (rc)
		snprintf(errstr, errsize, "stopped after a fatal Kafka error (see the log above)");
	kloop_free(loop);
	return rc;
}
