#include "sink.h"

#include <curl/curl.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "codec.h"
#include "msg.h"
#include "render.h"
#include "common.h"

/*
 * The email sink: the edition as a text and an HTML alternative over SMTP,
 * STARTTLS required (or SMTPS).
 */

struct out_email {
	char *url;
	char *from;
	struct strlist to;
	char *username_env;
	char *password_env;
	char *ca_file;
};

static int email_init(struct sink *s, char *errstr, size_t errsize)
{
	const struct out_email *m = s->ctx;

	if (strncmp(m->url, "smtp://", 7) && strncmp(m->url, "smtps://", 8)) {
		snprintf(errstr, errsize, "%s: sink %s: url must be smtp://HOST[:PORT] or smtps://",
			s->origin, s->name);
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
	const struct out_email *m = s->ctx;
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
	/* A header cut short would say something else: each is checked before use (buf.h). */
	for (size_t i = 0; i < m->to.n && !line.overflowed; i++) {
		/* An address list may also come as one value, separated by commas. */
		char *list = xstrdup(m->to.v[i]), *save = NULL;

		for (char *addr = strtok_r(list, ",", &save); addr;
			addr = strtok_r(NULL, ",", &save)) {
			buf_reset(&line);
			buf_printf(&line, "<%s>", addr);
			rcpt = curl_slist_append(rcpt, line.data);
		}
		free(list);
	}
	if (render_text(e->digest, &text) || render_html(e->digest, &html)) {
		snprintf(reason, reasonsize, "the edition is larger than %d MiB", RENDER_MAX >> 20);
		goto out;
	}
	gmtime_r(&now, &tm);
	strftime(ts, sizeof(ts), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	snprintf(msgid, sizeof(msgid), "Message-ID: <precis-%s-%lld@precis>", e->id,
		(long long)now_ms());
	buf_reset(&line);
	buf_addstr(&line, "Subject: ");
	{
		struct buf subject;

		buf_init(&subject, 4096);
		buf_printf(&subject, "%.1000s %s", msg_str(e->digest, "title"), e->id);
		mime_word(&line, subject.data);
		buf_release(&subject);
	}
	headers = curl_slist_append(headers, line.data);
	buf_reset(&line);
	buf_printf(&line, "From: <%s>", m->from);
	headers = curl_slist_append(headers, line.data);
	buf_reset(&line);
	buf_addstr(&line, "To: ");
	for (size_t i = 0; i < m->to.n; i++)
		buf_printf(&line, "%s%s", i ? "," : "", m->to.v[i]);
	if (line.overflowed) { /* the To: list, or an address before it */
		snprintf(reason, reasonsize, "the recipients do not fit a 64 KiB header");
		goto out;
	}
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

	curl_easy_setopt(c, CURLOPT_URL, m->url);
	/* STARTTLS is required: the digest never crosses the network in the clear. */
	curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	if (m->ca_file)
		curl_easy_setopt(c, CURLOPT_CAINFO, m->ca_file);
	if (m->username_env)
		curl_easy_setopt(c, CURLOPT_USERNAME, getenv(m->username_env));
	if (m->password_env)
		curl_easy_setopt(c, CURLOPT_PASSWORD, getenv(m->password_env));
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, m->from);
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
	return res;
}

static const struct config_map email_options[] = {
	{ "url", CONFIG_MAP_STR, 1, NULL, offsetof(struct out_email, url),
		"smtp://HOST[:PORT] (STARTTLS required) or smtps://HOST[:PORT]" },
	{ "from", CONFIG_MAP_STR, 1, NULL, offsetof(struct out_email, from), "sender address" },
	{ "to", CONFIG_MAP_LIST, 1, NULL, offsetof(struct out_email, to),
		"recipient addresses, a list" },
	{ "username_env", CONFIG_MAP_ENV, 0, NULL, offsetof(struct out_email, username_env),
		"environment variable holding the SMTP user name" },
	{ "password_env", CONFIG_MAP_ENV, 0, NULL, offsetof(struct out_email, password_env),
		"environment variable holding the SMTP password" },
	{ "ca_file", CONFIG_MAP_PATH, 0, NULL, offsetof(struct out_email, ca_file),
		"CA certificates to trust instead of the system's" },
	{ NULL, 0, 0, NULL, 0, NULL },
};

const struct sink_plugin out_email_plugin = { "email", email_options, sizeof(struct out_email),
	email_init, email_deliver, NULL, NULL, NULL };
