#include "unit.h"

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "redis.h"

/*
 * The Redis helper against a real redis-server (scripts/setup.sh installs
 * it): clear errors when Redis is away, and a new connection by itself once
 * it is back.
 */

extern char **environ;

static pid_t start_redis(const char *sock)
{
	char *argv[] = { "redis-server", "--port", "0", "--unixsocket", (char *)sock, "--save", "",
		"--appendonly", "no", "--logfile", "/dev/null", NULL };
	pid_t pid;
	struct redis *r = NULL;
	char err[256];
	char url[300];

	assert_int_equal(posix_spawnp(&pid, argv[0], NULL, NULL, argv, environ), 0);
	snprintf(url, sizeof(url), "unix:%s", sock);
	for (int i = 0; i < 100 && !r; i++) {
		usleep(50000);
		r = redis_connect(url, 500, "", err, sizeof(err));
	}
	assert_non_null(r);
	redis_free(r);
	return pid;
}

static void stop_redis(pid_t pid)
{
	int status;

	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
}

static void reconnects_after_redis_comes_back(void **state)
{
	char sock[] = "/tmp/precis-redis-XXXXXX", path[300], url[320], err[256];
	struct redis *r;
	redisReply *rep;
	pid_t pid;

	(void)state;
	assert_non_null(mkdtemp(sock));
	snprintf(path, sizeof(path), "%s/redis.sock", sock);
	snprintf(url, sizeof(url), "unix:%s", path);
	pid = start_redis(path);
	r = redis_connect(url, 1000, "t:", err, sizeof(err));
	assert_non_null(r);
	assert_string_equal(redis_prefix(r), "t:");
	rep = redis_command(r, "SET %skey %s", redis_prefix(r), "v1");
	assert_non_null(rep);
	freeReplyObject(rep);

	stop_redis(pid);
	rep = redis_command(r, "GET t:key");
	assert_null(rep);
	assert_non_null(strstr(redis_errstr(r), "Redis at unix:"));
	rep = redis_command(r, "GET t:key"); /* still away: a clear connect error */
	assert_null(rep);
	assert_non_null(strstr(redis_errstr(r), "cannot connect to Redis"));

	pid = start_redis(path);
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
	stop_redis(pid);
	unlink(path);
	rmdir(sock);
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
		cmocka_unit_test(bad_urls_and_refusals),
	};
	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
