#include "unit.h"

#include "robots.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_star_group_applies_to_strangers),
		cmocka_unit_test(our_own_group_replaces_the_star_group),
		cmocka_unit_test(empty_or_odd_files_allow_everything),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
