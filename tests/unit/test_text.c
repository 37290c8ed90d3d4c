#include "unit.h"

#include "text.h"

static void utf8_validation(void **state)
{
	(void)state;
	assert_true(text_utf8_valid("h\xc3\xa9llo \xe4\xb8\xad", 10));
	assert_false(text_utf8_valid("\xc0\xaf", 2)); /* overlong '/' */
	assert_false(text_utf8_valid("\xed\xa0\x80", 3)); /* surrogate */
	assert_false(text_utf8_valid("\xe4\xb8", 2)); /* truncated */
	assert_true(text_utf8_valid("\xef\xbf\xbd", 3)); /* U+FFFD itself is fine */
}

/* A cut for a log line or an error text never leaves half a character. */
static void cuts_fall_between_characters(void **state)
{
	const char *s = "ab\xe4\xb8\xad\xf0\x9f\x93\xb0"; /* ab, 中, a four-byte emoji */

	(void)state;
	assert_int_equal(text_utf8_fit(s, 9, 9), 9);
	assert_int_equal(text_utf8_fit(s, 9, 8), 5); /* the emoji cut short goes whole */
	assert_int_equal(text_utf8_fit(s, 9, 4), 2); /* so does 中 */
	assert_int_equal(text_utf8_fit(s, 4, 100), 2); /* a length that ends in 中 */
	assert_int_equal(text_utf8_fit(s, 9, 0), 0);
	assert_int_equal(text_utf8_fit("\xe4\xb8", 2, 2), 0); /* only half a character */
}

static void counting_characters_and_words(void **state)
{
	size_t cjk, words;

	(void)state;
	assert_int_equal(text_chars("a\xe4\xb8\xad\xe6\x96\x87"), 3);
	text_count("AI \xe8\x8a\xaf\xe7\x89\x87\xe3\x80\x82 It's a GPU-rich world.", &cjk, &words);
	assert_int_equal(cjk, 2); /* the full stop 。 is not a character to read */
	assert_int_equal(words, 6); /* AI, It's, a, GPU, rich, world */
}

static void language_from_script(void **state)
{
	(void)state;
	assert_string_equal(text_detect_lang("The model was released on Tuesday."), "en");
	assert_string_equal(text_detect_lang("\xe5\xa4\xa7\xe6\xa8\xa1\xe5\x9e\x8b\xe5\x8f\x91\xe5\xb8\x83 GPT"), "zh");
	assert_string_equal(text_detect_lang("1234 !!"), "und");
}

/* Two short sentences of our own per language: about what a news lead is. */
static void languages_told_apart(void **state)
{
	static const struct {
		const char *lang, *text;
	} cases[] = {
		{ "en", "The city council approved the new budget on Tuesday. Schools will get more money next year." },
		{ "fr", "Le conseil municipal a approuvé mardi le nouveau budget. Les écoles recevront plus d'argent l'an prochain." },
		{ "de", "Der Stadtrat hat am Dienstag den neuen Haushalt beschlossen. Die Schulen bekommen im nächsten Jahr mehr Geld." },
		{ "es", "El ayuntamiento aprobó el martes el nuevo presupuesto. Las escuelas recibirán más dinero el próximo año." },
		{ "ru", "Городской совет во вторник утвердил новый бюджет. В следующем году школы получат больше денег." },
		{ "it", "Il consiglio comunale ha approvato martedì il nuovo bilancio. Le scuole riceveranno più soldi l'anno prossimo." },
		{ "pt", "A câmara municipal aprovou na terça-feira o novo orçamento. As escolas vão receber mais dinheiro no próximo ano." },
		{ "nl", "De gemeenteraad heeft dinsdag de nieuwe begroting goedgekeurd. Scholen krijgen volgend jaar meer geld." },
		{ "ja", "市議会は火曜日、新しい予算を承認した。学校は来年、より多くの予算を受け取る。" },
		{ "ko", "시의회는 화요일 새 예산안을 승인했다. 학교들은 내년에 더 많은 예산을 받게 된다." },
		{ "zh", "市议会周二批准了新的预算。明年学校将获得更多资金。" },
		{ "zh", "市議會週二批准了新的預算。明年學校將獲得更多資金。" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		if (strcmp(text_detect_lang(cases[i].text), cases[i].lang))
			fail_msg("'%s': %s, not %s", cases[i].text, text_detect_lang(cases[i].text),
				cases[i].lang);
}

static void cleaning_folds_space_and_repairs_bytes(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 100);
	text_append_clean(&b, "  a\t\n b\xc2\xa0\xe3\x80\x80 c \xff ", 16);
	assert_string_equal(b.data, "a b c \xef\xbf\xbd");
	buf_release(&b);
}

/* A secret leaves no trace in an error text, as given or percent-encoded, even cut to fit. */
static void redaction_takes_out_every_copy(void **state)
{
	static const struct {
		const char *text, *secret;
		size_t size;
		const char *want;
	} cases[] = {
		{ "http://h/bot123:abc/sendMessage: refused", "123:abc", 200,
		  "http://h/bot[redacted]/sendMessage: refused" },
		{ "HTTP 404: Cannot POST /bot123%3Aabc/x and 123:abc", "123:abc", 200,
		  "HTTP 404: Cannot POST /bot[redacted]/x and [redacted]" },
		{ "nothing to see", "123:abc", 200, "nothing to see" },
		{ "tok tok", "tok", 200, "[redacted] [redacted]" },
		/* longer than the room: cut (a write that does not fit is refused whole), never leaking */
		{ "x ab", "a", 8, "x " },
		{ "keep", "", 200, "keep" },
		{ "keep", NULL, 200, "keep" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char s[200];

		snprintf(s, sizeof(s), "%s", cases[i].text);
		text_redact(s, cases[i].size, cases[i].secret);
		if (strcmp(s, cases[i].want))
			fail_msg("case %zu: '%s', want '%s'", i, s, cases[i].want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(utf8_validation),
		cmocka_unit_test(cuts_fall_between_characters),
		cmocka_unit_test(counting_characters_and_words),
		cmocka_unit_test(language_from_script),
		cmocka_unit_test(languages_told_apart),
		cmocka_unit_test(cleaning_folds_space_and_repairs_bytes),
		cmocka_unit_test(redaction_takes_out_every_copy),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
