#include "unit.h"

#include "common.h"
#include "date.h"

/*
 * Every form of date that feeds send, one row each: the text, the
 * language of its feed (or NULL), and the instant it means in UTC (NULL
 * when it is no date). Most rows mean 2024-01-05T08:30:00Z.
 */
static const struct {
	const char *form, *text, *lang, *utc;
} dates[] = {
	/* RFC 822 and what RSS sends instead */
	{ "rfc822", "Fri, 05 Jan 2024 08:30:00 +0000", NULL, "2024-01-05T08:30:00Z" },
	{ "rfc822 without weekday", "05 Jan 2024 08:30:00 GMT", NULL, "2024-01-05T08:30:00Z" },
	{ "rfc822 without seconds", "Fri, 05 Jan 2024 08:30 GMT", NULL, "2024-01-05T08:30:00Z" },
	{ "rfc822 two-digit year", "Fri, 05 Jan 24 08:30:00 GMT", NULL, "2024-01-05T08:30:00Z" },
	{ "rfc822 two-digit year, last century", "Thu, 05 Jan 95 08:30:00 GMT", NULL,
		"1995-01-05T08:30:00Z" },
	{ "rfc822 without the comma", "Fri 05 Jan 2024 08:30:00 GMT", NULL, "2024-01-05T08:30:00Z" },
	{ "rfc822 one-digit day and hour", "Fri, 5 Jan 2024 8:30:00 GMT", NULL,
		"2024-01-05T08:30:00Z" },
	{ "rfc822 without a zone", "Fri, 05 Jan 2024 08:30:00", NULL, "2024-01-05T08:30:00Z" },
	{ "rfc822 full month name", "Friday, 05 January 2024 08:30:00 GMT", NULL,
		"2024-01-05T08:30:00Z" },
	{ "rfc850", "Friday, 05-Jan-24 08:30:00 GMT", NULL, "2024-01-05T08:30:00Z" },
	{ "asctime", "Fri Jan  5 08:30:00 2024", NULL, "2024-01-05T08:30:00Z" },
	{ "zone EST", "Fri, 05 Jan 2024 03:30:00 EST", NULL, "2024-01-05T08:30:00Z" },
	{ "zone PDT", "Fri, 05 Jan 2024 01:30:00 PDT", NULL, "2024-01-05T08:30:00Z" },
	{ "zone CST in English", "Fri, 05 Jan 2024 02:30:00 CST", "en", "2024-01-05T08:30:00Z" },
	{ "zone CST in a Chinese feed", "Fri, 05 Jan 2024 16:30:00 CST", "zh-CN",
		"2024-01-05T08:30:00Z" },
	{ "zone KST, which libcurl does not know", "Fri, 05 Jan 2024 17:30:00 KST", NULL,
		"2024-01-05T08:30:00Z" },
	{ "zone IST", "Fri, 05 Jan 2024 14:00:00 IST", NULL, "2024-01-05T08:30:00Z" },
	{ "zone GMT+8", "Fri, 05 Jan 2024 16:30:00 GMT+8", NULL, "2024-01-05T08:30:00Z" },
	{ "zone UTC+05:30", "Fri, 05 Jan 2024 14:00:00 UTC+05:30", NULL, "2024-01-05T08:30:00Z" },
	{ "zone GMT-5", "Fri, 05 Jan 2024 03:30:00 GMT-5", NULL, "2024-01-05T08:30:00Z" },
	{ "offset with a colon", "Fri, 05 Jan 2024 16:30:00 +08:00", NULL, "2024-01-05T08:30:00Z" },
	{ "offset and its name", "Fri, 05 Jan 2024 16:30:00 +0800 (CST)", NULL,
		"2024-01-05T08:30:00Z" },
	{ "month first, a.m.", "Jan 5, 2024 8:30 AM", NULL, "2024-01-05T08:30:00Z" },
	{ "month first, p.m. and a zone", "January 4, 2024 at 10:30 p.m. PST", NULL,
		"2024-01-05T06:30:00Z" },
	{ "12 a.m. is midnight", "Jan 5, 2024 12:30 AM", NULL, "2024-01-05T00:30:00Z" },
	/* W3CDTF, RFC 3339, ISO 8601 */
	{ "rfc3339", "2024-01-05T08:30:00Z", NULL, "2024-01-05T08:30:00Z" },
	{ "rfc3339 fraction", "2024-01-05T08:30:00.123456Z", NULL, "2024-01-05T08:30:00Z" },
	{ "rfc3339 offset", "2024-01-05T16:30:00+08:00", NULL, "2024-01-05T08:30:00Z" },
	{ "rfc3339 lower-case t and z", "2024-01-05t08:30:00z", NULL, "2024-01-05T08:30:00Z" },
	{ "w3cdtf minutes", "2024-01-05T08:30Z", NULL, "2024-01-05T08:30:00Z" },
	{ "w3cdtf day", "2024-01-05", NULL, "2024-01-05T00:00:00Z" },
	{ "w3cdtf month", "2004-07", NULL, "2004-07-01T00:00:00Z" },
	{ "w3cdtf year", "2004", NULL, "2004-01-01T00:00:00Z" },
	{ "iso8601 basic", "20240105T083000Z", NULL, "2024-01-05T08:30:00Z" },
	{ "iso8601 basic date", "20240105", NULL, "2024-01-05T00:00:00Z" },
	{ "iso8601 basic offset", "20240105T163000+0800", NULL, "2024-01-05T08:30:00Z" },
	{ "iso8601 basic minutes", "20240105T0830Z", NULL, "2024-01-05T08:30:00Z" },
	{ "a space for the T", "2024-01-05 08:30:00", NULL, "2024-01-05T08:30:00Z" },
	{ "a space before the offset", "2024-01-05 16:30:00 +0800", NULL, "2024-01-05T08:30:00Z" },
	{ "iso date and a zone name", "2024-01-05 03:30:00 EST", NULL, "2024-01-05T08:30:00Z" },
	{ "sql server", "2024-01-05 08:30:00.0", NULL, "2024-01-05T08:30:00Z" },
	{ "no zone in a Chinese feed", "2024-01-05 16:30:00", "zh", "2024-01-05T08:30:00Z" },
	{ "slashes", "2024/01/05 08:30:00", NULL, "2024-01-05T08:30:00Z" },
	{ "perforce", "Fri, 2024/01/05 03:30:00 EST", NULL, "2024-01-05T08:30:00Z" },
	{ "day.month.year", "05.01.2024 08:30", NULL, "2024-01-05T08:30:00Z" },
	/* other languages */
	{ "German", "Fr, 05 Mär 2024 09:30:00 +0100", NULL, "2024-03-05T08:30:00Z" },
	{ "German, long", "Freitag, 5. Januar 2024, 09:30 Uhr MEZ", NULL, "2024-01-05T08:30:00Z" },
	{ "German, Dezember", "Do, 05 Dez 2024 09:30:00 +0100", NULL, "2024-12-05T08:30:00Z" },
	{ "Spanish", "vie, 05 ene 2024 09:30:00 +0100", NULL, "2024-01-05T08:30:00Z" },
	{ "Spanish, long", "5 de enero de 2024 08:30", NULL, "2024-01-05T08:30:00Z" },
	{ "Spanish, martes is no March", "mar, 05 dic 2023 09:30:00 +0100", NULL,
		"2023-12-05T08:30:00Z" },
	{ "French", "ven., 05 janv. 2024 09:30:00 +0100", NULL, "2024-01-05T08:30:00Z" },
	{ "French, août", "lun. 05 août 2024 10:30:00 +0200", NULL, "2024-08-05T08:30:00Z" },
	{ "Italian", "ven, 05 gen 2024 09:30:00 +0100", NULL, "2024-01-05T08:30:00Z" },
	{ "Portuguese", "sex, 05 out 2024 05:30:00 -0300", NULL, "2024-10-05T08:30:00Z" },
	{ "Dutch", "vr, 05 mei 2024 10:30:00 +0200", NULL, "2024-05-05T08:30:00Z" },
	{ "Greek", "Παρ, 05 Ιαν 2024 10:30:00 +0200", NULL, "2024-01-05T08:30:00Z" },
	{ "Greek, genitive", "Κυρ, 05 Μαΐου 2024 11:30:00 +0300", NULL, "2024-05-05T08:30:00Z" },
	{ "Greek, capitals", "ΠΑΡ, 05 ΙΟΥΛ 2024 11:30:00 +0300", NULL, "2024-07-05T08:30:00Z" },
	{ "Hungarian", "2024. január 5. 09:30 +0100", NULL, "2024-01-05T08:30:00Z" },
	{ "Hungarian, ISO-like", "2024-július-05T10:30+02:00", NULL, "2024-07-05T08:30:00Z" },
	{ "Hungarian, május", "2024. máj. 5., vasárnap 10:30 +0200", NULL, "2024-05-05T08:30:00Z" },
	{ "Russian", "5 января 2024 г. 11:30 MSK", NULL, "2024-01-05T08:30:00Z" },
	{ "Korean", "2024년 1월 5일 오후 5:30", NULL, "2024-01-05T08:30:00Z" },
	{ "Korean, with a weekday", "2024년 01월 05일 (금) 17:30:00", "ko", "2024-01-05T08:30:00Z" },
	{ "Korean, rfc822 with Korean names", "금, 05 1월 2024 17:30:00 +0900", NULL,
		"2024-01-05T08:30:00Z" },
	{ "Korean, ISO date and 오후", "2024-01-05 오후 5:30:00", NULL, "2024-01-05T08:30:00Z" },
	{ "Chinese", "2024年1月5日 16:30", "zh-CN", "2024-01-05T08:30:00Z" },
	{ "Chinese, no language known", "2024年1月5日 08:30", NULL, "2024-01-05T08:30:00Z" },
	{ "Chinese, weekday and 下午", "2024年01月05日 星期五 下午4:30", "zh-TW",
		"2024-01-05T08:30:00Z" },
	{ "Chinese, 点 and 分", "2024年1月5日16点30分", "zh", "2024-01-05T08:30:00Z" },
	{ "Japanese", "2024年1月5日(金) 17時30分", "ja", "2024-01-05T08:30:00Z" },
	/* junk around a date */
	{ "junk words around rfc822", "Published: Fri, 05 Jan 2024 08:30:00 GMT (updated)", NULL,
		"2024-01-05T08:30:00Z" },
	{ "junk after rfc3339", "2024-01-05T08:30:00Z; revised", NULL, "2024-01-05T08:30:00Z" },
	{ "white space around", " \n\t2024-01-05T08:30:00Z \n", NULL, "2024-01-05T08:30:00Z" },
	{ "a number before the date", "3 comments, posted 05 Jan 2024 08:30 GMT", NULL,
		"2024-01-05T08:30:00Z" },
	/* no date at all */
	{ "words", "next tuesday", NULL, NULL },
	{ "empty", "", NULL, NULL },
	{ "a version", "version 2.1", NULL, NULL },
	{ "month 13", "2024-13-05", NULL, NULL },
	/* read as UTC, these would be hours off without a word */
	{ "offset no place has", "Fri, 05 Jan 2024 08:30:00 +9900", NULL, NULL },
	{ "ISO offset no place has", "2024-01-05T08:30:00+99:00", NULL, NULL },
	{ "day 32", "Fri, 32 Jan 2024 08:30:00 GMT", NULL, NULL },
	{ "February 30", "2024-02-30T08:30:00Z", NULL, NULL },
	{ "a month name without a year", "Jan 5 08:30", NULL, NULL },
	{ "hour 25", "2024-01-05T25:30:00Z", NULL, NULL },
	/* minutes and seconds past int: once read as -1, a minute before the hour */
	{ "minute 4294967295", "5 Jan 2024 10:4294967295", NULL, NULL },
	{ "minute 4294967296", "5 Jan 2024 10:4294967296", NULL, NULL },
	{ "second 4294967295", "5 Jan 2024 10:30:4294967295", NULL, NULL },
	/*
	 * A day the month does not have is no date in any form; libcurl alone
	 * would roll it over into the next month (30 Feb is 2 March).
	 */
	{ "February 30, rfc822", "Mon, 30 Feb 2026 10:00:00 GMT", NULL, NULL },
	{ "February 30, rfc822 in a Chinese feed", "Mon, 30 Feb 2026 10:00:00 +0800", "zh", NULL },
	{ "February 30, Chinese", "2026年2月30日 10:00", "zh", NULL },
	{ "February 30, German", "Mo, 30 Feb 2026 10:00:00 +0100", NULL, NULL },
	{ "February 30, month first", "Feb 30, 2026", NULL, NULL },
	{ "February 30, asctime", "Mon Feb 30 10:00:00 2026", NULL, NULL },
	{ "February 30, with a zone name", "30 Feb 2026 10:00 CST", NULL, NULL },
	{ "February 29 of a common year, rfc850", "Saturday, 29-Feb-25 10:00:00 GMT", NULL, NULL },
	{ "April 31, rfc822", "Fri, 31 Apr 2026 10:00:00 GMT", NULL, NULL },
	{ "June 31, iso", "2024-06-31", NULL, NULL },
	{ "February 29 of a leap year, rfc822", "Thu, 29 Feb 2024 10:00:00 GMT", NULL,
		"2024-02-29T10:00:00Z" },
};

static void every_form(void **state)
{
	int failed = 0;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(dates); i++) {
		int64_t ms = 0;
		char got[32] = "(no date)";
		int rc = date_parse_lang(dates[i].text, dates[i].lang, &ms);

		if (!rc)
			time_iso8601(ms, got, sizeof(got));
		if (dates[i].utc ? rc || strcmp(got, dates[i].utc) : !rc) {
			print_error("%s: '%s' (%s) gave %s, want %s\n", dates[i].form, dates[i].text,
				dates[i].lang ? dates[i].lang : "-", got,
				dates[i].utc ? dates[i].utc : "no date");
			failed++;
		}
	}
	assert_int_equal(failed, 0);
}

static void date_parse_is_language_blind(void **state)
{
	int64_t a, b;

	(void)state;
	/* Without a language, CST is US Central and a date without a zone is UTC. */
	assert_int_equal(date_parse("Fri, 05 Jan 2024 02:30:00 CST", &a), 0);
	assert_int_equal(date_parse("2024-01-05T08:30:00", &b), 0);
	assert_true(a == b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_form),
		cmocka_unit_test(date_parse_is_language_blind),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
