#include "date.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "common.h"

static const struct {
	const char *name;
	int minutes;
} zones[] = { { "UT", 0 }, { "GMT", 0 }, { "Z", 0 }, { "UTC", 0 }, { "EST", -300 },
	{ "EDT", -240 }, { "CST", -360 }, { "CDT", -300 }, { "MST", -420 }, { "MDT", -360 },
	{ "PST", -480 }, { "PDT", -420 }, { "CET", 60 }, { "CEST", 120 }, { "BST", 60 },
	{ "JST", 540 }, { "HKT", 480 }, { "SGT", 480 } };

static int zone_offset(const char *z, int *minutes)
{
	while (*z == ' ')
		z++;
	if (!*z) {
		*minutes = 0;
		return 0;
	}
	if ((*z == '+' || *z == '-') && isdigit((unsigned char)z[1]) &&
		isdigit((unsigned char)z[2])) {
		int h = (z[1] - '0') * 10 + (z[2] - '0'), m = 0;
		const char *mm = z[3] == ':' ? z + 4 : z + 3;

		if (isdigit((unsigned char)mm[0]) && isdigit((unsigned char)mm[1]))
			m = (mm[0] - '0') * 10 + (mm[1] - '0');
		*minutes = (h * 60 + m) * (*z == '-' ? -1 : 1);
		return 0;
	}
	for (size_t i = 0; i < ARRAY_SIZE(zones); i++)
		if (!strncasecmp(z, zones[i].name, strlen(zones[i].name))) {
			*minutes = zones[i].minutes;
			return 0;
		}
	return -1;
}

int date_parse(const char *s, int64_t *ms)
{
	/* RFC 822/1123 and 3339, and what feeds send instead: no comma, two-digit
	 * years, RFC 850's dashes, asctime(), a space for the T, no seconds. */
	static const char *const formats[] = { "%a, %d %b %Y %H:%M:%S", "%d %b %Y %H:%M:%S",
		"%a, %d %b %Y %H:%M", "%d %b %Y %H:%M", "%a, %d %b %y %H:%M:%S", "%Y-%m-%dT%H:%M:%S",
		"%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%a %d %b %Y %H:%M:%S", "%a, %d-%b-%y %H:%M:%S",
		"%a, %d-%b-%Y %H:%M:%S", "%a %b %d %H:%M:%S %Y", "%Y/%m/%d %H:%M:%S", "%Y-%m-%d",
		"%d %b %Y" };
	int minutes;

	while (*s == ' ')
		s++;
	for (size_t i = 0; i < ARRAY_SIZE(formats); i++) {
		struct tm tm;
		const char *rest;

		memset(&tm, 0, sizeof(tm));
		rest = strptime(s, formats[i], &tm);
		if (!rest)
			continue;
		if (*rest == '.') /* fractional seconds */
			for (rest++; isdigit((unsigned char)*rest); rest++)
				;
		if (zone_offset(rest, &minutes))
			continue;
		*ms = ((int64_t)timegm(&tm) - (int64_t)minutes * 60) * 1000;
		return 0;
	}
	return -1;
}
