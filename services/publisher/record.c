#include "record.h"

#include <string.h>

#include "kafka.h"
#include "log.h"
#include "msg.h"
#include "redis_keys.h"
#include "url.h"
#include "common.h"

int record_whole(struct redis *r)
{
	redisReply *rep = redis_command(r, "EXISTS %s" REDIS_KEY_RECOVERED, redis_prefix(r));
	int whole;

	if (!rep)
		return -1;
	whole = rep->type == REDIS_REPLY_INTEGER && rep->integer == 1;
	freeReplyObject(rep);
	return whole;
}

/*
 * KEYS: meta, editions, included. ARGV: id, ts ms, ts RFC 3339, articles,
 * digest, note, then the article ids. The articles never join another
 * edition; the meta is written only where Redis knows nothing of the
 * edition, so a record made while delivering stays as it is.
 */
static const char record_script[] =
	"for i = 7, #ARGV, 500 do local args = {} "
	"for j = i, math.min(i + 499, #ARGV) do args[#args + 1] = ARGV[2] args[#args + 1] = ARGV[j] end "
	"redis.call('ZADD', KEYS[3], 'NX', unpack(args)) end "
	"if redis.call('HEXISTS', KEYS[1], 'state') == 1 then return 0 end "
	"redis.call('HSET', KEYS[1], 'state', 'published', 'published_at', ARGV[3], 'articles', "
	"ARGV[4], 'digest', ARGV[5], 'recovered', ARGV[6]) "
	"redis.call('ZADD', KEYS[2], 'NX', ARGV[2], ARGV[1]) return 1";

int record_edition(struct redis *r, const json_t *digest, const char *json, size_t len,
	int64_t ts, const char *note)
{
	const char *id = msg_str(digest, "edition");
	json_t *items = json_object_get(digest, "items"), *item;
	size_t nids = 0, argc = 0, i, k;
	char **ids = NULL, *meta = redis_key(r, REDIS_KEY_EDITION_META, id);
	char *editions = redis_key(r, REDIS_KEY_EDITIONS), *included = redis_key(r, REDIS_KEY_INCLUDED);
	char ts_ms[32], ts_iso[32], articles[32];
	const char **argv;
	size_t *lens;
	redisReply *rep;
	json_t *src;

	/*
	 * Each source names its article's id. Digests written before it did
	 * have only the URL, whose id it is unless the entry had no link.
	 */
	json_array_foreach(items, i, item)
	{
		json_array_foreach(json_object_get(item, "sources"), k, src)
		{
			char aid[33];
			const char *given = msg_str(src, "id");

			if (!(given && *given) && url_article_id(msg_str(src, "url"), aid))
				continue;
			ids = xrealloc(ids, (nids + 1) * sizeof(*ids));
			ids[nids++] = xstrdup(given && *given ? given : aid);
		}
	}
	snprintf(ts_ms, sizeof(ts_ms), "%lld", (long long)ts);
	time_iso8601(ts, ts_iso, sizeof(ts_iso));
	snprintf(articles, sizeof(articles), "%lld",
		(long long)json_integer_value(json_object_get(json_object_get(digest, "stats"),
			"articles")));
	argv = xcalloc(nids + 12, sizeof(*argv));
	lens = xcalloc(nids + 12, sizeof(*lens));
	argv[argc++] = "EVAL", argv[argc++] = record_script, argv[argc++] = "3";
	argv[argc++] = meta, argv[argc++] = editions, argv[argc++] = included;
	argv[argc++] = id, argv[argc++] = ts_ms, argv[argc++] = ts_iso, argv[argc++] = articles;
	argv[argc] = json, lens[argc++] = len;
	argv[argc++] = note;
	for (i = 0; i < nids; i++)
		argv[argc++] = ids[i];
	for (i = 0; i < argc; i++)
		if (!lens[i])
			lens[i] = strlen(argv[i]);
	rep = redis_command_argv(r, (int)argc, argv, lens);
	if (rep)
		freeReplyObject(rep);
	for (i = 0; i < nids; i++)
		free(ids[i]);
	free(ids);
	free(argv);
	free(lens);
	free(meta);
	free(editions);
	free(included);
	return rep ? 0 : -1;
}

struct reading {
	struct redis *r;
	int64_t editions, failed;
	char latest[64]; /* the edition read last (the newest), "" before the first */
	int64_t latest_ts;
	json_t *latest_digest;
};

static int read_one(void *ctx, const rd_kafka_message_t *m)
{
	struct reading *rd = ctx;
	rd_kafka_timestamp_type_t tstype;
	int64_t ts = rd_kafka_message_timestamp(m, &tstype);
	char err[512], note[128];
	json_t *digest = msg_decode(MSG_DIGEST, m->payload, m->len, err, sizeof(err));

	if (!digest) {
		log_warn("offset %lld of partition %d of the digest topic is no digest: %s",
			(long long)m->offset, m->partition, err);
		return 0;
	}
	if (ts < 0)
		ts = now_ms();
	snprintf(note, sizeof(note), "from the digest topic, partition %d offset %lld",
		m->partition, (long long)m->offset);
	if (record_edition(rd->r, digest, m->payload, m->len, ts, note)) {
		rd->failed = 1;
		json_decref(digest);
		return 1;
	}
	rd->editions++;
	if (ts >= rd->latest_ts) {
		rd->latest_ts = ts;
		snprintf(rd->latest, sizeof(rd->latest), "%s", msg_str(digest, "edition"));
		json_decref(rd->latest_digest);
		rd->latest_digest = json_incref(digest);
	}
	json_decref(digest);
	return 0;
}

/*
 * The latest edition was perhaps being delivered when Redis lost its
 * state: the sinks that can tell they lack it get it again (it goes back
 * to pending), the others are marked unknown and left alone.
 */
static int redeliver_latest(struct redis *r, const struct reading *rd, const struct sink *sinks,
	size_t nsinks, const struct sink *record)
{
	char *meta = redis_key(r, REDIS_KEY_EDITION_META, rd->latest), ts[32], status[200];
	int lacking = 0, rc = -1;
	redisReply *rep;

	time_iso8601(now_ms(), ts, sizeof(ts));
	for (size_t i = 0; i < nsinks; i++) {
		const struct sink *s = &sinks[i];

		if (s == record) {
			snprintf(status, sizeof(status), "delivered before %s (on the digest topic)", ts);
		} else if (!s->plugin->holds) {
			snprintf(status, sizeof(status), "unknown since %s: Redis lost its state, and "
				"the sink cannot tell whether it has the edition", ts);
		} else if (s->plugin->holds(s, rd->latest)) {
			snprintf(status, sizeof(status), "delivered before %s (it has the edition)", ts);
		} else {
			lacking++; /* delivered again */
			continue;
		}
		rep = redis_command(r, "HSETNX %s sink:%s %s", meta, s->name, status);
		if (!rep)
			goto out;
		freeReplyObject(rep);
	}
	if (lacking) {
		log_warn("edition %s: %d sinks lack it; it is delivered to them again", rd->latest,
			lacking);
		rep = redis_command(r, "HSET %s state closed", meta);
		if (rep)
			freeReplyObject(rep);
		rep = rep ? redis_command(r, "SADD %s" REDIS_KEY_EDITIONS_PENDING " %s",
				    redis_prefix(r), rd->latest)
			  : NULL;
		if (!rep)
			goto out;
		freeReplyObject(rep);
	}
	rc = 0;
out:
	free(meta);
	return rc;
}

int record_recover(const struct config *cfg, struct redis *r, const struct sink *sinks,
	size_t nsinks, int (*keep_lock)(void *ctx), void *ctx, char *errstr, size_t errsize)
{
	const struct sink *record = sinks_record(sinks, nsinks);
	struct reading rd = { r, 0, 0, "", -1, NULL };
	char ts[32];
	int64_t total = 0, n;
	redisReply *rep;
	int whole = record_whole(r);

	if (whole)
		goto done;
	if (!record) {
		log_warn("no sink writes %s, the record of published editions: if Redis has lost "
			 "its state, articles published before may be published again",
			cfg->topic_digests);
		goto mark;
	}
	n = kafka_read_all(cfg, cfg->topic_digests, NULL, NULL, errstr, errsize);
	if (n < 0)
		return -1;
	total = n;
	if (total) {
		log_warn("Redis has no record of published editions (it lost its state, or precis "
			 "was upgraded): waiting %lld ms (publisher.lock_ttl_ms) for a publisher that "
			 "may be delivering to finish, then reading %lld editions from %s",
			(long long)cfg->publisher_lock_ttl_ms, (long long)total, cfg->topic_digests);
		for (int64_t until = mono_ms() + cfg->publisher_lock_ttl_ms; mono_ms() < until;) {
			if (keep_lock(ctx)) {
				snprintf(errstr, errsize, "lost the publish lock while recovering");
				return -1;
			}
			sleep_ms(500);
		}
	}
	n = total ? kafka_read_all(cfg, cfg->topic_digests, read_one, &rd, errstr, errsize) : 0;
	if (n < 0 || rd.failed) {
		if (rd.failed)
			snprintf(errstr, errsize, "cannot write the record: %s", redis_errstr(r));
		json_decref(rd.latest_digest);
		return -1;
	}
	json_decref(rd.latest_digest);
	if (rd.latest[0] && redeliver_latest(r, &rd, sinks, nsinks, record)) {
		snprintf(errstr, errsize, "cannot write the record: %s", redis_errstr(r));
		return -1;
	}
	if (rd.editions)
		log_warn("recovered %lld published editions from %s, the latest %s",
			(long long)rd.editions, cfg->topic_digests, rd.latest);
mark:
	time_iso8601(now_ms(), ts, sizeof(ts));
	rep = redis_command(r, "SET %s" REDIS_KEY_RECOVERED " %s", redis_prefix(r), ts);
	if (!rep) {
		snprintf(errstr, errsize, "cannot write the record: %s", redis_errstr(r));
		return -1;
	}
	freeReplyObject(rep);
done:
	if (whole < 0)
		snprintf(errstr, errsize, "%s", redis_errstr(r));
	return whole < 0 ? -1 : 0;
}

int record_ungathered(struct redis *r, const int32_t *parts, size_t n, int32_t *out)
{
	int missing = 0;

	for (size_t i = 0; i < n; i++) {
		redisReply *rep = redis_command(r, "HEXISTS %s" REDIS_KEY_GATHERED " %d",
			redis_prefix(r), parts[i]);

		if (!rep)
			return -1;
		if (rep->type == REDIS_REPLY_INTEGER && !rep->integer)
			out[missing++] = parts[i];
		freeReplyObject(rep);
	}
	return missing;
}

int record_gathered(struct redis *r, int32_t p)
{
	redisReply *rep = redis_command(r, "HSET %s" REDIS_KEY_GATHERED " %d %lld", redis_prefix(r),
		p, (long long)now_ms());

	if (!rep)
		return -1;
	freeReplyObject(rep);
	return 0;
}
