#include "stories.h"

#include <ctype.h>
#include <string.h>

#include "anchor.h"
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
	a = anchor_text(text.data);
	buf_release(&text);
	return a;
}

/* 1 for news of the last day, fading to nothing over three days. */
static double freshness(const json_t *s, int64_t now)
{
	int64_t published, age;
	const char *p = msg_str(s, "published");

	if (!p || date_parse(p, &published))
		return 0.0;
	age = now - published;
	if (age <= 24 * 3600 * 1000LL)
		return 1.0;
	if (age >= 72 * 3600 * 1000LL)
		return 0.0;
	return (double)(72 * 3600 * 1000LL - age) / (48.0 * 3600 * 1000);
}

static int64_t weight_of(const json_t *s)
{
	return json_integer_value(json_object_get(json_object_get(s, "source"), "weight"));
}

/* The heaviest weight among a story's outlets (sources' weight, 1 to 10 and above). */
static int64_t heaviest(const json_t *outlets)
{
	int64_t best = 1;
	size_t i;
	json_t *m;

	json_array_foreach(outlets, i, m)
	{
		if (weight_of(m) > best)
			best = weight_of(m);
	}
	return best;
}

/* How many different outlets carry the story. */
static size_t distinct_outlets(const json_t *outlets)
{
	size_t n = 0, i, j;
	json_t *m, *o;

	json_array_foreach(outlets, i, m)
	{
		int seen = 0;

		json_array_foreach(outlets, j, o)
		{
			if (j >= i)
				break;
			seen |= !strcmp(msg_text(json_object_get(m, "source"), "name"),
				msg_text(json_object_get(o, "source"), "name"));
		}
		n += !seen;
	}
	return n;
}

/* 1 for a headline that names a figure and a name ("Lumen raises $200 million"), less for less. */
static double salience(const char *headline)
{
	json_t *a = anchor_title(headline), *v;
	int figure = 0, name = 0;
	size_t i;

	json_array_foreach(a, i, v)
	{
		if (isdigit((unsigned char)*json_string_value(v)))
			figure = 1;
		else
			name = 1;
	}
	json_decref(a);
	return 0.65 * figure + 0.35 * name;
}

/*
 * A story's rank, 0..1: what a reader of a daily digest wants first. A
 * story several outlets carry (0.15 for each further one, up to three),
 * from a heavy source (0.02 per point of its heaviest outlet's weight, up
 * to 10), fresh (0.1 within a day, fading over three), under a headline
 * that names figures and names (0.1), and what the summary itself
 * claims (0.2 of its importance: a model's judgment, or the extractive
 * backend's neutral middle). Never the article's length.
 */
static double rank(const struct story *st, int64_t now)
{
	size_t outlets = distinct_outlets(st->outlets);
	int64_t w = heaviest(st->outlets);
	double r = 0.15 * (double)((outlets > 4 ? 4 : outlets) - 1) +
		   0.02 * (double)(w > 10 ? 10 : w) + 0.1 * freshness(st->rep, now) +
		   0.1 * salience(msg_text(st->rep, "headline")) +
		   0.2 * json_number_value(json_object_get(st->rep, "importance"));

	return r > 1.0 ? 1.0 : r;
}

/* The article a story is told by: the most important, then from the heaviest source, then the longest. */
static int better_rep(const json_t *a, const json_t *b)
{
	double ia = json_number_value(json_object_get(a, "importance"));
	double ib = json_number_value(json_object_get(b, "importance"));

	if (ia != ib)
		return ia > ib;
	if (weight_of(a) != weight_of(b))
		return weight_of(a) > weight_of(b);
	return json_integer_value(json_object_get(a, "original_chars")) >
	       json_integer_value(json_object_get(b, "original_chars"));
}

size_t stories_group(json_t *summaries, int64_t now, struct story **out)
{
	size_t n = json_array_size(summaries), nstories = 0;
	json_t **anchors = xcalloc(n ? n : 1, sizeof(*anchors));
	struct story_doc *docs = xcalloc(n ? n : 1, sizeof(*docs));
	struct story *stories = xcalloc(n ? n : 1, sizeof(*stories));
	size_t *story_of = xcalloc(n ? n : 1, sizeof(*story_of)), *slot = xcalloc(n ? n : 1, sizeof(*slot));

	for (size_t i = 0; i < n; i++) {
		json_t *s = json_array_get(summaries, i), *c = json_object_get(s, "confidence");

		anchors[i] = anchors_of(s);
		docs[i] = (struct story_doc){ msg_text(s, "headline"), anchors[i], msg_str(s, "simhash"),
			msg_text(json_object_get(s, "source"), "name"), msg_str(s, "url"),
			msg_str(s, "lang"), c ? json_number_value(c) : 1.0 };
	}
	story_group(docs, n, story_of);
	/* Every story gets its slot before any member is placed, whatever names it. */
	for (size_t i = 0; i < n; i++) {
		if (story_of[i] == i) {
			slot[i] = nstories++;
			stories[slot[i]].outlets = json_array();
		}
	}
	for (size_t i = 0; i < n; i++) {
		json_t *s = json_array_get(summaries, i);
		struct story *st = &stories[slot[story_of[i]]];

		json_array_append(st->outlets, s);
		if (!st->rep || better_rep(s, st->rep))
			st->rep = s;
	}
	for (size_t k = 0; k < nstories; k++)
		stories[k].importance = rank(&stories[k], now);
	qsort(stories, nstories, sizeof(*stories), by_rank);
	for (size_t k = 0; k < nstories; k++)
		rep_first(&stories[k]);
	for (size_t i = 0; i < n; i++)
		json_decref(anchors[i]);
	free(anchors);
	free(docs);
	free(story_of);
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
