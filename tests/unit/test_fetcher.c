#include "unit.h"

#include <curl/curl.h>
#include <pthread.h>

#include "cli.h"
#include "common.h"
#include "fetcher.h"
#include "metrics.h"
#include "politeness.h"
#include "redis_keys.h"
#include "url.h"
#include "unit_http.h"
#include "unit_services.h"

/*
 * The fetcher's core on librdkafka's mock cluster, a private Redis and a
 * local web site: what a feed lists reaches the pages topic once; a feed's
 * validators wait for entries another replica holds; a page too large for
 * the topic becomes a dead letter the fetcher survives; a slow robots.txt
 * holds up only its own host; a dead replica's host slots free themselves
 * soon; and a fetcher started before Redis waits for it.
 */

#define PAGES "t.pages"

struct fixture {
	struct unit_kafka k;
	struct unit_redis r;
	struct unit_http site, other;
	struct svc svc;
	struct redis *redis; /* the test's own look at Redis */
	volatile sig_atomic_t stop;
	int rc, done;
};

static const char page_html[] =
	"<html><head><title>A story</title></head><body><article><h1>A story</h1>"
	"<p>The company shipped a new model on Monday and raised prices by four percent.</p>"
	"</article></body></html>";

/* A feed of n pages: the first on_other of them on the other site. */
static void serve_feed(struct fixture *f, int n, int on_other, const char *etag)
{
	char feed[8192], path[64];
	size_t k;

	k = (size_t)snprintf(feed, sizeof(feed), "<?xml version=\"1.0\"?><rss version=\"2.0\">"
		"<channel><title>Site</title><link>%s/</link>", f->site.base);
	for (int i = 0; i < n; i++) {
		struct unit_http *h = i < on_other ? &f->other : &f->site;

		snprintf(path, sizeof(path), "/news/%d.html", i);
		unit_http_route(h, path, 200, "text/html; charset=utf-8", page_html, NULL, 0);
		k += (size_t)snprintf(feed + k, sizeof(feed) - k,
			"<item><title>Story %d</title><link>%s%s</link></item>", i, h->base, path);
	}
	snprintf(feed + k, sizeof(feed) - k, "</channel></rss>");
	unit_http_route(&f->site, "/feed.xml", 200, "application/rss+xml", feed, etag, 0);
}

static struct fixture *fixture_new(void)
{
	struct fixture *f = calloc(1, sizeof(*f));
	char yaml[1024], err[256];

	unit_redis_start(&f->r);
	unit_http_start(&f->site);
	unit_http_start(&f->other);
	snprintf(yaml, sizeof(yaml),
		"fetcher:\n  allow_private: [127.0.0.1]\n  host_delay_ms: 0\n"
		"  host_concurrency: 4\nsources:\n  - {name: Site, url: \"%s/feed.xml\"}\n",
		f->site.base);
	unit_kafka_start(&f->k, 1, yaml);
	unit_set(f->k.cfg, "redis.url", f->r.url);
	for (int i = 0; i < 2; i++) {
		struct unit_http *h = i ? &f->other : &f->site;

		unit_http_route(h, "/robots.txt", 200, "text/plain", "User-agent: *\nAllow: /\n",
			NULL, 0);
	}
	svc_init(&f->svc, f->k.cfg, metrics_new());
	f->redis = redis_connect(f->r.url, 2000, "precis:", err, sizeof(err));
	assert_non_null(f->redis);
	return f;
}

static void fixture_free(struct fixture *f)
{
	redis_free(f->redis);
	metrics_free(f->svc.metrics);
	svc_release(&f->svc);
	unit_kafka_stop(&f->k);
	unit_http_stop(&f->site);
	unit_http_stop(&f->other);
	unit_redis_stop(&f->r);
	free(f);
}

/* One poll of every source, as precis-fetcher --once. */
static void poll_once(struct fixture *f)
{
	char err[512];

	f->stop = 0;
	if (fetcher_run(&f->svc, 1, &f->stop, err, sizeof(err)))
		fail_msg("fetcher: %s", err);
}

static void *poll_in_background(void *arg)
{
	struct fixture *f = arg;
	char err[512];

	f->rc = fetcher_run(&f->svc, 1, &f->stop, err, sizeof(err));
	f->done = 1;
	return NULL;
}

static void article_id(const struct unit_http *h, int i, char id[33])
{
	char url[128];

	snprintf(url, sizeof(url), "%s/news/%d.html", h->base, i);
	assert_int_equal(url_article_id(url, id), 0);
}

/* A Redis string of the test's fixture, or "" (into out). */
static void get(struct fixture *f, const char *key, char *out, size_t size)
{
	redisReply *rep = redis_command(f->redis, "GET %s%s", redis_prefix(f->redis), key);

	assert_non_null(rep);
	snprintf(out, size, "%s", rep->type == REDIS_REPLY_STRING ? rep->str : "");
	freeReplyObject(rep);
}

static void each_page_once(void **state)
{
	struct fixture *f = fixture_new();

	(void)state;
	serve_feed(f, 3, 0, NULL);
	poll_once(f);
	assert_int_equal(unit_count(&f->k, PAGES), 3);
	poll_once(f); /* seen: nothing again */
	assert_int_equal(unit_count(&f->k, PAGES), 3);
	fixture_free(f);
}

/*
 * A page claimed by a replica that died: the first poll leaves it, and
 * must not keep the feed's ETag, or every later poll is answered 304 and
 * the page is never fetched while the feed stays the same.
 */
static void validators_wait_for_pages_claimed_elsewhere(void **state)
{
	struct fixture *f = fixture_new();
	char id[33], key[64], v[64];
	redisReply *rep;

	(void)state;
	serve_feed(f, 3, 0, "\"v1\"");
	article_id(&f->site, 2, id);
	rep = redis_command(f->redis, "SET %s" REDIS_KEY_CLAIM " dead-replica PX 1500",
		redis_prefix(f->redis), id);
	assert_non_null(rep);
	freeReplyObject(rep);
	poll_once(f);
	assert_int_equal(unit_count(&f->k, PAGES), 2);
	rep = redis_command(f->redis, "HGET %s" REDIS_KEY_SOURCE " etag", redis_prefix(f->redis),
		"Site");
	assert_non_null(rep);
	if (rep->type == REDIS_REPLY_STRING)
		fail_msg("the feed's ETag %s was kept with a page not fetched", rep->str);
	freeReplyObject(rep);
	snprintf(key, sizeof(key), REDIS_KEY_CLAIM, id);
	for (int i = 0; i < 100; i++) { /* the dead replica's claim expires */
		get(f, key, v, sizeof(v));
		if (!*v)
			break;
		usleep(100000);
	}
	poll_once(f);
	assert_int_equal(unit_count(&f->k, PAGES), 3);
	assert_int_equal(unit_http_hits(&f->site, "/feed.xml", 304), 0);
	/* All seen now: the ETag is kept, and the next poll is a 304. */
	poll_once(f);
	assert_int_equal(unit_http_hits(&f->site, "/feed.xml", 304), 1);
	fixture_free(f);
}

/*
 * The pages topic refuses a page for its size: a dead letter says so, the
 * page counts as seen once the dead letter is delivered, and the fetcher
 * (which took the dead letter's delivery report for a page's) lives on.
 */
static void a_page_too_large_is_dead_lettered(void **state)
{
	struct fixture *f = fixture_new();
	char id[33], key[64], v[1024];

	(void)state;
	serve_feed(f, 1, 0, NULL);
	rd_kafka_mock_push_request_errors(f->k.mc, 0 /* Produce */, 1,
		RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE);
	poll_once(f);
	assert_int_equal(unit_count(&f->k, PAGES), 0);
	assert_int_equal(unit_count(&f->k, "t.deadletter"), 1);
	article_id(&f->site, 0, id);
	snprintf(key, sizeof(key), REDIS_KEY_SEEN, id);
	get(f, key, v, sizeof(v));
	assert_true(strstr(v, "/news/0.html") != NULL);
	fixture_free(f);
}

/*
 * A robots.txt that takes its time holds up the pages of its own host,
 * never the loop: the other host's pages are fetched meanwhile.
 */
static void a_slow_robots_txt_holds_up_only_its_host(void **state)
{
	struct fixture *f = fixture_new();
	double robots_end = 0, first_page = 1e18;

	(void)state;
	unit_http_route(&f->other, "/robots.txt", 200, "text/plain", "User-agent: *\nAllow: /\n",
		NULL, 2500);
	serve_feed(f, 4, 2, NULL); /* 0 and 1 on the slow host, listed first */
	poll_once(f);
	assert_int_equal(unit_count(&f->k, PAGES), 4);
	for (size_t i = 0; i < f->other.nlog; i++)
		if (!strcmp(f->other.log[i].path, "/robots.txt"))
			robots_end = f->other.log[i].end;
	for (size_t i = 0; i < f->site.nlog; i++)
		if (!strncmp(f->site.log[i].path, "/news/", 6) && f->site.log[i].start < first_page)
			first_page = f->site.log[i].start;
	if (first_page > robots_end)
		fail_msg("the fast host's first page started %.2f s after the slow robots.txt ended",
			first_page - robots_end);
	fixture_free(f);
}

/*
 * A replica that dies holding a host slot blocks the host for the slot's
 * lease (fetcher.host_lease_ms), not for its longest request; a live one
 * keeps its slot by renewing it.
 */
static void host_slots_are_leases(void **state)
{
	struct fixture *f = fixture_new();
	struct politeness *dead, *live, *third;
	char t1[96], t2[96], t3[96];
	const char *origin = "http://slow.example";
	int64_t t0;

	(void)state;
	unit_set(f->k.cfg, "fetcher.host_lease_ms", "1000");
	unit_set(f->k.cfg, "fetcher.host_concurrency", "1");
	dead = politeness_new(f->k.cfg, f->redis, "dead:1");
	live = politeness_new(f->k.cfg, f->redis, "live:2");
	third = politeness_new(f->k.cfg, f->redis, "third:3");
	assert_int_equal(politeness_acquire(dead, origin, t1, sizeof(t1)), 0);
	assert_int_equal(politeness_acquire(live, origin, t2, sizeof(t2)), -1);
	t0 = mono_ms();
	while (politeness_acquire(live, origin, t2, sizeof(t2)) && mono_ms() - t0 < 10000)
		usleep(100000);
	if (mono_ms() - t0 >= 10000)
		fail_msg("a dead replica's slot still blocks its host after 10 s");
	/* Renewed, the live one's slot outlasts its lease. */
	for (int i = 0; i < 10; i++) {
		usleep(300000);
		politeness_renew(live, origin, t2);
		assert_int_equal(politeness_acquire(third, origin, t3, sizeof(t3)), -1);
	}
	politeness_release(live, origin, t2);
	assert_int_equal(politeness_acquire(third, origin, t3, sizeof(t3)), 0);
	politeness_release(third, origin, t3);
	politeness_free(dead);
	politeness_free(live);
	politeness_free(third);
	fixture_free(f);
}

/* Started before Redis, the fetcher waits for it (and says so) instead of exiting. */
static void a_fetcher_started_before_redis_waits(void **state)
{
	struct fixture *f = fixture_new();
	pthread_t t;

	(void)state;
	serve_feed(f, 2, 0, NULL);
	unit_redis_kill(&f->r, 0);
	pthread_create(&t, NULL, poll_in_background, f);
	for (int i = 0; i < 300 && !f->done; i++) {
		int waiting;

		pthread_mutex_lock(&f->svc.lock);
		waiting = strstr(f->svc.waiting, "waiting for Redis") != NULL;
		pthread_mutex_unlock(&f->svc.lock);
		if (waiting)
			break;
		usleep(50000);
	}
	if (f->done)
		fail_msg("the fetcher gave up without Redis (exit %d)", f->rc);
	unit_redis_up(&f->r);
	pthread_join(t, NULL);
	assert_int_equal(f->rc, 0);
	assert_int_equal(unit_count(&f->k, PAGES), 2);
	fixture_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_page_once),
		cmocka_unit_test(validators_wait_for_pages_claimed_elsewhere),
		cmocka_unit_test(a_page_too_large_is_dead_lettered),
		cmocka_unit_test(a_slow_robots_txt_holds_up_only_its_host),
		cmocka_unit_test(host_slots_are_leases),
		cmocka_unit_test(a_fetcher_started_before_redis_waits),
	};
	int rc;

	signal(SIGPIPE, SIG_IGN);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	curl_global_cleanup();
	return rc;
}
