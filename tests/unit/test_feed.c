#include "unit.h"

#include "common.h"
#include "date.h"
#include "feed.h"

static void parse_file(const char *rel, const char *url, struct feed *f, int want_rc)
{
	char err[256];
	size_t len;
	char *data = unit_read(rel, &len);
	int rc = feed_parse(data, len, url, f, err, sizeof(err));

	if (rc != want_rc)
		fail_msg("%s: rc %d (%s)", rel, rc, err);
	free(data);
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
	assert_true(f.n >= 1);
	assert_string_equal(f.entries[0].title, "First bold story");
	assert_string_equal(f.entries[0].summary, "Lead with a link.\n\nSecond paragraph.");
	assert_string_equal(f.entries[0].published, "2026-11-27T09:15:00Z");
	for (size_t i = 0; i < f.n; i++)
		assert_non_null(f.entries[i].link); /* the entry without a link is dropped */
	feed_release(&f);
}

static void no_external_entities_and_no_future_dates(void **state)
{
	struct feed f;
	char now[32];

	(void)state;
	parse_file("tests/fixtures/feeds/future-and-entities.xml", "http://x.example/", &f, 0);
	assert_int_equal(f.n, 1);
	assert_null(strstr(f.entries[0].title, "root:"));
	time_iso8601(now_ms() + 60000, now, sizeof(now));
	assert_true(strcmp(f.entries[0].published, now) <= 0);
	feed_release(&f);
}

static void a_web_page_is_not_a_feed(void **state)
{
	struct feed f;
	char err[256];

	(void)state;
	parse_file("tests/fixtures/feeds/not-a-feed.html", "http://x.example/", &f, -1);
	feed_release(&f);
	assert_int_equal(feed_parse("", 0, "http://x/", &f, err, sizeof(err)), -1);
	feed_release(&f);
}

static void dates_in_the_wild(void **state)
{
	int64_t ms;

	(void)state;
	assert_int_equal(date_parse("Thu, 26 Nov 2026 09:00:00 +0000", &ms), 0);
	assert_int_equal(ms, 1795683600000LL);
	assert_int_equal(date_parse("26 Nov 2026 10:00:00 +0100", &ms), 0);
	assert_int_equal(ms, 1795683600000LL);
	assert_int_equal(date_parse("Thu, 26 Nov 2026 04:00:00 EST", &ms), 0);
	assert_int_equal(ms, 1795683600000LL);
	assert_int_equal(date_parse("2026-11-26T17:00:00+08:00", &ms), 0);
	assert_int_equal(ms, 1795683600000LL);
	assert_int_equal(date_parse("2026-11-26T09:00:00.250Z", &ms), 0);
	assert_int_equal(ms, 1795683600000LL);
	assert_int_equal(date_parse("next tuesday", &ms), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rss2_with_namespaces),
		cmocka_unit_test(atom_resolves_against_xml_base),
		cmocka_unit_test(rss1_rdf),
		cmocka_unit_test(broken_feed_recovers_what_it_can),
		cmocka_unit_test(no_external_entities_and_no_future_dates),
		cmocka_unit_test(a_web_page_is_not_a_feed),
		cmocka_unit_test(dates_in_the_wild),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
