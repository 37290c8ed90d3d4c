#include "politeness.h"

#include <string.h>

#include "buf.h"
#include "http.h"
#include "log.h"
#include "redis_keys.h"
#include "robots.h"
#include "url.h"
#include "common.h"

#define ROBOTS_MEMO_MS 60000
#define ROBOTS_MEMO_MAX 256

/* robots.txt rules this process read from Redis lately, by origin. */
struct robots_memo {
	char *origin;
	char *rules;
	int64_t until; /* mono_ms() */
};

struct politeness {
	const struct config *cfg;
	struct redis *redis;
	char owner[64];
	unsigned long long tokens;
	struct robots_memo *robots;
	size_t nrobots;
};

/*
 * KEYS: slots, next. ARGV: token, max, delay ms, lease ms. 0: go; > 0: ms to
 * wait; -1: full.
 */
static const char host_acquire_script[] =
	"local t = redis.call('TIME') local now = t[1] * 1000 + math.floor(t[2] / 1000) "
	"redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now) "
	"local nxt = tonumber(redis.call('GET', KEYS[2]) or '0') "
	"if nxt > now then return nxt - now end "
	"if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return -1 end "
	"redis.call('ZADD', KEYS[1], now + tonumber(ARGV[4]), ARGV[1]) "
	"redis.call('PEXPIRE', KEYS[1], ARGV[4]) "
	"if tonumber(ARGV[3]) > 0 then redis.call('SET', KEYS[2], now + tonumber(ARGV[3]), 'PX', ARGV[3]) end "
	"return 0";

struct politeness *politeness_new(const struct config *cfg, struct redis *redis,
	const char *owner)
{
	struct politeness *p = xcalloc(1, sizeof(*p));

	p->cfg = cfg;
	p->redis = redis;
	strlcpy_p(p->owner, owner, sizeof(p->owner));
	return p;
}

void politeness_free(struct politeness *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->nrobots; i++) {
		free(p->robots[i].origin);
		free(p->robots[i].rules);
	}
	free(p->robots);
	free(p);
}

long long politeness_acquire(struct politeness *p, const char *origin, char *token, size_t size)
{
	char *slots = redis_key(p->redis, REDIS_KEY_HOST_SLOTS, origin);
	char *next = redis_key(p->redis, REDIS_KEY_HOST_NEXT, origin);
	long long wait;
	redisReply *r;

	snprintf(token, size, "%s:%llu", p->owner, ++p->tokens);
	/* The slot outlives the longest request, so a dead replica's slot frees itself. */
	r = redis_command(p->redis, "EVAL %s 2 %s %s %s %lld %lld %lld", host_acquire_script, slots,
		next, token, (long long)p->cfg->fetcher_host_concurrency,
		(long long)p->cfg->fetcher_host_delay_ms,
		(long long)p->cfg->fetcher_timeout_ms + 60000);
	free(slots);
	free(next);
	if (!r) {
		log_warn("politeness: %s; waiting", redis_errstr(p->redis));
		token[0] = '\0';
		return 1000;
	}
	wait = r->type == REDIS_REPLY_INTEGER ? r->integer : 1000;
	freeReplyObject(r);
	if (wait)
		token[0] = '\0';
	return wait;
}

void politeness_release(struct politeness *p, const char *origin, char *token)
{
	redisReply *r;

	if (!token[0])
		return;
	r = redis_command(p->redis, "ZREM %s" REDIS_KEY_HOST_SLOTS " %s", redis_prefix(p->redis),
		origin, token);
	if (r)
		freeReplyObject(r);
	token[0] = '\0';
}

/* Keeps origin and rules (both taken) for a minute, replacing the oldest when full. */
static void robots_remember(struct politeness *p, char *origin, char *rules)
{
	struct robots_memo *m = NULL;

	for (size_t i = 0; i < p->nrobots && !m; i++)
		if (!strcmp(p->robots[i].origin, origin))
			m = &p->robots[i];
	if (!m && p->nrobots < ROBOTS_MEMO_MAX) {
		p->robots = xrealloc(p->robots, (p->nrobots + 1) * sizeof(*p->robots));
		m = &p->robots[p->nrobots++];
		m->origin = m->rules = NULL;
	}
	if (!m) {
		m = &p->robots[0];
		for (size_t i = 1; i < p->nrobots; i++)
			if (p->robots[i].until < m->until)
				m = &p->robots[i];
	}
	free(m->origin);
	free(m->rules);
	m->origin = origin;
	m->rules = rules;
	m->until = mono_ms() + ROBOTS_MEMO_MS;
}

/* Fetches origin's robots.txt (as politely as any request); rules, and how long they hold. */
static char *robots_fetch(struct politeness *p, const char *origin, long *ttl)
{
	struct http_options opts;
	struct http_response resp;
	struct buf robots_url;
	char token[96], err[512], *rules;
	long long wait;

	buf_init(&robots_url, 4096);
	buf_printf(&robots_url, "%s/robots.txt", origin);
	http_options_from_config(&opts, p->cfg, 512 * 1024);
	/* robots.txt is a request like any other: the host's politeness holds. */
	for (int64_t give_up = mono_ms() + 60000;
		(wait = politeness_acquire(p, origin, token, sizeof(token))) && mono_ms() < give_up;)
		sleep_ms(wait > 0 ? wait : 20);
	*ttl = 86400;
	if (http_get(&opts, robots_url.data, &resp, err, sizeof(err)) || resp.status >= 500) {
		rules = xstrdup("User-agent: *\nDisallow: /\n");
		*ttl = 600;
		if (resp.status >= 500)
			http_response_release(&resp);
	} else {
		rules = resp.status < 300 ? xstrndup(resp.body.data, resp.body.len) : xstrdup("");
		http_response_release(&resp);
	}
	politeness_release(p, origin, token);
	buf_release(&robots_url);
	return rules;
}

int politeness_robots_allow(struct politeness *p, const char *url)
{
	char *origin = url_origin(url), *path = NULL;
	redisReply *r;
	char *rules = NULL;
	int allowed = 1;

	if (!origin)
		return 1; /* file:// and the like have no robots.txt */
	path = url_path_query(url);
	for (size_t i = 0; i < p->nrobots; i++) {
		if (!strcmp(p->robots[i].origin, origin) && p->robots[i].until > mono_ms()) {
			allowed = robots_allowed(p->robots[i].rules, p->cfg->fetcher_user_agent,
				path ? path : "/");
			free(path);
			free(origin);
			return allowed;
		}
	}
	r = redis_command(p->redis, "GET %s" REDIS_KEY_ROBOTS, redis_prefix(p->redis), origin);
	if (r && r->type == REDIS_REPLY_STRING) {
		rules = xstrndup(r->str, r->len);
	} else {
		long ttl;

		rules = robots_fetch(p, origin, &ttl);
		if (r)
			freeReplyObject(r);
		r = redis_command(p->redis, "SET %s" REDIS_KEY_ROBOTS " %s EX %ld",
			redis_prefix(p->redis), origin, rules, ttl);
	}
	if (r)
		freeReplyObject(r);
	allowed = robots_allowed(rules, p->cfg->fetcher_user_agent, path ? path : "/");
	robots_remember(p, origin, rules);
	free(path);
	return allowed;
}
