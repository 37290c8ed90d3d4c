#ifndef PRECIS_HTTP_H
#define PRECIS_HTTP_H

#include <stddef.h>

#include "buf.h"
#include "config.h"

/*
 * One-shot GETs on libcurl with precis' safety rules: timeouts, a redirect
 * limit, a cap on the (decompressed) body, only the configured schemes
 * (redirects only ever to http and https), TLS verified, and no connection
 * to loopback, private, link-local or other non-public addresses unless
 * fetcher.allow_private lists them. The address check happens after DNS
 * resolution, for every connection, redirects included.
 *
 * Call curl_global_init() once in main() before any other curl use.
 */
struct http_options {
	long timeout_ms;
	long connect_timeout_ms;
	long max_redirects;
	size_t max_bytes;
	const char *user_agent; /* borrowed */
	const struct strlist *schemes; /* borrowed */
	const struct strlist *allow_private; /* borrowed */
	/*
	 * Errors name only the URL's scheme, host and port: its path and query
	 * may hold a secret (a chat platform's webhook token).
	 */
	int origin_only_in_errors;
};

struct http_response {
	long status; /* 200 for file:// reads */
	struct buf body;
	char content_type[256];
	char charset[64]; /* from Content-Type, lowercase, or "" */
	char final_url[2048];
	char etag[256]; /* validators for a conditional GET next time, or "" */
	char last_modified[128];
	long retry_after_s; /* from Retry-After on 429/503, or -1 */
};

/* Options from cfg's fetcher.* keys, with max_bytes as given. */
void http_options_from_config(struct http_options *o, const struct config *cfg, size_t max_bytes);

/*
 * Fetches url into r, which the caller releases with http_response_release().
 * Returns 0 when a response arrived (any status), -1 otherwise with a
 * one-line reason in errstr.
 */
int http_get(const struct http_options *o, const char *url, struct http_response *r,
	char *errstr, size_t errsize);
void http_response_release(struct http_response *r);

/* http_get() with extra request headers (NULL-terminated "Name: value" strings). */
int http_get_with(const struct http_options *o, const char *url, const char *const *headers,
	struct http_response *r, char *errstr, size_t errsize);

/*
 * POSTs len bytes of body to url with the extra headers (NULL-terminated
 * "Name: value" strings, may be NULL), never following redirects. Returns
 * as http_get().
 */
int http_post(const struct http_options *o, const char *url, const char *body, size_t len,
	const char *const *headers, struct http_response *r, char *errstr, size_t errsize);

/*
 * Many transfers in flight in one thread, on libcurl's multi interface,
 * with the same rules as above. A finished transfer calls done with the
 * response (NULL on failure, with the reason in errstr); the response is
 * freed when done returns. done may start new transfers.
 */
struct http_multi;
typedef void (*http_done_fn)(void *opaque, struct http_response *r, const char *errstr);

struct http_multi *http_multi_new(void);
/* Aborts the transfers still running, without calling their done. */
void http_multi_free(struct http_multi *hm);

/*
 * Starts a POST as http_post() (body NULL: a GET). Returns 0, or -1 with
 * errstr filled (done is not called).
 */
int http_multi_post(struct http_multi *hm, const struct http_options *o, const char *url,
	const char *body, size_t len, const char *const *headers, http_done_fn done,
	void *opaque, char *errstr, size_t errsize);

/* Starts a GET as http_get_with(). Returns as http_multi_post(). */
int http_multi_get(struct http_multi *hm, const struct http_options *o, const char *url,
	const char *const *headers, http_done_fn done, void *opaque, char *errstr,
	size_t errsize);

/* Moves the transfers on, waiting up to timeout_ms for the network; calls done for those finished. */
void http_multi_perform(struct http_multi *hm, int timeout_ms);
size_t http_multi_running(const struct http_multi *hm);

/* 1 if the address (IPv4 or IPv6, in text) is loopback, private or otherwise non-public. */
int http_address_is_private(const char *ip);

#endif
