#include "unit.h"

#include <unistd.h>

#include "llm.h"
#include "answer.h"
#include "prompt.h"
#include "sumcache.h"
#include "text.h"

static const struct answer_rules rules = { 120, 80, "Northwind ships Atlas 2",
	"Northwind shipped Atlas 2 on Tuesday.", "en", NULL };

static const char good[] =
	"{\"headline\": \"Northwind ships Atlas 2\", \"emoji\": \"\xf0\x9f\x9a\x80\", "
	"\"key_points\": [\"Northwind released Atlas 2 on Tuesday.\", "
	"\"It scores 71 percent on the company's benchmark.\", "
	"\"Developers pay per token from March.\"], \"tags\": [\"models\", \"Northwind\"], "
	"\"importance\": 0.6, \"lang\": \"en\"}";

static void a_well_formed_answer_needs_no_repair(void **state)
{
	struct summary s;
	unsigned repairs = 0;
	char err[256];

	(void)state;
	assert_int_equal(answer_parse(good, strlen(good), &rules, &s, &repairs, err, sizeof(err)), 0);
	assert_int_equal(repairs, 0);
	assert_string_equal(s.headline, "Northwind ships Atlas 2");
	assert_string_equal(s.emoji, "\xf0\x9f\x9a\x80");
	assert_int_equal(s.npoints, 3);
	assert_string_equal(s.points[2], "Developers pay per token from March.");
	assert_int_equal(s.ntags, 2);
	assert_true(s.importance > 0.59 && s.importance < 0.61);
	assert_string_equal(s.lang, "en");
	summary_release(&s);
}

static void fences_prose_and_nesting_are_mended(void **state)
{
	char answer[2048];
	struct summary s;
	unsigned repairs = 0;
	char err[256];

	(void)state;
	snprintf(answer, sizeof(answer), "Sure! Here is the summary:\n```json\n{\"summary\": %s}\n```\nHope it helps.", good);
	assert_int_equal(answer_parse(answer, strlen(answer), &rules, &s, &repairs, err, sizeof(err)), 0);
	assert_true(repairs >= 2);
	assert_int_equal(s.npoints, 3);
	summary_release(&s);
}

static void points_as_one_bulleted_string_are_split(void **state)
{
	const char *answer = "{\"title\": \"Atlas 2 ships\", \"emoji\": \"robot\", "
			     "\"points\": \"- First fact here.\\n2. Second fact here.\\n\xe2\x80\xa2 Third fact here.\\n- Fourth fact.\", "
			     "\"tags\": \"models, \xe5\xa4\xa7\xe6\xa8\xa1\xe5\x9e\x8b\xef\xbc\x8c agents\", \"importance\": 8}";
	struct summary s;
	unsigned repairs = 0;
	char err[256];

	(void)state;
	assert_int_equal(answer_parse(answer, strlen(answer), &rules, &s, &repairs, err, sizeof(err)), 0);
	assert_int_equal(s.npoints, 3); /* the fourth is dropped */
	assert_string_equal(s.points[0], "First fact here.");
	assert_string_equal(s.points[1], "Second fact here.");
	assert_string_equal(s.points[2], "Third fact here.");
	assert_string_equal(s.headline, "Atlas 2 ships");
	/* "robot" is a word, not an emoji: one from the table instead */
	assert_string_not_equal(s.emoji, "robot");
	assert_int_equal(s.ntags, 3);
	assert_string_equal(s.tags[1], "\xe5\xa4\xa7\xe6\xa8\xa1\xe5\x9e\x8b");
	/* 8 out of 10 */
	assert_true(s.importance > 0.79 && s.importance < 0.81);
	/* no lang: the one asked for */
	assert_string_equal(s.lang, "en");
	assert_true(repairs >= 5);
	summary_release(&s);
}

static void long_points_are_shortened(void **state)
{
	char answer[4096], longp[1024];
	struct summary s;
	unsigned repairs = 0;
	char err[256];

	(void)state;
	memset(longp, 0, sizeof(longp));
	for (int i = 0; i < 40; i++)
		strcat(longp, "word ");
	snprintf(answer, sizeof(answer),
		"{\"headline\": \"H\", \"emoji\": \"\xf0\x9f\x93\x88\", \"key_points\": [\"%s\", \"b is b\", \"c is c\"], \"tags\": [], \"importance\": 0.5, \"lang\": \"en\"}",
		longp);
	assert_int_equal(answer_parse(answer, strlen(answer), &rules, &s, &repairs, err, sizeof(err)), 0);
	assert_true(text_chars(s.points[0]) <= 120);
	assert_non_null(strstr(s.points[0], "\xe2\x80\xa6"));
	assert_int_equal(repairs, 1);
	summary_release(&s);
}

static void what_cannot_be_mended_is_refused(void **state)
{
	static const char *const bad[] = {
		"I cannot summarize this article.",
		"{\"headline\": \"H\", \"key_points\": [\"only one\", \"and two\"]}",
		"{\"headline\": \"H\", \"key_points\": [\"same\", \"Same\", \"other\"]}",
		"{\"headline\": \"H\", \"key_points\": [\"a\", 2, \"c\"]}",
		"{\"headline\": \"H\"}",
		"{\"headline\": \"H\", \"key_points\": [\"a\", \"b\", \"c\"",
	};
	struct summary s;
	unsigned repairs = 0;
	char err[256];

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		assert_int_equal(answer_parse(bad[i], strlen(bad[i]), &rules, &s, &repairs, err, sizeof(err)), -1);
		assert_true(err[0] != '\0');
		summary_release(&s);
	}
}

static void a_formatted_summary_reads_back_the_same(void **state)
{
	struct summary s, back;
	unsigned repairs = 0;
	char err[256], *json;

	(void)state;
	assert_int_equal(answer_parse(good, strlen(good), &rules, &s, &repairs, err, sizeof(err)), 0);
	json = answer_format(&s);
	assert_int_equal(answer_parse(json, strlen(json), &rules, &back, &repairs, err, sizeof(err)), 0);
	assert_int_equal(repairs, 0);
	assert_string_equal(back.headline, s.headline);
	for (size_t i = 0; i < 3; i++)
		assert_string_equal(back.points[i], s.points[i]);
	free(json);
	summary_release(&s);
	summary_release(&back);
}

static void cache_keys_change_with_everything_that_shapes_the_answer(void **state)
{
	char base[SUMCACHE_KEY_SIZE], k[SUMCACHE_KEY_SIZE];

	(void)state;
	sumcache_key("llm", "m1", "summary-1", "zh", "Title", "Text", base);
	assert_int_equal(strlen(base), 32);
	sumcache_key("llm", "m1", "summary-1", "zh", "Title", "Text", k);
	assert_string_equal(k, base);
	sumcache_key("llm", "m2", "summary-1", "zh", "Title", "Text", k);
	assert_string_not_equal(k, base);
	sumcache_key("llm", "m1", "summary-2", "zh", "Title", "Text", k);
	assert_string_not_equal(k, base);
	sumcache_key("llm", "m1", "summary-1", "en", "Title", "Text", k);
	assert_string_not_equal(k, base);
	sumcache_key("llm", "m1", "summary-1", "zh", "Title", "Text.", k);
	assert_string_not_equal(k, base);
	/* fields never run into each other */
	sumcache_key("llm", "m1", "summary-1", "zh", "TitleT", "ext", k);
	assert_string_not_equal(k, base);
}

static void the_built_in_prompt_loads_and_renders(void **state)
{
	struct prompt p;
	char err[512];
	struct prompt_var vars[] = { { "title", "T1" }, { "text", "BODY" }, { "lang_name", "English" } };
	char *u;

	(void)state;
	assert_int_equal(prompt_load(NULL, &p, err, sizeof(err)), 0);
	assert_string_equal(p.version, "summary-1");
	assert_non_null(strstr(p.system, "{{lang_name}}"));
	u = prompt_render(p.user, vars, 3);
	assert_non_null(strstr(u, "Title: T1"));
	assert_non_null(strstr(u, "BODY"));
	assert_null(strstr(u, "{{text}}"));
	free(u);
	prompt_release(&p);
	assert_string_equal(prompt_lang_name("zh"), "Simplified Chinese (\xe7\xae\x80\xe4\xbd\x93\xe4\xb8\xad\xe6\x96\x87)");
	assert_string_equal(prompt_lang_name("sw"), "sw");
}

static void a_bad_prompt_file_says_what_is_wrong(void **state)
{
	char path[] = "/tmp/precis-prompt-XXXXXX", err[512];
	struct prompt p;
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	assert_true(write(fd, "version: 2\nuser: \"{{title}} {{body}}\"\n", 38) == 38);
	close(fd);
	assert_int_equal(prompt_load(path, &p, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "{{body}}"));
	unlink(path);
	assert_int_equal(prompt_load("/nonexistent/prompt.yml", &p, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "llm.prompt_file"));
}

static void the_lead_keeps_whole_paragraphs(void **state)
{
	char *lead;

	(void)state;
	lead = llm_lead("Short text.", 100);
	assert_string_equal(lead, "Short text.");
	free(lead);
	lead = llm_lead("First paragraph is here.\n\nSecond paragraph is a bit longer than that.\n\nThird.", 60);
	assert_string_equal(lead, "First paragraph is here.\n\n[\xe2\x80\xa6]");
	free(lead);
	/* one long paragraph: cut at its last sentence end within the budget */
	lead = llm_lead("One sentence here. Another sentence there. A third that runs past the end.", 50);
	assert_string_equal(lead, "One sentence here. Another sentence there.\n\n[\xe2\x80\xa6]");
	free(lead);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_well_formed_answer_needs_no_repair),
		cmocka_unit_test(fences_prose_and_nesting_are_mended),
		cmocka_unit_test(points_as_one_bulleted_string_are_split),
		cmocka_unit_test(long_points_are_shortened),
		cmocka_unit_test(what_cannot_be_mended_is_refused),
		cmocka_unit_test(a_formatted_summary_reads_back_the_same),
		cmocka_unit_test(cache_keys_change_with_everything_that_shapes_the_answer),
		cmocka_unit_test(the_built_in_prompt_loads_and_renders),
		cmocka_unit_test(a_bad_prompt_file_says_what_is_wrong),
		cmocka_unit_test(the_lead_keeps_whole_paragraphs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
