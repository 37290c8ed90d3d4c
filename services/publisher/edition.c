#include "edition.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "kafka.h"
#include "log.h"
#include "proto.h"
#include "render.h"
#include "common.h"

/* KEYS: included, open. ARGV: id, summary. */
static const char add_script[] =
	"if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return 0 end "
	"redis.call('HSET', KEYS[2], ARGV[1], ARGV[2]) return 1";

/* KEYS: open, items, meta, pending, included. ARGV: id, closed_at. */
static const char close_script[] =
	"if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end "
	"if redis.call('EXISTS', KEYS[2]) == 1 or redis.call('EXISTS', KEYS[3]) == 1 then "
	"return -1 end "
	"redis.call('RENAME', KEYS[1], KEYS[2]) "
	"local ids = redis.call('HKEYS', KEYS[2]) "
	"for i = 1, #ids, 1000 do "
	"redis.call('SADD', KEYS[5], unpack(ids, i, math.min(i + 999, #ids))) end "
	"redis.call('HSET', KEYS[3], 'state', 'closed', 'closed_at', ARGV[2]) "
	"redis.call('SADD', KEYS[4], ARGV[1]) return 1";

static void key(char *out, size_t size, struct rds *r, const char *fmt, const char *id)
{
	int n = snprintf(out, size, "%s", rds_prefix(r));

	snprintf(out + n, size - (size_t)n, fmt, id);
}

int edition_add(struct rds *r, const char *id, const char *json, size_t len)
{
	char included[512], open[512];
	const char *argv[7];
	size_t argvlen[7];
	redisReply *rep;
	int rc;

	key(included, sizeof(included), r, "included%s", "");
	key(open, sizeof(open), r, "edition:open%s", "");
	argv[0] = "EVAL", argv[1] = add_script, argv[2] = "2", argv[3] = included;
	argv[4] = open, argv[5] = id, argv[6] = json;
	for (int i = 0; i < 6; i++)
		argvlen[i] = strlen(argv[i]);
	argvlen[6] = len;
	rep = rds_command_argv(r, 7, argv, argvlen);
	if (!rep)
		return -1;
	rc = rep->type == REDIS_REPLY_INTEGER && rep->integer == 1;
	freeReplyObject(rep);
	return rc;
}

/* Closes the open edition under a fresh id: YYYY-MM-DD, then YYYY-MM-DD-2 and on. */
static int close_open(struct rds *r, char *errstr, size_t errsize)
{
	char day[16], id[64], ts[32], open[512], items[512], meta[512], pending[512], included[512];
	time_t now = time(NULL);
	struct tm tm;
	redisReply *rep;

	gmtime_r(&now, &tm);
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	time_iso8601(now_ms(), ts, sizeof(ts));
	key(open, sizeof(open), r, "edition:open%s", "");
	key(pending, sizeof(pending), r, "editions:pending%s", "");
	key(included, sizeof(included), r, "included%s", "");
	for (int n = 1; n < 1000; n++) {
		if (n == 1)
			snprintf(id, sizeof(id), "%s", day);
		else
			snprintf(id, sizeof(id), "%s-%d", day, n);
		key(items, sizeof(items), r, "edition:%s:items", id);
		key(meta, sizeof(meta), r, "edition:%s:meta", id);
		rep = rds_command(r, "EVAL %s 5 %s %s %s %s %s %s %s", close_script, open, items,
			meta, pending, included, id, ts);
		if (!rep) {
			snprintf(errstr, errsize, "cannot close the edition: %s", rds_errstr(r));
			return -1;
		}
		if (rep->integer != -1) {
			if (rep->integer == 1)
				log_info("closed edition %s", id);
			freeReplyObject(rep);
			return 0;
		}
		freeReplyObject(rep); /* that id is taken: try the next */
	}
	snprintf(errstr, errsize, "more than 999 editions today");
	return -1;
}

/* Writes data to path atomically: a reader sees the old file or the whole new one. */
static int write_atomic(const char *path, const char *data, size_t len, char *errstr,
	size_t errsize)
{
	char tmp[4200];
	int fd;
	size_t off = 0;

	snprintf(tmp, sizeof(tmp), "%s.tmp.%d", path, (int)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		goto fail;
	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			goto fail_close;
		off += (size_t)w;
	}
	if (fsync(fd))
		goto fail_close;
	close(fd);
	if (rename(tmp, path))
		goto fail;
	return 0;
fail_close:
	close(fd);
fail:
	snprintf(errstr, errsize, "cannot write %s: %s", path, strerror(errno));
	unlink(tmp);
	return -1;
}

/* The edition as Markdown, HTML and JSON (the digest message) in output_dir. */
static int write_files(const char *output_dir, const char *id, const json_t *digest,
	const char *json, size_t json_len, char *errstr, size_t errsize)
{
	const char *md = proto_str(digest, "markdown");
	char path[4200];
	struct buf html;
	int rc;

	snprintf(path, sizeof(path), "%s/precis-%s.md", output_dir, id);
	if (write_atomic(path, md, strlen(md), errstr, errsize))
		return -1;
	snprintf(path, sizeof(path), "%s/precis-%s.json", output_dir, id);
	if (write_atomic(path, json, json_len, errstr, errsize))
		return -1;
	buf_init(&html, 256 * 1024 * 1024);
	render_html(digest, &html);
	snprintf(path, sizeof(path), "%s/precis-%s.html", output_dir, id);
	rc = write_atomic(path, html.data, html.len, errstr, errsize);
	buf_release(&html);
	return rc;
}

struct delivery {
	int done;
	rd_kafka_resp_err_t err;
};

static void on_digest_delivery(rd_kafka_t *rk, const rd_kafka_message_t *m, void *opaque)
{
	struct delivery *d = m->_private;

	(void)rk, (void)opaque;
	d->done = 1;
	d->err = m->err;
}

static int produce_digest(const struct config *cfg, const char *id, const char *value,
	size_t len, char *errstr, size_t errsize)
{
	struct delivery d = { 0, RD_KAFKA_RESP_ERR_NO_ERROR };
	rd_kafka_t *p = kafka_producer_new(cfg, "precis-publisher", on_digest_delivery, NULL,
		errstr, errsize);
	int rc = -1;

	if (!p)
		return -1;
	if (kafka_wait_ready(p, cfg, errstr, errsize) ||
		kafka_ensure_topics(p, cfg, errstr, errsize))
		goto out;
	if (rd_kafka_producev(p, RD_KAFKA_V_TOPIC(cfg->topic_digests), RD_KAFKA_V_KEY(id, strlen(id)),
		    RD_KAFKA_V_VALUE((void *)value, len), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
		    RD_KAFKA_V_OPAQUE(&d), RD_KAFKA_V_END)) {
		snprintf(errstr, errsize, "cannot produce edition %s: %s", id,
			rd_kafka_err2str(rd_kafka_last_error()));
		goto out;
	}
	rd_kafka_flush(p, (int)cfg->kafka_flush_timeout_ms);
	if (!d.done || d.err) {
		snprintf(errstr, errsize, "edition %s not confirmed by the broker: %s", id,
			d.done ? rd_kafka_err2str(d.err) : "timed out");
		goto out;
	}
	rc = 0;
out:
	rd_kafka_purge(p, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
	rd_kafka_flush(p, 1000);
	rd_kafka_destroy(p);
	return rc;
}

/* Loads, renders and delivers one closed edition. */
static int deliver(const struct config *cfg, struct rds *r, const char *output_dir,
	const char *id, struct edition_published *pub, char *errstr, size_t errsize)
{
	char k[512], ts[32];
	redisReply *rep;
	json_t *summaries = json_array(), *digest = NULL;
	struct render_stats st;
	char *value = NULL;
	size_t len;
	int rc = -1;

	key(k, sizeof(k), r, "edition:%s:items", id);
	rep = rds_command(r, "HVALS %s", k);
	if (!rep) {
		snprintf(errstr, errsize, "cannot read edition %s: %s", id, rds_errstr(r));
		goto out;
	}
	for (size_t i = 0; i < rep->elements; i++) {
		char err[512];
		json_t *s = proto_decode(PROTO_SUMMARY, rep->element[i]->str,
			rep->element[i]->len, err, sizeof(err));

		if (s)
			json_array_append_new(summaries, s);
		else
			log_error("edition %s: skipping a stored summary: %s", id, err);
	}
	freeReplyObject(rep);
	digest = render_edition(cfg, id, summaries, now_ms(), &st);
	value = proto_encode(PROTO_DIGEST, digest, &len, errstr, errsize);
	if (!value)
		goto out;
	if (mkdir_p(output_dir, 0755)) {
		snprintf(errstr, errsize, "cannot create %s: %s", output_dir, strerror(errno));
		goto out;
	}
	if (write_files(output_dir, id, digest, value, len, errstr, errsize))
		goto out;
	snprintf(pub->path, sizeof(pub->path), "%s/precis-%s.md", output_dir, id);
	if (produce_digest(cfg, id, value, len, errstr, errsize))
		goto out;
	time_iso8601(now_ms(), ts, sizeof(ts));
	key(k, sizeof(k), r, "edition:%s:meta", id);
	rep = rds_command(r, "HSET %s state published published_at %s path %s articles %lld", k,
		ts, pub->path, (long long)st.articles);
	if (rep)
		freeReplyObject(rep);
	key(k, sizeof(k), r, "editions%s", "");
	rep = rds_command(r, "ZADD %s %lld %s", k, (long long)now_ms(), id);
	if (rep)
		freeReplyObject(rep);
	key(k, sizeof(k), r, "editions:pending%s", "");
	rep = rds_command(r, "SREM %s %s", k, id);
	if (!rep) {
		snprintf(errstr, errsize, "edition %s delivered but not marked: %s", id,
			rds_errstr(r));
		goto out;
	}
	freeReplyObject(rep);
	snprintf(pub->id, sizeof(pub->id), "%s", id);
	pub->articles = st.articles;
	pub->stories = st.stories;
	log_info("published edition %s: %lld articles in %lld stories, %lld -> %lld characters, %s",
		id, (long long)st.articles, (long long)st.stories, (long long)st.original_chars,
		(long long)st.condensed_chars, pub->path);
	rc = 0;
out:
	free(value);
	json_decref(digest);
	json_decref(summaries);
	return rc;
}

static int by_string(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int edition_publish(const struct config *cfg, struct rds *r, const char *output_dir,
	struct edition_published *out, size_t max, size_t *n, char *errstr, size_t errsize)
{
	char k[512];
	redisReply *rep;
	char **ids;
	int rc = 0;

	*n = 0;
	if (close_open(r, errstr, errsize))
		return -1;
	key(k, sizeof(k), r, "editions:pending%s", "");
	rep = rds_command(r, "SMEMBERS %s", k);
	if (!rep) {
		snprintf(errstr, errsize, "cannot list pending editions: %s", rds_errstr(r));
		return -1;
	}
	ids = xcalloc(rep->elements + 1, sizeof(*ids));
	for (size_t i = 0; i < rep->elements; i++)
		ids[i] = rep->element[i]->str;
	qsort(ids, rep->elements, sizeof(*ids), by_string);
	for (size_t i = 0; i < rep->elements; i++) {
		struct edition_published pub;

		memset(&pub, 0, sizeof(pub));
		if (deliver(cfg, r, output_dir, ids[i], &pub, errstr, errsize)) {
			rc = -1;
			break;
		}
		if (*n < max)
			out[(*n)++] = pub;
	}
	free(ids);
	freeReplyObject(rep);
	return rc;
}
