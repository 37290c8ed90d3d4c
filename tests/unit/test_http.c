#include "unit.h"

#include <curl/curl.h>

#include "http.h"

static void non_public_addresses_are_recognised(void **state)
{
	static const char *const private_ips[] = { "127.0.0.1", "10.1.2.3", "172.16.0.1",
		"172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
		"224.0.0.1", "::1", "::", "fe80::1", "fd00::1", "::ffff:127.0.0.1",
		"::ffff:10.0.0.1", "not-an-ip" };
	static const char *const public_ips[] = { "8.8.8.8", "172.32.0.1", "93.184.216.34",
		"2606:4700::1111", "::ffff:8.8.4.4" };

	(void)state;
	for (size_t i = 0; i < sizeof(private_ips) / sizeof(*private_ips); i++)
		if (!http_address_is_private(private_ips[i]))
			fail_msg("%s should count as non-public", private_ips[i]);
	for (size_t i = 0; i < sizeof(public_ips) / sizeof(*public_ips); i++)
		if (http_address_is_private(public_ips[i]))
			fail_msg("%s should count as public", public_ips[i]);
}

static void refused_scheme_and_missing_file(void **state)
{
	struct config *cfg = config_new();
	struct http_options o;
	struct http_response r;
	char err[512];

	(void)state;
	http_options_from_config(&o, cfg, 1024);
	assert_int_equal(http_get(&o, "file:///etc/passwd", &r, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "scheme not allowed"));
	assert_int_equal(http_get(&o, "gopher://x/", &r, err, sizeof(err)), -1);
	config_free(cfg);
}

static void private_address_refused_without_allowlist(void **state)
{
	struct config *cfg = config_new();
	struct http_options o;
	struct http_response r;
	char err[512];

	(void)state;
	http_options_from_config(&o, cfg, 1024);
	/* Nothing listens on port 9 here; the guard must refuse before connecting. */
	assert_int_equal(http_get(&o, "http://127.0.0.1:9/", &r, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "refused to connect to non-public address 127.0.0.1"));
	config_free(cfg);
}

static void file_reads_respect_the_size_cap(void **state)
{
	struct config *cfg = config_new();
	struct http_options o;
	struct http_response r;
	char err[512], url[4200];

	(void)state;
	config_set(cfg, "fetcher.schemes", "file", "test", err, sizeof(err));
	http_options_from_config(&o, cfg, 100);
	snprintf(url, sizeof(url), "file://%s/examples/precis.yml", PRECIS_SOURCE_DIR);
	assert_int_equal(http_get(&o, url, &r, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "larger than 100 bytes"));
	http_options_from_config(&o, cfg, 1 << 20);
	assert_int_equal(http_get(&o, url, &r, err, sizeof(err)), 0);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body.data, "sources:"));
	http_response_release(&r);
	config_free(cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(non_public_addresses_are_recognised),
		cmocka_unit_test(refused_scheme_and_missing_file),
		cmocka_unit_test(private_address_refused_without_allowlist),
		cmocka_unit_test(file_reads_respect_the_size_cap),
	};
	int rc;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	curl_global_cleanup();
	return rc;
}
