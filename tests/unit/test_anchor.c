#include "unit.h"

#include <unistd.h>

#include "anchor.h"
#include "common.h"

/* The facts of a story: figures as values, names, quoted terms; not dates, menus or headings. */

static const char raise_a[] =
	"Cobalt Compute, a start-up based in Austin, said on Thursday that it had raised $400 "
	"million in a round led by Harbor Growth Partners, valuing the company at $3.1 billion. "
	"Its racks draw up to 180 kilowatts each.";

static int has(const json_t *a, const char *s)
{
	size_t i;
	json_t *v;

	json_array_foreach(a, i, v) if (!strcmp(json_string_value(v), s)) return 1;
	return 0;
}

static void anchors_are_figures_and_names(void **state)
{
	json_t *a = anchor_text(raise_a);

	(void)state;
	assert_true(has(a, "cobalt compute"));
	assert_true(has(a, "harbor growth partners"));
	assert_true(has(a, "austin"));
	assert_true(has(a, "400000000")); /* $400 million, as a value */
	assert_true(has(a, "3100000000"));
	assert_false(has(a, "thursday"));
	assert_false(has(a, "its")); /* a capitalised word opening a sentence */
	json_decref(a);
	a = anchor_text("In 2026, 3 firms sold 1,250 units. The Kestrel Foundation said so, and "
			  "that is all.");
	assert_false(has(a, "2026")); /* years say nothing of a story */
	assert_false(has(a, "3"));
	assert_true(has(a, "1250"));
	assert_true(has(a, "kestrel foundation"));
	json_decref(a);
}

/* The same figure in either language and either notation is one anchor; dates and times none. */
static void figures_are_values_in_any_language(void **state)
{
	static const struct {
		const char *text, *anchor;
		int present;
	} cases[] = {
		{ "The company raised $200 million from a group of new and old investors.", "200000000", 1 },
		{ "公司宣布完成2亿美元融资，由多家新老投资机构共同参与本轮投资。", "200000000", 1 },
		{ "It now has 310 million in the bank after the round closed last week.", "310000000", 1 },
		{ "公司累计融资额已经达到3.1亿美元，成为行业内融资最多的企业之一。", "310000000", 1 },
		{ "The deal values the start-up at $1.5bn, according to two people involved.", "1500000000", 1 },
		{ "欧盟委员会周四宣布对该公司处以24亿欧元的罚款，并要求限期整改。", "2400000000", 1 },
		{ "Shares rose 6.5 per cent in late trading on the exchange in New York.", "6.5%", 1 },
		{ "消息公布后，该公司股价在盘后交易中上涨6.5%，创下年内新高。", "6.5%", 1 },
		{ "The outage began at 09:12 Eastern time and lasted most of the day.", "12", 0 },
		{ "The ruling was published on 14/01/2008 by the court in the capital city.", "14", 0 },
		{ "The ruling was published on 2008-01-14 by the court in the capital city.", "14", 0 },
		{ "The company said on November 24 that it would appeal the court ruling.", "24", 0 },
		{ "The company said on 24 Nov that it would appeal the ruling of the court.", "24", 0 },
		{ "北辰机器人11月27日宣布，首批巡检机器人已在华东地区的变电站上岗。", "27", 0 },
		{ "It was the 21st time the team had reached the final of the cup.", "21", 0 },
		/* A menu line, and a title-cased run of six words: no anchors. */
		{ "Home News Sport Business", "home news sport business", 0 },
		{ "Read The Best Board Games From Harbor Quest in our guide this week.",
			"best board games from harbor quest", 0 },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		json_t *a = anchor_text(cases[i].text);

		if (has(a, cases[i].anchor) != cases[i].present)
			fail_msg("'%s': anchor '%s' %s", cases[i].text, cases[i].anchor,
				cases[i].present ? "missing" : "present");
		json_decref(a);
	}
}

static void chinese_anchors_skip_dates(void **state)
{
	json_t *a = anchor_text("北辰机器人11月27日宣布，首批100台“启明二代”上岗，合格率99.2%。");

	(void)state;
	assert_false(has(a, "11"));
	assert_false(has(a, "27"));
	assert_true(has(a, "100"));
	assert_true(has(a, "99.2%"));
	assert_true(has(a, "启明二代"));
	json_decref(a);
}

/* Small and round figures are common to many stories; the kinds say which is which. */
static void kinds_tell_figures_apart(void **state)
{
	static const struct {
		const char *anchor;
		enum anchor_kind kind;
	} cases[] = {
		{ "12", ANCHOR_COMMON }, { "100", ANCHOR_COMMON }, { "1000", ANCHOR_COMMON },
		{ "5%", ANCHOR_COMMON }, { "1100", ANCHOR_FIGURE }, { "3.1", ANCHOR_FIGURE },
		{ "5000", ANCHOR_FIGURE }, { "200000000", ANCHOR_FIGURE }, { "38%", ANCHOR_COMMON },
		{ "harbor growth partners", ANCHOR_NAME }, { "qx-9", ANCHOR_NAME },
		{ "启明二代", ANCHOR_TERM },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		if (anchor_kind(cases[i].anchor) != cases[i].kind)
			fail_msg("'%s' is of kind %d, not %d", cases[i].anchor,
				anchor_kind(cases[i].anchor), cases[i].kind);
}

/*
 * A figure longer than any amount a story states (a serial number, a hash,
 * a page of digits) is no anchor, with or without a scale word: once, one
 * of sixty digits before "trillion" kept the summarizer in a loop forever.
 */
static void endless_figures_are_no_anchors(void **state)
{
	char text[512], digits[80];
	json_t *a, *v;
	size_t i;

	(void)state;
	alarm(10); /* a loop again fails the test instead of hanging it */
	memset(digits, '7', 70);
	digits[70] = '\0';
	for (int scaled = 1; scaled >= 0; scaled--) {
		snprintf(text, sizeof(text), "The company said it had raised %.*s%s from investors.",
			scaled ? 60 : 70, digits, scaled ? " trillion dollars" : " dollars");
		a = anchor_text(text);
		json_array_foreach(a, i, v)
			if (anchor_kind(json_string_value(v)) == ANCHOR_FIGURE)
				fail_msg("'%s': figure anchor '%s'", text, json_string_value(v));
		json_decref(a);
	}
	alarm(0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(anchors_are_figures_and_names),
		cmocka_unit_test(figures_are_values_in_any_language),
		cmocka_unit_test(chinese_anchors_skip_dates),
		cmocka_unit_test(kinds_tell_figures_apart),
		cmocka_unit_test(endless_figures_are_no_anchors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
