#ifndef PRECIS_RDS_H
#define PRECIS_RDS_H

#include <hiredis/hiredis.h>
#include <stddef.h>

/*
 * A Redis connection with timeouts that reconnects by itself: after an I/O
 * error the next command opens a new connection. Commands are never
 * retried here, because not all of them are idempotent; callers decide.
 */
struct rds;

/*
 * Connects to url ("redis://HOST:PORT[/DB]" or "unix:PATH") and checks it
 * answers PING. Returns NULL with a one-line error in errstr. The key
 * prefix is copied. Caller frees with rds_free().
 */
struct rds *rds_connect(const char *url, int timeout_ms, const char *prefix, char *errstr,
	size_t errsize);
void rds_free(struct rds *r);

/*
 * Runs one command (hiredis format). Returns the reply, which the caller
 * frees with freeReplyObject(), or NULL on an I/O or server error, with
 * rds_errstr() telling why. A server error reply counts as an error.
 */
redisReply *rds_command(struct rds *r, const char *fmt, ...);
/* Same with an argument vector, for binary-safe values. */
redisReply *rds_command_argv(struct rds *r, int argc, const char **argv, const size_t *argvlen);

const char *rds_errstr(const struct rds *r);

/*
 * Keys (after the prefix) that more than one service uses. The summarizers
 * count the tokens spent on the edition being gathered in RDS_KEY_LLM_TOKENS;
 * the publisher moves the count into the edition it closes.
 */
#define RDS_KEY_LLM_TOKENS "llm:tokens"
/* The key prefix, e.g. "precis:". Borrowed from r. */
const char *rds_prefix(const struct rds *r);

#endif
