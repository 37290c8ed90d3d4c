#include "schedule.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"

static const char *const days[] = { "sun", "mon", "tue", "wed", "thu", "fri", "sat" };

int schedule_prepare(const struct config *cfg, char *errstr, size_t errsize)
{
	const char *t = cfg->publisher_publish_at, *tz = cfg->publisher_timezone;

	if (*t && !(strlen(t) == 5 && isdigit((unsigned char)t[0]) && isdigit((unsigned char)t[1]) &&
			  t[2] == ':' && isdigit((unsigned char)t[3]) && isdigit((unsigned char)t[4]) &&
			  (t[0] - '0') * 10 + (t[1] - '0') < 24 && t[3] < '6')) {
		snprintf(errstr, errsize, "publisher.publish_at: '%s' is not HH:MM", t);
		return -1;
	}
	if (strcmp(tz, "UTC")) {
		char zone[512];

		/* A name cut short could be another zone's file. */
		if ((size_t)snprintf(zone, sizeof(zone), "/usr/share/zoneinfo/%s", tz) >= sizeof(zone) ||
			strstr(tz, "..") || *tz == '/' || access(zone, R_OK)) {
			snprintf(errstr, errsize,
				"publisher.timezone: '%s' is not a time zone of the tz database", tz);
			return -1;
		}
	}
	setenv("TZ", tz, 1);
	tzset();
	return 0;
}

int schedule_due(const char *schedule, const char *publish_at, const char *publish_day,
	const struct tm *now, char *period, size_t size)
{
	int at = ((publish_at[0] - '0') * 10 + (publish_at[1] - '0')) * 60 +
		 (publish_at[3] - '0') * 10 + (publish_at[4] - '0');
	int minute_of_day = now->tm_hour * 60 + now->tm_min;

	if (!strcmp(schedule, "hourly")) {
		strftime(period, size, "%Y-%m-%dT%H", now);
		return now->tm_min >= at % 60;
	}
	if (!strcmp(schedule, "weekly")) {
		int want = 1, since;
		struct tm slot = *now;

		for (int d = 0; d < 7; d++)
			if (!strcmp(days[d], publish_day))
				want = d;
		since = (now->tm_wday - want + 7) % 7;
		if (since == 0 && minute_of_day < at)
			since = 7; /* this week's slot is later today: last week's is current */
		slot.tm_mday -= since;
		slot.tm_isdst = -1;
		mktime(&slot);
		strftime(period, size, "%Y-%m-%d", &slot);
		return since < 7;
	}
	strftime(period, size, "%Y-%m-%d", now);
	return minute_of_day >= at;
}

void schedule_edition_id(const char *schedule, const struct tm *now, char *out, size_t size)
{
	strftime(out, size, !strcmp(schedule, "hourly") ? "%Y-%m-%dT%H" : "%Y-%m-%d", now);
}
