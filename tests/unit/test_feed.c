#include "unit.h"

#include "common.h"
#include "feed.h"

static char last_err[256];

static void parse_file_as(const char *rel, const char *url, const char *http_charset,
	struct feed *f, int want_rc)
{
	size_t len;
	char *data = unit_read(rel, &len);
	int rc = feed_parse(data, len, url, http_charset, f, last_err, sizeof(last_err));

	if (rc != want_rc)
		fail_msg("%s: rc %d (%s)", rel, rc, last_err);
	free(data);
}

static void parse_file(const char *rel, const char *url, struct feed *f, int want_rc)
{
	parse_file_as(rel, url, NULL, f, want_rc);
}

static void rss2_with_namespaces(void **state)
{
	struct feed f;

	(void)state;
	parse_file("examples/site/feeds/zhiyuan-kuaixun.xml",
		"http://h.example/feeds/zhiyuan-kuaixun.xml", &f, 0);
	assert_int_equal(f.n, 5);
	assert_string_equal(f.title, "\xe6\x99\xba\xe5\x85\x83\xe5\xbf\xab\xe8\xae\xaf");
	assert_string_equal(f.entries[0].link,
		"http://h.example/zhiyuan-kuaixun/beichen-humanoid-factory.html");
	assert_string_equal(f.entries[0].published, "2026-11-28T02:00:00Z");
	assert_non_null(f.entries[0].author);
	/* content:encoded (two paragraphs) is kept apart from the one-paragraph description */
	assert_non_null(strstr(f.entries[0].content, "\n\n"));
	assert_null(strstr(f.entries[0].summary, "\n\n"));
	assert_string_equal(f.encoding, "UTF-8");
	feed_release(&f);
}

static void atom_resolves_against_xml_base(void **state)
{
	struct feed f;

	(void)state;
	parse_file("examples/site/feeds/inference-weekly.xml",
		"http://h.example/feeds/inference-weekly.xml", &f, 0);
	assert_int_equal(f.n, 5);
	assert_string_equal(f.entries[0].link, "http://h.example/inference-weekly/cobalt-series-c.html");
	assert_string_equal(f.entries[0].author, "Theo Lindqvist");
	assert_string_equal(f.entries[0].published, "2026-11-28T10:00:00Z");
	assert_string_equal(f.entries[0].updated, "2026-11-28T10:00:00Z");
	feed_release(&f);
}

static void rss1_rdf(void **state)
{
	struct feed f;

	(void)state;
	parse_file("examples/site/feeds/suanli-guancha.xml", "file:///srv/feeds/suanli-guancha.xml",
		&f, 0);
	assert_int_equal(f.n, 5);
	assert_string_equal(f.entries[4].link, "file:///srv/suanli-guancha/compute-voucher-policy.html");
	assert_string_equal(f.entries[4].published, "2026-11-24T02:45:00Z");
	feed_release(&f);
}

static void broken_feed_recovers_what_it_can(void **state)
{
	struct feed f;

	(void)state;
	parse_file("tests/fixtures/feeds/broken-rss.xml", "http://news.example/rss", &f, 0);
	assert_int_equal(f.n, 3);
	assert_string_equal(f.entries[0].title, "First bold story");
	assert_string_equal(f.entries[0].summary, "Lead with a link.\n\nSecond paragraph.");
	assert_string_equal(f.entries[0].published, "2026-11-27T09:15:00Z");
	/* the title left open ends where the link starts */
	assert_string_equal(f.entries[1].title, "Unclosed item");
	assert_string_equal(f.entries[1].link, "http://news.example/second");
	assert_string_equal(f.entries[1].published, "2026-11-26T08:00:00Z");
	/* an entry with a title alone is kept */
	assert_string_equal(f.entries[2].title, "No link at all");
	assert_null(f.entries[2].link);
	assert_int_equal(f.report.lost, 0);
	assert_true(f.report.unclosed >= 1);
	feed_release(&f);
}

static void no_future_dates(void **state)
{
	struct feed f;
	char now[32], line[256];

	(void)state;
	parse_file("tests/fixtures/feeds/future-dates.xml", "http://x.example/", &f, 0);
	assert_int_equal(f.n, 1);
	time_iso8601(now_ms() + 60000, now, sizeof(now));
	assert_true(strcmp(f.entries[0].published, now) <= 0);
	/* A feed whose clock is wrong is said, with the date it gave. */
	assert_int_equal(f.report.future_dates, 1);
	assert_int_equal(feed_report_describe(&f.report, line, sizeof(line)), 1);
	assert_non_null(strstr(line, "1 date in the future replaced by the time it was read"));
	assert_non_null(strstr(line, "'Sat, 01 Jan 2095 00:00:00 +0000'"));
	feed_release(&f);
}

/* Within the clock skew allowed (15 minutes), a date is kept as it is and nothing is said. */
static void a_little_clock_skew_is_kept(void **state)
{
	char doc[512], when[32], line[256];
	struct feed f;
	char err[256];

	(void)state;
	time_iso8601(now_ms() + 5 * 60 * 1000, when, sizeof(when));
	snprintf(doc, sizeof(doc), "<rss version=\"2.0\"><channel><item><title>soon</title>"
				   "<pubDate>%s</pubDate></item></channel></rss>", when);
	assert_int_equal(feed_parse(doc, strlen(doc), "http://x.example/", NULL, &f, err, sizeof(err)), 0);
	assert_string_equal(f.entries[0].published, when);
	assert_int_equal(f.report.future_dates, 0);
	assert_int_equal(feed_report_describe(&f.report, line, sizeof(line)), 0);
	assert_string_equal(line, "");
	feed_release(&f);
}

static void entity_declarations_are_refused(void **state)
{
	struct feed f;

	(void)state;
	/* an external entity pointing at a local file, and a billion laughs */
	parse_file("tests/fixtures/feeds/xxe-file.xml", "http://x.example/", &f, -1);
	assert_non_null(strstr(last_err, "<!ENTITY"));
	feed_release(&f);
	parse_file("tests/fixtures/feeds/billion-laughs.xml", "http://x.example/", &f, -1);
	assert_non_null(strstr(last_err, "<!ENTITY"));
	feed_release(&f);
}

/* 智元机器人发布新一代人形机器人 */
#define ZH_TITLE "\xe6\x99\xba\xe5\x85\x83\xe6\x9c\xba\xe5\x99\xa8\xe4\xba\xba\xe5\x8f\x91\xe5\xb8\x83\xe6\x96\xb0\xe4\xb8\x80\xe4\xbb\xa3\xe4\xba\xba\xe5\xbd\xa2\xe6\x9c\xba\xe5\x99\xa8\xe4\xba\xba"
/* 台積電公布新製程進度 */
#define TW_TITLE "\xe5\x8f\xb0\xe7\xa9\x8d\xe9\x9b\xbb\xe5\x85\xac\xe5\xb8\x83\xe6\x96\xb0\xe8\xa3\xbd\xe7\xa8\x8b\xe9\x80\xb2\xe5\xba\xa6"

/* 市議会が来年度の予算を承認, 시의회, 내년도 예산 승인, Городской совет утвердил бюджет */
#define JA_TITLE "\xe5\xb8\x82\xe8\xad\xb0\xe4\xbc\x9a\xe3\x81\x8c\xe6\x9d\xa5\xe5\xb9\xb4\xe5\xba\xa6\xe3\x81\xae\xe4\xba\x88\xe7\xae\x97\xe3\x82\x92\xe6\x89\xbf\xe8\xaa\x8d"
#define KO_TITLE "\xec\x8b\x9c\xec\x9d\x98\xed\x9a\x8c, \xeb\x82\xb4\xeb\x85\x84\xeb\x8f\x84 \xec\x98\x88\xec\x82\xb0 \xec\x8a\xb9\xec\x9d\xb8"
#define RU_TITLE "\xd0\x93\xd0\xbe\xd1\x80\xd0\xbe\xd0\xb4\xd1\x81\xd0\xba\xd0\xbe\xd0\xb9 \xd1\x81\xd0\xbe\xd0\xb2\xd0\xb5\xd1\x82 \xd1\x83\xd1\x82\xd0\xb2\xd0\xb5\xd1\x80\xd0\xb4\xd0\xb8\xd0\xbb \xd0\xb1\xd1\x8e\xd0\xb4\xd0\xb6\xd0\xb5\xd1\x82"

/* Every encoding, with an XML declaration, without one (detected), and named by HTTP alone. */
static void every_encoding_declared_and_undeclared(void **state)
{
	static const struct {
		const char *file, *http, *title, *encoding;
	} cases[] = {
		{ "gbk-declared.xml", NULL, ZH_TITLE, "GB18030" },
		{ "gbk-undeclared.xml", NULL, ZH_TITLE, "GB18030" },
		{ "gbk-http-only.xml", "gb2312", ZH_TITLE, "GB18030" },
		{ "big5-declared.xml", NULL, TW_TITLE, "BIG5-HKSCS" },
		{ "big5-undeclared.xml", NULL, TW_TITLE, "BIG5-HKSCS" },
		{ "euc-jp-declared.xml", NULL, JA_TITLE, "EUC-JP" },
		{ "euc-jp-undeclared.xml", NULL, JA_TITLE, "EUC-JP" },
		{ "shift-jis-declared.xml", NULL, JA_TITLE, "SHIFT_JIS" },
		{ "shift-jis-undeclared.xml", NULL, JA_TITLE, "SHIFT_JIS" },
		{ "euc-kr-declared.xml", NULL, KO_TITLE, "CP949" },
		{ "euc-kr-undeclared.xml", NULL, KO_TITLE, "CP949" },
		{ "windows-1251-declared.xml", NULL, RU_TITLE, "WINDOWS-1251" },
		{ "windows-1251-undeclared.xml", NULL, RU_TITLE, "WINDOWS-1251" },
		{ "koi8-r-declared.xml", NULL, RU_TITLE, "KOI8-R" },
		{ "koi8-r-undeclared.xml", NULL, RU_TITLE, "KOI8-R" },
		/* HTTP before the declaration: the KOI8-R bytes say windows-1251 nowhere */
		{ "koi8-r-undeclared.xml", "koi8-r", RU_TITLE, "KOI8-R" },
		/* a label the bytes contradict loses to them */
		{ "utf8-declared-latin1.xml", NULL, "Crème brûlée à la carte",
			"UTF-8" },
		{ "utf8-declared-latin1.xml", "iso-8859-1", "Crème brûlée à la carte",
			"UTF-8" },
		{ "cp1252-declared-utf8.xml", NULL,
			"Crème brûlée — à la carte", "WINDOWS-1252" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char rel[128];
		struct feed f;

		snprintf(rel, sizeof(rel), "tests/fixtures/feeds/%s", cases[i].file);
		parse_file_as(rel, "http://x.example/", cases[i].http, &f, 0);
		if (!f.n || strcmp(f.entries[0].title, cases[i].title) ||
			strcmp(f.encoding, cases[i].encoding))
			fail_msg("%s: %zu entries, '%s' in %s", cases[i].file, f.n,
				f.n ? f.entries[0].title : "", f.encoding);
		feed_release(&f);
	}
}

static void gb2312_label_reads_gbk_and_gb18030_four_byte_characters(void **state)
{
	struct feed f;

	(void)state;
	/* labelled gb2312, with 镕 and 铓, which only GBK has */
	parse_file("tests/fixtures/feeds/gbk-gb2312-label.xml", "http://x.example/", &f, 0);
	assert_int_equal(f.n, 3);
	assert_string_equal(f.entries[2].title, "\xe9\x95\x95\xe9\x93\x93");
	feed_release(&f);
	/* U+20BB7 and U+1F916 are four bytes in GB18030 and in UTF-8 */
	parse_file("tests/fixtures/feeds/gb18030-four-byte.xml", "http://x.example/", &f, 0);
	assert_int_equal(f.n, 1);
	assert_non_null(strstr(f.entries[0].title, "\xf0\xa0\xae\xb7"));
	assert_non_null(strstr(f.entries[0].title, "\xf0\x9f\xa4\x96"));
	feed_release(&f);
}

static void utf16_with_a_byte_order_mark(void **state)
{
	struct feed f;

	(void)state;
	parse_file("tests/fixtures/feeds/utf16-bom.xml", "http://x.example/", &f, 0);
	assert_int_equal(f.n, 1);
	assert_string_equal(f.entries[0].title, "Caf\xc3\xa9 prices rise");
	assert_string_equal(f.encoding, "UTF-16LE");
	feed_release(&f);
}

/* Without the mark, "<?" in UTF-16 says which (XML 1.0 appendix F); it read as binary data. */
static void utf16_without_a_byte_order_mark(void **state)
{
	size_t len;
	char *data = unit_read("tests/fixtures/feeds/utf16-bom.xml", &len), err[256];
	struct feed f;

	(void)state;
	assert_true(len > 4 && (unsigned char)data[0] == 0xff && (unsigned char)data[1] == 0xfe);
	for (int be = 0; be < 2; be++) {
		if (be) /* the same text big-endian */
			for (size_t i = 2; i + 1 < len; i += 2) {
				char c = data[i];

				data[i] = data[i + 1], data[i + 1] = c;
			}
		if (feed_parse(data + 2, len - 2, "http://x.example/", NULL, &f, err, sizeof(err)))
			fail_msg("%s: %s", be ? "UTF-16BE" : "UTF-16LE", err);
		assert_int_equal(f.n, 1);
		assert_string_equal(f.entries[0].title, "Caf\xc3\xa9 prices rise");
		assert_string_equal(f.encoding, be ? "UTF-16BE" : "UTF-16LE");
		feed_release(&f);
	}
	free(data);
}

static void rss091_with_html_entities_and_latin1(void **state)
{
	struct feed f;

	(void)state;
	parse_file("tests/fixtures/feeds/rss091.xml", "http://cafe.example/rss.xml", &f, 0);
	assert_string_equal(f.title, "Caf\xc3\xa9 Tech \xe2\x80\x94 Daily");
	assert_int_equal(f.n, 2);
	assert_string_equal(f.entries[0].title, "R\xc3\xa9sum\xc3\xa9 parsers get smarter again");
	assert_string_equal(f.entries[0].summary, "A look at na\xc3\xafve tools & better ones \xc2\xa9 2026");
	assert_string_equal(f.entries[1].link, "http://cafe.example/2026/11/relative.html");
	feed_release(&f);
}

static void atom03(void **state)
{
	struct feed f;

	(void)state;
	parse_file("tests/fixtures/feeds/atom03.xml", "https://legacy.example/atom.xml", &f, 0);
	assert_string_equal(f.title, "Legacy Atom Blog");
	assert_int_equal(f.n, 2);
	assert_string_equal(f.entries[0].link, "https://legacy.example/2026/11/old-format");
	assert_string_equal(f.entries[0].published, "2026-11-02T08:00:00Z");
	assert_string_equal(f.entries[0].updated, "2026-11-02T11:30:00Z");
	assert_string_equal(f.entries[0].author, "Ada Example");
	assert_string_equal(f.entries[0].content, "An escaped body.");
	assert_string_equal(f.entries[1].published, "2026-11-01T08:00:00Z");
	feed_release(&f);
}

static void json_feed_10_and_11(void **state)
{
	struct feed f;

	(void)state;
	parse_file("tests/fixtures/feeds/jsonfeed-1.0.json", "https://json.example/feed.json", &f, 0);
	assert_string_equal(f.title, "JSON Wire");
	assert_string_equal(f.link, "https://json.example/");
	assert_int_equal(f.n, 3);
	assert_string_equal(f.entries[0].title, "First story");
	assert_string_equal(f.entries[0].content, "Hello & welcome.\n\nSecond paragraph.");
	assert_string_equal(f.entries[0].summary, "A short summary");
	assert_string_equal(f.entries[0].published, "2026-11-02T13:00:00Z");
	assert_string_equal(f.entries[0].author, "J. Writer");
	assert_string_equal(f.entries[1].link, "https://json.example/posts/two");
	assert_string_equal(f.entries[1].content, "Only text here.");
	assert_string_equal(f.entries[1].updated, "2026-11-02T09:00:00Z");
	/* an item with an id alone is kept */
	assert_null(f.entries[2].link);
	assert_string_equal(f.entries[2].id, "no-link");
	feed_release(&f);
	parse_file("tests/fixtures/feeds/jsonfeed-1.1.json", "https://json.example/feed.json", &f, 0);
	assert_int_equal(f.n, 1);
	assert_string_equal(f.entries[0].link, "https://elsewhere.example/story");
	assert_string_equal(f.entries[0].author, "First Author");
	feed_release(&f);
}

static void relative_links_follow_nested_xml_base(void **state)
{
	struct feed f;

	(void)state;
	parse_file("tests/fixtures/feeds/xml-base.xml", "https://other.example/feed", &f, 0);
	assert_int_equal(f.n, 1);
	assert_string_equal(f.entries[0].link, "https://base.example/blog/2026/11/post.html");
	feed_release(&f);
}

static void a_web_page_is_not_a_feed(void **state)
{
	struct feed f;
	char err[256];

	(void)state;
	parse_file("tests/fixtures/feeds/not-a-feed.html", "http://x.example/", &f, -1);
	feed_release(&f);
	assert_non_null(strstr(last_err, "not a feed but a web page"));
	assert_int_equal(feed_parse("", 0, "http://x/", NULL, &f, err, sizeof(err)), -1);
	feed_release(&f);
}

/*
 * What is not a feed says what it is: "not an XML document" said nothing
 * to a newcomer who gave a site's home page, which names its feed.
 */
static void what_is_not_a_feed_says_what_it_is(void **state)
{
	static const struct {
		const char *doc;
		size_t len;
		const char *error;
	} cases[] = {
		{ "<!DOCTYPE html>\n<html><head><title>Home</title><link rel=\"alternate\" "
		  "type=\"application/rss+xml\" href=\"/feed/\"></head><body><p>Hi</p></body></html>", 0,
		  "not a feed but a web page; the page names its feed: http://x.example/feed/" },
		{ "<html><body><p>No feed here</p></body></html>", 0,
		  "not a feed but a web page (it names no feed" },
		{ " \n\t", 0, "not a feed: the document is empty" },
		{ "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10", 20, "not a feed: a PNG image" },
		{ "<svg xmlns=\"http://www.w3.org/2000/svg\"/>", 0,
		  "not a feed: the document's root element is <svg>" },
	};
	struct feed f;
	char err[256];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t len = cases[i].len ? cases[i].len : strlen(cases[i].doc);

		assert_int_equal(feed_parse(cases[i].doc, len, "http://x.example/home", NULL, &f, err,
					 sizeof(err)), -1);
		feed_release(&f);
		if (!strstr(err, cases[i].error))
			fail_msg("case %zu: '%s' lacks '%s'", i, err, cases[i].error);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rss2_with_namespaces),
		cmocka_unit_test(atom_resolves_against_xml_base),
		cmocka_unit_test(rss1_rdf),
		cmocka_unit_test(broken_feed_recovers_what_it_can),
		cmocka_unit_test(no_future_dates),
		cmocka_unit_test(a_little_clock_skew_is_kept),
		cmocka_unit_test(entity_declarations_are_refused),
		cmocka_unit_test(every_encoding_declared_and_undeclared),
		cmocka_unit_test(gb2312_label_reads_gbk_and_gb18030_four_byte_characters),
		cmocka_unit_test(utf16_with_a_byte_order_mark),
		cmocka_unit_test(utf16_without_a_byte_order_mark),
		cmocka_unit_test(rss091_with_html_entities_and_latin1),
		cmocka_unit_test(atom03),
		cmocka_unit_test(json_feed_10_and_11),
		cmocka_unit_test(relative_links_follow_nested_xml_base),
		cmocka_unit_test(a_web_page_is_not_a_feed),
		cmocka_unit_test(what_is_not_a_feed_says_what_it_is),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
