#include "sink.h"

#include <ctype.h>
#include <curl/curl.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "html.h"
#include "codec.h"
#include "http.h"
#include "kafka.h"
#include "log.h"
#include "proto.h"
#include "publisher.h"
#include "render.h"
#include "text.h"
#include "common.h"

#define RENDER_MAX (256 * 1024 * 1024)

const char *sink_opt(const struct sink *s, const char *key, const char *def)
{
	const char *v = s->conf ? sink_conf_get(s->conf, key) : NULL;

	return v && *v ? v : def;
}

/* ---- file ---- */

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

struct past {
	char *edition;
	char *rel; /* path of the .html relative to the folder */
	json_t *digest;
};

static int by_edition_desc(const void *a, const void *b)
{
	return strcmp(((const struct past *)b)->edition, ((const struct past *)a)->edition);
}

/* Every edition in dir/YYYY/MM/, newest first. */
static size_t list_past(const char *dir, struct past **out)
{
	struct past *v = NULL;
	size_t n = 0;
	DIR *years = opendir(dir);
	struct dirent *y;

	while (years && (y = readdir(years))) {
		char ypath[4200];
		DIR *months;
		struct dirent *m;

		if (strlen(y->d_name) != 4 || !isdigit((unsigned char)y->d_name[0]))
			continue;
		snprintf(ypath, sizeof(ypath), "%s/%s", dir, y->d_name);
		months = opendir(ypath);
		while (months && (m = readdir(months))) {
			char mpath[4300];
			DIR *files;
			struct dirent *f;

			if (strlen(m->d_name) != 2 || !isdigit((unsigned char)m->d_name[0]))
				continue;
			snprintf(mpath, sizeof(mpath), "%s/%s", ypath, m->d_name);
			files = opendir(mpath);
			while (files && (f = readdir(files))) {
				size_t len = strlen(f->d_name);
				char fpath[4600];
				json_t *d;

				if (len < 13 || strncmp(f->d_name, "precis-", 7) ||
					strcmp(f->d_name + len - 5, ".json"))
					continue;
				snprintf(fpath, sizeof(fpath), "%s/%s", mpath, f->d_name);
				d = json_load_file(fpath, 0, NULL);
				if (!d || !proto_str(d, "edition")) {
					json_decref(d);
					continue;
				}
				v = xrealloc(v, (n + 1) * sizeof(*v));
				v[n].edition = xstrdup(proto_str(d, "edition"));
				v[n].digest = d;
				v[n].rel = xmalloc(len + 16);
				snprintf(v[n].rel, len + 16, "%s/%s/%.*s.html", y->d_name, m->d_name,
					(int)(len - 5), f->d_name);
				n++;
			}
			if (files)
				closedir(files);
		}
		if (months)
			closedir(months);
	}
	if (years)
		closedir(years);
	if (n)
		qsort(v, n, sizeof(*v), by_edition_desc);
	*out = v;
	return n;
}

/* index.html and editions.atom: every past edition, so readers can browse and subscribe. */
static int write_index(const char *dir, char *errstr, size_t errsize)
{
	struct past *v;
	size_t n = list_past(dir, &v);
	struct buf html, atom;
	char path[4200];
	int rc;

	buf_init(&html, RENDER_MAX);
	buf_init(&atom, RENDER_MAX);
	buf_addstr(&html, "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
			  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
			  "<title>Editions</title>\n<link rel=\"alternate\" type=\"application/atom+xml\" "
			  "href=\"editions.atom\">\n<style>body{font:17px/1.6 sans-serif;max-width:46rem;"
			  "margin:0 auto;padding:1.5rem 1rem}li{margin:.4rem 0}</style>\n</head>\n<body>\n"
			  "<h1>Editions</h1>\n<ul>\n");
	buf_addstr(&atom, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
			  "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<title>");
	html_escape(&atom, n ? proto_str(v[0].digest, "title") : "precis");
	buf_printf(&atom, "</title>\n<id>urn:precis:editions</id>\n<updated>%s</updated>\n"
			  "<link rel=\"alternate\" href=\"index.html\"/>\n",
		n ? proto_str(v[0].digest, "generated_at") : "1970-01-01T00:00:00Z");
	for (size_t i = 0; i < n; i++) {
		const json_t *st = json_object_get(v[i].digest, "stats");
		struct buf summary;
		json_t *h;
		size_t k;

		buf_addstr(&html, "<li><a href=\"");
		html_escape(&html, v[i].rel);
		buf_addstr(&html, "\">");
		html_escape(&html, v[i].edition);
		buf_addstr(&html, "</a> ");
		html_escape(&html, proto_str(v[i].digest, "title"));
		buf_printf(&html, " (%lld)</li>\n",
			(long long)json_integer_value(json_object_get(st, "stories")));
		if (i >= 50)
			continue; /* the feed keeps the latest fifty */
		buf_init(&summary, RENDER_MAX);
		json_array_foreach(json_object_get(v[i].digest, "highlights"), k, h)
			buf_printf(&summary, "%s %s\n", proto_str(h, "emoji"), proto_str(h, "headline"));
		buf_addstr(&atom, "<entry>\n<title>");
		html_escape(&atom, proto_str(v[i].digest, "title"));
		buf_addch(&atom, ' ');
		html_escape(&atom, v[i].edition);
		buf_addstr(&atom, "</title>\n<id>urn:precis:edition:");
		html_escape(&atom, v[i].edition);
		buf_printf(&atom, "</id>\n<updated>%s</updated>\n<link rel=\"alternate\" href=\"",
			proto_str(v[i].digest, "generated_at"));
		html_escape(&atom, v[i].rel);
		buf_addstr(&atom, "\"/>\n<summary>");
		html_escape(&atom, summary.data);
		buf_addstr(&atom, "</summary>\n</entry>\n");
		buf_release(&summary);
	}
	buf_addstr(&html, "</ul>\n</body>\n</html>\n");
	buf_addstr(&atom, "</feed>\n");
	snprintf(path, sizeof(path), "%s/index.html", dir);
	rc = write_atomic(path, html.data, html.len, errstr, errsize);
	snprintf(path, sizeof(path), "%s/editions.atom", dir);
	if (!rc)
		rc = write_atomic(path, atom.data, atom.len, errstr, errsize);
	buf_release(&html);
	buf_release(&atom);
	for (size_t i = 0; i < n; i++) {
		free(v[i].edition);
		free(v[i].rel);
		json_decref(v[i].digest);
	}
	free(v);
	return rc;
}

/* Editions are YYYY-MM-DD[-N]: filed under DIR/YYYY/MM/. */
static void file_folder(const char *dir, const char *id, char *out, size_t size)
{
	snprintf(out, size, "%s/%.4s/%.2s", dir, id, strlen(id) >= 7 ? id + 5 : "00");
}

static const char *file_dir(const struct sink *s)
{
	return sink_opt(s, "dir", publisher_output_dir(s->cfg));
}

int sink_file_path(const struct sink *sinks, size_t n, const char *id, char *out, size_t size)
{
	char sub[4200];

	for (size_t i = 0; i < n; i++) {
		if (strcmp(sinks[i].type->type, "file"))
			continue;
		file_folder(file_dir(&sinks[i]), id, sub, sizeof(sub));
		snprintf(out, size, "%s/precis-%s.md", sub, id);
		return 0;
	}
	return -1;
}

static enum sink_result file_deliver(struct sink *s, const struct sink_edition *e, char *reason,
	size_t reasonsize)
{
	const char *dir = file_dir(s);
	const char *md = proto_str(e->digest, "markdown");
	char sub[4200], path[4400];
	struct buf html;
	int rc;

	file_folder(dir, e->id, sub, sizeof(sub));
	if (mkdir_p(sub, 0755)) {
		snprintf(reason, reasonsize, "cannot create %s: %s", sub, strerror(errno));
		return SINK_RETRY;
	}
	snprintf(path, sizeof(path), "%s/precis-%s.md", sub, e->id);
	if (write_atomic(path, md, strlen(md), reason, reasonsize))
		return SINK_RETRY;
	snprintf(path, sizeof(path), "%s/precis-%s.json", sub, e->id);
	if (write_atomic(path, e->json, e->json_len, reason, reasonsize))
		return SINK_RETRY;
	buf_init(&html, RENDER_MAX);
	render_html(e->digest, &html);
	snprintf(path, sizeof(path), "%s/precis-%s.html", sub, e->id);
	rc = write_atomic(path, html.data, html.len, reason, reasonsize);
	buf_release(&html);
	if (rc || write_index(dir, reason, reasonsize))
		return SINK_RETRY;
	return SINK_OK;
}

static const struct sink_option file_options[] = {
	{ "dir", 0, "folder of the editions (default: publisher.output_dir)" },
	{ NULL, 0, NULL },
};

/* ---- kafka ---- */

struct confirmation {
	int done;
	rd_kafka_resp_err_t err;
};

static void on_confirmation(rd_kafka_t *rk, const rd_kafka_message_t *m, void *opaque)
{
	struct confirmation *c = m->_private;

	(void)rk, (void)opaque;
	c->done = 1;
	c->err = m->err;
}

int sink_produce_confirmed(const struct config *cfg, const char *topic, const char *key,
	const char *value, size_t len, char *errstr, size_t errsize)
{
	struct confirmation c = { 0, RD_KAFKA_RESP_ERR_NO_ERROR };
	rd_kafka_t *p = kafka_producer_new(cfg, "precis-publisher", on_confirmation, NULL, errstr,
		errsize);
	int rc = -1;

	if (!p)
		return -1;
	if (kafka_ensure_topics(p, cfg, errstr, errsize))
		goto out;
	if (rd_kafka_producev(p, RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_KEY(key, key ? strlen(key) : 0),
		    RD_KAFKA_V_VALUE((void *)value, len), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
		    RD_KAFKA_V_OPAQUE(&c), RD_KAFKA_V_END)) {
		snprintf(errstr, errsize, "cannot produce to %s: %s", topic,
			rd_kafka_err2str(rd_kafka_last_error()));
		goto out;
	}
	rd_kafka_flush(p, (int)cfg->kafka_flush_timeout_ms);
	if (!c.done || c.err) {
		snprintf(errstr, errsize, "%s: not confirmed by the broker: %s", topic,
			c.done ? rd_kafka_err2str(c.err) : "timed out");
		goto out;
	}
	rc = 0;
out:
	/* Nothing may outlive this call: its delivery report would point at our stack. */
	rd_kafka_purge(p, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
	rd_kafka_flush(p, 1000);
	rd_kafka_destroy(p);
	return rc;
}

static enum sink_result kafka_deliver(struct sink *s, const struct sink_edition *e, char *reason,
	size_t reasonsize)
{
	const char *topic = sink_opt(s, "topic", s->cfg->topic_digests);

	if (sink_produce_confirmed(s->cfg, topic, e->id, e->json, e->json_len, reason, reasonsize))
		return SINK_RETRY;
	return SINK_OK;
}

static const struct sink_option kafka_options[] = {
	{ "topic", 0, "topic of the digests (default: topics.digests)" },
	{ NULL, 0, NULL },
};

/* ---- webhook ---- */

static const char *const webhook_formats[] = { "generic", "slack", "discord", "feishu",
	"dingtalk", "wecom", "telegram", NULL };

static int webhook_open(struct sink *s, char *errstr, size_t errsize)
{
	const char *format = sink_opt(s, "format", "generic");
	const char *url = sink_opt(s, "url", "");
	int known = 0;

	for (size_t i = 0; webhook_formats[i]; i++)
		known |= !strcmp(format, webhook_formats[i]);
	if (!known) {
		snprintf(errstr, errsize, "%s: sink %s: format '%s' is not one of generic, slack, "
			"discord, feishu, dingtalk, wecom, telegram", s->conf->origin, s->name, format);
		return -1;
	}
	if (strncmp(url, "https://", 8) && strncmp(url, "http://", 7)) {
		snprintf(errstr, errsize, "%s: sink %s: url must be http:// or https://",
			s->conf->origin, s->name);
		return -1;
	}
	if (!strcmp(format, "telegram") && !sink_opt(s, "chat_id", NULL)) {
		snprintf(errstr, errsize, "%s: sink %s: telegram needs chat_id", s->conf->origin,
			s->name);
		return -1;
	}
	return 0;
}

/* The digest as chat text, cut at a line to fit the platform's limit (in bytes). */
static void chat_text(const struct sink_edition *e, size_t limit, struct buf *out)
{
	struct buf full;

	buf_init(&full, RENDER_MAX);
	render_text(e->digest, &full);
	if (full.len <= limit) {
		buf_add(out, full.data, full.len);
	} else {
		size_t cut = limit - 4;

		while (cut && full.data[cut] != '\n')
			cut--;
		buf_add(out, full.data, cut);
		buf_addstr(out, "\n\xe2\x80\xa6"); /* … */
	}
	buf_release(&full);
}

static char *urlencode(const char *s)
{
	struct buf b;

	buf_init(&b, strlen(s) * 3 + 1);
	for (; *s; s++) {
		if (isalnum((unsigned char)*s) || strchr("-_.~", *s))
			buf_addch(&b, *s);
		else
			buf_printf(&b, "%%%02X", (unsigned char)*s);
	}
	return buf_detach(&b, NULL);
}

static enum sink_result webhook_deliver(struct sink *s, const struct sink_edition *e,
	char *reason, size_t reasonsize)
{
	const char *format = sink_opt(s, "format", "generic");
	const char *secret_var = sink_opt(s, "secret_env", NULL);
	const char *secret = secret_var ? getenv(secret_var) : NULL;
	char ts_s[32], ts_ms[32], sig_header[128], ed_header[128], ts_header[64];
	const char *headers[5] = { "Content-Type: application/json; charset=utf-8", ed_header,
		NULL, NULL, NULL };
	struct strlist web = { (char *[]){ "http", "https" }, 2 };
	struct http_options o;
	struct http_response r;
	struct buf text, url;
	json_t *body = NULL;
	char *payload = NULL;
	enum sink_result res = SINK_RETRY;
	int64_t now = now_ms();

	snprintf(ts_s, sizeof(ts_s), "%lld", (long long)(now / 1000));
	snprintf(ts_ms, sizeof(ts_ms), "%lld", (long long)now);
	snprintf(ed_header, sizeof(ed_header), "X-Precis-Edition: %s", e->id);
	buf_init(&text, RENDER_MAX);
	buf_init(&url, 8192);
	buf_addstr(&url, sink_opt(s, "url", ""));
	if (!strcmp(format, "generic")) {
		payload = xstrndup(e->json, e->json_len);
	} else if (!strcmp(format, "slack")) {
		chat_text(e, 3000, &text);
		body = json_pack("{s:s}", "text", text.data);
	} else if (!strcmp(format, "discord")) {
		chat_text(e, 1900, &text); /* 2,000 characters at most */
		body = json_pack("{s:s}", "content", text.data);
	} else if (!strcmp(format, "wecom")) {
		chat_text(e, 4000, &text);
		body = json_pack("{s:s, s:{s:s}}", "msgtype", "text", "text", "content", text.data);
	} else if (!strcmp(format, "dingtalk")) {
		chat_text(e, 18000, &text);
		body = json_pack("{s:s, s:{s:s}}", "msgtype", "text", "text", "content", text.data);
		if (secret) {
			/* DingTalk signs "timestamp\nsecret" with the secret, in the URL. */
			unsigned char mac[32];
			struct buf msg;
			char *b64, *enc;

			buf_init(&msg, 4096);
			buf_printf(&msg, "%s\n%s", ts_ms, secret);
			codec_hmac_sha256(secret, strlen(secret), msg.data, msg.len, mac);
			b64 = codec_base64_encode(mac, sizeof(mac));
			enc = urlencode(b64);
			buf_printf(&url, "%ctimestamp=%s&sign=%s", strchr(url.data, '?') ? '&' : '?',
				ts_ms, enc);
			free(b64);
			free(enc);
			buf_release(&msg);
		}
	} else if (!strcmp(format, "feishu")) {
		chat_text(e, 18000, &text);
		body = json_pack("{s:s, s:{s:s}}", "msg_type", "text", "content", "text", text.data);
		if (secret) {
			/* Feishu/Lark: the key is "timestamp\nsecret", the message empty. */
			unsigned char mac[32];
			struct buf key;
			char *b64;

			buf_init(&key, 4096);
			buf_printf(&key, "%s\n%s", ts_s, secret);
			codec_hmac_sha256(key.data, key.len, "", 0, mac);
			b64 = codec_base64_encode(mac, sizeof(mac));
			json_object_set_new(body, "timestamp", json_string(ts_s));
			json_object_set_new(body, "sign", json_string(b64));
			free(b64);
			buf_release(&key);
		}
	} else { /* telegram */
		const char *token_var = sink_opt(s, "token_env", NULL);

		chat_text(e, 4000, &text);
		body = json_pack("{s:s, s:s, s:b}", "chat_id", sink_opt(s, "chat_id", ""), "text",
			text.data, "disable_web_page_preview", 1);
		if (token_var)
			buf_printf(&url, "/bot%s/sendMessage", getenv(token_var));
	}
	if (body) {
		payload = json_dumps(body, JSON_COMPACT);
		json_decref(body);
	}
	if (secret && !strcmp(format, "generic")) {
		/* Signed over "timestamp.body", so a captured request cannot be replayed later. */
		unsigned char mac[32];
		char hex[65];
		struct buf msg;

		buf_init(&msg, RENDER_MAX);
		buf_printf(&msg, "%s.", ts_s);
		buf_addstr(&msg, payload);
		codec_hmac_sha256(secret, strlen(secret), msg.data, msg.len, mac);
		codec_hex(mac, sizeof(mac), hex);
		snprintf(sig_header, sizeof(sig_header), "X-Precis-Signature: sha256=%s", hex);
		snprintf(ts_header, sizeof(ts_header), "X-Precis-Timestamp: %s", ts_s);
		headers[2] = sig_header;
		headers[3] = ts_header;
		buf_release(&msg);
	}
	http_options_from_config(&o, s->cfg, 1024 * 1024);
	o.schemes = &web;
	o.max_redirects = 0;
	if (http_post(&o, url.data, payload, strlen(payload), headers, &r, reason, reasonsize))
		goto out; /* transport trouble: may pass later */
	if (r.status >= 200 && r.status < 300) {
		/* Chat platforms answer 200 with an error code in the body. */
		json_t *ans = json_loadb(r.body.data, r.body.len, 0, NULL);
		json_t *code = ans ? json_object_get(ans, "errcode") : NULL;

		if (!code && ans)
			code = json_object_get(ans, "code");
		if (ans && json_is_false(json_object_get(ans, "ok")))
			code = json_object_get(ans, "error_code");
		if (code && json_integer_value(code) != 0) {
			snprintf(reason, reasonsize, "%s answered error %lld: %.200s", s->name,
				(long long)json_integer_value(code), r.body.data);
			res = SINK_DROP;
		} else {
			res = SINK_OK;
		}
		json_decref(ans);
	} else {
		snprintf(reason, reasonsize, "HTTP %ld: %.200s", r.status, r.body.data);
		res = r.status == 408 || r.status == 429 || r.status >= 500 ? SINK_RETRY : SINK_DROP;
	}
	http_response_release(&r);
out:
	free(payload);
	buf_release(&text);
	buf_release(&url);
	return res;
}

static const struct sink_option webhook_options[] = {
	{ "url", 1, "where to POST (http or https)" },
	{ "format", 0, "generic (default), slack, discord, feishu, dingtalk, wecom, telegram" },
	{ "secret_env", 0, "environment variable holding the signing secret" },
	{ "token_env", 0, "telegram: environment variable holding the bot token" },
	{ "chat_id", 0, "telegram: the chat to post to" },
	{ NULL, 0, NULL },
};

/* ---- email ---- */

static int email_open(struct sink *s, char *errstr, size_t errsize)
{
	const char *url = sink_opt(s, "url", "");

	if (strncmp(url, "smtp://", 7) && strncmp(url, "smtps://", 8)) {
		snprintf(errstr, errsize, "%s: sink %s: url must be smtp://HOST[:PORT] or smtps://",
			s->conf->origin, s->name);
		return -1;
	}
	return 0;
}

/* A header value in RFC 2047 form, so any UTF-8 subject survives. */
static void mime_word(struct buf *b, const char *s)
{
	char *b64 = codec_base64_encode(s, strlen(s));

	buf_printf(b, "=?UTF-8?B?%s?=", b64);
	free(b64);
}

static enum sink_result email_deliver(struct sink *s, const struct sink_edition *e,
	char *reason, size_t reasonsize)
{
	const char *from = sink_opt(s, "from", "");
	const char *user_var = sink_opt(s, "username_env", NULL);
	const char *pass_var = sink_opt(s, "password_env", NULL);
	const char *ca = sink_opt(s, "ca_file", NULL);
	char *to = xstrdup(sink_opt(s, "to", "")), *save = NULL;
	struct curl_slist *rcpt = NULL, *headers = NULL;
	struct buf text, html, line;
	enum sink_result res = SINK_DROP;
	curl_mime *mime = NULL, *alt = NULL;
	curl_mimepart *part;
	char ts[64], msgid[256];
	time_t now = time(NULL);
	struct tm tm;
	CURLcode cc;
	CURL *c = curl_easy_init();

	buf_init(&text, RENDER_MAX);
	buf_init(&html, RENDER_MAX);
	buf_init(&line, 64 * 1024);
	if (!c) {
		snprintf(reason, reasonsize, "cannot start a transfer");
		res = SINK_RETRY;
		goto out;
	}
	for (char *addr = strtok_r(to, ",", &save); addr; addr = strtok_r(NULL, ",", &save)) {
		buf_reset(&line);
		buf_printf(&line, "<%s>", addr);
		rcpt = curl_slist_append(rcpt, line.data);
	}
	render_text(e->digest, &text);
	render_html(e->digest, &html);
	gmtime_r(&now, &tm);
	strftime(ts, sizeof(ts), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	snprintf(msgid, sizeof(msgid), "Message-ID: <precis-%s-%lld@precis>", e->id,
		(long long)now_ms());
	buf_reset(&line);
	buf_addstr(&line, "Subject: ");
	{
		struct buf subject;

		buf_init(&subject, 4096);
		buf_printf(&subject, "%s %s", proto_str(e->digest, "title"), e->id);
		mime_word(&line, subject.data);
		buf_release(&subject);
	}
	headers = curl_slist_append(headers, line.data);
	buf_reset(&line);
	buf_printf(&line, "From: <%s>", from);
	headers = curl_slist_append(headers, line.data);
	buf_reset(&line);
	buf_printf(&line, "To: %s", sink_opt(s, "to", ""));
	headers = curl_slist_append(headers, line.data);
	buf_reset(&line);
	buf_printf(&line, "Date: %s", ts);
	headers = curl_slist_append(headers, line.data);
	headers = curl_slist_append(headers, msgid);
	buf_reset(&line);
	buf_printf(&line, "X-Precis-Edition: %s", e->id);
	headers = curl_slist_append(headers, line.data);

	mime = curl_mime_init(c);
	alt = curl_mime_init(c);
	part = curl_mime_addpart(alt);
	curl_mime_data(part, text.data, text.len);
	curl_mime_type(part, "text/plain; charset=utf-8");
	curl_mime_encoder(part, "quoted-printable");
	part = curl_mime_addpart(alt);
	curl_mime_data(part, html.data, html.len);
	curl_mime_type(part, "text/html; charset=utf-8");
	curl_mime_encoder(part, "quoted-printable");
	part = curl_mime_addpart(mime);
	curl_mime_subparts(part, alt); /* mime owns alt from here */
	alt = NULL;
	curl_mime_type(part, "multipart/alternative");

	curl_easy_setopt(c, CURLOPT_URL, sink_opt(s, "url", ""));
	/* STARTTLS is required: the digest never crosses the network in the clear. */
	curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	if (ca)
		curl_easy_setopt(c, CURLOPT_CAINFO, ca);
	if (user_var)
		curl_easy_setopt(c, CURLOPT_USERNAME, getenv(user_var));
	if (pass_var)
		curl_easy_setopt(c, CURLOPT_PASSWORD, getenv(pass_var));
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(c, CURLOPT_MIMEPOST, mime);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, (long)s->cfg->fetcher_connect_timeout_ms);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)s->cfg->fetcher_timeout_ms * 3);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	cc = curl_easy_perform(c);
	if (cc == CURLE_OK) {
		res = SINK_OK;
	} else {
		snprintf(reason, reasonsize, "SMTP: %s", curl_easy_strerror(cc));
		/* What may pass later; a refused certificate, login or recipient will not. */
		res = cc == CURLE_COULDNT_CONNECT || cc == CURLE_OPERATION_TIMEDOUT ||
				      cc == CURLE_SEND_ERROR || cc == CURLE_RECV_ERROR ||
				      cc == CURLE_COULDNT_RESOLVE_HOST || cc == CURLE_GOT_NOTHING
			      ? SINK_RETRY
			      : SINK_DROP;
	}
out:
	if (c)
		curl_easy_cleanup(c);
	curl_mime_free(mime);
	curl_mime_free(alt);
	curl_slist_free_all(rcpt);
	curl_slist_free_all(headers);
	buf_release(&text);
	buf_release(&html);
	buf_release(&line);
	free(to);
	return res;
}

static const struct sink_option email_options[] = {
	{ "url", 1, "smtp://HOST[:PORT] (STARTTLS required) or smtps://HOST[:PORT]" },
	{ "from", 1, "sender address" },
	{ "to", 1, "recipient addresses, a list" },
	{ "username_env", 0, "environment variable holding the SMTP user name" },
	{ "password_env", 0, "environment variable holding the SMTP password" },
	{ "ca_file", 0, "CA certificates to trust instead of the system's" },
	{ NULL, 0, NULL },
};

/* ---- registry ---- */

static const struct sink_type sink_types[] = {
	{ "file", file_options, NULL, file_deliver, NULL },
	{ "kafka", kafka_options, NULL, kafka_deliver, NULL },
	{ "webhook", webhook_options, webhook_open, webhook_deliver, NULL },
	{ "email", email_options, email_open, email_deliver, NULL },
};

static const struct sink_conf default_sinks[] = {
	{ "file", "file", "default", NULL, 0 },
	{ "kafka", "kafka", "default", NULL, 0 },
};

static int check_options(const struct sink *s, char *errstr, size_t errsize)
{
	for (size_t i = 0; s->conf && i < s->conf->nopts; i++) {
		const struct config_kv *kv = &s->conf->opts[i];
		size_t klen = strlen(kv->key);
		int known = 0;

		for (const struct sink_option *o = s->type->options; o->key; o++)
			known |= !strcmp(o->key, kv->key);
		if (!known) {
			snprintf(errstr, errsize, "%s: sink %s: unknown option '%s'", kv->origin,
				s->name, kv->key);
			return -1;
		}
		/* Secrets come from the environment only: a *_env option names the variable. */
		if (klen > 4 && !strcmp(kv->key + klen - 4, "_env") && !getenv(kv->value)) {
			snprintf(errstr, errsize, "%s: sink %s: environment variable %s is not set",
				kv->origin, s->name, kv->value);
			return -1;
		}
	}
	for (const struct sink_option *o = s->type->options; o->key; o++) {
		if (o->required && !sink_opt(s, o->key, NULL)) {
			snprintf(errstr, errsize, "%s: sink %s needs '%s' (%s)",
				s->conf ? s->conf->origin : "default", s->name, o->key, o->help);
			return -1;
		}
	}
	return 0;
}

struct sink *sinks_open(const struct config *cfg, size_t *n, char *errstr, size_t errsize)
{
	const struct sink_conf *confs = cfg->nsinks ? cfg->sinks : default_sinks;
	size_t nconfs = cfg->nsinks ? cfg->nsinks : ARRAY_SIZE(default_sinks);
	struct sink *sinks = xcalloc(nconfs, sizeof(*sinks));

	for (size_t i = 0; i < nconfs; i++) {
		struct sink *s = &sinks[i];

		for (size_t t = 0; t < ARRAY_SIZE(sink_types); t++)
			if (!strcmp(sink_types[t].type, confs[i].type))
				s->type = &sink_types[t];
		s->cfg = cfg;
		s->conf = cfg->nsinks ? &confs[i] : NULL;
		s->name = confs[i].name;
		if (!s->type) {
			snprintf(errstr, errsize, "%s: unknown sink type '%s' (file, kafka, webhook, email)",
				confs[i].origin, confs[i].type);
			sinks_close(sinks, i);
			return NULL;
		}
		if (check_options(s, errstr, errsize) ||
			(s->type->open && s->type->open(s, errstr, errsize))) {
			sinks_close(sinks, i);
			return NULL;
		}
	}
	*n = nconfs;
	return sinks;
}

void sinks_close(struct sink *sinks, size_t n)
{
	for (size_t i = 0; sinks && i < n; i++)
		if (sinks[i].type && sinks[i].type->close)
			sinks[i].type->close(&sinks[i]);
	free(sinks);
}
