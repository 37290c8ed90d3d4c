#include "unit.h"

#include "story.h"

/* Two outlets' paraphrases of one event, and near-misses that must stay apart. */

static const char raise_a[] =
	"Cobalt Compute, a start-up based in Austin, said on Thursday that it had raised $400 "
	"million in a round led by Harbor Growth Partners, valuing the company at $3.1 billion. "
	"Its racks draw up to 180 kilowatts each.";
static const char raise_b[] =
	"Harbor Growth Partners led a $400 million round in Cobalt Compute, the Austin company "
	"announced. The deal values it at $3.1 billion; its immersion-cooled racks reach 180 kW.";
/* Same company, same city, same investor, another event and other figures. */
static const char opening[] =
	"Cobalt Compute opened its first Ohio data centre on Monday. The Austin company, backed "
	"by Harbor Growth Partners, said the site adds 25 megawatts and 90 jobs.";
/* Another company with round numbers in common. */
static const char other[] =
	"Verdant Grid said requests from data centres reached 14 gigawatts, and that it would "
	"spend $400 million on 180 kilometres of new lines.";

static json_t *anchors(const char *text)
{
	return story_anchors(text);
}

static int has(const json_t *a, const char *s)
{
	size_t i;
	json_t *v;

	json_array_foreach(a, i, v) if (!strcmp(json_string_value(v), s)) return 1;
	return 0;
}

static void anchors_are_figures_and_names(void **state)
{
	json_t *a = anchors(raise_a);

	(void)state;
	assert_true(has(a, "cobalt compute"));
	assert_true(has(a, "harbor growth partners"));
	assert_true(has(a, "austin"));
	assert_true(has(a, "400"));
	assert_true(has(a, "3.1"));
	assert_false(has(a, "thursday"));
	assert_false(has(a, "its")); /* a capitalised word opening a sentence */
	json_decref(a);
	a = anchors("In 2026, 3 firms sold 1,250 units. The Kestrel Foundation said so.");
	assert_false(has(a, "2026")); /* years say nothing of a story */
	assert_false(has(a, "3"));
	assert_true(has(a, "1250"));
	assert_true(has(a, "kestrel foundation"));
	json_decref(a);
}

static void chinese_anchors_skip_dates(void **state)
{
	/* 北辰机器人11月27日宣布，首批100台“启明二代”上岗，合格率99.2%。 */
	json_t *a = anchors("\xe5\x8c\x97\xe8\xbe\xb0\xe6\x9c\xba\xe5\x99\xa8\xe4\xba\xba"
			    "11\xe6\x9c\x88" "27\xe6\x97\xa5\xe5\xae\xa3\xe5\xb8\x83\xef\xbc\x8c"
			    "\xe9\xa6\x96\xe6\x89\xb9" "100\xe5\x8f\xb0\xe2\x80\x9c\xe5\x90\xaf\xe6\x98\x8e"
			    "\xe4\xba\x8c\xe4\xbb\xa3\xe2\x80\x9d\xe4\xb8\x8a\xe5\xb2\x97\xef\xbc\x8c"
			    "\xe5\x90\x88\xe6\xa0\xbc\xe7\x8e\x87" "99.2%\xe3\x80\x82");

	(void)state;
	assert_false(has(a, "11"));
	assert_false(has(a, "27"));
	assert_true(has(a, "100"));
	assert_true(has(a, "99.2"));
	assert_true(has(a, "\xe5\x90\xaf\xe6\x98\x8e\xe4\xba\x8c\xe4\xbb\xa3")); /* 启明二代 */
	json_decref(a);
}

static void paraphrases_of_one_event_are_one_story(void **state)
{
	json_t *a = anchors(raise_a), *b = anchors(raise_b);

	(void)state;
	assert_true(story_same("Cobalt Compute raises $400 million", a,
		"Inference start-up lands $400m Series C", b));
	json_decref(a);
	json_decref(b);
}

static void same_company_other_event_stays_apart(void **state)
{
	json_t *a = anchors(raise_a), *c = anchors(opening), *d = anchors(other);
	size_t shared;

	(void)state;
	story_anchor_overlap(a, c, &shared);
	assert_true(shared >= 3); /* company, city and investor are shared... */
	assert_false(story_same("Cobalt Compute raises $400 million", a,
		"Cobalt Compute opens its first Ohio data centre", c)); /* ...but no figure */
	assert_false(story_same("Cobalt Compute raises $400 million", a,
		"Verdant Grid plans $400 million of new lines", d));
	json_decref(a);
	json_decref(c);
	json_decref(d);
}

static void titles_alone_do_not_merge(void **state)
{
	json_t *e = json_array();

	(void)state;
	assert_true(story_title_similarity("EU fines two AI firms", "EU fines two AI firms") > 0.99);
	assert_false(story_same("EU fines two AI firms", e, "EU fines two AI firms", e));
	assert_true(story_title_similarity("\xe5\xa4\xa7\xe6\xa8\xa1\xe5\x9e\x8b\xe9\x99\x8d\xe4\xbb\xb7",
			    "\xe5\xa4\xa7\xe6\xa8\xa1\xe5\x9e\x8b\xe6\xb6\xa8\xe4\xbb\xb7") > 0.3);
	json_decref(e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(anchors_are_figures_and_names),
		cmocka_unit_test(chinese_anchors_skip_dates),
		cmocka_unit_test(paraphrases_of_one_event_are_one_story),
		cmocka_unit_test(same_company_other_event_stays_apart),
		cmocka_unit_test(titles_alone_do_not_merge),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
