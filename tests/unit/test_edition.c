#include "unit.h"

#include <curl/curl.h>
#include <jansson.h>
#include <pthread.h>
#include <sys/stat.h>

#include "cli.h"
#include "common.h"
#include "edition.h"
#include "hash.h"
#include "metrics.h"
#include "publisher.h"
#include "record.h"
#include "redis_keys.h"
#include "url.h"
#include "unit_http.h"
#include "unit_services.h"

/*
 * The publisher's core on librdkafka's mock cluster and a private Redis:
 * a sink that fails keeps its edition pending and re-deliverable; a Redis
 * restarted empty gets back the record of what was published from the
 * digest topic (no article published twice, no edition id used twice,
 * the latest edition finished on the sinks that lack it) and the open
 * edition from the summaries topic; and a publication that takes its time
 * does not stop the publisher from gathering summaries.
 */

#define DIGESTS "t.digests"
#define SUMMARIES "t.summaries"

struct fixture {
	struct unit_kafka k;
	struct unit_redis u;
	struct redis *r;
	char dir[64], out[128];
	char *summaries[32]; /* the golden fixture's, their ids made from their URLs */
	char ids[32][33];
	size_t n;
	/* the publisher service, when a test runs it */
	struct svc svc;
	volatile sig_atomic_t stop;
	pthread_t t;
	int rc;
};

static void load_summaries(struct fixture *f)
{
	char *text = unit_read("tests/fixtures/digest/summaries.jsonl", NULL);

	for (char *line = text, *end; *line && f->n < 32; line = end + (*end != '\0')) {
		json_t *s;

		end = strchr(line, '\n');
		if (!end)
			end = line + strlen(line);
		s = json_loadb(line, (size_t)(end - line), 0, NULL);
		/* Not every line is a summary, nor every URL one the fetcher takes. */
		if (!s || url_article_id(json_string_value(json_object_get(s, "url")), f->ids[f->n])) {
			json_decref(s);
			continue;
		}
		/*
		 * Every other article's id is not its URL's, as for a feed's entry
		 * without a link (fetcher.c linkless_address()): what remembers the
		 * article must keep its id, not derive one from its URL.
		 */
		if (f->n % 2) {
			char entry[32];
			int len = snprintf(entry, sizeof(entry), "id\nentry-%zu", f->n);

			hash_id128(entry, (size_t)len, f->ids[f->n]);
		}
		json_object_set_new(s, "id", json_string(f->ids[f->n]));
		f->summaries[f->n++] = json_dumps(s, JSON_COMPACT);
		json_decref(s);
	}
	free(text);
}

static struct fixture *fixture_new(const char *sinks_yaml)
{
	struct fixture *f = calloc(1, sizeof(*f));
	char yaml[2048], err[256];

	snprintf(f->dir, sizeof(f->dir), "/tmp/precis-edition-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->out, sizeof(f->out), "%s/digests", f->dir);
	snprintf(yaml, sizeof(yaml),
		"publisher:\n  output_dir: %s\n  publish_at: \"\"\n  lock_ttl_ms: 10000\n"
		"  retry_backoff_ms: 50\n  sink_attempts: 2\n%s",
		f->out, sinks_yaml ? sinks_yaml : "");
	unit_redis_start(&f->u);
	unit_kafka_start(&f->k, 2, yaml);
	unit_set(f->k.cfg, "redis.url", f->u.url);
	f->r = redis_connect(f->u.url, 2000, "precis:", err, sizeof(err));
	assert_non_null(f->r);
	load_summaries(f);
	return f;
}

static void fixture_free(struct fixture *f)
{
	char cmd[200];

	for (size_t i = 0; i < f->n; i++)
		free(f->summaries[i]);
	redis_free(f->r);
	unit_kafka_stop(&f->k);
	unit_redis_stop(&f->u);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", f->dir);
	assert_int_equal(system(cmd), 0);
	free(f);
}

/* The record is whole and partition 0 gathered, as a running publisher makes them. */
static void ready(struct fixture *f)
{
	char err[512];

	if (edition_recover(f->k.cfg, f->r, err, sizeof(err)))
		fail_msg("%s", err);
	assert_int_equal(record_gathered(f->r, 0), 0);
}

static int add(struct fixture *f, size_t i)
{
	return edition_add(f->r, f->ids[i], f->summaries[i], strlen(f->summaries[i]), 0);
}

/* The first n summaries join the open edition. */
static void add_first(struct fixture *f, size_t n)
{
	ready(f);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(add(f, i), 1);
}

/* A file where the file sink's folder goes: it cannot write, as on a full disk. */
static void block_folder(struct fixture *f)
{
	FILE *blocker = fopen(f->out, "w");

	assert_non_null(blocker);
	fclose(blocker);
}

/* One publication; returns its rc, with the editions published in pub and *n. */
static int publish(struct fixture *f, struct edition_published *pub, size_t *n, char *err,
	size_t errsize)
{
	return edition_publish(f->k.cfg, f->r, NULL, NULL, pub, 8, n, err, errsize);
}

static int file_exists(const char *path)
{
	struct stat st;

	return !stat(path, &st);
}

/* Digest messages on the topic, by edition id: each id once, articles summed. */
struct tally {
	char ids[16][64];
	int n, dup;
	long long articles;
};

static void tally(void *ctx, const char *key, const char *value)
{
	struct tally *t = ctx;
	json_t *d = json_loads(value, 0, NULL);

	for (int i = 0; i < t->n; i++)
		t->dup += !strcmp(t->ids[i], key);
	snprintf(t->ids[t->n++], sizeof(t->ids[0]), "%s", key);
	t->articles += json_integer_value(json_object_get(json_object_get(d, "stats"), "articles"));
	json_decref(d);
}

/* Nothing joins an edition before the record is whole and the partition gathered. */
static void summaries_wait_for_the_record(void **state)
{
	struct fixture *f = fixture_new(NULL);

	(void)state;
	assert_int_equal(add(f, 0), EDITION_UNRECOVERED);
	ready(f);
	assert_int_equal(edition_add(f->r, f->ids[0], f->summaries[0], strlen(f->summaries[0]), 1),
		EDITION_UNGATHERED);
	assert_int_equal(add(f, 0), 1);
	fixture_free(f);
}

/*
 * A file sink that cannot write (its folder is a file, as a full disk or a
 * read-only mount would be): the publication fails and says so, the
 * edition stays pending with its articles, and once the folder is there a
 * retry delivers it to the file sink only.
 */
static void a_failed_sink_keeps_its_edition_pending(void **state)
{
	struct fixture *f = fixture_new(NULL);
	struct edition_published pub[8];
	struct tally t = { .n = 0 };
	char err[1024], path[4200];
	size_t n;

	(void)state;
	add_first(f, 4);
	block_folder(f);
	assert_int_equal(publish(f, pub, &n, err, sizeof(err)), -1);
	assert_int_equal(n, 0);
	if (!strstr(err, "sink file") || !strstr(err, "stays pending"))
		fail_msg("the error does not say which sink failed: %s", err);
	/* Its articles are in that edition, waiting: not in another one. */
	assert_int_equal(add(f, 0), 0);
	unlink(f->out);
	assert_int_equal(publish(f, pub, &n, err, sizeof(err)), 0);
	assert_int_equal(n, 1);
	assert_int_equal(pub[0].articles, 4);
	snprintf(path, sizeof(path), "%s", pub[0].path);
	assert_true(file_exists(path));
	assert_int_equal(unit_consume_all(&f->k, DIGESTS, tally, &t), 1); /* not sent twice */
	fixture_free(f);
}

/*
 * Redis restarts without its data after an edition was published: the
 * record comes back from the digest topic, its articles stay out of the
 * next edition, and the next edition gets an id of its own.
 */
static void a_redis_that_lost_its_state_publishes_nothing_twice(void **state)
{
	struct fixture *f = fixture_new(NULL);
	struct edition_published pub[8];
	struct tally t = { .n = 0 };
	char err[1024], first[64];
	size_t n;

	(void)state;
	add_first(f, 5);
	assert_int_equal(publish(f, pub, &n, err, sizeof(err)), 0);
	assert_int_equal(n, 1);
	snprintf(first, sizeof(first), "%s", pub[0].id);

	unit_redis_kill(&f->u, 1);
	redis_ping(f->r); /* the old connection is gone: this one finds it out */
	assert_int_equal(add(f, 0), EDITION_UNRECOVERED);
	ready(f);
	/* Redelivered (the summaries topic is read again): published ones stay out. */
	for (size_t i = 0; i < 5; i++)
		assert_int_equal(add(f, i), 0);
	for (size_t i = 5; i < 8; i++)
		assert_int_equal(add(f, i), 1);
	assert_int_equal(publish(f, pub, &n, err, sizeof(err)), 0);
	assert_int_equal(n, 1);
	assert_int_equal(pub[0].articles, 3);
	if (!strcmp(pub[0].id, first))
		fail_msg("edition id %s used twice", first);
	assert_int_equal(unit_consume_all(&f->k, DIGESTS, tally, &t), 2);
	assert_int_equal(t.dup, 0);
	assert_int_equal(t.articles, 8);
	fixture_free(f);
}

/*
 * The digest topic gets an edition before any other sink. Redis dies
 * after that and before the file sink had it: the recovered record finds
 * the edition on the topic, and the file sink, which can tell it lacks it,
 * gets it then; the topic does not get it twice.
 */
static void the_latest_edition_is_finished_after_redis_lost_its_state(void **state)
{
	struct fixture *f = fixture_new("sinks:\n  - {type: file}\n  - {type: kafka}\n");
	struct edition_published pub[8];
	struct tally t = { .n = 0 };
	char err[1024];
	size_t n;

	(void)state;
	add_first(f, 4);
	block_folder(f);
	assert_int_equal(publish(f, pub, &n, err, sizeof(err)), -1);
	assert_int_equal(unit_consume_all(&f->k, DIGESTS, tally, &t), 1); /* first, file or not */
	unit_redis_kill(&f->u, 1);
	redis_ping(f->r); /* the old connection is gone: this one finds it out */
	unlink(f->out);
	assert_int_equal(record_gathered(f->r, 0), 0);
	assert_int_equal(publish(f, pub, &n, err, sizeof(err)), 0);
	assert_int_equal(n, 1);
	assert_string_equal(pub[0].id, t.ids[0]);
	assert_true(file_exists(pub[0].path));
	t.n = 0;
	assert_int_equal(unit_consume_all(&f->k, DIGESTS, tally, &t), 1);
	/* And its articles are remembered as published. */
	assert_int_equal(add(f, 2), 0);
	fixture_free(f);
}

/* ---- the publisher service ---- */

static void *serve(void *arg)
{
	struct fixture *f = arg;
	char err[512];

	f->rc = publisher_run(&f->svc, 0, &f->stop, err, sizeof(err));
	if (f->rc)
		fprintf(stderr, "publisher: %s\n", err);
	return NULL;
}

static void service_start(struct fixture *f)
{
	svc_init(&f->svc, f->k.cfg, metrics_new());
	pthread_create(&f->t, NULL, serve, f);
}

static void service_stop(struct fixture *f)
{
	f->stop = 1;
	pthread_join(f->t, NULL);
	assert_int_equal(f->rc, 0);
	metrics_free(f->svc.metrics);
	svc_release(&f->svc);
}

static void produce_summaries(struct fixture *f, size_t from, size_t to)
{
	const char *keys[32], *values[32];

	for (size_t i = from; i < to; i++) {
		keys[i - from] = f->ids[i];
		values[i - from] = f->summaries[i];
	}
	unit_produce(&f->k, SUMMARIES, keys, values, to - from);
}

/* Summaries in the open edition now. */
static long long open_size(struct fixture *f)
{
	redisReply *rep = redis_command(f->r, "HLEN %s" REDIS_KEY_EDITION_OPEN, redis_prefix(f->r));
	long long n = rep && rep->type == REDIS_REPLY_INTEGER ? rep->integer : -1;

	if (rep)
		freeReplyObject(rep);
	return n;
}

static int wait_open_size(struct fixture *f, long long want, int seconds)
{
	for (int i = 0; i < seconds * 10; i++) {
		if (open_size(f) == want)
			return 1;
		usleep(100000);
	}
	return 0;
}

/*
 * The open edition lives in Redis: restarted empty, Redis has lost it. The
 * publisher finds its partitions not gathered and reads the summaries
 * topic again, so the open edition comes back whole.
 */
static void the_open_edition_comes_back_after_redis_lost_its_state(void **state)
{
	struct fixture *f = fixture_new(NULL);

	(void)state;
	service_start(f);
	produce_summaries(f, 0, 6);
	if (!wait_open_size(f, 6, 60))
		fail_msg("%lld of 6 summaries gathered", open_size(f));
	unit_redis_kill(&f->u, 1);
	if (!wait_open_size(f, 6, 60))
		fail_msg("%lld of 6 summaries gathered again after Redis lost its state",
			open_size(f));
	service_stop(f);
	fixture_free(f);
}

/*
 * A publication that takes its time (a webhook retried for seconds) runs
 * beside the consumer: summaries that arrive meanwhile are gathered
 * before it ends, and the consumer stays in its group.
 */
static void a_long_publication_does_not_stop_the_gathering(void **state)
{
	struct unit_http hook;
	struct fixture *f;
	char sinks[512];

	(void)state;
	unit_http_start(&hook);
	unit_http_route(&hook, "/hook", 503, "text/plain", "busy", NULL, 1500);
	snprintf(sinks, sizeof(sinks), "fetcher: {allow_private: [127.0.0.1]}\nsinks:\n"
		"  - {type: kafka}\n  - {type: webhook, url: \"%s/hook\"}\n", hook.base);
	f = fixture_new(sinks);
	unit_set(f->k.cfg, "publisher.publish_at", "00:00");
	unit_set(f->k.cfg, "publisher.sink_attempts", "6");
	unit_set(f->k.cfg, "publisher.retry_backoff_ms", "1000");
	unit_set(f->k.cfg, "publisher.lock_ttl_ms", "10000"); /* longer than a try */
	service_start(f);
	produce_summaries(f, 0, 3);
	for (int i = 0; i < 600 && !unit_http_hits(&hook, "/hook", 0); i++)
		usleep(100000);
	assert_true(unit_http_hits(&hook, "/hook", 0) > 0);
	produce_summaries(f, 3, 6);
	if (!wait_open_size(f, 3, 20))
		fail_msg("%lld of 3 summaries gathered during the publication", open_size(f));
	assert_true(unit_http_hits(&hook, "/hook", 0) < 6); /* still retrying: it ran beside */
	service_stop(f);
	unit_http_stop(&hook);
	fixture_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(summaries_wait_for_the_record),
		cmocka_unit_test(a_failed_sink_keeps_its_edition_pending),
		cmocka_unit_test(a_redis_that_lost_its_state_publishes_nothing_twice),
		cmocka_unit_test(the_latest_edition_is_finished_after_redis_lost_its_state),
		cmocka_unit_test(the_open_edition_comes_back_after_redis_lost_its_state),
		cmocka_unit_test(a_long_publication_does_not_stop_the_gathering),
	};
	int rc;

	signal(SIGPIPE, SIG_IGN);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	curl_global_cleanup();
	return rc;
}
