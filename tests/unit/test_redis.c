#include "unit.h"

#include <signal.h>

#include "cli.h"
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

/* A Redis that asks for a password: precis logs in on every connection, and never says it. */
static void logs_in_where_redis_asks(void **state)
{
	struct unit_redis u;
	struct redis *admin, *r;
	struct config *cfg = config_new();
	redisReply *rep;
	char err[512];

	(void)state;
	unit_redis_start(&u);
	admin = redis_connect(u.url, 1000, "", err, sizeof(err));
	assert_non_null(admin);
	rep = redis_command(admin, "ACL SETUSER precis on >%s ~* +@all", "user pass 2");
	assert_non_null(rep);
	freeReplyObject(rep);
	rep = redis_command(admin, "CONFIG SET requirepass %s", "default pass 1");
	assert_non_null(rep);
	freeReplyObject(rep);

	assert_null(redis_connect(u.url, 1000, "", err, sizeof(err)));
	assert_non_null(strstr(err, "NOAUTH"));

	r = redis_open(u.url, 1000, "", err, sizeof(err));
	assert_non_null(r);
	redis_login(r, NULL, "wrong pass 9");
	assert_int_equal(redis_ping(r), -1);
	assert_non_null(strstr(redis_errstr(r), "refused the login"));
	assert_null(strstr(redis_errstr(r), "wrong pass"));
	redis_login(r, "", "default pass 1");
	assert_int_equal(redis_ping(r), 0);
	redis_login(r, "precis", "user pass 2");
	assert_int_equal(redis_ping(r), 0);
	rep = redis_command(r, "ACL WHOAMI");
	assert_non_null(rep);
	assert_string_equal(rep->str, "precis");
	freeReplyObject(rep);
	/* Cut off, it logs in again on the connection it opens anew. */
	rep = redis_command(admin, "AUTH %s", "default pass 1");
	freeReplyObject(rep);
	rep = redis_command(admin, "CLIENT KILL USER precis");
	assert_non_null(rep);
	freeReplyObject(rep);
	assert_null(redis_command(r, "PING"));
	assert_int_equal(redis_ping(r), 0);
	redis_free(r);

	/* From the configuration: the password only from the variable it names. */
	unit_set(cfg, "redis.url", u.url);
	unit_set(cfg, "redis.username", "precis");
	unit_set(cfg, "redis.password_env", "PRECIS_TEST_REDIS_PASSWORD");
	unsetenv("PRECIS_TEST_REDIS_PASSWORD");
	assert_int_equal(config_validate(cfg, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "PRECIS_TEST_REDIS_PASSWORD is not set"));
	setenv("PRECIS_TEST_REDIS_PASSWORD", "user pass 2", 1);
	assert_int_equal(config_validate(cfg, err, sizeof(err)), 0);
	r = cli_redis_connect(cfg, 1000, err, sizeof(err));
	assert_non_null(r);
	redis_free(r);
	setenv("PRECIS_TEST_REDIS_PASSWORD", "not it", 1);
	assert_null(cli_redis_connect(cfg, 1000, err, sizeof(err)));
	assert_non_null(strstr(err, "refused the login as precis"));
	assert_null(strstr(err, "not it"));
	unsetenv("PRECIS_TEST_REDIS_PASSWORD");

	config_free(cfg);
	redis_free(admin);
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
		cmocka_unit_test(logs_in_where_redis_asks),
		cmocka_unit_test(bad_urls_and_refusals),
	};
	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
