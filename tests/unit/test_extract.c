#include "unit.h"

#include "extract.h"

struct page_case {
	const char *file;
	const char *title;
	const char *first; /* start of the first paragraph */
	const char *last; /* words of the last paragraph */
	const char *lang;
	const char *absent[4]; /* boilerplate that must not appear */
};

static const struct page_case cases[] = {
	{ "examples/site/tensor-ledger/cobalt-compute-raises-400m.html",
		"Cobalt Compute raises $400 million to build liquid-cooled inference clusters",
		"Cobalt Compute, a three-year-old", "whether it is profitable.", "en",
		{ "Advertisement", "Most read", "substation that was already oversubscribed",
			"All rights reserved" } },
	{ "examples/site/inference-weekly/arclight-speculative-decoding.html",
		"Why speculative decoding is quietly halving inference bills",
		"Speculative decoding, a trick", "sitting in their configuration file.", "en",
		{ "Subscribe", "Batching, explained", "reader-supported", "writes about" } },
	{ "examples/site/zhiyuan-kuaixun/beichen-humanoid-factory.html",
		"\xe5\x8c\x97\xe8\xbe\xb0\xe6\x9c\xba\xe5\x99\xa8\xe4\xba\xba", /* 北辰机器人 prefix */
		"\xe5\x8c\x97\xe8\xbe\xb0\xe6\x9c\xba\xe5\x99\xa8\xe4\xba\xba" "11\xe6\x9c\x88",
		"\xe8\xb4\xa8\xe9\x87\x8f\xe5\xa4\x8d\xe6\xa0\xb8", "zh", /* 质量复核 */
		{ "\xe7\xbd\x91\xe5\x8f\x8b\xe8\xaf\x84\xe8\xae\xba", /* 网友评论 */
			"\xe7\x83\xad\xe9\x97\xa8\xe6\x8e\x92\xe8\xa1\x8c", /* 热门排行 */
			"\xe5\xb9\xbf\xe5\x91\x8a", /* 广告 */
			"\xe7\x89\x88\xe6\x9d\x83\xe6\x89\x80\xe6\x9c\x89" } }, /* 版权所有 */
	{ "examples/site/wire-brief/northwind-robots-paris.html",
		"Northwind Robotics opens a research lab in Paris",
		"Northwind Robotics is opening a research lab", /* not the <h1> title again */
		"publish part of its research openly.", "en",
		{ "Related wires", "Wire Brief Pro", "Filed under", "member newsrooms" } },
	{ "examples/site/suanli-guancha/liquid-cooling-adoption.html",
		"\xe6\xb6\xb2\xe5\x86\xb7", "\xe9\x9a\x8f\xe7\x9d\x80", "\xe5\x81\x9c\xe6\x9c\xba", "zh",
		{ "\xe7\x9b\xb8\xe5\x85\xb3\xe6\x8e\xa8\xe8\x8d\x90", /* 相关推荐 */
			"\xe5\x85\xac\xe4\xbc\x97\xe5\x8f\xb7", /* 公众号 */
			"\xe6\xa0\x87\xe7\xad\xbe", NULL } }, /* 标签 */
};

static void example_pages(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		const struct page_case *c = &cases[i];
		struct extract_result r;
		char err[256];
		size_t len;
		char *html = unit_read(c->file, &len);

		assert_int_equal(extract_html(html, len, NULL, "http://x/", &r, err, sizeof(err)), 0);
		if (!r.title || strncmp(r.title, c->title, strlen(c->title)))
			fail_msg("%s: title '%s'", c->file, r.title ? r.title : "(none)");
		assert_null(strstr(r.title, " - "));
		assert_null(strstr(r.title, "_\xe6\x99\xba")); /* "_智元快讯" suffix dropped */
		if (strncmp(r.text.data, c->first, strlen(c->first)))
			fail_msg("%s: text starts '%.80s'", c->file, r.text.data);
		if (!strstr(r.text.data, c->last))
			fail_msg("%s: last paragraph missing from '%s'", c->file, r.text.data);
		for (size_t k = 0; k < 4 && c->absent[k]; k++)
			if (strstr(r.text.data, c->absent[k]))
				fail_msg("%s: boilerplate '%s' kept", c->file, c->absent[k]);
		assert_string_equal(r.lang, c->lang);
		assert_non_null(strstr(r.text.data, "\n\n"));
		extract_release(&r);
		free(html);
	}
}

static void meta_published_time_and_author(void **state)
{
	struct extract_result r;
	char err[256];
	size_t len;
	char *html = unit_read("examples/site/tensor-ledger/eu-ai-office-fines.html", &len);

	(void)state;
	assert_int_equal(extract_html(html, len, "utf-8", NULL, &r, err, sizeof(err)), 0);
	assert_string_equal(r.published, "2026-11-25T16:45:00Z");
	assert_string_equal(r.author, "Ilse Maren");
	assert_string_equal(r.site_name, "Tensor Ledger");
	extract_release(&r);
	free(html);
}

static void hostile_input_is_bounded(void **state)
{
	struct extract_result r;
	char err[256];
	size_t depth = 100000, n = 0;
	char *deep = malloc(depth * 5 + 100);

	(void)state;
	for (size_t i = 0; i < depth; i++)
		memcpy(deep + n, "<div>", 5), n += 5;
	memcpy(deep + n, "<p>deep text</p>", 16), n += 16;
	assert_int_equal(extract_html(deep, n, NULL, NULL, &r, err, sizeof(err)), 0);
	extract_release(&r);
	assert_int_equal(extract_html("\xff\xfe\x00\x01garbage", 10, NULL, NULL, &r, err,
				 sizeof(err)) <= 0, 1);
	extract_release(&r);
	free(deep);
}

static void encodings_are_sniffed_as_browsers_do(void **state)
{
	static const struct {
		const char *file, *http, *title_part, *text_part, *lang;
	} pages[] = {
		/* 人形机器人 / 售价比上一代下降三成 */
		{ "gbk-late-meta.html", NULL, "\xe4\xba\xba\xe5\xbd\xa2\xe6\x9c\xba\xe5\x99\xa8\xe4\xba\xba",
			"\xe5\x94\xae\xe4\xbb\xb7\xe6\xaf\x94\xe4\xb8\x8a\xe4\xb8\x80\xe4\xbb\xa3", "zh" },
		{ "gbk-undeclared.html", NULL, "\xe4\xba\xba\xe5\xbd\xa2\xe6\x9c\xba\xe5\x99\xa8\xe4\xba\xba",
			"\xe5\x94\xae\xe4\xbb\xb7\xe6\xaf\x94\xe4\xb8\x8a\xe4\xb8\x80\xe4\xbb\xa3", "zh" },
		/* 台積電 / 良率 */
		{ "big5-http-only.html", "big5", "\xe5\x8f\xb0\xe7\xa9\x8d\xe9\x9b\xbb", "\xe8\x89\xaf\xe7\x8e\x87", "zh" },
		/* 言語モデル / 三割安く */
		{ "shift-jis-meta.html", NULL, "\xe8\xa8\x80\xe8\xaa\x9e\xe3\x83\xa2\xe3\x83\x87\xe3\x83\xab",
			"\xe4\xb8\x89\xe5\x89\xb2\xe5\xae\x89\xe3\x81\x8f", "ja" },
		{ "shift-jis-undeclared.html", NULL, "\xe8\xa8\x80\xe8\xaa\x9e\xe3\x83\xa2\xe3\x83\x87\xe3\x83\xab",
			"\xe4\xb8\x89\xe5\x89\xb2\xe5\xae\x89\xe3\x81\x8f", "ja" },
		/* Café, “smart”, naïve: windows-1252 bytes labelled iso-8859-1 */
		{ "windows-1252.html", NULL, "Caf\xc3\xa9 chain bets on \xe2\x80\x9csmart\xe2\x80\x9d",
			"na\xc3\xafve first trial", "en" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		char rel[128], err[256];
		struct extract_result r;
		size_t len;
		char *html;

		snprintf(rel, sizeof(rel), "tests/fixtures/pages/%s", pages[i].file);
		html = unit_read(rel, &len);
		assert_int_equal(extract_html(html, len, pages[i].http, "http://x/", &r, err, sizeof(err)), 0);
		if (!r.title || !strstr(r.title, pages[i].title_part) ||
			!strstr(r.text.data, pages[i].text_part) || strcmp(r.lang, pages[i].lang))
			fail_msg("%s: title '%s', lang %s, text '%.200s'", pages[i].file,
				r.title ? r.title : "(none)", r.lang, r.text.data);
		extract_release(&r);
		free(html);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(example_pages),
		cmocka_unit_test(meta_published_time_and_author),
		cmocka_unit_test(hostile_input_is_bounded),
		cmocka_unit_test(encodings_are_sniffed_as_browsers_do),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
