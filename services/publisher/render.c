#include "render.h"

#include <string.h>
#include <strings.h>

#include "buf.h"
#include "html.h"
#include "log.h"
#include "msg.h"
#include "siteparts.h"
#include "stories.h"
#include "text.h"
#include "common.h"

#define DIGEST_MAX (64 * 1024 * 1024)

struct labels {
	const char *highlights;
	const char *key_points;
	const char *sources; /* with its colon, as the language sets one */
	/*
	 * {o} original characters, {c} condensed, {m} minutes, {p} efficiency.
	 * Minutes are abbreviated where the word agrees with its number: "1
	 * Minuten" reads wrong, "1 Min." does not.
	 */
	const char *stats;
	const char *percent; /* after {p}'s figure: German, French, Spanish space it */
};

static const struct labels labels_en = { "Highlights", "Key points:", "Sources:",
	"The originals total {o} characters, condensed to {c}: a {m}-minute read, {p} reading "
	"efficiency",
	"%" };
/* 看点 / 要点解析: / 来源: / 原文共计{o}字，简读后为{c}字，阅读时间为{m}分钟，为您提高阅读效率为{p} */
static const struct labels labels_zh = { "\xe7\x9c\x8b\xe7\x82\xb9",
	"\xe8\xa6\x81\xe7\x82\xb9\xe8\xa7\xa3\xe6\x9e\x90:", "\xe6\x9d\xa5\xe6\xba\x90:",
	"\xe5\x8e\x9f\xe6\x96\x87\xe5\x85\xb1\xe8\xae\xa1{o}\xe5\xad\x97\xef\xbc\x8c"
	"\xe7\xae\x80\xe8\xaf\xbb\xe5\x90\x8e\xe4\xb8\xba{c}\xe5\xad\x97\xef\xbc\x8c"
	"\xe9\x98\x85\xe8\xaf\xbb\xe6\x97\xb6\xe9\x97\xb4\xe4\xb8\xba{m}\xe5\x88\x86\xe9\x92\x9f"
	"\xef\xbc\x8c\xe4\xb8\xba\xe6\x82\xa8\xe6\x8f\x90\xe9\xab\x98\xe9\x98\x85\xe8\xaf\xbb"
	"\xe6\x95\x88\xe7\x8e\x87{p}",
	"%" };

/*
 * The other languages the extractor tells apart, so their readers get a
 * digest in their own. {p} is the originals' length over the digest's
 * (314 % when they are 3.14 times as long), a level, not a gain: "une
 * lecture 314 % plus efficace" would claim 100 points too many. French
 * puts a no-break space before its colons; \xc2\xa0 is one.
 */
static const struct labels labels_de = { "Das Wichtigste", "Kernpunkte:", "Quellen:",
	"Die Originaltexte umfassen {o} Zeichen, verdichtet auf {c}: {m} Min. Lesezeit, "
	"{p} Leseeffizienz",
	"\xc2\xa0%" };
static const struct labels labels_fr = { "À la une", "Points clés\xc2\xa0:", "Sources\xc2\xa0:",
	"Les textes originaux comptent {o} caractères, condensés en {c}\xc2\xa0: {m} min de "
	"lecture, une efficacité de lecture de {p}",
	"\xc2\xa0%" };
static const struct labels labels_es = { "Destacados", "Puntos clave:", "Fuentes:",
	"Los textos originales suman {o} caracteres, condensados en {c}: {m} min de lectura, "
	"eficiencia de lectura del {p}",
	"\xc2\xa0%" };
/* "зн." and "мин": a count of знаков would have to agree with its number */
static const struct labels labels_ru = { "Главное", "Ключевые моменты:", "Источники:",
	"Объём исходных текстов — {o} зн., после сжатия — {c}: {m} мин чтения, эффективность "
	"чтения {p}",
	"%" };
static const struct labels labels_ja = { "ハイライト", "要点：", "出典：",
	"原文は計{o}文字、要約後は{c}文字。読了まで約{m}分、読書効率{p}", "%" };
static const struct labels labels_ko = { "하이라이트", "핵심 요점:", "출처:",
	"원문 총 {o}자를 {c}자로 요약: 읽는 데 {m}분, 읽기 효율 {p}", "%" };

static const struct labels *labels_for(const char *lang)
{
	static const struct {
		const char *lang;
		const struct labels *labels;
	} by_lang[] = { { "zh", &labels_zh }, { "de", &labels_de }, { "fr", &labels_fr },
		{ "es", &labels_es }, { "ru", &labels_ru }, { "ja", &labels_ja },
		{ "ko", &labels_ko } };

	for (size_t i = 0; lang && i < ARRAY_SIZE(by_lang); i++)
		if (!strcmp(lang, by_lang[i].lang))
			return by_lang[i].labels;
	return &labels_en;
}

/* The stats line with the key figures between open and close ("**", "<strong>"). */
static void stats_line(struct buf *b, const struct labels *l, const struct render_stats *st,
	const char *open, const char *close)
{
	for (const char *p = l->stats; *p; p++) {
		if (p[0] != '{' || !p[1] || p[2] != '}') {
			buf_addch(b, *p);
			continue;
		}
		switch (p[1]) {
		case 'o':
			buf_printf(b, "%s%lld%s", open, (long long)st->original_chars, close);
			break;
		case 'c':
			buf_printf(b, "%s%lld%s", open, (long long)st->condensed_chars, close);
			break;
		case 'm':
			buf_printf(b, "%lld", (long long)st->reading_minutes);
			break;
		case 'p':
			buf_printf(b, "%s%lld%s%s", open, (long long)st->efficiency_percent,
				l->percent, close);
			break;
		default:
			BUG("unknown stats placeholder {%c}", p[1]);
		}
		p += 2;
	}
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

/* Only web and file links become links; "javascript:" and the like stay text. */
static int linkable(const char *url)
{
	return !strncasecmp(url, "https://", 8) || !strncasecmp(url, "http://", 7) ||
	       !strncasecmp(url, "file://", 7);
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
	const json_t *past, int64_t generated_at, struct render_stats *st)
{
	const struct labels *l = labels_for(cfg->publisher_lang);
	size_t n = json_array_size(summaries), nstories, nhigh;
	json_t *highlights = json_array(), *out_items = json_array(), *digest, *titled;
	struct story *stories;
	size_t cut;
	struct buf head, high, body, md;
	char ts[32];

	memset(st, 0, sizeof(*st));
	for (size_t i = 0; i < n; i++)
		st->original_chars += json_integer_value(
			json_object_get(json_array_get(summaries, i), "original_chars"));
	/* Before grouping: a site's name in two headlines is no story in common. */
	titled = siteparts_strip(summaries, past, edition, &cut);
	st->headlines_cut = (int64_t)cut;
	nstories = stories_group(titled, generated_at, &stories);
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
		md_text(&high, msg_text(rep, "headline"));
		buf_printf(&high, " %s\n", msg_text(rep, "emoji"));
		json_array_append_new(highlights, json_pack("{s:s, s:s, s:s}", "id", msg_text(rep, "id"),
			"emoji", msg_text(rep, "emoji"), "headline", msg_text(rep, "headline")));
	}
	for (size_t i = 0; i < nstories; i++) {
		json_t *rep = stories[i].rep, *points = json_object_get(rep, "key_points"), *p, *m;
		json_t *sources = json_array();
		size_t k;

		buf_addstr(&body, "\n## ");
		md_text(&body, msg_text(rep, "headline"));
		buf_printf(&body, " %s\n\n%s\n\n", msg_text(rep, "emoji"), l->key_points);
		json_array_foreach(points, k, p)
		{
			buf_addstr(&body, "- ");
			md_text(&body, json_string_value(p));
			buf_addstr(&body, "\n\n");
		}
		json_array_foreach(stories[i].outlets, k, m)
		{
			const json_t *source = json_object_get(m, "source");
			json_t *link;

			if (k)
				buf_addstr(&body, " \xc2\xb7 ");
			if (linkable(msg_text(m, "url"))) {
				buf_addch(&body, '[');
				md_text(&body, msg_text(source, "name"));
				buf_addstr(&body, "](");
				md_url(&body, msg_text(m, "url"));
				buf_addch(&body, ')');
			} else {
				md_text(&body, msg_text(source, "name"));
			}
			link = json_pack("{s:s, s:s, s:s}", "name", msg_text(source, "name"), "url",
				msg_text(m, "url"), "id", msg_text(m, "id"));
			if (*msg_text(m, "trace_id"))
				json_object_set_new(link, "trace_id", json_string(msg_text(m, "trace_id")));
			json_array_append_new(sources, link);
		}
		buf_addch(&body, '\n');
		json_array_append_new(out_items,
			json_pack("{s:s, s:s, s:s, s:O, s:o, s:s, s:f}", "id", msg_text(rep, "id"),
				"headline", msg_text(rep, "headline"), "emoji", msg_text(rep, "emoji"),
				"key_points", points, "sources", sources, "lang", msg_text(rep, "lang"),
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
	buf_reset(&md);
	buf_add(&md, head.data, head.len);
	buf_addstr(&md, "> ");
	stats_line(&md, l, st, "**", "**");
	buf_addstr(&md, "\n\n");
	buf_add(&md, high.data, high.len);
	buf_add(&md, body.data, body.len);
	if (md.overflowed || body.overflowed)
		log_error("edition %s: the digest is larger than %d MiB; its last items are cut",
			edition, DIGEST_MAX >> 20);

	time_iso8601(generated_at, ts, sizeof(ts));
	digest = json_pack("{s:s, s:s, s:s, s:s, s:s, s:{s:I, s:I, s:I, s:I, s:I, s:I}, s:o, s:o, s:s}",
		"schema", msg_schema_id(MSG_DIGEST), "edition", edition, "title",
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
	stories_free(stories, nstories);
	json_decref(titled);
	return digest;
}

static void stats_of(const json_t *digest, struct render_stats *st)
{
	const json_t *s = json_object_get(digest, "stats");

	st->articles = json_integer_value(json_object_get(s, "articles"));
	st->stories = json_integer_value(json_object_get(s, "stories"));
	st->original_chars = json_integer_value(json_object_get(s, "original_chars"));
	st->condensed_chars = json_integer_value(json_object_get(s, "condensed_chars"));
	st->reading_minutes = json_integer_value(json_object_get(s, "reading_minutes"));
	st->efficiency_percent = json_integer_value(json_object_get(s, "efficiency_percent"));
}

static const char html_style[] =
	"body{margin:0;background:#f6f6f4;color:#1d1d1f;font:17px/1.6 -apple-system,"
	"BlinkMacSystemFont,\"Segoe UI\",\"PingFang SC\",\"Noto Sans CJK SC\",\"Microsoft YaHei\","
	"sans-serif}"
	"main{max-width:46rem;margin:0 auto;padding:1.5rem 1.1rem 3rem}"
	"h1{font-size:1.7rem;line-height:1.25;margin:.5rem 0 .2rem}"
	".edition{color:#6e6e73;margin:0 0 1rem}"
	".stats{background:#fff;border-left:4px solid #0a7cff;padding:.7rem 1rem;margin:1rem 0;"
	"border-radius:6px}"
	".highlights ol{padding-left:1.3rem}.highlights li{margin:.25rem 0}"
	"a{color:#0a5fd6;text-decoration:none}a:hover{text-decoration:underline}"
	"article{background:#fff;border-radius:10px;padding:1rem 1.2rem;margin:1.1rem 0;"
	"box-shadow:0 1px 3px rgba(0,0,0,.06)}"
	"article h2{font-size:1.2rem;line-height:1.35;margin:.2rem 0 .6rem}"
	"article ul{padding-left:1.2rem;margin:.4rem 0}article li{margin:.45rem 0}"
	".sources{color:#6e6e73;font-size:.92rem;margin:.7rem 0 0;overflow-wrap:anywhere}"
	"@media (prefers-color-scheme:dark){body{background:#111;color:#eee}"
	"article,.stats{background:#1c1c1e}a{color:#6cb4ff}}";

int render_html(const json_t *digest, struct buf *out)
{
	const struct labels *l = labels_for(msg_str(digest, "lang"));
	const char *lang = msg_text(digest, "lang");
	struct render_stats st;
	json_t *it, *p, *src;
	size_t i, k;

	stats_of(digest, &st);
	buf_addstr(out, "<!DOCTYPE html>\n<html lang=\"");
	html_escape(out, *lang ? lang : "en");
	buf_addstr(out, "\">\n<head>\n<meta charset=\"utf-8\">\n"
			"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
			"<title>");
	html_escape(out, msg_text(digest, "title"));
	buf_addch(out, ' ');
	html_escape(out, msg_text(digest, "edition"));
	buf_printf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n<main>\n<header>\n<h1>",
		html_style);
	html_escape(out, msg_text(digest, "title"));
	buf_addstr(out, "</h1>\n<p class=\"edition\">");
	html_escape(out, msg_text(digest, "edition"));
	buf_addstr(out, "</p>\n<p class=\"stats\">");
	stats_line(out, l, &st, "<strong>", "</strong>");
	buf_printf(out, "</p>\n</header>\n<section class=\"highlights\">\n<h2>%s</h2>\n<ol>\n",
		l->highlights);
	json_array_foreach(json_object_get(digest, "highlights"), i, it)
	{
		buf_addstr(out, "<li><a href=\"#item-");
		html_escape(out, msg_text(it, "id"));
		buf_addstr(out, "\">");
		html_escape(out, msg_text(it, "headline"));
		buf_addch(out, ' ');
		html_escape(out, msg_text(it, "emoji"));
		buf_addstr(out, "</a></li>\n");
	}
	buf_addstr(out, "</ol>\n</section>\n");
	json_array_foreach(json_object_get(digest, "items"), i, it)
	{
		buf_addstr(out, "<article id=\"item-");
		html_escape(out, msg_text(it, "id"));
		buf_addstr(out, "\">\n<h2>");
		html_escape(out, msg_text(it, "headline"));
		buf_addch(out, ' ');
		html_escape(out, msg_text(it, "emoji"));
		buf_addstr(out, "</h2>\n<ul>\n");
		json_array_foreach(json_object_get(it, "key_points"), k, p)
		{
			buf_addstr(out, "<li>");
			html_escape(out, json_string_value(p));
			buf_addstr(out, "</li>\n");
		}
		buf_printf(out, "</ul>\n<p class=\"sources\">%s ", l->sources);
		json_array_foreach(json_object_get(it, "sources"), k, src)
		{
			if (k)
				buf_addstr(out, " \xc2\xb7 ");
			if (linkable(msg_text(src, "url"))) {
				buf_addstr(out, "<a href=\"");
				html_escape(out, msg_text(src, "url"));
				buf_addstr(out, "\" rel=\"noopener noreferrer\">");
				html_escape(out, msg_text(src, "name"));
				buf_addstr(out, "</a>");
			} else {
				html_escape(out, msg_text(src, "name"));
			}
		}
		buf_addstr(out, "</p>\n</article>\n");
	}
	buf_addstr(out, "</main>\n</body>\n</html>\n");
	return out->overflowed ? BUF_ETOOBIG : 0;
}

int render_text(const json_t *digest, struct buf *out)
{
	const struct labels *l = labels_for(msg_str(digest, "lang"));
	struct render_stats st;
	json_t *it, *p, *src;
	size_t i, k;

	stats_of(digest, &st);
	buf_printf(out, "%s %s\n\n", msg_text(digest, "title"), msg_text(digest, "edition"));
	stats_line(out, l, &st, "", "");
	buf_printf(out, "\n\n%s\n", l->highlights);
	json_array_foreach(json_object_get(digest, "highlights"), i, it)
		buf_printf(out, "%zu. %s %s\n", i + 1, msg_text(it, "headline"), msg_text(it, "emoji"));
	json_array_foreach(json_object_get(digest, "items"), i, it)
	{
		buf_printf(out, "\n%s %s\n", msg_text(it, "headline"), msg_text(it, "emoji"));
		json_array_foreach(json_object_get(it, "key_points"), k, p)
			buf_printf(out, "  - %s\n", json_string_value(p));
		json_array_foreach(json_object_get(it, "sources"), k, src)
			buf_printf(out, "  %s: %s\n", msg_text(src, "name"), msg_text(src, "url"));
	}
	return out->overflowed ? BUF_ETOOBIG : 0;
}
