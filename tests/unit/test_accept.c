#include "unit.h"

#include <jansson.h>

#include "accept.h"
#include "common.h"

/* What the extractor takes for an article's text, and what it refuses. */
static void text_is_judged_by_words_and_han_characters(void **state)
{
	static const struct {
		const char *name, *text;
		int trusted, accepted;
	} cases[] = {
		/* A Chinese news flash of 88 Han characters: 44 words. */
		{ "zh flash",
			"北辰机器人公司今天宣布，首批一百台第二代巡检机器人已经在华东地区的三座变电站上岗，"
			"公司表示新机型的续航时间比上一代提高了一倍，故障率下降了四成。"
			"业内人士认为，电力巡检正成为落地最快的场景。",
			0, 1 },
		/* 60 Han characters in one sentence: too little, even on a trusted page. */
		{ "zh fragment",
			"北辰机器人公司今天宣布，首批一百台第二代巡检机器人已经在华东地区的三座变电站上岗，"
			"公司表示新机型的续航时间比上一代提高了一倍。",
			1, 0 },
		/* 79 Latin words: the old 200-character rule's English equivalent passes too. */
		{ "en story",
			"The city council voted on Tuesday to extend the night bus network to the eastern "
			"suburbs, after a year of complaints from shift workers who said the last trains left "
			"them stranded. The plan adds four routes and runs them every twenty minutes between "
			"midnight and five in the morning. Officials said the extra service would cost about "
			"two million a year, paid from parking fees. Residents' groups welcomed the vote but "
			"asked for better lighting at stops.",
			0, 1 },
		/* Two whole sentences, 29 words: short, but clearly an article on a trusted page. */
		{ "en short item",
			"The port authority closed the northern terminal on Friday after a crane collapsed "
			"during a storm. Nobody was hurt, and ships were sent to the southern berths until "
			"inspectors finish.",
			1, 1 },
		/* The same on a page the extraction doubts: not enough. */
		{ "en short item, doubtful page",
			"The port authority closed the northern terminal on Friday after a crane collapsed "
			"during a storm. Nobody was hurt, and ships were sent to the southern berths until "
			"inspectors finish.",
			0, 0 },
		/* As many words in a menu: no sentences, no article. */
		{ "menu",
			"Home\n\nNews\n\nWorld news and analysis\n\nBusiness and markets today\n\nSport "
			"results and fixtures\n\nCulture and the arts\n\nOpinion and letters from readers"
			"\n\nWeather for the week ahead in every region",
			1, 0 },
		/* One sentence and a share line: a lead cut off, not an article. */
		{ "lead and share line",
			"The minister's former adviser is preparing to publish a memoir about the two "
			"years she spent inside the department.\n\nShare this article What is this?",
			1, 0 },
		{ "date line", "Tuesday, January 15, 2008", 1, 0 },
		{ "empty", "", 1, 0 },
	};
	char why[256];

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		const char *r = accept_text(cases[i].text, 40, cases[i].trusted, why, sizeof(why));

		if ((r == NULL) != cases[i].accepted)
			fail_msg("%s: %s", cases[i].name, r ? r : "accepted");
		if (r)
			assert_non_null(strstr(r, "extractor.min_words"));
	}
	assert_true(accept_words("\xe4\xb8\xad\xe6\x96\x87 two words") == 3.0); /* 中文 */
}

struct drops {
	char fields[256];
	size_t n;
};

static void note_drop(const char *field, const char *value, const char *reason, void *opaque)
{
	struct drops *d = opaque;

	(void)value;
	assert_true(*reason);
	strncat(d->fields, field, sizeof(d->fields) - strlen(d->fields) - 2);
	strncat(d->fields, " ", sizeof(d->fields) - strlen(d->fields) - 1);
	d->n++;
}

/* Bad or impossible metadata is dropped and reported, one field at a time; the rest stays. */
static void impossible_metadata_is_dropped_not_the_article(void **state)
{
	static const struct {
		const char *name, *json, *dropped, *kept_field, *kept_value;
	} cases[] = {
		{ "year one", "{\"updated\": \"1-01-01T00:00:00Z\", \"title\": \"t\"}", "updated ",
			"title", "t" },
		{ "the epoch", "{\"published\": \"1970-01-01T00:00:00Z\"}", "published ", NULL, NULL },
		{ "next year", "{\"published\": \"2027-12-01T00:00:00Z\"}", "published ", NULL, NULL },
		{ "not a date", "{\"published\": \"yesterday\"}", "published ", NULL, NULL },
		{ "a sound date in another form is rewritten",
			"{\"published\": \"Sun, 29 Nov 2026 08:00:00 +0100\"}", "", "published",
			"2026-11-29T07:00:00Z" },
		{ "an author that is a profile URL",
			"{\"author\": \"https://example.com/author/jane-doe/\"}", "author ", NULL, NULL },
		{ "an author that is an address", "{\"author\": \"desk@example.com\"}", "author ", NULL,
			NULL },
		{ "a real author", "{\"author\": \"Jane Doe, Li Wei\"}", "", "author",
			"Jane Doe, Li Wei" },
		{ "an image that is not a URL",
			"{\"image\": \"data:image/png;base64,AAAA\", \"canonical_url\": \"/relative\"}",
			"image canonical_url ", NULL, NULL },
		{ "an image with spaces", "{\"image\": \"https://example.com/a b.jpg\"}", "image ",
			NULL, NULL },
		{ "a good image", "{\"image\": \"https://example.com/a.jpg\"}", "", "image",
			"https://example.com/a.jpg" },
		{ "not a string", "{\"author\": 42, \"site_name\": \"\"}", "author site_name ", NULL,
			NULL },
	};
	int64_t now = 1795939200000LL; /* 2026-11-29T08:00:00Z */

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		json_error_t err;
		json_t *a = json_loads(cases[i].json, 0, &err);
		struct drops d = { "", 0 };
		size_t n = accept_metadata(a, now, note_drop, &d);

		assert_non_null(a);
		if (strcmp(d.fields, cases[i].dropped))
			fail_msg("%s: dropped '%s', expected '%s'", cases[i].name, d.fields,
				cases[i].dropped);
		assert_int_equal(n, d.n);
		if (cases[i].kept_field)
			assert_string_equal(json_string_value(json_object_get(a, cases[i].kept_field)),
				cases[i].kept_value);
		json_decref(a);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text_is_judged_by_words_and_han_characters),
		cmocka_unit_test(impossible_metadata_is_dropped_not_the_article),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
