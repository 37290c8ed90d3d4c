#include "unit.h"

#include "title.h"

/* Headlines of our own, dressed as sites dress them. */
static void site_names_leave_on_the_page_evidence(void **state)
{
	static const struct {
		const char *title, *site, *host, *want;
	} cases[] = {
		/* the host names the site */
		{ "Council passes the budget - The Verge", NULL, "www.theverge.com", "Council passes the budget" },
		{ "Council passes the budget | WIRED", NULL, "www.wired.com", "Council passes the budget" },
		{ "WIRED | Council passes the budget", NULL, "wired.com", "Council passes the budget" },
		/* og:site_name names it, at the end or the start */
		{ "Council passes the budget \xe2\x80\x94 Harbor Daily", "Harbor Daily", NULL, "Council passes the budget" },
		{ "Harbor Daily: News | Council passes the budget", "Harbor Daily", "example.org", "Council passes the budget" },
		/* Chinese portals: 标题_网易新闻, 标题_凤凰网资讯_凤凰网 */
		{ "\xe5\xb8\x82\xe8\xae\xae\xe4\xbc\x9a\xe9\x80\x9a\xe8\xbf\x87\xe6\x96\xb0\xe9\xa2\x84\xe7\xae\x97_\xe7\xbd\x91\xe6\x98\x93\xe6\x96\xb0\xe9\x97\xbb",
			NULL, "news.163.com", "\xe5\xb8\x82\xe8\xae\xae\xe4\xbc\x9a\xe9\x80\x9a\xe8\xbf\x87\xe6\x96\xb0\xe9\xa2\x84\xe7\xae\x97" },
		{ "\xe5\xb8\x82\xe8\xae\xae\xe4\xbc\x9a\xe9\x80\x9a\xe8\xbf\x87\xe6\x96\xb0\xe9\xa2\x84\xe7\xae\x97_\xe5\x87\xa4\xe5\x87\xb0\xe7\xbd\x91\xe8\xb5\x84\xe8\xae\xaf_\xe5\x87\xa4\xe5\x87\xb0\xe7\xbd\x91",
			"\xe5\x87\xa4\xe5\x87\xb0\xe7\xbd\x91", "news.ifeng.com",
			"\xe5\xb8\x82\xe8\xae\xae\xe4\xbc\x9a\xe9\x80\x9a\xe8\xbf\x87\xe6\x96\xb0\xe9\xa2\x84\xe7\xae\x97" },
		/* no evidence: a short part after a spaced separator goes, a headline's own dash stays */
		{ "Council passes the budget after a long night - Example News", NULL, NULL, "Council passes the budget after a long night" },
		{ "Budget - what changes for schools and libraries next year", NULL, NULL, "Budget - what changes for schools and libraries next year" },
		{ "snake_case names in the new style guide", NULL, NULL, "snake_case names in the new style guide" },
		{ "Council passes the budget", "Harbor Daily", "harbordaily.com", "Council passes the budget" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char *got = title_clean(cases[i].title, cases[i].site, cases[i].host);

		if (!got || strcmp(got, cases[i].want))
			fail_msg("'%s': '%s', not '%s'", cases[i].title, got ? got : "(null)", cases[i].want);
		free(got);
	}
	assert_null(title_clean(NULL, NULL, NULL));
	assert_null(title_clean("   ", NULL, NULL));
}

static void the_headline_wins_over_the_site_name(void **state)
{
	/* og:title only names the site; <title> and <h1> agree on the headline */
	const char *quanta[] = { "Quanta Magazine", NULL, "A new proof about prime gaps | Quanta Magazine",
		"A new proof about prime gaps" };
	/* og:title is fine; <title> carries the site */
	const char *plain[] = { "Council passes the budget", NULL, "Council passes the budget - Harbor Daily",
		"Council passes the budget" };
	/* only <title>, with the part the <h1> does not have */
	const char *h1only[] = { NULL, NULL, "Council passes the budget :: City pages", "Council passes the budget" };
	char *t;

	(void)state;
	t = title_pick(quanta, 4, "Quanta Magazine", "www.quantamagazine.org");
	assert_string_equal(t, "A new proof about prime gaps");
	free(t);
	t = title_pick(plain, 4, NULL, "harbordaily.example");
	assert_string_equal(t, "Council passes the budget");
	free(t);
	t = title_pick(h1only, 4, NULL, NULL);
	assert_string_equal(t, "Council passes the budget");
	free(t);
	assert_null(title_pick(h1only, 0, NULL, NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(site_names_leave_on_the_page_evidence),
		cmocka_unit_test(the_headline_wins_over_the_site_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
