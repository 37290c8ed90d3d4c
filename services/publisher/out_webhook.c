#include "sink.h"

#include <ctype.h>
#include <string.h>

#include "buf.h"
#include "codec.h"
#include "hash.h"
#include "http.h"
#include "render.h"
#include "text.h"
#include "url.h"
#include "common.h"

/*
 * The webhook sink: an HTTP POST of the digest message (generic, signed
 * with HMAC-SHA256 over "timestamp.body"), or of the digest as chat text
 * in the format of a chat platform, signed the way that platform checks.
 */

struct out_webhook {
	char *url;
	char *format;
	char *secret_env;
	char *token_env;
	char *chat_id;
	const struct chat_format *chat; /* NULL for generic */
};

/* The moment of a request, as platforms want it in signatures. */
struct stamp {
	char s[32]; /* Unix seconds */
	char ms[32]; /* Unix milliseconds */
};

/* One chat platform: how much text it takes, its message, what it adds to the request. */
struct chat_format {
	const char *name;
	size_t limit; /* bytes of text */
	json_t *(*body)(const struct out_webhook *w, const char *text);
	/* Signs or addresses the request (secret may be NULL); NULL for nothing. */
	void (*finish)(const struct out_webhook *w, const char *secret, const struct stamp *t,
		struct buf *url, json_t *body);
};

static json_t *slack_body(const struct out_webhook *w, const char *text)
{
	(void)w;
	return json_pack("{s:s}", "text", text);
}

static json_t *discord_body(const struct out_webhook *w, const char *text)
{
	(void)w;
	return json_pack("{s:s}", "content", text);
}

/* WeCom and DingTalk take the same text message. */
static json_t *msgtype_text_body(const struct out_webhook *w, const char *text)
{
	(void)w;
	return json_pack("{s:s, s:{s:s}}", "msgtype", "text", "text", "content", text);
}

static json_t *feishu_body(const struct out_webhook *w, const char *text)
{
	(void)w;
	return json_pack("{s:s, s:{s:s}}", "msg_type", "text", "content", "text", text);
}

static json_t *telegram_body(const struct out_webhook *w, const char *text)
{
	return json_pack("{s:s, s:s, s:b}", "chat_id", w->chat_id, "text", text,
		"disable_web_page_preview", 1);
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

/* DingTalk signs "timestamp\nsecret" with the secret, in the URL. */
static void dingtalk_sign(const struct out_webhook *w, const char *secret, const struct stamp *t,
	struct buf *url, json_t *body)
{
	unsigned char mac[32];
	struct buf msg;
	char *b64, *enc;

	(void)w, (void)body;
	if (!secret)
		return;
	buf_init(&msg, 4096);
	buf_printf(&msg, "%s\n%s", t->ms, secret);
	hash_hmac_sha256(secret, strlen(secret), msg.data, msg.len, mac);
	b64 = codec_base64_encode(mac, sizeof(mac));
	enc = urlencode(b64);
	buf_printf(url, "%ctimestamp=%s&sign=%s", strchr(url->data, '?') ? '&' : '?', t->ms, enc);
	free(b64);
	free(enc);
	buf_release(&msg);
}

/* Feishu/Lark: the key is "timestamp\nsecret", the message empty, the signature in the body. */
static void feishu_sign(const struct out_webhook *w, const char *secret, const struct stamp *t,
	struct buf *url, json_t *body)
{
	unsigned char mac[32];
	struct buf key;
	char *b64;

	(void)w, (void)url;
	if (!secret)
		return;
	buf_init(&key, 4096);
	buf_printf(&key, "%s\n%s", t->s, secret);
	hash_hmac_sha256(key.data, key.len, "", 0, mac);
	b64 = codec_base64_encode(mac, sizeof(mac));
	json_object_set_new(body, "timestamp", json_string(t->s));
	json_object_set_new(body, "sign", json_string(b64));
	free(b64);
	buf_release(&key);
}

/* Telegram's bot token is part of the URL (webhook_init() made sure it is set). */
static void telegram_address(const struct out_webhook *w, const char *secret,
	const struct stamp *t, struct buf *url, json_t *body)
{
	(void)secret, (void)t, (void)body;
	buf_printf(url, "/bot%s/sendMessage", getenv(w->token_env));
}

static const struct chat_format chat_formats[] = {
	{ "slack", 3000, slack_body, NULL },
	{ "discord", 1900, discord_body, NULL }, /* 2,000 characters at most */
	{ "feishu", 18000, feishu_body, feishu_sign },
	{ "dingtalk", 18000, msgtype_text_body, dingtalk_sign },
	{ "wecom", 4000, msgtype_text_body, NULL },
	{ "telegram", 4000, telegram_body, telegram_address },
};

static int webhook_init(struct sink *s, char *errstr, size_t errsize)
{
	struct out_webhook *w = s->ctx;

	for (size_t i = 0; i < ARRAY_SIZE(chat_formats); i++)
		if (!strcmp(w->format, chat_formats[i].name))
			w->chat = &chat_formats[i];
	if (!w->chat && strcmp(w->format, "generic")) {
		snprintf(errstr, errsize, "%s: sink %s: format '%s' is not one of generic, slack, "
			"discord, feishu, dingtalk, wecom, telegram", s->origin, s->name, w->format);
		return -1;
	}
	if (strncmp(w->url, "https://", 8) && strncmp(w->url, "http://", 7)) {
		snprintf(errstr, errsize, "%s: sink %s: url must be http:// or https://", s->origin,
			s->name);
		return -1;
	}
	if (!strcmp(w->format, "telegram") && (!w->chat_id || !w->token_env)) {
		snprintf(errstr, errsize, "%s: sink %s: telegram needs chat_id and token_env",
			s->origin, s->name);
		return -1;
	}
	return 0;
}

/*
 * A chat platform's webhook URL is itself a secret (Slack's and Discord's
 * paths, DingTalk's and WeCom's access tokens), and servers echo it back
 * in error pages ("Cannot POST /bot123:abc/sendMessage"): its path and
 * query, and every long part of them, are taken out of a reason. The
 * transport's errors name only the origin (origin_only_in_errors).
 */
static void redact_url(char *reason, size_t size, const char *url)
{
	char *pq = url_path_query(url), *save = NULL;

	if (!pq)
		return;
	if (strcmp(pq, "/"))
		text_redact(reason, size, pq);
	for (char *part = strtok_r(pq, "/?&=", &save); part; part = strtok_r(NULL, "/?&=", &save))
		if (strlen(part) >= 16)
			text_redact(reason, size, part);
	free(pq);
}

/*
 * The digest as chat text, cut at a line to fit the platform's limit (in
 * bytes). A digest larger than the render cap is cut there first: the
 * text is a prefix either way (buf.h), and the cut is marked.
 */
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

/* The request's body: the digest message itself, or the platform's chat message. */
static char *payload_of(const struct out_webhook *w, const struct sink_edition *e,
	const char *secret, const struct stamp *t, struct buf *url)
{
	struct buf text;
	json_t *body;
	char *payload;

	if (!w->chat)
		return xstrndup(e->json, e->json_len);
	buf_init(&text, RENDER_MAX);
	chat_text(e, w->chat->limit, &text);
	body = w->chat->body(w, text.data);
	if (w->chat->finish)
		w->chat->finish(w, secret, t, url, body);
	payload = json_dumps(body, JSON_COMPACT);
	json_decref(body);
	buf_release(&text);
	return payload;
}

/* Chat platforms answer 200 with an error code in the body. */
static enum sink_result read_answer(const struct sink *s, const struct http_response *r,
	char *reason, size_t reasonsize)
{
	json_t *ans = json_loadb(r->body.data, r->body.len, 0, NULL);
	json_t *code = ans ? json_object_get(ans, "errcode") : NULL;
	enum sink_result res = SINK_OK;

	if (!code && ans)
		code = json_object_get(ans, "code");
	if (ans && json_is_false(json_object_get(ans, "ok")))
		code = json_object_get(ans, "error_code");
	if (code && json_integer_value(code) != 0) {
		snprintf(reason, reasonsize, "%s answered error %lld: %.200s", s->name,
			(long long)json_integer_value(code), r->body.data);
		res = SINK_DROP;
	}
	json_decref(ans);
	return res;
}

static enum sink_result webhook_deliver(struct sink *s, const struct sink_edition *e,
	char *reason, size_t reasonsize)
{
	const struct out_webhook *w = s->ctx;
	const char *secret = w->secret_env ? getenv(w->secret_env) : NULL;
	char sig_header[128], ed_header[128], ts_header[64];
	const char *headers[5] = { "Content-Type: application/json; charset=utf-8", ed_header,
		NULL, NULL, NULL };
	struct strlist web = { (char *[]){ "http", "https" }, 2 };
	struct http_options o;
	struct http_response r;
	struct stamp t;
	struct buf url;
	char *payload;
	enum sink_result res = SINK_RETRY;
	int64_t now = now_ms();

	snprintf(t.s, sizeof(t.s), "%lld", (long long)(now / 1000));
	snprintf(t.ms, sizeof(t.ms), "%lld", (long long)now);
	snprintf(ed_header, sizeof(ed_header), "X-Precis-Edition: %s", e->id);
	buf_init(&url, 8192);
	buf_addstr(&url, w->url);
	payload = payload_of(w, e, secret, &t, &url);
	if (url.overflowed) {
		snprintf(reason, reasonsize, "the URL is longer than 8 KiB");
		res = SINK_DROP;
		goto out;
	}
	if (secret && !w->chat) {
		/* Signed over "timestamp.body", so a captured request cannot be replayed later. */
		unsigned char mac[32];
		char hex[65];
		struct buf msg;

		buf_init(&msg, SIZE_MAX);
		buf_printf(&msg, "%s.", t.s);
		buf_addstr(&msg, payload);
		hash_hmac_sha256(secret, strlen(secret), msg.data, msg.len, mac);
		codec_hex(mac, sizeof(mac), hex);
		snprintf(sig_header, sizeof(sig_header), "X-Precis-Signature: sha256=%s", hex);
		snprintf(ts_header, sizeof(ts_header), "X-Precis-Timestamp: %s", t.s);
		headers[2] = sig_header;
		headers[3] = ts_header;
		buf_release(&msg);
	}
	http_options_from_config(&o, s->cfg, 1024 * 1024);
	o.schemes = &web;
	o.max_redirects = 0;
	o.origin_only_in_errors = 1;
	if (http_post(&o, url.data, payload, strlen(payload), headers, &r, reason, reasonsize))
		goto out; /* transport trouble: may pass later */
	if (r.status >= 200 && r.status < 300) {
		res = read_answer(s, &r, reason, reasonsize);
	} else {
		snprintf(reason, reasonsize, "HTTP %ld: %.200s", r.status, r.body.data);
		res = r.status == 408 || r.status == 429 || r.status >= 500 ? SINK_RETRY : SINK_DROP;
	}
	http_response_release(&r);
out:
	redact_url(reason, reasonsize, url.data);
	redact_url(reason, reasonsize, w->url);
	free(payload);
	buf_release(&url);
	return res;
}

static const struct config_map webhook_options[] = {
	{ "url", CONFIG_MAP_STR, 1, NULL, offsetof(struct out_webhook, url),
		"where to POST (http or https)" },
	{ "format", CONFIG_MAP_STR, 0, "generic", offsetof(struct out_webhook, format),
		"generic (default), slack, discord, feishu, dingtalk, wecom, telegram" },
	{ "secret_env", CONFIG_MAP_ENV, 0, NULL, offsetof(struct out_webhook, secret_env),
		"environment variable holding the signing secret" },
	{ "token_env", CONFIG_MAP_ENV, 0, NULL, offsetof(struct out_webhook, token_env),
		"telegram: environment variable holding the bot token" },
	{ "chat_id", CONFIG_MAP_STR, 0, NULL, offsetof(struct out_webhook, chat_id),
		"telegram: the chat to post to" },
	{ NULL, 0, 0, NULL, 0, NULL },
};

const struct sink_plugin out_webhook_plugin = { "webhook", webhook_options,
	sizeof(struct out_webhook), webhook_init, webhook_deliver, NULL };
