#ifndef PRECIS_DATE_H
#define PRECIS_DATE_H

#include <stdint.h>

/*
 * Parses an RFC 822 or RFC 3339 date, with the common broken variants
 * (missing weekday or seconds, zone names, a space for the T), into ms
 * since the epoch, UTC. Returns 0, or -1 if s is no date.
 */
int date_parse(const char *s, int64_t *ms);

#endif
