#include "render.h"

#include <string.h>

#include "buf.h"
#include "proto.h"
#include "story.h"
#include "text.h"
#include "common.h"

#define DIGEST_MAX (64 * 1024 * 1024)

struct labels {
	const char *highlights;
	const char *key_points;
	const char *stats_fmt; /* original, condensed, minutes, percent */
};

static const struct labels labels_en = { "Highlights", "Key points:",
	"> The originals total **%lld** characters, condensed to **%lld**: a %lld-minute read, "
	"**%lld%%** reading efficiency" };
static const struct labels labels_zh = { "\xe7\x9c\x8b\xe7\x82\xb9", /* 看点 */
	"\xe8\xa6\x81\xe7\x82\xb9\xe8\xa7\xa3\xe6\x9e\x90:", /* 要点解析: */
	"> \xe5\x8e\x9f\xe6\x96\x87\xe5\x85\xb1\xe8\xae\xa1**%lld**\xe5\xad\x97\xef\xbc\x8c"
	"\xe7\xae\x80\xe8\xaf\xbb\xe5\x90\x8e\xe4\xb8\xba**%lld**\xe5\xad\x97\xef\xbc\x8c"
	"\xe9\x98\x85\xe8\xaf\xbb\xe6\x97\xb6\xe9\x97\xb4\xe4\xb8\xba%lld\xe5\x88\x86\xe9\x92\x9f"
	"\xef\xbc\x8c\xe4\xb8\xba\xe6\x82\xa8\xe6\x8f\x90\xe9\xab\x98\xe9\x98\x85\xe8\xaf\xbb"
	"\xe6\x95\x88\xe7\x8e\x87**%lld%%**" };
/* 原文共计**N**字，简读后为**M**字，阅读时间为X分钟，为您提高阅读效率为**P%** */

/* A field for display: absent fields render as nothing. */
static const char *str(const json_t *o, const char *k)
{
	const char *s = proto_str(o, k);

	return s ? s : "";
}

/* Markdown-significant characters in untrusted text are escaped. */
static void md_text(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (strchr("\\`*_[]<>|#", *s))
			buf_addch(b, '\\');
		buf_addch(b, *s == '\n' ? ' ' : *s);
	}
}

/* A link destination in <...>, with what could end it percent-encoded. */
static void md_url(struct buf *b, const char *url)
{
	buf_addch(b, '<');
	for (; *url; url++) {
		if (*url == '<' || *url == '>' || *url == ' ' || (unsigned char)*url < 0x20)
			buf_printf(b, "%%%02X", (unsigned char)*url);
		else
			buf_addch(b, *url);
	}
	buf_addch(b, '>');
}

/* Articles about one event, from one or more outlets; rep is the one summarized. */
struct story {
	json_t *rep; /* borrowed from the summaries array */
	json_t *members; /* new array of borrowed summaries */
	double importance;
};

static int by_rank(const void *a, const void *b)
{
	const struct story *x = a, *y = b;
	int c;

	if (x->importance != y->importance)
		return x->importance < y->importance ? 1 : -1;
	c = strcmp(str(y->rep, "published"), str(x->rep, "published")); /* newer first */
	return c ? c : strcmp(str(x->rep, "id"), str(y->rep, "id"));
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
	buf_addstr(&text, str(s, "headline"));
	json_array_foreach(json_object_get(s, "key_points"), i, p)
	{
		buf_addch(&text, '\n');
		buf_addstr(&text, json_string_value(p));
	}
	a = story_anchors(text.data);
	buf_release(&text);
	return a;
}

/*
 * Groups the summaries into stories, merging articles that report the same
 * event (story_same) transitively, and ranks them: importance of the
 * summarized article, raised by 0.1 for every further outlet, then newer
 * first. Returns the number of stories; caller frees the members arrays
 * and the array.
 */
static size_t group_stories(json_t *summaries, struct story **out)
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
				story_same(str(json_array_get(summaries, i), "title"), anchors[i],
					str(json_array_get(summaries, j), "title"), anchors[j]))
				parent[find_root(parent, j)] = find_root(parent, i);
	for (size_t i = 0; i < n; i++) {
		size_t r = find_root(parent, i);
		json_t *s = json_array_get(summaries, i);
		struct story *st;

		if (r == i) {
			slot[i] = nstories++;
			stories[slot[i]].members = json_array();
		}
		st = &stories[slot[r]];
		json_array_append(st->members, s);
		if (!st->rep ||
			json_number_value(json_object_get(s, "importance")) >
				json_number_value(json_object_get(st->rep, "importance")))
			st->rep = s;
	}
	for (size_t k = 0; k < nstories; k++) {
		double imp = json_number_value(json_object_get(stories[k].rep, "importance")) +
			     0.1 * (double)(json_array_size(stories[k].members) - 1);

		stories[k].importance = imp > 1.0 ? 1.0 : imp;
	}
	qsort(stories, nstories, sizeof(*stories), by_rank);
	for (size_t i = 0; i < n; i++)
		json_decref(anchors[i]);
	free(anchors);
	free(parent);
	free(slot);
	*out = stories;
	return nstories;
}

int64_t render_reading_minutes(const char *text, int64_t cjk_per_minute, int64_t words_per_minute)
{
	size_t cjk, words;
	double minutes;

	text_count(text, &cjk, &words);
	minutes = (double)cjk / (double)cjk_per_minute + (double)words / (double)words_per_minute;
	if (minutes <= 0)
		return 0;
	return (int64_t)minutes + (minutes > (double)(int64_t)minutes);
}

json_t *render_edition(const struct config *cfg, const char *edition, json_t *summaries,
	int64_t generated_at, struct render_stats *st)
{
	const struct labels *l = !strcmp(cfg->publisher_lang, "zh") ? &labels_zh : &labels_en;
	size_t n = json_array_size(summaries), nstories, nhigh;
	json_t *highlights = json_array(), *out_items = json_array(), *digest;
	struct story *stories;
	struct buf head, high, body, md;
	char ts[32], stats_line[1024];

	memset(st, 0, sizeof(*st));
	for (size_t i = 0; i < n; i++)
		st->original_chars += json_integer_value(
			json_object_get(json_array_get(summaries, i), "original_chars"));
	nstories = group_stories(summaries, &stories);
	st->articles = (int64_t)n;
	st->stories = (int64_t)nstories;
	nhigh = nstories < (size_t)cfg->publisher_highlights ? nstories
							   : (size_t)cfg->publisher_highlights;

	buf_init(&head, DIGEST_MAX);
	buf_init(&high, DIGEST_MAX);
	buf_init(&body, DIGEST_MAX);
	buf_init(&md, DIGEST_MAX);
	buf_addstr(&head, "# ");
	md_text(&head, cfg->publisher_title);
	buf_printf(&head, " %s\n\n## %s\n\n", edition, l->highlights);

	for (size_t i = 0; i < nhigh; i++) {
		json_t *rep = stories[i].rep;

		buf_addstr(&high, "- ");
		md_text(&high, str(rep, "headline"));
		buf_printf(&high, " %s\n", str(rep, "emoji"));
		json_array_append_new(highlights, json_pack("{s:s, s:s, s:s}", "id", str(rep, "id"),
			"emoji", str(rep, "emoji"), "headline", str(rep, "headline")));
	}
	for (size_t i = 0; i < nstories; i++) {
		json_t *rep = stories[i].rep, *points = json_object_get(rep, "key_points"), *p, *m;
		json_t *sources = json_array();
		size_t k;

		buf_addstr(&body, "\n## ");
		md_text(&body, str(rep, "headline"));
		buf_printf(&body, " %s\n\n%s\n\n", str(rep, "emoji"), l->key_points);
		json_array_foreach(points, k, p)
		{
			buf_addstr(&body, "- ");
			md_text(&body, json_string_value(p));
			buf_addstr(&body, "\n\n");
		}
		/* The summarized article's outlet first, then the others that reported it. */
		json_array_append(sources, rep);
		json_array_foreach(stories[i].members, k, m)
		{
			if (m != rep)
				json_array_append(sources, m);
		}
		json_array_foreach(sources, k, m)
		{
			const json_t *source = json_object_get(m, "source");

			buf_addstr(&body, k ? " \xc2\xb7 [" : "[");
			md_text(&body, str(source, "name"));
			buf_addstr(&body, "](");
			md_url(&body, str(m, "url"));
			buf_addstr(&body, ")");
			json_array_set_new(sources, k, json_pack("{s:s, s:s}", "name",
				str(source, "name"), "url", str(m, "url")));
		}
		buf_addch(&body, '\n');
		json_array_append_new(out_items,
			json_pack("{s:s, s:s, s:s, s:O, s:o, s:s, s:f}", "id", str(rep, "id"),
				"headline", str(rep, "headline"), "emoji", str(rep, "emoji"),
				"key_points", points, "sources", sources, "lang", str(rep, "lang"),
				"importance", stories[i].importance));
	}

	/* Everything the reader reads, except the stats line itself. */
	buf_add(&md, head.data, head.len);
	buf_add(&md, high.data, high.len);
	buf_add(&md, body.data, body.len);
	st->condensed_chars = (int64_t)text_chars(md.data);
	st->reading_minutes = render_reading_minutes(md.data, cfg->publisher_cjk_chars_per_minute,
		cfg->publisher_words_per_minute);
	st->efficiency_percent = st->condensed_chars
					 ? (st->original_chars * 100 + st->condensed_chars / 2) /
						   st->condensed_chars
					 : 0;
	snprintf(stats_line, sizeof(stats_line), l->stats_fmt, (long long)st->original_chars,
		(long long)st->condensed_chars, (long long)st->reading_minutes,
		(long long)st->efficiency_percent);

	buf_reset(&md);
	buf_add(&md, head.data, head.len);
	buf_printf(&md, "%s\n\n", stats_line);
	buf_add(&md, high.data, high.len);
	buf_add(&md, body.data, body.len);

	time_iso8601(generated_at, ts, sizeof(ts));
	digest = json_pack("{s:s, s:s, s:s, s:s, s:s, s:{s:I, s:I, s:I, s:I, s:I, s:I}, s:o, s:o, s:s}",
		"schema", proto_schema_id(PROTO_DIGEST), "edition", edition, "title",
		cfg->publisher_title, "lang", cfg->publisher_lang, "generated_at", ts, "stats",
		"articles", (json_int_t)st->articles, "stories", (json_int_t)st->stories,
		"original_chars", (json_int_t)st->original_chars, "condensed_chars",
		(json_int_t)st->condensed_chars, "reading_minutes", (json_int_t)st->reading_minutes,
		"efficiency_percent", (json_int_t)st->efficiency_percent, "highlights", highlights,
		"items", out_items, "markdown", md.data);
	buf_release(&head);
	buf_release(&high);
	buf_release(&body);
	buf_release(&md);
	for (size_t i = 0; i < nstories; i++)
		json_decref(stories[i].members);
	free(stories);
	return digest;
}
