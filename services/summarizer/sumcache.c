#include "sumcache.h"

#include <string.h>

#include "buf.h"
#include "hash.h"
#include "redis_keys.h"
#include "common.h"

void sumcache_key(const char *backend, const char *model, const char *prompt_version,
	const char *lang, const char *title, const char *text, char out[SUMCACHE_KEY_SIZE])
{
	const char *parts[] = { "precis-summary-cache/1", backend, model, prompt_version, lang,
		title, text };
	struct buf b;

	/* NUL-separated: no two different tuples hash the same bytes. */
	buf_init(&b, SIZE_MAX);
	for (size_t i = 0; i < ARRAY_SIZE(parts); i++)
		buf_add(&b, parts[i] ? parts[i] : "", strlen(parts[i] ? parts[i] : "") + 1);
	hash_id128(b.data, b.len, out);
	buf_release(&b);
}

int sumcache_get(struct redis *r, const char *key, const struct answer_rules *rules,
	struct summary *s)
{
	redisReply *rep = redis_command(r, "GET %s" REDIS_KEY_SUMMARY_CACHE, redis_prefix(r), key);
	unsigned repairs = 0;
	char err[256];
	int rc = 0;

	memset(s, 0, sizeof(*s));
	if (!rep)
		return -1;
	if (rep->type == REDIS_REPLY_STRING) {
		rc = !answer_parse(rep->str, rep->len, rules, s, &repairs, err, sizeof(err));
		if (!rc)
			summary_release(s);
	}
	freeReplyObject(rep);
	return rc;
}

int sumcache_put(struct redis *r, const char *key, const struct summary *s, long long ttl_s)
{
	char *json = answer_format(s);
	redisReply *rep = redis_command(r, "SET %s" REDIS_KEY_SUMMARY_CACHE " %s EX %lld", redis_prefix(r), key, json,
		ttl_s);

	free(json);
	if (!rep)
		return -1;
	freeReplyObject(rep);
	return 0;
}
