#include "unit.h"

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <pthread.h>
#include <unistd.h>

#include "kafka.h"
#include "kloop.h"
#include "common.h"

/*
 * The at-least-once loop against librdkafka's mock cluster: offsets are
 * committed only for inputs whose outputs were delivered, poison goes to
 * the dead-letter topic, and a refused output stops the loop with its
 * input left uncommitted.
 */

struct fixture {
	rd_kafka_t *host;
	rd_kafka_mock_cluster_t *mc;
	struct config *cfg;
	volatile sig_atomic_t stop;
	int handled;
	int stop_after;
	int retries_left;
};

static void set(struct config *cfg, const char *k, const char *v)
{
	char err[256];

	assert_int_equal(config_set(cfg, k, v, "test", err, sizeof(err)), 0);
}

static struct fixture *fixture_new(void)
{
	struct fixture *f = calloc(1, sizeof(*f));
	rd_kafka_conf_t *conf = rd_kafka_conf_new();
	const char *topics[] = { "in", "out", "dead", "d1", "d2" };
	char err[256];

	rd_kafka_conf_set(conf, "test.mock.num.brokers", "1", err, sizeof(err));
	kafka_conf_route_logs(conf);
	f->host = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof(err));
	assert_non_null(f->host);
	f->mc = rd_kafka_handle_mock_cluster(f->host);
	for (size_t i = 0; i < 5; i++)
		rd_kafka_mock_topic_create(f->mc, topics[i], 1, 1);
	f->cfg = config_new();
	set(f->cfg, "kafka.bootstrap.servers", rd_kafka_mock_cluster_bootstraps(f->mc));
	set(f->cfg, "topics.pages", "in");
	set(f->cfg, "topics.articles", "out");
	set(f->cfg, "topics.deadletter", "dead");
	set(f->cfg, "topics.summaries", "d1");
	set(f->cfg, "topics.digests", "d2");
	set(f->cfg, "pipeline.flush_timeout_ms", "5000");
	set(f->cfg, "log.level", "error");
	return f;
}

static void fixture_free(struct fixture *f)
{
	config_free(f->cfg);
	rd_kafka_destroy(f->host);
	free(f);
}

static void produce_inputs(struct fixture *f, const char *const *values, size_t n)
{
	char err[256];
	rd_kafka_t *p = kafka_producer_new(f->cfg, "test", NULL, NULL, err, sizeof(err));

	assert_non_null(p);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(rd_kafka_producev(p, RD_KAFKA_V_TOPIC("in"),
					 RD_KAFKA_V_VALUE((void *)values[i], strlen(values[i])),
					 RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END),
			0);
	assert_int_equal(rd_kafka_flush(p, 10000), 0);
	rd_kafka_destroy(p);
}

static int64_t count(struct fixture *f, const char *topic)
{
	int64_t lo, hi;

	assert_int_equal(rd_kafka_query_watermark_offsets(f->host, topic, 0, &lo, &hi, 5000), 0);
	return hi - lo;
}

static enum kloop_verdict handler(struct kloop *loop, const rd_kafka_message_t *m, void *opaque,
	char *reason, size_t reasonsize)
{
	struct fixture *f = opaque;
	char err[256];
	enum kloop_verdict v = KLOOP_OK;

	if (m->len == 5 && !memcmp(m->payload, "flaky", 5) && f->retries_left > 0) {
		f->retries_left--;
		snprintf(reason, reasonsize, "dependency down");
		return KLOOP_RETRY;
	}
	if (m->len == 6 && !memcmp(m->payload, "poison", 6)) {
		snprintf(reason, reasonsize, "test poison");
		v = KLOOP_POISON;
	} else if (kloop_produce(loop, "out", "k", m->payload, m->len, err, sizeof(err))) {
		snprintf(reason, reasonsize, "%s", err);
		v = KLOOP_POISON;
	}
	if (++f->handled == f->stop_after)
		f->stop = 1;
	return v;
}

static void *watchdog(void *arg)
{
	struct fixture *f = arg;

	for (int i = 0; i < 300 && !f->stop; i++)
		usleep(100000);
	f->stop = 1;
	return NULL;
}

static int run_loop(struct fixture *f)
{
	struct kloop_options opts = { .stage = "tester", .input_topic = "in", .handle = handler,
		.opaque = f };
	char err[512];
	pthread_t t;
	int rc;

	pthread_create(&t, NULL, watchdog, f);
	rc = kloop_serve(f->cfg, &opts, &f->stop, err, sizeof(err));
	f->stop = 1;
	pthread_join(t, NULL);
	return rc;
}

static void outputs_delivered_then_offsets_committed(void **state)
{
	const char *const inputs[] = { "one", "poison", "two" };
	struct fixture *f = fixture_new();
	char err[256];

	(void)state;
	produce_inputs(f, inputs, 3);
	f->stop_after = 3;
	assert_int_equal(run_loop(f), 0);
	assert_int_equal(f->handled, 3);
	assert_int_equal(count(f, "out"), 2);
	assert_int_equal(count(f, "dead"), 1);
	assert_int_equal(kafka_group_lag(f->cfg, "precis-tester", "in", mono_ms() + 15000, err, sizeof(err)), 0);
	fixture_free(f);
}

static void refused_output_leaves_its_input_uncommitted(void **state)
{
	const char *const inputs[] = { "one", "two" };
	struct fixture *f = fixture_new();
	char err[256];

	(void)state;
	produce_inputs(f, inputs, 2);
	/* Produce is API key 0: every produce request now fails for good. */
	rd_kafka_mock_push_request_errors(f->mc, 0, 50, RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE,
		RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE, RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE,
		RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE, RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE,
		RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE, RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE,
		RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE, RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE,
		RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE, RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE,
		RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE, RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE,
		RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE, RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE,
		RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE, RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE,
		RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE, RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE,
		RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE, RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE,
		RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE, RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE,
		RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE, RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE,
		RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE, RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE,
		RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE, RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE,
		RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE, RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE,
		RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE, RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE,
		RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE, RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE,
		RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE, RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE,
		RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE, RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE,
		RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE, RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE,
		RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE, RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE,
		RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE, RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE,
		RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE, RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE,
		RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE, RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE);
	assert_int_equal(run_loop(f), -1);
	assert_int_equal(count(f, "out"), 0);
	/* Nothing was committed: a restart processes both inputs again. */
	assert_int_equal(kafka_group_lag(f->cfg, "precis-tester", "in", mono_ms() + 15000, err, sizeof(err)), 2);
	fixture_free(f);
}

static void retry_handles_the_same_message_again_not_the_next(void **state)
{
	const char *const inputs[] = { "flaky", "after" };
	struct fixture *f = fixture_new();
	char err[256];

	(void)state;
	produce_inputs(f, inputs, 2);
	f->retries_left = 2;
	f->stop_after = 2;
	assert_int_equal(run_loop(f), 0);
	assert_int_equal(f->retries_left, 0);
	assert_int_equal(count(f, "out"), 2);
	assert_int_equal(count(f, "dead"), 0);
	assert_int_equal(kafka_group_lag(f->cfg, "precis-tester", "in", mono_ms() + 15000, err, sizeof(err)), 0);
	fixture_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(outputs_delivered_then_offsets_committed),
		cmocka_unit_test(refused_output_leaves_its_input_uncommitted),
		cmocka_unit_test(retry_handles_the_same_message_again_not_the_next),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
