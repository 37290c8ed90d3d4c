#include "render.h"

#include <string.h>

#include "buf.h"
#include "proto.h"
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

static const char *str(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

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

static int by_rank(const void *a, const void *b)
{
	const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	double ix = json_number_value(json_object_get(x, "importance"));
	double iy = json_number_value(json_object_get(y, "importance"));
	int c;

	if (ix != iy)
		return ix < iy ? 1 : -1;
	c = strcmp(str(y, "published"), str(x, "published")); /* newer first */
	return c ? c : strcmp(str(x, "id"), str(y, "id"));
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
	size_t n = json_array_size(summaries), nhigh;
	json_t **items = xcalloc(n ? n : 1, sizeof(*items));
	json_t *highlights = json_array(), *out_items = json_array(), *digest;
	struct buf head, high, body, md;
	char ts[32], stats_line[1024];

	memset(st, 0, sizeof(*st));
	for (size_t i = 0; i < n; i++) {
		items[i] = json_array_get(summaries, i);
		st->original_chars += json_integer_value(json_object_get(items[i], "original_chars"));
	}
	qsort(items, n, sizeof(*items), by_rank);
	st->articles = (int64_t)n;
	nhigh = n < (size_t)cfg->publisher_highlights ? n : (size_t)cfg->publisher_highlights;

	buf_init(&head, DIGEST_MAX);
	buf_init(&high, DIGEST_MAX);
	buf_init(&body, DIGEST_MAX);
	buf_init(&md, DIGEST_MAX);
	buf_addstr(&head, "# ");
	md_text(&head, cfg->publisher_title);
	buf_printf(&head, " %s\n\n## %s\n\n", edition, l->highlights);

	for (size_t i = 0; i < nhigh; i++) {
		buf_addstr(&high, "- ");
		md_text(&high, str(items[i], "headline"));
		buf_printf(&high, " %s\n", str(items[i], "emoji"));
		json_array_append_new(highlights, json_pack("{s:s, s:s, s:s}", "id",
			str(items[i], "id"), "emoji", str(items[i], "emoji"), "headline",
			str(items[i], "headline")));
	}
	for (size_t i = 0; i < n; i++) {
		json_t *points = json_object_get(items[i], "key_points"), *p;
		const json_t *source = json_object_get(items[i], "source");
		size_t k;

		buf_addstr(&body, "\n## ");
		md_text(&body, str(items[i], "headline"));
		buf_printf(&body, " %s\n\n%s\n\n", str(items[i], "emoji"), l->key_points);
		json_array_foreach(points, k, p)
		{
			buf_addstr(&body, "- ");
			md_text(&body, json_string_value(p));
			buf_addstr(&body, "\n\n");
		}
		buf_addch(&body, '[');
		md_text(&body, str(source, "name"));
		buf_addstr(&body, "](");
		md_url(&body, str(items[i], "url"));
		buf_addstr(&body, ")\n");
		json_array_append_new(out_items,
			json_pack("{s:s, s:s, s:s, s:O, s:[{s:s, s:s}], s:s, s:O}", "id",
				str(items[i], "id"), "headline", str(items[i], "headline"), "emoji",
				str(items[i], "emoji"), "key_points", points, "sources", "name",
				str(source, "name"), "url", str(items[i], "url"), "lang",
				str(items[i], "lang"), "importance",
				json_object_get(items[i], "importance")));
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
	digest = json_pack("{s:s, s:s, s:s, s:s, s:s, s:{s:I, s:I, s:I, s:I, s:I}, s:o, s:o, s:s}",
		"schema", proto_schema_id(PROTO_DIGEST), "edition", edition, "title",
		cfg->publisher_title, "lang", cfg->publisher_lang, "generated_at", ts, "stats",
		"articles", (json_int_t)st->articles, "original_chars",
		(json_int_t)st->original_chars, "condensed_chars", (json_int_t)st->condensed_chars,
		"reading_minutes", (json_int_t)st->reading_minutes, "efficiency_percent",
		(json_int_t)st->efficiency_percent, "highlights", highlights, "items", out_items,
		"markdown", md.data);
	buf_release(&head);
	buf_release(&high);
	buf_release(&body);
	buf_release(&md);
	free(items);
	return digest;
}
