#include "unit.h"

#include <pthread.h>
#include <stdatomic.h>

#include "common.h"
#include "kloop.h"
#include "unit_services.h"

/*
 * The at-least-once loop against librdkafka's mock cluster: offsets are
 * committed only for inputs whose outputs were delivered, poison goes to
 * the dead-letter topic, a refused output stops the loop with its input
 * left uncommitted, held messages hold back later offsets and are finished
 * before a rebalance hands their partition on, a retry keeps the loop
 * polling, a full queue is a retry and never a dead letter, and a rewound
 * partition is read again from where it was asked to, committed at once.
 */

#define IN "t.pages"
#define OUT "t.articles"
#define DEAD "t.deadletter"

struct fixture;

/* What one loop holds: every message is held, and the pump finishes it after hold_ms. */
struct side {
	struct fixture *f;
	struct kloop_held *held[64];
	int64_t held_at[64];
	char held_value[64][16];
	size_t nheld;
};

struct fixture {
	struct unit_kafka k;
	volatile sig_atomic_t stop;
	atomic_int handled; /* handler calls that did not ask for a retry */
	atomic_int finished; /* held messages finished */
	int stop_after; /* stop once this many are handled (or, holding, finished) */
	int retries_left;
	int retry_ms; /* "flaky" asks for a retry for this long after its first try */
	int64_t retry_until; /* mono_ms() */
	int ticks_while_retrying;
	int hold, hold_ms, never_finish_first;
	size_t most_held;
	int rewind_at; /* rewind partition 0 to the start when this many are handled (once) */
	int stop_on_rewind; /* and stop right after it, as a crash would */
	struct side side;
};

static struct fixture *fixture_new(int partitions)
{
	struct fixture *f = calloc(1, sizeof(*f));

	unit_kafka_start(&f->k, partitions, NULL);
	f->side.f = f;
	return f;
}

static void fixture_free(struct fixture *f)
{
	unit_kafka_stop(&f->k);
	free(f);
}

static int64_t lag(struct fixture *f)
{
	char err[256];

	return kafka_group_lag(f->k.cfg, "precis-tester", IN, mono_ms() + 15000, err, sizeof(err));
}

static enum kloop_verdict handler(struct kloop *loop, const rd_kafka_message_t *m, void *opaque,
	char *reason, size_t reasonsize)
{
	struct side *side = opaque;
	struct fixture *f = side->f;
	enum kloop_verdict v = KLOOP_OK;
	int n;

	if (f->retry_ms && !f->retry_until)
		f->retry_until = mono_ms() + f->retry_ms;
	if (m->len == 5 && !memcmp(m->payload, "flaky", 5) &&
		(f->retries_left > 0 || mono_ms() < f->retry_until)) {
		f->retries_left--;
		snprintf(reason, reasonsize, "dependency down");
		return KLOOP_RETRY;
	}
	if (kloop_held_count(loop) > f->most_held)
		f->most_held = kloop_held_count(loop);
	n = ++f->handled;
	if (f->rewind_at && n == f->rewind_at) {
		char err[256];

		assert_int_equal(kloop_rewind(loop, 0, NULL, err, sizeof(err)), 0);
		f->rewind_at = 0;
		if (f->stop_on_rewind)
			f->stop = 1;
		return KLOOP_POISON; /* whatever it says, a rewound message is read again */
	}
	if (f->hold) {
		side->held_at[side->nheld] = mono_ms();
		snprintf(side->held_value[side->nheld], sizeof(side->held_value[0]), "%.*s",
			(int)m->len, (const char *)m->payload);
		side->held[side->nheld++] = kloop_hold(loop);
		return KLOOP_HELD;
	}
	if (m->len == 6 && !memcmp(m->payload, "poison", 6)) {
		snprintf(reason, reasonsize, "test poison");
		v = KLOOP_POISON;
	} else {
		v = kloop_produce(loop, OUT, "k", m->payload, m->len, reason, reasonsize);
		if (v == KLOOP_RETRY) {
			f->handled--;
			return v;
		}
	}
	if (n == f->stop_after)
		f->stop = 1;
	return v;
}

/* Finishes held messages once they are hold_ms old, newest first, "poison" as a dead letter. */
static void pump(struct kloop *loop, void *opaque, int timeout_ms)
{
	struct side *side = opaque;
	struct fixture *f = side->f;

	(void)timeout_ms;
	for (size_t i = side->nheld; i-- > 0;) {
		char err[256];
		const char *v = side->held_value[i];

		if (!side->held[i] || mono_ms() - side->held_at[i] < f->hold_ms ||
			(i == 0 && f->never_finish_first))
			continue;
		if (!strcmp(v, "poison")) {
			kloop_finish(loop, side->held[i], KLOOP_POISON, "test poison");
		} else {
			assert_int_equal(kloop_produce_held(loop, side->held[i], OUT, "k", v,
						 strlen(v), err, sizeof(err)),
				KLOOP_OK);
			kloop_finish(loop, side->held[i], KLOOP_OK, NULL);
		}
		side->held[i] = NULL;
		if (++f->finished == f->stop_after)
			f->stop = 1;
	}
}

static void tick(struct kloop *loop, void *opaque)
{
	struct fixture *f = ((struct side *)opaque)->f;

	(void)loop;
	if (mono_ms() < f->retry_until)
		f->ticks_while_retrying++;
}

static void *watchdog(void *arg)
{
	struct fixture *f = arg;

	for (int i = 0; i < 300 && !f->stop; i++)
		usleep(100000);
	f->stop = 1;
	return NULL;
}

static int run_loop(struct fixture *f, size_t max_held)
{
	struct kloop_options opts = { .stage = "tester", .input_topic = IN, .handle = handler,
		.opaque = &f->side, .tick = tick, .max_held = max_held,
		.pump = max_held ? pump : NULL };
	char err[512];
	pthread_t t;
	int rc;

	pthread_create(&t, NULL, watchdog, f);
	rc = kloop_serve(f->k.cfg, &opts, &f->stop, err, sizeof(err));
	f->stop = 1;
	pthread_join(t, NULL);
	return rc;
}

static void produce(struct fixture *f, const char *const *values, size_t n)
{
	unit_produce(&f->k, IN, NULL, values, n);
}

static void outputs_delivered_then_offsets_committed(void **state)
{
	const char *const inputs[] = { "one", "poison", "two" };
	struct fixture *f = fixture_new(1);

	(void)state;
	produce(f, inputs, 3);
	f->stop_after = 3;
	assert_int_equal(run_loop(f, 0), 0);
	assert_int_equal(f->handled, 3);
	assert_int_equal(unit_count(&f->k, OUT), 2);
	assert_int_equal(unit_count(&f->k, DEAD), 1);
	assert_int_equal(lag(f), 0);
	fixture_free(f);
}

static void refused_output_leaves_its_input_uncommitted(void **state)
{
	const char *const inputs[] = { "one", "two" };
	struct fixture *f = fixture_new(1);
	rd_kafka_resp_err_t errs[50];

	(void)state;
	produce(f, inputs, 2);
	/* Produce is API key 0: every produce request now fails for good. */
	for (size_t i = 0; i < ARRAY_SIZE(errs); i++)
		errs[i] = RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE;
	rd_kafka_mock_push_request_errors_array(f->k.mc, 0, ARRAY_SIZE(errs), errs);
	assert_int_equal(run_loop(f, 0), -1);
	assert_int_equal(unit_count(&f->k, OUT), 0);
	/* Nothing was committed: a restart processes both inputs again. */
	assert_int_equal(lag(f), 2);
	fixture_free(f);
}

static void retry_handles_the_same_message_again_not_the_next(void **state)
{
	const char *const inputs[] = { "flaky", "after" };
	struct fixture *f = fixture_new(1);

	(void)state;
	produce(f, inputs, 2);
	f->retries_left = 2;
	f->stop_after = 2;
	assert_int_equal(run_loop(f, 0), 0);
	assert_int_equal(f->retries_left, 0);
	assert_int_equal(unit_count(&f->k, OUT), 2);
	assert_int_equal(unit_count(&f->k, DEAD), 0);
	assert_int_equal(lag(f), 0);
	fixture_free(f);
}

/*
 * A dependency down for minutes must not put the consumer out of its group
 * (max.poll.interval.ms) nor stop scheduled work: the loop goes on while
 * the message waits for its retry.
 */
static void a_retry_keeps_the_loop_going(void **state)
{
	const char *const inputs[] = { "flaky", "after" };
	struct fixture *f = fixture_new(1);

	(void)state;
	produce(f, inputs, 2);
	f->retry_ms = 4500;
	f->stop_after = 2;
	assert_int_equal(run_loop(f, 0), 0);
	if (f->ticks_while_retrying < 3)
		fail_msg("the loop ticked %d times in 4.5 s of retries", f->ticks_while_retrying);
	assert_int_equal(f->handled, 2);
	assert_int_equal(unit_count(&f->k, OUT), 2);
	assert_int_equal(lag(f), 0);
	fixture_free(f);
}

/* Held messages finish newest first; every output arrives and every offset is committed. */
static void held_messages_finish_in_any_order(void **state)
{
	const char *const inputs[] = { "a", "b", "poison", "d", "e", "f", "g" };
	struct fixture *f = fixture_new(1);

	(void)state;
	produce(f, inputs, 7);
	f->hold = 1;
	f->hold_ms = 300;
	f->stop_after = 7;
	assert_int_equal(run_loop(f, 3), 0);
	assert_int_equal(f->finished, 7);
	assert_int_equal(unit_count(&f->k, OUT), 6);
	assert_int_equal(unit_count(&f->k, DEAD), 1);
	/* Full at three, the loop reads one message ahead and no further. */
	if (f->most_held > 4)
		fail_msg("%zu messages held at once, max_held 3", f->most_held);
	assert_int_equal(lag(f), 0);
	fixture_free(f);
}

/* An unfinished held message holds back the offsets of the finished ones after it. */
static void an_unfinished_message_holds_back_later_offsets(void **state)
{
	const char *const inputs[] = { "a", "b", "c" };
	struct fixture *f = fixture_new(1);

	(void)state;
	produce(f, inputs, 3);
	unit_set(f->k.cfg, "pipeline.shutdown_timeout_ms", "0");
	f->hold = 1;
	f->never_finish_first = 1;
	f->stop_after = 2;
	assert_int_equal(run_loop(f, 8), 0);
	assert_int_equal(unit_count(&f->k, OUT), 2);
	assert_int_equal(lag(f), 3); /* all three are read again after the restart */
	fixture_free(f);
}

/*
 * A second replica joins while the first holds messages: the first
 * finishes them before giving up its partitions, and nothing is lost.
 */
struct replica {
	struct side side;
	volatile sig_atomic_t stop;
	int rc;
};

static void *replica_run(void *arg)
{
	struct replica *r = arg;
	struct kloop_options opts = { .stage = "tester", .input_topic = IN, .handle = handler,
		.opaque = &r->side, .max_held = 3, .pump = pump };
	char err[512];

	r->rc = kloop_serve(r->side.f->k.cfg, &opts, &r->stop, err, sizeof(err));
	return NULL;
}

struct distinct {
	char seen[64][16];
	int n;
};

static void count_distinct(void *ctx, const char *key, const char *value)
{
	struct distinct *d = ctx;

	(void)key;
	for (int i = 0; i < d->n; i++)
		if (!strcmp(d->seen[i], value))
			return;
	snprintf(d->seen[d->n++], sizeof(d->seen[0]), "%s", value);
}

static void a_rebalance_finishes_held_work_first(void **state)
{
	struct distinct distinct = { .n = 0 };
	const char *const inputs[] = { "a", "b", "c", "d", "e", "f", "g", "h" };
	struct fixture *f = fixture_new(2);
	struct replica *one = calloc(1, sizeof(*one)), *two = calloc(1, sizeof(*two));
	pthread_t t1, t2;

	(void)state;
	produce(f, inputs, 8);
	f->hold = 1;
	f->hold_ms = 2000; /* still held when the second replica joins */
	one->side.f = two->side.f = f;
	pthread_create(&t1, NULL, replica_run, one);
	for (int i = 0; i < 300 && f->handled < 4; i++)
		usleep(50000);
	assert_true(f->handled >= 4);
	pthread_create(&t2, NULL, replica_run, two);
	/* Read twice after a refused commit (below), a message counts once. */
	for (int i = 0; i < 120 && distinct.n < 8; i++) {
		usleep(250000);
		distinct.n = 0;
		unit_consume_all(&f->k, OUT, count_distinct, &distinct);
	}
	one->stop = two->stop = 1;
	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	assert_int_equal(one->rc, 0);
	assert_int_equal(two->rc, 0);
	/*
	 * The mock coordinator refuses commits made while revoking (a real
	 * broker takes them, see t81_llm_replicas), so the second replica may
	 * read a finished message again: at least once here, never lost.
	 */
	assert_true(f->finished >= 8);
	assert_int_equal(distinct.n, 8);
	free(one);
	free(two);
	fixture_free(f);
}

/* A rewound partition is read again from where asked, and that offset is committed at once. */
static void a_rewound_partition_is_read_again(void **state)
{
	const char *const inputs[] = { "a", "b", "c", "d" };
	struct fixture *f = fixture_new(1);

	(void)state;
	produce(f, inputs, 4);
	f->rewind_at = 3;
	f->stop_after = 3 + 4;
	assert_int_equal(run_loop(f, 0), 0);
	/* a and b, then (the third, rewound) a to d again; the rewound one made nothing. */
	assert_int_equal(f->handled, 7);
	assert_int_equal(unit_count(&f->k, OUT), 6);
	assert_int_equal(unit_count(&f->k, DEAD), 0);
	assert_int_equal(lag(f), 0);
	fixture_free(f);

	/* A crash just after the rewind still reads everything again. */
	f = fixture_new(1);
	produce(f, inputs, 4);
	f->stop_after = 4;
	assert_int_equal(run_loop(f, 0), 0);
	produce(f, inputs, 1);
	f->stop = 0;
	f->handled = 0;
	f->rewind_at = 1;
	f->stop_on_rewind = 1;
	assert_int_equal(run_loop(f, 0), 0);
	assert_int_equal(lag(f), 5);
	fixture_free(f);
}

/* A producer queue that stays full is a retry: the good input is never dead-lettered. */
static void a_full_queue_is_a_retry_not_a_dead_letter(void **state)
{
	const char *const inputs[] = { "a", "b", "c", "d", "e" };
	struct fixture *f = fixture_new(1);

	(void)state;
	produce(f, inputs, 5);
	unit_set(f->k.cfg, "kafka.queue.buffering.max.messages", "1");
	unit_set(f->k.cfg, "pipeline.flush_timeout_ms", "200");
	rd_kafka_mock_broker_set_rtt(f->k.mc, 1, 700);
	f->stop_after = 5;
	assert_int_equal(run_loop(f, 0), 0);
	rd_kafka_mock_broker_set_rtt(f->k.mc, 1, 0);
	assert_int_equal(unit_count(&f->k, DEAD), 0);
	assert_int_equal(unit_count(&f->k, OUT), 5);
	assert_int_equal(lag(f), 0);
	fixture_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(outputs_delivered_then_offsets_committed),
		cmocka_unit_test(refused_output_leaves_its_input_uncommitted),
		cmocka_unit_test(retry_handles_the_same_message_again_not_the_next),
		cmocka_unit_test(a_retry_keeps_the_loop_going),
		cmocka_unit_test(held_messages_finish_in_any_order),
		cmocka_unit_test(an_unfinished_message_holds_back_later_offsets),
		cmocka_unit_test(a_rebalance_finishes_held_work_first),
		cmocka_unit_test(a_rewound_partition_is_read_again),
		cmocka_unit_test(a_full_queue_is_a_retry_not_a_dead_letter),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
