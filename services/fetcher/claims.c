#include "claims.h"

#include <string.h>

#include "log.h"
#include "redis_keys.h"
#include "common.h"

/* A page waiting to be marked seen with others in one round trip. */
struct seen_mark {
	char id[33];
	char *url;
};

struct claims {
	const struct config *cfg;
	struct redis *redis;
	char owner[64];
	struct seen_mark *marks;
	size_t nmarks;
};

/*
 * KEYS: seen, claim of each page. ARGV: owner, ttl ms. For each page, 0:
 * claimed; 1: seen; 2: claimed by someone else (enum claim_result).
 */
static const char claim_script[] =
	"local out = {} for i = 1, #KEYS, 2 do "
	"if redis.call('EXISTS', KEYS[i]) == 1 then out[#out + 1] = 1 "
	"elseif redis.call('SET', KEYS[i + 1], ARGV[1], 'NX', 'PX', ARGV[2]) then out[#out + 1] = 0 "
	"else out[#out + 1] = 2 end end return out";

/* KEYS: claim. ARGV: owner. Drops the claim if it is still ours. */
static const char unclaim_script[] =
	"if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end "
	"return 0";

/* KEYS: seen, claim of each page. ARGV: ttl s, owner, then each page's URL. */
static const char seen_script[] =
	"for i = 1, #KEYS, 2 do "
	"redis.call('SET', KEYS[i], ARGV[2 + (i + 1) / 2], 'EX', ARGV[1]) "
	"if redis.call('GET', KEYS[i + 1]) == ARGV[2] then redis.call('DEL', KEYS[i + 1]) end end "
	"return #KEYS / 2";

/* KEYS: pending. ARGV: the seen keys' stem (a seen key is the stem and an id), ttl seconds. */
static const char confirm_script[] =
	"local ids = redis.call('SMEMBERS', KEYS[1]) "
	"for _, id in ipairs(ids) do redis.call('SET', ARGV[1] .. id, '1', 'EX', ARGV[2]) end "
	"redis.call('DEL', KEYS[1]) return #ids";

struct claims *claims_new(const struct config *cfg, struct redis *redis, const char *owner)
{
	struct claims *c = xcalloc(1, sizeof(*c));

	c->cfg = cfg;
	c->redis = redis;
	strlcpy_p(c->owner, owner, sizeof(c->owner));
	return c;
}

void claims_free(struct claims *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nmarks; i++)
		free(c->marks[i].url);
	free(c->marks);
	free(c);
}

/*
 * Runs script over n pages in batches of 500, one round trip each: KEYS are
 * each page's seen and claim keys; ARGV the nhead values of head, then each
 * page's URL when urls is set. Each batch's reply goes to on_reply (may be
 * NULL) with the index of its first page. Returns -1 if Redis failed.
 */
static int script_pages(struct claims *c, const char *script, const char *const *head,
	size_t nhead, const char *const *ids, const char *const *urls, size_t n,
	void (*on_reply)(void *ctx, size_t first, redisReply *r), void *ctx)
{
	int rc = 0;

	for (size_t done = 0; done < n; done += 500) {
		size_t m = n - done < 500 ? n - done : 500, a = 0;
		size_t argc = 3 + 2 * m + nhead + (urls ? m : 0);
		const char **argv = xcalloc(argc, sizeof(*argv));
		size_t *lens = xcalloc(argc, sizeof(*lens));
		char **keys = xcalloc(2 * m, sizeof(*keys));
		char nkeys[32];
		redisReply *r;

		snprintf(nkeys, sizeof(nkeys), "%zu", 2 * m);
		argv[a++] = "EVAL", argv[a++] = script, argv[a++] = nkeys;
		for (size_t i = 0; i < m; i++) {
			keys[2 * i] = redis_key(c->redis, REDIS_KEY_SEEN, ids[done + i]);
			keys[2 * i + 1] = redis_key(c->redis, REDIS_KEY_CLAIM, ids[done + i]);
			argv[a++] = keys[2 * i];
			argv[a++] = keys[2 * i + 1];
		}
		for (size_t i = 0; i < nhead; i++)
			argv[a++] = head[i];
		for (size_t i = 0; urls && i < m; i++)
			argv[a++] = urls[done + i];
		for (size_t i = 0; i < a; i++)
			lens[i] = strlen(argv[i]);
		r = redis_command_argv(c->redis, (int)a, argv, lens);
		if (!r)
			rc = -1;
		else if (on_reply)
			on_reply(ctx, done, r);
		if (r)
			freeReplyObject(r);
		for (size_t i = 0; i < 2 * m; i++)
			free(keys[i]);
		free(keys);
		free(lens);
		free(argv);
	}
	return rc;
}

static void on_claims(void *ctx, size_t first, redisReply *r)
{
	enum claim_result *out = ctx;

	for (size_t i = 0; r->type == REDIS_REPLY_ARRAY && i < r->elements; i++)
		out[first + i] = r->element[i]->type == REDIS_REPLY_INTEGER
					 ? (enum claim_result)r->element[i]->integer
					 : CLAIM_TAKEN_ELSEWHERE;
}

int claims_take(struct claims *c, const char *const *ids, size_t n, enum claim_result *out)
{
	char ttl[32];
	const char *head[2] = { c->owner, ttl };

	for (size_t i = 0; i < n; i++)
		out[i] = CLAIM_FAILED;
	snprintf(ttl, sizeof(ttl), "%lld", (long long)c->cfg->fetcher_claim_ttl_s * 1000);
	return script_pages(c, claim_script, head, 2, ids, NULL, n, on_claims, out);
}

void claims_drop(struct claims *c, const char *id)
{
	char *claim = redis_key(c->redis, REDIS_KEY_CLAIM, id);
	redisReply *r = redis_command(c->redis, "EVAL %s 1 %s %s", unclaim_script, claim, c->owner);

	if (r)
		freeReplyObject(r);
	free(claim);
}

void claims_mark_seen(struct claims *c, const char *id, const char *url)
{
	c->marks = xrealloc(c->marks, (c->nmarks + 1) * sizeof(*c->marks));
	strlcpy_p(c->marks[c->nmarks].id, id, sizeof(c->marks[0].id));
	c->marks[c->nmarks++].url = xstrdup(url);
}

void claims_delivered(struct claims *c, const char *id, const char *url)
{
	redisReply *r;

	if (strcmp(c->cfg->fetcher_mark_seen, "run")) {
		claims_mark_seen(c, id, url);
		return;
	}
	/* The embedded broker forgets on exit: precis run confirms these once published. */
	r = redis_command(c->redis, "SADD %s" REDIS_KEY_RUN_PENDING " %s", redis_prefix(c->redis),
		id);
	if (!r)
		log_warn("cannot note %s as fetched in this run (%s)", url, redis_errstr(c->redis));
	else
		freeReplyObject(r);
	claims_drop(c, id);
}

void claims_flush(struct claims *c)
{
	char ttl[32];
	const char *head[2] = { ttl, c->owner };
	const char **ids, **urls;

	if (!c->nmarks)
		return;
	snprintf(ttl, sizeof(ttl), "%lld", (long long)c->cfg->fetcher_seen_ttl_days * 86400);
	ids = xcalloc(c->nmarks, sizeof(*ids));
	urls = xcalloc(c->nmarks, sizeof(*urls));
	for (size_t i = 0; i < c->nmarks; i++) {
		ids[i] = c->marks[i].id;
		urls[i] = c->marks[i].url;
	}
	if (script_pages(c, seen_script, head, 2, ids, urls, c->nmarks, NULL, NULL))
		log_warn("cannot remember %zu pages as fetched (%s); they may be fetched again",
			c->nmarks, redis_errstr(c->redis));
	free(ids);
	free(urls);
	for (size_t i = 0; i < c->nmarks; i++)
		free(c->marks[i].url);
	c->nmarks = 0;
}

int claims_forget_run(struct redis *r, char *errstr, size_t errsize)
{
	redisReply *rep = redis_command(r, "DEL %s" REDIS_KEY_RUN_PENDING, redis_prefix(r));

	if (!rep) {
		snprintf(errstr, errsize, "%s", redis_errstr(r));
		return -1;
	}
	freeReplyObject(rep);
	return 0;
}

int claims_confirm_run(const struct config *cfg, struct redis *r, char *errstr, size_t errsize)
{
	char *pending = redis_key(r, REDIS_KEY_RUN_PENDING), *seen = redis_key(r, REDIS_KEY_SEEN, "");
	redisReply *rep;

	rep = redis_command(r, "EVAL %s 1 %s %s %lld", confirm_script, pending, seen,
		(long long)cfg->fetcher_seen_ttl_days * 86400);
	free(pending);
	free(seen);
	if (!rep) {
		snprintf(errstr, errsize, "%s", redis_errstr(r));
		return -1;
	}
	freeReplyObject(rep);
	return 0;
}
