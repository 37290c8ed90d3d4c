#include "unit.h"

#include "title.h"
#include "common.h"

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
		/* at ": ", " : " and " / " only a part that names the site goes */
		{ "HarborDaily.com: Council passes the budget", NULL, "www.harbordaily.com", "Council passes the budget" },
		{ "The Harbor Ledger : Business : Ferry fares rise in spring", NULL, "www.harborledger.com",
			"Ferry fares rise in spring" },
		{ "Ferry fares rise in spring / Online News @ HarborDaily", NULL, "harbordaily.com", "Ferry fares rise in spring" },
		{ "Ferry fares rise in spring @ HARBOR-DAILY Media", NULL, "www.harbor-daily.com", "Ferry fares rise in spring" },
		{ "Rovers @ Harbor City: the cup final", NULL, "www.harbordaily.com", "Rovers @ Harbor City: the cup final" },
		{ "Review: the new ferry is a delight", NULL, "www.harbordaily.com", "Review: the new ferry is a delight" },
		{ "Harbor Daily: the year in pictures", NULL, "harbordaily.com", "the year in pictures" },
		{ "HPA: Rovers win the cup", NULL, "breakingnews.hpa.co.uk", "Rovers win the cup" },
		/* there, a part that names more than the site stays */
		{ "Harbor's 2026 forecast: the great housing reset", NULL, "www.harbor.com",
			"Harbor's 2026 forecast: the great housing reset" },
		{ "Small business guide: Cyber security", "National Cyber Security Centre", "www.ncsc.example",
			"Small business guide: Cyber security" },
		/* no evidence: a short part after a spaced separator goes, a headline's own dash stays */
		{ "Council passes the budget after a long night - Example News", NULL, NULL, "Council passes the budget after a long night" },
		{ "Budget - what changes for schools and libraries next year", NULL, NULL, "Budget - what changes for schools and libraries next year" },
		{ "snake_case names in the new style guide", NULL, NULL, "snake_case names in the new style guide" },
		{ "Council passes the budget", "Harbor Daily", "harbordaily.com", "Council passes the budget" },
		/* a site named by initials, or by the domain under a subdomain */
		{ "Harbor Bay County Star - Rovers face a hard test", NULL, "www.hbstar.com", "Rovers face a hard test" },
		{ "Harbor Public Ledger - Rovers face a hard test", NULL, "www.publicledgeronline.com", "Rovers face a hard test" },
		{ "Rovers face a hard test - HBN World News Harbor", NULL, "news.hbn.com.au", "Rovers face a hard test" },
		/* the site's name in the middle: it and its motto go */
		{ "Rovers face a hard test - HarborSports - Independent and Minor League Sports News", NULL,
			"www.harborsports.com", "Rovers face a hard test" },
		/* a section's label: short, every word capitalised, not a sentence */
		{ "Nation | Ferry fares rise in spring", NULL, NULL, "Ferry fares rise in spring" },
		{ "After Hrs - Harbor band to play the pier in May", NULL, NULL, "Harbor band to play the pier in May" },
		{ "Rovers pursue a new coach: Sport: Rugby", NULL, NULL, "Rovers pursue a new coach" },
		{ "THE HARBOR BAND - FERRY 'SOLD' TO THE CITY", NULL, NULL, "FERRY 'SOLD' TO THE CITY" },
		{ "Rovers win the cup - Harbor Sport UK", NULL, NULL, "Rovers win the cup" },
		/* ... but a headline's own opening, a subject, a short headline stay */
		{ "COLLEGE FOOTBALL: Rovers coach jokes on eve of bowl", NULL, NULL, "COLLEGE FOOTBALL: Rovers coach jokes on eve of bowl" },
		{ "Film review: Harbor Lights", NULL, NULL, "Film review: Harbor Lights" },
		{ "11 Harbor Trends for 2026: Shaping What Comes Next", NULL, NULL,
			"11 Harbor Trends for 2026: Shaping What Comes Next" },
		{ "Harbor's Ferry Choice - Diesel or Electric?", NULL, NULL, "Harbor's Ferry Choice - Diesel or Electric?" },
		{ "Kinds of Ferry Service | A Guide to the Harbour Routes", NULL, NULL,
			"Kinds of Ferry Service | A Guide to the Harbour Routes" },
		{ "HBC HARBOURi library-->", NULL, "news.hbc.co.uk", "HBC HARBOURi library-->" },
		{ "Mayor - Fares Rise", NULL, NULL, "Mayor - Fares Rise" },
		{ "Public ledger rules change for the harbour board", NULL, "www.publicledgeronline.com",
			"Public ledger rules change for the harbour board" },
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
	/* og:title and <title> are the site's name and motto; the <h1> is the headline */
	const char *motto[] = { "HarborSports.com: #1 in College Sports", NULL,
		"HarborSports.com: #1 in College Sports", "Rovers' keeper earns player of the week" };
	/* the <title> carries a section, the <h1> the headline alone */
	const char *section[] = { NULL, NULL, "Rovers keeper earns player of the week : US Sport",
		"Rovers keeper earns player of the week" };
	/* an <h1> that is only a section is no headline; the <title>'s section goes as a label */
	const char *h1_section[] = { NULL, NULL, "Sport : Rovers keeper earns player of the week", "Sport" };
	char *t;

	(void)state;
	t = title_pick(section, 4, NULL, "www.harborsports.com");
	assert_string_equal(t, "Rovers keeper earns player of the week");
	free(t);
	t = title_pick(h1_section, 4, NULL, "www.harbordaily.com");
	assert_string_equal(t, "Rovers keeper earns player of the week");
	free(t);
	t = title_pick(motto, 4, NULL, "www.harborsports.com");
	assert_string_equal(t, "Rovers' keeper earns player of the week");
	free(t);
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

/*
 * The extractor's headline: the page's chosen title is kept as chosen, not
 * cut again (a second pass of the rule without evidence would take
 * "PARIS" off "AT CARVEN - PARIS"); the feed's title wins only when it is
 * the chosen one's headline alone, and stands in when the page has none.
 */
static void a_chosen_title_is_not_cleaned_twice(void **state)
{
	/* as the page's evidence left it: "- JANE DOE" went by the host */
	const char *chosen = "AT HARBOR - PARIS";
	char *t;

	(void)state;
	t = title_confirm(chosen, "AT HARBOR - PARIS", NULL, "www.janedoe.example");
	assert_string_equal(t, "AT HARBOR - PARIS");
	free(t);
	t = title_confirm(chosen, NULL, NULL, "www.janedoe.example");
	assert_string_equal(t, "AT HARBOR - PARIS");
	free(t);
	t = title_confirm("Rovers keeper earns player of the week : US Sport",
		"Rovers keeper earns player of the week", NULL, "www.harborsports.com");
	assert_string_equal(t, "Rovers keeper earns player of the week");
	free(t);
	t = title_confirm(NULL, "Council passes the budget - Harbor Daily", "Harbor Daily", NULL);
	assert_string_equal(t, "Council passes the budget");
	free(t);
	assert_null(title_confirm(NULL, NULL, NULL, NULL));
}

/*
 * The source's name is evidence the page did not give: a page without
 * og:site_name, served from an address, whose <h1> words its headline
 * otherwise, kept "| Harbor Courier"; the feed words it otherwise too. A
 * short name ("FT", "AI") is evidence only as a word of its own: the
 * feed's headlines that held its letters ("after", "OpenAI") were taken
 * for the site's name and thrown away.
 */
static void a_chosen_title_loses_the_sources_name(void **state)
{
	static const struct {
		const char *chosen, *feed, *source, *want;
	} cases[] = {
		{ "Ferry cancelled | Harbor Courier", "Ferry to Gull Island cancelled",
			"Harbor Courier", "Ferry cancelled" },
		{ "Harbor Courier - Ferry cancelled", NULL, "Harbor Courier", "Ferry cancelled" },
		{ "Ferry cancelled | The Harbor Courier", NULL, "Harbor Courier", "Ferry cancelled" },
		/* the evidence alone: a short last part that names no site stays */
		{ "Ferry cancelled - Gull Island", NULL, "Harbor Courier", "Ferry cancelled - Gull Island" },
		/* a part that holds a short source name is the headline's own */
		{ "New chips for AI - Tensor Ledger", NULL, "AI", "New chips for AI - Tensor Ledger" },
		/* a short source name names the site as a word of its own, not inside one */
		{ "Rail strike ends in Britain | FT", NULL, "FT", "Rail strike ends in Britain" },
		{ NULL, "Markets drift after the vote", "FT", "Markets drift after the vote" },
		{ NULL, "OpenAI ships a new model", "AI", "OpenAI ships a new model" },
		/* the site's name alone is no headline to cut down to nothing */
		{ "Harbor Courier", NULL, "Harbor Courier", "Harbor Courier" },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *t = title_confirm(cases[i].chosen, cases[i].feed, cases[i].source, "127.0.0.1");

		if (!t || strcmp(t, cases[i].want))
			fail_msg("'%s' ('%s' in the feed) from %s: '%s', not '%s'",
				cases[i].chosen ? cases[i].chosen : "", cases[i].feed ? cases[i].feed : "",
				cases[i].source, t ? t : "(null)", cases[i].want);
		free(t);
	}
}

/* Strips titles[i] with what all of titles taught, and compares with want[i]. */
static void expect_learned(const char *const *titles, const char *const *want, size_t n)
{
	struct title_learned l;

	title_learn(titles, n, &l);
	for (size_t i = 0; i < n; i++) {
		char *got = title_strip_learned(titles[i], &l);

		if (!got || strcmp(got, want[i]))
			fail_msg("'%s': '%s', not '%s'", titles[i], got ? got : "(null)", want[i]);
		free(got);
	}
	title_learned_release(&l);
}

/* What one title cannot tell, a site's titles tell together. */
static void a_sites_headlines_teach_its_name(void **state)
{
	/* a site's name after every headline, long enough to pass as part of one */
	const char *tribune[] = { "Rovers likely to start the cup final - Harbor Valley Tribune-Review",
		"Council passes the budget - Harbor Valley Tribune-Review",
		"Ferry fares rise in spring" };
	const char *tribune_want[] = { "Rovers likely to start the cup final",
		"Council passes the budget", "Ferry fares rise in spring" };
	/* the site's name leads; the section that follows differs, and goes as a label */
	const char *ledger[] = { "The Harbor Ledger : Business : Ferry fares rise in spring",
		"The Harbor Ledger : Sport : Rovers win the cup",
		"The Harbor Ledger : National : Council passes the budget",
		"The Harbor Ledger : World Sport : the cup in numbers" };
	const char *ledger_want[] = { "Ferry fares rise in spring", "Rovers win the cup",
		"Council passes the budget", "World Sport : the cup in numbers" };
	/* sections that differ are no site's name */
	const char *sections[] = { "Rovers win the cup : US Sport", "Council passes the budget : India World" };
	/* an agency's label before every headline */
	const char *agency[] = { "HPA: Rovers win the cup", "HPA: Council passes the budget: report" };
	const char *agency_want[] = { "Rovers win the cup", "Council passes the budget: report" };
	/* 标题_港城日报 */
	const char *zh[] = { "\xe5\xb8\x82\xe8\xae\xae\xe4\xbc\x9a\xe9\x80\x9a\xe8\xbf\x87\xe9\xa2\x84\xe7\xae\x97_\xe6\xb8\xaf\xe5\x9f\x8e\xe6\x97\xa5\xe6\x8a\xa5\xe6\x96\xb0\xe9\x97\xbb\xe4\xb8\xad\xe5\xbf\x83\xe6\x8a\xa5\xe9\x81\x93",
		"\xe6\xb8\xa1\xe8\xbd\xae\xe7\xa5\xa8\xe4\xbb\xb7\xe6\x98\xa5\xe5\xad\xa3\xe4\xb8\x8a\xe6\xb6\xa8_\xe6\xb8\xaf\xe5\x9f\x8e\xe6\x97\xa5\xe6\x8a\xa5\xe6\x96\xb0\xe9\x97\xbb\xe4\xb8\xad\xe5\xbf\x83\xe6\x8a\xa5\xe9\x81\x93" };
	const char *zh_want[] = { "\xe5\xb8\x82\xe8\xae\xae\xe4\xbc\x9a\xe9\x80\x9a\xe8\xbf\x87\xe9\xa2\x84\xe7\xae\x97",
		"\xe6\xb8\xa1\xe8\xbd\xae\xe7\xa5\xa8\xe4\xbb\xb7\xe6\x98\xa5\xe5\xad\xa3\xe4\xb8\x8a\xe6\xb6\xa8" };

	(void)state;
	expect_learned(tribune, tribune_want, ARRAY_SIZE(tribune));
	expect_learned(ledger, ledger_want, ARRAY_SIZE(ledger));
	expect_learned(sections, sections, ARRAY_SIZE(sections));
	expect_learned(agency, agency_want, ARRAY_SIZE(agency));
	expect_learned(zh, zh_want, ARRAY_SIZE(zh));
}

/* Without the evidence of two different headlines, nothing goes. */
static void one_headline_teaches_nothing(void **state)
{
	/* a running label that opens only some of the site's headlines stays */
	const char *label[] = { "Election 2024 - Turnout is up in the north - Harbor Daily",
		"Election 2024 - Counting starts at ten - Harbor Daily",
		"Ferry fares rise in spring - Harbor Daily", "Rovers win the cup - Harbor Daily",
		"Council passes the budget - Harbor Daily" };
	const char *label_want[] = { "Election 2024 - Turnout is up in the north",
		"Election 2024 - Counting starts at ten", "Ferry fares rise in spring",
		"Rovers win the cup", "Council passes the budget" };
	/* one story twice is one headline */
	const char *twice[] = { "Rovers win the cup - Harbor Valley Tribune-Review",
		"Rovers  win the cup - Harbor Valley Tribune-Review" };
	const char *twice_want[] = { "Rovers win the cup - Harbor Valley Tribune-Review",
		"Rovers win the cup - Harbor Valley Tribune-Review" };
	/* a title that is only the repeated part stays whole */
	const char *whole[] = { "Harbor Valley Tribune-Review", "Rovers win - Harbor Valley Tribune-Review",
		"Council passes the budget - Harbor Valley Tribune-Review" };
	const char *whole_want[] = { "Harbor Valley Tribune-Review", "Rovers win",
		"Council passes the budget" };
	const char *none[] = { NULL, "   " };
	struct title_learned l;

	(void)state;
	expect_learned(label, label_want, ARRAY_SIZE(label));
	expect_learned(twice, twice_want, ARRAY_SIZE(twice));
	expect_learned(whole, whole_want, ARRAY_SIZE(whole));
	assert_int_equal(title_learn(none, ARRAY_SIZE(none), &l), 0);
	assert_null(title_strip_learned(NULL, &l));
	assert_null(title_strip_learned(" ", &l));
	title_learned_release(&l);
	title_learned_release(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(site_names_leave_on_the_page_evidence),
		cmocka_unit_test(the_headline_wins_over_the_site_name),
		cmocka_unit_test(a_chosen_title_is_not_cleaned_twice),
		cmocka_unit_test(a_chosen_title_loses_the_sources_name),
		cmocka_unit_test(a_sites_headlines_teach_its_name),
		cmocka_unit_test(one_headline_teaches_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
