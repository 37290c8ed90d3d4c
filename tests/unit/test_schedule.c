#include "unit.h"

#include <time.h>

#include "schedule.h"

static struct tm local(int y, int mo, int d, int h, int mi)
{
	struct tm tm = { 0 };

	tm.tm_year = y - 1900, tm.tm_mon = mo - 1, tm.tm_mday = d, tm.tm_hour = h, tm.tm_min = mi;
	tm.tm_isdst = -1;
	mktime(&tm); /* fills tm_wday */
	return tm;
}

static void daily_after_the_hour(void **state)
{
	char period[64];
	struct tm before = local(2026, 11, 29, 6, 59), at = local(2026, 11, 29, 7, 0);

	(void)state;
	assert_false(schedule_due("daily", "07:00", "mon", &before, period, sizeof(period)));
	assert_true(schedule_due("daily", "07:00", "mon", &at, period, sizeof(period)));
	assert_string_equal(period, "2026-11-29");
}

static void hourly_at_the_minute(void **state)
{
	char period[64], id[64];
	struct tm t = local(2026, 11, 29, 10, 14);

	(void)state;
	assert_false(schedule_due("hourly", "00:15", "mon", &t, period, sizeof(period)));
	t = local(2026, 11, 29, 10, 15);
	assert_true(schedule_due("hourly", "00:15", "mon", &t, period, sizeof(period)));
	assert_string_equal(period, "2026-11-29T10");
	schedule_edition_id("hourly", &t, id, sizeof(id));
	assert_string_equal(id, "2026-11-29T10");
	schedule_edition_id("daily", &t, id, sizeof(id));
	assert_string_equal(id, "2026-11-29");
}

static void weekly_on_its_day(void **state)
{
	char period[64];
	struct tm sunday = local(2026, 11, 29, 12, 0); /* a Sunday */
	struct tm monday_early = local(2026, 11, 30, 6, 0), monday = local(2026, 11, 30, 7, 0);

	(void)state;
	/* Sunday belongs to the week whose Monday slot has passed: due, once, for that week. */
	assert_true(schedule_due("weekly", "07:00", "mon", &sunday, period, sizeof(period)));
	assert_string_equal(period, "2026-11-23");
	assert_false(schedule_due("weekly", "07:00", "mon", &monday_early, period, sizeof(period)));
	assert_true(schedule_due("weekly", "07:00", "mon", &monday, period, sizeof(period)));
	assert_string_equal(period, "2026-11-30");
}

static void edition_dates_follow_the_time_zone(void **state)
{
	time_t t = 1795908600; /* 2026-11-28T23:30:00Z */
	char period[64];
	struct tm tm;

	(void)state;
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	localtime_r(&t, &tm);
	assert_true(schedule_due("daily", "07:00", "mon", &tm, period, sizeof(period)));
	assert_string_equal(period, "2026-11-29"); /* 07:30 in Shanghai */
	setenv("TZ", "UTC", 1);
	tzset();
	localtime_r(&t, &tm);
	assert_true(schedule_due("daily", "07:00", "mon", &tm, period, sizeof(period)));
	assert_string_equal(period, "2026-11-28");
}

static void prepare_checks_the_time_and_the_zone(void **state)
{
	static const struct {
		const char *publish_at, *timezone, *error; /* error NULL: accepted */
	} cases[] = {
		{ "07:00", "Asia/Shanghai", NULL },
		{ "", "UTC", NULL },
		{ "25:00", "UTC", "publisher.publish_at: '25:00' is not HH:MM" },
		{ "7:00", "UTC", "is not HH:MM" },
		{ "07:00", "Mars/Olympus_Mons", "not a time zone of the tz database" },
		{ "07:00", "../../etc/passwd", "not a time zone" },
		{ "07:00", "/etc/passwd", "not a time zone" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct config *cfg = config_new();
		char err[256] = "";

		config_set(cfg, "publisher.publish_at", cases[i].publish_at, "test", err, sizeof(err));
		config_set(cfg, "publisher.timezone", cases[i].timezone, "test", err, sizeof(err));
		if (!cases[i].error) {
			assert_int_equal(schedule_prepare(cfg, err, sizeof(err)), 0);
			assert_string_equal(getenv("TZ"), cases[i].timezone);
		} else {
			assert_int_equal(schedule_prepare(cfg, err, sizeof(err)), -1);
			if (!strstr(err, cases[i].error))
				fail_msg("case %zu: '%s' lacks '%s'", i, err, cases[i].error);
		}
		config_free(cfg);
	}
	setenv("TZ", "UTC", 1);
	tzset();
}

/* A zone name whose first 491 bytes name a real zone: cut to fit a path, it passed the check. */
static void a_zone_name_is_never_cut_to_another(void **state)
{
	struct config *cfg = config_new();
	char tz[600], err[1024] = "";
	int n = snprintf(tz, sizeof(tz), "Europe//"); /* 8 + 2k + 5 = 491 */

	(void)state;
	while (n < 491 - 5)
		n += snprintf(tz + n, sizeof(tz) - (size_t)n, "./");
	snprintf(tz + n, sizeof(tz) - (size_t)n, "ParisX");
	assert_int_equal(strlen(tz), 492);
	assert_int_equal(config_set(cfg, "publisher.timezone", tz, "test", err, sizeof(err)), 0);
	assert_int_equal(schedule_prepare(cfg, err, sizeof(err)), -1);
	if (!strstr(err, "is not a time zone of the tz database"))
		fail_msg("%s", err);
	config_free(cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(daily_after_the_hour),
		cmocka_unit_test(hourly_at_the_minute),
		cmocka_unit_test(weekly_on_its_day),
		cmocka_unit_test(edition_dates_follow_the_time_zone),
		cmocka_unit_test(prepare_checks_the_time_and_the_zone),
		cmocka_unit_test(a_zone_name_is_never_cut_to_another),
	};
	setenv("TZ", "UTC", 1);
	tzset();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
