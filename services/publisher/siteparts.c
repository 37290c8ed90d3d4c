#include "siteparts.h"

#include <string.h>

#include "log.h"
#include "msg.h"
#include "redis.h"
#include "redis_keys.h"
#include "story.h"
#include "title.h"
#include "common.h"

#define SITE_MAX 512
/* Headlines remembered per site: enough to tell a site's name from a story's. */
#define MEMORY_HEADLINES 50

/* A past edition's headlines of a site go first, the newest on top, the oldest dropped. */
static const char remember_script[] =
	"redis.call('LPUSH', KEYS[1], unpack(ARGV, 3)) "
	"redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[1]) - 1) "
	"redis.call('EXPIRE', KEYS[1], ARGV[2]) return 1";
static const char recall_script[] =
	"local out = {} for i, k in ipairs(KEYS) do "
	"out[i] = redis.call('LRANGE', k, 0, tonumber(ARGV[1]) - 1) end return out";

struct member {
	char site[SITE_MAX];
	size_t index; /* in the summaries */
};

static int by_site(const void *a, const void *b)
{
	const struct member *x = a, *y = b;
	int c = strcmp(x->site, y->site);

	return c ? c : (x->index > y->index) - (x->index < y->index);
}

/*
 * Learns the parts the headlines of one site (m[0..n), sorted by index)
 * repeat, with the site's headlines of past editions (past, borrowed, may
 * be NULL), and sets out[index] to a copy of each summary that loses one.
 * Returns how many did.
 */
static size_t strip_site(json_t *summaries, const json_t *past, const struct member *m, size_t n,
	const char *edition, json_t **out)
{
	size_t npast = json_array_size(past);
	const char **heads = xcalloc(n + npast, sizeof(*heads));
	struct title_learned learned;
	size_t cut = 0;
	char *example = NULL;

	for (size_t i = 0; i < n; i++)
		heads[i] = msg_text(json_array_get(summaries, m[i].index), "headline");
	for (size_t i = 0; i < npast; i++)
		heads[n + i] = json_string_value(json_array_get(past, i));
	if (title_learn(heads, n + npast, &learned)) {
		for (size_t i = 0; i < n; i++) {
			char *shorter = title_strip_learned(heads[i], &learned);

			if (shorter && strcmp(shorter, heads[i])) {
				json_t *copy = json_copy(json_array_get(summaries, m[i].index));

				log_debug("edition %s: headline '%s' becomes '%s'", edition, heads[i],
					shorter);
				json_object_set_new(copy, "headline", json_string(shorter));
				out[m[i].index] = copy;
				if (!cut++)
					example = xstrdup(heads[i]);
			}
			free(shorter);
		}
	}
	if (cut)
		log_info("edition %s: %zu of %zu headlines from %s lose a first or last part the "
			 "site's headlines repeat (its name or a section), as '%s' does",
			edition, cut, n, m[0].site, example);
	title_learned_release(&learned);
	free(example);
	free(heads);
	return cut;
}

/* The summaries' sites, one member each, sorted by site. Caller frees. */
static struct member *members(json_t *summaries, size_t n)
{
	struct member *m = xcalloc(n ? n : 1, sizeof(*m));

	for (size_t i = 0; i < n; i++) {
		const json_t *s = json_array_get(summaries, i);

		story_site(msg_str(s, "url"), msg_str(json_object_get(s, "source"), "name"),
			m[i].site, sizeof(m[i].site));
		m[i].index = i;
	}
	qsort(m, n, sizeof(*m), by_site);
	return m;
}

/* The end of the run of members of m[i]'s site. */
static size_t site_end(const struct member *m, size_t n, size_t i)
{
	size_t j = i + 1;

	while (j < n && !strcmp(m[i].site, m[j].site))
		j++;
	return j;
}

json_t *siteparts_strip(json_t *summaries, const json_t *past, const char *edition, size_t *cut)
{
	size_t n = json_array_size(summaries);
	struct member *m = members(summaries, n);
	json_t **shorter = xcalloc(n ? n : 1, sizeof(*shorter)), *out = json_array();

	*cut = 0;
	for (size_t i = 0, j; i < n; i = j) {
		const json_t *before = json_object_get(past, m[i].site);

		j = site_end(m, n, i);
		/* One headline is no evidence across headlines. */
		if (j - i + json_array_size(before) > 1)
			*cut += strip_site(summaries, before, m + i, j - i, edition, shorter);
	}
	for (size_t i = 0; i < n; i++)
		json_array_append_new(out,
			shorter[i] ? shorter[i] : json_incref(json_array_get(summaries, i)));
	free(shorter);
	free(m);
	return out;
}

json_t *siteparts_recall(struct redis *r, json_t *summaries)
{
	size_t n = json_array_size(summaries), nkeys = 0;
	struct member *m = members(summaries, n);
	const char **argv = xcalloc(n + 4, sizeof(*argv));
	size_t *argvlen = xcalloc(n + 4, sizeof(*argvlen));
	char count[32], nk[32];
	json_t *past = json_object();
	redisReply *rep;

	snprintf(count, sizeof(count), "%d", MEMORY_HEADLINES);
	argv[0] = "EVAL";
	argv[1] = recall_script;
	argv[2] = nk;
	for (size_t i = 0; i < n; i = site_end(m, n, i))
		argv[3 + nkeys++] = redis_key(r, REDIS_KEY_SITE_HEADLINES, m[i].site);
	snprintf(nk, sizeof(nk), "%zu", nkeys);
	argv[3 + nkeys] = count;
	for (size_t i = 0; i < nkeys + 4; i++)
		argvlen[i] = strlen(argv[i]);
	rep = nkeys ? redis_command_argv(r, (int)nkeys + 4, argv, argvlen) : NULL;
	if (nkeys && (!rep || rep->type != REDIS_REPLY_ARRAY))
		log_warn("cannot recall the sites' past headlines: %s; each site's headlines of "
			 "this edition are all the evidence",
			rep ? "unexpected reply" : redis_errstr(r));
	for (size_t i = 0, k = 0; rep && rep->type == REDIS_REPLY_ARRAY && i < n;
		i = site_end(m, n, i), k++) {
		const redisReply *list = k < rep->elements ? rep->element[k] : NULL;
		json_t *heads = json_array();

		for (size_t e = 0; list && e < list->elements; e++)
			if (list->element[e]->type == REDIS_REPLY_STRING)
				json_array_append_new(heads, json_stringn(list->element[e]->str,
								     list->element[e]->len));
		json_object_set_new(past, m[i].site, heads);
	}
	if (rep)
		freeReplyObject(rep);
	for (size_t i = 0; i < nkeys; i++)
		free((char *)argv[3 + i]);
	free(argvlen);
	free(argv);
	free(m);
	return past;
}

int siteparts_remember(struct redis *r, json_t *summaries, int64_t ttl_s, char *errstr,
	size_t errsize)
{
	size_t n = json_array_size(summaries);
	struct member *m = members(summaries, n);
	const char **argv = xcalloc(n + 6, sizeof(*argv));
	size_t *argvlen = xcalloc(n + 6, sizeof(*argvlen));
	char count[32], ttl[32];
	int rc = 0;

	snprintf(count, sizeof(count), "%d", MEMORY_HEADLINES);
	snprintf(ttl, sizeof(ttl), "%lld", (long long)ttl_s);
	for (size_t i = 0, j; i < n && !rc; i = j) {
		char *key = redis_key(r, REDIS_KEY_SITE_HEADLINES, m[i].site);
		size_t argc = 6;
		redisReply *rep;

		j = site_end(m, n, i);
		argv[0] = "EVAL", argv[1] = remember_script, argv[2] = "1", argv[3] = key;
		argv[4] = count, argv[5] = ttl;
		for (size_t k = i; k < j; k++) {
			const char *h = msg_str(json_array_get(summaries, m[k].index), "headline");

			if (h && *h)
				argv[argc++] = h;
		}
		for (size_t k = 0; k < argc; k++)
			argvlen[k] = strlen(argv[k]);
		rep = argc > 6 ? redis_command_argv(r, (int)argc, argv, argvlen) : NULL;
		if (argc > 6 && !rep) {
			snprintf(errstr, errsize, "cannot remember the headlines of %s: %s", m[i].site,
				redis_errstr(r));
			rc = -1;
		}
		if (rep)
			freeReplyObject(rep);
		free(key);
	}
	free(argvlen);
	free(argv);
	free(m);
	return rc;
}
