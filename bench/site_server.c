/*
 * A synthetic news site for the fetcher benchmark, on libmicrohttpd, fast
 * enough that the fetcher, not the server, is what gets measured:
 * /feeds/fN.xml (N < FEEDS) lists ITEMS articles each, /news/fN/I.html is an
 * article page of about BYTES bytes, /robots.txt allows everything.
 *
 * Usage: bench-site-server PORTFILE FEEDS ITEMS BYTES
 */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "common.h"

static int feeds, items, page_bytes;
static unsigned short port;

static enum MHD_Result answer(void *cls, struct MHD_Connection *c, const char *url,
	const char *method, const char *version, const char *data, size_t *size, void **state)
{
	struct MHD_Response *r;
	struct buf b;
	const char *type = "text/html; charset=utf-8";
	int n, status = MHD_HTTP_OK;
	enum MHD_Result rc;

	(void)cls, (void)method, (void)version, (void)data, (void)size, (void)state;
	buf_init(&b, SIZE_MAX);
	if (!strcmp(url, "/robots.txt")) {
		buf_addstr(&b, "User-agent: *\nAllow: /\n");
		type = "text/plain";
	} else if (sscanf(url, "/feeds/f%d.xml", &n) == 1 && n < feeds) {
		buf_printf(&b, "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel>"
			       "<title>Feed %d</title><link>http://127.0.0.1:%u/</link>", n, port);
		for (int i = 0; i < items; i++)
			buf_printf(&b, "<item><title>Story %d of feed %d</title>"
				       "<link>http://127.0.0.1:%u/news/f%d/%d.html</link>"
				       "<description>What happened in story %d.</description>"
				       "<pubDate>Mon, 02 Nov 2026 08:00:00 +0000</pubDate></item>",
				i, n, port, n, i, i);
		buf_addstr(&b, "</channel></rss>");
		type = "application/rss+xml";
	} else if (!strncmp(url, "/news/", 6)) {
		buf_printf(&b, "<html><head><title>%s</title></head><body><article><h1>%s</h1>", url, url);
		while ((int)b.len < page_bytes)
			buf_addstr(&b, "<p>The company said on Monday it would ship the model to 40 "
				       "countries and cut prices by 12 percent next year.</p>");
		buf_addstr(&b, "</article></body></html>");
	} else {
		buf_addstr(&b, "not found");
		status = MHD_HTTP_NOT_FOUND;
	}
	r = MHD_create_response_from_buffer(b.len, b.data, MHD_RESPMEM_MUST_COPY);
	MHD_add_response_header(r, "Content-Type", type);
	rc = MHD_queue_response(c, (unsigned)status, r);
	MHD_destroy_response(r);
	buf_release(&b);
	return rc;
}

int main(int argc, char **argv)
{
	struct MHD_Daemon *d;
	const union MHD_DaemonInfo *info;
	char tmp[4096];
	FILE *f;
	sigset_t set;
	int sig;
	int64_t n_feeds, n_items, n_bytes;
	struct sockaddr_in loopback;

	if (argc != 5) {
		fprintf(stderr, "usage: bench-site-server PORTFILE FEEDS ITEMS BYTES\n");
		return 2;
	}
	if (parse_int64(argv[2], 1, 100000, &n_feeds) || parse_int64(argv[3], 1, 1000000, &n_items) ||
		parse_int64(argv[4], 0, 100000000, &n_bytes)) {
		fprintf(stderr, "bench-site-server: FEEDS, ITEMS and BYTES are numbers\n");
		return 2;
	}
	feeds = (int)n_feeds, items = (int)n_items, page_bytes = (int)n_bytes;
	memset(&loopback, 0, sizeof(loopback));
	loopback.sin_family = AF_INET;
	loopback.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL, 0, NULL, NULL, answer,
		NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&loopback, MHD_OPTION_THREAD_POOL_SIZE, 2,
		MHD_OPTION_CONNECTION_LIMIT, 4096, MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024, MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "bench-site-server: cannot start\n");
		return 1;
	}
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	port = info->port;
	snprintf(tmp, sizeof(tmp), "%s.tmp", argv[1]);
	f = fopen(tmp, "w");
	if (!f || fprintf(f, "%u\n", port) < 0 || fclose(f) || rename(tmp, argv[1])) {
		fprintf(stderr, "bench-site-server: cannot write %s\n", argv[1]);
		return 1;
	}
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigprocmask(SIG_BLOCK, &set, NULL);
	sigwait(&set, &sig);
	MHD_stop_daemon(d);
	return 0;
}
