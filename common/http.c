#include "http.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "url.h"
#include "common.h"

struct transfer {
	const struct http_options *o;
	struct http_response *r;
	int too_big;
	char refused[INET6_ADDRSTRLEN]; /* a private address we would not connect to */
};

static int v4_private(uint32_t a)
{
	return (a >> 24) == 0 || (a >> 24) == 10 || (a >> 24) == 127 ||
	       (a & 0xffc00000) == 0x64400000 || /* 100.64/10 carrier-grade NAT */
	       (a & 0xffff0000) == 0xa9fe0000 || /* 169.254/16 link-local */
	       (a & 0xfff00000) == 0xac100000 || /* 172.16/12 */
	       (a & 0xffffff00) == 0xc0000000 || /* 192.0.0/24 */
	       (a & 0xffffff00) == 0xc0000200 || /* 192.0.2/24 documentation */
	       (a & 0xffff0000) == 0xc0a80000 || /* 192.168/16 */
	       (a & 0xfffe0000) == 0xc6120000 || /* 198.18/15 benchmarking */
	       (a & 0xffffff00) == 0xc6336400 || /* 198.51.100/24 */
	       (a & 0xffffff00) == 0xcb007100 || /* 203.0.113/24 */
	       (a >> 28) >= 14; /* multicast, reserved, broadcast */
}

static int v6_private(const unsigned char *b)
{
	static const unsigned char zero[16];
	static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
	static const unsigned char nat64[12] = { 0, 0x64, 0xff, 0x9b };

	if (!memcmp(b, zero, 15) && (b[15] == 0 || b[15] == 1))
		return 1; /* :: and ::1 */
	if (!memcmp(b, mapped, 12) || !memcmp(b, nat64, 12))
		return v4_private((uint32_t)b[12] << 24 | (uint32_t)b[13] << 16 |
				  (uint32_t)b[14] << 8 | b[15]);
	return (b[0] & 0xfe) == 0xfc || /* fc00::/7 unique local */
	       (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) || /* fe80::/10 link-local */
	       b[0] == 0xff || /* multicast */
	       (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8); /* documentation */
}

int http_address_is_private(const char *ip)
{
	unsigned char b[16];

	if (inet_pton(AF_INET, ip, b) == 1)
		return v4_private((uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 |
				  b[3]);
	if (inet_pton(AF_INET6, ip, b) == 1)
		return v6_private(b);
	return 1; /* what we cannot read, we do not trust */
}

static int allowed_private(const struct strlist *allow, const char *ip)
{
	for (size_t i = 0; allow && i < allow->n; i++)
		if (!strcmp(allow->v[i], "all") || !strcmp(allow->v[i], ip))
			return 1;
	return 0;
}

static curl_socket_t open_socket(void *clientp, curlsocktype purpose, struct curl_sockaddr *a)
{
	struct transfer *t = clientp;
	char ip[INET6_ADDRSTRLEN] = "";

	(void)purpose;
	if (a->family == AF_INET)
		inet_ntop(AF_INET, &((struct sockaddr_in *)&a->addr)->sin_addr, ip, sizeof(ip));
	else if (a->family == AF_INET6)
		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&a->addr)->sin6_addr, ip, sizeof(ip));
	if (http_address_is_private(ip) && !allowed_private(t->o->allow_private, ip)) {
		strlcpy_p(t->refused, ip[0] ? ip : "an unknown address", sizeof(t->refused));
		return CURL_SOCKET_BAD;
	}
	return socket(a->family, a->socktype, a->protocol);
}

static size_t on_body(char *data, size_t size, size_t n, void *clientp)
{
	struct transfer *t = clientp;

	if (buf_add(&t->r->body, data, size * n)) {
		t->too_big = 1;
		return 0;
	}
	return size * n;
}

void http_options_from_config(struct http_options *o, const struct config *cfg, size_t max_bytes)
{
	o->timeout_ms = (long)cfg->fetcher_timeout_ms;
	o->connect_timeout_ms = (long)cfg->fetcher_connect_timeout_ms;
	o->max_redirects = (long)cfg->fetcher_max_redirects;
	o->max_bytes = max_bytes;
	o->user_agent = cfg->fetcher_user_agent;
	o->schemes = &cfg->fetcher_schemes;
	o->allow_private = &cfg->fetcher_allow_private;
	o->origin_only_in_errors = 0;
}

static int scheme_allowed(const struct strlist *schemes, const char *url)
{
	const char *colon = strchr(url, ':');

	if (!colon)
		return 0;
	for (size_t i = 0; i < schemes->n; i++)
		if (strlen(schemes->v[i]) == (size_t)(colon - url) &&
			!strncasecmp(schemes->v[i], url, (size_t)(colon - url)))
			return 1;
	return 0;
}

static void parse_content_type(struct http_response *r, const char *ct)
{
	const char *cs;

	strlcpy_p(r->content_type, ct ? ct : "", sizeof(r->content_type));
	/*
	 * A header is ASCII; a byte beyond it (a server's Latin-1) would make
	 * the page message that carries the type invalid JSON, and lose the page.
	 */
	for (char *c = r->content_type; *c; c++)
		if ((unsigned char)*c >= 0x7f || (unsigned char)*c < 0x20)
			*c = '?';
	r->charset[0] = '\0';
	cs = ct ? strcasestr(ct, "charset=") : NULL;
	if (cs) {
		size_t i = 0;

		cs += 8;
		if (*cs == '"' || *cs == '\'')
			cs++;
		while (cs[i] && i + 1 < sizeof(r->charset) &&
			(isalnum((unsigned char)cs[i]) || cs[i] == '-' || cs[i] == '_' ||
				cs[i] == ':' || cs[i] == '.')) {
			r->charset[i] = (char)tolower((unsigned char)cs[i]);
			i++;
		}
		r->charset[i] = '\0';
	}
}

/*
 * One transfer's state; the multi interface keeps many, a one-shot call
 * one on its stack.
 */
struct xfer {
	struct transfer t;
	struct http_response r;
	CURL *c;
	struct curl_slist *headers;
	char url[2048];
};

/* The URL as errors name it: whole, or its origin only (http_options). Caller frees. */
static char *url_in_errors(const struct http_options *o, const char *url)
{
	char *origin;

	if (!o->origin_only_in_errors)
		return xstrndup(url, strnlen(url, 300));
	origin = url_origin(url);
	return origin ? origin : xstrdup("(the URL)");
}

/* Sets up x->c for url. Returns 0, or -1 with errstr filled (x->c may then be NULL). */
static int xfer_setup(struct xfer *x, const struct http_options *o, const char *url,
	const char *body, size_t body_len, const char *const *headers, char *errstr,
	size_t errsize)
{
	char protocols[128] = "", redir[32] = "";
	CURL *c;

	memset(&x->r, 0, sizeof(x->r));
	x->t = (struct transfer){ o, &x->r, 0, "" };
	x->headers = NULL;
	x->c = NULL;
	strlcpy_p(x->url, url, sizeof(x->url));
	buf_init(&x->r.body, o->max_bytes);
	if (!scheme_allowed(o->schemes, url)) {
		char *what = url_in_errors(o, url);

		snprintf(errstr, errsize, "%s: scheme not allowed (fetcher.schemes)", what);
		free(what);
		return -1;
	}
	for (size_t i = 0; i < o->schemes->n; i++) {
		snprintf(protocols + strlen(protocols), sizeof(protocols) - strlen(protocols), "%s%s",
			i ? "," : "", o->schemes->v[i]);
		if (!strcmp(o->schemes->v[i], "http") || !strcmp(o->schemes->v[i], "https"))
			snprintf(redir + strlen(redir), sizeof(redir) - strlen(redir), "%s%s",
				redir[0] ? "," : "", o->schemes->v[i]);
	}
	c = x->c = curl_easy_init();
	if (!c) {
		snprintf(errstr, errsize, "cannot start a transfer");
		return -1;
	}
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, protocols);
	/* A redirect may never lead to file:// or any other local scheme. */
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, redir[0] ? redir : "http");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, o->max_redirects > 0 ? 1L : 0L);
	curl_easy_setopt(c, CURLOPT_MAXREDIRS, o->max_redirects);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, o->timeout_ms);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, o->connect_timeout_ms);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_USERAGENT, o->user_agent);
	curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)o->max_bytes);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &x->t);
	curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, open_socket);
	curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, &x->t);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(c, CURLOPT_PRIVATE, x);
	if (body) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)body_len);
		curl_easy_setopt(c, CURLOPT_COPYPOSTFIELDS, body);
		/* A redirected POST would turn into a GET somewhere we did not choose. */
		curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	}
	for (const char *const *h = headers; h && *h; h++)
		x->headers = curl_slist_append(x->headers, *h);
	if (x->headers)
		curl_easy_setopt(c, CURLOPT_HTTPHEADER, x->headers);
	return 0;
}

/* Reads the outcome of a finished transfer into x->r. Returns as http_get(). */
static int xfer_result(struct xfer *x, CURLcode cc, char *errstr, size_t errsize)
{
	struct http_response *r = &x->r;
	CURL *c = x->c;
	char *eff = NULL, *ct = NULL, *what;

	if (x->t.refused[0] || x->t.too_big || cc != CURLE_OK) {
		what = url_in_errors(x->t.o, x->url);
		if (x->t.refused[0])
			snprintf(errstr, errsize, "%s: refused to connect to non-public address %s "
				"(fetcher.allow_private)", what, x->t.refused);
		else if (x->t.too_big || cc == CURLE_FILESIZE_EXCEEDED)
			snprintf(errstr, errsize, "%s: response larger than %zu bytes", what,
				x->t.o->max_bytes);
		else
			snprintf(errstr, errsize, "%s: %s", what, curl_easy_strerror(cc));
		free(what);
		return -1;
	}
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
	if (r->status == 0)
		r->status = 200; /* file:// has no status line */
	curl_easy_getinfo(c, CURLINFO_EFFECTIVE_URL, &eff);
	strlcpy_p(r->final_url, eff ? eff : x->url, sizeof(r->final_url));
	curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &ct);
	parse_content_type(r, ct);
	{
		struct curl_header *h;
		curl_off_t retry = -1;

		if (!curl_easy_header(c, "ETag", 0, CURLH_HEADER, -1, &h))
			strlcpy_p(r->etag, h->value, sizeof(r->etag));
		if (!curl_easy_header(c, "Last-Modified", 0, CURLH_HEADER, -1, &h))
			strlcpy_p(r->last_modified, h->value, sizeof(r->last_modified));
		r->retry_after_s = -1;
		if ((r->status == 429 || r->status == 503) &&
			!curl_easy_getinfo(c, CURLINFO_RETRY_AFTER, &retry) && retry > 0)
			r->retry_after_s = (long)retry;
	}
	return 0;
}

static void xfer_cleanup(struct xfer *x)
{
	if (x->c)
		curl_easy_cleanup(x->c);
	curl_slist_free_all(x->headers);
	x->c = NULL;
	x->headers = NULL;
}

static int transfer(const struct http_options *o, const char *url, const char *body,
	size_t body_len, const char *const *headers, struct http_response *r, char *errstr,
	size_t errsize)
{
	struct xfer x;
	int rc = -1;

	if (!xfer_setup(&x, o, url, body, body_len, headers, errstr, errsize))
		rc = xfer_result(&x, curl_easy_perform(x.c), errstr, errsize);
	xfer_cleanup(&x);
	if (rc)
		buf_release(&x.r.body);
	*r = x.r;
	return rc;
}

/* ---- many transfers at once ---- */

struct multi_xfer {
	struct xfer x; /* first: CURLOPT_PRIVATE points at both */
	http_done_fn done;
	void *opaque;
	struct multi_xfer *next;
};

struct http_multi {
	CURLM *m;
	struct multi_xfer *running;
	size_t n;
};

struct http_multi *http_multi_new(void)
{
	struct http_multi *hm = xcalloc(1, sizeof(*hm));

	hm->m = curl_multi_init();
	if (!hm->m)
		BUG("libcurl cannot make a multi handle");
	return hm;
}

static void multi_unlink(struct http_multi *hm, struct multi_xfer *mx)
{
	for (struct multi_xfer **p = &hm->running; *p; p = &(*p)->next) {
		if (*p == mx) {
			*p = mx->next;
			hm->n--;
			return;
		}
	}
}

static void multi_xfer_free(struct http_multi *hm, struct multi_xfer *mx)
{
	curl_multi_remove_handle(hm->m, mx->x.c);
	xfer_cleanup(&mx->x);
	buf_release(&mx->x.r.body);
	free(mx);
}

void http_multi_free(struct http_multi *hm)
{
	if (!hm)
		return;
	while (hm->running) {
		struct multi_xfer *mx = hm->running;

		hm->running = mx->next;
		multi_xfer_free(hm, mx);
	}
	curl_multi_cleanup(hm->m);
	free(hm);
}

int http_multi_get(struct http_multi *hm, const struct http_options *o, const char *url,
	const char *const *headers, http_done_fn done, void *opaque, char *errstr,
	size_t errsize)
{
	return http_multi_post(hm, o, url, NULL, 0, headers, done, opaque, errstr, errsize);
}

int http_multi_post(struct http_multi *hm, const struct http_options *o, const char *url,
	const char *body, size_t len, const char *const *headers, http_done_fn done,
	void *opaque, char *errstr, size_t errsize)
{
	struct multi_xfer *mx = xcalloc(1, sizeof(*mx));
	CURLMcode mc;

	if (xfer_setup(&mx->x, o, url, body, len, headers, errstr, errsize))
		goto fail;
	mx->done = done;
	mx->opaque = opaque;
	mc = curl_multi_add_handle(hm->m, mx->x.c);
	if (mc != CURLM_OK) {
		snprintf(errstr, errsize, "cannot start a transfer: %s", curl_multi_strerror(mc));
		goto fail;
	}
	mx->next = hm->running;
	hm->running = mx;
	hm->n++;
	return 0;
fail:
	xfer_cleanup(&mx->x);
	buf_release(&mx->x.r.body);
	free(mx);
	return -1;
}

size_t http_multi_running(const struct http_multi *hm)
{
	return hm->n;
}

void http_multi_perform(struct http_multi *hm, int timeout_ms)
{
	CURLMsg *msg;
	int still, left;

	if (!hm->n)
		return;
	curl_multi_perform(hm->m, &still);
	if (timeout_ms > 0 && still)
		curl_multi_poll(hm->m, NULL, 0, timeout_ms, NULL);
	curl_multi_perform(hm->m, &still);
	while ((msg = curl_multi_info_read(hm->m, &left))) {
		struct multi_xfer *mx = NULL;
		char err[512] = "";
		int rc;

		if (msg->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&mx);
		rc = xfer_result(&mx->x, msg->data.result, err, sizeof(err));
		multi_unlink(hm, mx);
		/* The callback may start new transfers; this one is out of the list already. */
		mx->done(mx->opaque, rc ? NULL : &mx->x.r, err);
		multi_xfer_free(hm, mx);
	}
}

int http_get(const struct http_options *o, const char *url, struct http_response *r,
	char *errstr, size_t errsize)
{
	return transfer(o, url, NULL, 0, NULL, r, errstr, errsize);
}

int http_get_with(const struct http_options *o, const char *url, const char *const *headers,
	struct http_response *r, char *errstr, size_t errsize)
{
	return transfer(o, url, NULL, 0, headers, r, errstr, errsize);
}

int http_post(const struct http_options *o, const char *url, const char *body, size_t len,
	const char *const *headers, struct http_response *r, char *errstr, size_t errsize)
{
	return transfer(o, url, body, len, headers, r, errstr, errsize);
}

void http_response_release(struct http_response *r)
{
	buf_release(&r->body);
}
