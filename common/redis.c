#include "redis.h"

#include <stdarg.h>
#include <string.h>
#include <sys/un.h>

#include "buf.h"
#include "common.h"

struct redis {
	redisContext *ctx;
	char *host; /* or the socket path */
	int port; /* 0 for a unix socket */
	int db;
	int timeout_ms;
	char *prefix;
	char *user, *password; /* for AUTH; NULL when Redis asks for none */
	char errstr[256];
};

static int parse_url(struct redis *r, const char *url)
{
	int64_t v;

	if (!strncmp(url, "unix:", 5)) {
		const char *p = url + 5;

		while (!strncmp(p, "//", 2))
			p++;
		if (!*p)
			return -1;
		r->host = xstrdup(p);
		return 0;
	}
	if (!strncmp(url, "redis://", 8)) {
		const char *h = url + 8, *colon = strrchr(h, ':'), *slash = strchr(h, '/');
		char num[16];

		if (slash && slash[1]) {
			if (parse_int64(slash + 1, 0, 1000, &v))
				return -1;
			r->db = (int)v;
		}
		if (!slash)
			slash = h + strlen(h);
		if (colon && colon < slash) {
			size_t n = (size_t)(slash - colon - 1);

			if (n == 0 || n >= sizeof(num))
				return -1;
			memcpy(num, colon + 1, n);
			num[n] = '\0';
			if (parse_int64(num, 1, 65535, &v))
				return -1;
			r->port = (int)v;
		} else {
			colon = slash;
			r->port = 6379;
		}
		if (colon == h)
			return -1;
		r->host = xstrndup(h, (size_t)(colon - h));
		return 0;
	}
	return -1;
}

static const char *where(const struct redis *r, char *out, size_t size)
{
	if (r->port)
		snprintf(out, size, "%s:%d", r->host, r->port);
	else
		snprintf(out, size, "unix:%s", r->host);
	return out;
}

static int reconnect(struct redis *r)
{
	struct timeval tv = { r->timeout_ms / 1000, (r->timeout_ms % 1000) * 1000 };
	char at[300];
	redisReply *rep;

	if (r->ctx && !r->ctx->err)
		return 0;
	if (r->ctx)
		redisFree(r->ctx);
	r->ctx = r->port ? redisConnectWithTimeout(r->host, r->port, tv)
			 : redisConnectUnixWithTimeout(r->host, tv);
	if (!r->ctx || r->ctx->err) {
		snprintf(r->errstr, sizeof(r->errstr), "cannot connect to Redis at %s: %s",
			where(r, at, sizeof(at)), r->ctx ? r->ctx->errstr : "out of memory");
		goto fail;
	}
	redisSetTimeout(r->ctx, tv);
	if (r->password) {
		rep = r->user ? redisCommand(r->ctx, "AUTH %s %s", r->user, r->password)
			      : redisCommand(r->ctx, "AUTH %s", r->password);
		/* Redis' answer names the user at most, never the password. */
		if (!rep || rep->type == REDIS_REPLY_ERROR) {
			snprintf(r->errstr, sizeof(r->errstr), "Redis at %s refused the login%s%s "
				"(redis.username, redis.password_env): %s", where(r, at, sizeof(at)),
				r->user ? " as " : "", r->user ? r->user : "",
				rep ? rep->str : r->ctx->errstr);
			if (rep)
				freeReplyObject(rep);
			goto fail;
		}
		freeReplyObject(rep);
	}
	rep = r->db ? redisCommand(r->ctx, "SELECT %d", r->db) : redisCommand(r->ctx, "PING");
	if (!rep || rep->type == REDIS_REPLY_ERROR) {
		snprintf(r->errstr, sizeof(r->errstr), "Redis at %s does not answer: %s",
			where(r, at, sizeof(at)),
			rep ? rep->str : r->ctx->errstr);
		if (rep)
			freeReplyObject(rep);
		goto fail;
	}
	freeReplyObject(rep);
	return 0;
fail:
	if (r->ctx)
		redisFree(r->ctx);
	r->ctx = NULL;
	return -1;
}

/* Checks url into r (which the caller frees); 0, or -1 with errstr. */
static int url_into(struct redis *r, const char *url, char *errstr, size_t errsize)
{
	/* The error would show the password: say where it went wrong, not what it said. */
	if (strchr(url, '@')) {
		snprintf(errstr, errsize, "redis.url: a user or password in the URL is not supported");
		return -1;
	}
	if (parse_url(r, url)) {
		snprintf(errstr, errsize, "redis.url '%s' is not redis://HOST:PORT[/DB] or unix:PATH",
			url);
		return -1;
	}
	if (!r->port && strlen(r->host) >= sizeof(((struct sockaddr_un *)0)->sun_path)) {
		snprintf(errstr, errsize, "redis.url: the socket path %s is longer than the %zu bytes "
			"a Unix socket takes", r->host, sizeof(((struct sockaddr_un *)0)->sun_path) - 1);
		return -1;
	}
	return 0;
}

int redis_url_check(const char *url, char *errstr, size_t errsize)
{
	struct redis r = { 0 };
	int rc = url_into(&r, url, errstr, errsize);

	free(r.host);
	return rc;
}

struct redis *redis_open(const char *url, int timeout_ms, const char *prefix, char *errstr,
	size_t errsize)
{
	struct redis *r = xcalloc(1, sizeof(*r));

	r->timeout_ms = timeout_ms;
	r->prefix = xstrdup(prefix);
	if (url_into(r, url, errstr, errsize)) {
		redis_free(r);
		return NULL;
	}
	return r;
}

static void forget_password(struct redis *r)
{
	if (r->password)
		explicit_bzero(r->password, strlen(r->password));
	free(r->password);
	free(r->user);
	r->password = r->user = NULL;
}

void redis_login(struct redis *r, const char *user, const char *password)
{
	forget_password(r);
	if (password && *password) {
		r->password = xstrdup(password);
		r->user = user && *user ? xstrdup(user) : NULL;
	}
	/* The next command connects again, and logs in. */
	if (r->ctx)
		redisFree(r->ctx);
	r->ctx = NULL;
}

int redis_ping(struct redis *r)
{
	redisReply *rep = redis_command(r, "PING");

	if (!rep)
		return -1;
	freeReplyObject(rep);
	return 0;
}

struct redis *redis_connect(const char *url, int timeout_ms, const char *prefix, char *errstr,
	size_t errsize)
{
	struct redis *r = redis_open(url, timeout_ms, prefix, errstr, errsize);

	if (r && redis_ping(r)) {
		snprintf(errstr, errsize, "%s", r->errstr);
		redis_free(r);
		return NULL;
	}
	return r;
}

/* The value of one CONFIG GET parameter, into out; -1 when Redis does not say. */
static int config_get(struct redis *r, const char *name, char *out, size_t size)
{
	redisReply *rep = redis_command(r, "CONFIG GET %s", name);
	int rc = -1;

	if (rep && rep->type == REDIS_REPLY_ARRAY && rep->elements == 2 &&
		rep->element[1]->type == REDIS_REPLY_STRING) {
		snprintf(out, size, "%s", rep->element[1]->str);
		rc = 0;
	}
	if (rep)
		freeReplyObject(rep);
	return rc;
}

int redis_persistent(struct redis *r, char *why, size_t whysize)
{
	char aof[16], save[128], at[300];

	where(r, at, sizeof(at));
	if (config_get(r, "appendonly", aof, sizeof(aof))) {
		/* Managed services often refuse CONFIG: say we could not tell. */
		snprintf(why, whysize, "at %s does not say whether it persists its data (CONFIG GET "
			"refused)", at);
		return 0;
	}
	if (!strcmp(aof, "yes"))
		return 1;
	if (config_get(r, "save", save, sizeof(save)) || !*save)
		snprintf(why, whysize, "at %s keeps its data in memory only (no append-only file, "
			"no snapshots)", at);
	else
		snprintf(why, whysize, "at %s has no append-only file: a restart loses what changed "
			"since its last snapshot (save %s)", at, save);
	return 0;
}

void redis_free(struct redis *r)
{
	if (!r)
		return;
	if (r->ctx)
		redisFree(r->ctx);
	forget_password(r);
	free(r->host);
	free(r->prefix);
	free(r);
}

/* rep, or NULL with errstr set when the call failed or the server answered an error. */
static redisReply *reply_or_error(struct redis *r, redisReply *rep)
{
	char at[300];

	if (!rep) {
		snprintf(r->errstr, sizeof(r->errstr), "Redis at %s: %s", where(r, at, sizeof(at)),
			r->ctx->errstr[0] ? r->ctx->errstr : "connection lost");
		/* hiredis cannot reuse a context after an I/O error. */
		redisFree(r->ctx);
		r->ctx = NULL;
		return NULL;
	}
	if (rep->type == REDIS_REPLY_ERROR) {
		snprintf(r->errstr, sizeof(r->errstr), "Redis at %s: %s", where(r, at, sizeof(at)),
			rep->str);
		freeReplyObject(rep);
		return NULL;
	}
	return rep;
}

redisReply *redis_command(struct redis *r, const char *fmt, ...)
{
	va_list ap;
	redisReply *rep;

	if (reconnect(r))
		return NULL;
	va_start(ap, fmt);
	rep = redisvCommand(r->ctx, fmt, ap);
	va_end(ap);
	return reply_or_error(r, rep);
}

redisReply *redis_command_argv(struct redis *r, int argc, const char **argv, const size_t *argvlen)
{
	if (reconnect(r))
		return NULL;
	return reply_or_error(r, redisCommandArgv(r->ctx, argc, argv, argvlen));
}

const char *redis_errstr(const struct redis *r)
{
	return r->errstr;
}

const char *redis_prefix(const struct redis *r)
{
	return r->prefix;
}

char *redis_key(const struct redis *r, const char *fmt, ...)
{
	struct buf k;
	va_list ap;

	buf_init(&k, SIZE_MAX);
	buf_addstr(&k, r->prefix);
	va_start(ap, fmt);
	buf_vprintf(&k, fmt, ap);
	va_end(ap);
	return buf_detach(&k, NULL);
}
