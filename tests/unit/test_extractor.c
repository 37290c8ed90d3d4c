#include "unit.h"

#include <errno.h>
#include <jansson.h>
#include <pthread.h>

#include "cli.h"
#include "codec.h"
#include "common.h"
#include "extractor.h"
#include "metrics.h"
#include "msg.h"
#include "unit_services.h"

/*
 * The extractor stage on librdkafka's mock cluster: pages become articles,
 * what can never be one becomes a dead letter, a producer queue that stays
 * full is retried and never dead-letters a good page, and a stage started
 * while the broker is down waits for it.
 */

#define PAGES "t.pages"
#define ARTICLES "t.articles"
#define DEAD "t.deadletter"

struct fixture {
	struct unit_kafka k;
	struct svc svc;
	volatile sig_atomic_t stop;
	pthread_t t;
	int rc;
};

static const char body[] =
	"<html><head><title>Harbor Growth raises 40 million</title></head><body><article>"
	"<h1>Harbor Growth raises 40 million</h1>"
	"<p>Harbor Growth Partners said on Monday that it had raised 40 million dollars in a "
	"round led by two pension funds, and that it would spend the money on three new "
	"warehouses in the north of the country over the next eighteen months.</p>"
	"<p>The company employs about 1,200 people and expects to hire 300 more, its chief "
	"executive told reporters at a briefing in the city, adding that prices would not rise "
	"this year despite the cost of energy.</p></article></body></html>";

/* A page message of article number i, as the fetcher makes them. */
static char *page(int i)
{
	char url[128], id[33], *b64 = codec_base64_encode(body, strlen(body)), *s;
	json_t *m;

	snprintf(url, sizeof(url), "https://news.example/harbor-%d.html", i);
	snprintf(id, sizeof(id), "%032d", i);
	m = json_pack("{s:s, s:s, s:s, s:s, s:{s:s, s:s, s:s, s:i}, s:s, s:i, s:s, s:s, s:s, "
		      "s:{s:s}}",
		"schema", "precis.page/1", "id", id, "url", url, "final_url", url, "source", "name",
		"News", "lang", "en", "category", "", "weight", 1, "fetched_at",
		"2026-11-29T08:00:00Z", "http_status", 200, "content_type", "text/html", "charset",
		"utf-8", "body_base64", b64, "entry", "title", "Harbor Growth raises 40 million");
	s = json_dumps(m, JSON_COMPACT);
	json_decref(m);
	free(b64);
	return s;
}

static void produce_pages(struct fixture *f, int n, int with_poison)
{
	char *values[16];

	for (int i = 0; i < n; i++)
		values[i] = page(i);
	unit_produce(&f->k, PAGES, NULL, (const char *const *)values, (size_t)n);
	for (int i = 0; i < n; i++)
		free(values[i]);
	if (with_poison) {
		const char *const junk[] = { "this is no page" };

		unit_produce(&f->k, PAGES, NULL, junk, 1);
	}
}

static void *serve(void *arg)
{
	struct fixture *f = arg;
	char err[512];

	f->rc = extractor_run(&f->svc, 0, &f->stop, err, sizeof(err));
	return NULL;
}

static struct fixture *start(void)
{
	struct fixture *f = calloc(1, sizeof(*f));

	unit_kafka_start(&f->k, 1, NULL);
	return f;
}

static void run(struct fixture *f)
{
	svc_init(&f->svc, f->k.cfg, metrics_new());
	pthread_create(&f->t, NULL, serve, f);
}

/* Stops the stage once topic holds n messages (or after 60 s). */
static void stop_when(struct fixture *f, const char *topic, int64_t n)
{
	for (int i = 0; i < 600 && unit_count(&f->k, topic) < n; i++)
		usleep(100000);
	f->stop = 1;
	pthread_join(f->t, NULL);
	assert_int_equal(f->rc, 0);
	metrics_free(f->svc.metrics);
	svc_release(&f->svc);
}

static void finish(struct fixture *f)
{
	unit_kafka_stop(&f->k);
	free(f);
}

static void pages_become_articles_and_junk_a_dead_letter(void **state)
{
	struct fixture *f = start();

	(void)state;
	produce_pages(f, 3, 1);
	run(f);
	stop_when(f, DEAD, 1);
	assert_int_equal(unit_count(&f->k, ARTICLES), 3);
	assert_int_equal(unit_count(&f->k, DEAD), 1);
	finish(f);
}

/* The broker is slow and the queue holds one message: every page is retried, none dead. */
static void a_full_queue_never_dead_letters_a_page(void **state)
{
	struct fixture *f = start();

	(void)state;
	produce_pages(f, 4, 0);
	unit_set(f->k.cfg, "kafka.queue.buffering.max.messages", "1");
	unit_set(f->k.cfg, "pipeline.flush_timeout_ms", "200");
	rd_kafka_mock_broker_set_rtt(f->k.mc, 1, 700);
	run(f);
	stop_when(f, ARTICLES, 4);
	rd_kafka_mock_broker_set_rtt(f->k.mc, 1, 0);
	assert_int_equal(unit_count(&f->k, ARTICLES), 4);
	assert_int_equal(unit_count(&f->k, DEAD), 0);
	finish(f);
}

/* Started while the broker is down, the stage waits (and says so) instead of exiting. */
static void a_stage_started_before_its_broker_waits(void **state)
{
	struct fixture *f = start();
	int waited = 0;

	(void)state;
	produce_pages(f, 2, 0);
	rd_kafka_mock_broker_set_down(f->k.mc, 1);
	run(f);
	for (int i = 0; i < 600 && !waited; i++) {
		pthread_mutex_lock(&f->svc.lock);
		waited = strstr(f->svc.waiting, "waiting for Kafka") != NULL;
		pthread_mutex_unlock(&f->svc.lock);
		usleep(100000);
	}
	assert_true(waited);
	sleep(2); /* past the first tries: still waiting, not gone */
	assert_int_equal(pthread_tryjoin_np(f->t, NULL), EBUSY);
	rd_kafka_mock_broker_set_up(f->k.mc, 1);
	stop_when(f, ARTICLES, 2);
	assert_int_equal(unit_count(&f->k, ARTICLES), 2);
	finish(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pages_become_articles_and_junk_a_dead_letter),
		cmocka_unit_test(a_full_queue_never_dead_letters_a_page),
		cmocka_unit_test(a_stage_started_before_its_broker_waits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
