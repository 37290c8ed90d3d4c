#include "pages.h"

#include <string.h>

#include "buf.h"
#include "codec.h"
#include "html.h"
#include "kafka.h"
#include "log.h"
#include "msg.h"
#include "trace.h"
#include "common.h"

/* Travels with a page, or with its dead letter, to its delivery report. */
struct page_note {
	struct source_state *ss;
	char id[33];
	char url[1024];
	int dead_letter; /* the note of a page refused for its size */
};

/* The page is too large for the topic: a dead letter says so, and is awaited like the page. */
static void dead_letter(struct pages *pg, rd_kafka_t *rk, struct page_note *note)
{
	json_t *dl = msg_deadletter("fetcher", "the page message is larger than the pages "
		"topic accepts: lower fetcher.max_message_bytes to the topic's max.message.bytes",
		pg->cfg->topic_pages, -1, -1, note->id, 32, note->url, strlen(note->url));
	struct page_note *dn = xmemdup(note, sizeof(*note));
	char err[256], *s;
	size_t len;

	log_error("page %s is too large for %s; dead-lettered", note->url, pg->cfg->topic_pages);
	metrics_add(pg->metrics, "precis_pages_total", 1, "outcome", "too_large", NULL);
	s = msg_encode(MSG_DEADLETTER, dl, &len, err, sizeof(err));
	json_decref(dl);
	if (!s)
		BUG("dead letter does not match its schema: %s", err);
	dn->dead_letter = 1;
	if (rd_kafka_producev(rk, RD_KAFKA_V_TOPIC(pg->cfg->topic_deadletter),
		    RD_KAFKA_V_KEY(note->id, 32), RD_KAFKA_V_VALUE(s, len),
		    RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_OPAQUE(dn), RD_KAFKA_V_END)) {
		log_error("cannot queue the dead letter of %s: %s; the next poll tries the page again",
			note->url, rd_kafka_err2str(rd_kafka_last_error()));
		claims_drop(pg->claims, note->id);
		free(dn);
	}
	free(s);
}

static void on_delivery(rd_kafka_t *rk, const rd_kafka_message_t *m, void *opaque)
{
	struct pages *pg = opaque;
	struct page_note *note = m->_private;

	if (note->dead_letter && m->err) {
		log_error("the dead letter of %s was not delivered: %s; the next poll tries the page "
			  "again", note->url, rd_kafka_err2str(m->err));
		claims_drop(pg->claims, note->id);
	} else if (note->dead_letter) {
		/* Fetching it again would fail the same way: it is done with. */
		claims_mark_seen(pg->claims, note->id, note->url);
	} else if (m->err == RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE) {
		note->ss->failed++;
		dead_letter(pg, rk, note);
	} else if (m->err) {
		/* Not marked seen: the next poll fetches it again. */
		log_error("page %s was not delivered: %s", note->url, rd_kafka_err2str(m->err));
		pg->undelivered++;
		note->ss->failed++;
		metrics_add(pg->metrics, "precis_pages_total", 1, "outcome", "undelivered", NULL);
		claims_drop(pg->claims, note->id);
	} else {
		claims_delivered(pg->claims, note->id, note->url);
	}
	free(note);
}

json_t *pages_entry(const struct feed_entry *e)
{
	json_t *entry = json_pack("{s:s}", "title", e->title ? e->title : "");

	/* The full content beats a teaser when the feed has both. */
	if (e->content && (!e->summary || strlen(e->content) > strlen(e->summary)))
		json_object_set_new(entry, "summary", json_string(e->content));
	else if (e->summary)
		json_object_set_new(entry, "summary", json_string(e->summary));
	if (e->published || e->updated)
		json_object_set_new(entry, "published",
			json_string(e->published ? e->published : e->updated));
	if (e->author)
		json_object_set_new(entry, "author", json_string(e->author));
	return entry;
}

/* The page message; NULL, with the field that failed said in err, when one is NULL or not UTF-8. */
static json_t *page_message(const struct source *src, json_t *entry, const char *id,
	const char *url, const struct page_body *p, char *err, size_t errsize)
{
	char ts[32];
	char *b64 = codec_base64_encode(p->data, p->len);
	json_error_t jerr;
	json_t *msg;

	time_iso8601(now_ms(), ts, sizeof(ts));
	msg = json_pack_ex(&jerr, 0, "{s:s, s:s, s:s, s:s, s:{s:s, s:s, s:s, s:I}, s:s, s:i, s:s, s:s, s:s, s:O}",
		"schema", msg_schema_id(MSG_PAGE), "id", id, "url", url, "final_url",
		p->final_url, "source", "name", src->name, "lang", src->lang, "category",
		src->category, "weight", (json_int_t)src->weight, "fetched_at", ts,
		"http_status", (int)p->status, "content_type", p->content_type, "charset",
		p->charset, "body_base64", b64, "entry", entry);
	if (!msg) {
		snprintf(err, errsize, "cannot build the page message: %s", jerr.text);
		free(b64);
		return NULL;
	}
	if (p->original_len > p->len) {
		json_object_set_new(msg, "truncated", json_true());
		json_object_set_new(msg, "original_bytes", json_integer((json_int_t)p->original_len));
	}
	if (p->from_feed)
		json_object_set_new(msg, "from_feed", json_true());
	free(b64);
	return msg;
}

int pages_produce(struct pages *pg, struct source_state *ss, const char *id, const char *url,
	const char *traceparent, json_t *entry, struct page_body *body)
{
	size_t len, limit = (size_t)pg->cfg->fetcher_max_message_bytes;
	struct page_note *note;
	rd_kafka_headers_t *headers;
	char err[512], *value;
	json_t *msg = page_message(ss->src, entry, id, url, body, err, sizeof(err));

	value = msg ? msg_encode(MSG_PAGE, msg, &len, err, sizeof(err)) : NULL;
	json_decref(msg);
	if (value && len > limit) {
		/* Base64 is 4 bytes for 3: keep what fits beside the rest of the message. */
		size_t other = len - (body->len + 2) / 3 * 4, keep;

		free(value);
		value = NULL;
		keep = other + 1024 < limit ? (limit - other - 1024) / 4 * 3 : 0;
		if (keep) {
			body->original_len = body->len;
			body->len = keep;
			log_warn("source %s: %s is %zu bytes; cut to %zu to fit a message "
				 "(fetcher.max_message_bytes)", ss->src->name, url, body->original_len, keep);
			msg = page_message(ss->src, entry, id, url, body, err, sizeof(err));
			value = msg ? msg_encode(MSG_PAGE, msg, &len, err, sizeof(err)) : NULL;
			json_decref(msg);
			metrics_add(pg->metrics, "precis_pages_total", 1, "outcome", "truncated", NULL);
		} else {
			snprintf(err, sizeof(err), "its feed entry alone exceeds fetcher.max_message_bytes");
		}
	}
	if (!value) {
		log_error("source %s: %s: page message invalid: %s", ss->src->name, url, err);
		goto fail;
	}
	note = xcalloc(1, sizeof(*note));
	note->ss = ss;
	memcpy(note->id, id, 33);
	strlcpy_p(note->url, url, sizeof(note->url));
	headers = rd_kafka_headers_new(1);
	rd_kafka_header_add(headers, TRACE_HEADER, -1, traceparent, -1);
	if (rd_kafka_producev(pg->producer, RD_KAFKA_V_TOPIC(pg->cfg->topic_pages),
		    RD_KAFKA_V_KEY(id, 32), RD_KAFKA_V_VALUE(value, len),
		    RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_HEADERS(headers),
		    RD_KAFKA_V_OPAQUE(note), RD_KAFKA_V_END)) {
		log_error("source %s: cannot queue %s: %s", ss->src->name, url,
			rd_kafka_err2str(rd_kafka_last_error()));
		rd_kafka_headers_destroy(headers);
		free(note);
		free(value);
		goto fail;
	}
	free(value);
	pg->produced++;
	metrics_add(pg->metrics, "precis_pages_total", 1, "outcome", "produced", NULL);
	log_debug("source %s: page %s sent on", ss->src->name, url);
	return 0;
fail:
	ss->failed++;
	pg->failed++;
	claims_drop(pg->claims, id);
	return -1;
}

void pages_produce_from_feed(struct pages *pg, struct source_state *ss, const char *id,
	const char *url, const char *traceparent, const struct feed_entry *e)
{
	json_t *entry = pages_entry(e);
	const char *text = e->content ? e->content : e->summary ? e->summary : "";
	struct page_body body = { url, 200, "text/html; charset=utf-8", "utf-8", NULL, 0, 0, 1 };
	struct buf html;

	buf_init(&html, SIZE_MAX);
	buf_addstr(&html, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>");
	html_escape(&html, e->title ? e->title : "");
	buf_addstr(&html, "</title></head><body><article><h1>");
	html_escape(&html, e->title ? e->title : "");
	buf_addstr(&html, "</h1>");
	for (const char *p = text; *p;) {
		const char *end = strstr(p, "\n\n");
		char *para = xstrndup(p, end ? (size_t)(end - p) : strlen(p));

		buf_addstr(&html, "<p>");
		html_escape(&html, para);
		buf_addstr(&html, "</p>");
		free(para);
		p = end ? end + 2 : p + strlen(p);
	}
	buf_addstr(&html, "</article></body></html>");
	body.data = html.data;
	body.len = html.len;
	pages_produce(pg, ss, id, url, traceparent, entry, &body);
	buf_release(&html);
	json_decref(entry);
}


static int ensure_topics(void *ctx, char *errstr, size_t errsize)
{
	struct pages *pg = ctx;

	return kafka_ensure_topics(pg->producer, pg->cfg, errstr, errsize);
}

int pages_open(struct pages *pg, const struct config *cfg, struct metrics *metrics,
	struct claims *claims, volatile sig_atomic_t *stop, struct svc *svc, char *errstr,
	size_t errsize)
{
	memset(pg, 0, sizeof(*pg));
	pg->cfg = cfg;
	pg->metrics = metrics;
	pg->claims = claims;
	pg->producer = kafka_producer_new(cfg, "precis-fetcher", on_delivery, pg, errstr, errsize);
	if (!pg->producer)
		return -1;
	metrics_describe(metrics, "precis_pages_total", "counter",
		"article pages by outcome: produced, seen before, claimed by another replica, "
		"filtered out, truncated, too large, undelivered, disallowed, robots.txt unreadable, "
		"no link to fetch, "
		"over fetcher.max_items");
	return svc_wait(svc, stop, "Kafka", ensure_topics, pg, errstr, errsize);
}

void pages_poll(struct pages *pg)
{
	rd_kafka_poll(pg->producer, 0);
}

int pages_flush(struct pages *pg)
{
	if (!rd_kafka_flush(pg->producer, (int)pg->cfg->kafka_flush_timeout_ms))
		return 0;
	log_error("%d pages still undelivered after %lld ms", rd_kafka_outq_len(pg->producer),
		(long long)pg->cfg->kafka_flush_timeout_ms);
	return -1;
}

void pages_close(struct pages *pg)
{
	if (!pg->producer)
		return;
	rd_kafka_flush(pg->producer, (int)pg->cfg->kafka_flush_timeout_ms);
	rd_kafka_destroy(pg->producer);
	pg->producer = NULL;
}
