#include "politeness.h"

#include <string.h>

#include "log.h"
#include "redis_keys.h"
#include "robots.h"
#include "url.h"
#include "common.h"

#define ROBOTS_MEMO_MS 60000
#define ROBOTS_MEMO_MAX 256

/*
 * The rules kept in place of a robots.txt that could not be read (a 5xx,
 * no answer): nothing may go for ten minutes. The comment, which robots.txt
 * readers skip, lets the pages held back say why.
 */
#define ROBOTS_UNREAD "# precis: robots.txt could not be read"

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

/*
 * KEYS: slots. ARGV: token, lease ms. Every lease is as long, so the one
 * renewed last also ends last: the key lives as long as it.
 */
static const char host_renew_script[] =
	"if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end "
	"local t = redis.call('TIME') local now = t[1] * 1000 + math.floor(t[2] / 1000) "
	"redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[2]), ARGV[1]) "
	"redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1";

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
	r = redis_command(p->redis, "EVAL %s 2 %s %s %s %lld %lld %lld", host_acquire_script, slots,
		next, token, (long long)p->cfg->fetcher_host_concurrency,
		(long long)p->cfg->fetcher_host_delay_ms, (long long)p->cfg->fetcher_host_lease_ms);
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

void politeness_renew(struct politeness *p, const char *origin, const char *token)
{
	char *slots;
	redisReply *r;

	if (!token[0])
		return;
	slots = redis_key(p->redis, REDIS_KEY_HOST_SLOTS, origin);
	r = redis_command(p->redis, "EVAL %s 1 %s %s %lld", host_renew_script, slots, token,
		(long long)p->cfg->fetcher_host_lease_ms);
	if (r)
		freeReplyObject(r);
	else
		log_warn("politeness: cannot renew a slot of %s: %s", origin, redis_errstr(p->redis));
	free(slots);
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

void politeness_robots_learn(struct politeness *p, const char *origin, long status,
	const char *body, size_t len)
{
	char *rules;
	long ttl = 86400;
	redisReply *r;

	if (status >= 200 && status < 300) {
		rules = xstrndup(body, len);
	} else if (status >= 400 && status < 500) {
		rules = xstrdup(""); /* no file: no rules */
	} else {
		rules = xstrdup(ROBOTS_UNREAD "\nUser-agent: *\nDisallow: /\n");
		ttl = 600;
	}
	r = redis_command(p->redis, "SET %s" REDIS_KEY_ROBOTS " %s EX %ld", redis_prefix(p->redis),
		origin, rules, ttl);
	if (r)
		freeReplyObject(r);
	else
		log_warn("politeness: cannot keep the robots.txt of %s: %s", origin,
			redis_errstr(p->redis));
	robots_remember(p, xstrdup(origin), rules);
}

int politeness_robots_allowed(struct politeness *p, const char *url, int *unread)
{
	char *origin = url_origin(url), *path = NULL, *rules = NULL;
	int allowed = -1;
	redisReply *r;

	*unread = 0;
	if (!origin)
		return 1; /* file:// and the like have no robots.txt */
	path = url_path_query(url);
	for (size_t i = 0; i < p->nrobots && !rules; i++)
		if (!strcmp(p->robots[i].origin, origin) && p->robots[i].until > mono_ms())
			rules = p->robots[i].rules;
	if (!rules) {
		r = redis_command(p->redis, "GET %s" REDIS_KEY_ROBOTS, redis_prefix(p->redis), origin);
		if (r && r->type == REDIS_REPLY_STRING) {
			rules = xstrndup(r->str, r->len);
			robots_remember(p, origin, rules);
			origin = NULL; /* kept by the memo */
		}
		if (r)
			freeReplyObject(r);
	}
	if (rules) {
		allowed = robots_allowed(rules, p->cfg->fetcher_user_agent, path ? path : "/");
		*unread = !strncmp(rules, ROBOTS_UNREAD, strlen(ROBOTS_UNREAD));
	}
	free(origin);
	free(path);
	return allowed;
}
