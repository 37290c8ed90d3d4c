#include "unit.h"

#include "url.h"

static void check_canonical(const char *in, const char *want)
{
	char *got = url_canonical(in);

	assert_non_null(got);
	if (strcmp(got, want))
		fail_msg("canonical(%s) = %s, wanted %s", in, got, want);
	free(got);
}

static void canonical_form_drops_noise(void **state)
{
	(void)state;
	check_canonical("HTTPS://News.Example.COM:443/a/b?id=3&utm_source=x#top",
		"https://news.example.com/a/b?id=3");
	check_canonical("http://example.com/p?utm_medium=a&utm_campaign=b", "http://example.com/p");
	check_canonical("http://example.com:8080/p?fbclid=1&x=2", "http://example.com:8080/p?x=2");
	check_canonical("file:///tmp/a.html", "file:///tmp/a.html");
	/* query order does not matter; repeated keys keep theirs */
	check_canonical("http://example.com/p?b=2&a=1&tag=y&tag=x", "http://example.com/p?a=1&b=2&tag=y&tag=x");
	/* an empty path is the root */
	check_canonical("http://Example.com", "http://example.com/");
	assert_null(url_canonical("not a url"));
}

static void the_same_article_has_one_id(void **state)
{
	char a[33], b[33], c[33];

	(void)state;
	assert_int_equal(url_article_id("https://example.com/x?utm_source=feed", a), 0);
	assert_int_equal(url_article_id("https://EXAMPLE.com/x#comments", b), 0);
	assert_int_equal(url_article_id("https://example.com/y", c), 0);
	assert_string_equal(a, b);
	assert_string_not_equal(a, c);
	assert_int_equal(strlen(a), 32);
}

static void relative_links_resolve(void **state)
{
	char *u = url_resolve("http://h.example/feeds/a.xml", "../site/p.html");

	(void)state;
	assert_string_equal(u, "http://h.example/site/p.html");
	free(u);
	u = url_resolve("file:///srv/feeds/a.xml", "../site/p.html");
	assert_string_equal(u, "file:///srv/site/p.html");
	free(u);
	u = url_resolve("http://h.example/a", "https://other.example/b");
	assert_string_equal(u, "https://other.example/b");
	free(u);
}

/* A page's site is its host; its origin keeps the scheme and a port; neither for other schemes. */
static void hosts_and_origins(void **state)
{
	static const struct {
		const char *url, *host, *origin;
	} cases[] = {
		{ "https://WWW.Example.com/a/b?c=1", "www.example.com", "https://www.example.com" },
		{ "http://127.1.0.3:8080/feed.xml", "127.1.0.3", "http://127.1.0.3:8080" },
		{ "file:///tmp/page.html", NULL, NULL },
		{ "not a url", NULL, NULL },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *host = url_host(cases[i].url), *origin = url_origin(cases[i].url);

		if (cases[i].host)
			assert_string_equal(host, cases[i].host);
		else
			assert_null(host);
		if (cases[i].origin)
			assert_string_equal(origin, cases[i].origin);
		else
			assert_null(origin);
		free(host);
		free(origin);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(canonical_form_drops_noise),
		cmocka_unit_test(the_same_article_has_one_id),
		cmocka_unit_test(relative_links_resolve),
		cmocka_unit_test(hosts_and_origins),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
