#include "unit.h"

#include "summarize.h"
#include "config.h"
#include "text.h"

static void english_sentences_respect_abbreviations(void **state)
{
	size_t n;
	char **s = summarize_sentences("Dr. Smith met Mr. Jones in the U.S. on Monday. "
				       "Revenue rose 3.5 percent! Was it enough?\n\nA new paragraph",
		&n);

	(void)state;
	assert_int_equal(n, 4);
	assert_string_equal(s[0], "Dr. Smith met Mr. Jones in the U.S. on Monday.");
	assert_string_equal(s[1], "Revenue rose 3.5 percent!");
	assert_string_equal(s[2], "Was it enough?");
	assert_string_equal(s[3], "A new paragraph");
	for (size_t i = 0; i < n; i++)
		free(s[i]);
	free(s);
}

static void chinese_sentences_split_at_full_stops(void **state)
{
	size_t n;
	/* 公司发布了新模型。价格下降八成！会持续吗？“是的。” */
	char **s = summarize_sentences("\xe5\x85\xac\xe5\x8f\xb8\xe5\x8f\x91\xe5\xb8\x83\xe4\xba\x86\xe6\x96\xb0\xe6\xa8\xa1\xe5\x9e\x8b\xe3\x80\x82"
				       "\xe4\xbb\xb7\xe6\xa0\xbc\xe4\xb8\x8b\xe9\x99\x8d\xe5\x85\xab\xe6\x88\x90\xef\xbc\x81"
				       "\xe4\xbc\x9a\xe6\x8c\x81\xe7\xbb\xad\xe5\x90\x97\xef\xbc\x9f"
				       "\xe2\x80\x9c\xe6\x98\xaf\xe7\x9a\x84\xe3\x80\x82\xe2\x80\x9d",
		&n);

	(void)state;
	assert_int_equal(n, 4);
	assert_string_equal(s[0], "\xe5\x85\xac\xe5\x8f\xb8\xe5\x8f\x91\xe5\xb8\x83\xe4\xba\x86\xe6\x96\xb0\xe6\xa8\xa1\xe5\x9e\x8b\xe3\x80\x82");
	/* the closing quote stays with its sentence */
	assert_string_equal(s[3], "\xe2\x80\x9c\xe6\x98\xaf\xe7\x9a\x84\xe3\x80\x82\xe2\x80\x9d");
	for (size_t i = 0; i < n; i++)
		free(s[i]);
	free(s);
}

static void three_different_points_in_article_order(void **state)
{
	const char *text =
		"Harbor Semiconductor said on Monday it will build a chip plant in Arizona for $12 billion. "
		"Harbor Semiconductor said on Monday it will build a chip plant in Arizona for 12 billion dollars.\n\n"
		"The plant will make accelerators for AI data centres and employ 3,000 people when it opens in 2029.\n\n"
		"Harbor's chief executive said demand for accelerators has outstripped supply for two years.\n\n"
		"Analysts said the plant would ease shortages but warned that water supply in Arizona is tight.\n\n"
		"The weather was nice.";
	struct summary s;

	(void)state;
	assert_int_equal(summarize_extractive("Harbor Semiconductor to build $12 billion chip plant in Arizona",
				 text, 240, NULL, 0, &s), 0);
	assert_int_equal(s.npoints, 3);
	assert_string_equal(s.headline, "Harbor Semiconductor to build $12 billion chip plant in Arizona");
	assert_string_equal(s.emoji, "\xf0\x9f\x92\xbe"); /* chip */
	/* the near-duplicate second sentence is never picked beside the first */
	for (size_t i = 0; i < s.npoints; i++)
		for (size_t j = i + 1; j < s.npoints; j++)
			assert_string_not_equal(s.points[i], s.points[j]);
	assert_non_null(strstr(s.points[0], "Arizona"));
	for (size_t i = 0; i < s.npoints; i++)
		assert_null(strstr(s.points[i], "weather"));
	summary_release(&s);
}

static void long_sentences_are_cut_at_a_boundary(void **state)
{
	struct summary s;

	(void)state;
	assert_int_equal(summarize_extractive("T",
				 "This sentence is a great deal longer than the limit allows, and so it must be "
				 "shortened at a word boundary with an ellipsis at the end.",
				 60, NULL, 0, &s), 0);
	assert_int_equal(s.npoints, 1);
	assert_true(text_chars(s.points[0]) <= 60);
	assert_non_null(strstr(s.points[0], "\xe2\x80\xa6"));
	summary_release(&s);
}

static void emoji_needs_whole_words(void **state)
{
	(void)state;
	assert_string_equal(summarize_emoji(NULL, 0, "New lawsuit over AI art", NULL), "\xe2\x9a\x96\xef\xb8\x8f");
	assert_string_equal(summarize_emoji(NULL, 0, "Claw machines at the fair", "Nothing here"), "\xf0\x9f\x93\xb0");
	assert_string_equal(summarize_emoji(NULL, 0, "\xe8\x8a\xaf\xe7\x89\x87\xe6\x96\xb0\xe9\x97\xbb", NULL), "\xf0\x9f\x92\xbe");
}

static void emoji_table_from_config_replaces_the_built_in_one(void **state)
{
	char *robot_words[] = { "rover", "\xe7\x81\xab\xe6\x98\x9f" }; /* 火星 */
	char *chip_words[] = { "wafer" };
	struct emoji_rule rules[] = {
		{ "\xf0\x9f\x9a\x80", { robot_words, 2 } },
		{ "\xf0\x9f\x92\xbe", { chip_words, 1 } },
	};

	(void)state;
	/* the headline wins over the text; the first matching rule wins */
	assert_string_equal(summarize_emoji(rules, 2, "Wafer prices fall", "a rover"), "\xf0\x9f\x92\xbe");
	assert_string_equal(summarize_emoji(rules, 2, "Quarterly report", "the rover landed"), "\xf0\x9f\x9a\x80");
	assert_string_equal(summarize_emoji(rules, 2, "\xe7\x81\xab\xe6\x98\x9f\xe6\x8e\xa2\xe6\xb5\x8b", NULL), "\xf0\x9f\x9a\x80");
	/* a configured table replaces the built-in words entirely */
	assert_string_equal(summarize_emoji(rules, 2, "New GPU chip", NULL), "\xf0\x9f\x93\xb0");
}

static void extractive_summary_tags_names_the_title_shares(void **state)
{
	struct summary s;

	(void)state;
	assert_int_equal(summarize_extractive("Northwind Labs releases Atlas 2 model",
				 "Northwind Labs released Atlas 2 on Tuesday, a model that writes code. "
				 "The company said Atlas 2 scores 71 percent on its internal benchmark. "
				 "Northwind Labs will charge developers per token from March.",
				 240, NULL, 0, &s), 0);
	assert_string_equal(s.lang, "en");
	assert_true(s.ntags >= 1);
	for (size_t i = 0; i < s.ntags; i++)
		assert_non_null(strcasestr("Northwind Labs releases Atlas 2 model", s.tags[i]));
	summary_release(&s);
}

static void importance_is_bounded(void **state)
{
	(void)state;
	assert_true(summarize_importance(0) >= 0.0);
	assert_true(summarize_importance(100000) <= 1.0);
	assert_true(summarize_importance(2500) > summarize_importance(500));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(english_sentences_respect_abbreviations),
		cmocka_unit_test(chinese_sentences_split_at_full_stops),
		cmocka_unit_test(three_different_points_in_article_order),
		cmocka_unit_test(long_sentences_are_cut_at_a_boundary),
		cmocka_unit_test(emoji_needs_whole_words),
		cmocka_unit_test(emoji_table_from_config_replaces_the_built_in_one),
		cmocka_unit_test(extractive_summary_tags_names_the_title_shares),
		cmocka_unit_test(importance_is_bounded),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
