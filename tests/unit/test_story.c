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
	assert_true(story_same("Cobalt Compute raises $400 million", a, NULL,
		"Inference start-up lands $400m Series C", b, NULL));
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
	assert_false(story_same("Cobalt Compute raises $400 million", a, NULL,
		"Cobalt Compute opens its first Ohio data centre", c, NULL)); /* ...but no figure */
	assert_false(story_same("Cobalt Compute raises $400 million", a, NULL,
		"Verdant Grid plans $400 million of new lines", d, NULL));
	json_decref(a);
	json_decref(c);
	json_decref(d);
}

static void titles_alone_do_not_merge(void **state)
{
	json_t *e = json_array();

	(void)state;
	assert_true(story_title_similarity("EU fines two AI firms", "EU fines two AI firms") > 0.99);
	assert_false(story_same("EU fines two AI firms", e, NULL, "EU fines two AI firms", e, NULL));
	assert_true(story_title_similarity("\xe5\xa4\xa7\xe6\xa8\xa1\xe5\x9e\x8b\xe9\x99\x8d\xe4\xbb\xb7",
			    "\xe5\xa4\xa7\xe6\xa8\xa1\xe5\x9e\x8b\xe6\xb6\xa8\xe4\xbb\xb7") > 0.3);
	json_decref(e);
}

static void near_copies_without_figures_are_one_story(void **state)
{
	/* A Chinese wire story with no figure or quoted name, its reprint with a changed
	 * sentence and a credit line, and an unrelated story of the same length. */
	const char *original =
		"城市智能交通系统在本周正式投入使用，市民出行时可以通过手机查看各条道路的实时拥堵情况。"
		"交通管理部门表示，新系统整合了路口摄像头、公交车定位和出租车轨迹等多种数据，能够提前预测高峰时段的拥堵路段。"
		"系统上线后，部分路口的信号灯将根据车流量自动调整配时，减少车辆等待时间。"
		"管理部门同时提醒，系统仍处于试运行阶段，市民如发现信息不准确，可以通过热线电话反馈。"
		"专家认为，智能交通建设需要持续投入，数据共享和隐私保护之间的平衡也需要进一步研究。";
	const char *reprint =
		"城市智能交通系统在本周正式投入使用，市民出行时可以通过手机查看各条道路的实时拥堵情况。"
		"交通管理部门表示，新系统整合了路口摄像头、公交车定位和出租车轨迹等多种数据，能够提前预测高峰时段的拥堵路段。"
		"系统上线后，部分路口的信号灯将根据车流量自动调整配时，缩短车辆排队时间。"
		"管理部门同时提醒，系统仍处于试运行阶段，市民如发现信息不准确，可以通过热线电话反馈。"
		"专家认为，智能交通建设需要持续投入，数据共享和隐私保护之间的平衡也需要进一步研究。（本报综合）";
	const char *library =
		"本市图书馆新馆于周末向公众开放，新馆设有儿童阅览区、自习区和数字资源体验区。"
		"图书馆负责人介绍，新馆延长了开放时间，工作日晚间也可以入馆借阅，读者还可以通过自助设备办理借还手续。"
		"开馆当天，不少家长带着孩子前来参观，阅览区座无虚席。"
		"图书馆方面表示，将定期举办讲座和读书会，丰富市民的文化生活。"
		"有读者建议增加停车位，并希望新馆能够提供更多外文图书和专业期刊。";
	char a[17], b[17], c[17];
	json_t *none = json_array();

	(void)state;
	story_simhash(original, a);
	story_simhash(reprint, b);
	story_simhash(library, c);
	assert_int_equal(strlen(a), 16);
	assert_true(story_simhash_distance(a, b) <= STORY_NEAR_COPY_BITS);
	assert_true(story_simhash_distance(a, c) > 3 * STORY_NEAR_COPY_BITS);
	assert_true(story_same("新系统上线", none, a, "智能交通投入使用", none, b));
	assert_false(story_same("新系统上线", none, a, "图书馆新馆开放", none, c));
	story_simhash("Too short to judge.", c);
	assert_string_equal(c, "");
	assert_int_equal(story_simhash_distance(c, c), 64);
	json_decref(none);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(anchors_are_figures_and_names),
		cmocka_unit_test(chinese_anchors_skip_dates),
		cmocka_unit_test(paraphrases_of_one_event_are_one_story),
		cmocka_unit_test(same_company_other_event_stays_apart),
		cmocka_unit_test(titles_alone_do_not_merge),
		cmocka_unit_test(near_copies_without_figures_are_one_story),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
