#include "unit.h"

#include <signal.h>

#include "redis.h"
#include "unit_services.h"

/*
 * The Redis helper against a real redis-server (scripts/setup.sh installs
 * it): clear errors when Redis is away, and a new connection by itself once
 * it is back.
 */

static void reconnects_after_redis_comes_back(void **state)
{
	struct unit_redis u;
	struct redis *r;
	redisReply *rep;
	char err[256];

	(void)state;
	unit_redis_start(&u);
	r = redis_connect(u.url, 1000, "t:", err, sizeof(err));
	assert_non_null(r);
	assert_string_equal(redis_prefix(r), "t:");
	rep = redis_command(r, "SET %skey %s", redis_prefix(r), "v1");
	assert_non_null(rep);
	freeReplyObject(rep);

	unit_redis_kill(&u, 0);
	rep = redis_command(r, "GET t:key");
	assert_null(rep);
	assert_non_null(strstr(redis_errstr(r), "Redis at unix:"));
	rep = redis_command(r, "GET t:key"); /* still away: a clear connect error */
	assert_null(rep);
	assert_non_null(strstr(redis_errstr(r), "cannot connect to Redis"));

	unit_redis_up(&u);
	rep = redis_command(r, "SET t:key v2");
	assert_non_null(rep);
	freeReplyObject(rep);
	rep = redis_command(r, "GET t:key");
	assert_non_null(rep);
	assert_string_equal(rep->str, "v2");
	freeReplyObject(rep);
	rep = redis_command(r, "NOSUCHCOMMAND");
	assert_null(rep); /* server errors are errors too */
	assert_non_null(strstr(redis_errstr(r), "unknown command"));

	redis_free(r);
	unit_redis_stop(&u);
}

/* What the services warn about at start: a Redis that keeps nothing across a restart. */
static void tells_whether_redis_persists(void **state)
{
	struct unit_redis u;
	struct redis *r;
	redisReply *rep;
	char err[256], why[300];

	(void)state;
	unit_redis_start(&u);
	r = redis_connect(u.url, 1000, "t:", err, sizeof(err));
	assert_non_null(r);
	assert_int_equal(redis_persistent(r, why, sizeof(why)), 0);
	assert_non_null(strstr(why, "keeps its data in memory only"));
	rep = redis_command(r, "CONFIG SET save %s", "900 1");
	assert_non_null(rep);
	freeReplyObject(rep);
	assert_int_equal(redis_persistent(r, why, sizeof(why)), 0);
	assert_non_null(strstr(why, "has no append-only file"));
	rep = redis_command(r, "CONFIG SET appendonly yes");
	assert_non_null(rep);
	freeReplyObject(rep);
	assert_int_equal(redis_persistent(r, why, sizeof(why)), 1);
	redis_free(r);
	unit_redis_stop(&u);
}

static void bad_urls_and_refusals(void **state)
{
	char err[256];

	(void)state;
	assert_null(redis_connect("http://x", 100, "", err, sizeof(err)));
	assert_non_null(strstr(err, "is not redis://"));
	assert_null(redis_connect("redis://127.0.0.1:99999", 100, "", err, sizeof(err)));
	assert_null(redis_connect("redis://127.0.0.1:1", 500, "", err, sizeof(err)));
	assert_non_null(strstr(err, "cannot connect to Redis at 127.0.0.1:1"));
	redis_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reconnects_after_redis_comes_back),
		cmocka_unit_test(tells_whether_redis_persists),
		cmocka_unit_test(bad_urls_and_refusals),
	};
	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
