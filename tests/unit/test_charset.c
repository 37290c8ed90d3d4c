#include "unit.h"

#include <iconv.h>

#include "charset.h"

/* Paragraphs written for these tests, one per script the detector must tell apart. */
static const struct sample {
	const char *encoding; /* what the bytes are written in (iconv name) */
	const char *expect; /* what charset_detect() must answer */
	const char *text; /* UTF-8 */
} samples[] = {
	{ "WINDOWS-1251", "WINDOWS-1251",
		"Городской совет утвердил новый бюджет на следующий год. Расходы на транспорт и "
		"школы вырастут, а налоги для малого бизнеса останутся прежними, сообщил мэр." },
	{ "KOI8-R", "KOI8-R",
		"Городской совет утвердил новый бюджет на следующий год. Расходы на транспорт и "
		"школы вырастут, а налоги для малого бизнеса останутся прежними, сообщил мэр." },
	{ "ISO-8859-5", "ISO-8859-5",
		"Городской совет утвердил новый бюджет на следующий год. Расходы на транспорт и "
		"школы вырастут, а налоги для малого бизнеса останутся прежними, сообщил мэр." },
	{ "EUC-JP", "EUC-JP",
		"市議会は来年度の新しい予算を承認した。交通と学校への支出は増えるが、"
		"中小企業への税金は据え置かれると、市長は火曜日の記者会見で述べた。" },
	{ "SHIFT_JIS", "SHIFT_JIS",
		"市議会は来年度の新しい予算を承認した。交通と学校への支出は増えるが、"
		"中小企業への税金は据え置かれると、市長は火曜日の記者会見で述べた。" },
	{ "EUC-KR", "CP949",
		"시의회는 내년도 새 예산을 승인했다. 교통과 학교에 대한 지출은 늘어나지만 "
		"중소기업에 대한 세금은 그대로 유지된다고 시장은 화요일 기자회견에서 밝혔다." },
	{ "GB18030", "GB18030",
		"市议会批准了明年的新预算。交通和学校的支出将增加，而小企业的税收将保持不变，"
		"市长在周二的新闻发布会上表示。" },
	{ "BIG5", "BIG5-HKSCS",
		"市議會批准了明年的新預算。交通和學校的支出將增加，而小企業的稅收將保持不變，"
		"市長在週二的新聞發布會上表示。" },
	{ "ISO-8859-7", "ISO-8859-7",
		"Το δημοτικό συμβούλιο ενέκρινε τον νέο προϋπολογισμό για το επόμενο έτος. Οι "
		"δαπάνες για τις μεταφορές και τα σχολεία θα αυξηθούν, δήλωσε ο δήμαρχος." },
	{ "ISO-8859-2", "ISO-8859-2",
		"Rada miejska zatwierdziła nowy budżet na przyszły rok. Wydatki na transport i "
		"szkoły wzrosną, a podatki dla małych firm pozostaną bez zmian, powiedział burmistrz." },
	/* ISO-8859-1 is read as its superset, as browsers do. */
	{ "ISO-8859-1", "WINDOWS-1252",
		"Der Stadtrat hat den neuen Haushalt für das kommende Jahr gebilligt. Die Ausgaben "
		"für Verkehr und Schulen steigen, erklärte der Bürgermeister am Dienstag." },
	{ "WINDOWS-1252", "WINDOWS-1252",
		"Le conseil municipal a approuvé le nouveau budget pour l’année prochaine. Les "
		"dépenses consacrées aux écoles augmenteront, a déclaré le maire mardi." },
	{ "UTF-8", "UTF-8", "Plain UTF-8 — with a dash, “quotes” and 中文." },
};

/* text (UTF-8) in encoding, wrapped in the markup a page puts around it; caller frees. */
static char *encode_page(const char *text, const char *encoding, size_t *len)
{
	const char *head = "<html><head><title>t</title></head><body><p>";
	const char *tail = "</p></body></html>";
	size_t hl = strlen(head), tl = strlen(tail), in_left = strlen(text), out_left;
	size_t cap = hl + tl + in_left * 4;
	char *out = malloc(cap), *o, *in = (char *)text;
	iconv_t cd = iconv_open(encoding, "UTF-8");

	assert_non_null(out);
	assert_true(cd != (iconv_t)-1);
	memcpy(out, head, hl);
	o = out + hl;
	out_left = cap - hl - tl;
	assert_int_not_equal(iconv(cd, &in, &in_left, &o, &out_left), (size_t)-1);
	iconv_close(cd);
	memcpy(o, tail, tl);
	*len = (size_t)(o - out) + tl;
	return out;
}

static void undeclared_text_is_detected_and_decoded(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		const struct sample *s = &samples[i];
		char err[128];
		size_t len;
		char *page = encode_page(s->text, s->encoding, &len);
		const char *got = charset_detect(page, len);
		struct buf utf8;

		if (strcmp(got, s->expect))
			fail_msg("%s text detected as %s, not %s", s->encoding, got, s->expect);
		buf_init(&utf8, 1 << 20);
		assert_int_equal(charset_to_utf8(page, len, got, &utf8, err, sizeof(err)), 0);
		if (!strstr(utf8.data, s->text))
			fail_msg("%s text did not come back whole: %s", s->encoding, utf8.data);
		buf_release(&utf8);
		free(page);
	}
}

static void labels_name_what_browsers_decode(void **state)
{
	(void)state;
	assert_string_equal(charset_canonical("GB2312"), "GB18030");
	assert_string_equal(charset_canonical(" \"gbk\" "), "GB18030");
	assert_string_equal(charset_canonical("EUC-KR"), "CP949");
	assert_string_equal(charset_canonical("ks_c_5601-1987"), "CP949");
	assert_string_equal(charset_canonical("iso-8859-1"), "WINDOWS-1252");
	assert_string_equal(charset_canonical("ISO-8859-9"), "WINDOWS-1254");
	assert_string_equal(charset_canonical("x-mac-cyrillic"), "MAC-CYRILLIC");
	assert_string_equal(charset_canonical("koi8-r; charset"), "KOI8-R");
	assert_null(charset_canonical("x-user-defined-nonsense"));
	assert_null(charset_canonical(NULL));
}

static void short_or_patternless_bytes_still_decode(void **state)
{
	char err[128];
	struct buf utf8;

	(void)state;
	assert_string_equal(charset_detect("", 0), "UTF-8");
	assert_string_equal(charset_detect("plain ascii", 11), "UTF-8");
	/* Too short to tell Latin-1 from Latin-2, but both spell it the same. */
	buf_init(&utf8, 64);
	assert_int_equal(charset_to_utf8("caf\xe9", 4, charset_detect("caf\xe9", 4), &utf8, err,
				 sizeof(err)), 0);
	assert_string_equal(utf8.data, "caf\xc3\xa9");
	buf_release(&utf8);
	/* C1 control bytes only: no detector answer, and windows-1252 reads every byte. */
	assert_string_equal(charset_detect("\x80\x81\x82\x83", 4), "WINDOWS-1252");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(undeclared_text_is_detected_and_decoded),
		cmocka_unit_test(labels_name_what_browsers_decode),
		cmocka_unit_test(short_or_patternless_bytes_still_decode),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
