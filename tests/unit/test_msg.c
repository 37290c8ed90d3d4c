#include "unit.h"

#include "common.h"
#include "msg.h"
#include "text.h"

static const char good_summary[] =
	"{\"schema\":\"precis.summary/1\",\"id\":\"0123456789abcdef0123456789abcdef\","
	"\"url\":\"https://example.com/a\",\"source\":{\"name\":\"S\",\"lang\":\"en\","
	"\"category\":\"\",\"weight\":1},\"title\":\"T\",\"headline\":\"H\",\"emoji\":\"x\","
	"\"key_points\":[\"a\",\"b\",\"c\"],\"tags\":[],\"importance\":0.5,\"lang\":\"en\","
	"\"method\":\"extractive\",\"original_chars\":100,\"summarized_at\":\"2026-11-28T10:00:00Z\"}";

static void embedded_schemas_load(void **state)
{
	char err[256];

	(void)state;
	assert_int_equal(msg_selftest(err, sizeof(err)), 0);
}

static void a_valid_message_decodes(void **state)
{
	char err[256];
	json_t *m = msg_decode(MSG_SUMMARY, good_summary, strlen(good_summary), err, sizeof(err));

	(void)state;
	assert_non_null(m);
	json_decref(m);
}

static void expect_reason(const char *mutation_key, json_t *value, const char *reason)
{
	char err[256];
	json_t *m = json_loads(good_summary, 0, NULL);

	if (value)
		json_object_set_new(m, mutation_key, value);
	else
		json_object_del(m, mutation_key);
	assert_int_equal(msg_validate(MSG_SUMMARY, m, err, sizeof(err)), -1);
	if (!strstr(err, reason))
		fail_msg("got '%s', wanted '%s'", err, reason);
	json_decref(m);
}

static void violations_name_the_path_and_the_problem(void **state)
{
	(void)state;
	expect_reason("headline", NULL, "$: required field 'headline' is missing");
	expect_reason("key_points", json_pack("[ssss]", "a", "b", "c", "d"),
		"$.key_points: 4 items, at most 3 allowed");
	expect_reason("key_points", json_pack("[si]", "a", 3), "$.key_points[1]: must be of type string");
	expect_reason("summarized_at", json_string("yesterday"), "not an RFC 3339 date-time");
	expect_reason("url", json_string("/relative"), "not an absolute URI");
	expect_reason("method", json_string("magic"), "$.method: value not allowed");
	expect_reason("importance", json_real(1.5), "above the maximum");
	expect_reason("extra", json_true(), "unexpected field 'extra'");
	expect_reason("schema", json_string("precis.summary/2"), "must be \"precis.summary/1\"");
	expect_reason("source", json_pack("{s:s}", "name", "S"), "$.source: required field 'lang'");
}

static void not_json_is_a_clear_error(void **state)
{
	char err[256];

	(void)state;
	assert_null(msg_decode(MSG_PAGE, "{not json", 9, err, sizeof(err)));
	assert_non_null(strstr(err, "not JSON"));
	assert_null(msg_decode(MSG_PAGE, "", 0, err, sizeof(err)));
	assert_non_null(strstr(err, "empty message"));
}

static void dead_letters_keep_binary_payloads_as_base64(void **state)
{
	char err[256];
	json_t *dl = msg_deadletter("extractor", "bad", "precis.pages", 2, 41, "k", 1, "\xff\xfe", 2);
	json_t *dl2 = msg_deadletter("extractor", "bad", "precis.pages", 2, 41, NULL, 0, "ok", 2);

	(void)state;
	assert_int_equal(msg_validate(MSG_DEADLETTER, dl, err, sizeof(err)), 0);
	assert_string_equal(json_string_value(json_object_get(dl, "payload_encoding")), "base64");
	assert_string_equal(json_string_value(json_object_get(dl, "payload")), "//4=");
	assert_string_equal(json_string_value(json_object_get(dl2, "payload")), "ok");
	assert_true(json_is_null(json_object_get(dl2, "key")));
	json_decref(dl);
	json_decref(dl2);
}

/* A dead letter's log line names what an operator can look for, whatever the message holds. */
static void a_message_is_described_by_its_url_and_source(void **state)
{
	static const struct {
		const char *payload, *key, *want;
	} cases[] = {
		{ "{\"url\": \"https://a.example/x\", \"source\": {\"name\": \"A\"}, \"text\": 5}",
			"abc", "url https://a.example/x, source A" },
		{ "{\"url\": \"https://a.example/x\", \"source\": \"A\"}", NULL,
			"url https://a.example/x, source A" },
		{ "{\"url\": \"https://a.example/x\"}", NULL, "url https://a.example/x" },
		/* a forged line in the log is not possible */
		{ "{\"url\": \"https://a.example/\\nerror fake\"}", NULL,
			"url https://a.example/?error fake" },
		{ "{not json", "0123abcd", "key 0123abcd" },
		{ "[1, 2]", "k\n", "key k?" },
		{ "{not json", NULL, "" },
	};
	char out[64];

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		msg_describe(cases[i].payload, strlen(cases[i].payload), cases[i].key,
			cases[i].key ? strlen(cases[i].key) : 0, out, sizeof(out));
		assert_string_equal(out, cases[i].want);
	}
	/* cut to fit */
	msg_describe("{\"url\": \"https://a.example/a-very-long-path-indeed\"}", 52, NULL, 0, out, 16);
	assert_string_equal(out, "url https://a.e");
	/* between two characters, never inside one */
	{
		const char *cjk = "{\"url\": \"https://x\xe6\x96\xb0.example/\"}";

		msg_describe(cjk, strlen(cjk), NULL, 0, out, 16);
	}
	assert_string_equal(out, "url https://x");
}

/*
 * A reason that quotes the message cuts it at a byte count, maybe inside a
 * UTF-8 character; the dead letter of such a message once hit BUG() (the
 * stage aborted, and again on the redelivery: a poison message).
 */
static void dead_letters_take_any_reason(void **state)
{
	char err[512], url[700], *s;
	json_t *m = json_loads(good_summary, 0, NULL), *dl;
	size_t len;

	(void)state;
	url[0] = 'x';
	for (size_t i = 0; i < 220; i++)
		memcpy(url + 1 + 3 * i, "\xe6\x96\xb0", 3); /* 新, no URI */
	url[661] = '\0';
	json_object_set_new(m, "url", json_string(url));
	s = json_dumps(m, JSON_COMPACT);
	assert_null(msg_decode(MSG_SUMMARY, s, strlen(s), err, sizeof(err)));
	assert_non_null(strstr(err, "is not an absolute URI"));
	assert_true(text_utf8_valid(err, strlen(err))); /* the quoted URL is cut between characters */
	dl = msg_deadletter("publisher", err, "precis.summaries", 0, 7, NULL, 0, s, strlen(s));
	assert_int_equal(msg_validate(MSG_DEADLETTER, dl, err, sizeof(err)), 0);
	free(msg_encode(MSG_DEADLETTER, dl, &len, err, sizeof(err)));
	json_decref(dl);
	dl = msg_deadletter("publisher", "cut \xe6\x96", "precis.summaries", 0, 8, NULL, 0, "x", 1);
	assert_string_equal(json_string_value(json_object_get(dl, "reason")), "cut \xef\xbf\xbd\xef\xbf\xbd");
	json_decref(dl);
	free(s);
	json_decref(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(embedded_schemas_load),
		cmocka_unit_test(a_valid_message_decodes),
		cmocka_unit_test(violations_name_the_path_and_the_problem),
		cmocka_unit_test(not_json_is_a_clear_error),
		cmocka_unit_test(dead_letters_keep_binary_payloads_as_base64),
		cmocka_unit_test(a_message_is_described_by_its_url_and_source),
		cmocka_unit_test(dead_letters_take_any_reason),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
