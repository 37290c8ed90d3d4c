#ifndef PRECIS_REDIS_H
#define PRECIS_REDIS_H

#include <hiredis/hiredis.h>
#include <stddef.h>

/*
 * A Redis connection with timeouts that reconnects by itself: after an I/O
 * error the next command opens a new connection. Commands are never
 * retried here, because not all of them are idempotent; callers decide.
 */
struct redis;

/*
 * A client of url ("redis://HOST:PORT[/DB]" or "unix:PATH"), not connected
 * yet: the first command connects. Returns NULL with a one-line error in
 * errstr when url is not one of those. The key prefix is copied. Caller
 * frees with redis_free().
 */
struct redis *redis_open(const char *url, int timeout_ms, const char *prefix, char *errstr,
	size_t errsize);

/*
 * Logs in with AUTH on every connection from now on: as user (Redis 6
 * ACLs), or as the default user when user is NULL or empty; password NULL
 * or empty logs in no more. Both are copied; the password is wiped when
 * freed and never appears in an error.
 */
void redis_login(struct redis *r, const char *user, const char *password);

/* 0 when Redis answers PING now, else -1 (redis_errstr() says why). */
int redis_ping(struct redis *r);

/* redis_open(), then redis_ping(): NULL with errstr when Redis does not answer. */
struct redis *redis_connect(const char *url, int timeout_ms, const char *prefix, char *errstr,
	size_t errsize);

/*
 * 1 when Redis keeps its data across a restart with an append-only file;
 * else 0 with what it lacks in why ("at HOST:PORT has no append-only file
 * and saves a snapshot only ..."), also when it does not let us ask.
 */
int redis_persistent(struct redis *r, char *why, size_t whysize);
void redis_free(struct redis *r);

/*
 * Whether url is one redis_connect() takes, without connecting (config
 * check). Returns 0, or -1 with errstr.
 */
int redis_url_check(const char *url, char *errstr, size_t errsize);

/*
 * Runs one command (hiredis format). Returns the reply, which the caller
 * frees with freeReplyObject(), or NULL on an I/O or server error, with
 * redis_errstr() telling why. A server error reply counts as an error.
 */
redisReply *redis_command(struct redis *r, const char *fmt, ...);
/* Same with an argument vector, for binary-safe values. */
redisReply *redis_command_argv(struct redis *r, int argc, const char **argv, const size_t *argvlen);

const char *redis_errstr(const struct redis *r);

/* The key prefix, e.g. "precis:". Borrowed from r. */
const char *redis_prefix(const struct redis *r);

/*
 * A key: the prefix, then fmt (a key name, see proto/redis_keys.h) with its
 * arguments. Caller frees with free().
 */
char *redis_key(const struct redis *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
