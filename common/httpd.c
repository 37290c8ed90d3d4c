#include "httpd.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <string.h>

#include "buf.h"
#include "common.h"

struct httpd {
	struct MHD_Daemon *d;
	struct metrics *metrics;
	int (*ready)(void *, char *, size_t);
	void *opaque;
	int port;
};

static enum MHD_Result reply(struct MHD_Connection *c, unsigned int status, const char *type,
	const char *body, size_t len)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(len, (void *)body,
		MHD_RESPMEM_MUST_COPY);
	enum MHD_Result rc;

	MHD_add_response_header(r, "Content-Type", type);
	rc = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return rc;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
	const char *method, const char *version, const char *upload, size_t *upload_size,
	void **state)
{
	struct httpd *h = cls;
	char why[256] = "";
	enum MHD_Result rc;

	(void)version, (void)upload, (void)upload_size, (void)state;
	if (strcmp(method, "GET") && strcmp(method, "HEAD"))
		return reply(c, 405, "text/plain", "GET only\n", 9);
	if (!strcmp(url, "/healthz"))
		return reply(c, 200, "text/plain", "ok\n", 3);
	if (!strcmp(url, "/readyz")) {
		if (!h->ready || h->ready(h->opaque, why, sizeof(why)))
			return reply(c, 200, "text/plain", "ready\n", 6);
		strlcpy_p(why + strlen(why), "\n", sizeof(why) - strlen(why));
		return reply(c, 503, "text/plain", why, strlen(why));
	}
	if (!strcmp(url, "/metrics")) {
		struct buf out;

		buf_init(&out, 64 * 1024 * 1024);
		metrics_render(h->metrics, &out);
		rc = reply(c, 200, "text/plain; version=0.0.4", out.data, out.len);
		buf_release(&out);
		return rc;
	}
	return reply(c, 404, "text/plain", "not found\n", 10);
}

struct httpd *httpd_start(const char *listen, struct metrics *metrics,
	int (*ready)(void *opaque, char *why, size_t whysize), void *opaque, char *errstr,
	size_t errsize)
{
	struct httpd *h = xcalloc(1, sizeof(*h));
	struct sockaddr_in addr = { 0 };
	const char *colon = strrchr(listen, ':');
	char host[64];
	int64_t port;
	const union MHD_DaemonInfo *info;

	if (!colon || (size_t)(colon - listen) >= sizeof(host) ||
		parse_int64(colon + 1, 0, 65535, &port)) {
		snprintf(errstr, errsize, "http.listen: '%s' is not HOST:PORT", listen);
		goto fail;
	}
	memcpy(host, listen, (size_t)(colon - listen));
	host[colon - listen] = '\0';
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)port);
	if (inet_pton(AF_INET, *host ? host : "0.0.0.0", &addr.sin_addr) != 1) {
		snprintf(errstr, errsize, "http.listen: '%s' is not an IPv4 address", host);
		goto fail;
	}
	h->metrics = metrics;
	h->ready = ready;
	h->opaque = opaque;
	h->d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD, 0, NULL, NULL, handle, h,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr, MHD_OPTION_CONNECTION_LIMIT, 64U,
		MHD_OPTION_CONNECTION_TIMEOUT, 10U, MHD_OPTION_END);
	if (!h->d) {
		snprintf(errstr, errsize, "cannot listen on %s (http.listen)", listen);
		goto fail;
	}
	info = MHD_get_daemon_info(h->d, MHD_DAEMON_INFO_BIND_PORT);
	h->port = info ? info->port : (int)port;
	return h;
fail:
	free(h);
	return NULL;
}

int httpd_port(const struct httpd *h)
{
	return h->port;
}

void httpd_stop(struct httpd *h)
{
	if (!h)
		return;
	MHD_stop_daemon(h->d);
	free(h);
}
