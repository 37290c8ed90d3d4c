/*
 * The request loop, one file past the usual size on purpose: one queue of
 * feed, page and robots.txt requests, started as hosts, robots.txt and the
 * concurrency allow, and the callbacks that land them, all over the same
 * struct job and struct fetcher. Who fetches a page is claims.c, how hosts
 * are treated politeness.c, the sources' state sources.c, the page
 * messages pages.c.
 */
#include "fetcher.h"

#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "buf.h"
#include "claims.h"
#include "feed.h"
#include "hash.h"
#include "http.h"
#include "log.h"
#include "metrics.h"
#include "pages.h"
#include "politeness.h"
#include "redis.h"
#include "sources.h"
#include "trace.h"
#include "url.h"
#include "common.h"

enum job_kind { JOB_FEED, JOB_PAGE, JOB_ROBOTS };

/* A request waiting for its turn or in flight. */
struct job {
	enum job_kind kind;
	struct fetcher *f;
	struct source_state *ss; /* NULL for robots.txt */
	char *url; /* the feed's URL, the page's canonical URL, or the robots.txt URL */
	char *origin; /* per-host politeness key; NULL for local files */
	int robots_ok; /* page: robots.txt allows it */
	char id[33]; /* page */
	json_t *entry; /* page: what the feed said */
	char traceparent[TRACEPARENT_SIZE]; /* page: its trace, started here */
	char token[96]; /* the host slot held while in flight */
	int64_t not_before; /* mono_ms() */
	struct job *next;
};

struct fetcher {
	const struct config *cfg;
	struct metrics *metrics;
	struct sources sources;
	struct redis *redis;
	struct claims *claims;
	struct politeness *polite;
	struct pages pages;
	struct http_multi *hm;
	struct http_options feed_http, page_http, robots_http;
	struct job *queue; /* waiting, in order */
	struct job *inflight; /* started, not done */
	size_t running;
	int64_t renewed_at; /* mono_ms() of the last renewal of the host slots in flight */
	unsigned long skipped, failed, disallowed, filtered, unlinked; /* this cycle; pages has the rest */
	char *unread_origin; /* the last origin whose unreadable robots.txt held a page back, warned of */
	unsigned long feeds_failed, feeds_backing_off; /* this cycle's sources not read */
};

/*
 * A feed from the network may not point the fetcher at local files, even
 * where fetcher.schemes allows file: only a feed that is itself a local
 * file may link to one.
 */
static int link_allowed(const char *feed_url, const char *link)
{
	return strncasecmp(link, "file:", 5) || !strncasecmp(feed_url, "file:", 5);
}

/* ---- the queue ---- */

static void job_free(struct job *j)
{
	free(j->url);
	free(j->origin);
	json_decref(j->entry);
	free(j);
}

static void enqueue(struct fetcher *f, struct job *j)
{
	struct job **p = &f->queue;

	while (*p)
		p = &(*p)->next;
	j->f = f;
	*p = j;
}

static long long host_acquire(struct fetcher *f, struct job *j)
{
	return j->origin ? politeness_acquire(f->polite, j->origin, j->token, sizeof(j->token)) : 0;
}

static void host_release(struct fetcher *f, struct job *j)
{
	if (j->origin)
		politeness_release(f->polite, j->origin, j->token);
}

static void on_feed(void *opaque, struct http_response *resp, const char *errstr);
static void on_page(void *opaque, struct http_response *resp, const char *errstr);
static void on_robots(void *opaque, struct http_response *resp, const char *errstr);

static int start(struct fetcher *f, struct job *j)
{
	char err[512], etag[256], lm[128], inm[300], ims[160];
	const char *headers[3] = { NULL, NULL, NULL };
	size_t h = 0;
	int rc;

	if (j->kind == JOB_FEED) {
		sources_validators(&f->sources, j->ss->src, etag, sizeof(etag), lm, sizeof(lm));
		if (*etag)
			snprintf(inm, sizeof(inm), "If-None-Match: %s", etag), headers[h++] = inm;
		if (*lm)
			snprintf(ims, sizeof(ims), "If-Modified-Since: %s", lm), headers[h++] = ims;
		rc = http_multi_get(f->hm, &f->feed_http, j->url, headers, on_feed, j, err,
			sizeof(err));
	} else if (j->kind == JOB_PAGE) {
		rc = http_multi_get(f->hm, &f->page_http, j->url, NULL, on_page, j, err, sizeof(err));
	} else {
		rc = http_multi_get(f->hm, &f->robots_http, j->url, NULL, on_robots, j, err,
			sizeof(err));
	}
	if (rc) {
		host_release(f, j);
		if (j->kind == JOB_FEED) { /* a poll that never started failed all the same */
			sources_failed(&f->sources, j->ss->src, err, -1);
			f->feeds_failed++;
		} else {
			log_warn("%s: %s", j->ss ? j->ss->src->name : j->origin, err);
		}
		return -1;
	}
	j->next = f->inflight;
	f->inflight = j;
	f->running++;
	return 0;
}

/* A started job is done: out of the in-flight list. */
static void landed(struct fetcher *f, struct job *j)
{
	for (struct job **p = &f->inflight; *p; p = &(*p)->next) {
		if (*p == j) {
			*p = j->next;
			break;
		}
	}
	f->running--;
	host_release(f, j);
}

/*
 * Not marked seen: if the site's rules change, or its robots.txt could not
 * be read (unread) and can be later, the page is fetched at a later poll.
 */
static void disallowed(struct fetcher *f, struct job *j, int unread)
{
	char trace[TRACE_ID_SIZE] = "";

	trace_id(j->traceparent, trace);
	log_set_trace(trace);
	if (unread && (!f->unread_origin || strcmp(f->unread_origin, j->origin))) {
		/* one warning for a site that is down, not one for each of its pages */
		log_warn("source %s: the robots.txt of %s could not be read, so %s waits for a "
			 "poll after ten minutes, and so do the site's other pages",
			j->ss->src->name, j->origin, j->url);
		free(f->unread_origin);
		f->unread_origin = xstrdup(j->origin);
	} else if (unread)
		log_info("source %s: %s waits for a readable robots.txt", j->ss->src->name, j->url);
	else
		log_info("source %s: robots.txt disallows %s", j->ss->src->name, j->url);
	log_set_trace(NULL);
	f->disallowed++;
	metrics_add(f->metrics, "precis_pages_total", 1, "outcome",
		unread ? "robots_unread" : "disallowed", NULL);
	claims_drop(f->claims, j->id);
}

/* A robots.txt request for the origin of page j is queued or in flight. */
static int robots_asked(struct fetcher *f, const struct job *j)
{
	for (struct job *k = f->queue; k; k = k->next)
		if (k->kind == JOB_ROBOTS && !strcmp(k->origin, j->origin))
			return 1;
	for (struct job *k = f->inflight; k; k = k->next)
		if (k->kind == JOB_ROBOTS && !strcmp(k->origin, j->origin))
			return 1;
	return 0;
}

/*
 * Whether page j may go now as robots.txt goes: 1 yes, 0 not yet (its
 * origin's robots.txt is being asked for, as a request of its own), -1
 * never (it was disallowed and is dropped).
 */
static int robots_clear(struct fetcher *f, struct job *j)
{
	int allowed, unread;

	if (j->kind != JOB_PAGE || j->robots_ok)
		return 1;
	if (robots_asked(f, j))
		return 0;
	allowed = politeness_robots_allowed(f->polite, j->url, &unread);
	if (allowed < 0) {
		struct job *r = xcalloc(1, sizeof(*r));
		size_t n = strlen(j->origin) + sizeof("/robots.txt");

		r->kind = JOB_ROBOTS;
		r->origin = xstrdup(j->origin);
		r->url = xmalloc(n);
		snprintf(r->url, n, "%s/robots.txt", j->origin);
		enqueue(f, r);
		return 0;
	}
	if (!allowed) {
		disallowed(f, j, unread);
		return -1;
	}
	j->robots_ok = 1;
	return 1;
}

/*
 * Starts what may start: up to fetcher.concurrency in flight, each host as
 * its politeness allows, each page once its robots.txt is known. A host
 * that says wait is not asked again for its other jobs in the same pass.
 */
static void start_ready(struct fetcher *f)
{
	const char *busy[64];
	size_t nbusy = 0;
	int64_t now = mono_ms();

	for (struct job **p = &f->queue; *p && f->running < (size_t)f->cfg->fetcher_concurrency;) {
		struct job *j = *p;
		long long wait;
		int skip = j->not_before > now, clear;

		for (size_t i = 0; !skip && i < nbusy; i++)
			skip = j->origin && !strcmp(busy[i], j->origin);
		clear = skip ? 0 : robots_clear(f, j);
		if (clear < 0) {
			*p = j->next;
			job_free(j);
			continue;
		}
		if (!clear) {
			p = &j->next;
			continue;
		}
		wait = host_acquire(f, j);
		if (wait) {
			j->not_before = now + (wait > 0 ? wait : 20);
			if (nbusy < ARRAY_SIZE(busy) && j->origin)
				busy[nbusy++] = j->origin;
			p = &j->next;
			continue;
		}
		*p = j->next; /* out of the queue: in flight, or failed to start */
		if (start(f, j)) {
			if (j->kind == JOB_PAGE) {
				j->ss->failed++;
				f->failed++;
				claims_drop(f->claims, j->id);
			} else if (j->kind == JOB_ROBOTS) {
				politeness_robots_learn(f->polite, j->origin, 0, "", 0);
			}
			job_free(j);
		}
	}
}

/* The host slots in flight are leases: renewed while their requests run. */
static void renew_slots(struct fetcher *f)
{
	if (mono_ms() - f->renewed_at < f->cfg->fetcher_host_lease_ms / 3)
		return;
	for (struct job *j = f->inflight; j; j = j->next)
		if (j->origin)
			politeness_renew(f->polite, j->origin, j->token);
	f->renewed_at = mono_ms();
}

/* ---- pages ---- */

/*
 * Media, archives and binaries are no article, whatever link led to them;
 * servers that label HTML as text/plain or send no type at all are common.
 */
static int binary_type(const char *content_type)
{
	static const char *const binary[] = { "image/", "audio/", "video/", "font/",
		"application/pdf", "application/zip", "application/gzip" };

	for (size_t i = 0; i < ARRAY_SIZE(binary); i++)
		if (!strncasecmp(content_type, binary[i], strlen(binary[i])))
			return 1;
	return 0;
}

/* An entry of this poll that passed the source's rules, before its claim. */
struct candidate {
	const struct feed_entry *e;
	char *url;
	char id[33];
};

/* What happens to one claimed entry: fetched, or produced from the feed. */
static void take_claimed(struct fetcher *f, struct source_state *ss, struct candidate *c)
{
	const struct source *src = ss->src;
	char tp[TRACEPARENT_SIZE], trace[TRACE_ID_SIZE];
	struct job *j;

	/* The article's trace starts here: every stage's log lines will name it. */
	trace_new(tp);
	trace_id(tp, trace);
	log_set_trace(trace);
	if (!strcmp(src->mode, "feed")) {
		pages_produce_from_feed(&f->pages, ss, c->id, c->url, tp, c->e);
		log_set_trace(NULL);
		return;
	}
	j = xcalloc(1, sizeof(*j));
	j->kind = JOB_PAGE;
	j->ss = ss;
	j->url = c->url;
	c->url = NULL;
	j->origin = url_origin(j->url);
	memcpy(j->id, c->id, sizeof(c->id));
	j->entry = pages_entry(c->e);
	memcpy(j->traceparent, tp, sizeof(tp));
	log_debug("source %s: page %s queued", src->name, j->url);
	log_set_trace(NULL);
	enqueue(f, j);
}

/*
 * Where an entry without a link is published from (mode: feed): the
 * site's address (else the feed's) with a fragment, and an id from the
 * source and the entry's own id, else from its text, so that the next
 * poll knows it. Caller frees; NULL when neither address parses.
 */
static char *linkless_address(const struct source *src, const char *home, const char *feed_url,
	const struct feed_entry *e, char id[33])
{
	const char *text[] = { e->title, e->summary, e->content, e->published };
	char *base = home ? url_canonical(home) : NULL, *url = NULL;
	struct buf key;

	if (!base)
		base = url_canonical(feed_url);
	buf_init(&key, SIZE_MAX);
	buf_printf(&key, "linkless entry\n%s\n", src->url);
	if (e->id) {
		buf_printf(&key, "id\n%s", e->id);
	} else {
		for (size_t i = 0; i < ARRAY_SIZE(text); i++)
			buf_printf(&key, "%s\n", text[i] ? text[i] : "");
	}
	hash_id128(key.data, key.len, id);
	buf_release(&key);
	if (base) {
		buf_init(&key, SIZE_MAX);
		buf_printf(&key, "%s#entry-%.12s", base, id);
		url = buf_detach(&key, NULL);
	}
	free(base);
	return url;
}

static void take_entries(struct fetcher *f, struct source_state *ss, const char *feed_url,
	const char *home, const struct feed_entry *entries, size_t n)
{
	const struct source *src = ss->src;
	struct candidate *c = xcalloc(n ? n : 1, sizeof(*c));
	const char **ids = xcalloc(n ? n : 1, sizeof(*ids));
	enum claim_result *claim = xcalloc(n ? n : 1, sizeof(*claim));
	size_t nc = 0;

	for (size_t i = 0; i < n; i++) {
		const struct feed_entry *e = &entries[i];
		char *url;
		int dup = 0;

		if (!e->link && strcmp(src->mode, "feed")) {
			/* A page source fetches pages, and this entry names none. */
			log_warn("source %s: entry '%.100s' has no link and is not taken; a source "
				 "with mode: feed publishes such entries with their own text", src->name,
				e->title ? e->title : e->id ? e->id : "(untitled)");
			f->unlinked++;
			metrics_add(f->metrics, "precis_pages_total", 1, "outcome", "no_link", NULL);
			continue;
		}
		url = e->link ? url_canonical(e->link)
			      : linkless_address(src, home, feed_url, e, c[nc].id);
		if (!url || (e->link && url_article_id(url, c[nc].id))) {
			log_warn("source %s: skipping unusable link '%.200s'", src->name, e->link);
			free(url);
			continue;
		}
		if (!sources_wanted(ss, e)) {
			f->filtered++;
			metrics_add(f->metrics, "precis_pages_total", 1, "outcome", "filtered", NULL);
			free(url);
			continue;
		}
		if (!link_allowed(feed_url, url)) {
			log_warn("source %s: refusing %.200s: a feed from the network may not link to "
				 "local files", src->name, url);
			ss->failed++;
			f->failed++;
			free(url);
			continue;
		}
		for (size_t k = 0; k < nc && !dup; k++)
			dup = !strcmp(c[k].id, c[nc].id); /* a feed listing a link twice */
		if (dup) {
			free(url);
			continue;
		}
		c[nc].e = e;
		c[nc].url = url;
		ids[nc] = c[nc].id;
		nc++;
	}
	/* Every claim of the poll in one round trip per 500 entries. */
	if (claims_take(f->claims, ids, nc, claim))
		log_error("source %s: %s; some pages are not fetched this time", src->name,
			redis_errstr(f->redis));
	for (size_t i = 0; i < nc; i++) {
		if (claim[i] == CLAIM_FAILED) {
			ss->failed++;
			f->failed++;
		} else if (claim[i] != CLAIM_TAKEN) {
			f->skipped++;
			/* Another replica's, perhaps a dead one's: not seen until it is delivered. */
			ss->unsettled += claim[i] == CLAIM_TAKEN_ELSEWHERE;
			metrics_add(f->metrics, "precis_pages_total", 1, "outcome",
				claim[i] == CLAIM_SEEN ? "seen" : "claimed", NULL);
		} else {
			take_claimed(f, ss, &c[i]);
		}
		free(c[i].url);
	}
	if (ss->unsettled)
		log_info("source %s: %lu entries are claimed by another replica; the next poll reads "
			 "the whole feed again", src->name, ss->unsettled);
	free(claim);
	free(ids);
	free(c);
}

static void on_page(void *opaque, struct http_response *resp, const char *errstr)
{
	struct job *j = opaque;
	struct fetcher *f = j->f;
	const char *name = j->ss->src->name;
	char trace[TRACE_ID_SIZE] = "";

	trace_id(j->traceparent, trace);
	log_set_trace(trace);
	landed(f, j);
	if (!resp) {
		log_warn("source %s: %s", name, errstr);
		metrics_add(f->metrics, "precis_fetches_total", 1, "kind", "page", "outcome", "error",
			NULL);
	} else if (resp->status >= 300) {
		log_warn("source %s: %s answered HTTP %ld", name, j->url, resp->status);
		metrics_add(f->metrics, "precis_fetches_total", 1, "kind", "page", "outcome",
			"http_error", NULL);
	} else if (binary_type(resp->content_type)) {
		log_warn("source %s: %s is not a web page (Content-Type %.100s)", name, j->url,
			resp->content_type);
		metrics_add(f->metrics, "precis_fetches_total", 1, "kind", "page", "outcome",
			"not_a_page", NULL);
	} else {
		struct page_body body = { resp->final_url, resp->status, resp->content_type,
			resp->charset, resp->body.data ? resp->body.data : "", resp->body.len, 0, 0 };

		metrics_add(f->metrics, "precis_fetches_total", 1, "kind", "page", "outcome", "ok",
			NULL);
		pages_produce(&f->pages, j->ss, j->id, j->url, j->traceparent, j->entry, &body);
		log_set_trace(NULL); /* delivery reports are about other pages */
		pages_poll(&f->pages);
		job_free(j);
		return;
	}
	j->ss->failed++;
	f->failed++;
	claims_drop(f->claims, j->id);
	job_free(j);
	log_set_trace(NULL);
}

static void on_robots(void *opaque, struct http_response *resp, const char *errstr)
{
	struct job *j = opaque;
	struct fetcher *f = j->f;

	landed(f, j);
	if (!resp)
		log_warn("%s: %s; the site's pages wait ten minutes", j->url, errstr);
	metrics_add(f->metrics, "precis_fetches_total", 1, "kind", "robots", "outcome",
		!resp ? "error" : resp->status >= 500 ? "http_error" : "ok", NULL);
	politeness_robots_learn(f->polite, j->origin, resp ? resp->status : 0,
		resp && resp->body.data ? resp->body.data : "", resp ? resp->body.len : 0);
	job_free(j);
}

/* ---- feeds ---- */

/* What reading a feed mended (info) or left out (a warning), and its metrics. */
static void report_feed(struct fetcher *f, const struct source *src, const struct feed_report *r)
{
	const struct {
		const char *metric, *kind;
		unsigned n;
	} counts[] = {
		{ "precis_feed_repairs_total", "bare_ampersand", r->ampersands },
		{ "precis_feed_repairs_total", "unclosed_element", r->unclosed },
		{ "precis_feed_repairs_total", "too_deep", r->flattened },
		{ "precis_feed_repairs_total", "stray_end_tag", r->strays },
		{ "precis_feed_repairs_total", "control_character", r->controls },
		{ "precis_feed_dropped_total", "entry", r->lost },
		{ "precis_feed_dropped_total", "date", r->bad_dates },
		{ "precis_feed_dropped_total", "future_date", r->future_dates },
		{ "precis_feed_dropped_total", "outside_bytes", r->junk },
	};
	char line[600];

	for (size_t i = 0; i < ARRAY_SIZE(counts); i++)
		if (counts[i].n)
			metrics_add(f->metrics, counts[i].metric, counts[i].n, "kind", counts[i].kind, NULL);
	if (feed_report_describe(r, line, sizeof(line)))
		log_warn("source %s: %s", src->name, line);
	else if (line[0])
		log_info("source %s: feed mended: %s", src->name, line);
}

static void on_feed(void *opaque, struct http_response *resp, const char *errstr)
{
	struct job *j = opaque;
	struct fetcher *f = j->f;
	struct source_state *ss = j->ss;
	const struct source *src = ss->src;
	struct feed feed;
	char err[700];
	size_t n;

	landed(f, j);
	if (!resp) {
		sources_failed(&f->sources, src, errstr, -1);
		f->feeds_failed++;
		goto out;
	}
	if (resp->status == 304) {
		log_info("source %s: not modified", src->name);
		sources_not_modified(&f->sources, src);
		goto out;
	}
	if (resp->status >= 300) {
		snprintf(err, sizeof(err), "%.300s answered HTTP %ld", j->url, resp->status);
		sources_failed(&f->sources, src, err, resp->retry_after_s);
		f->feeds_failed++;
		goto out;
	}
	if (binary_type(resp->content_type)) {
		snprintf(err, sizeof(err), "%.300s is not a feed (Content-Type %.100s)", j->url,
			resp->content_type);
		sources_failed(&f->sources, src, err, -1);
		f->feeds_failed++;
		goto out;
	}
	if (feed_parse(resp->body.data ? resp->body.data : "", resp->body.len, resp->final_url,
		    resp->charset[0] ? resp->charset : NULL, &feed, err, sizeof(err))) {
		char why[800];

		snprintf(why, sizeof(why), "%.300s: %s", j->url, err);
		sources_failed(&f->sources, src, why, -1);
		f->feeds_failed++;
		feed_release(&feed);
		goto out;
	}
	n = feed.n < (size_t)f->cfg->fetcher_max_items ? feed.n : (size_t)f->cfg->fetcher_max_items;
	log_info("source %s: %zu entries", src->name, feed.n);
	report_feed(f, src, &feed.report);
	if (n < feed.n) {
		log_warn("source %s: only the first %zu of %zu entries are taken (fetcher.max_items)",
			src->name, n, feed.n);
		metrics_add(f->metrics, "precis_pages_total", (double)(feed.n - n), "outcome",
			"over_max_items", NULL);
	}
	take_entries(f, ss, resp->final_url, feed.link, feed.entries, n);
	sources_polled(&f->sources, ss, (long long)feed.n, resp->etag, resp->last_modified);
	feed_release(&feed);
out:
	job_free(j);
}

/* Stopping mid-cycle: what is queued or in flight goes back to whoever polls next. */
static void abandon(struct fetcher *f)
{
	http_multi_free(f->hm); /* aborts the transfers; their callbacks never run */
	f->hm = http_multi_new();
	while (f->inflight) {
		struct job *j = f->inflight;

		f->inflight = j->next;
		host_release(f, j);
		j->next = f->queue;
		f->queue = j;
	}
	f->running = 0;
	while (f->queue) {
		struct job *j = f->queue;

		f->queue = j->next;
		if (j->kind == JOB_PAGE)
			claims_drop(f->claims, j->id);
		job_free(j);
	}
}

static void cycle(struct fetcher *f, int once, volatile sig_atomic_t *stop)
{
	const struct config *cfg = f->cfg;

	f->skipped = f->failed = f->disallowed = f->filtered = f->unlinked = 0;
	free(f->unread_origin); /* a site still down is warned of again, once a poll */
	f->unread_origin = NULL;
	f->feeds_failed = f->feeds_backing_off = 0;
	f->pages.produced = f->pages.failed = f->pages.undelivered = 0;
	for (size_t i = 0; i < cfg->nsources && !*stop; i++) {
		struct job *j;

		if (!sources_due(&f->sources, &cfg->sources[i], once)) {
			f->feeds_backing_off += once; /* --once polls every source that is not */
			continue;
		}
		j = xcalloc(1, sizeof(*j));
		j->kind = JOB_FEED;
		j->ss = &f->sources.v[i];
		j->url = sources_feed_url(cfg, cfg->sources[i].url);
		j->origin = url_origin(j->url);
		enqueue(f, j);
	}
	while ((f->queue || f->running) && !*stop) {
		start_ready(f);
		if (f->running) {
			http_multi_perform(f->hm, 50);
		} else if (f->queue) {
			int64_t wake = INT64_MAX, now = mono_ms();

			for (struct job *j = f->queue; j; j = j->next)
				if (j->not_before < wake)
					wake = j->not_before;
			sleep_ms(wake > now + 50 ? 50 : wake > now ? wake - now : 0);
		}
		pages_poll(&f->pages);
		claims_flush(f->claims);
		renew_slots(f);
	}
	if (*stop && (f->queue || f->running)) {
		log_info("stopping: %zu requests in flight and some queued are left for the next poll",
			f->running);
		abandon(f);
	}
	pages_flush(&f->pages);
	claims_flush(f->claims);
	sources_keep_validators(&f->sources);
	log_info("poll done: %lu pages produced, %lu already fetched or claimed, %lu failed, "
		 "%lu undelivered, %lu disallowed by robots.txt, %lu filtered out, "
		 "%lu without a link to fetch",
		f->pages.produced, f->skipped, f->failed + f->pages.failed, f->pages.undelivered,
		f->disallowed, f->filtered, f->unlinked);
	if (f->feeds_failed + f->feeds_backing_off)
		log_warn("%lu of %zu sources could not be read: %lu failed, %lu left out while they "
			 "back off (precis sources status tells why)",
			f->feeds_failed + f->feeds_backing_off, cfg->nsources, f->feeds_failed,
			f->feeds_backing_off);
}

int fetcher_run(struct svc *svc, int once, volatile sig_atomic_t *stop, char *errstr,
	size_t errsize)
{
	const struct config *cfg = svc->cfg;
	struct fetcher f = { .cfg = cfg, .metrics = svc->metrics };
	char host[64] = "", owner[64]; /* this process, in claims and host slots */
	int rc = -1;

	gethostname(host, sizeof(host) - 1);
	snprintf(owner, sizeof(owner), "%.40s:%ld:%04x", host, (long)getpid(),
		(unsigned)(now_ms() & 0xffff));
	http_options_from_config(&f.feed_http, cfg, (size_t)cfg->fetcher_max_feed_bytes);
	http_options_from_config(&f.page_http, cfg, (size_t)cfg->fetcher_max_page_bytes);
	http_options_from_config(&f.robots_http, cfg, 512 * 1024);
	f.hm = http_multi_new();
	if (sources_init(&f.sources, cfg, f.metrics, errstr, errsize))
		goto out;
	f.redis = svc_redis(svc, stop, errstr, errsize);
	if (!f.redis)
		goto out;
	f.sources.redis = f.redis;
	f.claims = claims_new(cfg, f.redis, owner);
	f.polite = politeness_new(cfg, f.redis, owner);
	if (pages_open(&f.pages, cfg, f.metrics, f.claims, stop, svc, errstr, errsize))
		goto out;
	if (!cfg->nsources)
		log_warn("no sources configured: nothing to fetch");
	atomic_store(&svc->ready, 1);
	metrics_describe(f.metrics, "precis_fetches_total", "counter",
		"feed and page requests by outcome");
	metrics_describe(f.metrics, "precis_feed_repairs_total", "counter",
		"broken feed markup mended without loss, by kind");
	metrics_describe(f.metrics, "precis_feed_dropped_total", "counter",
		"what feeds held that could not be read or believed: entries, dates, dates in the "
		"future, bytes outside the document");
	for (;;) {
		/* Sources fall due on their own intervals; look again every few seconds. */
		int64_t next = mono_ms() + (cfg->fetcher_poll_interval_s < 10
						   ? cfg->fetcher_poll_interval_s : 10) * 1000;

		cycle(&f, once, stop);
		if (once || *stop)
			break;
		while (!*stop && mono_ms() < next)
			sleep_ms(200);
	}
	rc = 0;
out:
	if (*stop)
		rc = 0; /* asked to stop, perhaps while waiting for Redis or the broker */
	pages_close(&f.pages); /* its last delivery reports mark pages seen: */
	if (f.claims)
		claims_flush(f.claims);
	http_multi_free(f.hm);
	claims_free(f.claims);
	politeness_free(f.polite);
	redis_free(f.redis);
	sources_release(&f.sources);
	free(f.unread_origin);
	return rc;
}
