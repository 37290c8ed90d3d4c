#ifndef PRECIS_DATE_H
#define PRECIS_DATE_H

#include <stdint.h>

/*
 * Dates as feeds and pages write them, into ms since the epoch, UTC:
 *
 *  - RFC 3339, W3CDTF and ISO 8601: partial dates ("2004-07", "2004"), a
 *    space for the T, fractions, no separators ("20040105T083000Z");
 *  - RFC 822/1123/850 and asctime() (libcurl's curl_getdate()), and what
 *    feeds send instead: no weekday, no seconds, two-digit years, zone
 *    names libcurl does not know, "GMT+8", "+08:00";
 *  - month names in German, French, Spanish, Italian, Portuguese, Dutch,
 *    Hungarian, Greek and Russian, weekday names of any language, a.m./p.m.
 *    (오전/오후, 上午/下午), and the CJK forms "2024年1月5日 08:30" and
 *    "2024년 1월 5일 오후 3:20";
 *  - words and numbers around a date that are not part of it.
 *
 * A date without a zone is UTC, except where lang says otherwise.
 * Returns 0, or -1 if s holds no date. A day its month does not have
 * ("30 Feb", "31 Apr", 29 February of a common year) is no date, in
 * every form: nothing is rolled over into the next month.
 */
int date_parse(const char *s, int64_t *ms);

/*
 * The same for a date from a document in language lang ("zh-CN", "ko",
 * NULL when unknown). Where a language is spoken in one time zone, a date
 * without a zone is in it (zh +08:00, ja and ko +09:00; Hangul markers
 * alone say Korean), and "CST" in Chinese means China Standard Time
 * (+08:00), not US Central.
 */
int date_parse_lang(const char *s, const char *lang, int64_t *ms);

#endif
