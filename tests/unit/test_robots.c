#include "unit.h"

#include "robots.h"
#include "robots_reference.h"

static const char rules[] =
	"# a site's rules\n"
	"User-agent: *\n"
	"Disallow: /private/\n"
	"Allow: /private/press/\n"
	"Disallow: /*.pdf$\n"
	"Disallow: /search?\n"
	"\n"
	"User-agent: precis\n"
	"User-agent: otherbot\n"
	"Disallow: /drafts\n"
	"Allow: /drafts/published\n";

static void the_star_group_applies_to_strangers(void **state)
{
	(void)state;
	assert_false(robots_allowed(rules, "somebot/1.0", "/private/x.html"));
	assert_true(robots_allowed(rules, "somebot/1.0", "/private/press/release.html"));
	assert_false(robots_allowed(rules, "somebot/1.0", "/files/report.pdf"));
	assert_true(robots_allowed(rules, "somebot/1.0", "/files/report.pdf.html"));
	assert_false(robots_allowed(rules, "somebot/1.0", "/search?q=ai"));
	assert_true(robots_allowed(rules, "somebot/1.0", "/news/today.html"));
}

static void our_own_group_replaces_the_star_group(void **state)
{
	(void)state;
	/* precis has a group of its own, so the * rules do not apply to it */
	assert_true(robots_allowed(rules, "precis/0.1 (news digest)", "/private/x.html"));
	assert_false(robots_allowed(rules, "precis/0.1 (news digest)", "/drafts/1.html"));
	assert_true(robots_allowed(rules, "Precis/0.1", "/drafts/published/1.html"));
	assert_false(robots_allowed(rules, "otherbot", "/drafts"));
}

static void empty_or_odd_files_allow_everything(void **state)
{
	(void)state;
	assert_true(robots_allowed("", "precis", "/a"));
	assert_true(robots_allowed("garbage without rules\n\n", "precis", "/a"));
	assert_true(robots_allowed("User-agent: *\nDisallow:\n", "precis", "/a"));
	assert_false(robots_allowed("User-agent: *\r\nDisallow: /\r\n", "precis", "/a"));
	assert_true(robots_allowed("User-agent: *\nDisallow: /\nAllow: /$\n", "precis", "/"));
}

static void rules_match_as_a_slow_reference_says(void **state)
{
	static const char *const cases[][2] = {
		{ "/a*b", "/axxb" }, { "/a*b", "/axxbc" }, { "/a*b$", "/axxbc" }, { "/a*b$", "/ab" },
		{ "*", "" }, { "$", "" }, { "$", "/" }, { "/*$", "/x" }, { "**a**", "/ba" },
		{ "/a$b", "/a$b" }, { "/x*", "/x" }, { "/*.pdf$", "/r.pdf.pdf" }, { "/a*a*a$", "/aaa" },
		{ "/a*a*a$", "/aa" }, { "*/b*", "/b/b" }, { "/é*", "/é/x" },
	};
	const char alphabet[] = "/ab*$";
	unsigned seed = 7;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (robots_rule_matches(cases[i][0], strlen(cases[i][0]), cases[i][1]) !=
			robots_reference(cases[i][0], strlen(cases[i][0]), cases[i][1]))
			fail_msg("rule '%s' on '%s'", cases[i][0], cases[i][1]);
	/* And a few thousand small random ones, where the corners are. */
	for (int k = 0; k < 5000; k++) {
		char pat[9], path[9];
		size_t pl = (seed = seed * 1103515245 + 12345) % 8, ql = (seed >> 8) % 8;

		for (size_t i = 0; i < pl; i++)
			pat[i] = alphabet[(seed = seed * 1103515245 + 12345) % 5];
		for (size_t i = 0; i < ql; i++)
			path[i] = alphabet[(seed = seed * 1103515245 + 12345) % 3];
		pat[pl] = path[ql] = '\0';
		if (robots_rule_matches(pat, pl, path) != robots_reference(pat, pl, path))
			fail_msg("rule '%s' on '%s'", pat, path);
	}
}

/* A dozen stars took a recursive matcher minutes; a hostile robots.txt must not stall the fetcher. */
static void hostile_stars_are_matched_in_linear_time(void **state)
{
	char rule[4096], path[8192], text[8300];
	size_t k = 0;

	(void)state;
	for (int i = 0; i < 1000; i++)
		rule[k++] = '*', rule[k++] = 'a', rule[k++] = 'b';
	rule[k++] = 'c';
	rule[k] = '\0';
	memset(path, 'a', sizeof(path) - 1);
	path[0] = '/';
	path[sizeof(path) - 1] = '\0';
	assert_false(robots_rule_matches(rule, strlen(rule), path));
	snprintf(text, sizeof(text), "User-agent: *\nDisallow: /*a*a*a*a*a*a*a*a*a*a*a*a*b\n");
	assert_true(robots_allowed(text, "precis", path));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_star_group_applies_to_strangers),
		cmocka_unit_test(our_own_group_replaces_the_star_group),
		cmocka_unit_test(empty_or_odd_files_allow_everything),
		cmocka_unit_test(rules_match_as_a_slow_reference_says),
		cmocka_unit_test(hostile_stars_are_matched_in_linear_time),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
