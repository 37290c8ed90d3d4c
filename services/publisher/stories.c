#include "stories.h"

#include <string.h>

#include "buf.h"
#include "date.h"
#include "msg.h"
#include "story.h"
#include "common.h"

#define DIGEST_MAX (64 * 1024 * 1024)

static int by_rank(const void *a, const void *b)
{
	const struct story *x = a, *y = b;
	int c;

	if (x->importance != y->importance)
		return x->importance < y->importance ? 1 : -1;
	c = strcmp(msg_text(y->rep, "published"), msg_text(x->rep, "published")); /* newer first */
	return c ? c : strcmp(msg_text(x->rep, "id"), msg_text(y->rep, "id"));
}

/* More important first, then by outlet name: the same story lists its links the same way. */
static int by_outlet(const void *a, const void *b)
{
	const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	double ix = json_number_value(json_object_get(x, "importance"));
	double iy = json_number_value(json_object_get(y, "importance"));

	if (ix != iy)
		return ix < iy ? 1 : -1;
	return strcmp(msg_text(json_object_get(x, "source"), "name"),
		msg_text(json_object_get(y, "source"), "name"));
}

/* The summarized article's outlet first, then the others that reported the story. */
static void rep_first(struct story *st)
{
	size_t n = json_array_size(st->outlets), j = 0, i;
	json_t **others = xcalloc(n ? n : 1, sizeof(*others)), *m, *ordered = json_array();

	json_array_foreach(st->outlets, i, m)
	{
		if (m != st->rep)
			others[j++] = m;
	}
	qsort(others, j, sizeof(*others), by_outlet);
	json_array_append(ordered, st->rep);
	for (size_t o = 0; o < j; o++)
		json_array_append(ordered, others[o]);
	free(others);
	json_decref(st->outlets);
	st->outlets = ordered;
}

static size_t find_root(size_t *parent, size_t i)
{
	while (parent[i] != i)
		i = parent[i] = parent[parent[i]];
	return i;
}

/* A summary's anchors; summaries from producers that send none get them from their own text. */
static json_t *anchors_of(json_t *s)
{
	json_t *a = json_object_get(s, "anchors"), *p;
	struct buf text;
	size_t i;

	if (a)
		return json_incref(a);
	buf_init(&text, DIGEST_MAX);
	buf_addstr(&text, msg_text(s, "headline"));
	json_array_foreach(json_object_get(s, "key_points"), i, p)
	{
		buf_addch(&text, '\n');
		buf_addstr(&text, json_string_value(p));
	}
	a = story_anchors(text.data);
	buf_release(&text);
	return a;
}

/* Up to 0.05 for news of the last day, fading to nothing over three days. */
static double freshness(const json_t *s, int64_t now)
{
	int64_t published, age;
	const char *p = msg_str(s, "published");

	if (!p || date_parse(p, &published))
		return 0.0;
	age = now - published;
	if (age <= 24 * 3600 * 1000LL)
		return 0.05;
	if (age >= 72 * 3600 * 1000LL)
		return 0.0;
	return 0.05 * (double)(72 * 3600 * 1000LL - age) / (48.0 * 3600 * 1000);
}

/* Up to 0.1 for the most trusted outlet of a story (sources' weight, 1 to 10 and above). */
static double trust(const json_t *members)
{
	int64_t best = 1;
	size_t i;
	json_t *m;

	json_array_foreach(members, i, m)
	{
		int64_t w = json_integer_value(json_object_get(json_object_get(m, "source"), "weight"));

		if (w > best)
			best = w;
	}
	return 0.01 * (double)(best > 10 ? 10 : best);
}

size_t stories_group(json_t *summaries, int64_t now, struct story **out)
{
	size_t n = json_array_size(summaries), nstories = 0;
	size_t *parent = xcalloc(n ? n : 1, sizeof(*parent));
	json_t **anchors = xcalloc(n ? n : 1, sizeof(*anchors));
	struct story *stories = xcalloc(n ? n : 1, sizeof(*stories));
	size_t *slot = xcalloc(n ? n : 1, sizeof(*slot));

	for (size_t i = 0; i < n; i++) {
		parent[i] = i;
		anchors[i] = anchors_of(json_array_get(summaries, i));
	}
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			if (find_root(parent, i) != find_root(parent, j) &&
				story_same(msg_text(json_array_get(summaries, i), "title"), anchors[i],
					msg_str(json_array_get(summaries, i), "simhash"),
					msg_text(json_array_get(summaries, j), "title"), anchors[j],
					msg_str(json_array_get(summaries, j), "simhash")))
				parent[find_root(parent, j)] = find_root(parent, i);
	/*
	 * Every story gets its slot before any member is placed: a root can
	 * have a higher index than members visited before it.
	 */
	for (size_t i = 0; i < n; i++) {
		if (find_root(parent, i) == i) {
			slot[i] = nstories++;
			stories[slot[i]].outlets = json_array();
		}
	}
	for (size_t i = 0; i < n; i++) {
		json_t *s = json_array_get(summaries, i);
		struct story *st = &stories[slot[find_root(parent, i)]];

		json_array_append(st->outlets, s);
		if (!st->rep ||
			json_number_value(json_object_get(s, "importance")) >
				json_number_value(json_object_get(st->rep, "importance")))
			st->rep = s;
	}
	for (size_t k = 0; k < nstories; k++) {
		double imp = json_number_value(json_object_get(stories[k].rep, "importance")) +
			     0.1 * (double)(json_array_size(stories[k].outlets) - 1) +
			     trust(stories[k].outlets) + freshness(stories[k].rep, now);

		stories[k].importance = imp > 1.0 ? 1.0 : imp;
	}
	qsort(stories, nstories, sizeof(*stories), by_rank);
	for (size_t k = 0; k < nstories; k++)
		rep_first(&stories[k]);
	for (size_t i = 0; i < n; i++)
		json_decref(anchors[i]);
	free(anchors);
	free(parent);
	free(slot);
	*out = stories;
	return nstories;
}


void stories_free(struct story *stories, size_t n)
{
	for (size_t i = 0; i < n; i++)
		json_decref(stories[i].outlets);
	free(stories);
}
