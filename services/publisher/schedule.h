#ifndef PRECIS_SCHEDULE_H
#define PRECIS_SCHEDULE_H

#include <stddef.h>
#include <time.h>

#include "config.h"

/*
 * When editions are published: publisher.schedule is daily, hourly or
 * weekly; publisher.publish_at is HH:MM (for hourly only the minutes
 * count); weekly editions go out on publisher.publish_day. All in
 * publisher.timezone, which the process applies to local time at start.
 */

/*
 * Checks publisher.publish_at and publisher.timezone, then makes that zone
 * the process's local time (logs and messages stay in UTC). Call before
 * any thread starts. Returns 0, or -1 with errstr.
 */
int schedule_prepare(const struct config *cfg, char *errstr, size_t errsize);

/*
 * Whether the slot of the current period has come, for local time now.
 * period receives the period's name ("2026-11-29", "2026-11-29T07", or
 * the date of the week's publish day), by which a publisher remembers that
 * it already published it. Returns 1 when due, 0 when not yet.
 */
int schedule_due(const char *schedule, const char *publish_at, const char *publish_day,
	const struct tm *now, char *period, size_t size);

/* The id an edition closed at local time now gets, before any -N suffix. */
void schedule_edition_id(const char *schedule, const struct tm *now, char *out, size_t size);

#endif
