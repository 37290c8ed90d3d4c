#ifndef PRECIS_HTTPD_H
#define PRECIS_HTTPD_H

#include <stddef.h>

#include "metrics.h"

/*
 * The operations endpoints of a service, on libmicrohttpd's own thread:
 *   /healthz  200 while the process serves at all
 *   /readyz   200 when ready() says so, else 503 with its reason
 *   /metrics  the metrics, Prometheus text format
 */
struct httpd;

/*
 * Listens on listen ("HOST:PORT"; port 0 picks a free one). metrics and
 * opaque are borrowed until httpd_stop(). ready() runs on the server's
 * thread and must only read. Returns NULL with errstr filled.
 */
struct httpd *httpd_start(const char *listen, struct metrics *metrics,
	int (*ready)(void *opaque, char *why, size_t whysize), void *opaque, char *errstr,
	size_t errsize);

/* The port it listens on. */
int httpd_port(const struct httpd *h);

void httpd_stop(struct httpd *h);

#endif
