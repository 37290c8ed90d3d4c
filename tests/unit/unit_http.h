#ifndef PRECIS_UNIT_HTTP_H
#define PRECIS_UNIT_HTTP_H
/*
 * A small web site on 127.0.0.1 for the tests of the fetcher: routes set
 * and changed by the test, an ETag answered with 304, a delay per route,
 * and a log of when each request started and ended. Include after unit.h.
 */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <time.h>

struct unit_route {
	char path[128];
	int status;
	char type[64];
	char *body;
	char etag[64]; /* "": none */
	int delay_ms;
};

struct unit_request {
	char path[128];
	double start, end; /* seconds, CLOCK_MONOTONIC */
	int status;
};

struct unit_http {
	struct MHD_Daemon *d;
	int port;
	char base[64]; /* http://127.0.0.1:PORT */
	pthread_mutex_t lock;
	struct unit_route routes[64];
	size_t nroutes;
	struct unit_request log[1024];
	size_t nlog;
};

static inline double unit_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Adds or replaces the route of path. */
static inline void unit_http_route(struct unit_http *h, const char *path, int status,
	const char *type, const char *body, const char *etag, int delay_ms)
{
	struct unit_route *r = NULL;

	pthread_mutex_lock(&h->lock);
	for (size_t i = 0; i < h->nroutes && !r; i++)
		if (!strcmp(h->routes[i].path, path))
			r = &h->routes[i];
	if (!r)
		r = &h->routes[h->nroutes++];
	free(r->body);
	snprintf(r->path, sizeof(r->path), "%s", path);
	r->status = status;
	snprintf(r->type, sizeof(r->type), "%s", type);
	r->body = strdup(body);
	snprintf(r->etag, sizeof(r->etag), "%s", etag ? etag : "");
	r->delay_ms = delay_ms;
	pthread_mutex_unlock(&h->lock);
}

static inline enum MHD_Result unit_http_answer(void *cls, struct MHD_Connection *c,
	const char *url, const char *method, const char *version, const char *upload,
	size_t *upload_size, void **state)
{
	struct unit_http *h = cls;
	struct unit_route r = { .status = 404, .type = "text/plain" };
	const char *inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match");
	struct MHD_Response *resp;
	struct unit_request *rq;
	char *body = NULL;
	double start = unit_now();
	enum MHD_Result rc;
	int status;

	(void)method, (void)version, (void)upload, (void)upload_size, (void)state;
	pthread_mutex_lock(&h->lock);
	for (size_t i = 0; i < h->nroutes; i++) {
		if (!strcmp(h->routes[i].path, url)) {
			r = h->routes[i];
			body = strdup(r.body);
		}
	}
	pthread_mutex_unlock(&h->lock);
	if (r.delay_ms)
		usleep((useconds_t)r.delay_ms * 1000);
	status = r.etag[0] && inm && !strcmp(inm, r.etag) ? 304 : r.status;
	resp = MHD_create_response_from_buffer(status == 304 || !body ? 0 : strlen(body),
		body ? body : (char *)"", MHD_RESPMEM_MUST_COPY);
	MHD_add_response_header(resp, "Content-Type", r.type);
	if (r.etag[0])
		MHD_add_response_header(resp, "ETag", r.etag);
	rc = MHD_queue_response(c, (unsigned int)status, resp);
	MHD_destroy_response(resp);
	free(body);
	pthread_mutex_lock(&h->lock);
	if (h->nlog < sizeof(h->log) / sizeof(h->log[0])) {
		rq = &h->log[h->nlog++];
		snprintf(rq->path, sizeof(rq->path), "%s", url);
		rq->start = start;
		rq->end = unit_now();
		rq->status = status;
	}
	pthread_mutex_unlock(&h->lock);
	return rc;
}

static inline void unit_http_start(struct unit_http *h)
{
	const union MHD_DaemonInfo *info;
	struct sockaddr_in sa;

	memset(h, 0, sizeof(*h));
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	pthread_mutex_init(&h->lock, NULL);
	/* A thread per connection: one slow route holds up nothing else. */
	h->d = MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD,
		0, NULL, NULL, unit_http_answer, h, MHD_OPTION_SOCK_ADDR, &sa, MHD_OPTION_END);
	assert_non_null(h->d);
	info = MHD_get_daemon_info(h->d, MHD_DAEMON_INFO_BIND_PORT);
	h->port = info->port;
	snprintf(h->base, sizeof(h->base), "http://127.0.0.1:%d", h->port);
}

static inline void unit_http_stop(struct unit_http *h)
{
	MHD_stop_daemon(h->d);
	for (size_t i = 0; i < h->nroutes; i++)
		free(h->routes[i].body);
	pthread_mutex_destroy(&h->lock);
}

/* Requests of path so far, and (status non-zero) of those answered with status. */
static inline int unit_http_hits(struct unit_http *h, const char *path, int status)
{
	int n = 0;

	pthread_mutex_lock(&h->lock);
	for (size_t i = 0; i < h->nlog; i++)
		n += !strcmp(h->log[i].path, path) && (!status || h->log[i].status == status);
	pthread_mutex_unlock(&h->lock);
	return n;
}

#endif
