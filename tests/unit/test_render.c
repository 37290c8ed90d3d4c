#include "unit.h"

#include "msg.h"
#include "render.h"
#include "common.h"

static json_t *summary(const char *id, const char *headline, double importance, int chars,
	const char *p1)
{
	return json_pack("{s:s, s:s, s:s, s:{s:s, s:s, s:s, s:i}, s:s, s:s, s:s, s:[s,s,s], s:[], "
			 "s:f, s:s, s:s, s:i, s:s}",
		"schema", "precis.summary/1", "id", id, "url", "https://n.example/a_(1)<b>", "source",
		"name", "Src", "lang", "en", "category", "", "weight", 1, "title", headline,
		"headline", headline, "emoji", "x", "key_points", p1, "Two.", "Three.", "tags",
		"importance", importance, "lang", "en", "method", "extractive", "original_chars",
		chars, "summarized_at", "2026-11-28T00:00:00Z");
}

static void stats_ranking_and_escaping(void **state)
{
	struct config *cfg = config_new();
	json_t *s = json_array(), *d;
	struct render_stats st;
	const char *md;
	char err[256];

	(void)state;
	json_array_append_new(s, summary("a", "Minor *news*", 0.2, 1000, "One."));
	json_array_append_new(s, summary("b", "Big <script>alert(1)</script> news", 0.9, 3000, "Uno."));
	d = render_edition(cfg, "2026-11-28", s, NULL, 0, &st);
	assert_int_equal(msg_validate(MSG_DIGEST, d, err, sizeof(err)), 0);
	assert_int_equal(st.articles, 2);
	assert_int_equal(st.stories, 2);
	assert_int_equal(st.original_chars, 4000);
	md = json_string_value(json_object_get(d, "markdown"));
	/* condensed = everything but the stats line */
	assert_true(st.condensed_chars > 100 && st.condensed_chars < (int64_t)strlen(md));
	assert_int_equal(st.efficiency_percent, (4000 * 100 + st.condensed_chars / 2) / st.condensed_chars);
	assert_int_equal(st.reading_minutes, 1);
	/* the more important item comes first, in highlights and sections */
	assert_true(strstr(md, "- Big") < strstr(md, "- Minor"));
	assert_true(strstr(md, "## Big") < strstr(md, "## Minor"));
	assert_null(strstr(md, "<script>"));
	assert_non_null(strstr(md, "\\<script\\>"));
	assert_non_null(strstr(md, "Minor \\*news\\*"));
	assert_non_null(strstr(md, "(<https://n.example/a_(1)%3Cb%3E>)"));
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(d, "highlights"), 0), "id")), "b");
	json_decref(d);
	json_decref(s);
	config_free(cfg);
}

/*
 * Each language precis tells apart gets its headings; one not known gets
 * English. A one-minute read reads as one in each ("1 Minuten" does not),
 * the efficiency is a level, not a gain, and French and German space the
 * percent sign.
 */
static void headings_in_the_readers_language(void **state)
{
	static const struct {
		const char *lang, *highlights, *stats, *read;
	} want[] = {
		{ "de", "## Das Wichtigste", "Die Originaltexte umfassen **900** Zeichen",
			": 1 Min. Lesezeit, **" },
		{ "fr", "## À la une", "Les textes originaux comptent **900** caractères",
			"\xc2\xa0: 1 min de lecture, une efficacité de lecture de **" },
		{ "es", "## Destacados", "Los textos originales suman **900** caracteres",
			": 1 min de lectura, eficiencia de lectura del **" },
		{ "ja", "## ハイライト", "原文は計**900**文字", "読了まで約1分、読書効率**" },
		{ "ru", "## Главное", "Объём исходных текстов — **900** зн.", ": 1 мин чтения" },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(want); i++) {
		struct config *cfg = config_new();
		struct render_stats st;
		json_t *s = json_array(), *d;
		const char *md;
		char err[256];

		assert_int_equal(config_set(cfg, "publisher.lang", want[i].lang, "test", err,
					 sizeof(err)), 0);
		json_array_append_new(s, summary("a", "Headline", 0.5, 900, "One point."));
		d = render_edition(cfg, "2026-11-28", s, NULL, 0, &st);
		md = json_string_value(json_object_get(d, "markdown"));
		if (!strstr(md, want[i].highlights) || !strstr(md, want[i].stats) ||
			!strstr(md, want[i].read))
			fail_msg("%s: %s", want[i].lang, md);
		/* the percent sign, spaced by a no-break space where the language spaces it */
		if (!strstr(md, "%**") ||
			!strstr(md, "\xc2\xa0%**") != (!strcmp(want[i].lang, "ja") || !strcmp(want[i].lang, "ru")))
			fail_msg("%s: the percent sign: %s", want[i].lang, md);
		json_decref(d);
		json_decref(s);
		config_free(cfg);
	}
}

static void chinese_headings_and_reading_speed(void **state)
{
	struct config *cfg = config_new();
	struct render_stats st;
	json_t *s = json_array(), *d;
	char err[256];

	(void)state;
	config_set(cfg, "publisher.lang", "zh", "test", err, sizeof(err));
	json_array_append_new(s, summary("a", "\xe6\x96\xb0\xe9\x97\xbb", 0.5, 800, "\xe4\xb8\x80\xe3\x80\x82"));
	d = render_edition(cfg, "2026-11-28", s, NULL, 0, &st);
	assert_non_null(strstr(json_string_value(json_object_get(d, "markdown")), "## \xe7\x9c\x8b\xe7\x82\xb9"));
	assert_non_null(strstr(json_string_value(json_object_get(d, "markdown")), "\xe5\x8e\x9f\xe6\x96\x87\xe5\x85\xb1\xe8\xae\xa1**800**"));
	json_decref(d);
	json_decref(s);
	config_free(cfg);
	/* 800 Han characters at 400 a minute: 2 minutes; 3 words at 2 a minute: 2 */
	{
		char text[4000];

		for (int i = 0; i < 800; i++)
			memcpy(text + 3 * i, "\xe5\xad\x97", 3);
		text[2400] = '\0';
		assert_int_equal(render_reading_minutes(text, 400, 230), 2);
		assert_int_equal(render_reading_minutes("", 400, 230), 0);
		assert_int_equal(render_reading_minutes("one two three", 400, 2), 2);
	}
}

static void one_story_from_two_outlets_is_one_item(void **state)
{
	struct config *cfg = config_new();
	struct render_stats st;
	json_t *s = json_array(), *d, *a, *b, *items, *sources;
	const char *md;

	(void)state;
	a = summary("a", "Cobalt raises $400 million", 0.5, 1000, "One.");
	b = summary("b", "Cobalt lands $400m round", 0.7, 1500, "Uno.");
	json_object_set_new(json_object_get(b, "source"), "name", json_string("Other"));
	json_object_set_new(b, "url", json_string("https://other.example/b"));
	json_object_set_new(a, "anchors", json_pack("[s,s,s,s]", "cobalt compute", "400000000", "3100000000", "austin"));
	json_object_set_new(b, "anchors", json_pack("[s,s,s]", "cobalt compute", "400000000", "3100000000"));
	json_array_append_new(s, a);
	json_array_append_new(s, b);
	json_array_append_new(s, summary("c", "Unrelated", 0.65, 800, "Other news."));
	d = render_edition(cfg, "2026-11-28", s, NULL, 0, &st);
	assert_int_equal(st.articles, 3);
	assert_int_equal(st.stories, 2);
	assert_int_equal(st.original_chars, 3300);
	items = json_object_get(d, "items");
	assert_int_equal(json_array_size(items), 2);
	/* the merged story ranks first: 0.7 plus 0.1 for its second outlet */
	assert_string_equal(json_string_value(json_object_get(json_array_get(items, 0), "id")), "b");
	sources = json_object_get(json_array_get(items, 0), "sources");
	assert_int_equal(json_array_size(sources), 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(sources, 0), "name")), "Other");
	md = json_string_value(json_object_get(d, "markdown"));
	assert_non_null(strstr(md, "[Other](<https://other.example/b>) \xc2\xb7 [Src]("));
	assert_null(strstr(md, "## Cobalt raises"));
	json_decref(d);
	json_decref(s);
	config_free(cfg);
}

/* The id of the item ranked at position i. */
static const char *ranked(json_t *d, size_t i)
{
	return json_string_value(json_object_get(json_array_get(json_object_get(d, "items"), i), "id"));
}

/*
 * A reader of a daily digest wants first the story several outlets carry,
 * then a heavy source's, a headline with figures and names, fresh news:
 * never the longest article.
 */
static void ranked_by_what_a_reader_wants_first(void **state)
{
	struct config *cfg = config_new();
	struct render_stats st;
	json_t *s = json_array(), *d, *a, *b, *longest, *heavy, *plain, *figures;

	(void)state;
	longest = summary("longest", "Notes from a long afternoon", 0.5, 90000, "One.");
	a = summary("a", "Harbor Growth backs a warehouse robot maker", 0.5, 900, "One.");
	b = summary("b", "Warehouse robots: Harbor Growth leads a round", 0.5, 800, "Uno.");
	json_object_set_new(b, "url", json_string("https://other.example/b"));
	json_object_set_new(json_object_get(b, "source"), "name", json_string("Other"));
	json_object_set_new(a, "anchors", json_pack("[s,s,s]", "harbor growth", "1100", "46000000"));
	json_object_set_new(b, "anchors", json_pack("[s,s,s]", "harbor growth", "1100", "46000000"));
	heavy = summary("heavy", "Notes from a short morning", 0.5, 700, "One.");
	json_object_set_new(json_object_get(heavy, "source"), "weight", json_integer(8));
	json_object_set_new(heavy, "url", json_string("https://heavy.example/h"));
	plain = summary("plain", "A quiet day at the port", 0.5, 700, "One.");
	json_object_set_new(plain, "url", json_string("https://plain.example/p"));
	figures = summary("figures", "Port of Kestrel handles 1.2 million containers", 0.5, 700, "One.");
	json_object_set_new(figures, "url", json_string("https://figures.example/f"));
	json_array_append_new(s, longest);
	json_array_append_new(s, plain);
	json_array_append_new(s, figures);
	json_array_append_new(s, heavy);
	json_array_append_new(s, a);
	json_array_append_new(s, b);
	d = render_edition(cfg, "2026-11-28", s, NULL, 0, &st);
	assert_int_equal(st.stories, 5);
	assert_string_equal(ranked(d, 0), "a"); /* two outlets */
	assert_string_equal(ranked(d, 1), "heavy"); /* weight 8 */
	assert_string_equal(ranked(d, 2), "figures"); /* a figure and a name in the headline */
	/* the longest article gets no lift from its length */
	assert_true(!strcmp(ranked(d, 3), "longest") || !strcmp(ranked(d, 4), "longest"));
	json_decref(d);
	json_decref(s);
	config_free(cfg);
}

/* The headline of item i, whose source's URL is url. */
static const char *headline_of(json_t *d, const char *url)
{
	size_t i;
	json_t *it;

	json_array_foreach(json_object_get(d, "items"), i, it)
	{
		json_t *src = json_array_get(json_object_get(it, "sources"), 0);

		if (!strcmp(json_string_value(json_object_get(src, "url")), url))
			return json_string_value(json_object_get(it, "headline"));
	}
	return NULL;
}

/* What a site's headlines in the edition repeat at an end is its name: it goes. */
static void a_sites_repeated_name_leaves_its_headlines(void **state)
{
	static const struct {
		const char *url, *headline, *want;
	} cases[] = {
		{ "https://tribune.example/1", "Rovers likely to start the final - Harbor Valley Tribune-Review",
			"Rovers likely to start the final" },
		{ "https://tribune.example/2", "Council passes the budget - Harbor Valley Tribune-Review",
			"Council passes the budget" },
		{ "https://tribune.example/3", "Ferry fares rise in spring", "Ferry fares rise in spring" },
		/* one headline of another site is no evidence */
		{ "https://ledger.example/1", "Kestrel port expands - Harbor Valley Tribune-Review",
			"Kestrel port expands - Harbor Valley Tribune-Review" },
	};
	struct config *cfg = config_new();
	struct render_stats st;
	json_t *s = json_array(), *d;
	char err[256];

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		json_t *one = summary(cases[i].url + 8, cases[i].headline, 0.5, 1000, "One.");

		json_object_set_new(one, "url", json_string(cases[i].url));
		json_array_append_new(s, one);
	}
	d = render_edition(cfg, "2026-11-28", s, NULL, 0, &st);
	assert_int_equal(msg_validate(MSG_DIGEST, d, err, sizeof(err)), 0);
	assert_int_equal(st.headlines_cut, 2);
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		const char *got = headline_of(d, cases[i].url);

		if (!got || strcmp(got, cases[i].want))
			fail_msg("%s: '%s', not '%s'", cases[i].url, got ? got : "(none)", cases[i].want);
		/* the summaries handed in are borrowed, and stay as they were */
		assert_string_equal(json_string_value(json_object_get(json_array_get(s, i), "headline")),
			cases[i].headline);
	}
	assert_null(strstr(json_string_value(json_object_get(d, "markdown")), "Tribune-Review\n"));
	json_decref(d);
	json_decref(s);
	config_free(cfg);
}

/* A site's headlines of past editions are evidence too; they are not in the digest. */
static void past_headlines_teach_a_sites_name(void **state)
{
	struct config *cfg = config_new();
	struct render_stats st;
	json_t *s = json_array(), *d, *one, *past;

	(void)state;
	one = summary("l1", "Kestrel port expands - Harbor Valley Ledger Online", 0.5, 1000, "One.");
	json_object_set_new(one, "url", json_string("https://ledger.example/1"));
	json_array_append_new(s, one);
	past = json_pack("{s:[s], s:[s]}", "ledger.example",
		"Council passes the budget - Harbor Valley Ledger Online", "other.example",
		"Ferry fares rise - Harbor Valley Ledger Online");
	d = render_edition(cfg, "2026-11-28", s, past, 0, &st);
	assert_int_equal(st.headlines_cut, 1);
	assert_int_equal(st.articles, 1);
	assert_string_equal(headline_of(d, "https://ledger.example/1"), "Kestrel port expands");
	json_decref(d);
	/* another site's past is no evidence for this one */
	json_object_del(past, "ledger.example");
	d = render_edition(cfg, "2026-11-28", s, past, 0, &st);
	assert_int_equal(st.headlines_cut, 0);
	json_decref(d);
	json_decref(past);
	json_decref(s);
	config_free(cfg);
}

static void empty_edition(void **state)
{
	struct config *cfg = config_new();
	struct render_stats st;
	json_t *s = json_array(), *d;
	char err[256];

	(void)state;
	d = render_edition(cfg, "2026-11-28", s, NULL, 0, &st);
	assert_int_equal(msg_validate(MSG_DIGEST, d, err, sizeof(err)), 0);
	assert_int_equal(st.articles, 0);
	json_decref(d);
	json_decref(s);
	config_free(cfg);
}

/*
 * Every article of an edition is a source of exactly one item, whatever
 * order the summaries come in and however stories chain: a story's
 * union-find root can sit after members that are visited first.
 */
static void every_article_is_one_source_in_any_order(void **state)
{
	/* 0~2 and 1~2 are near-copies (6 bits apart), 0 and 1 are not (12). */
	static const char *const chain[] = { "0000000000000000", "0000000000000fff",
		"000000000000003f" };
	struct config *cfg = config_new();
	unsigned seed = 7;

	(void)state;
	for (int round = 0; round < 200; round++) {
		json_t *s = json_array(), *d, *items, *it;
		size_t n = 3 + (size_t)(rand_r(&seed) % 40), k, sources = 0;
		struct render_stats st;
		char id[32];

		for (size_t i = 0; i < n; i++) {
			json_t *one;

			snprintf(id, sizeof(id), "art%zu", i);
			one = summary(id, id, 0.5, 1000, "One.");
			json_object_set_new(one, "url", json_sprintf("https://n.example/%s", id));
			/* Triples that chain, and singletons with no copy. */
			if (i % 5 < 3)
				json_object_set_new(one, "simhash",
					json_sprintf("%s", chain[i % 5]));
			json_array_append_new(s, one);
		}
		/* Fisher-Yates over the summaries' order. */
		for (size_t i = n - 1; i > 0; i--) {
			size_t j = (size_t)rand_r(&seed) % (i + 1);
			json_t *a = json_incref(json_array_get(s, i));

			json_array_set(s, i, json_array_get(s, j));
			json_array_set_new(s, j, a);
		}
		d = render_edition(cfg, "2026-11-28", s, NULL, 0, &st);
		items = json_object_get(d, "items");
		json_array_foreach(items, k, it)
			sources += json_array_size(json_object_get(it, "sources"));
		assert_int_equal(sources, n);
		assert_int_equal(st.articles, (int64_t)n);
		for (size_t i = 0; i < n; i++) {
			int found = 0;

			snprintf(id, sizeof(id), "https://n.example/art%zu", i);
			json_array_foreach(items, k, it) {
				json_t *src;
				size_t m;

				json_array_foreach(json_object_get(it, "sources"), m, src)
					found += !strcmp(json_string_value(json_object_get(src, "url")), id);
			}
			if (found != 1)
				fail_msg("round %d: art%zu of %zu is a source %d times", round, i, n, found);
		}
		json_decref(d);
		json_decref(s);
	}
	config_free(cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(stats_ranking_and_escaping),
		cmocka_unit_test(every_article_is_one_source_in_any_order),
		cmocka_unit_test(chinese_headings_and_reading_speed),
		cmocka_unit_test(headings_in_the_readers_language),
		cmocka_unit_test(one_story_from_two_outlets_is_one_item),
		cmocka_unit_test(ranked_by_what_a_reader_wants_first),
		cmocka_unit_test(a_sites_repeated_name_leaves_its_headlines),
		cmocka_unit_test(past_headlines_teach_a_sites_name),
		cmocka_unit_test(empty_edition),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
