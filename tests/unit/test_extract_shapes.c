#include "unit.h"

#include "buf.h"
#include "extract.h"
#include "common.h"

/*
 * Shapes of real pages that once cost the article (issue #11), each
 * written here in a few lines of our own: what the page is built like,
 * what of it is the article and what is not.
 */

static void extract_bytes(const char *html, size_t len, struct extract_result *r)
{
	char err[256];

	assert_int_equal(extract_html(html, len, NULL, "https://news.example/a", r, err,
				 sizeof(err)), 0);
}

static void expect(const char *kind, const struct extract_result *r, const char *const *kept,
	const char *const *gone)
{
	for (size_t i = 0; kept && kept[i]; i++)
		if (!strstr(r->text.data, kept[i]))
			fail_msg("%s: '%s' lost from '%s'", kind, kept[i], r->text.data);
	for (size_t i = 0; gone && gone[i]; i++)
		if (strstr(r->text.data, gone[i]))
			fail_msg("%s: '%s' kept in '%s'", kind, gone[i], r->text.data);
}

/* A stray NUL byte (padding after a banner) ended libxml2's document there. */
static void nul_bytes_end_nothing(void **state)
{
	static const char page[] =
		"<html><body><div class=\"banner\"><img src=\"b.gif\">\0\0</div>"
		"<article><p>The ferry to the island runs twice a day from April to October.</p>"
		"<p>Tickets cost less when they are bought at the harbour office, not on board.</p>"
		"<p>In winter a smaller boat takes the mail and a few passengers across.</p>"
		"</article></body></html>";
	static const char *const kept[] = { "twice a day", "harbour office", "smaller boat", NULL };
	struct extract_result r;

	(void)state;
	extract_bytes(page, sizeof(page) - 1, &r);
	expect("NUL bytes", &r, kept, NULL);
	extract_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(nul_bytes_end_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
